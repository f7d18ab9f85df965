"""A small supervision world: two advisors with their own groups, a lead advisor, coordinators of two institutions,
and confidential notes that carry a sentinel string."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from supervision.models import Session
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
