"""Settings for benchmarks/two_servers.py: the production settings (PostgreSQL, Redis, S3 from the environment) with
the few changes a plain-HTTP loopback run needs, and one extra route that issues a certificate (benchmark only)."""

from lms.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.scaleout_urls"
# Served over plain HTTP on loopback: no TLS redirect; cookies are still Secure (the script sends them itself).
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None
# No collectstatic for a benchmark: WhiteNoise serves the finder's files.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"certificates.keys": {"handlers": ["console"], "level": "WARNING"}},
    "root": {"level": "ERROR", "handlers": ["console"]},
}
