import threading

import pytest
from django.db import connection, connections

from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.lms.factories import UserFactory

from .factories import CourseFactory, sample_evidence

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

THREADS = 50


def test_50_concurrent_issues_give_one_certificate_and_every_caller_gets_it():
    if connection.vendor != "postgresql":
        pytest.skip("Races need PostgreSQL; SQLite serialises writes.")
    holder = UserFactory(role="Trainees")
    course = CourseFactory()
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            certificate = certificate_issue(holder=holder, kind="course", course=course, evidence=sample_evidence())
            results.append(certificate.pk)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.filter(holder=holder, course=course).count() == 1
    assert set(results) == {Certificate.objects.get(holder=holder).pk} and len(results) == THREADS
