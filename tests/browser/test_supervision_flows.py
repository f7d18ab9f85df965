"""Supervision in the browser: an advisor takes attendance with the keyboard alone; a supporter logs activity and
sees progress; the urgent page. axe on each, screenshots to look at."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from supervision.models import Attendance, Session
from tests.supervision import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _roles_and_permissions(transactional_db):
    """Re-run the role data migrations when the serialized test data did not come back.

    When non-transactional tests set the database up before Playwright starts its event loop, Django's connection
    (an asgiref Local) seen inside the browser tests is another object without `_test_serialized_contents`, so
    serialized_rollback restores nothing after the first flush. Re-running the data migrations is idempotent.
    """

    if Group.objects.filter(name="Advisors").exists():
        return
    import_module("lms.migrations.0003_roles").create_roles(apps, None)
    import_module("supervision.migrations.0002_role_permissions").grant_permissions(apps, None)
    import_module("supervision.migrations.0005_authority_permissions").apply(apps, None)


@pytest.fixture
def group_session():
    advisor = factories.AdvisorFactory(email="advisor.browser@example.org", full_name="Anna Advisor")
    group = factories.SupervisionGroupFactory(name="Tuesday group", advisors=[advisor])
    supporters = [
        factories.GroupMembershipFactory(group=group, supporter__full_name=name).supporter
        for name in ("Aksel Alpha", "Berit Beta", "Cato Gamma")
    ]
    session = factories.SessionFactory(
        advisor=advisor, group=group, starts_at=timezone.now() - timedelta(hours=2), topic="Listening skills"
    )
    return advisor, supporters, session


def sign_in(page, user, live_server):
    """A signed-in session cookie for `user` (login itself is tested by the accounts suite; here it is a given)."""

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has focus (keyboard only; no clicks)."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_advisor_takes_attendance_with_the_keyboard_alone(page, axe, screenshot, group_session, live_server):
    advisor, (first, second, third), session = group_session
    sign_in(page, advisor, live_server)
    page.goto(f"/admin/supervision/sessions/{session.pk}/attendance/")
    screenshot(page, "supervision-attendance-before")
    assert page.locator("h1").count() == 1
    axe(page, context=".supervision-admin")
    screenshot(page, "supervision-attendance-before")

    assert page.locator("input[type=radio]:checked").count() == 0  # nothing pre-ticked: the advisor chooses
    # "Mark everyone present" fills the form for review (a plain submit button, no script), saving nothing.
    tab_to(page, "button[name='all_present']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page, context=".supervision-admin")
    screenshot(page, "supervision-attendance-all-present")
    assert page.locator("input[type=radio]:checked").count() == 3
    assert Attendance.objects.filter(session=session).count() == 0

    tab_to(page, f"input[name='status_{first.pk}']:checked")
    page.keyboard.press("ArrowRight")  # present -> late
    page.keyboard.press("Tab")  # next radio group
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # present -> excused
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowLeft")  # present -> absent (wraps)
    page.keyboard.press("Tab")  # the submit button
    assert page.evaluate("document.activeElement.type") == "submit"
    screenshot(page, "supervision-attendance-filled")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/admin/supervision/sessions/{session.pk}/")
    screenshot(page, "supervision-session-detail")

    recorded = dict(Attendance.objects.filter(session=session).values_list("supporter_id", "status"))
    assert recorded == {first.pk: "late", second.pk: "excused", third.pk: "absent"}
    assert Session.objects.get(pk=session.pk).status == "held"


def test_supporter_logs_activity_and_sees_progress(page, axe, screenshot, live_server):
    period = factories.EngagementPeriodFactory(supporter__full_name="Sara Supporter")
    supporter = period.supporter
    sign_in(page, supporter, live_server)
    page.goto("/supervision/")
    axe(page)
    screenshot(page, "supervision-supporter-before")

    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Kind of activity").select_option("stand")
    page.get_by_label("Duration (minutes)").fill("900")
    page.get_by_role("button", name="Log activity").click()
    assert page.get_by_text("cannot be more than 12 hours").is_visible()
    screenshot(page, "supervision-supporter-error")

    page.get_by_label("Duration (minutes)").fill("90")
    page.get_by_role("button", name="Log activity").click()
    assert page.get_by_text("Your activity was logged").is_visible()
    assert page.get_by_text("1.5 / 20").is_visible()
    progress = page.locator("progress[aria-labelledby='req-hours-label']")
    # The shared progress component carries the real numbers (1.5 of 20 hours), not a percentage of 100.
    assert (progress.get_attribute("value"), progress.get_attribute("max")) == ("1.5", "20")
    axe(page)
    screenshot(page, "supervision-supporter-after")


def test_urgent_page_numbers_first_and_confirmation(page, axe, screenshot, live_server):
    lead = factories.AdvisorProfileFactory(user__full_name="Lise Lead").user
    supporter = factories.SupporterFactory(full_name="Sara Supporter")
    assert lead.pk
    sign_in(page, supporter, live_server)
    page.goto("/supervision/urgent/")
    axe(page)
    screenshot(page, "supervision-urgent")
    page.get_by_label("What is happening").fill("I am at the library, please call me on my phone.")
    with page.expect_navigation():  # post/redirect/get: the confirmation is its own address
        page.get_by_role("button", name="Send urgent message").click()
    assert "/supervision/urgent/sent/" in page.url
    assert page.get_by_role("heading", name="Your urgent message was sent").is_visible()
    assert page.get_by_text("Lise Lead").is_visible()
    axe(page)
    screenshot(page, "supervision-urgent-sent")
