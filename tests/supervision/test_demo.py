from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from supervision.demo import _tuesday
from supervision.models import Attendance, EngagementPeriod, Session, SupervisionGroup

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=StringIO())


def counts():
    return (SupervisionGroup.objects.count(), Session.objects.count(), Attendance.objects.count())


def test_seed_is_idempotent():
    seed()
    first = counts()
    seed()
    assert counts() == first


def test_demo_supporter_is_one_step_short_of_the_engagement_certificate():
    seed()
    period = EngagementPeriod.objects.with_progress().get(supporter__email="supporter@example.org")
    assert [item.key for item in period.requirements() if not item.met] == ["period_ended"]


@pytest.mark.parametrize("today", ["2026-12-01", "2026-12-04", "2026-12-07"])  # a Tuesday, a Friday, a Monday
@pytest.mark.parametrize("days", [-150, -14, -1, 1, 3, 17])
def test_the_tuesday_group_meets_on_a_tuesday_on_the_right_side_of_today(today, days):
    day = date.fromisoformat(today)
    meeting = timezone.localtime(_tuesday(days, today=day)).date()
    assert meeting.weekday() == 1
    assert (meeting < day) if days < 0 else (meeting >= day)
    assert abs((meeting - day).days - days) < 7


def test_the_seeded_tuesday_group_meets_on_tuesdays():
    seed()
    sessions = Session.objects.filter(group__name="OsloMet Tuesday group")
    assert sessions.count() == 9
    assert {timezone.localtime(session.starts_at).weekday() for session in sessions} == {1}
