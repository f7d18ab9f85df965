"""Learning state and rules. Pages (content) link to these models; these models never import page classes.

This module is the contract other apps build against:
- `Course`: one run of a training programme, with the text its certificate carries (nb and en).
- `Enrollment`: a user on a course; `Enrollment.evidence()` is what a course certificate records.
- `ModuleCompletion`: one required or optional module completed within an enrolment.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms import roles


class Course(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    estimated_hours = models.DecimalField(_("estimated hours"), max_digits=5, decimal_places=1, default=Decimal("0.0"))
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    completion_deadline = models.DateTimeField(_("completion deadline"), null=True, blank=True)
    modules_unlock_in_order = models.BooleanField(_("modules unlock in order"), default=True)
    open_to_all_signed_in = models.BooleanField(
        _("open to every signed-in user"),
        default=False,
        help_text=_("Material meant for all: anyone with an account may enrol, not only accepted trainees and staff."),
    )

    certificate_title = models.CharField(_("certificate title (English)"), max_length=200, blank=True)
    certificate_title_nb = models.CharField(_("certificate title (Bokmål)"), max_length=200, blank=True)
    certificate_description = models.TextField(_("certificate description (English)"), blank=True)
    certificate_description_nb = models.TextField(_("certificate description (Bokmål)"), blank=True)
    certificate_criteria = models.TextField(_("certificate criteria (English)"), blank=True)
    certificate_criteria_nb = models.TextField(_("certificate criteria (Bokmål)"), blank=True)
    certificate_valid_years = models.PositiveSmallIntegerField(
        _("certificate valid for (years)"), null=True, blank=True, help_text=_("Leave empty for no expiry.")
    )
    refresher_for = models.ForeignKey(
        "self",
        verbose_name=_("refresher of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="refreshers",
        help_text=_("Completing this course renews the certificate of that course (same code, new validity)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.title

    def is_enrolment_open(self, at=None) -> bool:
        at = at or timezone.now()
        if self.enrolment_opens_at and at < self.enrolment_opens_at:
            return False
        return not (self.enrolment_closes_at and at > self.enrolment_closes_at)


PROGRESS_VISIBILITY_HOOK = "filter_training_progress_visibility"
PROGRESS_ROLES = frozenset({roles.ADMINISTRATORS, roles.COORDINATORS, roles.ADVISORS})


def can_view_progress(user) -> bool:
    """Reach the progress report (what it lists is `Enrollment.objects.visible_to`). Advisors get `view_enrollment`
    from supervision's migrations and see the trainees that supervision's visibility hook returns."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or (user.has_perm("courses.view_enrollment") and bool(user.role_names & PROGRESS_ROLES)))
    )


def can_enrol_others(user) -> bool:
    """Enrol other people (the bulk enrolment screen): administrators and coordinators with `add_enrollment`."""
    return bool(
        user.is_authenticated
        and (
            user.is_superuser
            or (
                user.has_perm("courses.add_enrollment")
                and bool(user.role_names & {roles.ADMINISTRATORS, roles.COORDINATORS})
            )
        )
    )


def enrolment_institution(user):
    """Whose people `user` may enrol: None for administrators (everyone), a coordinator's own institution.
    PermissionDenied for anyone who may not enrol others (or a coordinator without an institution)."""
    if not can_enrol_others(user):
        raise PermissionDenied
    if user.is_administrator:
        return None
    if user.institution is None:
        raise PermissionDenied
    return user.institution


class EnrollmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def current(self):
        """Enrolments that give access to the course content (active or completed, not withdrawn)."""
        return self.exclude(status=Enrollment.Status.WITHDRAWN)

    def visible_to(self, user):
        """Enrolments whose progress `user` may follow: administrators all, coordinators their institution, plus the
        trainees that functions registered for the Wagtail hook `filter_training_progress_visibility` return.

        Each hook function receives `(user)` and returns None (nothing to add) or a queryset of user primary keys
        (e.g. `User.objects.filter(...).values("pk")`) that `user` may also follow. It is applied as one SQL
        subquery, so it must not evaluate anything per row. Later apps (supervision) register it; courses never
        imports them.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        condition = Q(pk__in=[])
        if user.has_role(roles.COORDINATORS) and user.institution_id:
            condition |= Q(user__institution_id=user.institution_id)
        for fn in hooks.get_hooks(PROGRESS_VISIBILITY_HOOK):
            user_ids = fn(user)
            if user_ids is not None:
                condition |= Q(user__in=user_ids)
        return self.filter(condition)

    def active(self):
        return self.filter(status=Enrollment.Status.ACTIVE)

    def completed(self):
        return self.filter(status=Enrollment.Status.COMPLETED)


class Enrollment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrollments")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="courses_one_enrollment_per_user_course"),
            models.CheckConstraint(
                condition=Q(status="completed", completed_at__isnull=False) | ~Q(status="completed"),
                name="courses_completed_enrollment_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"

    def evidence(self) -> dict:
        """What a course certificate records about this enrolment (JSON-safe, no scores, no answers).

        {"course": title, "enrolled_at": "YYYY-MM-DD", "completed_at": "YYYY-MM-DD" | None,
         "hours": float (sum of the completed modules' estimated minutes / 60, one decimal),
         "modules": [{"title": str, "completed_at": "YYYY-MM-DD", "minutes": int}, ...] in completion order}
        """
        completions = list(self.module_completions.order_by("completed_at", "id"))
        minutes = sum(item.minutes for item in completions)
        return {
            "course": self.course.title,
            "enrolled_at": timezone.localdate(self.enrolled_at).isoformat(),
            "completed_at": timezone.localdate(self.completed_at).isoformat() if self.completed_at else None,
            "hours": round(minutes / 60, 1),
            "modules": [
                {
                    "title": item.module_title,
                    "completed_at": timezone.localdate(item.completed_at).isoformat(),
                    "minutes": item.minutes,
                }
                for item in completions
            ],
        }


class ModuleCompletion(models.Model):
    """A module completed within an enrolment; the title and minutes are snapshots taken when it was completed."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="module_completions")
    module = models.ForeignKey("wagtailcore.Page", verbose_name=_("module"), on_delete=models.PROTECT, related_name="+")
    module_title = models.CharField(_("module title"), max_length=255)
    minutes = models.PositiveIntegerField(_("estimated minutes"), default=0)
    completed_at = models.DateTimeField(_("completed"), default=timezone.now)

    class Meta:
        ordering = ["completed_at"]
        verbose_name = _("module completion")
        verbose_name_plural = _("module completions")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "module"], name="courses_one_completion_per_module"),
        ]

    def __str__(self):
        return self.module_title


class ModuleVisit(models.Model):
    """The first time a trainee opened a module: what makes a module "in progress" on the course page."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="module_visits")
    module = models.ForeignKey("wagtailcore.Page", verbose_name=_("module"), on_delete=models.CASCADE, related_name="+")
    first_visited_at = models.DateTimeField(_("first visited"), default=timezone.now)

    class Meta:
        verbose_name = _("module visit")
        verbose_name_plural = _("module visits")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "module"], name="courses_one_visit_per_module"),
        ]

    def __str__(self):
        return f"{self.enrollment_id}/{self.module_id}"


class ReflectionAnswer(models.Model):
    """A trainee's private answer to a reflection prompt. Only its author ever sees it: no admin, no report."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    text = models.TextField(_("your answer"), max_length=5000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reflection answer")
        verbose_name_plural = _("reflection answers")
        constraints = [
            models.UniqueConstraint(fields=["user", "module", "block_id"], name="courses_one_reflection_per_prompt"),
        ]

    def __str__(self):
        return f"{self.user_id}/{self.module_id}/{self.block_id}"
