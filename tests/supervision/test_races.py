"""Attendance double submission on PostgreSQL with threads: recorded once."""

import threading

import pytest
from django.db import connection, connections

from lms.models import AuditEvent
from supervision import services
from supervision.models import Attendance, SessionParticipant

from .conftest import past_session

THREADS = 12
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_concurrent_attendance_submissions_record_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writes; this race shows only on PostgreSQL.")
    session = past_session(advisor=world.advisor_a, group=world.group_a)
    statuses = {world.s1.pk: "present", world.s2.pk: "late"}
    barrier = threading.Barrier(THREADS)
    errors = []

    def submit():
        try:
            connection.ensure_connection()  # connect first, so the threads really start together
            barrier.wait()
            services.attendance_record(session=session, statuses=statuses, actor=world.advisor_a)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Attendance.objects.filter(session=session).count() == 2
    assert SessionParticipant.objects.filter(session=session).count() == 2
    assert AuditEvent.objects.filter(action="supervision.attendance.recorded").count() == 1
