"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded browser).

Without a Chromium on the PATH these tests skip, except in CI (CI=true), where they fail instead.
"""

import os
import shutil
import time
from pathlib import Path

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / ".screenshots"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def _playwright_browser():
    executable = find_chromium()
    if executable is None:
        message = "No Chromium found on the PATH (apt-get install chromium)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " Browser tests may not skip in CI.")
        pytest.skip(message)
    # Playwright's sync API refuses to run inside a running event loop; Django's async-unsafe check sees it too.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright_browser, live_server):
    context = _playwright_browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    # The Content-Security-Policy is on in the live server (lms/security_headers.py): a page that breaks it fails
    # the test that opened it. Chromium reports each violation on the console ("Refused to ... because it violates
    # the following Content Security Policy directive").
    violations = page.csp_violations = []
    page.on("console", lambda message: _note_csp_violation(violations, message.text))
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def _note_csp_violation(violations: list[str], text: str) -> None:
    if "Content Security Policy" in text or "Content-Security-Policy" in text:
        violations.append(text)


@pytest.fixture
def axe():
    """`axe(page)` runs axe-core (bundled with axe-playwright-python) and fails with the violations listed."""

    runner = Axe()

    def check(page, *, context=None):
        results = runner.run(page, context=context)
        violations = results.response.get("violations", [])
        summary = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations
        )
        assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n{summary}"
        return results

    return check


@pytest.fixture
def screenshot():
    """`screenshot(page, "name")` saves a full-page PNG under .screenshots/ to look at."""

    def take(page, name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now; waits out the last seconds of a period so the code cannot expire
    between typing and the server checking it."""

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 3:
        time.sleep(period - time.time() % period + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def login(page, email: str, password: str, totp_secret: str | None = None) -> None:
    """Log in through allauth's form, finding the controls by their English labels (so a lost label fails here);
    answers the "Authenticator code" step when the user has a second factor. Returns once the login has finished."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in", exact=True).click()
    if totp_secret:
        page.get_by_label("Authenticator code").fill(current_totp_code(totp_secret))
        with page.expect_navigation():
            page.get_by_role("button", name="Log in", exact=True).click()
