"""After the engagement period: stay as an alumnus, or leave. And the active/alumni counts coordinators see.

docs/decisions/0114-alumni.md."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lms import roles
from lms.audit import audit_record
from lms.models import User
from supervision.models import EngagementPeriod

from .models import Alumnus


def may_choose_after_engagement(user: User, periods=None) -> bool:
    """A supporter whose engagement periods have all ended (at least one) and who is not an alumnus yet.

    `periods`: the user's engagement periods when the caller has them already (My page shares one list with the
    supervision panel, supervision.views.engagement_periods); the alumnus record is then read only when every period
    has ended."""

    if not user.is_authenticated or not user.has_role(roles.TRAINEES):
        return False
    if periods is None:
        if hasattr(user, "alumnus"):
            return False
        periods = EngagementPeriod.objects.filter(supporter=user)
        return periods.exists() and not periods.active().exists()
    if not periods or any(period.status == EngagementPeriod.Status.ACTIVE for period in periods):
        return False
    return not hasattr(user, "alumnus")


@transaction.atomic
def alumnus_stay(*, user: User, request=None):
    """Become an alumnus: keep the account and certificates, leave the active lists (the Trainees role goes)."""

    user = User.objects.select_for_update().get(pk=user.pk)
    if not may_choose_after_engagement(user):
        raise ValidationError(_("This choice is open once your engagement period has ended."))
    alumnus, _created = Alumnus.objects.get_or_create(user=user, defaults={"institution": user.institution})
    user.groups.remove(Group.objects.get(name=roles.TRAINEES))
    audit_record(action="account.alumnus", actor=user, request=request, obj=user)
    return alumnus


def alumni_holder_ids() -> list[int]:
    """For certificates' `certificates_reminder_exempt_holders` hook: alumni get no expiry reminders."""

    return list(Alumnus.objects.values_list("user_id", flat=True))


def supporter_counts(user: User) -> dict[str, int]:
    """Active supporters (the Trainees role, active accounts) and alumni, at the coordinator's institution (all
    institutions for administrators). Two queries, whatever the numbers."""

    everyone = user.is_administrator
    people = User.objects.filter(is_active=True, groups__name=roles.TRAINEES)
    alumni = Alumnus.objects.filter(user__is_active=True)
    if not everyone:
        people = people.filter(institution_id=user.institution_id)
        alumni = alumni.filter(institution_id=user.institution_id)
    return {
        "active": people.aggregate(n=Count("pk", distinct=True))["n"],
        "alumni": alumni.aggregate(n=Count("pk", filter=Q(user__isnull=False)))["n"],
    }
