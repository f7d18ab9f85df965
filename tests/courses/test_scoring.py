"""Scoring properties over generated quizzes and answer sets, and forged fields.

How many examples each property tries comes from the Hypothesis profile (tests/conftest.py): 100 locally, 2,000 in
CI (`HYPOTHESIS_PROFILE=thorough`).
"""

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from courses import scoring
from courses.models import QuizAttempt
from tests.courses.factories import build_course, correct_answers, enrol, modules_of, post_data, wrong_answers


@st.composite
def quizzes(draw):
    questions = []
    for q in range(draw(st.integers(min_value=1, max_value=8))):
        kind = draw(st.sampled_from(["single_choice", "multiple_choice", "true_false", "scenario"]))
        n = 2 if kind == "true_false" else draw(st.integers(min_value=2, max_value=6))
        if kind == "multiple_choice":
            flags = draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(any))
        else:
            right = draw(st.integers(min_value=0, max_value=n - 1))
            flags = [i == right for i in range(n)]
        choices = [{"id": f"q{q}c{i}", "text": f"c{i}", "feedback": "", "correct": f} for i, f in enumerate(flags)]
        questions.append({"id": f"q{q}", "type": kind, "prompt": "?", "case": "", "choices": choices})
    return questions


@st.composite
def quiz_and_answers(draw):
    quiz = draw(quizzes())
    answers = {}
    for question in quiz:
        ids = [c["id"] for c in question["choices"]] + ["forged", "q99c0"]
        answers[question["id"]] = draw(st.lists(st.sampled_from(ids), max_size=4))
    if draw(st.booleans()):
        answers["not-a-question"] = ["x"]
    return quiz, answers


@given(quiz_and_answers())
def test_score_is_within_bounds(data):
    quiz, answers = data
    result = scoring.score(quiz, answers)
    assert 0 <= result.correct <= result.total == len(quiz)
    assert Decimal(0) <= result.percent <= Decimal(100)


@given(quiz_and_answers(), st.randoms(use_true_random=False))
def test_score_is_deterministic_and_independent_of_order(data, rnd):
    quiz, answers = data
    first = scoring.score(quiz, answers)
    shuffled_quiz = [{**q, "choices": rnd.sample(q["choices"], len(q["choices"]))} for q in rnd.sample(quiz, len(quiz))]
    shuffled_answers = {k: rnd.sample(v, len(v)) for k, v in rnd.sample(list(answers.items()), len(answers))}
    again = scoring.score(shuffled_quiz, shuffled_answers)
    assert (first.correct, first.percent, first.per_question) == (again.correct, again.percent, again.per_question)


@given(quizzes())
def test_the_key_scores_100_and_nothing_scores_0(quiz):
    key = {q["id"]: [c["id"] for c in q["choices"] if c["correct"]] for q in quiz}
    assert scoring.score(quiz, key).percent == 100
    assert scoring.score(quiz, {}).percent == 0


@given(quizzes(), st.integers(min_value=0, max_value=10))
def test_snapshot_draws_and_keeps_every_choice(quiz, draw):
    snapshot = scoring.build_snapshot(
        quiz, draw=draw, shuffle_questions=True, shuffle_choices=True, rng=random.Random(1)
    )
    assert len(snapshot) == (draw if 0 < draw < len(quiz) else len(quiz))
    originals = {q["id"]: q for q in quiz}
    for question in snapshot:
        assert sorted(c["id"] for c in question["choices"]) == sorted(
            c["id"] for c in originals[question["id"]]["choices"]
        )


def test_public_questions_carry_no_key_or_feedback():
    quiz = [
        {
            "id": "q",
            "type": "single_choice",
            "prompt": "?",
            "case": "",
            "explanation": "why",
            "choices": [{"id": "a", "text": "A", "feedback": "secret", "correct": True}],
        }
    ]
    public = scoring.public_questions(quiz)
    assert "correct" not in public[0]["choices"][0] and "feedback" not in public[0]["choices"][0]
    assert "explanation" not in public[0]


def test_forged_score_and_correctness_fields_are_ignored(client, trainee):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    enrol(trainee, course_page)
    client.force_login(trainee)
    client.post(module.url + "quiz/")
    attempt = QuizAttempt.objects.get()
    data = post_data(wrong_answers(attempt))
    data.update({"score": "100", "passed": "true", "correct": "1", "correct_count": "4", "status": "submitted"})
    client.post(module.url + f"quiz/{attempt.public_id}/", data)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (Decimal("0.00"), False)


def test_another_users_attempt_answers_404(client, trainee, user_factory):
    course_page = build_course(modules=1, quiz_on=(0,))
    module = modules_of(course_page)[0]
    other = user_factory(role="Trainees")
    enrol(trainee, course_page)
    enrol(other, course_page)
    client.force_login(other)
    client.post(module.url + "quiz/")
    attempt = QuizAttempt.objects.get()
    client.force_login(trainee)
    assert (
        client.post(module.url + f"quiz/{attempt.public_id}/", post_data(correct_answers(attempt))).status_code == 404
    )
    assert client.get(module.url + f"quiz/{attempt.public_id}/result/").status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS
