"""The survey, its thanks page, the institutions page and the results screen in the browser: axe-clean in en and nb,
answered with real clicks. Screenshots: .screenshots/survey-*.png."""

import time
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.users.models import UserProfile

from survey.models import SurveyPage
from tests.lms.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = ["en", "nb"]


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    """The role groups, when serialized_rollback did not bring them back (see test_supervision_flows)."""

    if not Group.objects.filter(name="Counsellors").exists():
        import_module("lms.migrations.0003_roles").create_roles(apps, None)


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", verbosity=0)


def use_language(page, live_server, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])


def sign_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def check(page, axe, screenshot, name, language, context=None):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    axe(page, context=context)
    screenshot(page, f"survey-{name}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_answers_the_survey_and_cannot_answer_twice(page, axe, screenshot, demo_site, live_server, language):
    use_language(page, live_server, language)
    page.goto("/survey/")
    check(page, axe, screenshot, "page", language)
    page.set_viewport_size({"width": 375, "height": 800})
    axe(page)
    screenshot(page, f"survey-page-phone-{language}")
    page.set_viewport_size({"width": 1280, "height": 900})

    before = FormSubmission.objects.count()
    page.get_by_label("Someone to talk to about worries").check()
    page.get_by_label("Getting to know other students").check()
    page.locator("input[name='how_likely_is_it_that_you_would_talk_to_a_peer_supporter'][value='4']").check()
    page.get_by_label("One-on-one").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Anything else you would like from the network?").fill("Evening meetings, please.")
    time.sleep(3.2)  # the time-trap: nobody answers seven questions in under three seconds
    with page.expect_navigation():
        page.locator("form.survey-form button[type='submit']").click()
    assert page.locator("h1").inner_text() in ("Thank you for your answers", "Takk for svarene dine")
    check(page, axe, screenshot, "thanks", language)
    assert FormSubmission.objects.count() == before + 1

    page.goto("/survey/")
    assert page.locator(".alert").count() == 1
    check(page, axe, screenshot, "already", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_answers_are_explained_beside_each_question(page, axe, screenshot, demo_site, live_server, language):
    use_language(page, live_server, language)
    page.goto("/survey/")
    time.sleep(3.2)
    with page.expect_navigation():
        page.locator("form.survey-form button[type='submit']").click()
    assert page.locator("#survey-errors").count() == 1
    assert page.locator(".errorlist").count() >= 4
    check(page, axe, screenshot, "errors", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_institutions_page_and_contact_form(page, axe, screenshot, demo_site, live_server, language, mailoutbox):
    use_language(page, live_server, language)
    page.goto("/institutions/")
    assert page.locator(".card li", has_text="University of Oslo").count() == 1
    sent_before = len(mailoutbox)
    check(page, axe, screenshot, "institutions", language)
    page.locator("#id_institution").fill("Oslo School of Architecture and Design")
    page.locator("#id_name").fill("Nora Nordmann")
    page.locator("#id_email").fill("nora@aho.example")
    page.locator("#id_message").fill("We would like to start peer support.")
    time.sleep(3.2)
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    assert page.locator(".alert--success").count() == 1
    check(page, axe, screenshot, "institutions-sent", language)
    assert len(mailoutbox) == sent_before + 1
    assert mailoutbox[-1].reply_to == ["nora@aho.example"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_counsellor_reads_the_results_screen(page, axe, screenshot, demo_site, live_server, language):
    counsellor = UserFactory(role="Counsellors", with_totp=True, language=language)
    profile = UserProfile.get_for_user(counsellor)
    profile.preferred_language = language
    profile.save()
    sign_in(page, counsellor, live_server)
    survey = SurveyPage.objects.get(slug="survey")
    page.goto(f"/admin/survey/{survey.pk}/")
    assert page.locator("svg.survey-chart").count() == 5
    assert page.locator("html").get_attribute("lang") == language
    axe(page, context=".survey-admin")
    screenshot(page, f"survey-results-{language}")
    page.goto("/admin/survey/")
    axe(page, context=".survey-admin")
    screenshot(page, f"survey-index-{language}")
