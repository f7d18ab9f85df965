"""Progress, completion and quiz services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import services
from courses.models import Course, Enrollment, ModuleCompletion, QuizAttempt
from courses.signals import course_completed
from tests.courses.factories import (
    add_module,
    build_course,
    correct_answers,
    enrol,
    modules_of,
    single_choice,
    wrong_answers,
)
from tests.lms.factories import InstitutionFactory


@pytest.fixture
def events():
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    course_completed.connect(listener, weak=False)
    yield received
    course_completed.disconnect(listener)


def pass_quiz(enrollment, module):
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    return services.quiz_attempt_submit(attempt=attempt, answers=correct_answers(attempt)).attempt


def test_course_completes_when_every_required_module_is_done(db, trainee, django_capture_on_commit_callbacks, events):
    course_page = build_course(modules=2, quiz_on=(1,))
    first, second = modules_of(course_page)
    enrollment = enrol(trainee, course_page)
    with django_capture_on_commit_callbacks(execute=True):
        services.module_mark_done(enrollment=enrollment, module=first)
        pass_quiz(enrollment, second)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert [(e["user"], e["course"]) for e in events] == [(trainee, enrollment.course)]


def test_course_completed_fires_once_when_modules_are_completed_again(
    db, trainee, django_capture_on_commit_callbacks, events
):
    course_page = build_course(modules=1)
    module = modules_of(course_page)[0]
    enrollment = enrol(trainee, course_page)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            services.module_complete(enrollment=enrollment, module=module)
    assert len(events) == 1


def test_event_is_sent_only_after_commit(db, trainee, django_capture_on_commit_callbacks, events):
    course_page = build_course(modules=1)
    enrollment = enrol(trainee, course_page)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.module_complete(enrollment=enrollment, module=modules_of(course_page)[0])
    assert (len(events), len(callbacks)) == (0, 1)


def test_optional_module_is_not_needed_for_completion(db, trainee):
    course_page = build_course(modules=1)
    add_module(course_page, title="Extra", required=False)
    enrollment = enrol(trainee, course_page)
    services.module_complete(enrollment=enrollment, module=modules_of(course_page)[0])
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED


def test_evidence_lists_completed_modules(db, trainee):
    course_page = build_course(modules=2)
    enrollment = enrol(trainee, course_page)
    for module in modules_of(course_page):
        services.module_complete(enrollment=enrollment, module=module)
    enrollment.refresh_from_db()
    evidence = enrollment.evidence()
    assert [m["title"] for m in evidence["modules"]] == ["Module 1", "Module 2"] and evidence["hours"] == 0.7


def test_mark_done_is_refused_on_a_module_with_a_quiz(db, trainee):
    course_page = build_course(modules=1, quiz_on=(0,))
    enrollment = enrol(trainee, course_page)
    with pytest.raises(services.TrainingError):
        services.module_mark_done(enrollment=enrollment, module=modules_of(course_page)[0])
    assert not ModuleCompletion.objects.exists()


def test_failing_does_not_complete_the_module(db, trainee):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    enrollment = enrol(trainee, course_page)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    result = services.quiz_attempt_submit(attempt=attempt, answers=wrong_answers(attempt))
    assert (result.attempt.passed, ModuleCompletion.objects.count()) == (False, 0)


def test_starting_twice_returns_the_open_attempt(db, trainee):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    enrollment = enrol(trainee, course_page)
    first = services.quiz_attempt_start(enrollment=enrollment, module=module)
    assert services.quiz_attempt_start(enrollment=enrollment, module=module) == first


def test_attempts_allowed_is_enforced(db, trainee):
    course_page = build_course(modules=0)
    module = add_module(course_page, quiz=[single_choice()], quiz_attempts_allowed=2)
    enrollment = enrol(trainee, course_page)
    for _ in range(2):
        attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
        services.quiz_attempt_submit(attempt=attempt, answers=wrong_answers(attempt))
    with pytest.raises(services.TrainingError) as error:
        services.quiz_attempt_start(enrollment=enrollment, module=module)
    assert error.value.code == "no_attempts"


def test_zero_attempts_allowed_means_unlimited(db, trainee):
    course_page = build_course(modules=0)
    module = add_module(course_page, quiz=[single_choice()], quiz_attempts_allowed=0)
    enrollment = enrol(trainee, course_page)
    for _ in range(6):
        attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
        services.quiz_attempt_submit(attempt=attempt, answers=wrong_answers(attempt))
    assert QuizAttempt.objects.count() == 6


def test_submitting_twice_changes_state_once(db, trainee):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    enrollment = enrol(trainee, course_page)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    first = services.quiz_attempt_submit(attempt=attempt, answers=wrong_answers(attempt))
    second = services.quiz_attempt_submit(attempt=attempt, answers=correct_answers(attempt))
    assert (first.changed, second.changed, second.attempt.score, second.attempt.passed) == (True, False, 0, False)


def test_draw_n_from_pool_asks_n_questions(db, trainee):
    course_page = build_course(modules=0)
    module = add_module(course_page, quiz=[single_choice(f"P{i}") for i in range(6)], quiz_draw_count=3)
    enrollment = enrol(trainee, course_page)
    assert len(services.quiz_attempt_start(enrollment=enrollment, module=module).questions) == 3


def test_editing_and_republishing_a_quiz_changes_no_stored_score(db, trainee, user_factory):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    scores = []
    for i in range(4):
        user = user_factory(role="Trainees")
        enrollment = enrol(user, course_page)
        attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
        answers = correct_answers(attempt) if i % 2 else wrong_answers(attempt)
        services.quiz_attempt_submit(attempt=attempt, answers=answers)
    scores = list(QuizAttempt.objects.order_by("pk").values_list("score", "passed", "correct_count"))
    # Flip every correct flag, change the pass mark, and republish.
    data = module.quiz_questions.raw_data
    for question in data:
        value = question["value"]
        if question["type"] == "true_false":
            value["is_true"] = not value["is_true"]
        else:
            for item in value["choices"]:
                item["value"]["is_correct"] = not item["value"]["is_correct"]
    module.quiz_questions = list(data)
    module.quiz_pass_mark = 10
    module.save_revision().publish()
    assert list(QuizAttempt.objects.order_by("pk").values_list("score", "passed", "correct_count")) == scores


def test_stale_attempt_is_scored_against_the_revision_it_started_with(db, trainee):
    course_page = build_course(modules=0)
    module = add_module(course_page, quiz=[single_choice("Stale?", correct_index=0)])
    enrollment = enrol(trainee, course_page)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    answers = correct_answers(attempt)
    data = module.quiz_questions.raw_data
    for item in data[0]["value"]["choices"]:
        item["value"]["is_correct"] = not item["value"]["is_correct"]
    module.quiz_questions = list(data)
    module.save_revision().publish()
    assert services.quiz_attempt_submit(attempt=attempt, answers=answers).attempt.passed is True


def test_deadline_refuses_submission_and_keeps_the_answers(db, trainee):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    enrollment = enrol(trainee, course_page)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    Course.objects.filter(pk=enrollment.course_id).update(completion_deadline=timezone.now() - timedelta(days=1))
    answers = correct_answers(attempt)
    with pytest.raises(services.TrainingError) as error:
        services.quiz_attempt_submit(attempt=attempt, answers=answers)
    attempt.refresh_from_db()
    assert (error.value.code, attempt.status, attempt.answers) == ("deadline", "in_progress", answers)


def test_unanswered_question_is_refused_and_other_answers_kept(db, trainee):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    enrollment = enrol(trainee, course_page)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    answers = correct_answers(attempt)
    missing = attempt.questions[0]["id"]
    del answers[missing]
    with pytest.raises(services.AnswersInvalid) as error:
        services.quiz_attempt_submit(attempt=attempt, answers=answers)
    attempt.refresh_from_db()
    assert (error.value.errors, attempt.status, attempt.answers) == ({missing: "unanswered"}, "in_progress", answers)


def test_choice_from_another_question_is_refused(db, trainee):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    enrollment = enrol(trainee, course_page)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    answers = correct_answers(attempt)
    first, second = attempt.questions[0]["id"], attempt.questions[1]["id"]
    answers[first] = [attempt.questions[1]["choices"][0]["id"]]
    with pytest.raises(services.AnswersInvalid) as error:
        services.quiz_attempt_submit(attempt=attempt, answers=answers)
    assert error.value.errors == {first: "foreign_choice"} and second not in error.value.errors


def test_enrolment_is_refused_when_closed(db, trainee):
    course_page = build_course(modules=1)
    Course.objects.filter(pk=course_page.course_id).update(enrolment_closes_at=timezone.now() - timedelta(days=1))
    with pytest.raises(services.TrainingError):
        services.enrollment_create(user=trainee, course=Course.objects.get(pk=course_page.course_id))
    assert not Enrollment.objects.exists()


def test_enrolling_twice_keeps_one_enrolment(db, trainee):
    course_page = build_course(modules=1)
    services.enrollment_create(user=trainee, course=course_page.course)
    _enrollment, created = services.enrollment_create(user=trainee, course=course_page.course)
    assert (created, Enrollment.objects.count()) == (False, 1)


def test_bulk_enrolment_reports_each_address(db, coordinator, user_factory):
    course_page = build_course(modules=1)
    institution = InstitutionFactory()
    coordinator.institution = institution
    coordinator.save()
    own = user_factory(institution=institution, email="own@example.org")
    already = user_factory(institution=institution, email="already@example.org")
    user_factory(institution=InstitutionFactory(), email="elsewhere@example.org")
    enrol(already, course_page)
    report = services.enrollment_create_bulk(
        actor=coordinator,
        course=course_page.course,
        emails=["Own@Example.org", "already@example.org", "nobody@example.org", "elsewhere@example.org", "nope"],
    )
    assert (report.enrolled, report.already_enrolled, report.unknown, report.other_institution, report.invalid) == (
        [own.email],
        ["already@example.org"],
        ["nobody@example.org"],
        ["elsewhere@example.org"],
        ["nope"],
    )
