"""Settings for `manage.py db_worker` processes started by test_bulk_worker.py: the test settings with the database
task backend, and the test process's signing-key folder (the test settings make a new temporary one per process)."""

import os

from lms.settings.test import *  # noqa: F403

CERTIFICATES_KEY_DIR = os.environ["PSA_TEST_WORKER_KEY_DIR"]
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
