from io import StringIO

import pytest
from django.core.management import call_command

from courses.models import CoursePage, Enrollment, ModulePage, QuizAttempt
from courses.signals import course_completed


@pytest.fixture
def seeded(db, settings, django_capture_on_commit_callbacks):
    settings.DEMO_PASSWORD = "peer-support-demo"
    received = []
    course_completed.connect(lambda sender, **kw: received.append(kw["user"].email), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("seed_demo", stdout=StringIO())
    finally:
        course_completed.disconnect(dispatch_uid="t")
    return received


def test_demo_course_has_seven_modules_with_quizzes(seeded):
    page = CoursePage.objects.get()
    modules = ModulePage.objects.child_of(page).live()
    assert modules.count() >= 7 and all(4 <= len(m.quiz_questions) <= 6 for m in modules)
    assert all(any(b.block_type == "scenario" for b in m.quiz_questions) for m in modules)


def test_demo_trainee_part_done_and_supporter_completed(seeded):
    trainee = Enrollment.objects.get(user__email="trainee@example.org")
    supporter = Enrollment.objects.get(user__email="supporter@example.org")
    assert (trainee.status, trainee.module_completions.count()) == ("active", 3)
    assert supporter.status == "completed" and seeded == ["supporter@example.org"]


def test_demo_is_idempotent(seeded):
    counts = (CoursePage.objects.count(), ModulePage.objects.count(), QuizAttempt.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (CoursePage.objects.count(), ModulePage.objects.count(), QuizAttempt.objects.count()) == counts
