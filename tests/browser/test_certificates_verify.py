"""Browser: the holder's page (share, download) and the verify page for valid, suspended, revoked and unknown codes.

Screenshots go to .screenshots/certificates-*.png; the PDF is rendered to .screenshots/certificates-pdf.png when
poppler's pdftoppm is installed.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from certificates import codes
from certificates.services import certificate_revoke, certificate_suspend
from tests.browser.conftest import SCREENSHOT_DIR, login
from tests.certificates.factories import CertificateDesignFactory, CertificateFactory
from tests.courses.factories import CourseFactory
from tests.lms.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def certificates(settings, tmp_path, live_server):
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "keys")
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    CertificateDesignFactory(signatories=[("Ingrid Haugen", "Programme Lead"), ("Jonas Berg", "Lead Counsellor")])
    holder = UserFactory(role="Trainees", email="holder@example.org", full_name="Kari Nordmann")
    admin = UserFactory(role="Administrators", with_totp=True)
    valid = CertificateFactory(holder=holder, course=CourseFactory(title="Peer Supporter Training, September 2026"))
    suspended = certificate_suspend(
        certificate=CertificateFactory(course=CourseFactory()), actor=admin, reason="A complaint is being reviewed."
    )
    revoked = certificate_revoke(
        certificate=CertificateFactory(course=CourseFactory()),
        actor=admin,
        reason="Issued in error: the final module was not completed.",
    )
    return {"holder": holder, "valid": valid, "suspended": suspended, "revoked": revoked}


def test_holder_page_share_and_download(certificates, page, axe, screenshot):
    valid = certificates["valid"]
    login(page, "holder@example.org", TEST_PASSWORD)
    page.goto("/my/certificates/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", name=valid.title).is_visible()
    share = page.get_by_label("Share link")
    assert share.input_value() == valid.public_url()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == valid.public_url()
    axe(page)
    screenshot(page, "certificates-my-certificates")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    path = download_info.value.path()
    data = Path(path).read_bytes()
    assert data.startswith(b"%PDF")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    (SCREENSHOT_DIR / "certificates-download.pdf").write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-r", "70", "-singlefile", path, str(SCREENSHOT_DIR / "certificates-pdf")],  # noqa: S607
            check=True,
        )
    with page.expect_download() as jwt_download:
        page.get_by_role("link", name="Download the signed credential (.jwt)").click()
    assert Path(jwt_download.value.path()).read_text() == valid.credential_jwt


@pytest.mark.parametrize(
    ("key", "banner"),
    [("valid", "Valid"), ("suspended", "Suspended"), ("revoked", "Revoked")],
)
def test_verify_page_for_each_status(certificates, page, axe, screenshot, key, banner):
    certificate = certificates[key]
    page.goto(certificate.get_absolute_url())
    assert page.locator("h1").count() == 1
    assert banner in page.get_by_role("status").locator(".banner-status").inner_text()
    assert page.context.cookies() == []
    if key != "valid":
        assert page.get_by_text(certificate.status_reason).is_visible()
    axe(page)
    screenshot(page, f"certificates-verify-{key}")


def test_verify_page_in_bokmal(certificates, page, axe, screenshot):
    page.goto(certificates["valid"].get_absolute_url())
    page.get_by_role("link", name="Norsk bokmål").click()
    assert page.locator("html").get_attribute("lang") == "nb"
    assert "Gyldig" in page.get_by_role("status").locator(".banner-status").inner_text()
    axe(page)
    screenshot(page, "certificates-verify-valid-nb")


def test_typing_a_code_into_the_form(certificates, page, axe, screenshot):
    valid = certificates["valid"]
    page.goto("/verify/")
    axe(page)
    page.get_by_label("Certificate code").fill(valid.display_code.lower().replace("-", " "))
    page.get_by_role("button", name="Check").click()
    page.wait_for_url(f"**{valid.get_absolute_url()}")
    assert page.get_by_text(valid.holder_name).first.is_visible()
    assert page.context.cookies() == []


def test_unknown_and_malformed_codes(certificates, page, axe, screenshot):
    page.goto(f"/verify/{codes.format_code(codes.generate())}/")
    assert page.get_by_role("heading", name="No certificate has this code").is_visible()
    axe(page)
    screenshot(page, "certificates-verify-unknown")
    page.goto("/verify/?code=hello")
    # The message says what is wrong with this one (issue 12: a verify-code message that helps).
    assert page.get_by_text("A certificate code has 28 letters and digits").is_visible()
    assert page.get_by_text("this has 5.").is_visible()
    axe(page)
    screenshot(page, "certificates-verify-form-error")
