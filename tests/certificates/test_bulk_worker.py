"""Bulk issuing through the task worker (PostgreSQL): completed enrolments, one issuing task each, run by two real
`manage.py db_worker` processes at once. Every enrolment gets exactly one certificate and one PDF, and the holder's
email is sent once. benchmarks/certificates.py runs the same path with 1,000."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.db import connection
from django_tasks_db.models import DBTaskResult

from certificates import keys
from certificates.models import Certificate
from certificates.tasks import issue_certificate_for_enrollment
from tests import races
from tests.courses.factories import CourseFactory, EnrollmentFactory

pytestmark = races.MARKS

COUNT = 30
WORKERS = 2
ROOT = Path(__file__).resolve().parents[2]


def _worker_env() -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.certificates.worker_settings",
        "DATABASE_URL": url,
        "PSA_TEST_WORKER_KEY_DIR": str(django_settings.CERTIFICATES_KEY_DIR),
        "PSA_TEST_WORKER_MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
    }


def test_two_workers_issue_exactly_one_certificate_and_one_pdf_per_completed_enrolment(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    course = CourseFactory(certificate_valid_years=3)
    enrollments = [EnrollmentFactory(course=course, completed=True) for _ in range(COUNT)]
    keys.active_signing_key()  # the development key exists before the workers start, in the folder they read
    for enrollment in enrollments:
        issue_certificate_for_enrollment.enqueue(enrollment.pk)
    issue_certificate_for_enrollment.enqueue(enrollments[0].pk)  # a duplicate: still one certificate
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"]
    workers = [subprocess.Popen([*command, "--interval", "0.05"], cwd=ROOT, env=_worker_env()) for _ in range(WORKERS)]  # noqa: S603
    try:
        codes = [worker.wait(timeout=600) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    assert codes == [0] * WORKERS

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert DBTaskResult.objects.exclude(worker_ids=[]).count() == DBTaskResult.objects.count()
    certificates = list(Certificate.objects.filter(course=course))
    assert sorted(c.holder_id for c in certificates) == sorted(e.user_id for e in enrollments)  # one each
    assert all(c.pdf and default_storage.exists(c.pdf.name) for c in certificates)
    assert len({c.pdf.name for c in certificates}) == COUNT
    assert all(c.issued_email_sent_at for c in certificates)
    # each certificate's PDF was rendered once and its email sent once (one task each ran; the duplicate found it)
    counts = DBTaskResult.objects.values_list("task_path", flat=True)
    assert sum(path.endswith("render_certificate_pdf") for path in counts) == COUNT
    assert sum(path.endswith("send_certificate_issued_email") for path in counts) == COUNT
