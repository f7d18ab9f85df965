"""One learning record in two languages: the Bokmål module is the same page, the same quiz and the same key.

docs/decisions/0100. The Bokmål texts of a quiz live inside its question blocks; these tests check that the reader's
language changes only the words: the questions, choices, scoring, attempt count and saved reflections stay one.
"""

import copy

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from courses import scoring, services
from courses.models import ModuleCompletion, QuizAttempt, ReflectionAnswer
from home.i18n import CURRENT, MISSING, OUTDATED
from tests.courses.factories import (
    all_question_types,
    build_course,
    correct_answers,
    enrol,
    modules_of,
    post_data,
    publish,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


def with_bokmal(questions):
    """The quiz stream with a Bokmål text for every English one (ids and key untouched)."""
    questions = copy.deepcopy(questions)
    for question in questions:
        value = question["value"]
        if question["type"] == "true_false":
            value["statement_nb"] = "NB " + value["statement"]
            value["feedback_true_nb"] = "NB " + value["feedback_true"]
            value["feedback_false_nb"] = "NB " + value["feedback_false"]
            continue
        value["prompt_nb"] = "NB " + value["prompt"]
        if question["type"] == "scenario":
            value["case_nb"] = "<p>NB-scenario: en student forteller deg noe i fortrolighet.</p>"
        for item in value["choices"]:
            item["value"]["text_nb"] = "NB " + item["value"]["text"]
            item["value"]["feedback_nb"] = "NB " + item["value"]["feedback"]
    return questions


@pytest.fixture
def course(db):
    page = build_course(modules=2, quiz_on=(0,), questions=with_bokmal(all_question_types()))
    module = modules_of(page)[0]
    module.title_nb = "Modul én"
    module.summary_nb = "Kort om modulen."
    module.body_nb = [{"type": "paragraph", "value": "<p>Brødtekst på bokmål.</p>"}]
    publish(module)
    return page


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def start(client, module):
    client.post(module.url + "quiz/")
    return QuizAttempt.objects.get(module=module, status="in_progress")


def test_the_quiz_shows_bokmal_texts_with_the_same_ids_and_order(course, trainee):
    enrollment = enrol(trainee, course)
    module = modules_of(course)[0]
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    english = attempt.public_questions("en")
    bokmal = attempt.public_questions("nb")
    assert [q["id"] for q in bokmal] == [q["id"] for q in english]
    assert [[c["id"] for c in q["choices"]] for q in bokmal] == [[c["id"] for c in q["choices"]] for q in english]
    assert all(q["prompt"].startswith("NB ") for q in bokmal)
    assert not any(q["prompt"].startswith("NB ") for q in english)
    true_false = next(q for q in bokmal if q["type"] == "true_false")
    assert [c["text"] for c in true_false["choices"]] == ["Sant", "Usant"]


def test_the_same_answers_score_the_same_in_both_languages(course, trainee):
    enrollment = enrol(trainee, course)
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=modules_of(course)[0])
    for answers in (correct_answers(attempt), wrong_answers(attempt)):
        english = scoring.score(scoring.localize(attempt.questions, "en"), answers)
        bokmal = scoring.score(scoring.localize(attempt.questions, "nb"), answers)
        assert (english.correct, english.percent) == (bokmal.correct, bokmal.percent)
    assert scoring.score(scoring.localize(attempt.questions, "nb"), correct_answers(attempt)).percent == 100


def test_an_attempt_started_in_bokmal_is_submitted_in_english(client, course, trainee):
    enrol(trainee, course)
    module = modules_of(course)[0]
    client.force_login(trainee)
    in_language(client, "nb")
    attempt = start(client, module)
    form = client.get(module.url + f"quiz/{attempt.public_id}/").content.decode()
    assert "NB Q1" in form
    in_language(client, "en")
    response = client.post(module.url + f"quiz/{attempt.public_id}/", post_data(correct_answers(attempt)))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed is True and attempt.score == 100
    assert QuizAttempt.objects.filter(module=module).count() == 1
    assert ModuleCompletion.objects.filter(module=module, enrollment__user=trainee).exists()
    result = client.get(response.url).content.decode()
    assert "NB Q1" not in result and "Q1" in result


