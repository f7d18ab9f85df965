"""Supervision sessions, their participants (snapshotted) and attendance."""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access
from ..oslo import oslo_display, oslo_export
from .people import GroupMembership

MAX_SESSION_MINUTES = 8 * 60

https_only = URLValidator(schemes=["https"], message=_("Enter a secure link that starts with https://."))


class SessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).exclude(status=Session.Status.CANCELLED)

    def for_advisor(self, user):
        return self.filter(advisor=user)

    def visible_to(self, user):
        """Sessions `user` may see: all (administrators, leads), their own and their groups' (advisors), none for
        anyone else (supporters see theirs through `for_participant`)."""
        if not user.is_authenticated:
            return self.none()
        if access.sees_everything(user):
            return self
        if access.is_advisor(user):
            return self.filter(Q(advisor=user) | Q(group__advisors=user)).distinct()
        return self.none()

    def for_participant(self, user, at=None):
        """Sessions a supporter takes part in: snapshotted participants, else the current group or the one-to-one."""

        at = at or timezone.now()
        group_ids = GroupMembership.objects.filter(supporter=user).active_at(at).values("group_id")
        return self.filter(
            Q(participants__supporter=user)
            | Q(kind=Session.Kind.ONE_TO_ONE, supporter=user)
            | Q(kind=Session.Kind.GROUP, group_id__in=group_ids, participants__isnull=True)
        ).distinct()

    def overlapping(self, *, advisor, starts_at, minutes, exclude_pk=None):
        """Non-cancelled sessions of `advisor` that overlap [starts_at, starts_at + minutes)."""
        starts_at = starts_at.astimezone(UTC)
        ends_at = starts_at + timedelta(minutes=minutes)
        candidates = self.filter(
            advisor=advisor,
            starts_at__lt=ends_at,
            starts_at__gt=starts_at - timedelta(minutes=MAX_SESSION_MINUTES),
        ).exclude(status=Session.Status.CANCELLED)
        if exclude_pk:
            candidates = candidates.exclude(pk=exclude_pk)
        return [s for s in candidates if s.ends_at > starts_at]


class Session(models.Model):
    """One supervision meeting, one-to-one or with a group."""

    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", _("One-to-one")
        GROUP = "group", _("Group")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GROUP)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        on_delete=models.PROTECT,
        related_name="supervision_sessions_led",
    )
    group = models.ForeignKey(
        "supervision.SupervisionGroup",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_sessions_one_to_one",
        help_text=_("For a one-to-one session."),
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(MAX_SESSION_MINUTES)],
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(
        _("online meeting link"),
        max_length=500,
        blank=True,
        validators=[https_only],
        help_text=_("A secure https:// link, if the session is online."),
    )
    topic = models.CharField(_("topic"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    sequence = models.PositiveIntegerField(default=0, editable=False, help_text="ICS SEQUENCE: bumped on each change.")
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("supervision session")
        verbose_name_plural = _("supervision sessions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="group", group__isnull=False, supporter__isnull=True))
                | (Q(kind="one_to_one", supporter__isnull=False, group__isnull=True)),
                name="supervision_session_group_or_supporter",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15) & Q(duration_minutes__lte=MAX_SESSION_MINUTES),
                name="supervision_session_duration_range",
            ),
        ]
        indexes = [models.Index(fields=["advisor", "starts_at"])]

    def __str__(self):
        local = timezone.localtime(self.starts_at) if self.starts_at else None
        when = f"{local:%Y-%m-%d %H:%M}" if local else ""
        return f"{self.topic} ({when})"

    def clean(self):
        errors = {}
        if self.kind == self.Kind.GROUP:
            if not self.group_id:
                errors["group"] = _("Choose the group for a group session.")
            self.supporter = None
        elif self.kind == self.Kind.ONE_TO_ONE:
            if not self.supporter_id:
                errors["supporter"] = _("Choose the supporter for a one-to-one session.")
            self.group = None
        if not self.place and not self.online_url:
            errors["place"] = _("Give a place or an online meeting link.")
        if errors:
            raise ValidationError(errors)

    @property
    def ends_at(self):
        """In UTC: adding to a local (Europe/Oslo) datetime would count wall-clock time across a DST change."""
        return self.starts_at.astimezone(UTC) + timedelta(minutes=self.duration_minutes)

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def not_started_message(self) -> str:
        return _("This session has not started yet. Attendance can be taken from its start, %(when)s.") % {
            "when": oslo_display(self.starts_at)
        }

    def starts_at_oslo(self) -> str:
        return oslo_export(self.starts_at)

    starts_at_oslo.short_description = _("Starts (Europe/Oslo)")

    @property
    def where(self) -> str:
        return self.place or self.online_url

    def expected_participants(self):
        """Who takes part by the rules at the session's start: the group's members then, or the one supporter."""

        if self.kind == self.Kind.ONE_TO_ONE:
            return get_user_model().objects.filter(pk=self.supporter_id)
        return self.group.members_at(self.starts_at)

    def participant_users(self):
        """Snapshotted participants once attendance was taken, else the expected ones."""

        snapshot = (
            get_user_model().objects.filter(supervision_participations__session=self).order_by("full_name", "email")
        )
        if self.participants.exists():
            return snapshot
        return self.expected_participants()

    def snapshot_participants(self) -> None:
        """Freeze who took part (idempotent; concurrent calls create each row once)."""
        if self.participants.exists():
            return
        SessionParticipant.objects.bulk_create(
            [SessionParticipant(session=self, supporter=user) for user in self.expected_participants()],
            ignore_conflicts=True,
        )


class SessionParticipant(models.Model):
    """Who took part in a session, frozen when attendance is first taken."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    # PROTECT: deleting an account must not rewrite who took part; the admin erases such an account instead
    # (lms.services.user_erase keeps the row as a nameless placeholder).
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.PROTECT,
        related_name="supervision_participations",
    )

    class Meta:
        verbose_name = _("session participant")
        verbose_name_plural = _("session participants")
        constraints = [
            models.UniqueConstraint(fields=["session", "supporter"], name="supervision_one_participant_row"),
        ]

    def __str__(self):
        return f"{self.supporter} @ {self.session}"


class AttendanceQuerySet(models.QuerySet):
    def attended(self):
        return self.filter(status__in=Attendance.ATTENDED)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    ATTENDED = (Status.PRESENT, Status.LATE)

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance")
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.PROTECT,
        related_name="supervision_attendance",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["session__starts_at"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "supporter"], name="supervision_one_attendance_per_session"),
        ]

    def __str__(self):
        return f"{self.supporter}: {self.get_status_display()}"
