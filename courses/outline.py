"""Where a person stands in a course: each module's state, the next module, done/total.

Built from a handful of queries whatever the number of modules (modules, completions, visits, open attempts),
and in batch for My page (`outlines_for_enrollments`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q, Value

from lms import roles

from .models import CoursePage, Enrollment, ModuleCompletion, ModulePage, ModuleVisit, QuizAttempt

DONE = "done"
IN_PROGRESS = "in_progress"
LOCKED = "locked"
NOT_STARTED = "not_started"
# Not done, and every quiz attempt allowed is used: only a counsellor can help further (no "Continue").
NO_ATTEMPTS = "no_attempts"


def is_staff_reader(user) -> bool:
    """Staff read every module without enrolling (counsellors, advisors, coordinators, administrators)."""
    return bool(user.is_authenticated and (user.is_superuser or user.role_names & roles.STAFF_ROLES))


TRAINING_ACCESS_REFUSED_HOOK = "construct_training_access_refused"


def has_training_access(user, course) -> bool:
    """May `user` enrol in `course` and open its modules and quizzes?

    Training is for the people the programme has taken on (the Trainees role, given on acceptance) and for staff.
    A course marked "open to every signed-in user" is for anyone with an account. An account alone is not enough:
    signing up gives no role (docs/decisions/0070).
    """
    if not user.is_authenticated:
        return False
    if is_staff_reader(user) or user.has_role(roles.TRAINEES):
        return True
    return bool(course is not None and course.open_to_all_signed_in)


@dataclass
class ModuleState:
    page: ModulePage
    number: int
    status: str

    @property
    def is_locked(self) -> bool:
        return self.status == LOCKED

    @property
    def no_attempts_left(self) -> bool:
        return self.status == NO_ATTEMPTS


@dataclass
class CourseOutline:
    course_page: CoursePage
    enrollment: Enrollment | None
    modules: list[ModuleState] = field(default_factory=list)
    progress: Progress | None = None

    @property
    def total(self) -> int:
        return len(self.modules)

    @property
    def done(self) -> int:
        return sum(1 for state in self.modules if state.status == DONE)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next_module(self) -> ModuleState | None:
        """The first module not done and not locked (required ones first)."""
        open_states = [state for state in self.modules if state.status in (IN_PROGRESS, NOT_STARTED)]
        for state in open_states:
            if state.page.required:
                return state
        return open_states[0] if open_states else None

    @property
    def stuck(self) -> ModuleState | None:
        """The first required module whose quiz attempts are used up: the course cannot go on without help."""
        return next((state for state in self.modules if state.no_attempts_left and state.page.required), None)

    def state_of(self, module_id: int) -> ModuleState | None:
        for state in self.modules:
            if state.page.pk == module_id:
                return state
        return None

    def neighbours(self, module_id: int) -> tuple[ModuleState | None, ModuleState | None]:
        for index, state in enumerate(self.modules):
            if state.page.pk == module_id:
                previous = self.modules[index - 1] if index > 0 else None
                following = self.modules[index + 1] if index + 1 < len(self.modules) else None
                return previous, following
        return None, None


def build_outline(
    course_page: CoursePage,
    modules: list[ModulePage],
    enrollment: Enrollment | None,
    *,
    done: set[int],
    started: set[int],
    submitted: dict[int, int] | None = None,
    unlock_all: bool = False,
) -> CourseOutline:
    """`submitted` counts the submitted quiz attempts per module id (for the "no attempts left" state)."""
    submitted = submitted or {}
    in_order = course_page.modules_unlock_in_order and not unlock_all
    outline = CourseOutline(course_page=course_page, enrollment=enrollment)
    blocked = False
    for number, module in enumerate(modules, start=1):
        if module.pk in done:
            status = DONE
        elif in_order and blocked:
            status = LOCKED
        elif module.quiz_attempts_allowed and submitted.get(module.pk, 0) >= module.quiz_attempts_allowed:
            status = NO_ATTEMPTS
        elif module.pk in started:
            status = IN_PROGRESS
        else:
            status = NOT_STARTED
        if module.required and module.pk not in done:
            blocked = True
        outline.modules.append(ModuleState(page=module, number=number, status=status))
    return outline


@dataclass
class Progress:
    """One enrolment's own state, per module id: done, visited or attempted, and quiz attempt counts."""

    done: set[int] = field(default_factory=set)
    started: set[int] = field(default_factory=set)
    visited: set[int] = field(default_factory=set)
    submitted: dict[int, int] = field(default_factory=dict)
    attempts: dict[int, int] = field(default_factory=dict)
    passed: set[int] = field(default_factory=set)


