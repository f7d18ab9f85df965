"""Counsellors see which pages need translating, and a translation goes through the same review as the English."""

import pytest
from django.urls import reverse

from courses.models import ModulePage
from tests.courses.factories import build_course, modules_of, publish
from tests.courses.test_review_rule import submitted_module
from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT = "home_admin:translations_report"


@pytest.fixture
def course(db):
    page = build_course(modules=3)
    first, second, _third = modules_of(page)
    first.title_nb = "Første modul"
    publish(first)
    second.title_nb = "Andre modul"
    publish(second)
    second.summary = "The English changed."
    publish(second)
    return page


@pytest.mark.parametrize("role", ["Counsellors", "Administrators"])
def test_the_report_lists_missing_and_out_of_date_translations(client, course, role):
    client.force_login(UserFactory(role=role, with_totp=True))
    html = client.get(reverse(REPORT)).content.decode()
    first, second, third = modules_of(course)
    assert "Out of date" in html and second.title in html
    assert third.title in html and "No Bokmål translation" in html
    assert f">{first.title}</a>" not in html  # up to date: only in the full list
    assert f">{first.title}</a>" in client.get(reverse(REPORT), {"show": "all"}).content.decode()


@pytest.mark.parametrize("role", ["Trainees", "Advisors", "Coordinators"])
def test_other_roles_cannot_open_the_report(client, course, role):
    client.force_login(UserFactory(role=role, with_totp=True))
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
    assert "Out of date" not in response.content.decode()


def test_visitors_are_sent_to_log_in(client, course):
    response = client.get(reverse(REPORT))
    assert response.status_code == 302 and "login" in response.url


def test_a_translation_waits_for_review_like_the_english(db):
    author = UserFactory(role="Counsellors", with_totp=True)
    module, state = submitted_module(author, title_nb="Modul til godkjenning")
    assert state.status == "in_progress"
    live = ModulePage.objects.get(pk=module.pk)
    assert live.title_nb == ""  # not live until a second counsellor approves
    assert module.get_latest_revision_as_object().title_nb == "Modul til godkjenning"
