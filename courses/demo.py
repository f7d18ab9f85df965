"""Demo training: the September course with seven modules and quizzes, a trainee part-way and a supporter done.

Idempotent: an existing course page is left as it is; progress is recorded through the services (so
`course_completed` fires for the supporter and certificates can react) and only once.
"""

import json
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from home.demo import get_home_page
from lms.models import User

from . import services
from .demo_content import september_nb
from .demo_content.september import COURSE, MODULES
from .models import CoursePage, Enrollment, ModuleCompletion, ModulePage, TrainingIndexPage

NAMESPACE = uuid.UUID("6f1c1a53-3f0e-4d38-9d3c-0a9c6d2b7e11")
OSLO = ZoneInfo("Europe/Oslo")


def _id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def _body(index: int, blocks: list) -> list[dict]:
    return [{"type": kind, "id": _id(index, "body", n), "value": value} for n, (kind, value) in enumerate(blocks)]


def _quiz(index: int, questions: list) -> list[dict]:
    stream = []
    for n, question in enumerate(questions):
        kind = question[0]
        qid = _id(index, "quiz", n)
        if kind == "true_false":
            _kind, statement, is_true, feedback_true, feedback_false = question
            # feedback texts in the content are written as (for a wrong answer, for the right answer)
            right, wrong = feedback_false, feedback_true
            value = {
                "statement": statement,
                "is_true": is_true,
                "feedback_true": right if is_true else wrong,
                "feedback_false": wrong if is_true else right,
                "explanation": "",
            }
        else:
            if kind == "scenario":
                _kind, prompt, case, choices = question
            else:
                _kind, prompt, choices = question
                case = None
            value = {
                "prompt": prompt,
                "choices": [
                    {
                        "type": "item",
                        "id": _id(index, "quiz", n, c),
                        "value": {"text": t, "is_correct": ok, "feedback": f},
                    }
                    for c, (t, ok, f) in enumerate(choices)
                ],
                "explanation": "",
            }
            if case is not None:
                value["case"] = case
        stream.append({"type": kind, "id": qid, "value": value})
    return stream


def _quiz_with_bokmal(stream: list[dict], questions_nb: list) -> list[dict]:
    """The quiz `stream` (raw data) with the Bokmål texts of `questions_nb` filled in, question by question and
    answer by answer in order; ids, types and the key are left exactly as they are."""
    merged = []
    for block, texts in zip(stream, questions_nb, strict=True):
        block = json.loads(json.dumps(block))
        value = block["value"]
        if block["type"] == "true_false":
            statement, wrong, right = texts
            value["statement_nb"] = statement
            value["feedback_true_nb"] = right if value["is_true"] else wrong
            value["feedback_false_nb"] = wrong if value["is_true"] else right
        else:
            if block["type"] == "scenario":
                prompt, case, choices = texts
                value["case_nb"] = case
            else:
                prompt, choices = texts
            value["prompt_nb"] = prompt
            for item, (text, feedback) in zip(value["choices"], choices, strict=True):
                item["value"]["text_nb"] = text
                item["value"]["feedback_nb"] = feedback
        merged.append(block)
    return merged


def _add_bokmal(page, index_number: int) -> None:
    """Give a demo module its Bokmål version, where it has none (a counsellor's translation is kept)."""
    module = september_nb.MODULES[index_number]
    if page.title_nb:
        return
    page.title_nb = module["title"]
    page.summary_nb = module["summary"]
    page.body_nb = _body(index_number, module["body"])
    page.quiz_questions = _quiz_with_bokmal(list(page.quiz_questions.raw_data), module["quiz"])
    page.save_revision().publish()


def _training_index():
    index = TrainingIndexPage.objects.first()
    if index is None:
        home = get_home_page()
        index = home.add_child(
            instance=TrainingIndexPage(
                title="Training",
                slug="training",
                show_in_menus=True,
                introduction="<p>Courses for student peer supporters: enrol, work through the modules at your own "
                "pace, and follow your progress on My page.</p>",
            )
        )
        index.save_revision().publish()
    if not index.title_nb:
        index.title_nb = september_nb.TRAINING_INDEX["title"]
        index.introduction_nb = september_nb.TRAINING_INDEX["introduction"]
        index.save_revision().publish()
    return index


def _course_page(context) -> CoursePage:
    page = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    if page is not None:
        _course_bokmal(page)
        return page
    index = _training_index()
    page = index.add_child(
        instance=CoursePage(
            enrolment_opens_at=datetime(2026, 8, 1, tzinfo=OSLO),
            completion_deadline=datetime(2027, 6, 30, 23, 59, tzinfo=OSLO),
            modules_unlock_in_order=True,
            **COURSE,
        )
    )
    page.save_revision().publish()
    for index_number, module in enumerate(MODULES):
        child = page.add_child(
            instance=ModulePage(
                title=module["title"],
                estimated_minutes=module["minutes"],
                summary=module["summary"],
                body=_body(index_number, module["body"]),
                quiz_questions=_quiz(index_number, module["quiz"]),
                quiz_pass_mark=75,
                quiz_attempts_allowed=3,
                quiz_shuffle_choices=True,
            )
        )
        child.save_revision().publish()
    context.log(f"  created course “{page.title}” with {len(MODULES)} modules", level=2)
    page.refresh_from_db()
    _course_bokmal(page)
    return page


def _course_bokmal(page: CoursePage) -> None:
    """The Bokmål version of the demo course page and of each of its modules, where it is missing."""
    _training_index()
    if not page.title_nb:
        page.title_nb = september_nb.COURSE["title"]
        page.introduction_nb = september_nb.COURSE["introduction"]
        page.learning_outcomes_nb = september_nb.COURSE["learning_outcomes"]
        page.save_revision().publish()
    for index_number, module in enumerate(ModulePage.objects.child_of(page).order_by("path")):
        if index_number < len(september_nb.MODULES):
            _add_bokmal(module, index_number)


def _pass(enrollment: Enrollment, module: ModulePage) -> None:
    if ModuleCompletion.objects.filter(enrollment=enrollment, module=module).exists():
        return
    attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
    key = {q["id"]: [c["id"] for c in q["choices"] if c["correct"]] for q in attempt.questions}
    services.quiz_attempt_submit(attempt=attempt, answers=key)


def _progress(email: str, page: CoursePage, modules_done: int) -> None:
    user = User.objects.filter(email=email).first()
    if user is None:
        return
    enrollment, _created = services.enrollment_create(user=user, course=page.course, check_open=False)
    for module in list(page.modules())[:modules_done]:
        _pass(enrollment, module)


def seed(context) -> None:
    page = _course_page(context)
    _progress("trainee@example.org", page, modules_done=3)
    _progress("supporter@example.org", page, modules_done=len(MODULES))
    context.add_note(
        f"Training: “{page.title}” at {page.url}; trainee@example.org has 3 of {len(MODULES)} modules done, "
        "supporter@example.org has completed it. Counsellors edit under Pages › Training; a second counsellor "
        "approves (workflow “Counsellor review”)."
    )
