"""Training workflows: enrolling, quiz attempts, module and course completion.

The workflows take keyword-only arguments, and each that changes progress runs in one transaction. The exceptions
are single writes: `module_visit` (the first visit, then last activity), `quiz_attempt_save_draft` (one UPDATE),
`course_create_for_page` (called while its page is being saved), and a refused `quiz_attempt_submit`, whose answers
are kept as a draft rather than rolled back. The read helpers (`course_modules`, `attempts_used`, `attempts_left`,
`clean_answers`) take positional arguments. Concurrency rules (docs/security.md#races):
- every write that can change an enrolment's progress first locks the enrolment row (`select_for_update`), so
  module completions, attempt starts and submissions of one enrolment run one after another on PostgreSQL;
- a submission finalises with a conditional UPDATE ... WHERE status = 'in_progress', so it changes state once;
- a course completes with a conditional UPDATE ... WHERE status = 'active', and only the call that changed the
  row sends `course_completed`, after commit: exactly once per enrolment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.audit import audit_record
from lms.models import User

from . import scoring
from .models import (
    Course,
    CoursePage,
    Enrollment,
    ModuleCompletion,
    ModulePage,
    ModuleVisit,
    QuizAttempt,
    ReflectionAnswer,
)
from .models.progress import enrolment_institution
from .outline import has_training_access
from .signals import course_completed


class TrainingError(Exception):
    """A rule stopped the action; `message` is a sentence for the person who tried it."""

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


class AnswersInvalid(TrainingError):
    def __init__(self, errors: dict[str, str]):
        super().__init__(_("Some answers need your attention."), code="answers")
        self.errors = errors


# --- Courses ------------------------------------------------------------------------------------------------------

COURSE_FIELDS = [
    "estimated_hours",
    "enrolment_opens_at",
    "enrolment_closes_at",
    "completion_deadline",
    "modules_unlock_in_order",
    "open_to_all_signed_in",
    "certificate_title",
    "certificate_title_nb",
    "certificate_description",
    "certificate_description_nb",
    "certificate_criteria",
    "certificate_criteria_nb",
    "certificate_valid_years",
]


def course_create_for_page(*, page: CoursePage) -> Course:
    """The Course behind a new CoursePage (title and slug only; the rules arrive when the page is published)."""
    base = slugify(page.slug or page.title)[:80] or "course"
    slug = base
    suffix = 2
    while Course.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return Course.objects.create(title=page.title, slug=slug)


@transaction.atomic
def course_sync_from_page(*, page: CoursePage) -> Course:
    """Copy the published page's title, rules and certificate text to its Course. Idempotent."""
    course = page.course or course_create_for_page(page=page)
    course.title = page.title
    for name in COURSE_FIELDS:
        setattr(course, name, getattr(page, name))
    if not course.certificate_title:
        # No certificate title of its own: the certificate (and the emails naming it) carry the course's title, in
        # Bokmål too where the page has one.
        course.certificate_title = page.title
        if not course.certificate_title_nb:
            course.certificate_title_nb = page.title_nb
    refresher_of = page.refresher_of.specific if page.refresher_of_id else None
    course.refresher_for = (
        getattr(refresher_of, "course", None) if refresher_of and refresher_of.pk != page.pk else None
    )
    course.save()
    if page.course_id != course.pk:
        CoursePage.objects.filter(pk=page.pk).update(course=course)
    return course


def course_modules(course: Course) -> list[ModulePage]:
    """The live modules of a course in page order (one query)."""
    page = CoursePage.objects.filter(course=course).only("path", "depth").first()
    if page is None:
        return []
    return list(page.modules())


# --- Enrolment ----------------------------------------------------------------------------------------------------


