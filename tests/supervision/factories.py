from datetime import timedelta

import factory
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone

from supervision.models import (
    ActivityLog,
    AdvisorAssignment,
    AdvisorProfile,
    Attendance,
    EngagementPeriod,
    GroupMembership,
    Note,
    Session,
    SupervisionGroup,
)
from tests.lms.factories import TEST_TOTP_SECRET, InstitutionFactory, UserFactory


class AdvisorFactory(UserFactory):
    """An advisor with a TOTP authenticator (staff need one to pass the MFA middleware)."""

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=extracted or "Advisors"))

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(self, TEST_TOTP_SECRET)


class SupporterFactory(UserFactory):
    institution = factory.SubFactory(InstitutionFactory)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=extracted or "Trainees"))


class AdvisorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisorProfile

    user = factory.SubFactory(AdvisorFactory)
    is_lead = True


class AdvisorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisorAssignment

    advisor = factory.SubFactory(AdvisorFactory)
    supporter = factory.SubFactory(SupporterFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))


class SupervisionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Group {n}")

    @factory.post_generation
    def advisors(self, create, extracted, **kwargs):
        if create and extracted:
            self.advisors.add(*extracted)


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(SupervisionGroupFactory)
    supporter = factory.SubFactory(SupporterFactory)
    joined_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=60))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    kind = Session.Kind.GROUP
    advisor = factory.SubFactory(AdvisorFactory)
    group = factory.SubFactory(SupervisionGroupFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    duration_minutes = 90
    place = "Pilestredet 46, room 101"
    topic = factory.Sequence(lambda n: f"Supervision topic {n}")


class OneToOneSessionFactory(SessionFactory):
    kind = Session.Kind.ONE_TO_ONE
    group = None
    supporter = factory.SubFactory(SupporterFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory, status=Session.Status.HELD)
    supporter = factory.SubFactory(SupporterFactory)
    status = Attendance.Status.PRESENT


class EngagementPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementPeriod

    supporter = factory.SubFactory(SupporterFactory)
    institution = factory.LazyAttribute(lambda o: o.supporter.institution or InstitutionFactory())
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=90))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))


class ActivityLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityLog

    engagement = factory.SubFactory(EngagementPeriodFactory)
    supporter = factory.LazyAttribute(lambda o: o.engagement.supporter)
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    kind = ActivityLog.Kind.ONE_TO_ONE
    duration_minutes = 60


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    author = factory.SubFactory(AdvisorFactory)
    supporter = factory.SubFactory(SupporterFactory)
    text = "A confidential observation."
