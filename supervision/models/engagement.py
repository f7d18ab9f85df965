"""Engagement periods, the activity log a supporter keeps, and the requirements for the engagement certificate."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .. import access
from ..integration import valid_course_certificates
from .sessions import Attendance, Session
from .site_settings import SupervisionSettings

MAX_ACTIVITY_MINUTES = 12 * 60


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str
    current: float
    target: float
    met: bool
    display: str
    # A date requirement ("engagement period ended") is shown as its date, not as a bar (templates/includes/progress).
    due: date | None = None

    @property
    def percent(self) -> int:
        if self.target <= 0:
            return 100 if self.met else 0
        return max(0, min(100, int(self.current * 100 / self.target)))


@dataclass(frozen=True)
class Rules:
    """The programme's requirements for the engagement certificate (from SupervisionSettings)."""

    required_sessions: int = 6
    required_hours: int = 20
    require_course_certificate: bool = True


class EngagementPeriodQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=EngagementPeriod.Status.ACTIVE)

    def visible_to(self, user):
        """Periods `user` may see: all (administrators, leads), their supporters' (advisors), their institution's
        (coordinators)."""
        if not user.is_authenticated:
            return self.none()
        if access.sees_everything(user):
            return self
        condition = Q(pk__in=[])
        if access.is_advisor(user):
            condition |= Q(supporter__in=access.visible_supporters_for_advisor(user).values("pk"))
        if access.is_coordinator(user) and user.institution_id:
            condition |= Q(institution_id=user.institution_id)
        return self.filter(condition)

    def approvable_by(self, user):
        """Periods `user` may approve: all (administrators), their institution's (coordinators), none otherwise."""
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        if access.is_coordinator(user) and user.institution_id:
            return self.filter(institution_id=user.institution_id)
        return self.none()

    def with_progress(self, rules: Rules | None = None):
        """Annotate `sessions_attended` (present or late at a held session within the period), `activity_minutes`
        and `has_course_certificate` in one query, whatever the number of periods. With `rules`, each row also
        carries them, so listings and exports compute "behind pace" without further queries."""
        if rules is not None:
            self = self.annotate(
                rule_sessions=Value(rules.required_sessions),
                rule_hours=Value(rules.required_hours),
                rule_course_certificate=Value(rules.require_course_certificate, output_field=models.BooleanField()),
            )
        attended = (
            Attendance.objects.filter(
                supporter=OuterRef("supporter"),
                status__in=Attendance.ATTENDED,
                session__status=Session.Status.HELD,
                session__starts_at__date__gte=OuterRef("starts_on"),
                session__starts_at__date__lte=OuterRef("ends_on"),
            )
            .order_by()
            .values("supporter")
            .annotate(n=Count("pk"))
            .values("n")
        )
        minutes = (
            ActivityLog.objects.filter(engagement=OuterRef("pk"))
            .order_by()
            .values("engagement")
            .annotate(total=Sum("duration_minutes"))
            .values("total")
        )
        return self.annotate(
            sessions_attended=Coalesce(Subquery(attended), Value(0)),
            activity_minutes=Coalesce(Subquery(minutes), Value(0)),
            has_course_certificate=_has_course_certificate_expression(),
        )

    def requirements_met(self, met: bool = True, today: date | None = None):
        """Periods whose every requirement is (or, with met=False, is not) met, in SQL. Call on
        `with_progress(rules)`: it compares the annotated figures with the annotated rules, as `requirements_met()`
        on one period does in Python."""
        today = today or timezone.localdate()
        condition = (
            Q(sessions_attended__gte=F("rule_sessions"))
            & Q(activity_minutes__gte=F("rule_hours") * 60)
            & (Q(has_course_certificate=True) | Q(rule_course_certificate=False))
            & Q(ends_on__lt=today)
        )
        return self.filter(condition) if met else self.exclude(condition)

    def ready_to_approve(self, today: date | None = None):
        """Not yet approved, not withdrawn, every requirement met: what a coordinator can approve now."""
        return (
            self.filter(approved_at__isnull=True)
            .exclude(status=EngagementPeriod.Status.WITHDRAWN)
            .requirements_met(True, today)
        )


