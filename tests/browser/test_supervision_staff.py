"""The staff screens of issue 9 in a real browser, axe on each, screenshots to look at: the attendance report, the
coordinator's "ready to approve" panel and confirmation, group members (a coordinator), the supporters overview
with supporters without a period, and the erase-account confirmation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from supervision.models import Attendance, SupervisionSettings
from tests.browser.test_supervision_flows import _roles_and_permissions, sign_in  # noqa: F401 - fixture reused
from tests.lms.factories import InstitutionFactory, UserFactory
from tests.supervision import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def programme():
    institution = InstitutionFactory(name="OsloMet", slug="oslomet")
    advisor = factories.AdvisorFactory(full_name="Anna Advisor")
    coordinator = UserFactory(role="Coordinators", with_totp=True, institution=institution, full_name="Cora Coord")
    administrator = UserFactory(role="Administrators", with_totp=True, full_name="Ada Admin")
    group = factories.SupervisionGroupFactory(name="Tuesday group", institution=institution, advisors=[advisor])
    ready = factories.SupporterFactory(full_name="Rita Ready", institution=institution)
    other = factories.SupporterFactory(full_name="Odd Without-Period", institution=institution)
    for person in (ready, other):
        factories.GroupMembershipFactory(group=group, supporter=person)
    settings = SupervisionSettings.current()
    settings.required_sessions, settings.required_hours, settings.require_course_certificate = 1, 1, False
    settings.save()
    period = factories.EngagementPeriodFactory(
        supporter=ready,
        institution=institution,
        starts_on=timezone.localdate() - timedelta(days=100),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    factories.ActivityLogFactory(engagement=period, date=period.ends_on - timedelta(days=2), duration_minutes=90)
    session = factories.SessionFactory(
        advisor=advisor, group=group, starts_at=timezone.now() - timedelta(days=5), status="held", topic="Listening"
    )
    Attendance.objects.create(session=session, supporter=ready, status="present")
    Attendance.objects.create(session=session, supporter=other, status="late")
    return locals()


def test_advisor_overview_and_attendance_report(page, axe, screenshot, programme, live_server):
    sign_in(page, programme["advisor"], live_server)
    page.goto("/admin/supervision_supporters/")
    assert page.get_by_role("heading", name="Supporters without an engagement period").is_visible()
    axe(page)
    screenshot(page, "staff-supporters-overview")
    page.goto("/admin/supervision/reports/attendance/")
    assert page.get_by_role("cell", name="Odd Without-Period").is_visible()
    assert page.get_by_text("Europe/Oslo").first.is_visible()
    axe(page)
    screenshot(page, "staff-attendance-report")


def test_coordinator_panel_confirmation_and_group_members(page, axe, screenshot, programme, live_server):
    sign_in(page, programme["coordinator"], live_server)
    page.goto("/admin/")
    panel = page.locator("section[aria-labelledby='supervision-ready-heading']")
    assert panel.get_by_role("link", name="Rita Ready", exact=True).is_visible()
    axe(page)
    screenshot(page, "staff-coordinator-home")
    panel.get_by_role("link", name="Approve for Rita Ready…").click()
    page.wait_for_url("**/approve/")
    assert page.get_by_role("button", name="Yes, approve and issue").is_visible()
    axe(page)
    screenshot(page, "staff-approve-confirm")
    page.goto(f"/admin/supervision/groups/{programme['group'].pk}/members/")
    assert page.get_by_label("Supporter").is_visible()
    axe(page)
    screenshot(page, "staff-group-members")


def test_erase_confirmation(page, axe, screenshot, programme, live_server):
    sign_in(page, programme["administrator"], live_server)
    page.goto(reverse("wagtailusers_users:delete", args=[programme["other"].pk]))
    assert page.get_by_role("heading", name="What is kept").is_visible()
    axe(page)
    screenshot(page, "staff-erase-confirm")
    page.get_by_role("button", name="Yes, erase this account").click()
    page.wait_for_url("**/admin/users/")
    assert page.get_by_text("The account was erased").is_visible()
