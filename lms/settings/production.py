"""Production: refuses to start without its environment, and passes `check --deploy --fail-level WARNING`."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from . import storage as _storage
from .base import *  # noqa: F403
from .env import env, env_bool, env_int, env_list, env_required

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters with at least 5 distinct characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("The environment variable ALLOWED_HOSTS is required with these settings.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS])

DATABASES = {
    "default": dj_database_url.parse(
        env_required("DATABASE_URL"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

# A shared cache is required: allauth's rate limits and the verify-page cache must hold across workers.
# With Redis down the site degrades instead of failing (lms.cache, docs/decisions/0121): short socket timeouts, a
# per-process fallback, and sessions in the database, so an outage neither logs people out nor revives a session
# that was ended while Redis was away.
CACHES = {
    "default": {
        "BACKEND": "lms.cache.FailSoftRedisCache",
        "LOCATION": env_required("REDIS_URL"),
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "psa"),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", True) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": _storage.default_storage(),  # local files, or S3 when AWS_STORAGE_BUCKET_NAME is set
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

WAGTAILADMIN_BASE_URL = env_required("BASE_URL")

# --- certificates: never create signing keys implicitly in production ----------------------------------------
CERTIFICATES_AUTO_GENERATE_KEY = False

# --- operations: JSON logs, mail to ADMINS on server errors, optional Sentry (docs/operations.md) -------------
from email.utils import getaddresses  # noqa: E402

from lms.observability import logging_config, sentry_init  # noqa: E402

# ADMINS="Ops <ops@uni.example>, second@uni.example": who gets a mail for every server error (500).
ADMINS = [(name or email, email) for name, email in getaddresses([env("ADMINS", "")]) if email]
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
LOGGING = logging_config(level=env("LOG_LEVEL", "WARNING"), fmt=env("LOG_FORMAT", "json"), mail_admins=bool(ADMINS))
SENTRY_ENABLED = sentry_init(
    env("SENTRY_DSN"),
    environment=env("SENTRY_ENVIRONMENT", "production"),
    release=env("SENTRY_RELEASE"),
    traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
)