@transaction.atomic
def enrollment_create(*, user, course: Course, actor=None, check_open: bool = True) -> tuple[Enrollment, bool]:
    """Enrol `user`; returns (enrolment, created). A withdrawn enrolment is reactivated; an existing one is kept.

    Safe against double submits: the unique (user, course) constraint decides, never a read-then-write.
    Enrolling oneself needs training access (`outline.has_training_access`); staff enrolling others decide for them.
    """

    if (actor is None or actor == user) and not has_training_access(user, course):
        raise TrainingError(
            _("This training is for peer supporters who have been taken on by the programme."), code="no_access"
        )
    if check_open and not course.is_enrolment_open():
        raise TrainingError(_("Enrolment for this course is not open."), code="closed")
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(user=user, course=course, last_activity_at=timezone.now())
        created = True
    except IntegrityError:
        enrollment = Enrollment.objects.select_for_update().get(user=user, course=course)
        created = False
        if enrollment.status == Enrollment.Status.WITHDRAWN:
            enrollment.status = Enrollment.Status.ACTIVE
            enrollment.save(update_fields=["status"])
            created = True
    if created:
        audit_record(
            action="courses.enrolled",
            actor=actor or user,
            obj=enrollment,
            detail={"course": course.slug, "by_self": actor is None or actor == user},
        )
    return enrollment, created


@dataclass
class BulkEnrolmentReport:
    enrolled: list[str] = field(default_factory=list)
    already_enrolled: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    other_institution: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


@transaction.atomic
def enrollment_create_bulk(*, actor, course: Course, emails: list[str]) -> BulkEnrolmentReport:
    """Enrol every known address the actor may enrol (`enrolment_institution`: administrators anyone, a coordinator
    their own institution's people; PermissionDenied for anyone else). Enrolment dates do not apply: a coordinator
    may enrol people before enrolment opens or after it closes."""

    institution = enrolment_institution(actor)
    report = BulkEnrolmentReport()
    seen: set[str] = set()
    cleaned = []
    for raw in emails:
        email = User.normalize_email_address(raw)
        if not email or email in seen:
            continue
        seen.add(email)
        try:
            validate_email(email)
        except ValidationError:
            report.invalid.append(email)
            continue
        cleaned.append(email)
    users = {user.email: user for user in User.objects.filter(email__in=cleaned)}
    for email in cleaned:
        user = users.get(email)
        if user is None:
            report.unknown.append(email)
        elif institution is not None and user.institution_id != institution.pk:
            report.other_institution.append(email)
        else:
            _enrollment, created = enrollment_create(user=user, course=course, actor=actor, check_open=False)
            (report.enrolled if created else report.already_enrolled).append(email)
    return report


def _lock_enrollment(enrollment: Enrollment) -> Enrollment:
    return Enrollment.objects.select_for_update().select_related("course", "user").get(pk=enrollment.pk)


# Last activity is a coarse "when was this person last here" (progress screens, reminders): written at most once per
# ACTIVITY_THROTTLE, so a page GET does not write (docs/decisions/0160).
ACTIVITY_THROTTLE = timedelta(minutes=5)


def _touch(enrollment: Enrollment) -> None:
    now = timezone.now()
    last = enrollment.last_activity_at
    if last is not None and last <= now and now - last < ACTIVITY_THROTTLE:
        return
    # The row may have been touched since this copy was read: the condition keeps that a no-op too.
    Enrollment.objects.filter(pk=enrollment.pk).filter(
        Q(last_activity_at__isnull=True) | Q(last_activity_at__lt=now - ACTIVITY_THROTTLE) | Q(last_activity_at__gt=now)
    ).update(last_activity_at=now)
    enrollment.last_activity_at = now


def _deadline_passed(course: Course) -> bool:
    return bool(course.completion_deadline and timezone.now() > course.completion_deadline)


# --- Modules ------------------------------------------------------------------------------------------------------


def module_visit(*, enrollment: Enrollment, module: ModulePage, already_visited: bool = False) -> None:
    """Remember the first visit (makes the module "in progress"); later visits only touch last activity.
    `already_visited`: the caller has just read the visit (the outline's progress), so no lookup is needed."""
    if not already_visited:
        ModuleVisit.objects.get_or_create(enrollment=enrollment, module_id=module.pk)
    _touch(enrollment)


