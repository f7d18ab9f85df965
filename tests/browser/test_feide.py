"""The "Log in with Feide" button in a real browser, through the local OpenID Connect provider."""

import re
import time

import pytest

from home.demo import get_home_page
from lms.models import User
from tests.browser.conftest import current_totp_code, login
from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.lms.feide_helpers import oidc, oidc_server
from tests.lms.oidc_provider import feide_claims

__all__ = ["oidc", "oidc_server"]  # fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _through_the_provider(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Log in with Feide").click()
    assert page.url.startswith("http://127.0.0.1:")  # at the provider
    with page.expect_navigation(url=re.compile(r"^http://localhost:\d+/")):
        page.get_by_role("button", name="Log in at the test provider").click()


def test_log_in_with_feide_creates_the_account_with_the_institution(page, axe, screenshot, oidc):
    get_home_page()
    oidc.interactive = True
    oidc.next_claims = feide_claims("kari@uio.no", name="Kari Nordmann")
    page.goto("/accounts/login/")
    axe(page)
    screenshot(page, "feide-login-button")
    _through_the_provider(page)
    user = User.objects.get(email="kari@uio.no")
    assert user.institution.slug == "uio"
    page.goto("/accounts/profile/")
    institution = page.get_by_label("Institution")
    assert institution.is_disabled()
    assert page.get_by_text("Set by your Feide login.").is_visible()
    assert page.get_by_role("link", name="Set a password").is_visible()  # an account made by Feide has none
    assert page.get_by_role("link", name="Change your password").count() == 0
    axe(page)
    screenshot(page, "feide-profile-locked")
    page.goto("/my/")
    assert page.get_by_role("link", name="Set a password").is_visible()
    axe(page)
    screenshot(page, "feide-my-page")


def test_unknown_realm_page(page, axe, screenshot, oidc):
    get_home_page()
    oidc.interactive = True
    oidc.next_claims = feide_claims("eva@ntnu.no")
    page.goto("/accounts/signup/")
    axe(page)
    _through_the_provider(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Your institution does not use Feide here yet"
    assert page.get_by_role("link", name="Sign up with email").is_visible()
    axe(page)
    screenshot(page, "feide-unknown-realm")
    assert not User.objects.filter(email="eva@ntnu.no").exists()


def test_the_button_on_the_application_page_in_bokmal(page, axe, screenshot, oidc):
    get_home_page()
    page.goto("/apply/")
    page.context.add_cookies([{"name": "django_language", "value": "nb", "url": page.url}])
    page.goto("/apply/")
    assert page.get_by_role("button", name="Logg inn med Feide").is_visible()
    axe(page)
    screenshot(page, "feide-apply-nb")


def test_connect_feide_from_the_profile_then_staff_log_in_with_feide_and_totp(page, axe, screenshot, oidc):
    get_home_page()
    staff = UserFactory(email="coord@uio.no", role="Coordinators", with_totp=True, institution=None)
    oidc.interactive = True
    oidc.next_claims = feide_claims("coord@uio.no")
    login(page, staff.email, TEST_PASSWORD, TEST_TOTP_SECRET)
    page.goto("/accounts/profile/")
    with page.expect_navigation():
        page.get_by_role("link", name="Log in with Feide: connect or remove").click()
    axe(page)
    _through_the_provider_with(page, "Connect Feide")
    assert page.get_by_role("heading", level=1).inner_text() == "Connected logins"
    assert page.get_by_text("coord@uio.no").first.is_visible()
    axe(page)
    screenshot(page, "feide-connected")
    staff.refresh_from_db()
    assert staff.institution.slug == "uio"

    # Log out; Feide alone does not open the admin: the authenticator code is asked for.
    page.goto("/accounts/logout/")
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    _through_the_provider(page)
    assert "/accounts/2fa/authenticate/" in page.url
    axe(page)
    screenshot(page, "feide-staff-totp")
    # allauth refuses a code already used: wait for the next one after the password login's.
    time.sleep(30 - time.time() % 30 + 0.5)
    page.get_by_label("Authenticator code").fill(current_totp_code(TEST_TOTP_SECRET))
    with page.expect_navigation():
        page.get_by_role("button", name="Log in", exact=True).click()
    page.goto("/admin/")
    assert "/admin/" in page.url and "/accounts/" not in page.url


def _through_the_provider_with(page, button_name):
    with page.expect_navigation():
        page.get_by_role("button", name=button_name).click()
    with page.expect_navigation(url=re.compile(r"^http://localhost:\d+/")):
        page.get_by_role("button", name="Log in at the test provider").click()
