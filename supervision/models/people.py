"""Who supervises whom: advisor profiles (the lead flag), one-to-one assignments and groups with membership history."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access


class AdvisorProfile(models.Model):
    """Per-advisor facts. `is_lead` lets an advisor read every confidential note and receive every urgent message."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("advisor"), on_delete=models.CASCADE, related_name="advisor_profile"
    )
    is_lead = models.BooleanField(
        _("lead advisor"),
        default=False,
        help_text=_("Lead advisors may read all confidential notes and receive every urgent message."),
    )

    class Meta:
        verbose_name = _("advisor profile")
        verbose_name_plural = _("advisor profiles")

    def __str__(self):
        return str(self.user)


class AdvisorAssignmentQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on))

    def for_advisor(self, user):
        return self.filter(advisor=user)

    def visible_to(self, user):
        """Assignments of the supporters `user` may see (advisors: their own supporters; leads, admins: all)."""
        if not user.is_authenticated:
            return self.none()
        if access.sees_everything(user):
            return self
        return self.filter(supporter__in=access.visible_supporters(user).values("pk"))

    def manageable_by(self, user):
        """Assignments `user` may change (the authority rule in supervision.access, decision 0056)."""
        if access.manages_everyone(user):
            return self
        if access.manages_people(user):
            return self.filter(supporter__institution_id=user.institution_id)
        return self.none()


class AdvisorAssignment(models.Model):
    """An advisor follows one supporter one-to-one from `starts_on` to `ends_on` (open-ended when empty)."""

    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        on_delete=models.PROTECT,
        related_name="supervision_assignments_as_advisor",
        limit_choices_to={"groups__name": "Advisors"},
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.CASCADE,
        related_name="supervision_assignments",
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("to"), null=True, blank=True)

    objects = AdvisorAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("advisor assignment")
        verbose_name_plural = _("advisor assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="supervision_assignment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.advisor} → {self.supporter}"


class SupervisionGroupQuerySet(models.QuerySet):
    def for_advisor(self, user):
        return self.filter(advisors=user)

    def visible_to(self, user):
        """Groups `user` may see: all (administrators, leads), the ones they advise (advisors), their institution's
        (coordinators)."""
        if not user.is_authenticated:
            return self.none()
        if access.sees_everything(user):
            return self
        if access.is_advisor(user):
            return self.filter(advisors=user).distinct()
        if access.is_coordinator(user) and user.institution_id:
            return self.filter(institution_id=user.institution_id)
        return self.none()

    def manageable_by(self, user):
        """Groups whose details and members `user` may change (supervision.access, decision 0056)."""
        if access.manages_everyone(user):
            return self
        if access.manages_people(user):
            return self.filter(institution_id=user.institution_id)
        return self.none()


class SupervisionGroup(models.Model):
    """A supervision group. Members are kept as history (GroupMembership), never as a plain many-to-many."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120)
    institution = models.ForeignKey(
        "lms.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, null=True, blank=True
    )
    advisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisors"),
        related_name="supervision_groups_advised",
        limit_choices_to={"groups__name": "Advisors"},
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SupervisionGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("supervision group")
        verbose_name_plural = _("supervision groups")

    def __str__(self):
        return self.name

    def members_at(self, at: datetime):
        """The supporters who were members at the moment `at` (history never changes afterwards)."""

        return (
            get_user_model()
            .objects.filter(pk__in=self.memberships.active_at(at).values("supporter_id"))
            .order_by("full_name", "email")
        )

    def current_members(self):
        return self.members_at(timezone.now())


class GroupMembershipQuerySet(models.QuerySet):
    def active_at(self, at: datetime):
        return self.filter(Q(joined_at__lte=at), Q(left_at__isnull=True) | Q(left_at__gt=at))

    def open(self):
        return self.filter(left_at__isnull=True)

    def manageable_by(self, user):
        """Memberships `user` may open or close (supervision.access, decision 0056): the actor manages both the
        group and the supporter."""
        if access.manages_everyone(user):
            return self
        if access.manages_people(user):
            return self.filter(group__institution_id=user.institution_id, supporter__institution_id=user.institution_id)
        return self.none()


class GroupMembership(models.Model):
    """One stay of a supporter in a group. Moving someone closes this row and opens another: history is kept."""

    group = models.ForeignKey(
        SupervisionGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.CASCADE,
        related_name="supervision_memberships",
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-joined_at"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "supporter"],
                condition=Q(left_at__isnull=True),
                name="supervision_one_open_membership_per_group",
            ),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gte=models.F("joined_at")),
                name="supervision_membership_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.supporter} in {self.group}"
