"""Home, a standard page, search, 404, login, signup, password reset, MFA setup and My page: axe-clean in en and nb.

Each test also saves a screenshot (.screenshots/home-<page>-<lang>.png) to look at.
"""

import pytest
from django.core.management import call_command

from tests.browser.conftest import current_totp_code
from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = ["en", "nb"]


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _live_server_url(live_server):
    global LIVE_SERVER_URL
    LIVE_SERVER_URL = live_server.url


LIVE_SERVER_URL = ""


def use_language(page, language):
    """What the language switcher does: Django's language cookie."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": LIVE_SERVER_URL}])


def check(page, axe, screenshot, name, language):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    axe(page)
    screenshot(page, f"home-{name}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page(page, axe, screenshot, demo_site, language):
    use_language(page, language)
    page.goto("/")
    check(page, axe, screenshot, "home", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_standard_page(page, axe, screenshot, demo_site, language):
    use_language(page, language)
    page.goto("/become-a-peer-supporter/")
    page.locator("summary").first.click()  # an open FAQ item is checked too
    check(page, axe, screenshot, "standard", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_results(page, axe, screenshot, demo_site, language):
    use_language(page, language)
    # Each language searches its own text (docs/decisions/0100): an English word in English, a Bokmål one in Bokmål.
    page.goto("/search/?q=" + ("supervision" if language == "en" else "likeperson"))
    assert page.locator(".search-results__item").count() >= 1
    check(page, axe, screenshot, "search", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page(page, axe, screenshot, demo_site, language):
    use_language(page, language)
    response = page.goto("/no-such-page/")
    assert response.status == 404
    check(page, axe, screenshot, "404", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_page(page, axe, screenshot, demo_site, language):
    use_language(page, language)
    page.goto("/accounts/login/")
    check(page, axe, screenshot, "login", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_page(page, axe, screenshot, demo_site, language):
    use_language(page, language)
    page.goto("/accounts/signup/")
    check(page, axe, screenshot, "signup", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_page_with_errors(page, axe, screenshot, demo_site, language):
    use_language(page, language)
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill("trainee@example.org")
    page.locator("input[name=full_name]").fill("Test Person")
    page.locator("input[name=password1]").fill("short")
    page.locator("input[name=password2]").fill("short")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert page.locator(".errorlist, [aria-invalid=true]").count() >= 1
    check(page, axe, screenshot, "signup-errors", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_page(page, axe, screenshot, demo_site, language):
    use_language(page, language)
    page.goto("/accounts/password/reset/")
    check(page, axe, screenshot, "password-reset", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_without_authenticator_lands_on_mfa_setup(page, axe, screenshot, demo_site, language):
    user = UserFactory(role="Counsellors", language=language)
    log_in(page, user.email)
    page.goto("/my/")
    if "/accounts/reauthenticate/" in page.url:
        # allauth 65.22 asks for the password again before an authenticator can be added.
        check(page, axe, screenshot, "reauthenticate", language)
        page.locator("input[name=password]").fill(TEST_PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    assert "/accounts/2fa/totp/activate/" in page.url
    check(page, axe, screenshot, "mfa-setup", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_page(page, axe, screenshot, demo_site, language):
    user = UserFactory(role="Trainees", language=language, full_name="Ingrid Marie Hansen", preferred_name="Ingrid")
    log_in(page, user.email)
    page.goto("/my/")
    assert page.locator("h1").inner_text().endswith("Ingrid")
    check(page, axe, screenshot, "my-page", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_page_for_an_administrator(page, axe, screenshot, demo_site, language):
    user = UserFactory(role="Administrators", with_totp=True, language=language)
    log_in(page, user.email, totp_secret=TEST_TOTP_SECRET)
    page.goto("/my/")
    assert page.locator(".role-card").count() == 1
    check(page, axe, screenshot, "my-page-admin", language)


def test_my_page_at_phone_width(page, axe, screenshot, demo_site):
    user = UserFactory(role="Trainees")
    log_in(page, user.email)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/my/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe(page)
    screenshot(page, "home-my-page-375")


def test_home_page_at_phone_width(page, axe, screenshot, demo_site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe(page)
    screenshot(page, "home-home-375")


def test_language_switcher_switches_to_norwegian(page, demo_site):
    page.goto("/what-is-peer-support/")
    with page.expect_navigation():
        page.get_by_role("button", name="Norsk").click()
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.url.endswith("/what-is-peer-support/")


def test_skip_link_moves_focus_to_main(page, demo_site):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible(page, demo_site):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def log_in(page, email, totp_secret=None):
    """Log in through allauth's form by field names, so it works whatever the language of the labels.

    The person's preferred language (user.language) is switched on by the login itself (home.signals).
    """
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    if totp_secret:
        page.locator("input[name=code]").fill(current_totp_code(totp_secret))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
