"""A counsellor submits a module; a second counsellor approves it with a go-live time a few seconds ahead; the
trainee sees it afterwards with nobody running a command: the periodic runner (lms/periodic.py) in the test process
publishes it, as runserver's does under `make run` (decision 0016). Screenshots: .screenshots/courses-review-*.png.
"""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connections
from django.utils import timezone

from courses.models import ModulePage
from lms.periodic import PeriodicRunner, job_named
from tests.browser.conftest import login
from tests.courses.factories import build_course, enrol
from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GO_LIVE_AFTER = timedelta(seconds=12)


@pytest.fixture(autouse=True)
def _roles_and_permissions(transactional_db):
    """Re-create role groups and permissions if serialized_rollback did not bring them back (see
    tests/browser/test_supervision_flows.py for why); the data migrations are idempotent."""

    if Group.objects.filter(name="Counsellors").exists():
        return
    import_module("lms.migrations.0003_roles").create_roles(apps, None)
    import_module("courses.migrations.0003_role_permissions").grant_permissions(apps, None)


@pytest.fixture
def periodic_runner(settings):
    settings.PERIODIC_JOB_INTERVALS = {"publish_scheduled": 1}
    # On in-memory SQLite the live server shares the test's connection; so does the runner (else: table locks).
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    runner = PeriodicRunner((job_named("publish_scheduled"),), connections_override=shared).start()
    yield runner
    runner.stop(timeout=10)


@pytest.fixture
def second_page(_playwright_browser, live_server):
    context = _playwright_browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_submit_approve_with_schedule_and_the_trainee_sees_it_later(page, second_page, screenshot, periodic_runner):
    course_page = build_course(modules=1, title="Peer support basics", modules_unlock_in_order=False)
    kari = UserFactory(role="Counsellors", with_totp=True, language="en", full_name="Kari Author")
    lars = UserFactory(role="Counsellors", with_totp=True, language="en", full_name="Lars Reviewer")
    trainee = UserFactory(role="Trainees", language="en")
    enrol(trainee, course_page)
    module = course_page.add_child(instance=ModulePage(title="Listening without fixing", slug="listening", live=False))
    module.save_revision(user=kari)

    # Lars signs in first, so that the approval follows the submission within a few seconds.
    login(second_page, lars.email, TEST_PASSWORD, TEST_TOTP_SECRET)
    login(page, kari.email, TEST_PASSWORD, TEST_TOTP_SECRET)

    # Kari submits her draft to review in the editor.
    page.goto(f"/admin/pages/{module.pk}/edit/")
    page.locator("footer").get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to Counsellor review").click()
    screenshot(page, "courses-review-submitted")
    module.refresh_from_db()
    assert module.current_workflow_state.status == "in_progress"
    # The submitted revision is scheduled a few seconds ahead. Wagtail's schedule widget counts in whole minutes,
    # which would make this test wait up to two; the same field, set to the second, is what the widget would save.
    revision = module.current_workflow_state.current_task_state.revision
    go_live_at = timezone.now() + GO_LIVE_AFTER
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.save(update_fields=["content"])

    # Lars approves from his dashboard's review list.
    second_page.goto("/admin/")
    row = second_page.locator("tr").filter(has_text="Listening without fixing")
    row.get_by_role("button", name="Actions").click()
    screenshot(second_page, "courses-review-dashboard")
    with second_page.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()
    screenshot(second_page, "courses-review-approved")
    module.refresh_from_db()
    assert module.current_workflow_state is None or module.current_workflow_state.status != "in_progress"
    assert module.live is False, ("went live before its time", go_live_at, timezone.now())
    assert module.go_live_at == go_live_at

    # The trainee does not see it yet, then sees it once the go-live time has passed; nobody runs a command.
    trainee_page = page.context.browser.new_context(base_url=page.url.split("/admin")[0]).new_page()
    login(trainee_page, trainee.email, TEST_PASSWORD)
    assert trainee_page.goto(module.url).status == 404
    deadline = go_live_at + timedelta(seconds=15)
    status = None
    while timezone.now() < deadline:
        trainee_page.wait_for_timeout(1000)
        status = trainee_page.goto(module.url).status
        if status == 200:
            break
    assert status == 200
    assert trainee_page.get_by_role("heading", name="Listening without fixing").is_visible()
    screenshot(trainee_page, "courses-review-trainee-sees-it")
    trainee_page.context.close()
