"""The trainee's whole journey through a small course, in a real browser: axe-clean pages, screenshots to look at.

Course: module 1 has no quiz ("Mark as done"), module 2 has a quiz of every question type. The trainee enrols,
reads, marks module 1 done, fails the quiz, retakes it, passes and completes the course.
Screenshots: .screenshots/courses-<step>-<lang>.png.
"""

import re

import pytest

from courses import services
from courses.models import Enrollment, QuizAttempt
from tests.courses.factories import build_course, correct_answers, modules_of, wrong_answers
from tests.lms.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def course_page(db):
    return build_course(modules=2, quiz_on=(1,), title="Peer support basics", estimated_hours=2)


def log_in(page, email):
    """allauth's login form by field names, so it works in either language."""
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def answer(page, attempt: QuizAttempt, answers: dict[str, list[str]]):
    for question_id, choice_ids in answers.items():
        for choice_id in choice_ids:
            page.locator(f'input[name="q-{question_id}"][value="{choice_id}"]').check()


def check_page(page, axe, screenshot, name, language="en"):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    axe(page)
    return screenshot(page, f"courses-{name}-{language}")


def latest_attempt(user) -> QuizAttempt:
    return QuizAttempt.objects.filter(user=user).order_by("-started_at").first()


def test_trainee_journey(page, axe, screenshot, course_page):
    trainee = UserFactory(role="Trainees", language="en", preferred_name="Ingrid")
    module_one, module_two = modules_of(course_page)
    log_in(page, trainee.email)

    # The course page before enrolling: overview and the enrol button.
    page.goto(course_page.url)
    check_page(page, axe, screenshot, "course-before-enrol")
    click_and_wait(page, page.get_by_role("button", name="Enrol in this course"))
    assert page.get_by_text("You are enrolled.").is_visible()
    assert page.locator(".courses-modules__item").nth(1).get_by_text("Locked").is_visible()
    check_page(page, axe, screenshot, "course-enrolled")

    # Module 1 has no quiz: read it, mark it done, land on module 2.
    click_and_wait(page, page.get_by_role("link", name=re.compile("Start the first module")))
    assert page.get_by_text("Module 1 of 2").is_visible()
    check_page(page, axe, screenshot, "module-1")
    click_and_wait(page, page.get_by_role("button", name="Mark as done"))
    assert page.get_by_text("Module marked as done.").is_visible()
    assert page.get_by_text("Module 2 of 2").is_visible()
    check_page(page, axe, screenshot, "module-2")

    # My page half way: a progress bar at 50 % and a Continue button.
    page.goto("/my/")
    assert page.locator("progress").first.get_attribute("value") == "1"
    assert page.get_by_text("1 of 2 modules done (50%)").is_visible()
    check_page(page, axe, screenshot, "my-page-in-progress")
    click_and_wait(page, page.get_by_role("link", name=re.compile("^Continue")))
    assert page.url.endswith(module_two.url)

    # The quiz: start page, an attempt, submitted with one question unanswered, then all wrong.
    click_and_wait(page, page.get_by_role("link", name="Go to the quiz"))
    check_page(page, axe, screenshot, "quiz-start")
    click_and_wait(page, page.get_by_role("button", name="Start the quiz"))
    check_page(page, axe, screenshot, "quiz-take")
    attempt = latest_attempt(trainee)
    wrong = wrong_answers(attempt)
    first_question = next(iter(wrong))
    answer(page, attempt, {qid: ids for qid, ids in wrong.items() if qid != first_question})
    click_and_wait(page, page.get_by_role("button", name="Submit answers"))
    assert page.get_by_text("1 question needs your attention").is_visible()
    check_page(page, axe, screenshot, "quiz-unanswered")
    answer(page, attempt, {first_question: wrong[first_question]})
    click_and_wait(page, page.get_by_role("button", name="Submit answers"))
    assert page.get_by_role("heading", name="Not passed yet").is_visible()
    assert page.get_by_text("You have 2 attempts left.").is_visible()
    check_page(page, axe, screenshot, "quiz-result-failed")

    # Retake and pass: the course is complete.
    click_and_wait(page, page.get_by_role("button", name="Retake the quiz"))
    retake = latest_attempt(trainee)
    assert retake.attempt_number == 2
    answer(page, retake, correct_answers(retake))
    click_and_wait(page, page.get_by_role("button", name="Submit answers"))
    assert page.get_by_role("heading", name="Passed", exact=True).is_visible()
    assert page.get_by_text("You have completed the course. Well done!").is_visible()
    check_page(page, axe, screenshot, "quiz-result-passed")
    assert Enrollment.objects.get(user=trainee).status == Enrollment.Status.COMPLETED

    # The course page and My page show the course as completed.
    page.goto(course_page.url)
    assert page.get_by_text("You completed this course on").is_visible()
    check_page(page, axe, screenshot, "course-completed")
    page.goto("/my/")
    assert page.get_by_role("heading", name="Completed courses").is_visible()
    check_page(page, axe, screenshot, "my-page-completed")
    assert module_one.pk  # both modules were visited through the journey above


def test_trainee_pages_in_norwegian(page, axe, screenshot, course_page):
    trainee = UserFactory(role="Trainees", language="nb")
    log_in(page, trainee.email)  # the login switches to the person's language (home.signals)

    page.goto(course_page.url)
    assert page.get_by_role("button", name="Meld deg på kurset").is_visible()
    check_page(page, axe, screenshot, "course-before-enrol", "nb")
    click_and_wait(page, page.get_by_role("button", name="Meld deg på kurset"))
    assert page.get_by_text("Du er påmeldt.").is_visible()
    check_page(page, axe, screenshot, "course-enrolled", "nb")
    click_and_wait(page, page.get_by_role("link", name=re.compile("Start den første modulen")))
    assert page.get_by_text("Modul 1 av 2").is_visible()
    check_page(page, axe, screenshot, "module-1", "nb")
    click_and_wait(page, page.get_by_role("button", name="Marker som ferdig"))
    click_and_wait(page, page.get_by_role("link", name="Gå til quizen"))
    check_page(page, axe, screenshot, "quiz-start", "nb")
    click_and_wait(page, page.get_by_role("button", name="Start quizen"))
    check_page(page, axe, screenshot, "quiz-take", "nb")
    attempt = latest_attempt(trainee)
    answer(page, attempt, wrong_answers(attempt))
    click_and_wait(page, page.get_by_role("button", name="Send inn svarene"))
    assert page.get_by_role("heading", name="Ikke bestått ennå").is_visible()
    check_page(page, axe, screenshot, "quiz-result-failed", "nb")
    page.goto("/my/")
    assert page.get_by_text("1 av 2 moduler fullført").is_visible()
    check_page(page, axe, screenshot, "my-page-in-progress", "nb")


@pytest.mark.parametrize("step", ["course", "module", "quiz"])
def test_trainee_pages_at_phone_width(page, axe, screenshot, course_page, step):
    trainee = UserFactory(role="Trainees", language="en")
    enrollment = Enrollment.objects.create(user=trainee, course=course_page.course)
    module_one, module_two = modules_of(course_page)

    services.module_mark_done(enrollment=enrollment, module=module_one)
    log_in(page, trainee.email)
    page.set_viewport_size({"width": 375, "height": 800})
    if step == "course":
        page.goto(course_page.url)
    elif step == "module":
        page.goto(module_two.url)
    else:
        attempt = services.quiz_attempt_start(enrollment=enrollment, module=module_two)
        page.goto(f"{module_two.url}quiz/{attempt.public_id}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe(page)
    screenshot(page, f"courses-{step}-375")
