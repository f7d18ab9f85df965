"""Attendance double submission on PostgreSQL with threads: recorded once."""

from lms.models import AuditEvent
from supervision import services
from supervision.models import Attendance, SessionParticipant
from tests import races

from .conftest import past_session

THREADS = 12
pytestmark = races.MARKS


def test_concurrent_attendance_submissions_record_once(world):
    session = past_session(advisor=world.advisor_a, group=world.group_a)
    statuses = {world.s1.pk: "present", world.s2.pk: "late"}
    outcome = races.race(
        lambda: services.attendance_record(session=session, statuses=statuses, actor=world.advisor_a), threads=THREADS
    )
    outcome.raise_errors()
    assert Attendance.objects.filter(session=session).count() == 2
    assert SessionParticipant.objects.filter(session=session).count() == 2
    assert AuditEvent.objects.filter(action="supervision.attendance.recorded").count() == 1
