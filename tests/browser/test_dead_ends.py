"""No dead end after the last quiz attempt, in a real browser (issue 12, item 4): the quiz result, the course page and
My page say so and link the trainee's institution contact; no "Continue". axe-clean; screenshots
.screenshots/dead-end-<page>-<width>.png."""

import pytest

from courses.models import QuizAttempt
from tests.browser.test_courses_trainee import answer, log_in
from tests.courses.factories import add_module, build_course, enrol, single_choice, wrong_answers
from tests.home.factories import SiteSettingsFactory
from tests.lms.factories import InstitutionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_the_last_failed_attempt_names_whom_to_write_to(page, axe, screenshot, width):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    institution = InstitutionFactory(short_name="OsloMet", contact_email="likeperson@oslomet.example")
    trainee = UserFactory(role="Trainees", language="en", institution=institution)
    course = build_course(modules=0, title="Listening basics")
    module = add_module(course, title="Active listening", quiz=[single_choice("Which one?")], quiz_attempts_allowed=1)
    enrol(trainee, course)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, trainee.email)

    page.goto(module.url + "quiz/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    attempt = QuizAttempt.objects.in_progress().get()
    answer(page, attempt, wrong_answers(attempt))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    contact = page.get_by_role("link", name="likeperson@oslomet.example")
    assert "You have used all your attempts" in page.locator("main").inner_text()
    assert contact.first.get_attribute("href") == "mailto:likeperson@oslomet.example"
    axe(page)
    screenshot(page, f"dead-end-quiz-result-{width}")

    for name, url in (("course", course.url), ("my-page", "/my/")):
        page.goto(url)
        main = page.locator("main").inner_text()
        assert "you have used all your quiz attempts" in main, name
        assert page.get_by_role("link", name="Continue").count() == 0, name
        assert page.get_by_role("link", name="likeperson@oslomet.example").count() == 1, name
        axe(page)
        screenshot(page, f"dead-end-{name}-{width}")
