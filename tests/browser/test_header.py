"""The responsive header (issue 12, item 3): at 375 × 800 a menu button collapses the menus (at most 200 px of
header) and opens and closes with the keyboard; at 1280 px the English main menu fits one row.

Screenshots: .screenshots/header-<page>-<width>-<lang>.png (home, My page, course, module, verify).
"""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.management import call_command

from certificates.models import Certificate
from courses.models import CoursePage, ModulePage
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LOCALES = {"en": "en-GB", "nb": "nb-NO"}


@pytest.fixture
def demo_pages(db):
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.live().first()
    module = ModulePage.objects.live().descendant_of(course).first()
    certificate = Certificate.objects.filter(holder__email="supporter@example.org").first()
    return {
        "home": "/",
        "my-page": "/my/",
        "course": course.url,
        "module": module.url,
        "verify": certificate.get_absolute_url(),
    }


@contextmanager
def signed_in_page(browser, live_server, language, width, height):
    """Signed in as the demo supporter (through the English form, as `login` expects), then in `language`."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": width, "height": height})
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, "supporter@example.org", settings.DEMO_PASSWORD)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    context.set_extra_http_headers({"Accept-Language": LOCALES[language]})
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == language
    try:
        yield page
    finally:
        context.close()


def visit_all(page, demo_pages, axe, screenshot, label, check):
    """Each demo page: `check(name)` where the site header is (the verify pages have their own), axe, screenshot."""
    for name, url in demo_pages.items():
        page.goto(url)
        if page.locator(".site-header").count():
            check(name)
        axe(page)
        screenshot(page, f"header-{name}-{label}")


def header_height(page) -> float:
    box = page.locator(".site-header").bounding_box()
    return box["height"] if box else 0.0


def menu_rows(page) -> int:
    return page.evaluate(
        "() => new Set([...document.querySelectorAll('.main-nav li')]"
        ".map(li => Math.round(li.getBoundingClientRect().top))).size"
    )


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_header_on_a_phone(_playwright_browser, live_server, demo_pages, axe, screenshot, language):
    with signed_in_page(_playwright_browser, live_server, language, 375, 800) as page:

        def short_header(name):
            assert header_height(page) <= 200, f"{name}: header {header_height(page)} px"

        visit_all(page, demo_pages, axe, screenshot, f"375-{language}", short_header)
        page.goto("/my/")
        button = page.locator(".menu-toggle")
        assert button.get_attribute("aria-expanded") == "false"
        assert not page.locator(".main-nav").is_visible()
        assert page.locator(".header-link--urgent").is_visible()  # the duty-to-report link is never folded away
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        assert page.locator(".main-nav").is_visible() and page.locator(".account-nav").is_visible()
        axe(page)
        screenshot(page, f"header-menu-open-375-{language}")
        page.keyboard.press("Tab")  # into the menu; Escape closes it and returns to the button
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert page.evaluate("() => document.activeElement.classList.contains('menu-toggle')")
        page.keyboard.press("Space")
        assert button.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "false"
        assert not page.locator(".main-nav").is_visible()


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_header_on_a_desktop(_playwright_browser, live_server, demo_pages, axe, screenshot, language):
    with signed_in_page(_playwright_browser, live_server, language, 1280, 900) as page:

        def open_menus(name):
            assert not page.locator(".menu-toggle").is_visible()
            assert page.locator(".main-nav").is_visible()
            if language == "en":
                assert menu_rows(page) == 1, f"{name}: the main menu wraps"

        visit_all(page, demo_pages, axe, screenshot, f"1280-{language}", open_menus)
