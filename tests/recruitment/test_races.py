"""Races on PostgreSQL with threads: the last free slot is booked once; an application is accepted once."""

from django.core import mail

from courses.models import Enrollment
from lms.models import AuditEvent
from recruitment import services
from recruitment.models import Application, InterviewSlot
from tests import races
from tests.lms.factories import UserFactory

from . import factories

pytestmark = races.MARKS


def test_ten_applicants_booking_the_last_free_slot_give_exactly_one_booking(world):
    InterviewSlot.objects.exclude(pk=world.slot_a.pk).delete()
    applications = [
        factories.ApplicationFactory(cohort=world.cohort, institution=world.inst_a, user=UserFactory())
        for _ in range(10)
    ]

    def booking(application):
        return lambda: services.slot_book(slot=world.slot_a, application=application, actor=application.user)

    outcome = races.race([booking(application) for application in applications])
    results, errors = outcome.results, outcome.errors
    assert len(results) == 1
    assert len(errors) == 9
    assert all(isinstance(error, services.RecruitmentError) and error.code == "gone" for error in errors)
    world.slot_a.refresh_from_db()
    assert world.slot_a.application_id in {application.pk for application in applications}
    assert Application.objects.filter(stage=Application.Stage.INTERVIEW_PLANNED).count() == 1
    assert AuditEvent.objects.filter(action="recruitment.slot.booked").count() == 1


def test_two_coordinators_accepting_at_once_give_one_acceptance_enrolment_and_welcome(world):
    services.application_move(application=world.app_a, stage=Application.Stage.INTERVIEWED, actor=world.coordinator_a)
    mail.outbox.clear()

    def accept(coordinator):
        return lambda: services.application_accept(application=world.app_a, actor=coordinator)

    outcome = races.race([accept(world.coordinator_a), accept(world.coordinator_a2)])
    results, errors = outcome.results, outcome.errors
    assert len(results) == 1
    assert len(errors) == 1 and errors[0].code == "same"
    assert Enrollment.objects.filter(user=world.applicant_a).count() == 1
    assert AuditEvent.objects.filter(action="recruitment.application.stage", detail__to="accepted").count() == 1
    welcomes = [m for m in mail.outbox if m.to == [world.app_a.email]]
    assert len(welcomes) == 1
