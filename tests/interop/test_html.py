"""Every public and trainee page, in English and Norwegian Bokmål, through the W3C Nu HTML checker (vnu-jar).

The demo site (seed_demo) gives the pages their real content. Pages are rendered with the Django test client and
checked in one run of the checker, for speed. A page that answers anything but its expected status fails too, so
the list cannot shrink unnoticed.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from certificates.models import Certificate
from courses.models import ModulePage
from lms.models import User

from .vnu import check

pytestmark = pytest.mark.django_db
LANGUAGES = ("en", "nb")
TRAINEE = "trainee@example.org"  # training in progress: quizzes still to take
SUPPORTER = "supporter@example.org"  # training complete, certificate, supervision group


def _client(language: str, email: str | None = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def _get(client, url, expected=200, documents=None, label=""):
    response = client.get(url)
    assert response.status_code == expected, f"{label} {url}: {response.status_code}"
    documents[f"{label} {url}"] = response.content.decode()
    return response


def _post(client, url, data, expected, documents, label):
    response = client.post(url, data)
    assert response.status_code == expected, f"{label} POST {url}: {response.status_code}"
    if expected != 302:
        documents[f"{label} POST {url}"] = response.content.decode()
    return response


def _public_pages(language, documents):
    client = _client(language)
    label = f"[{language} anonymous]"
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        response = client.get(page.url)
        if response.status_code == 200:
            documents[f"{label} {page.url}"] = response.content.decode()
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], page.url
    certificate = Certificate.objects.filter(status="valid").first()
    for url, expected in [
        ("/search/?q=peer", 200),
        ("/search/?q=", 200),
        ("/verify/", 200),
        ("/verify/?code=not-a-code", 400),
        (f"/verify/{certificate.display_code}/", 200),
        ("/verify/AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA/", 404),
        ("/verify/nonsense/", 404),
        ("/accounts/login/", 200),
        ("/accounts/signup/", 200),
        ("/accounts/password/reset/", 200),
        ("/no-such-page/", 404),
    ]:
        _get(client, url, expected, documents, label)
    _post(client, "/accounts/login/", {"login": TRAINEE, "password": "wrong"}, 200, documents, label)
    _post(client, "/accounts/signup/", {"email": "bad", "password1": "x", "password2": "y"}, 200, documents, label)


def _trainee_pages(language, email, documents):
    client = _client(language, email)
    label = f"[{language} {email}]"
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        if response.status_code == 200:
            documents[f"{label} {page.url}"] = response.content.decode()
        else:
            assert response.status_code in (302, 403, 404), (page.url, response.status_code)
    for url in [
        "/my/",
        "/my/certificates/",
        "/supervision/",
        "/supervision/urgent/",
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/logout/",
        "/search/?q=listening",
    ]:
        _get(client, url, 200, documents, label)
    if email == SUPPORTER:
        _post(client, "/supervision/urgent/", {"message": ""}, 400, documents, label)
        sent = _post(client, "/supervision/urgent/", {"message": "Please call me"}, 302, documents, label)
        documents[f"{label} GET {sent.url}"] = client.get(sent.url).content.decode()
    _quiz_pages(client, label, documents, required=email == TRAINEE)


def _quiz_pages(client, label, documents, *, required: bool):
    """Start page, the quiz form, the form sent with nothing ticked, and a result, for the first open quiz."""

    for module in ModulePage.objects.live().specific():
        if not module.quiz_questions:
            continue
        start = client.get(module.url + "quiz/")
        if start.status_code != 200:
            continue
        documents[f"{label} {module.url}quiz/"] = start.content.decode()
        response = client.post(module.url + "quiz/")
        attempt_url = response.get("Location", "")
        if response.status_code != 302 or attempt_url.endswith(module.url + "quiz/"):
            continue  # this quiz is passed or has no attempts left
        _get(client, attempt_url, 200, documents, label)
        _post(client, attempt_url, {}, 400, documents, label)
        answered = client.post(attempt_url, {"q-x": "y"})
        result_url = attempt_url + "result/"
        if answered.status_code == 302:
            _get(client, result_url, 200, documents, label)
        return
    if required:
        pytest.fail(f"{label}: no quiz could be started")


@pytest.fixture
def documents(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    call_command("seed_demo", verbosity=0)
    rendered: dict[str, str] = {}
    for language in LANGUAGES:
        _public_pages(language, rendered)
        _trainee_pages(language, TRAINEE, rendered)
        _trainee_pages(language, SUPPORTER, rendered)
    return rendered


def test_nu_html_checker_finds_no_error_on_any_public_or_trainee_page(documents, tmp_path):
    assert len(documents) > 40
    errors = check(documents, tmp_path)
    failing = {name: found for name, found in errors.items() if found}
    report = "\n".join(f"{name}\n    " + "\n    ".join(found) for name, found in sorted(failing.items()))
    assert not failing, f"{len(failing)} of {len(documents)} pages have errors:\n{report}"


def test_the_checker_reports_an_empty_form_action(tmp_path):
    """The check can fail: the error this issue found on the quiz page is reported."""
    page = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><form action=""></form></body></html>'
    assert any("action" in error for error in check({"bad": page}, tmp_path)["bad"])