def _valid_course_certificates():
    return valid_course_certificates()


def _has_course_certificate_expression():
    return Exists(_valid_course_certificates().filter(holder=OuterRef("supporter")))


class EngagementPeriod(models.Model):
    """A supporter's period of active work at one institution; the basis of the engagement certificate."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.CASCADE,
        related_name="engagement_periods",
    )
    institution = models.ForeignKey("lms.Institution", verbose_name=_("institution"), on_delete=models.PROTECT)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    certificate = models.ForeignKey(
        "certificates.Certificate",
        verbose_name=_("engagement certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = EngagementPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("engagement period")
        verbose_name_plural = _("engagement periods")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="supervision_period_order"),
            models.UniqueConstraint(
                fields=["supporter"], condition=Q(status="active"), name="supervision_one_active_period"
            ),
        ]

    def __str__(self):
        return f"{self.supporter} · {self.institution} ({self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The end must be after the start.")})

    # Requirement figures. Read from `with_progress()` annotations when present, else computed (a few queries).
    def _annotated(self, name, compute):
        value = getattr(self, name, None)
        if value is None:
            value = compute()
            setattr(self, name, value)
        return value

    def get_sessions_attended(self) -> int:
        return self._annotated(
            "sessions_attended",
            lambda: (
                Attendance.objects.attended()
                .filter(
                    supporter_id=self.supporter_id,
                    session__status=Session.Status.HELD,
                    session__starts_at__date__gte=self.starts_on,
                    session__starts_at__date__lte=self.ends_on,
                )
                .count()
            ),
        )

    def get_activity_minutes(self) -> int:
        return self._annotated(
            "activity_minutes",
            lambda: self.activities.aggregate(total=Sum("duration_minutes"))["total"] or 0,
        )

    def get_has_course_certificate(self) -> bool:
        return self._annotated(
            "has_course_certificate",
            lambda: _valid_course_certificates().filter(holder_id=self.supporter_id).exists(),
        )

    def get_rules(self) -> Rules:
        if hasattr(self, "rule_sessions"):
            return Rules(self.rule_sessions, self.rule_hours, self.rule_course_certificate)

        return SupervisionSettings.current().rules()

    @property
    def activity_hours(self) -> float:
        """Hours with one decimal, rounded down, so 599 minutes never shows as a met "10 / 10"."""
        return (self.get_activity_minutes() // 6) / 10

    def has_ended(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) > self.ends_on

    def requirements(self, rules: Rules | None = None, today: date | None = None) -> list[Requirement]:
        """Progress towards each requirement of the engagement certificate, in the order shown to the supporter."""
        rules = rules or self.get_rules()
        today = today or timezone.localdate()
        sessions = self.get_sessions_attended()
        hours = self.activity_hours
        has_cert = self.get_has_course_certificate()
        days_total = (self.ends_on - self.starts_on).days
        days_done = max(0, min(days_total, (today - self.starts_on).days))
        ended = self.has_ended(today)
        items = [
            Requirement(
                "course_certificate",
                _("A valid course certificate"),
                1 if has_cert else 0,
                1,
                has_cert,
                _("Yes") if has_cert else _("No"),
            ),
            Requirement(
                "sessions",
                _("Supervision sessions attended"),
                sessions,
                rules.required_sessions,
                sessions >= rules.required_sessions,
                f"{sessions} / {rules.required_sessions}",
            ),
            Requirement(
                "hours",
                _("Hours of activity"),
                hours,
                rules.required_hours,
                self.get_activity_minutes() >= rules.required_hours * 60,
                f"{hours:g} / {rules.required_hours}",
            ),
            Requirement(
                "period_ended",
                _("Engagement period ended"),
                days_done,
                days_total,
                ended,
                (_("Ended %(date)s") if ended else _("Ends %(date)s")) % {"date": date_format(self.ends_on)},
                due=self.ends_on,
            ),
        ]
        if not rules.require_course_certificate:
            items = items[1:]
        return items

    def requirements_met(self, rules: Rules | None = None, today: date | None = None) -> bool:
        return all(item.met for item in self.requirements(rules, today))

    def is_behind_pace(self, rules: Rules | None = None, today: date | None = None) -> bool:
        """Behind pace: past the first quarter of an active period, and sessions or hours below 75 % of the share
        of the target that the elapsed part of the period calls for (docs/supervision.md)."""
        rules = rules or self.get_rules()
        today = today or timezone.localdate()
        if self.status != self.Status.ACTIVE:
            return False
        total = (self.ends_on - self.starts_on).days
        elapsed = (min(today, self.ends_on) - self.starts_on).days
        if total <= 0 or elapsed < total / 4:
            return False
        share = elapsed / total
        return (
            self.get_sessions_attended() < 0.75 * share * rules.required_sessions
            or self.get_activity_minutes() < 0.75 * share * rules.required_hours * 60
        )

    # Listing and export columns (use with_progress(rules) for constant queries).
    def supporter_name(self) -> str:
        return self.supporter.get_full_name()

    supporter_name.short_description = _("supporter")
    supporter_name.admin_order_field = "supporter__full_name"

    def sessions_progress(self) -> str:
        return f"{self.get_sessions_attended()} / {self.get_rules().required_sessions}"

    sessions_progress.short_description = _("sessions attended")

    def hours_progress(self) -> str:
        return f"{self.activity_hours:g} / {self.get_rules().required_hours}"

    hours_progress.short_description = _("hours of activity")

    def behind_pace(self) -> str:
        return str(_("Behind pace") if self.is_behind_pace() else _("On pace"))

    behind_pace.short_description = _("pace")

    def course_certificate(self) -> str:
        return str(_("Yes") if self.get_has_course_certificate() else _("No"))

    course_certificate.short_description = _("course certificate")

    def evidence(self) -> dict:
        """What the engagement certificate records (JSON-safe; no notes, no people helped)."""
        return {
            "period": {"start": self.starts_on.isoformat(), "end": self.ends_on.isoformat()},
            "institution": self.institution.name,
            "sessions_attended": self.get_sessions_attended(),
            "hours": self.activity_hours,
        }


class ActivityLog(models.Model):
    """One piece of peer-support work a supporter logs. Deliberately no free text: nothing about the people helped."""

    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", _("One-to-one conversation")
        GROUP = "group", _("Group conversation")
        SOCIAL = "social", _("Social event")
        STAND = "stand", _("Information stand")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("supporter"), on_delete=models.CASCADE, related_name="activities"
    )
    engagement = models.ForeignKey(
        EngagementPeriod, verbose_name=_("engagement period"), on_delete=models.CASCADE, related_name="activities"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind of activity"), max_length=20, choices=Kind.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_ACTIVITY_MINUTES)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=MAX_ACTIVITY_MINUTES),
                name="supervision_activity_duration_range",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} ({self.duration_minutes} min)"

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("The date is in the future. Log activities after they have taken place.")
        elif self.date and self.engagement_id:
            period = self.engagement
            if not (period.starts_on <= self.date <= period.ends_on):
                errors["date"] = _("The date is outside your engagement period (%(start)s – %(end)s).") % {
                    "start": period.starts_on.isoformat(),
                    "end": period.ends_on.isoformat(),
                }
        if errors:
            raise ValidationError(errors)


class UrgentReport(models.Model):
    """That an urgent message was sent: who, when, to whom. The message itself is emailed, never stored or logged."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="urgent_reports_sent"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="urgent_reports_received")
    delivered = models.BooleanField(_("delivered"), default=False)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("urgent message record")
        verbose_name_plural = _("urgent message records")

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d %H:%M}"
