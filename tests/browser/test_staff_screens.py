"""The staff screens this branch changed, in the browser: axe 0 violations and a screenshot of each
(.screenshots/staff-*.png): progress report with a search, audit log list and detail, certificate detail, the
course ZIP form, Wagtail's account page (and that its preferences save)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from lms.audit import audit_record
from tests.browser.conftest import login
from tests.certificates.factories import CertificateFactory
from tests.courses.factories import build_course, enrol
from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _roles_and_permissions(transactional_db):
    """See tests/browser/test_supervision_flows.py: re-run the idempotent role data migrations if they were lost."""

    if Group.objects.filter(name="Administrators").exists():
        return
    import_module("lms.migrations.0003_roles").create_roles(apps, None)
    import_module("courses.migrations.0003_role_permissions").grant_permissions(apps, None)
    import_module("certificates.migrations.0002_role_permissions").grant_permissions(apps, None)


def visit(page, url):
    """Open `url` and let its requests finish. On in-memory SQLite the live server's threads share one connection,
    and two requests at once (the page's icon sprite and another fetch) can break each other's savepoints; the
    sprite then holds an error page. Reload once in that case, so axe judges the screen, not the harness."""
    page.goto(url, wait_until="networkidle")
    if page.locator("div[data-sprite] h1").count():
        page.reload(wait_until="networkidle")


@pytest.fixture
def administrator():
    return UserFactory(role="Administrators", with_totp=True, language="en", full_name="Erik Admin")


def test_staff_screens_pass_axe(page, axe, screenshot, administrator, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    course_page = build_course(modules=2, title="Peer support basics")
    trainee = UserFactory(role="Trainees", full_name="Ingrid Hansen", email="ingrid@uio.example")
    enrol(trainee, course_page)
    enrol(UserFactory(role="Trainees", full_name="Amir Nilsen"), course_page)
    certificate = CertificateFactory(holder=trainee, course=course_page.course)
    event = audit_record(action="browser.check", actor=administrator, obj=certificate, detail={"course": "basics"})
    login(page, administrator.email, TEST_PASSWORD, TEST_TOTP_SECRET)

    visit(page, "/admin/training/progress/?q=ingrid")
    assert page.get_by_text("Ingrid Hansen").count() >= 1 and page.get_by_text("Amir Nilsen").count() == 0
    axe(page)
    screenshot(page, "staff-progress-search")

    visit(page, "/admin/audit-log/")
    page.locator("tr").filter(has_text="browser.check").get_by_role("link", name="(Europe/Oslo)").click()
    page.wait_for_url(f"**/audit-log/inspect/{event.pk}/")
    axe(page)
    screenshot(page, "staff-audit-inspect")
    visit(page, "/admin/audit-log/")
    axe(page)
    screenshot(page, "staff-audit-list")

    visit(page, f"/admin/certificates/records/inspect/{certificate.pk}/")
    assert page.get_by_text("(Europe/Oslo)").count() >= 2
    axe(page)
    screenshot(page, "staff-certificate-inspect")

    visit(page, "/admin/certificates/zip/")
    assert page.get_by_label("Include them, marked in the file name and listed in STATUS.txt").count() == 1
    axe(page)
    screenshot(page, "staff-certificate-zip")

    visit(page, "/admin/account/")
    axe(page)
    screenshot(page, "staff-account")
    page.get_by_label("Preferred name").fill("Erik")
    page.get_by_label("Preferred language").select_option("nb")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    profile = UserProfile.get_for_user(administrator)
    administrator.refresh_from_db()
    assert (profile.preferred_language, administrator.preferred_name) == ("nb", "Erik")
    # Wagtail's success message slides in; judge its colours once the transition is over.
    page.locator(".messages .success").wait_for()
    page.wait_for_timeout(1500)
    axe(page)
    screenshot(page, "staff-account-saved-nb")
