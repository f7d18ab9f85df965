"""Account workflows with side effects. Keyword-only arguments; each call is atomic and audited."""

from allauth.mfa.models import Authenticator
from django.db import transaction

from .audit import audit_record
from .models import User


@transaction.atomic
def user_mfa_reset(*, user: User, actor: User | None = None, request=None) -> int:
    """Remove all of a person's authenticators (lost phone). Staff are sent to set up a new one at their next page.

    Returns the number of authenticators removed. Recorded as `mfa.reset_by_admin`.
    """
    removed, _ = Authenticator.objects.filter(user=user).delete()
    audit_record(action="mfa.reset_by_admin", actor=actor, request=request, obj=user, detail={"removed": removed})
    return removed
