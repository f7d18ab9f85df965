"""Settings for benchmarks/certificates.py: the benchmark settings with the task backend chosen by the benchmark
(BENCH_TASKS_BACKEND): the dummy backend while timing one issue (the PDF task is only enqueued, not run), the
database backend for the bulk run with real worker processes."""

import os

from benchmarks.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": os.environ.get("BENCH_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")}}
