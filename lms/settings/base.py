"""Settings shared by every environment. Secrets and hosts come from the environment (see .env.example)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from . import storage as _storage
from .env import env, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Our own apps, lowest layer first: lms <- home <- courses <- certificates <- supervision <- recruitment; survey
# and network (public forms of the network) build on lms and home only; privacy (export, erasure, retention)
# reads every app below it.
PROJECT_APPS = [
    "lms",
    "home",
    "courses",
    "certificates",
    "supervision",
    "recruitment",
    "survey",
    "network",
    "privacy",
]

INSTALLED_APPS = [
    *PROJECT_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.apps.WagtailUsersConfig",  # Wagtail's user admin with our user fields
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",  # Feide (lms/feide): see docs/accounts.md
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# Load-balancer probes over plain HTTP are not redirected to HTTPS where SECURE_SSL_REDIRECT is on (lms/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.health.HealthCheckMiddleware",  # /healthz, /readyz: before anything that checks the host (lms/health.py)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.session_refresh.SessionRefreshMiddleware",  # idle expiry, saved at most every few minutes
    "django.middleware.locale.LocaleMiddleware",
    "home.middleware.ContentLanguageQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.middleware.StaffMFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "lms.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:my_page"

# Sessions: rotate at login (Django does), end at logout and password change, expire when idle.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
# Not saved on every request (that wrote the session row on every GET): lms.session_refresh saves a signed-in session
# at most every SESSION_REFRESH_INTERVAL seconds, which keeps the idle expiry (docs/decisions/0160).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_INTERVAL = env_int("SESSION_REFRESH_INTERVAL", 5 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# django-allauth: email is the login; verification and MFA as in docs/accounts.md.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_SIGNUP_FORM_CLASS = "lms.forms.SignupForm"
ACCOUNT_FORMS = {"login": "lms.login_form.LoginForm"}
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Peer Support Academy] "
ACCOUNT_RATE_LIMITS = {
    # The 6th failed login for one account within 5 minutes is refused; at most 30 attempts a minute per IP.
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # Feide (lms/feide/views.py): starts and returns per IP, and failed returns (bad state, nonce, unknown realm).
    "feide_login": "30/m/ip",
    "feide_failed": "10/m/ip",
}
# Confirming identity before sensitive changes (MFA, email): password or second factor, not an emailed code.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# The client IP of every rate limit comes from lms.clientip: X-Forwarded-For counts only when the socket address
# is one of these proxies (docs/decisions/0124; shapes in docs/accounts.md).
TRUSTED_PROXY_COUNT = ALLAUTH_TRUSTED_PROXY_COUNT
TRUSTED_PROXIES = [item for item in env("TRUSTED_PROXIES", "127.0.0.1/32,::1/128").split(",") if item.strip()]
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Peer Support Academy"
MFA_ADAPTER = "lms.adapters.MFAAdapter"
# --- Feide: institutional login through allauth's generic OpenID Connect provider (docs/accounts.md) ---------------
# Off unless both FEIDE_CLIENT_ID and FEIDE_CLIENT_SECRET are set (the button is then not shown and its URLs 404).
FEIDE_CLIENT_ID = env("FEIDE_CLIENT_ID", "")
FEIDE_CLIENT_SECRET = env("FEIDE_CLIENT_SECRET", "")
FEIDE_ISSUER = env("FEIDE_ISSUER", "https://auth.dataporten.no")
FEIDE_SCOPES = ["openid", "profile", "email", "userid-feide"]


def feide_providers(client_id: str, secret: str, issuer: str) -> dict:
    """SOCIALACCOUNT_PROVIDERS for Feide (tests call it with their own local provider's issuer). Half a
    configuration (an id without a secret, or the reverse) refuses to start rather than silently switching Feide off."""
    if bool(client_id) != bool(secret):
        raise ImproperlyConfigured("Set both FEIDE_CLIENT_ID and FEIDE_CLIENT_SECRET, or neither (Feide off).")
    app = {
        "provider_id": "feide",
        "name": "Feide",
        "client_id": client_id,
        "secret": secret,
        "settings": {"server_url": issuer, "oauth_pkce_enabled": True, "scope": FEIDE_SCOPES},
    }
    return {
        "openid_connect": {
            # allauth's provider with a nonce in every request, checked on return (lms/feide/provider.py).
            "provider_class": "lms.feide.provider.FeideProvider",
            "APPS": [app] if client_id and secret else [],
        }
    }


SOCIALACCOUNT_PROVIDERS = feide_providers(FEIDE_CLIENT_ID, FEIDE_CLIENT_SECRET, FEIDE_ISSUER)
SOCIALACCOUNT_ADAPTER = "lms.feide.adapter.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "lms.feide.forms.FeideSignupForm"}
# Never log in to, or connect, an existing account because an email matches (docs/decisions/0130).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10

MFA_FORMS = {"authenticate": "lms.forms.MFAAuthenticateForm", "reauthenticate": "lms.forms.MFAReauthenticateForm"}

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("nb", _("Norwegian Bokmål")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": _storage.default_storage(),  # local files, or S3 when AWS_STORAGE_BUCKET_NAME is set
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "psa"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Peer Support Academy <no-reply@peersupport.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Peer Support Academy"
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "wagtail_login_redirect"  # lms.views.redirect_to_login: on to allauth, never a form
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "pptx", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Bounded uploads (lms/documents.py, docs/decisions/0123): documents by size and by content, images by pixels too
# (Wagtail's default of 128 megapixels let a 121-megapixel PNG in, whose edit page took 2.5 s).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.documents.BoundedDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENTS_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGES_MAX_MEGAPIXELS", 25) * 1_000_000
# /readyz fails when a background task has waited this long without a worker picking it up (lms/health.py).
READYZ_TASK_MAX_WAIT_SECONDS = env_int("READYZ_TASK_MAX_WAIT_SECONDS", 900)
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatars: Wagtail would load each staff member's picture from Gravatar with a hash of their email
# (docs/security.md#account-page-and-avatars). Uploaded pictures (Account > Profile picture) stay local; otherwise
# Wagtail's default icon.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Autosave stays on the edit forms, but "new page" forms never autosave (lms/admin_pages.py): an abandoned "new
# module" form would otherwise leave a draft page nobody saved.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# The database backend with every query reduced to plain words first (lms/search_backend.py, issue 15).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "lms.search_backend", "INDEX_PREFIX": "psa_"}}
WAGTAIL_CONTENT_LANGUAGES = [("en", "English")]  # one page tree; Bokmål in <field>_nb (decision 0100)
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("nb", "Norsk (Bokmål)")]

# Periodic jobs (lms/periodic.py): run by `manage.py run_periodic` in production, by runserver in development.
PERIODIC_JOBS_IN_RUNSERVER = False
PERIODIC_JOB_INTERVALS: dict[str, float] = {}  # seconds by command, to shorten an interval (tests)

# Console log with the request id of each line (lms/observability.py); production.py writes JSON and mails ADMINS.
from lms.observability import logging_config as _logging_config  # noqa: E402

LOGGING = _logging_config(level=env("LOG_LEVEL", "WARNING"), fmt=env("LOG_FORMAT", "plain"), mail_admins=False)

# --- courses -------------------------------------------------------------------------------------------------------
# Approving the last task of a workflow publishes the page even when the approver has no publish permission of their
# own: Counsellors may not publish training pages directly, only through "Counsellor review" (docs/decisions/0034).
WAGTAIL_FINISH_WORKFLOW_ACTION = "courses.workflow_actions.publish_approved_workflow_state"

# --- home ----------------------------------------------------------------------------------------------------------
# Remember a person's preferred language in the language cookie when they log in (home/signals.py).
MIDDLEWARE += ["home.middleware.LanguageCookieMiddleware"]

# --- certificates ------------------------------------------------------------------------------------------------
from .env import env_bool as _env_bool  # noqa: E402

CERTIFICATES_ISSUER_NAME = env("CERTIFICATES_ISSUER_NAME", "Peer Support Network Oslo")
CERTIFICATES_ISSUER_URL = env("CERTIFICATES_ISSUER_URL", "")
CERTIFICATES_ISSUER_EMAIL = env("CERTIFICATES_ISSUER_EMAIL", "")
CERTIFICATES_ISSUER_DESCRIPTION = (
    "The student Peer Support Network in Oslo trains and supervises students who support fellow students."
)
# The private signing key lives here, outside the database and the repository (jwt-keys/ is git-ignored).
CERTIFICATES_KEY_DIR = env("CERTIFICATES_KEY_DIR", str(BASE_DIR / "jwt-keys"))
# Development creates a key on first use; production.py turns this off (run `manage.py certificates_keys generate`).
CERTIFICATES_AUTO_GENERATE_KEY = _env_bool("CERTIFICATES_AUTO_GENERATE_KEY", True)
CERTIFICATES_STATUS_LIST_SIZE = 131072
CERTIFICATES_VERIFY_RATE_LIMIT = env("CERTIFICATES_VERIFY_RATE_LIMIT", "60/60")  # lookups / seconds, per client
CERTIFICATES_UNKNOWN_RATE_LIMIT = env("CERTIFICATES_UNKNOWN_RATE_LIMIT", "20/600")  # unknown codes / seconds
# Outside SessionMiddleware: strips any cookie (and Vary: Cookie) from the public verify responses.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "certificates.middleware.PublicResponseNoCookiesMiddleware",
)
# Wagtail's redirects, skipped for the verify pages' own 404s (certificates/middleware.py).
MIDDLEWARE[MIDDLEWARE.index("wagtail.contrib.redirects.middleware.RedirectMiddleware")] = (
    "certificates.middleware.RedirectMiddleware"
)

# --- survey and network (public forms without an account; home/antispam.py) ------------------------------------
SURVEY_RATE_LIMIT = env("SURVEY_RATE_LIMIT", "30/600")  # survey answers (POSTs) / seconds, per client
NETWORK_CONTACT_RATE_LIMIT = env("NETWORK_CONTACT_RATE_LIMIT", "5/3600")  # contact requests / seconds, per client

# --- operations: request ids, Content-Security-Policy, Permissions-Policy (docs/operations.md) ----------------
# The request id is set first, so that every log line of a request, and every response (errors too), carries it.
MIDDLEWARE.insert(0, "lms.observability.RequestIdMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "lms.security_headers.SiteCSPMiddleware"
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("lms.security_headers.SiteCSPMiddleware") + 1, "lms.security_headers.PermissionsPolicyMiddleware"
)
INSTALLED_APPS += ["csp"]
# No inline script and no script from elsewhere on the public site (docs/decisions/0141). Styles: Wagtail's rich
# text and our own templates use a few style attributes, so 'unsafe-inline' stays for styles only.
_CSP_SELF = "'self'"
_CSP_DIRECTIVES = {
    "default-src": [_CSP_SELF],
    "script-src": [_CSP_SELF],
    "style-src": [_CSP_SELF, "'unsafe-inline'"],
    "img-src": [_CSP_SELF, "data:", "blob:"],
    "font-src": [_CSP_SELF, "data:"],
    "connect-src": [_CSP_SELF],
    "frame-src": [_CSP_SELF, *env_list("CSP_FRAME_SRC", [])],  # e.g. https://www.youtube-nocookie.com for embeds
    "media-src": [_CSP_SELF],
    "object-src": ["'none'"],
    "base-uri": [_CSP_SELF],
    "form-action": [_CSP_SELF],
    "frame-ancestors": [_CSP_SELF],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
# The Wagtail admin (its templates write inline scripts for inline panels and date pickers): scripts may be inline
# there, nowhere else. The admin is behind login and MFA.
CSP_ADMIN_URL_PREFIXES = ("/admin/",)
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {**_CSP_DIRECTIVES, "script-src": [_CSP_SELF, "'unsafe-inline'"], "worker-src": [_CSP_SELF, "blob:"]}
}
# Features no page of the site uses are switched off for it and for anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
}

# --- scale-out: signing keys on several servers (certificates/keys.py, docs/scale-out.md) -------------------------
# Private keys also from the environment: CERTIFICATES_PRIVATE_KEYS holds one or more PEM blocks (read by keys.py).
CERTIFICATES_KEY_RESCAN_SECONDS = env_int("CERTIFICATES_KEY_RESCAN_SECONDS", 60)  # look for staged keys this often
CERTIFICATES_KEY_REPORT_SECONDS = env_int("CERTIFICATES_KEY_REPORT_SECONDS", 600)  # each process says what it holds
CERTIFICATES_KEY_HOLDER_WINDOW = env_int("CERTIFICATES_KEY_HOLDER_WINDOW", 1800)  # `activate` asks servers seen since
# Addresses the site had before (kids in old credentials name them); their keys are published under them too.
CERTIFICATES_FORMER_BASE_URLS = env_list("CERTIFICATES_FORMER_BASE_URLS", [])