def test_attempts_count_once_across_languages(client, course, trainee):
    enrol(trainee, course)
    module = modules_of(course)[0]
    client.force_login(trainee)
    for language in ("nb", "en", "nb"):
        in_language(client, language)
        attempt = start(client, module)
        client.post(module.url + f"quiz/{attempt.public_id}/", post_data(wrong_answers(attempt)))
    assert QuizAttempt.objects.filter(module=module).count() == 3
    in_language(client, "en")
    assert client.post(module.url + "quiz/").status_code == 302
    assert QuizAttempt.objects.filter(module=module).count() == 3  # the fourth start is refused


def test_a_quiz_without_bokmal_shows_english_in_bokmal(course, trainee):
    snapshot = [{"id": "q", "type": "single_choice", "prompt": "P", "case": "", "explanation": "", "choices": []}]
    assert scoring.localize(snapshot, "nb") == snapshot  # snapshots from before translations had no "nb"


def test_the_module_reads_in_bokmal_and_the_note_is_absent(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    in_language(client, "nb")
    html = client.get(modules_of(course)[0].url).content.decode()
    assert "Modul én" in html and "Brødtekst på bokmål." in html
    assert "not yet available in Norwegian" not in html and "finnes ikke på bokmål ennå" not in html


def test_an_untranslated_module_shows_english_with_a_note_and_a_link(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    in_language(client, "nb")
    second = modules_of(course)[1]
    ModuleCompletion.objects.create(
        enrollment=trainee.enrollments.get(), module=modules_of(course)[0], module_title="Module 1"
    )
    html = client.get(second.url).content.decode()
    assert "finnes ikke på bokmål ennå" in html
    assert f'href="{second.url}?lang=en"' in html
    assert f"Body of {second.title}." in html and 'lang="en"' in html


def test_a_reflection_saved_in_english_shows_in_bokmal(client, trainee):
    page = build_course(modules=1)
    module = modules_of(page)[0]
    module.body = [{"type": "reflection", "value": {"prompt": "Why?", "guidance": ""}}]
    module.body_nb = [{"type": "reflection", "value": {"prompt": "Hvorfor?", "guidance": ""}}]
    publish(module)
    english_id = module.body[0].id
    assert module.body_nb[0].id == english_id
    enrol(trainee, page)
    client.force_login(trainee)
    client.post(module.url + f"reflection/{english_id}/", {"text": "Fordi jeg vil hjelpe."})
    in_language(client, "nb")
    html = client.get(module.url).content.decode()
    assert "Hvorfor?" in html and "Fordi jeg vil hjelpe." in html
    assert ReflectionAnswer.objects.filter(user=trainee).count() == 1


def test_a_bokmal_body_must_keep_the_reflections(trainee):
    module = modules_of(build_course(modules=1))[0]
    module.body = [{"type": "reflection", "value": {"prompt": "Why?", "guidance": ""}}]
    module.body_nb = [{"type": "paragraph", "value": "<p>Ingen refleksjon.</p>"}]
    with pytest.raises(ValidationError) as error:
        module.full_clean()
    assert "body_nb" in error.value.message_dict


def test_translation_state_missing_current_then_out_of_date(course):
    second = modules_of(course)[1]
    assert second.translation_status == MISSING
    first = modules_of(course)[0]
    assert first.translation_status == CURRENT
    first.summary = "A changed English summary."
    publish(first)
    assert first.translation_status == OUTDATED
    first.summary_nb = "Et oppdatert sammendrag."
    publish(first)
    assert first.translation_status == CURRENT


def test_a_changed_english_question_makes_the_translation_out_of_date(course):
    module = modules_of(course)[0]
    stream = list(module.quiz_questions.raw_data)
    stream[0]["value"]["prompt"] = "A new English question?"
    module.quiz_questions = stream
    publish(module)
    assert module.translation_status == OUTDATED
    stream = list(module.quiz_questions.raw_data)
    stream[0]["value"]["prompt_nb"] = "Et nytt spørsmål?"
    module.quiz_questions = stream
    publish(module)
    assert module.translation_status == CURRENT


def test_the_course_page_shows_the_same_progress_in_both_languages(client, course, trainee):
    enrollment = enrol(trainee, course)
    ModuleCompletion.objects.create(enrollment=enrollment, module=modules_of(course)[0], module_title="Module 1")
    client.force_login(trainee)
    pages = {}
    for language in ("en", "nb"):
        in_language(client, language)
        pages[language] = client.get(course.url).content.decode()
    for html in pages.values():
        assert '<progress class="progress" value="1" max="2"' in html
    assert "1 of 2 modules done" in pages["en"]
    assert "1 av 2 moduler" in pages["nb"]
    assert "Modul én" in pages["nb"] and "Modul én" not in pages["en"]
