"""Factories and builders for training content and state: the one place tests make courses, pages and enrolments.

`build_course(modules=3, quiz_on=(...))` makes a published TrainingIndexPage → CoursePage → ModulePages tree under
the site's home page, through the wagtail-factories page factories below. Quiz fixtures give every correct choice a
unique marker in its feedback (`KEY-MARKER-<n>`), so a scan of any response for "KEY-MARKER" finds a leaked answer
key.
"""

import uuid
from datetime import timedelta
from decimal import Decimal
from itertools import count

import factory
import wagtail_factories
from django.utils import timezone

from courses import services
from courses.models import Course, CoursePage, Enrollment, ModulePage, QuizAttempt, TrainingIndexPage
from home.models import HomePage
from tests.home.factories import HomePageFactory
from tests.lms.factories import UserFactory

MARKER = "KEY-MARKER"
_markers = count(1)


class CourseFactory(factory.django.DjangoModelFactory):
    """A course's state record with the certificate text a CoursePage would copy to it on publish."""

    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Peer Supporter Training {n}")
    slug = factory.Sequence(lambda n: f"peer-supporter-training-{n}")
    estimated_hours = Decimal("12.0")
    certificate_title = factory.LazyAttribute(lambda o: f"Certified Peer Supporter ({o.title})")
    certificate_title_nb = factory.LazyAttribute(lambda o: f"Sertifisert likeperson ({o.title})")
    certificate_description = "Completed the training for student peer supporters."
    certificate_description_nb = "Har fullført opplæringen for likepersoner."
    certificate_criteria = "Every required module completed and every quiz passed."
    certificate_criteria_nb = "Alle obligatoriske moduler fullført og alle quizer bestått."
    certificate_valid_years = 3


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """An active enrolment of a trainee; `EnrollmentFactory(completed=True)` a completed one (enrolled 30 days ago)."""

    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory, role="Trainees")
    course = factory.SubFactory(CourseFactory)

    class Params:
        completed = factory.Trait(
            status=Enrollment.Status.COMPLETED,
            enrolled_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
            completed_at=factory.LazyFunction(timezone.now),
        )


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
    """The site's home page (made the default site's root by HomePageFactory if there is none yet)."""
    return HomePage.objects.first() or HomePageFactory(title="Home", slug="home-test")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class _PublishedPageFactory(wagtail_factories.PageFactory):
    """Pages go live through a revision, as the admin publishes them (CoursePage copies its text to Course then)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create and extracted is not False:
            publish(self)


class TrainingIndexPageFactory(_PublishedPageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Training"
    slug = factory.Sequence(lambda n: f"training-{n}")
    parent = factory.LazyFunction(lambda: home_page())


class CoursePageFactory(_PublishedPageFactory):
    """A published course page (its Course record is made on save); under the training index unless `parent=`."""

    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n + 1}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"course-{n + 1}-{uuid.uuid4().hex[:6]}")
    parent = factory.LazyFunction(lambda: training_index())


class ModulePageFactory(_PublishedPageFactory):
    """A published module with one paragraph; give it `parent=` (a CoursePage) and optionally `quiz_questions=`."""

    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n + 1}")
    slug = factory.LazyFunction(lambda: f"m-{uuid.uuid4().hex[:8]}")
    estimated_minutes = 20
    required = True
    body = factory.LazyAttribute(lambda o: [{"type": "paragraph", "id": _id(), "value": f"<p>Body of {o.title}.</p>"}])
    quiz_questions = factory.LazyFunction(list)


def training_index() -> TrainingIndexPage:
    return TrainingIndexPage.objects.first() or TrainingIndexPageFactory(slug="training")


def build_course(modules=3, quiz_on=(), questions=None, title=None, **course_fields) -> CoursePage:
    """A published course with `modules` published modules; modules whose index is in `quiz_on` get a quiz."""
    index = training_index()
    n = CoursePage.objects.count() + 1
    fields = {"title": title or f"Course {n}", "slug": f"course-{n}-{uuid.uuid4().hex[:6]}", **course_fields}
    course_page = CoursePageFactory(parent=index, **fields)
    for i in range(modules):
        add_module(
            course_page, title=f"Module {i + 1}", quiz=(questions or all_question_types()) if i in quiz_on else None
        )
    course_page.refresh_from_db()
    return course_page


def add_module(course_page, title="Module", quiz=None, required=True, **fields) -> ModulePage:
    return ModulePageFactory(parent=course_page, title=title, required=required, quiz_questions=quiz or [], **fields)


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


def add_attempts(enrollment, module, n) -> QuizAttempt:
    """`n` submitted, failed attempts at `module`: the first through the services (a real snapshot), the other
    `n - 1` bulk-inserted copies of it. Returns the first. For the query-count tests and benchmarks/run.py."""

    first = services.quiz_attempt_start(enrollment=enrollment, module=module)
    services.quiz_attempt_submit(attempt=first, answers=wrong_answers(first))
    first.refresh_from_db()
    QuizAttempt.objects.bulk_create(
        [
            QuizAttempt(
                user=enrollment.user,
                enrollment=enrollment,
                module_id=module.pk,
                revision_id=first.revision_id,
                attempt_number=number,
                questions=first.questions,
                pass_mark=first.pass_mark,
                answers=first.answers,
                correct_count=0,
                score=0,
                passed=False,
                status=QuizAttempt.Status.SUBMITTED,
                submitted_at=first.submitted_at,
            )
            for number in range(2, n + 1)
        ]
    )
    return first
