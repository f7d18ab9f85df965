"""Settings for benchmarks/verify_rps.py: development settings plus a bare view to compare against, quiet logs,
no debug, and rate limits high enough not to count."""

from lms.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "benchmarks.urls"
CERTIFICATES_VERIFY_RATE_LIMIT = "100000000/60"
CERTIFICATES_UNKNOWN_RATE_LIMIT = "100000000/600"
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR", "handlers": []}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
