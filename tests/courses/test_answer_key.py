"""The answer key never reaches a trainee before submission.

Every correct choice in the fixture carries a unique marker (KEY-MARKER-n) in its feedback; the scan fetches every
response a trainee (or an anonymous visitor) can get before submitting and counts markers and key fields.
"""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from courses.models import QuizAttempt
from tests.courses.factories import (
    MARKER,
    all_question_types,
    build_course,
    correct_answers,
    enrol,
    modules_of,
    post_data,
)

LEAK_PATTERNS = [
    re.compile(MARKER),
    re.compile(r"is_correct"),
    re.compile(r"[\"']correct[\"']\s*:"),
    re.compile(r"data-correct"),
]


def leaks(html: str) -> list[str]:
    return [pattern.pattern for pattern in LEAK_PATTERNS if pattern.search(html)]


@pytest.fixture
def quiz_course(db):
    questions = all_question_types() + all_question_types()
    return build_course(modules=1, quiz_on=(0,), questions=questions)


def fetch_everything_before_submitting(client, module, course_page) -> dict[str, str]:
    pages = {}
    for name, url in [
        ("course", course_page.url),
        ("module", module.url),
        ("quiz start", module.url + "quiz/"),
        ("my page", "/my/"),
        ("api", "/api/v2/pages/"),
    ]:
        pages[name] = client.get(url).content.decode()
    try:
        search_url = reverse("home:search")
    except NoReverseMatch:
        search_url = None
    if search_url:
        for term in ["option", "Right", MARKER, "Q1"]:
            html = client.get(search_url, {"q": term}).content.decode()
            # The search page repeats the query ("KEY-MARKER"); a leaked key would be a numbered "KEY-MARKER-n".
            pages[f"search {term}"] = re.sub(rf"{MARKER}(?!-\d)", "", html)
    return pages


def test_anonymous_responses_hold_no_key(client, quiz_course):
    module = modules_of(quiz_course)[0]
    found = {
        name: leaks(html) for name, html in fetch_everything_before_submitting(client, module, quiz_course).items()
    }
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_trainee_responses_before_submission_hold_no_key(client, trainee, quiz_course):
    module = modules_of(quiz_course)[0]
    enrol(trainee, quiz_course)
    client.force_login(trainee)
    pages = fetch_everything_before_submitting(client, module, quiz_course)
    start = client.post(module.url + "quiz/")
    attempt = QuizAttempt.objects.get()
    pages["quiz take"] = client.get(start["Location"]).content.decode()
    answers = correct_answers(attempt)
    first = next(iter(answers))
    partial = {qid: ids for qid, ids in answers.items() if qid != first}
    pages["quiz take with an error"] = client.post(start["Location"], post_data(partial)).content.decode()
    pages["result before submitting"] = client.get(start["Location"] + "result/", follow=True).content.decode()
    found = {name: leaks(html) for name, html in pages.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_quiz_page_shows_every_question_type(client, trainee, quiz_course):
    module = modules_of(quiz_course)[0]
    enrol(trainee, quiz_course)
    client.force_login(trainee)
    html = client.get(client.post(module.url + "quiz/")["Location"]).content.decode()
    assert all(text in html for text in ["Q1", "Q2", "Q3 statement", "Q4", "A student tells you", 'type="checkbox"'])


def test_full_review_after_passing_shows_the_key(client, trainee, quiz_course):
    """The scan can fail: after passing, the markers are there."""
    module = modules_of(quiz_course)[0]
    enrol(trainee, quiz_course)
    client.force_login(trainee)
    take = client.post(module.url + "quiz/")["Location"]
    attempt = QuizAttempt.objects.get()
    result = client.post(take, post_data(correct_answers(attempt)), follow=True).content.decode()
    assert MARKER in result
