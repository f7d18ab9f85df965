"""Settings for benchmarks/run.py (`make bench`): the production settings (PostgreSQL, Redis from the environment)
with what a plain-HTTP loopback run needs, a bare view to compare against, and rate limits that do not count."""

from lms.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CERTIFICATES_AUTO_GENERATE_KEY = True
CERTIFICATES_VERIFY_RATE_LIMIT = "100000000/60"
CERTIFICATES_UNKNOWN_RATE_LIMIT = "100000000/600"
DEMO_PASSWORD = "bench-demo-password-1"  # noqa: S105 - throw-away benchmark database
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR", "handlers": []}}
