"""Recruitment workflows: applying, taking from the shared queue, stages, booking, acceptance."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import Enrollment
from lms.models import AuditEvent
from recruitment import services
from recruitment.models import Application, CohortMember, InterviewSlot
from supervision.models import GroupMembership
from tests.lms.factories import UserFactory
from tests.supervision.factories import SupervisionGroupFactory

from . import factories

Stage = Application.Stage


def application_data(institution, **overrides):
    data = {
        "full_name": "Nora Ny",
        "email": "ignored@example.org",
        "institution": institution,
        "institution_other": "",
        "study_programme": "Nursing",
        "student_for": Application.StudentFor.TWO_TO_THREE,
        "hours_per_week": 5,
        "semesters": Application.Semesters.AUTUMN,
        "time_of_day": Application.TimeOfDay.DAYTIME,
        "languages": "Norwegian",
        "motivation": "I like listening.",
    }
    data.update(overrides)
    return data


def interviewed(application, actor):
    return services.application_move(application=application, stage=Stage.INTERVIEWED, actor=actor)


# --- applying ------------------------------------------------------------------------------------------------------


def test_an_application_from_a_coordinated_institution_goes_to_its_coordinators(
    world, django_capture_on_commit_callbacks
):
    person = UserFactory(institution=world.inst_a)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_submit(
            user=person, cohort=world.cohort, data=application_data(world.inst_a, email=person.email), language="nb"
        )
    assert application.owner_institution == world.inst_a
    assert application.stage == Stage.NEW
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "Vi har mottatt søknaden din" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(action="recruitment.application.submitted").count() == 1


def test_an_application_from_an_institution_without_coordinator_is_in_the_shared_queue(world):
    person = UserFactory()
    application = services.application_submit(
        user=person, cohort=world.cohort, data=application_data(world.inst_c), language="en"
    )
    assert application.in_shared_queue


def test_other_institution_goes_to_the_shared_queue(world):
    application = services.application_submit(
        user=UserFactory(), cohort=world.cohort, data=application_data(None, institution_other="NMBU"), language="en"
    )
    assert application.in_shared_queue
    assert application.institution_label == "NMBU"


def test_a_second_application_to_the_same_cohort_is_refused_and_nothing_is_saved(world):
    with pytest.raises(services.RecruitmentError) as error:
        services.application_submit(
            user=world.applicant_a, cohort=world.cohort, data=application_data(world.inst_a), language="en"
        )
    assert error.value.code == "duplicate"
    assert Application.objects.filter(user=world.applicant_a).count() == 1


def test_a_closed_cohort_refuses_applications(world):
    closed = factories.CohortFactory(
        intake_opens_on=timezone.localdate() - timedelta(days=60),
        intake_closes_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(services.RecruitmentError) as error:
        services.application_submit(
            user=UserFactory(), cohort=closed, data=application_data(world.inst_a), language="en"
        )
    assert error.value.code == "closed"
    assert not closed.applications.exists()


# --- the pipeline --------------------------------------------------------------------------------------------------


def test_any_coordinator_can_take_from_the_shared_queue_once(world):
    services.application_take(application=world.app_c, actor=world.coordinator_b)
    world.app_c.refresh_from_db()
    assert world.app_c.owner_institution == world.inst_b
    with pytest.raises(services.RecruitmentError) as error:
        services.application_take(application=world.app_c, actor=world.coordinator_a)
    assert error.value.code == "taken"


def test_advisors_cannot_take_applications(world):
    with pytest.raises(services.RecruitmentError):
        services.application_take(application=world.app_c, actor=world.advisor)
    world.app_c.refresh_from_db()
    assert world.app_c.in_shared_queue


def test_a_stage_change_is_audited_and_emails_the_applicant_in_their_language(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_move(application=world.app_b, stage=Stage.WAITING_LIST, actor=world.coordinator_b)
    event = AuditEvent.objects.get(action="recruitment.application.stage")
    assert event.detail == {"from": "new", "to": "waiting_list"}
    assert event.actor == world.coordinator_b
    assert mail.outbox[0].to == [world.app_b.email]
    assert "venteliste" in mail.outbox[0].body


def test_a_coordinator_cannot_change_another_institutions_application(world):
    with pytest.raises(services.RecruitmentError) as error:
        services.application_move(application=world.app_b, stage=Stage.DECLINED, actor=world.coordinator_a)
    assert error.value.code == "forbidden"
    world.app_b.refresh_from_db()
    assert world.app_b.stage == Stage.NEW


def test_a_shared_queue_application_must_be_taken_before_it_is_moved(world):
    with pytest.raises(services.RecruitmentError):
        services.application_move(application=world.app_c, stage=Stage.DECLINED, actor=world.coordinator_a)


def test_an_impossible_transition_is_refused(world):
    services.application_move(application=world.app_a, stage=Stage.DECLINED, actor=world.coordinator_a)
    with pytest.raises(services.RecruitmentError) as error:
        services.application_move(application=world.app_a, stage=Stage.INTERVIEWED, actor=world.coordinator_a)
    assert error.value.code == "transition"


def test_accepting_straight_from_new_is_refused(world):
    with pytest.raises(services.RecruitmentError) as error:
        services.application_accept(application=world.app_a, actor=world.coordinator_a)
    assert error.value.code == "transition"
    assert not world.applicant_a.groups.filter(name="Trainees").exists()


# --- booking -------------------------------------------------------------------------------------------------------


def test_booking_plans_the_interview_and_sends_both_a_calendar_invitation(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    world.app_a.refresh_from_db()
    world.slot_a.refresh_from_db()
    assert world.app_a.stage == Stage.INTERVIEW_PLANNED
    assert world.slot_a.application == world.app_a
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.app_a.email, world.coordinator_a.email])
    for message in mail.outbox:
        (name, content, mimetype) = message.attachments[0]
        assert name == "interview.ics"
        assert "METHOD:REQUEST" in content
        assert "method=REQUEST" in mimetype


def test_booking_a_taken_slot_is_refused_kindly(world):
    other = factories.ApplicationFactory(cohort=world.cohort, institution=world.inst_a)
    services.slot_book(slot=world.slot_a, application=other, actor=other.user)
    with pytest.raises(services.RecruitmentError) as error:
        services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    assert error.value.code == "gone"
    world.app_a.refresh_from_db()
    assert world.app_a.stage == Stage.NEW


def test_booking_a_cancelled_slot_is_refused(world):
    services.slot_cancel(slot=world.slot_a, actor=world.coordinator_a)
    with pytest.raises(services.RecruitmentError) as error:
        services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    assert error.value.code == "gone"


def test_booking_a_slot_in_the_past_is_refused(world):
    InterviewSlot.objects.filter(pk=world.slot_a.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(services.RecruitmentError) as error:
        services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    assert error.value.code == "gone"


def test_offering_a_slot_in_the_past_is_refused(world):
    with pytest.raises(services.RecruitmentError) as error:
        services.slot_offer(actor=world.coordinator_a, starts_at=timezone.now() - timedelta(minutes=5), place="Room")
    assert error.value.code == "past"
    assert InterviewSlot.objects.count() == 3


def test_a_slot_of_another_institution_cannot_be_booked(world):
    with pytest.raises(services.RecruitmentError) as error:
        services.slot_book(slot=world.slot_b, application=world.app_a, actor=world.applicant_a)
    assert error.value.code == "foreign"


def test_booking_another_slot_reschedules(world, django_capture_on_commit_callbacks):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_book(slot=world.slot_a2, application=world.app_a, actor=world.applicant_a)
    world.slot_a.refresh_from_db()
    world.slot_a2.refresh_from_db()
    assert world.slot_a.application is None
    assert world.slot_a2.application == world.app_a
    methods = sorted(m.attachments[0][2].split(";")[1].strip() for m in mail.outbox)
    # The interviewer gets the cancellation of the old time; both get the new invitation.
    assert methods == ["method=CANCEL", "method=REQUEST", "method=REQUEST"]


def test_cancelling_a_booking_frees_the_slot_and_returns_to_new(world, django_capture_on_commit_callbacks):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_release(application=world.app_a, actor=world.applicant_a)
    world.app_a.refresh_from_db()
    world.slot_a.refresh_from_db()
    assert world.slot_a.application is None
    assert world.app_a.stage == Stage.NEW
    assert all("METHOD:CANCEL" in m.attachments[0][1] for m in mail.outbox)
    assert len(mail.outbox) == 2


def test_a_coordinator_can_book_for_the_applicant(world):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.coordinator_a2)
    world.slot_a.refresh_from_db()
    assert world.slot_a.application == world.app_a


# --- acceptance ----------------------------------------------------------------------------------------------------


def test_acceptance_makes_a_trainee_enrolled_in_the_cohort_with_a_welcome(world, django_capture_on_commit_callbacks):
    group = SupervisionGroupFactory(institution=world.inst_a)
    interviewed(world.app_a, world.coordinator_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_accept(application=world.app_a, actor=world.coordinator_a, group=group)
    person = world.applicant_a
    person.refresh_from_db()
    assert person.groups.filter(name="Trainees").exists()
    assert Enrollment.objects.filter(user=person, course=world.course_page.course).count() == 1
    assert CohortMember.objects.filter(cohort=world.cohort, user=person).exists()
    assert GroupMembership.objects.filter(supporter=person, group=group, left_at__isnull=True).exists()
    assert len(mail.outbox) == 1
    assert "Welcome" in mail.outbox[0].subject


def test_accepting_twice_gives_a_clear_message_and_one_enrolment(world):
    interviewed(world.app_a, world.coordinator_a)
    services.application_accept(application=world.app_a, actor=world.coordinator_a)
    with pytest.raises(services.RecruitmentError) as error:
        services.application_accept(application=world.app_a, actor=world.coordinator_a2)
    assert error.value.code == "same"
    assert Enrollment.objects.filter(user=world.applicant_a).count() == 1


def test_a_group_of_another_institution_is_refused_and_nothing_is_saved(world):
    foreign = SupervisionGroupFactory(institution=world.inst_b)
    interviewed(world.app_a, world.coordinator_a)
    with pytest.raises(services.RecruitmentError):
        services.application_accept(application=world.app_a, actor=world.coordinator_a, group=foreign)
    world.app_a.refresh_from_db()
    assert world.app_a.stage == Stage.INTERVIEWED
    assert not Enrollment.objects.filter(user=world.applicant_a).exists()
    assert not world.applicant_a.groups.filter(name="Trainees").exists()


def test_withdrawing_frees_the_booked_slot(world):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    services.application_withdraw(application=world.app_a, user=world.applicant_a)
    world.app_a.refresh_from_db()
    world.slot_a.refresh_from_db()
    assert world.app_a.stage == Stage.WITHDRAWN
    assert world.slot_a.application is None


def test_nobody_else_can_withdraw_an_application(world):
    with pytest.raises(services.RecruitmentError):
        services.application_withdraw(application=world.app_a, user=world.applicant_b)


def test_note_text_never_reaches_the_audit_log(world):
    services.note_add(application=world.app_a, author=world.coordinator_a, text="SECRET-NOTE-TEXT")
    assert AuditEvent.objects.filter(action="recruitment.note.created").count() == 1
    assert not any("SECRET-NOTE-TEXT" in str(e.detail) for e in AuditEvent.objects.all())


def test_a_coordinator_of_another_institution_cannot_write_a_note(world):
    with pytest.raises(services.RecruitmentError):
        services.note_add(application=world.app_a, author=world.coordinator_b, text="x")
