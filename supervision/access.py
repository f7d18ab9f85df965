"""Who may see what: the role tests and the supporter sets that every scoped QuerySet builds on.

The rows themselves are scoped by one QuerySet method per model (`visible_to(user)`, and `manageable_by(user)` where
changing differs from seeing): `Session`, `SupervisionGroup`, `AdvisorAssignment`, `EngagementPeriod`, `Note` and
`GroupMembership` (managing only). Views, viewsets, exports, reports and hooks call those; they are written on the
role tests below, so the rule is stated once. Supporters are users (an `lms` model), so their sets are functions here:
`visible_supporters`, `visible_supporter_choices`, `manageable_supporters`, `manageable_advisors`.

- Administrators (and superusers) and lead advisors: every supporter, group and session.
- Advisors: the supporters currently assigned to them or in a group they advise; those groups; their own sessions
  and the sessions of their groups.
- Coordinators: the supporters and engagement periods of their own institution (counts and hours, never notes).
- Everyone else: nothing here (supporters use the public pages, which show only their own records).
Notes have their own, stricter rule: `Note.objects.visible_to(user)` (author or lead advisor only).

Seeing is not managing. Who may *widen* the set of supporters someone supervises — create or change an advisor
assignment, a supervision group or a group membership — is one rule, written once below (`manages_everyone`,
`manages_people`, `manageable_supporters`; the QuerySets' `manageable_by` apply it; decision 0056): administrators
(and superusers), lead advisors, and coordinators for their own institution's supporters. An ordinary advisor
plans sessions and takes attendance for the supporters and groups they already have, and never widens that set.
Every picker of a supervision form lists only people who can be the object (`supporter_candidates`,
`advisor_candidates`), narrowed by the same rule.
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
        from .models import AdvisorProfile  # noqa: PLC0415 - import cycle: supervision.models use these role tests

        cached = user.has_role(roles.ADVISORS) and AdvisorProfile.objects.filter(user=user, is_lead=True).exists()
        user._supervision_is_lead = cached
    return cached


def sees_everything(user) -> bool:
    return bool(user.is_authenticated and (user.is_administrator or is_lead_advisor(user)))


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


def visible_supporter_choices(user):
    """Supporters a user may pick for a session: trainees only (never staff), among those the user sees."""
    candidates = supporter_candidates()
    if sees_everything(user):
        return candidates
    return candidates.filter(pk__in=visible_supporters(user).values("pk"))


def visible_supporters_for_advisor(user):
    from .models import AdvisorAssignment, GroupMembership  # noqa: PLC0415 - import cycle: supervision.models use these role tests

    now = timezone.now()
    User = get_user_model()
    return User.objects.filter(
        Q(pk__in=AdvisorAssignment.objects.current(timezone.localdate(now)).filter(advisor=user).values("supporter"))
        | Q(pk__in=GroupMembership.objects.active_at(now).filter(group__advisors=user).values("supporter"))
    )


# --- the authority rule: who may widen the set (decision 0056) -----------------------------------------------------


def supporter_candidates():
    """People who can be a supporter: active members of the Trainees role (never staff, never an erased account)."""
    return get_user_model().objects.filter(is_active=True, groups__name=roles.TRAINEES).order_by("full_name", "email")


def advisor_candidates():
    """People who can be an advisor: active members of the Advisors role."""
    return get_user_model().objects.filter(is_active=True, groups__name=roles.ADVISORS).order_by("full_name", "email")


def manages_everyone(user) -> bool:
    """Administrators, superusers and lead advisors manage every assignment, group and membership."""
    return bool(user is not None and user.is_authenticated and (user.is_administrator or is_lead_advisor(user)))


def manages_people(user) -> bool:
    """May this user create or change assignments, groups and memberships at all?"""
    if user is None or not user.is_authenticated:
        return False
    return manages_everyone(user) or bool(is_coordinator(user) and user.institution_id)


def manageable_supporters(user):
    """Supporters this user may assign, put in a group or take out of one: all (administrators, leads), their own
    institution's (coordinators), none (everyone else, ordinary advisors included)."""
    if manages_everyone(user):
        return supporter_candidates()
    if manages_people(user):
        return supporter_candidates().filter(institution_id=user.institution_id)
    return supporter_candidates().none()


def manageable_advisors(user):
    """Advisors this user may name on an assignment or a group (any advisor, for whoever manages people)."""
    return advisor_candidates() if manages_people(user) else advisor_candidates().none()


def may_manage_supporter(user, supporter) -> bool:
    return supporter is not None and manageable_supporters(user).filter(pk=supporter.pk).exists()


def may_manage_group(user, group) -> bool:
    from .models import SupervisionGroup  # noqa: PLC0415 - import cycle: supervision.models use these role tests

    if group is None or not manages_people(user):
        return False
    if group.pk is None:  # a group being created: judged by the institution it will have
        return manages_everyone(user) or group.institution_id == user.institution_id
    return SupervisionGroup.objects.filter(pk=group.pk).manageable_by(user).exists()


def may_manage_membership(user, *, supporter, group) -> bool:
    """Put `supporter` in `group` or take them out: the actor must manage both."""
    return may_manage_group(user, group) and may_manage_supporter(user, supporter)


def may_manage_assignment(user, assignment) -> bool:
    """Create or change this assignment: the actor manages its supporter, and the advisor is an advisor."""
    return (
        manages_people(user)
        and may_manage_supporter(user, assignment.supporter)
        and advisor_candidates().filter(pk=assignment.advisor_id).exists()
    )
