"""No dead end after the last quiz attempt: the page says whom to write to (issue 12, item 4, in part)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.views.defaults import permission_denied

from courses.models import QuizAttempt
from tests.courses.factories import add_module, build_course, enrol, post_data, single_choice, wrong_answers
from tests.home.factories import SiteSettingsFactory
from tests.lms.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def used_up(client, trainee):
    course = build_course(modules=0)
    module = add_module(course, quiz=[single_choice("A?")], quiz_attempts_allowed=1)
    enrol(trainee, course)
    client.force_login(trainee)
    client.post(module.url + "quiz/")
    attempt = QuizAttempt.objects.in_progress().get()
    client.post(module.url + f"quiz/{attempt.public_id}/", post_data(wrong_answers(attempt)))
    return module


@pytest.mark.parametrize("suffix", ["", "quiz/"])
def test_no_attempts_left_names_the_contact_from_site_settings(client, used_up, suffix):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    with translation.override("en"):
        html = client.get(used_up.url + suffix, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You have used all your attempts" in html
    assert '<a href="mailto:counsellors@example.org">counsellors@example.org</a>' in html


def test_without_a_contact_address_the_message_stands_alone(client, used_up):
    SiteSettingsFactory(contact_email="")
    html = client.get(used_up.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You have used all your attempts" in html and "mailto:" not in html.split("You have used all")[1][:400]


# --- Who to contact: the person's institution first, the site's address otherwise ------------------------------


def test_the_institution_contact_comes_before_the_site_contact(client, used_up, trainee):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    trainee.institution = InstitutionFactory(short_name="OsloMet", contact_email="likeperson@oslomet.example")
    trainee.save(update_fields=["institution"])
    html = client.get(used_up.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The peer-support coordinator at OsloMet" in html
    assert 'href="mailto:likeperson@oslomet.example"' in html
    assert "counsellors@example.org" not in html.split("You have used all")[1][:600]


def test_an_institution_without_an_address_falls_back_to_the_site(client, used_up, trainee):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    trainee.institution = InstitutionFactory(contact_name="Kari", contact_email="")
    trainee.save(update_fields=["institution"])
    html = client.get(used_up.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="mailto:counsellors@example.org"' in html and "Kari" not in html


def test_the_quiz_result_after_the_last_attempt_names_the_contact(client, used_up):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    attempt = QuizAttempt.objects.submitted().get()
    html = client.get(used_up.url + f"quiz/{attempt.public_id}/result/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You have used all your attempts" in html and "0 attempts left" not in html
    assert 'href="mailto:counsellors@example.org"' in html


# --- The course page and My page agree with the module -------------------------------------------------------------


def test_the_course_page_offers_no_continue_when_the_attempts_are_used_up(client, used_up):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    course_page = used_up.get_parent()
    html = client.get(course_page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    progress = html.split('id="my-progress"')[1].split("</section>")[0]
    assert "Continue" not in progress and "Start the first module" not in progress
    assert "you have used all your quiz attempts" in progress
    assert 'href="mailto:counsellors@example.org"' in progress
    assert "No attempts left" in html  # the module's badge in the list


def test_my_page_offers_no_continue_when_the_attempts_are_used_up(client, used_up):
    html = client.get(reverse("home:my_page"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    panel = html.split(used_up.get_parent().title)[1]
    assert "you have used all your quiz attempts" in panel
    assert ">Continue<" not in panel


def test_a_trainee_with_attempts_left_is_offered_continue(client, trainee):
    course = build_course(modules=0)
    add_module(course, quiz=[single_choice("A?")], quiz_attempts_allowed=2)
    enrol(trainee, course)
    client.force_login(trainee)
    html = client.get(course.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "you have used all your quiz attempts" not in html
    assert "Start the first module" in html


def test_unlimited_attempts_never_run_out(client, trainee):
    course = build_course(modules=0)
    module = add_module(course, quiz=[single_choice("A?")], quiz_attempts_allowed=0)
    enrol(trainee, course)
    client.force_login(trainee)
    for _ in range(3):
        client.post(module.url + "quiz/")
        attempt = QuizAttempt.objects.in_progress().get()
        client.post(module.url + f"quiz/{attempt.public_id}/", post_data(wrong_answers(attempt)))
    html = client.get(course.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "you have used all your quiz attempts" not in html and "No attempts left" not in html


# --- Refusals: each names whom to write to ---------------------------------------------------------------------------


def test_the_training_closed_page_names_the_contact(client):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    course = build_course(modules=1)
    client.force_login(UserFactory())  # signed up, not accepted
    response = client.get(course.get_children().first().url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert 'href="mailto:counsellors@example.org"' in response.content.decode()


def test_a_locked_module_names_the_contact(client, trainee):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    course = build_course(modules=2, modules_unlock_in_order=True)
    enrol(trainee, course)
    client.force_login(trainee)
    response = client.get(course.get_children().last().url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert 'href="mailto:counsellors@example.org"' in response.content.decode()


@pytest.mark.parametrize("signed_in", [True, False])
def test_the_403_page_names_the_contact(rf, signed_in, trainee):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    request = rf.get("/somewhere/", HTTP_ACCEPT_LANGUAGE="en")
    request.user = trainee if signed_in else AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert "This page is not open to you" in html
    assert 'href="mailto:counsellors@example.org"' in html
    assert ("Go to My page" in html) is signed_in
