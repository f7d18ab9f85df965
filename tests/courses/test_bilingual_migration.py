"""The Bokmål migrations on a database with progress: every enrolment, visit, completion, reflection and quiz attempt
stays on the same page, and the pages start as "no Bokmål translation" (docs/decisions/0100)."""

import pytest

from courses import services
from courses.models import ModuleCompletion, ModulePage, ModuleVisit, QuizAttempt, ReflectionAnswer
from home.i18n import MISSING
from tests.courses.factories import build_course, correct_answers, enrol, modules_of
from tests.lms.factories import UserFactory
from tests.migrating import migrate, migrate_to_newest

BEFORE = [("home", "0003_role_permissions"), ("courses", "0005_course_refresher")]
AFTER = [("home", "0004_bokmal_content"), ("courses", "0006_bokmal_content")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_progress_survives_the_bokmal_migrations(client):
    course = build_course(modules=2, quiz_on=(0,))
    trainee = UserFactory(role="Trainees")
    enrollment = enrol(trainee, course)
    first = modules_of(course)[0]
    services.module_visit(enrollment=enrollment, module=first)
    reflection_id = "3f1b6c7e-1111-4a4a-8b8b-222222222222"
    services.reflection_save(user=trainee, module=first, block_id=reflection_id, text="Mine tanker.")
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=first)
    services.quiz_attempt_submit(attempt=attempt, answers=correct_answers(attempt))
    # A snapshot as the single-language schema stored it: no Bokmål texts.
    QuizAttempt.objects.update(questions=[{k: v for k, v in q.items() if k != "nb"} for q in attempt.questions])
    open_attempt_module = modules_of(course)[1]
    before = {
        "visits": list(ModuleVisit.objects.values_list("enrollment_id", "module_id")),
        "completions": list(ModuleCompletion.objects.values_list("enrollment_id", "module_id", "module_title")),
        "attempts": list(QuizAttempt.objects.values_list("public_id", "module_id", "score", "questions")),
        "reflections": list(ReflectionAnswer.objects.values_list("user_id", "module_id", "block_id", "text")),
    }
    try:
        old = migrate(BEFORE)
        old_module = old.get_model("courses", "ModulePage")
        assert not hasattr(old_module.objects.get(pk=first.pk), "title_nb")
        assert old.get_model("courses", "QuizAttempt").objects.count() == 1
    finally:
        migrate_to_newest()
    assert list(ModuleVisit.objects.values_list("enrollment_id", "module_id")) == before["visits"]
    assert (
        list(ModuleCompletion.objects.values_list("enrollment_id", "module_id", "module_title"))
        == before["completions"]
    )
    assert list(QuizAttempt.objects.values_list("public_id", "module_id", "score", "questions")) == before["attempts"]
    assert (
        list(ReflectionAnswer.objects.values_list("user_id", "module_id", "block_id", "text")) == before["reflections"]
    )
    migrated = ModulePage.objects.get(pk=first.pk)
    assert migrated.title_nb == "" and migrated.translation_status == MISSING
    # The old attempt (no Bokmål in its snapshot) reads in English under Bokmål, and the course goes on.
    stored = QuizAttempt.objects.get()
    assert stored.public_questions("nb") == stored.public_questions("en")
    client.force_login(trainee)
    assert client.get(open_attempt_module.url).status_code == 200
