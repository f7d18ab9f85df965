"""A small supervision world: two advisors with their own groups, a lead advisor, coordinators of two institutions,
and confidential notes that carry a sentinel string."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from certificates.services import issue_course_certificate
from courses.models import Course
from supervision.models import Attendance, Session, SupervisionSettings
from tests.lms.factories import InstitutionFactory, UserFactory

from . import factories

SENTINEL = "SENTINEL-7f3a9c-confidential"


class World(SimpleNamespace):
    pass


@pytest.fixture
def world(db):
    inst_a = InstitutionFactory(name="Inst A", slug="inst-a")
    inst_b = InstitutionFactory(name="Inst B", slug="inst-b")
    advisor_a = factories.AdvisorFactory(full_name="Advisor Anna")
    advisor_b = factories.AdvisorFactory(full_name="Advisor Bjorn")
    lead = factories.AdvisorProfileFactory(user__full_name="Lead Lise").user
    s1 = factories.SupporterFactory(full_name="Supporter One", institution=inst_a)
    s2 = factories.SupporterFactory(full_name="Supporter Two", institution=inst_a)
    s3 = factories.SupporterFactory(full_name="Supporter Three", institution=inst_b)
    group_a = factories.SupervisionGroupFactory(name="Group A", institution=inst_a, advisors=[advisor_a])
    group_b = factories.SupervisionGroupFactory(name="Group B", institution=inst_b, advisors=[advisor_b])
    for supporter in (s1, s2):
        factories.GroupMembershipFactory(group=group_a, supporter=supporter)
    factories.GroupMembershipFactory(group=group_b, supporter=s3)
    period1 = factories.EngagementPeriodFactory(supporter=s1, institution=inst_a)
    period2 = factories.EngagementPeriodFactory(supporter=s2, institution=inst_a)
    period3 = factories.EngagementPeriodFactory(supporter=s3, institution=inst_b)
    session_a = factories.SessionFactory(advisor=advisor_a, group=group_a, topic="Session of A")
    session_b = factories.SessionFactory(advisor=advisor_b, group=group_b, topic="Session of B")
    note_a_session = factories.NoteFactory(
        author=advisor_a, supporter=None, session=session_a, text=f"{SENTINEL} on a session"
    )
    note_a_supporter = factories.NoteFactory(author=advisor_a, supporter=s1, text=f"{SENTINEL} about s1")
    note_b = factories.NoteFactory(author=advisor_b, supporter=s3, text=f"{SENTINEL} by B")
    coordinator_a = UserFactory(role="Coordinators", with_totp=True, institution=inst_a)
    coordinator_b = UserFactory(role="Coordinators", with_totp=True, institution=inst_b)
    counsellor = UserFactory(role="Counsellors", with_totp=True)
    administrator = UserFactory(role="Administrators", with_totp=True)
    return World(**locals())


def past_session(**kwargs):
    kwargs.setdefault("starts_at", timezone.now() - timedelta(days=3))
    kwargs.setdefault("status", Session.Status.HELD)
    return factories.SessionFactory(**kwargs)


@pytest.fixture
def rules(db):
    settings = SupervisionSettings.current()
    settings.required_sessions = 2
    settings.required_hours = 5
    settings.require_course_certificate = True
    settings.save()
    return settings.rules()


@pytest.fixture
def course_certificate(world):
    course = Course.objects.create(title="Peer support basics", slug="basics", certificate_title="Peer support basics")
    return issue_course_certificate(
        holder=world.s1,
        course=course,
        evidence={"course": course.title, "hours": 12.0, "modules": []},
    )


@pytest.fixture
def ready_period(world, rules, course_certificate):
    """Period 1 ended yesterday with exactly the sessions and hours required."""
    period = world.period1
    period.starts_on = timezone.localdate() - timedelta(days=100)
    period.ends_on = timezone.localdate() - timedelta(days=1)
    period.save()
    for days in (10, 20):
        session = factories.SessionFactory(
            advisor=world.advisor_a, group=world.group_a, starts_at=timezone.now() - timedelta(days=days), status="held"
        )
        Attendance.objects.create(session=session, supporter=world.s1, status="present")
    factories.ActivityLogFactory(engagement=period, date=period.ends_on - timedelta(days=3), duration_minutes=300)
    return period
