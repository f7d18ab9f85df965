"""Counting a survey's answers: per question, the count of each choice or scale value, or the free-text answers.

Two queries whatever the number of answers (the questions, then the answers' JSON in one pass), so the results
screen stays flat from 10 to 5,000 answers (tests/survey/test_results.py, benchmarks/survey_results.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from wagtail.contrib.forms.utils import get_field_clean_name

from lms import roles

from .forms import SurveyFormBuilder

# Free-text answers shown on the screen per question (newest first); the export has all of them.
TEXT_SHOWN = 50


def can_see_results(user) -> bool:
    """Counsellors and administrators read survey results (docs/decisions/0072)."""
    return bool(user.is_authenticated and (user.is_administrator or user.has_role(roles.COUNSELLORS)))


@dataclass
class Bar:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    number: int
    name: str
    label: str
    kind: str
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    text_count: int = 0
    mean: float | None = None

    @property
    def is_text(self) -> bool:
        return self.kind in ("singleline", "multiline", "email")

    @property
    def is_multiple(self) -> bool:
        return self.kind == "checkboxes"


@dataclass
class SurveyResults:
    total: int
    questions: list[QuestionResult]


def question_name(question) -> str:
    return question.clean_name or get_field_clean_name(question.label)


def choice_options(question) -> list[str]:
    if question.field_type == "scale":
        return [str(value) for value in range(1, (question.scale_max or 5) + 1)]
    return [value for value, _label in SurveyFormBuilder([]).get_formatted_field_choices(question)]


def survey_results(page, *, text_shown: int = TEXT_SHOWN) -> SurveyResults:
    questions = list(page.form_fields.all())
    rows = list(page.get_submissions().order_by("-submit_time", "-pk").values_list("form_data", flat=True))
    results = []
    for number, question in enumerate(questions, start=1):
        name = question_name(question)
        result = QuestionResult(number=number, name=name, label=question.label, kind=question.field_type)
        if result.is_text:
            if question.field_type == "email":
                # Emails are personal data: the screen counts them, only the export lists them.
                result.text_count = sum(1 for row in rows if row.get(name))
                result.answered = result.text_count
            else:
                texts = [str(row[name]) for row in rows if row.get(name)]
                result.text_count = result.answered = len(texts)
                result.texts = texts[:text_shown]
        else:
            counts: Counter[str] = Counter()
            for row in rows:
                value = row.get(name)
                if value in (None, "", []):
                    continue
                result.answered += 1
                for item in value if isinstance(value, list) else [value]:
                    counts[str(item)] += 1
            options = choice_options(question)
            # Values no longer among the choices (a choice renamed later) are still counted, after the others.
            options += sorted(value for value in counts if value not in options)
            base = result.answered or 1
            result.bars = [Bar(option, counts[option], 100 * counts[option] / base) for option in options]
            if question.field_type == "scale" and result.answered:
                result.mean = sum(int(v) * n for v, n in counts.items() if v.isdigit()) / result.answered
        results.append(result)
    return SurveyResults(total=len(rows), questions=results)
