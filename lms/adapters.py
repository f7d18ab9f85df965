"""allauth adapters: new accounts start as trainees; staff keep their second factor."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError

from . import roles


class AccountAdapter(DefaultAccountAdapter):
    """New accounts start as trainees; every other role is given by an administrator."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from django.contrib.auth.models import Group

            group = Group.objects.filter(name=roles.TRAINEES).first()
            if group is not None:
                user.groups.add(group)
        return user

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