@transaction.atomic
def module_complete(*, enrollment: Enrollment, module: ModulePage) -> ModuleCompletion:
    """Record a module as complete (idempotent) and complete the course when every required module is done."""
    enrollment = _lock_enrollment(enrollment)
    completion, _created = ModuleCompletion.objects.get_or_create(
        enrollment=enrollment,
        module_id=module.pk,
        defaults={"module_title": module.title, "minutes": module.estimated_minutes},
    )
    _touch(enrollment)
    _complete_course_if_done(enrollment)
    return completion


@transaction.atomic
def module_mark_done(*, enrollment: Enrollment, module: ModulePage) -> ModuleCompletion:
    """ "Mark as done" for a module without a quiz; a module with a quiz completes only by passing it."""
    if module.has_quiz:
        raise TrainingError(_("This module is completed by passing its quiz."), code="has_quiz")
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise TrainingError(_("You are no longer enrolled in this course."), code="withdrawn")
    return module_complete(enrollment=enrollment, module=module)


def _complete_course_if_done(enrollment: Enrollment) -> bool:
    """Called with the enrolment row locked. Completes the course once; sends the event after commit."""
    if enrollment.status != Enrollment.Status.ACTIVE:
        return False
    modules = course_modules(enrollment.course)
    required = {module.pk for module in modules if module.required}
    if not required:
        return False
    done = set(
        ModuleCompletion.objects.filter(enrollment=enrollment, module_id__in=required).values_list(
            "module_id", flat=True
        )
    )
    if required - done:
        return False
    now = timezone.now()
    changed = Enrollment.objects.filter(pk=enrollment.pk, status=Enrollment.Status.ACTIVE).update(
        status=Enrollment.Status.COMPLETED, completed_at=now
    )
    if not changed:
        return False
    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.completed_at = now
    audit_record(
        action="courses.course_completed",
        actor=enrollment.user,
        obj=enrollment,
        detail={"course": enrollment.course.slug},
    )
    # robust: a failing listener is logged, never turned into an error for the trainee whose completion has been
    # committed; the completed enrolment itself is the record that a certificate is owed (docs/decisions/0120).
    transaction.on_commit(
        lambda: course_completed.send(
            sender=Enrollment, enrollment=enrollment, user=enrollment.user, course=enrollment.course
        ),
        robust=True,
    )
    return True


@transaction.atomic
def reflection_save(*, user, module: ModulePage, block_id: str, text: str) -> ReflectionAnswer:
    answer, _created = ReflectionAnswer.objects.update_or_create(
        user=user, module_id=module.pk, block_id=block_id, defaults={"text": text}
    )
    return answer


# --- Quizzes ------------------------------------------------------------------------------------------------------


def attempts_used(enrollment: Enrollment, module: ModulePage) -> int:
    return QuizAttempt.objects.for_module(enrollment, module.pk).count()


def attempts_left(module: ModulePage, used: int) -> int | None:
    """None means unlimited."""
    if not module.quiz_attempts_allowed:
        return None
    return max(module.quiz_attempts_allowed - used, 0)


@transaction.atomic
def quiz_attempt_start(*, enrollment: Enrollment, module: ModulePage) -> QuizAttempt:
    """Start an attempt against the module's live revision, or return the one in progress.

    The enrolment row lock makes concurrent starts count attempts one after another: never more than allowed.
    """
    if not module.has_quiz:
        raise TrainingError(_("This module has no quiz."), code="no_quiz")
    enrollment = _lock_enrollment(enrollment)
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise TrainingError(_("You are no longer enrolled in this course."), code="withdrawn")
    open_attempt = QuizAttempt.objects.for_module(enrollment, module.pk).in_progress().first()
    if open_attempt is not None:
        return open_attempt
    if ModuleCompletion.objects.filter(enrollment=enrollment, module_id=module.pk).exists():
        raise TrainingError(_("You have already passed this quiz."), code="passed")
    if _deadline_passed(enrollment.course) and enrollment.status == Enrollment.Status.ACTIVE:
        raise TrainingError(
            _("The deadline for this course has passed. Ask your coordinator if you need more time."),
            code="deadline",
        )
    used = attempts_used(enrollment, module)
    if module.quiz_attempts_allowed and used >= module.quiz_attempts_allowed:
        raise TrainingError(_("You have used all your attempts at this quiz."), code="no_attempts")
    revision = module.live_revision
    source = revision.as_object() if revision is not None else module
    snapshot = scoring.build_snapshot(
        source.quiz_snapshot_source(),
        draw=source.quiz_draw_count,
        shuffle_questions=source.quiz_shuffle_questions,
        shuffle_choices=source.quiz_shuffle_choices,
    )
    attempt = QuizAttempt.objects.create(
        user=enrollment.user,
        enrollment=enrollment,
        module_id=module.pk,
        revision=revision,
        attempt_number=used + 1,
        questions=snapshot,
        pass_mark=source.quiz_pass_mark,
    )
    _touch(enrollment)
    return attempt


