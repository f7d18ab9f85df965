from io import StringIO

import pytest
from django.core.management import call_command

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
