"""Attendance double submission on PostgreSQL with threads: recorded once."""

from django.contrib.auth import get_user_model

from lms import services as lms_services
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


def test_concurrent_erasures_erase_once(world):
    """Two administrators pressing "Yes, erase" at once: the row lock makes the second a no-op (one audit event)."""

    session = past_session(advisor=world.advisor_a, group=world.group_a, status="planned")
    services.attendance_record(session=session, statuses={world.s1.pk: "present"}, actor=world.advisor_a)
    outcome = races.race(lambda: lms_services.user_erase(user=world.s1, actor=world.administrator), threads=4)
    outcome.raise_errors()
    assert AuditEvent.objects.filter(action="account.erased").count() == 1
    assert get_user_model().objects.get(pk=world.s1.pk).is_erased
    assert SessionParticipant.objects.filter(session=session, supporter=world.s1).exists()
