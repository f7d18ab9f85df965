"""Supervision's part of erasing an account (lms.services.user_erase sends `user_erased` inside its transaction)."""

from __future__ import annotations

from django.utils import timezone

from .models import AdvisorAssignment, EngagementPeriod, GroupMembership, Note


def scrub_erased_user(sender, user, actor=None, request=None, **kwargs):
    """Keep the history others rely on (sessions held, participants, attendance, membership rows: they now show a
    nameless placeholder); delete what is about the person only (confidential notes about them); end what is still
    running (open memberships and assignments, an active engagement period)."""

    now = timezone.now()
    today = timezone.localdate(now)
    Note.objects.about(user).delete()
    open_rows = GroupMembership.objects.filter(supporter=user, left_at__isnull=True)
    open_rows.filter(joined_at__gt=now).delete()  # a move planned for later never happened
    open_rows.update(left_at=now)
    for assignment in AdvisorAssignment.objects.filter(supporter=user).current(today):
        assignment.ends_on = max(today, assignment.starts_on)
        assignment.save(update_fields=["ends_on"])
    EngagementPeriod.objects.filter(supporter=user, status=EngagementPeriod.Status.ACTIVE).update(
        status=EngagementPeriod.Status.WITHDRAWN
    )
