"""Who may see what. Every view and viewset scopes its querysets through these functions.

- Administrators (and superusers) and lead advisors: every supporter, group and session.
- Advisors: the supporters currently assigned to them or in a group they advise; those groups; their own sessions
  and the sessions of their groups.
- Coordinators: the supporters and engagement periods of their own institution (counts and hours, never notes).
- Everyone else: nothing here (supporters use the public pages, which show only their own records).
Notes have their own, stricter rule: `Note.objects.readable_by(user)`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from lms import roles


def is_lead_advisor(user) -> bool:
    """An advisor whose AdvisorProfile is marked lead. Cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_supervision_is_lead", None)
    if cached is None:
        from .models import AdvisorProfile

        cached = user.has_role(roles.ADVISORS) and AdvisorProfile.objects.filter(user=user, is_lead=True).exists()
        user._supervision_is_lead = cached
    return cached


def sees_everything(user) -> bool:
    return bool(user.is_superuser or user.has_role(roles.ADMINISTRATORS) or is_lead_advisor(user))


def is_advisor(user) -> bool:
    return user.is_authenticated and user.has_role(roles.ADVISORS)


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.has_role(roles.COORDINATORS)


def visible_supporters(user):
    User = get_user_model()
    if not user.is_authenticated:
        return User.objects.none()
    if sees_everything(user):
        return User.objects.all()
    condition = Q(pk__in=[])
    if is_advisor(user):
        condition |= Q(pk__in=visible_supporters_for_advisor(user).values("pk"))
    if is_coordinator(user) and user.institution_id:
        condition |= Q(institution_id=user.institution_id)
    return User.objects.filter(condition)


def visible_periods(queryset, user):
    """Engagement periods a staff user may see (coordinators: their institution's)."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_everything(user):
        return queryset
    condition = Q(pk__in=[])
    if is_advisor(user):
        condition |= Q(supporter__in=visible_supporters_for_advisor(user).values("pk"))
    if is_coordinator(user) and user.institution_id:
        condition |= Q(institution_id=user.institution_id)
    return queryset.filter(condition)


def visible_supporters_for_advisor(user):
    from .models import AdvisorAssignment, GroupMembership

    now = timezone.now()
    User = get_user_model()
    return User.objects.filter(
        Q(pk__in=AdvisorAssignment.objects.current(timezone.localdate(now)).filter(advisor=user).values("supporter"))
        | Q(pk__in=GroupMembership.objects.active_at(now).filter(group__advisors=user).values("supporter"))
    )


def visible_sessions(queryset, user):
    if not user.is_authenticated:
        return queryset.none()
    if sees_everything(user):
        return queryset
    if is_advisor(user):
        return queryset.filter(Q(advisor=user) | Q(group__advisors=user)).distinct()
    return queryset.none()


def visible_groups(queryset, user):
    if not user.is_authenticated:
        return queryset.none()
    if sees_everything(user):
        return queryset
    if is_advisor(user):
        return queryset.filter(advisors=user).distinct()
    if is_coordinator(user) and user.institution_id:
        return queryset.filter(institution_id=user.institution_id)
    return queryset.none()


def visible_assignments(queryset, user):
    """Assignments of the supporters a user may see (advisors: their own supporters; leads, admins: all)."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_everything(user):
        return queryset
    return queryset.filter(supporter__in=visible_supporters(user).values("pk"))
