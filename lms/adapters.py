"""allauth adapters: new accounts start without a role; staff keep their second factor."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError


class AccountAdapter(DefaultAccountAdapter):
    """A new account has no role: training access comes with acceptance into a cohort (recruitment), every other
    role is given by an administrator. See docs/decisions/0070."""

    def pre_authenticate(self, request, **credentials):
        """Record when the per-account limit refuses a login (the attempt never reaches a password check)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from .audit import audit_record

            identifier = str(credentials.get("email") or credentials.get("username") or "")[:254]
            audit_record(action="login.locked", request=request, detail={"identifier": identifier})
            raise


class MFAAdapter(DefaultMFAAdapter):
    """Staff roles must keep an authenticator app: they may replace it, but not switch two-factor off."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type == Authenticator.Type.TOTP and authenticator.user.is_staff_role:
            return False
        return super().can_delete_authenticator(authenticator)
