"""Trainee pages: enrolment, module navigation, quiz result rules, bad input messages, reflections."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Course, Enrollment, ModuleCompletion, QuizAttempt, ReflectionAnswer
from home.panels import get_my_page_panels
from tests.courses.factories import (
    MARKER,
    _id,
    add_module,
    build_course,
    correct_answers,
    enrol,
    modules_of,
    post_data,
    single_choice,
    wrong_answers,
)


@pytest.fixture
def quiz_module(db):
    course = build_course(modules=0)
    return course, add_module(course, quiz=[single_choice("A?"), single_choice("B?")], quiz_attempts_allowed=2)


def start(client, module):
    client.post(module.url + "quiz/")
    return QuizAttempt.objects.in_progress().get()


def test_trainee_enrols_while_open(client, trainee):
    course = build_course(modules=1)
    client.force_login(trainee)
    client.post(course.url + "enrol/")
    assert Enrollment.objects.filter(user=trainee).count() == 1


def test_enrol_after_close_gives_a_clear_message(client, trainee):
    course = build_course(modules=1)
    Course.objects.filter(pk=course.course_id).update(enrolment_closes_at=timezone.now() - timedelta(days=1))
    client.force_login(trainee)
    response = client.post(course.url + "enrol/", follow=True)
    assert "not open" in response.content.decode() and not Enrollment.objects.exists()


def test_module_page_shows_position_and_neighbours(client, trainee):
    course = build_course(modules=3, modules_unlock_in_order=False)
    enrol(trainee, course)
    client.force_login(trainee)
    html = client.get(modules_of(course)[1].url).content.decode()
    assert "Module 2 of 3" in html and 'rel="prev"' in html and 'rel="next"' in html


def test_course_page_lists_module_states(client, trainee):
    course = build_course(modules=3)
    first, second, _third = modules_of(course)
    enrollment = enrol(trainee, course)
    client.force_login(trainee)
    client.post(first.url + "done/")
    client.get(second.url)
    html = client.get(course.url).content.decode()
    assert all(label in html for label in ["Done", "In progress", "Locked", "20 minutes"])
    assert enrollment.module_completions.count() == 1


def test_failed_attempt_shows_feedback_for_chosen_answers_but_not_the_key(client, trainee, quiz_module):
    course, module = quiz_module
    enrol(trainee, course)
    client.force_login(trainee)
    attempt = start(client, module)
    html = client.post(module.url + f"quiz/{attempt.public_id}/", post_data(wrong_answers(attempt)), follow=True)
    html = html.content.decode()
    assert "Not passed yet" in html and "Not quite" in html and MARKER not in html and "1 attempt left" in html
    assert "Retake the quiz" in html


def test_running_out_of_attempts_shows_the_full_review(client, trainee, quiz_module):
    course, module = quiz_module
    enrol(trainee, course)
    client.force_login(trainee)
    for _ in range(2):
        attempt = start(client, module)
        response = client.post(
            module.url + f"quiz/{attempt.public_id}/", post_data(wrong_answers(attempt)), follow=True
        )
    html = response.content.decode()
    assert MARKER in html and "Retake the quiz" not in html


def test_double_submit_shows_the_same_result(client, trainee, quiz_module):
    course, module = quiz_module
    enrol(trainee, course)
    client.force_login(trainee)
    attempt = start(client, module)
    url = module.url + f"quiz/{attempt.public_id}/"
    first = client.post(url, post_data(correct_answers(attempt)))
    second = client.post(url, post_data(wrong_answers(attempt)))
    attempt.refresh_from_db()
    assert first["Location"] == second["Location"] and attempt.passed is True


def test_unanswered_question_gets_a_message_and_keeps_answers(client, trainee, quiz_module):
    course, module = quiz_module
    enrol(trainee, course)
    client.force_login(trainee)
    attempt = start(client, module)
    answers = correct_answers(attempt)
    kept_question = attempt.questions[1]
    del answers[attempt.questions[0]["id"]]
    response = client.post(module.url + f"quiz/{attempt.public_id}/", post_data(answers))
    html = response.content.decode()
    chosen = answers[kept_question["id"]][0]
    assert response.status_code == 400 and "Choose an answer to this question." in html
    assert f'value="{chosen}" checked' in html


def test_foreign_choice_gets_a_message(client, trainee, quiz_module):
    course, module = quiz_module
    enrol(trainee, course)
    client.force_login(trainee)
    attempt = start(client, module)
    answers = correct_answers(attempt)
    answers[attempt.questions[0]["id"]] = [attempt.questions[1]["choices"][0]["id"]]
    html = client.post(module.url + f"quiz/{attempt.public_id}/", post_data(answers)).content.decode()
    assert "does not belong to this question" in html


def test_stale_attempt_shows_a_notice(client, trainee, quiz_module):
    course, module = quiz_module
    enrol(trainee, course)
    client.force_login(trainee)
    attempt = start(client, module)
    module.title = "Edited"
    module.save_revision().publish()
    assert "changed after you started" in client.get(module.url + f"quiz/{attempt.public_id}/").content.decode()


def test_submission_after_deadline_gets_a_message_and_keeps_answers(client, trainee, quiz_module):
    course, module = quiz_module
    enrol(trainee, course)
    client.force_login(trainee)
    attempt = start(client, module)
    Course.objects.filter(pk=course.course_id).update(completion_deadline=timezone.now() - timedelta(minutes=1))
    response = client.post(module.url + f"quiz/{attempt.public_id}/", post_data(correct_answers(attempt)))
    attempt.refresh_from_db()
    assert "deadline" in response.content.decode() and attempt.answers == correct_answers(attempt)


def test_passing_completes_module_and_offers_next(client, trainee):
    course = build_course(modules=2, quiz_on=(0,))
    module = modules_of(course)[0]
    enrol(trainee, course)
    client.force_login(trainee)
    attempt = start(client, module)
    html = client.post(module.url + f"quiz/{attempt.public_id}/", post_data(correct_answers(attempt)), follow=True)
    assert "Next module" in html.content.decode() and ModuleCompletion.objects.count() == 1


def test_reflection_is_saved_privately(client, trainee, user_factory):
    course = build_course(modules=0)
    block_id = _id()
    module = add_module(course)
    module.body = [{"type": "reflection", "id": block_id, "value": {"prompt": "What did you notice?", "guidance": ""}}]
    module.save_revision().publish()
    enrol(trainee, course)
    client.force_login(trainee)
    client.post(module.url + f"reflection/{block_id}/", {"text": "My private thought"})
    assert "My private thought" in client.get(module.url).content.decode()
    other = user_factory(role="Trainees")
    enrol(other, course)
    client.force_login(other)
    assert "My private thought" not in client.get(module.url).content.decode()


def test_overlong_reflection_is_refused_with_a_message(client, trainee):
    course = build_course(modules=0)
    block_id = _id()
    module = add_module(course)
    module.body = [{"type": "reflection", "id": block_id, "value": {"prompt": "Why?", "guidance": ""}}]
    module.save_revision().publish()
    enrol(trainee, course)
    client.force_login(trainee)
    response = client.post(module.url + f"reflection/{block_id}/", {"text": "x" * 5001}, follow=True)
    assert "shorten it" in response.content.decode() and not ReflectionAnswer.objects.exists()


def test_reflection_for_unknown_block_is_404(client, trainee):
    course = build_course(modules=1)
    enrol(trainee, course)
    client.force_login(trainee)
    assert client.post(modules_of(course)[0].url + f"reflection/{_id()}/", {"text": "x"}).status_code == 404


def test_my_training_panel_shows_progress_and_continue(rf, trainee):
    course = build_course(modules=4, title="Spring course")
    enrollment = enrol(trainee, course)
    ModuleCompletion.objects.create(enrollment=enrollment, module=modules_of(course)[0], module_title="Module 1")
    request = rf.get("/my/")
    request.user = trainee
    panel = next(p for p in get_my_page_panels(request) if p.name == "training")
    html = panel.render(request)
    assert "1 of 4 modules done (25%)" in html and "Continue" in html and "Module 2" in html


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "0 of 1 module done (0%)", "1 of 2 modules done (50%)"),
        ("nb", "0 av 1 modul fullført (0 %)", "1 av 2 moduler fullført (50 %)"),
    ],
)
def test_progress_counts_modules_in_the_singular_and_the_plural(client, trainee, settings, language, one, two):
    single, pair = build_course(modules=1), build_course(modules=2)
    enrol(trainee, single)
    enrollment = enrol(trainee, pair)
    ModuleCompletion.objects.create(enrollment=enrollment, module=modules_of(pair)[0], module_title="Module 1")
    client.force_login(trainee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert one in client.get(single.url).content.decode()
    assert two in client.get(pair.url).content.decode()


def test_my_training_panel_lists_completed_courses(rf, trainee):
    course = build_course(modules=1, title="Done course")
    enrol(trainee, course)
    Enrollment.objects.update(status="completed", completed_at=timezone.now())
    request = rf.get("/my/")
    request.user = trainee
    html = next(p for p in get_my_page_panels(request) if p.name == "training").render(request)
    assert "Completed courses" in html and "Done course" in html
