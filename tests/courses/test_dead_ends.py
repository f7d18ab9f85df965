"""No dead end after the last quiz attempt: the page says whom to write to (issue 12, item 4, in part)."""

import pytest
from django.utils import translation

from courses.models import QuizAttempt
from tests.courses.factories import add_module, build_course, enrol, post_data, single_choice, wrong_answers
from tests.home.factories import SiteSettingsFactory

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
