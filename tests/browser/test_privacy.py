"""A trainee downloads their data and deletes their account, in a real browser, in English and Bokmål: axe-clean
pages, the JSON download, allauth's password confirmation, the waiting period and its cancellation.
Screenshots: .screenshots/privacy-<step>-<lang>.png."""

import json
from pathlib import Path

import pytest

from privacy.models import ErasureRequest
from tests.lms.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORDS = {
    "en": {"download": "Download your data (JSON)", "delete": "Delete my account", "keep": "Keep my account"},
    "nb": {"download": "Last ned dataene dine (JSON)", "delete": "Slett kontoen min", "keep": "Behold kontoen min"},
}


def log_in(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def check_page(page, axe, screenshot, name, language):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    axe(page)
    return screenshot(page, f"privacy-{name}-{language}")


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_trainee_downloads_their_data_and_deletes_their_account(page, axe, screenshot, language, live_server):
    words = WORDS[language]
    trainee = UserFactory(role="Trainees", language=language, full_name="Ingrid Haugen Berg")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, trainee.email)

    page.goto("/accounts/my-data/")
    check_page(page, axe, screenshot, "my-data", language)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=words["download"]).click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["email"] == trainee.email

    page.goto("/accounts/delete/")
    check_page(page, axe, screenshot, "delete", language)
    page.locator("input[name=certificate_choice][value=withdraw]").check()
    page.locator("input[name=confirm]").check()
    with page.expect_navigation():
        page.get_by_role("button", name=words["delete"]).click()
    # allauth asks for the password again before anything happens.
    assert "/accounts/reauthenticate/" in page.url
    check_page(page, axe, screenshot, "reauthenticate", language)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert ErasureRequest.objects.pending().filter(user=trainee, certificate_choice="withdraw").count() == 1
    page.goto("/accounts/delete/")
    check_page(page, axe, screenshot, "pending", language)

    with page.expect_navigation():
        page.get_by_role("button", name=words["keep"]).click()
    assert not ErasureRequest.objects.pending().exists()
