"""Recruitment state: cohorts, applications, interview slots and confidential interview notes.

Who may see what lives on the QuerySets (`visible_to`, `manageable_by`, `visible_to`); the workflows that change
several records with side effects (emails, roles, enrolment) live in `recruitment.services`.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from lms import roles
from lms.models import User

MOTIVATION_MAX_LENGTH = 2000
STAGE_VALUES = ["new", "interview_planned", "interviewed", "accepted", "waiting_list", "declined", "withdrawn"]
NOTE_MAX_LENGTH = 5000


def sees_everything(user) -> bool:
    return bool(user.is_authenticated and user.is_administrator)


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.has_role(roles.COORDINATORS) and user.institution_id)


def coordinated_institution_ids():
    """Institutions that have a coordinator of their own (a subquery)."""

    return (
        User.objects.filter(groups__name=roles.COORDINATORS, is_active=True, institution__isnull=False)
        .values("institution_id")
        .distinct()
    )


class CohortQuerySet(models.QuerySet):
    def open_on(self, on=None):
        on = on or timezone.localdate()
        return self.filter(intake_opens_on__lte=on, intake_closes_on__gte=on)


class Cohort(models.Model):
    """One intake of peer supporters (e.g. "Autumn 2027"): accepting someone means taking them into a cohort."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100, unique=True)
    intake_opens_on = models.DateField(_("applications open"))
    intake_closes_on = models.DateField(_("applications close"))
    training_deadline = models.DateField(_("training to be completed by"))
    courses = models.ManyToManyField(
        "courses.Course",
        verbose_name=_("courses to complete"),
        blank=True,
        related_name="cohorts",
        help_text=_("Accepted applicants are enrolled in these courses."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-intake_opens_on", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(intake_closes_on__gte=models.F("intake_opens_on")), name="recruitment_cohort_intake_order"
            ),
        ]

    def __str__(self):
        return self.name

    def is_open(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.intake_opens_on <= on <= self.intake_closes_on


class CohortMember(models.Model):
    """A person in a cohort's training: made by acceptance, or (demo, earlier intakes) registered directly."""

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="cohort_memberships"
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        ordering = ["-joined_at"]
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="recruitment_one_membership")]

    def __str__(self):
        return f"{self.user} – {self.cohort}"


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Administrators: all. Coordinators: their institution's, plus the shared queue (no owner yet).
        Everyone else (advisors, counsellors, applicants) nothing here: applicants use `own_of`."""
        if not user.is_authenticated:
            return self.none()
        if sees_everything(user):
            return self
        if is_coordinator(user):
            return self.filter(Q(owner_institution_id=user.institution_id) | Q(owner_institution__isnull=True))
        return self.none()

    def manageable_by(self, user):
        """Applications whose stage `user` may change: administrators all, coordinators their institution's only
        (a shared-queue application is taken first)."""
        if sees_everything(user):
            return self
        if is_coordinator(user):
            return self.filter(owner_institution_id=user.institution_id)
        return self.none()

    def own_of(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def stage_counts(self) -> dict[str, int]:
        counts = dict(self.order_by().values_list("stage").annotate(n=models.Count("pk")))
        return {value: counts.get(value, 0) for value, _label in Application.Stage.choices}


class Application(models.Model):
    """A student's wish to become a peer supporter in a cohort. Holds only what the applicant wrote and where the
    application stands; interview notes are `InterviewNote` rows, never fields here (so no listing or export can
    show them by accident)."""

    class Stage(models.TextChoices):
        NEW = "new", _("New")
        INTERVIEW_PLANNED = "interview_planned", _("Interview planned")
        INTERVIEWED = "interviewed", _("Interviewed")
        ACCEPTED = "accepted", _("Accepted")
        WAITING_LIST = "waiting_list", _("Waiting list")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class StudentFor(models.TextChoices):
        UNDER_ONE = "under_1", _("Less than a year")
        ONE_TO_TWO = "1_2", _("1–2 years")
        TWO_TO_THREE = "2_3", _("2–3 years")
        OVER_THREE = "3_plus", _("More than 3 years")

    class Semesters(models.TextChoices):
        AUTUMN = "autumn", _("Autumn")
        SPRING = "spring", _("Spring")
        BOTH = "both", _("Autumn and spring")

    class TimeOfDay(models.TextChoices):
        DAYTIME = "daytime", _("Daytime")
        EVENING = "evening", _("Evening")
        EITHER = "either", _("Daytime or evening")

    # Moves a coordinator may make by hand; "interview planned" follows from a booking (services).
    TRANSITIONS = {
        Stage.NEW: {Stage.INTERVIEWED, Stage.WAITING_LIST, Stage.DECLINED, Stage.WITHDRAWN},
        Stage.INTERVIEW_PLANNED: {Stage.INTERVIEWED, Stage.DECLINED, Stage.WITHDRAWN},
        Stage.INTERVIEWED: {Stage.ACCEPTED, Stage.WAITING_LIST, Stage.DECLINED, Stage.WITHDRAWN},
        Stage.WAITING_LIST: {Stage.ACCEPTED, Stage.DECLINED, Stage.WITHDRAWN},
        Stage.ACCEPTED: set(),
        Stage.DECLINED: set(),
        Stage.WITHDRAWN: set(),
    }
    CLOSED = (Stage.ACCEPTED, Stage.DECLINED, Stage.WITHDRAWN)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="applications"
    )
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    institution = models.ForeignKey(
        "lms.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the applicant studies elsewhere (see the other institution)."),
    )
    institution_other = models.CharField(_("other institution"), max_length=150, blank=True)
    owner_institution = models.ForeignKey(
        "lms.Institution",
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recruitment_applications",
        help_text=_("The institution whose coordinators handle the application; empty in the shared queue."),
    )
    study_programme = models.CharField(_("study programme"), max_length=150)
    student_for = models.CharField(_("time as a student"), max_length=10, choices=StudentFor.choices)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    semesters = models.CharField(_("semesters"), max_length=10, choices=Semesters.choices)
    time_of_day = models.CharField(_("daytime or evening"), max_length=10, choices=TimeOfDay.choices)
    languages = models.CharField(_("languages"), max_length=200)
    motivation = models.TextField(_("motivation"), max_length=MOTIVATION_MAX_LENGTH)
    consent_at = models.DateTimeField(_("consent given"))
    language = models.CharField(_("language for emails"), max_length=5, default="nb")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.NEW, db_index=True)
    stage_changed_at = models.DateTimeField(_("stage changed"), default=timezone.now)
    created_at = models.DateTimeField(_("applied"), default=timezone.now, db_index=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="recruitment_one_application_per_cohort"),
            models.CheckConstraint(condition=Q(stage__in=STAGE_VALUES), name="recruitment_stage_known"),
            models.CheckConstraint(
                condition=Q(institution__isnull=False) | ~Q(institution_other=""),
                name="recruitment_institution_given",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.cohort})"

    @property
    def institution_label(self) -> str:
        return str(self.institution) if self.institution_id else self.institution_other

    @property
    def in_shared_queue(self) -> bool:
        return self.owner_institution_id is None

    @property
    def is_closed(self) -> bool:
        return self.stage in self.CLOSED

    def can_move_to(self, stage: str) -> bool:
        return stage in self.TRANSITIONS.get(self.Stage(self.stage), set())


class InterviewSlotQuerySet(models.QuerySet):
    def visible_to(self, user):
        if sees_everything(user):
            return self
        if is_coordinator(user):
            return self.filter(institution_id=user.institution_id)
        return self.none()

    def open(self):
        return self.filter(status=InterviewSlot.Status.OFFERED)

    def free(self, now=None):
        return self.open().filter(application__isnull=True, starts_at__gt=now or timezone.now())

    def bookable_for(self, application: Application, now=None):
        """Free future slots of the institution handling `application` (none while it waits in the shared queue)."""
        if application.owner_institution_id is None or application.is_closed:
            return self.none()
        return self.free(now).filter(institution_id=application.owner_institution_id).order_by("starts_at")


class InterviewSlot(models.Model):
    """A time a coordinator offers for an informal interview. Booked when `application` is set: a nullable one-to-one,
    so one slot holds one application and one application holds one slot; booking is a conditional UPDATE."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    institution = models.ForeignKey(
        "lms.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("interviewer"), on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=30, validators=[MinValueValidator(10), MaxValueValidator(180)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    application = models.OneToOneField(
        Application,
        verbose_name=_("booked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="slot",
    )
    booked_at = models.DateTimeField(_("booked"), null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InterviewSlotQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        constraints = [
            models.CheckConstraint(condition=~Q(place="") | ~Q(video_url=""), name="recruitment_slot_has_place"),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M} ({self.institution})"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def where(self) -> str:
        return self.place or str(_("Video meeting"))

    @property
    def booked_by(self) -> str:
        """The applicant's name for listings and exports ("" when free); never anything else of the application."""
        return self.application.full_name if self.application_id else ""


class InterviewNoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Confidential: administrators, and the coordinators of the institution handling the application."""
        if sees_everything(user):
            return self
        if is_coordinator(user):
            return self.filter(application__owner_institution_id=user.institution_id)
        return self.none()


class InterviewNote(models.Model):
    """What a coordinator wrote after the informal interview. Confidential: never in listings, exports, emails, audit
    events or the applicant's view; deleted with its application (purge_expired_applications)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interview_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    objects = InterviewNoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("interview note")
        verbose_name_plural = _("interview notes")

    def __str__(self):
        return str(_("Interview note"))


@register_setting(icon="user")
class RecruitmentSettings(BaseSiteSetting):
    application_retention_days = models.PositiveIntegerField(
        _("keep closed applications for (days)"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_(
            "Applications that were accepted, declined or withdrawn longer ago than this are deleted with their "
            "interview notes by the purge_expired_applications command. Applicants are told this period."
        ),
    )

    panels = [FieldPanel("application_retention_days")]

    class Meta:
        verbose_name = _("recruitment settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls, request=None) -> RecruitmentSettings:
        if request is not None and Site.find_for_request(request) is not None:
            return cls.for_request(request)
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            return cls()
        return cls.for_site(site)
