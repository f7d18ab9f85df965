"""Development: the embedded SQLite database, console email, a fixed key that is never used elsewhere."""

from .base import *  # noqa: F403
from .env import env, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
DEMO_PASSWORD = "peer-support-demo"  # noqa: S105 - printed by seed_demo, development only
# Serve static files from the apps and static/ without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# `manage.py runserver` (make run) runs the periodic jobs in a background thread (lms/periodic.py).
PERIODIC_JOBS_IN_RUNSERVER = True
