"""Test settings: fast hashing, in-memory email, tasks run at once. DATABASE_URL picks SQLite or PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEMO_PASSWORD = "peer-support-demo"  # noqa: S105
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the apps and static/ without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# --- certificates: signing keys in a throw-away folder, never in jwt-keys/ -------------------------------------
import tempfile  # noqa: E402

CERTIFICATES_KEY_DIR = tempfile.mkdtemp(prefix="psa-test-keys-")

# --- the test database -------------------------------------------------------------------------------------------
# SQLite: a file under .test-db/ (not memory), so that pytest-django's --reuse-db (on by default, see pyproject.toml)
# keeps the migrated database between local runs; with pytest-xdist each worker gets its own file (`_gw0`, ...).
# Durability is irrelevant here: no fsync, and writers take the lock up front (live-server threads write too).
# PostgreSQL: `test_<name>` per worker (`test_<name>_gw0`, ...), made by pytest-django.
from .base import BASE_DIR, DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db" / "test.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA synchronous=OFF; PRAGMA journal_mode=TRUNCATE;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    (BASE_DIR / ".test-db").mkdir(exist_ok=True)
