"""Where a person stands in a course: each module's state, the next module, done/total.

Built from a handful of queries whatever the number of modules (modules, completions, visits, open attempts),
and in batch for My page (`outlines_for_enrollments`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

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


def outline_for(user, course_page: CoursePage, enrollment: Enrollment | None) -> CourseOutline:
    """The outline of one course for one person (4 queries at most, whatever the number of modules)."""
    modules = list(course_page.modules())
    done: set[int] = set()
    started: set[int] = set()
    submitted: dict[int, int] = {}
    if enrollment is not None:
        done = set(ModuleCompletion.objects.filter(enrollment=enrollment).values_list("module_id", flat=True))
        started = set(ModuleVisit.objects.filter(enrollment=enrollment).values_list("module_id", flat=True))
        for module_id, status in QuizAttempt.objects.filter(enrollment=enrollment).values_list("module_id", "status"):
            started.add(module_id)
            if status == QuizAttempt.Status.SUBMITTED:
                submitted[module_id] = submitted.get(module_id, 0) + 1
    unlock_all = enrollment is None and is_staff_reader(user)
    return build_outline(
        course_page, modules, enrollment, done=done, started=started, submitted=submitted, unlock_all=unlock_all
    )


def outlines_for_enrollments(enrollments: list[Enrollment]) -> list[CourseOutline]:
    """Outlines for several enrolments of one user in a constant number of queries (for My page)."""
    course_ids = [enrollment.course_id for enrollment in enrollments]
    pages = {page.course_id: page for page in CoursePage.objects.live().filter(course_id__in=course_ids)}
    if not pages:
        return []
    path_filter = Q()
    for page in pages.values():
        path_filter |= Q(path__startswith=page.path, depth=page.depth + 1)
    modules_by_parent: dict[str, list[ModulePage]] = {}
    for module in ModulePage.objects.live().filter(path_filter).defer("body", "quiz_questions").order_by("path"):
        modules_by_parent.setdefault(module.path[: -module.steplen], []).append(module)
    enrollment_ids = [enrollment.pk for enrollment in enrollments]
    done: dict[int, set[int]] = {}
    for enrollment_id, module_id in ModuleCompletion.objects.filter(enrollment_id__in=enrollment_ids).values_list(
        "enrollment_id", "module_id"
    ):
        done.setdefault(enrollment_id, set()).add(module_id)
    started: dict[int, set[int]] = {}
    for enrollment_id, module_id in ModuleVisit.objects.filter(enrollment_id__in=enrollment_ids).values_list(
        "enrollment_id", "module_id"
    ):
        started.setdefault(enrollment_id, set()).add(module_id)
    submitted: dict[int, dict[int, int]] = {}
    attempts = QuizAttempt.objects.submitted().filter(enrollment_id__in=enrollment_ids)
    for enrollment_id, module_id in attempts.values_list("enrollment_id", "module_id"):
        counts = submitted.setdefault(enrollment_id, {})
        counts[module_id] = counts.get(module_id, 0) + 1
    outlines = []
    for enrollment in enrollments:
        page = pages.get(enrollment.course_id)
        if page is None:
            continue
        outlines.append(
            build_outline(
                page,
                modules_by_parent.get(page.path, []),
                enrollment,
                done=done.get(enrollment.pk, set()),
                started=started.get(enrollment.pk, set()),
                submitted=submitted.get(enrollment.pk, {}),
            )
        )
    return outlines