_DONE, _VISITED, _ATTEMPTS = 1, 2, 3


def progress_of(enrollment_ids: list[int]) -> dict[int, Progress]:
    """The progress of several enrolments in one query (UNION ALL of completions, visits and attempt aggregates):
    the rows read grow with the modules touched, never with the number of attempts."""
    progress = {enrollment_id: Progress() for enrollment_id in enrollment_ids}
    if not enrollment_ids:
        return progress
    zero = Value(0, output_field=IntegerField())
    columns = ("enrollment_id", "module_id", "kind", "n", "s", "p")
    completions = (
        ModuleCompletion.objects.filter(enrollment_id__in=enrollment_ids)
        .order_by()
        .annotate(kind=Value(_DONE, output_field=IntegerField()), n=zero, s=zero, p=zero)
        .values_list(*columns)
    )
    visits = (
        ModuleVisit.objects.filter(enrollment_id__in=enrollment_ids)
        .order_by()
        .annotate(kind=Value(_VISITED, output_field=IntegerField()), n=zero, s=zero, p=zero)
        .values_list(*columns)
    )
    attempts = (
        QuizAttempt.objects.filter(enrollment_id__in=enrollment_ids)
        .order_by()
        .values("enrollment_id", "module_id")
        .annotate(
            kind=Value(_ATTEMPTS, output_field=IntegerField()),
            n=Count("id"),
            s=Count("id", filter=Q(status=QuizAttempt.Status.SUBMITTED)),
            p=Count("id", filter=Q(status=QuizAttempt.Status.SUBMITTED, passed=True)),
        )
        .values_list(*columns)
    )
    for enrollment_id, module_id, kind, n, submitted, passed in completions.union(visits, attempts, all=True):
        state = progress[enrollment_id]
        if kind == _DONE:
            state.done.add(module_id)
        elif kind == _VISITED:
            state.started.add(module_id)
            state.visited.add(module_id)
        else:
            state.started.add(module_id)
            state.attempts[module_id] = n
            if submitted:
                state.submitted[module_id] = submitted
            if passed:
                state.passed.add(module_id)
    return progress


def outline_for(user, course_page: CoursePage, enrollment: Enrollment | None) -> CourseOutline:
    """The outline of one course for one person: the module list from the structure cache (per published version,
    the same for everyone), the person's own state from one query (`progress_of`)."""
    modules = course_page.published_modules()
    progress = progress_of([enrollment.pk])[enrollment.pk] if enrollment is not None else Progress()
    unlock_all = enrollment is None and is_staff_reader(user)
    outline = build_outline(
        course_page,
        modules,
        enrollment,
        done=progress.done,
        started=progress.started,
        submitted=progress.submitted,
        unlock_all=unlock_all,
    )
    outline.progress = progress
    return outline


def outlines_for_enrollments(
    enrollments: list[Enrollment], pages: list[CoursePage] | None = None
) -> list[CourseOutline]:
    """Outlines for several enrolments of one user in two queries (for My page): the course pages, and everyone's
    progress (`progress_of`); the module lists come from the structure cache. `pages`: the live course pages when
    the caller has read them already (then one query)."""
    course_ids = {enrollment.course_id for enrollment in enrollments}
    if pages is None:
        pages = CoursePage.objects.live().filter(course_id__in=course_ids)
    pages = {page.course_id: page for page in pages if page.course_id in course_ids}
    if not pages:
        return []
    progress = progress_of([enrollment.pk for enrollment in enrollments])
    outlines = []
    for enrollment in enrollments:
        page = pages.get(enrollment.course_id)
        if page is None:
            continue
        state = progress[enrollment.pk]
        outline = build_outline(
            page,
            page.published_modules(),
            enrollment,
            done=state.done,
            started=state.started,
            submitted=state.submitted,
        )
        outline.progress = state
        outlines.append(outline)
    return outlines
