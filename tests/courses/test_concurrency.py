"""Races on PostgreSQL with threads (SQLite serialises writes and hides them: these tests skip there)."""

import threading

from courses import services
from courses.models import Enrollment, QuizAttempt
from courses.signals import course_completed
from tests import races
from tests.courses.factories import add_module, build_course, correct_answers, enrol, modules_of, single_choice

pytestmark = races.MARKS


def test_twenty_concurrent_submissions_change_state_once(trainee):
    course = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course)[0]
    enrollment = enrol(trainee, course)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    answers = correct_answers(attempt)
    outcome = races.race(lambda: services.quiz_attempt_submit(attempt=attempt, answers=answers), threads=20)
    outcome.raise_errors()
    assert sum(result.changed for result in outcome.results) == 1
    assert {(r.attempt.score, r.attempt.passed) for r in outcome.results} == {(100, True)}


def test_concurrent_starts_never_exceed_attempts_allowed(trainee):
    course = build_course(modules=0)
    module = add_module(course, quiz=[single_choice()], quiz_attempts_allowed=3)
    enrollment = enrol(trainee, course)

    def start_and_fail():
        attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
        wrong = {q["id"]: [c["id"] for c in q["choices"] if not c["correct"]][:1] for q in attempt.questions}
        services.quiz_attempt_submit(attempt=attempt, answers=wrong)

    for _round in range(3):
        races.race(start_and_fail, threads=10)  # the threads over the limit are refused: their errors are expected
    assert QuizAttempt.objects.filter(enrollment=enrollment).count() == 3


def test_course_completed_fires_once_under_concurrency(user_factory):
    course = build_course(modules=4)
    modules = modules_of(course)
    trainee = user_factory(role="Trainees")
    enrollment = enrol(trainee, course)
    received = []
    lock = threading.Lock()

    def listener(sender, **kwargs):
        with lock:
            received.append(kwargs["enrollment"].pk)

    course_completed.connect(listener, weak=False)
    try:
        index = iter(range(100))
        index_lock = threading.Lock()

        def complete():
            with index_lock:
                i = next(index)
            services.module_complete(enrollment=enrollment, module=modules[i % 4])

        outcome = races.race(complete, threads=16)
    finally:
        course_completed.disconnect(listener)
    enrollment.refresh_from_db()
    outcome.raise_errors()
    assert (received, enrollment.status) == ([enrollment.pk], Enrollment.Status.COMPLETED)
