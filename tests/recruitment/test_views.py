"""The applicant's side: the application form, My application, booking, cancelling and withdrawing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from recruitment.models import Application, InterviewSlot
from tests.lms.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db
Stage = Application.Stage


def form_data(**overrides):
    data = {
        "cohort": "",
        "full_name": "Nora Ny",
        "institution": "inst-a",
        "institution_other": "",
        "study_programme": "Nursing",
        "student_for": "2_3",
        "hours_per_week": "5",
        "semesters": "autumn",
        "time_of_day": "evening",
        "languages": "Norwegian, Somali",
        "motivation": "I like listening to people.",
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def applicant(world, django_user_model):
    return UserFactory(full_name="Nora Ny", institution=world.inst_a)


def post_apply(client, world, **overrides):
    return client.post(reverse("recruitment:apply"), form_data(cohort=world.cohort.pk, **overrides))


def test_anonymous_visitors_are_asked_to_create_an_account_or_log_in(client, world):
    content = client.get(reverse("recruitment:apply")).content.decode()
    assert "Create an account to apply" in content
    assert 'name="motivation"' not in content


def test_the_form_states_the_retention_period(client, world, applicant):
    client.force_login(applicant)
    content = client.get(reverse("recruitment:apply")).content.decode()
    assert "365 days after your application is closed" in content


def test_applying_records_the_application_and_sends_a_confirmation(
    client, world, applicant, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        response = post_apply(client, world)
    assert response.status_code == 302
    application = Application.objects.get(user=applicant)
    assert (application.email, application.institution, application.owner_institution) == (
        applicant.email,
        world.inst_a,
        world.inst_a,
    )
    assert application.consent_at is not None
    assert mail.outbox[0].to == [applicant.email]


def test_less_than_a_year_as_a_student_is_explained_kindly(client, world, applicant):
    client.force_login(applicant)
    response = post_apply(client, world, student_for="under_1")
    assert response.status_code == 400
    assert "studied for at least a year" in response.content.decode()
    assert "welcome to apply for a later intake" in response.content.decode()
    assert not Application.objects.filter(user=applicant).exists()


def test_an_unknown_institution_is_refused_clearly(client, world, applicant):
    client.force_login(applicant)
    response = post_apply(client, world, institution="hogwarts")
    assert response.status_code == 400
    assert "Choose your institution from the list" in response.content.decode()
    assert not Application.objects.filter(user=applicant).exists()


def test_another_institution_needs_its_name(client, world, applicant):
    client.force_login(applicant)
    response = post_apply(client, world, institution="other", institution_other="")
    assert response.status_code == 400
    assert "Write the name of your institution" in response.content.decode()
    response = post_apply(client, world, institution="other", institution_other="Høyskolen Kristiania Kjeller")
    assert response.status_code == 302
    assert Application.objects.get(user=applicant).in_shared_queue


def test_over_long_text_is_refused_and_what_was_typed_is_kept(client, world, applicant):
    client.force_login(applicant)
    response = post_apply(client, world, motivation="x" * 2001)
    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert "Nursing" in response.content.decode()
    assert not Application.objects.filter(user=applicant).exists()


def test_consent_is_required(client, world, applicant):
    client.force_login(applicant)
    response = post_apply(client, world, consent="")
    assert response.status_code == 400
    assert "only handle your application with your consent" in response.content.decode()


def test_a_forged_cohort_is_refused(client, world, applicant):
    closed = factories.CohortFactory(
        intake_opens_on=timezone.localdate() - timedelta(days=90),
        intake_closes_on=timezone.localdate() - timedelta(days=10),
    )
    client.force_login(applicant)
    response = client.post(reverse("recruitment:apply"), form_data(cohort=closed.pk))
    assert response.status_code == 400
    assert not Application.objects.filter(user=applicant).exists()


def test_a_second_application_to_the_same_cohort_is_refused_clearly(client, world):
    client.force_login(world.applicant_a)
    response = post_apply(client, world)
    assert response.status_code == 400
    assert "already applied to Autumn 2027" in response.content.decode()
    assert Application.objects.filter(user=world.applicant_a).count() == 1


def test_my_application_shows_only_my_own_and_free_times(client, world):
    client.force_login(world.applicant_a)
    content = client.get(reverse("recruitment:mine")).content.decode()
    assert "Autumn 2027" in content
    assert "Applicant Bo" not in content
    assert str(world.slot_a.public_id) in content
    assert str(world.slot_b.public_id) not in content  # another institution's time


def test_the_shared_queue_applicant_waits_for_a_coordinator(client, world):
    client.force_login(world.applicant_c)
    content = client.get(reverse("recruitment:mine")).content.decode()
    assert "will offer interview times soon" in content
    assert str(world.slot_a.public_id) not in content


def test_booking_through_the_page(client, world):
    client.force_login(world.applicant_a)
    url = reverse("recruitment:book", args=[world.app_a.public_id, world.slot_a.public_id])
    response = client.post(url, follow=True)
    assert "Your interview is booked" in response.content.decode()
    world.slot_a.refresh_from_db()
    assert world.slot_a.application == world.app_a
    ics = client.get(reverse("recruitment:interview_calendar", args=[world.app_a.public_id]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content


def test_booking_a_slot_that_is_gone(client, world):
    slot_id = world.slot_a.public_id
    InterviewSlot.objects.filter(pk=world.slot_a.pk).delete()
    client.force_login(world.applicant_a)
    response = client.post(reverse("recruitment:book", args=[world.app_a.public_id, slot_id]), follow=True)
    assert "no longer offered" in response.content.decode()
    world.app_a.refresh_from_db()
    assert world.app_a.stage == Stage.NEW


def test_booking_a_slot_taken_by_someone_else(client, world):
    other = factories.ApplicationFactory(cohort=world.cohort, institution=world.inst_a)
    InterviewSlot.objects.filter(pk=world.slot_a.pk).update(application=other)
    client.force_login(world.applicant_a)
    url = reverse("recruitment:book", args=[world.app_a.public_id, world.slot_a.public_id])
    response = client.post(url, follow=True)
    assert "just been taken" in response.content.decode()


@pytest.mark.parametrize("name", ["book", "cancel_booking", "withdraw", "interview_calendar"])
def test_another_persons_application_answers_404(client, world, name):
    client.force_login(world.applicant_b)
    args = [world.app_a.public_id, world.slot_a.public_id] if name == "book" else [world.app_a.public_id]
    url = reverse(f"recruitment:{name}", args=args)
    response = client.get(url) if name == "interview_calendar" else client.post(url)
    assert response.status_code == 404
    world.app_a.refresh_from_db()
    assert world.app_a.stage == Stage.NEW


@pytest.mark.parametrize("name", ["mine"])
def test_my_application_needs_a_login(client, world, name):
    response = client.get(reverse(f"recruitment:{name}"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_cancel_and_withdraw_through_the_page(client, world):
    client.force_login(world.applicant_a)
    client.post(reverse("recruitment:book", args=[world.app_a.public_id, world.slot_a.public_id]))
    response = client.post(reverse("recruitment:cancel_booking", args=[world.app_a.public_id]), follow=True)
    assert "Your interview is cancelled" in response.content.decode()
    response = client.post(reverse("recruitment:withdraw", args=[world.app_a.public_id]), follow=True)
    world.app_a.refresh_from_db()
    assert world.app_a.stage == Stage.WITHDRAWN


def test_the_header_offers_the_way_in_to_visitors_and_signed_up_people(client, world):
    apply_url = reverse("recruitment:apply")
    assert f'href="{apply_url}"' in client.get("/").content.decode()
    client.force_login(world.outsider)
    assert f'href="{apply_url}"' in client.get(reverse("home:my_page")).content.decode()
    client.force_login(world.trainee)
    assert "Become a peer supporter" not in client.get(reverse("home:my_page")).content.decode()


def test_my_page_shows_the_state_of_my_application(client, world):
    client.force_login(world.applicant_a)
    content = client.get(reverse("home:my_page")).content.decode()
    assert "My application" in content
    assert "New" in content
