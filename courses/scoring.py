"""Pure quiz logic: building what an attempt shows, checking answers and scoring them.

No database, no pages: everything works on the snapshot an attempt stores when it starts, so a score depends only
on that snapshot and the answers, never on the quiz as it is edited later.

A snapshot is a list of questions in the order shown:
    {"id": str, "type": "single_choice" | "multiple_choice" | "true_false" | "scenario",
     "prompt": str, "case": str (rich-text source, scenario only), "explanation": str,
     "choices": [{"id": str, "text": str, "feedback": str, "correct": bool}, ...]}  # choices in the order shown
A question may carry its Bokmål texts under "nb" ({"prompt", "case", "explanation", "choices": {id: {"text",
"feedback"}}}); `localize` swaps them in for display. Scoring never reads texts, so an attempt scores the same in
both languages and may be started in one and submitted in the other.
Answers map a question id to the list of chosen choice ids.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SINGLE_ANSWER_TYPES = frozenset({"single_choice", "true_false", "scenario"})
_system_random = random.SystemRandom()


def build_snapshot(
    questions: list[dict],
    *,
    draw: int = 0,
    shuffle_questions: bool = False,
    shuffle_choices: bool = False,
    rng: random.Random | None = None,
) -> list[dict]:
    """The questions one attempt shows: `draw` of them (0 = all), shuffled as the quiz asks."""
    rng = rng or _system_random
    chosen = list(questions)
    if draw and draw < len(chosen):
        picked = set(rng.sample(range(len(chosen)), draw))
        chosen = [question for index, question in enumerate(chosen) if index in picked]
    if shuffle_questions:
        rng.shuffle(chosen)
    snapshot = []
    for question in chosen:
        choices = [dict(choice) for choice in question["choices"]]
        if shuffle_choices and question["type"] != "true_false":
            rng.shuffle(choices)
        snapshot.append({**question, "choices": choices})
    return snapshot


def localize(snapshot: list[dict], language: str) -> list[dict]:
    """The snapshot with its texts in `language` where the snapshot has them (English otherwise); ids, order and
    key untouched."""
    if language == "en":
        return snapshot
    localized = []
    for question in snapshot:
        texts = question.get(language) or {}
        choice_texts = texts.get("choices") or {}
        item = dict(question)
        for name in ("prompt", "case", "explanation"):
            if texts.get(name):
                item[name] = texts[name]
        choices = []
        for choice in question["choices"]:
            choice = dict(choice)
            translated = choice_texts.get(choice["id"]) or {}
            for name in ("text", "feedback"):
                if translated.get(name):
                    choice[name] = translated[name]
            choices.append(choice)
        item["choices"] = choices
        localized.append(item)
    return localized


def public_questions(snapshot: list[dict]) -> list[dict]:
    """What a trainee may see before submitting: no correctness, no feedback, no explanation."""
    return [
        {
            "id": question["id"],
            "type": question["type"],
            "prompt": question["prompt"],
            "case": question.get("case", ""),
            "multiple": question["type"] not in SINGLE_ANSWER_TYPES,
            "choices": [{"id": choice["id"], "text": choice["text"]} for choice in question["choices"]],
        }
        for question in snapshot
    ]


def validate_answers(snapshot: list[dict], answers: dict[str, list[str]]) -> dict[str, str]:
    """Problems with `answers`, keyed by question id (empty when every question has a valid answer).

    The messages are codes; the view turns them into sentences.
    """
    errors: dict[str, str] = {}
    for question in snapshot:
        chosen = answers.get(question["id"]) or []
        valid_ids = {choice["id"] for choice in question["choices"]}
        if not chosen:
            errors[question["id"]] = "unanswered"
        elif any(choice_id not in valid_ids for choice_id in chosen):
            errors[question["id"]] = "foreign_choice"
        elif question["type"] in SINGLE_ANSWER_TYPES and len(set(chosen)) != 1:
            errors[question["id"]] = "one_answer"
    return errors


@dataclass(frozen=True)
class Score:
    correct: int
    total: int
    percent: Decimal
    per_question: dict[str, bool] = field(default_factory=dict)


def score(snapshot: list[dict], answers: dict[str, list[str]]) -> Score:
    """Score answers against a snapshot: a question is right when the chosen set equals the correct set.

    Deterministic and independent of the order of questions, choices and answers; 0 ≤ percent ≤ 100.
    Unknown question ids in `answers` are ignored; unknown choice ids make the question wrong.
    """
    per_question: dict[str, bool] = {}
    for question in snapshot:
        correct_ids = frozenset(choice["id"] for choice in question["choices"] if choice["correct"])
        chosen = frozenset(answers.get(question["id"]) or [])
        per_question[question["id"]] = bool(chosen) and chosen == correct_ids
    total = len(snapshot)
    correct = sum(per_question.values())
    percent = (
        (Decimal(100 * correct) / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP) if total else Decimal(0)
    )
    return Score(correct=correct, total=total, percent=percent, per_question=per_question)