def clean_answers(attempt: QuizAttempt, submitted: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keep only answers to questions this attempt showed (forged extra fields are dropped)."""
    ids = {question["id"] for question in attempt.questions}
    return {qid: [str(c) for c in choices][:20] for qid, choices in submitted.items() if qid in ids}


def quiz_attempt_save_draft(*, attempt: QuizAttempt, answers: dict[str, list[str]]) -> None:
    """Keep what a trainee chose on an attempt that could not be submitted yet (nothing is lost)."""
    QuizAttempt.objects.filter(pk=attempt.pk, status=QuizAttempt.Status.IN_PROGRESS).update(
        answers=clean_answers(attempt, answers)
    )


@dataclass
class SubmitResult:
    attempt: QuizAttempt
    changed: bool  # False when the attempt had already been submitted (a double click or a resubmit)


def quiz_attempt_submit(*, attempt: QuizAttempt, answers: dict[str, list[str]]) -> SubmitResult:
    """Score and finalise an attempt from its own snapshot, in one transaction (`_finalise`); idempotent.

    Only the question ids and choice ids are read from `answers`; score, correctness and anything else a client
    sends is ignored. Invalid answers raise AnswersInvalid and a passed deadline raises TrainingError; in both
    cases the answers are kept on the attempt as a draft.
    """
    answers = clean_answers(attempt, answers)
    if attempt.status == QuizAttempt.Status.IN_PROGRESS:
        errors = scoring.validate_answers(attempt.questions, answers)
        if errors:
            quiz_attempt_save_draft(attempt=attempt, answers=answers)
            raise AnswersInvalid(errors)
        course = Course.objects.get(pk=attempt.enrollment.course_id)
        if _deadline_passed(course) and attempt.enrollment.status == Enrollment.Status.ACTIVE:
            quiz_attempt_save_draft(attempt=attempt, answers=answers)
            raise TrainingError(
                _(
                    "The deadline for this course has passed, so the quiz cannot be submitted. Your answers are "
                    "saved; ask your coordinator for more time."
                ),
                code="deadline",
            )
    return _finalise(attempt=attempt, answers=answers)


@transaction.atomic
def _finalise(*, attempt: QuizAttempt, answers: dict[str, list[str]]) -> SubmitResult:
    _lock_enrollment(attempt.enrollment)
    result = scoring.score(attempt.questions, answers)
    passed = result.percent >= attempt.pass_mark
    changed = QuizAttempt.objects.filter(pk=attempt.pk, status=QuizAttempt.Status.IN_PROGRESS).update(
        status=QuizAttempt.Status.SUBMITTED,
        answers=answers,
        correct_count=result.correct,
        score=result.percent,
        passed=passed,
        submitted_at=timezone.now(),
    )
    attempt = QuizAttempt.objects.select_related("enrollment").get(pk=attempt.pk)
    if changed and attempt.passed:
        module = ModulePage.objects.get(pk=attempt.module_id)
        module_complete(enrollment=attempt.enrollment, module=module)
    elif changed:
        _touch(attempt.enrollment)
    return SubmitResult(attempt=attempt, changed=bool(changed))
