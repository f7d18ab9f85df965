"""Unknown Feide realm → go on → pending on My page → a coordinator confirms in the admin, in a real browser, in
English and Bokmål at 375 and 1280 px (axe: no violations; screenshots in .screenshots/)."""

import re

import pytest

from home.demo import get_home_page
from lms.models import Institution, InstitutionClaim, User
from tests.browser.conftest import login
from tests.home.factories import SiteSettingsFactory
from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.lms.feide_helpers import oidc, oidc_server
from tests.lms.oidc_provider import feide_claims

__all__ = ["oidc", "oidc_server"]  # fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = {
    "en": {
        "feide": "Log in with Feide",
        "choose": "Your institution",
        "go_on": "Go on and let a coordinator confirm",
        "panel": "Your institution",
        "screen": "Institutions to confirm",
        "confirm": "Confirm",
        "confirmed": "Confirmed: Eva Fjell belongs to BI",
    },
    "nb": {
        "feide": "Logg inn med Feide",
        "choose": "Din institusjon",
        "go_on": "Fortsett og la en koordinator bekrefte",
        "panel": "Din institusjon",
        "screen": "Institusjoner å bekrefte",
        "confirm": "Bekreft",
        "confirmed": "Bekreftet: Eva Fjell hører til BI",
    },
}


def switch_to(page, language):
    """The site's own language switcher (as tests/browser/test_bilingual_course.py), which sets Django's cookie."""
    if language != "en":
        with page.expect_navigation():
            page.locator(f'.language-switcher button[value="{language}"]').click()
    assert page.locator("html").get_attribute("lang") == language


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "nb"])
def test_unknown_realm_to_confirmed(page, axe, screenshot, oidc, language, width):
    text = TEXT[language]
    get_home_page()
    SiteSettingsFactory(contact_email="counsellors@example.org")
    bi = Institution.objects.get(slug="bi")
    oidc.interactive = True
    oidc.next_claims = feide_claims("eva@ntnu.no", name="Eva Fjell")
    page.goto("/accounts/login/")
    switch_to(page, language)
    page.set_viewport_size({"width": width, "height": 900})
    with page.expect_navigation():
        page.get_by_role("button", name=text["feide"]).click()
    with page.expect_navigation(url=re.compile(r"^http://localhost:\d+/")):
        page.get_by_role("button", name="Log in at the test provider").click()
    page.get_by_label(text["choose"]).select_option(label=str(bi))
    axe(page)
    _fits(page, width)
    screenshot(page, f"feide-pending-refusal-{language}-{width}")
    with page.expect_navigation():
        page.get_by_role("button", name=text["go_on"]).click()
    person = User.objects.get(email="eva@ntnu.no")
    assert InstitutionClaim.objects.get(user=person).state == "pending"
    page.goto("/my/")
    assert page.get_by_role("heading", name=text["panel"]).is_visible()
    assert page.get_by_role("link", name="counsellors@example.org").first.is_visible()  # whom to ask
    axe(page)
    _fits(page, width)
    screenshot(page, f"feide-pending-my-page-{language}-{width}")

    page.context.clear_cookies()
    coordinator = UserFactory(email="coord@bi.no", role="Coordinators", with_totp=True, institution=bi)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, coordinator.email, TEST_PASSWORD, TEST_TOTP_SECRET)
    page.goto("/my/")
    switch_to(page, language)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/admin/feide-confirmations/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == text["screen"]
    assert page.get_by_text("Eva Fjell").is_visible()
    axe(page)
    screenshot(page, f"feide-pending-admin-{language}-{width}")
    with page.expect_navigation():
        page.get_by_role("button", name=text["confirm"], exact=True).click()
    assert page.get_by_text(text["confirmed"]).is_visible()
    # Wagtail's success message slides in; judge its colours once the transition is over (as test_staff_screens).
    page.locator(".messages .success").wait_for()
    page.wait_for_timeout(1500)
    axe(page)
    screenshot(page, f"feide-pending-confirmed-{language}-{width}")
    person.refresh_from_db()
    assert person.institution == bi
