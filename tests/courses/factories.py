"""Factories and builders for training content and state.

`build_course(modules=3, quiz_on=(...))` makes a published TrainingIndexPage → CoursePage → ModulePages tree under
the site's home page. Quiz fixtures give every correct choice a unique marker in its feedback
(`KEY-MARKER-<n>`), so a scan of any response for "KEY-MARKER" finds a leaked answer key.
"""

import uuid
from itertools import count

import factory
from wagtail.models import Page, Site

from courses.models import Course, CoursePage, Enrollment, ModulePage, QuizAttempt, TrainingIndexPage
from home.models import HomePage
from tests.lms.factories import UserFactory

MARKER = "KEY-MARKER"
_markers = count(1)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory, role="Trainees")
    course = factory.SubFactory(CourseFactory)


def _id() -> str:
    return str(uuid.uuid4())


def _marker() -> str:
    return f"{MARKER}-{next(_markers)}"


def choice(text, correct=False, feedback=None):
    return {
        "type": "item",
        "id": _id(),
        "value": {
            "text": text,
            "is_correct": correct,
            "feedback": feedback or (f"Right. {_marker()}" if correct else f"Not quite: {text} is not it."),
        },
    }


def single_choice(prompt="Which one?", correct_index=0, n=3):
    return {
        "type": "single_choice",
        "id": _id(),
        "value": {
            "prompt": prompt,
            "choices": [choice(f"{prompt} option {i}", i == correct_index) for i in range(n)],
            "explanation": "",
        },
    }


def multiple_choice(prompt="Which ones?", correct=(0, 2), n=4):
    return {
        "type": "multiple_choice",
        "id": _id(),
        "value": {
            "prompt": prompt,
            "choices": [choice(f"{prompt} option {i}", i in correct) for i in range(n)],
            "explanation": "",
        },
    }


def true_false(statement="The sky is blue.", is_true=True):
    marker = _marker()
    return {
        "type": "true_false",
        "id": _id(),
        "value": {
            "statement": statement,
            "is_true": is_true,
            "feedback_true": f"Right. {marker}" if is_true else "No.",
            "feedback_false": "No." if is_true else f"Right. {marker}",
            "explanation": "",
        },
    }


def scenario(prompt="What do you do?", correct_index=1, n=3):
    return {
        "type": "scenario",
        "id": _id(),
        "value": {
            "case": "<p>A student tells you something in confidence.</p>",
            "prompt": prompt,
            "choices": [choice(f"{prompt} option {i}", i == correct_index) for i in range(n)],
            "explanation": "",
        },
    }


def all_question_types():
    return [single_choice("Q1"), multiple_choice("Q2"), true_false("Q3 statement"), scenario("Q4")]


def home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Home", slug="home-test"))
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.save()
        else:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def training_index() -> TrainingIndexPage:
    index = TrainingIndexPage.objects.first()
    if index is None:
        index = home_page().add_child(instance=TrainingIndexPage(title="Training", slug="training"))
        publish(index)
    return index


def build_course(modules=3, quiz_on=(), questions=None, title=None, **course_fields) -> CoursePage:
    """A published course with `modules` published modules; modules whose index is in `quiz_on` get a quiz."""
    index = training_index()
    n = CoursePage.objects.count() + 1
    course_page = index.add_child(
        instance=CoursePage(title=title or f"Course {n}", slug=f"course-{n}-{uuid.uuid4().hex[:6]}", **course_fields)
    )
    publish(course_page)
    for i in range(modules):
        add_module(
            course_page, title=f"Module {i + 1}", quiz=(questions or all_question_types()) if i in quiz_on else None
        )
    course_page.refresh_from_db()
    return course_page


def add_module(course_page, title="Module", quiz=None, required=True, **fields) -> ModulePage:
    module = course_page.add_child(
        instance=ModulePage(
            title=title,
            slug=f"m-{uuid.uuid4().hex[:8]}",
            estimated_minutes=20,
            required=required,
            body=[{"type": "paragraph", "id": _id(), "value": f"<p>Body of {title}.</p>"}],
            quiz_questions=quiz or [],
            **fields,
        )
    )
    return publish(module)


def modules_of(course_page):
    return list(ModulePage.objects.child_of(course_page).live().order_by("path"))


def enrol(user, course_page) -> Enrollment:
    return Enrollment.objects.create(user=user, course=course_page.course)


def correct_answers(attempt: QuizAttempt) -> dict[str, list[str]]:
    return {q["id"]: [c["id"] for c in q["choices"] if c["correct"]] for q in attempt.questions}


def wrong_answers(attempt: QuizAttempt) -> dict[str, list[str]]:
    answers = {}
    for q in attempt.questions:
        wrong = [c["id"] for c in q["choices"] if not c["correct"]]
        answers[q["id"]] = wrong[:1]
    return answers


def post_data(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q-{qid}": ids for qid, ids in answers.items()}
