"""A trainee reads module 3 of the demo course in Bokmål, switches to English half-way through its quiz, finishes it,
and the course page shows the same progress in both languages; axe finds nothing in either.
Screenshots: .screenshots/bilingual-<step>-<lang>.png.
"""

import pytest
from django.core.management import call_command

from courses import services
from courses.models import CoursePage, Enrollment, ModulePage, QuizAttempt
from tests.courses.factories import correct_answers
from tests.lms.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    return CoursePage.objects.get()


def log_in(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def switch_to(page, language):
    with page.expect_navigation():
        page.locator(f'.language-switcher button[value="{language}"]').click()
    assert page.locator("html").get_attribute("lang") == language


def check(page, axe, screenshot, name, language):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    axe(page)
    screenshot(page, f"bilingual-{name}-{language}")


def test_module_3_in_bokmal_then_english_one_record(page, axe, screenshot, demo):
    trainee = UserFactory(role="Trainees", language="en")
    enrollment, _created = services.enrollment_create(user=trainee, course=demo.course, check_open=False)
    modules = list(ModulePage.objects.child_of(demo).live().order_by("path"))
    for module in modules[:2]:
        attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
        services.quiz_attempt_submit(attempt=attempt, answers=correct_answers(attempt))
    module = modules[2]

    log_in(page, trainee.email)
    page.goto(module.url)
    switch_to(page, "nb")
    trainee.refresh_from_db()
    assert trainee.language == "nb"  # the choice is kept on the profile
    assert page.locator("h1").inner_text() == "Empati og anerkjennelse"
    assert page.get_by_text("Amina og gruppeoppgaven").is_visible()
    assert page.get_by_text("Modul 3 av 7").is_visible()
    check(page, axe, screenshot, "module-3", "nb")

    # The quiz starts in Bokmål ...
    page.goto(module.url + "quiz/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert page.get_by_text("Hvilket svar anerkjenner en følelse?").is_visible()
    check(page, axe, screenshot, "quiz-started", "nb")
    attempt = QuizAttempt.objects.get(enrollment=enrollment, module=module, status="in_progress")

    # ... and is finished in English: the same questions, the same choices.
    switch_to(page, "en")
    assert page.get_by_text("Which response validates a feeling?").is_visible()
    check(page, axe, screenshot, "quiz-switched", "en")
    for question_id, choice_ids in correct_answers(attempt).items():
        for choice_id in choice_ids:
            page.locator(f'input[name="q-{question_id}"][value="{choice_id}"]').check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    attempt.refresh_from_db()
    assert attempt.passed is True
    assert QuizAttempt.objects.filter(enrollment=enrollment, module=module).count() == 1
    check(page, axe, screenshot, "quiz-result", "en")

    # The course page: 3 of 7 in English and in Bokmål.
    page.goto(demo.url)
    assert page.locator("progress").first.get_attribute("value") == "3"
    assert page.get_by_text("3 of 7 modules done").is_visible()
    check(page, axe, screenshot, "course", "en")
    switch_to(page, "nb")
    assert page.locator("progress").first.get_attribute("value") == "3"
    assert page.get_by_text("3 av 7 moduler fullført").is_visible()
    assert page.locator("h1").inner_text() == "Opplæring for likepersoner, september 2026"
    check(page, axe, screenshot, "course", "nb")
    assert Enrollment.objects.get(pk=enrollment.pk).module_completions.count() == 3
