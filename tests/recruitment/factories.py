"""Factories for recruitment: cohorts, applications, interview slots and notes."""

from datetime import timedelta

import factory
from django.utils import timezone

from recruitment.models import Application, Cohort, CohortMember, InterviewNote, InterviewSlot
from tests.lms.factories import InstitutionFactory, UserFactory


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Autumn {2027 + n}")
    intake_opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    intake_closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    training_deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=120))

    @factory.post_generation
    def courses(self, create, extracted, **kwargs):
        if create and extracted:
            self.courses.set(extracted)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(lambda o: o.user.full_name)
    email = factory.LazyAttribute(lambda o: o.user.email)
    institution = factory.SubFactory(InstitutionFactory)
    owner_institution = factory.LazyAttribute(lambda o: o.institution)
    study_programme = "Psychology"
    student_for = Application.StudentFor.ONE_TO_TWO
    hours_per_week = 4
    semesters = Application.Semesters.BOTH
    time_of_day = Application.TimeOfDay.EVENING
    languages = "Norwegian, English"
    motivation = "I want to help fellow students."
    consent_at = factory.LazyFunction(timezone.now)
    language = "en"


class InterviewSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewSlot

    institution = factory.SubFactory(InstitutionFactory)
    coordinator = factory.SubFactory(
        UserFactory, role="Coordinators", with_totp=True, institution=factory.SelfAttribute("..institution")
    )
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    duration_minutes = 30
    place = "Room 101, Student House"


class InterviewNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewNote

    application = factory.SubFactory(ApplicationFactory)
    author = factory.LazyAttribute(lambda o: o.application.slot.coordinator if hasattr(o.application, "slot") else None)
    text = "A thoughtful applicant."


class CohortMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortMember

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory, role="Trainees")
