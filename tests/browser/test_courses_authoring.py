"""A counsellor (with TOTP) writes a module with a quiz in the Wagtail admin and submits it to "Counsellor review".

Wagtail's admin markup is Wagtail's own: no axe here, but screenshots (.screenshots/courses-admin-*.png) to look at.
"""

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from courses.models import ModulePage
from tests.courses.factories import build_course
from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in_with_totp(page, email, totp_secret):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    counter = next(iter(yield_hotp_counters_from_time()))
    page.locator("input[name=code]").fill(format_hotp_value(hotp_value(totp_secret, counter)))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def test_counsellor_writes_a_module_with_a_quiz_and_submits_it_for_review(page, screenshot):
    course_page = build_course(modules=1, title="Peer support basics")
    counsellor = UserFactory(role="Counsellors", with_totp=True, language="en")
    log_in_with_totp(page, counsellor.email, TEST_TOTP_SECRET)

    page.goto(f"/admin/pages/add/courses/modulepage/{course_page.pk}/")
    page.locator("#id_title").fill("Listening without fixing")
    page.locator("#id_summary").fill("How to listen so that a student feels heard.")
    screenshot(page, "courses-admin-module-content")

    page.get_by_role("tab", name="Quiz").click()
    page.locator("#id_quiz_pass_mark").fill("100")
    page.locator("#panel-child-quiz-quiz_questions-section").get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="True or false").click()
    page.locator("textarea[name$='-value-statement']").fill("A peer supporter should solve the student's problem.")
    page.locator("textarea[name$='-value-feedback_true']").fill("Not so: listening comes before any advice.")
    page.locator("textarea[name$='-value-feedback_false']").fill("Right: you listen, the student decides.")
    screenshot(page, "courses-admin-module-quiz")

    page.locator("footer").get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to Counsellor review").click()
    screenshot(page, "courses-admin-submitted")

    module = ModulePage.objects.get(title="Listening without fixing")
    assert module.get_parent().pk == course_page.pk
    assert module.live is False
    assert module.current_workflow_state.status == "in_progress"
    assert module.current_workflow_state.workflow.name == "Counsellor review"
    revision_quiz = module.get_latest_revision_as_object().quiz_questions
    assert [block.block_type for block in revision_quiz] == ["true_false"]
    assert revision_quiz[0].value["is_true"] is False
