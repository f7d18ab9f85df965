"""Races on PostgreSQL with threads (SQLite serialises writes and hides them: these tests skip there)."""

import threading

import pytest
from django.db import connection, connections

from courses import services
from courses.models import Enrollment, QuizAttempt
from courses.signals import course_completed
from tests.courses.factories import add_module, build_course, correct_answers, enrol, modules_of, single_choice

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Races need PostgreSQL (SQLite serialises writes).")


def run_threads(n, target):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # noqa: BLE001 - collected and asserted on
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_twenty_concurrent_submissions_change_state_once(trainee):
    course = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course)[0]
    enrollment = enrol(trainee, course)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    answers = correct_answers(attempt)
    results, errors = run_threads(20, lambda: services.quiz_attempt_submit(attempt=attempt, answers=answers))
    assert errors == []
    assert sum(result.changed for result in results) == 1
    assert {(r.attempt.score, r.attempt.passed) for r in results} == {(100, True)}


def test_concurrent_starts_never_exceed_attempts_allowed(trainee):
    course = build_course(modules=0)
    module = add_module(course, quiz=[single_choice()], quiz_attempts_allowed=3)
    enrollment = enrol(trainee, course)

    def start_and_fail():
        attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
        wrong = {q["id"]: [c["id"] for c in q["choices"] if not c["correct"]][:1] for q in attempt.questions}
        services.quiz_attempt_submit(attempt=attempt, answers=wrong)

    for _round in range(3):
        run_threads(10, start_and_fail)
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

        results, errors = run_threads(16, complete)
    finally:
        course_completed.disconnect(listener)
    enrollment.refresh_from_db()
    assert errors == []
    assert (received, enrollment.status) == ([enrollment.pk], Enrollment.Status.COMPLETED)
