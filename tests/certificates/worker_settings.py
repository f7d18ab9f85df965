"""Settings for `manage.py db_worker` processes started by test_bulk_worker.py: the test settings with the database
task backend, and the test's signing-key and media folders (the test fixtures give each test temporary ones)."""

import os

from lms.settings.test import *  # noqa: F403

CERTIFICATES_KEY_DIR = os.environ["PSA_TEST_WORKER_KEY_DIR"]
MEDIA_ROOT = os.environ["PSA_TEST_WORKER_MEDIA_ROOT"]
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
