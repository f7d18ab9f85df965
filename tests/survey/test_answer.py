"""Answering the survey anonymously, once, and the bad input that must save nothing: forged choices, over-long text,
the honeypot, the time-trap, a replayed form, a second answer from the same browser, and too many from one client."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from django.utils import translation
from wagtail.contrib.forms.models import FormSubmission

from home.antispam import client_key
from survey import services
from tests.survey.conftest import good_answer, stamp

pytestmark = pytest.mark.django_db


def post(client, survey, **overrides):
    return client.post(survey.url, good_answer(**overrides))


def test_anonymous_visitor_sees_the_questions_and_the_privacy_note(client, survey):
    response = client.get(survey.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "What do you want?" in html and "How likely?" in html
    assert "we do not store your name, your account or your IP address" in html
    assert 'name="hp_stamp"' in html and 'name="hp_website"' in html


def test_anonymous_answer_is_saved_with_only_the_answers(client, survey):
    response = post(client, survey)
    assert response.status_code == 302  # post/redirect/get: a reload does not send the answers again
    assert "Thank you for your answers" in client.get(response["Location"]).content.decode()
    submission = FormSubmission.objects.get(page=survey)
    assert submission.form_data == {
        "what_do_you_want": ["Someone to talk to", "Meeting other students"],
        "how_likely": 4,
        "how_to_meet": "Online",
        "anything_else": "Evening meetings, please.",
    }
    field_names = {field.name for field in FormSubmission._meta.get_fields()}
    assert field_names == {"id", "form_data", "page", "submit_time"}  # no user, no IP


def test_signed_in_answer_stores_no_user_either(client, survey, trainee):
    client.force_login(trainee)
    post(client, survey)
    data = FormSubmission.objects.get(page=survey).form_data
    assert trainee.email not in str(data) and str(trainee.pk) not in data.values()


def test_an_email_is_kept_only_when_the_respondent_gives_one(client, survey):
    post(client, survey, email_for_a_reply="ola@example.org")
    assert FormSubmission.objects.get(page=survey).form_data["email_for_a_reply"] == "ola@example.org"


def test_the_email_question_is_never_required(client, survey):
    question = survey.form_fields.get(field_type="email")
    question.required = True
    question.save()
    response = post(client, survey)
    assert response.status_code == 302
    assert FormSubmission.objects.filter(page=survey).count() == 1


def test_forged_choice_is_refused_with_a_clear_message_and_nothing_saved(client, survey):
    response = post(client, survey, how_to_meet="<script>alert(1)</script>")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "<script>alert(1)</script>" not in html
    assert not FormSubmission.objects.exists()


def test_forged_checkbox_and_scale_values_are_refused(client, survey):
    for overrides in ({"what_do_you_want": ["Someone to talk to", "Free beer"]}, {"how_likely": "9"}):
        response = post(client, survey, **overrides)
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_forged_choice_message_is_in_bokmal(client, survey):
    with translation.override("nb"):
        response = client.post(survey.url, good_answer(how_to_meet="forged"), HTTP_ACCEPT_LANGUAGE="nb")
    assert "Velg et gyldig valg" in response.content.decode()


def test_over_long_text_is_refused(client, survey):
    response = post(client, survey, anything_else="x" * 2001)
    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_a_missing_required_answer_is_refused(client, survey):
    response = post(client, survey, how_to_meet="")
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_honeypot_filled_in_is_refused(client, survey):
    response = post(client, survey, hp_website="https://spam.example")
    assert response.status_code == 400
    assert "Please leave the last field empty" in response.content.decode()
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (lambda: stamp(age=0.5), "quicker than a person"),
        (lambda: stamp(age=7 * 60 * 60), "has expired"),
        (lambda: stamp(salt="network.contact"), "has expired"),
        (lambda: "forged", "has expired"),
        (lambda: "", "has expired"),
    ],
    ids=["too-fast", "too-old", "other-form", "forged", "missing"],
)
def test_time_trap_refuses_a_stamp_that_is_too_fresh_old_or_forged(client, survey, value, message):
    response = post(client, survey, hp_stamp=value())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_a_second_answer_from_the_same_browser_is_refused(client, survey):
    post(client, survey)
    assert client.cookies[survey.answered_cookie_name()]["httponly"]
    again = post(client, survey)
    assert again.status_code == 409
    assert "You have already answered this survey" in again.content.decode()
    assert client.get(survey.url).status_code == 200
    assert "You have already answered" in client.get(survey.url).content.decode()
    assert FormSubmission.objects.filter(page=survey).count() == 1


def test_the_same_filled_in_form_replayed_without_the_cookie_is_refused(client, survey):
    data = good_answer()
    client.post(survey.url, data)
    client.cookies.clear()
    again = client.post(survey.url, data)
    assert again.status_code == 409
    assert FormSubmission.objects.filter(page=survey).count() == 1


def test_a_forged_answered_cookie_does_not_count(client, survey):
    client.cookies[survey.answered_cookie_name()] = "1"
    response = client.post(survey.url, good_answer(), follow=True)
    assert "Thank you for your answers" in response.content.decode()


@override_settings(SURVEY_RATE_LIMIT="3/600")
def test_too_many_answers_from_one_client_are_refused(client, survey):
    for _ in range(3):
        client.cookies.clear()
        assert post(client, survey).status_code == 302
    client.cookies.clear()
    response = post(client, survey)
    assert response.status_code == 429
    assert "try again in a few minutes" in response.content.decode()
    assert FormSubmission.objects.filter(page=survey).count() == 3


@override_settings(SURVEY_RATE_LIMIT="1/600")
def test_the_rate_limit_counts_clients_apart(client, survey):
    assert post(client, survey).status_code == 302
    client.cookies.clear()
    other = client.post(survey.url, good_answer(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    assert FormSubmission.objects.filter(page=survey).count() == 2


def test_the_rate_limit_key_is_not_the_ip(rf, settings):
    request = rf.get("/", REMOTE_ADDR="192.0.2.7")
    before = client_key(request)
    assert "192.0.2.7" not in before
    assert before == client_key(rf.get("/", REMOTE_ADDR="192.0.2.7"))
    assert before != client_key(rf.get("/", REMOTE_ADDR="192.0.2.8"))
    settings.SECRET_KEY = "another-key-" + "x" * 40
    assert client_key(request) != before  # keyed: not a plain hash anyone can compute for every IPv4 address


def test_a_closed_survey_takes_no_answers(client, survey):
    survey.is_open = False
    survey.save_revision().publish()
    response = post(client, survey)
    assert "This survey is closed" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_survey_answer_service_saves_nothing_on_invalid_input(rf, survey):
    request = rf.post(survey.url, good_answer(how_likely="0"))
    request.user = AnonymousUser()
    outcome = services.survey_answer(page=survey, request=request)
    assert outcome.refusal == services.Refusal.INVALID
    assert outcome.submission is None
    assert not FormSubmission.objects.exists()


def test_a_draft_survey_is_not_public(client, survey):
    survey.unpublish()
    assert client.get(survey.url).status_code == 404


def test_the_thanks_address_without_an_answer_shows_the_questions(client, survey):
    response = client.get(survey.url + "?answered=1")
    assert response.status_code == 200
    assert "Thank you for your answers" not in response.content.decode()
    assert "What do you want?" in response.content.decode()


def test_reloading_the_thanks_page_sends_nothing_again(client, survey):
    response = post(client, survey)
    for _ in range(2):
        assert "Thank you for your answers" in client.get(response["Location"]).content.decode()
    assert FormSubmission.objects.filter(page=survey).count() == 1
