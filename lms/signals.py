"""Audit receivers for account and security events (logins, failures, MFA, passwords, roles)."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .audit import audit_record

User = get_user_model()


@receiver(account_signals.user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit_record(action="login.success", actor=user, request=request, obj=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # Only the (non-secret) identifier is kept; Django already masks the password in `credentials`.
    identifier = str(credentials.get("email") or credentials.get("username") or "")[:254]
    audit_record(action="login.failure", request=request, detail={"identifier": identifier})


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="logout", actor=user, request=request, obj=user)


@receiver(account_signals.password_changed)
def audit_password_changed(sender, request, user, **kwargs):
    audit_record(action="password.changed", actor=user, request=request, obj=user)


@receiver(account_signals.password_reset)
def audit_password_reset(sender, request, user, **kwargs):
    audit_record(action="password.reset", actor=user, request=request, obj=user)


@receiver(account_signals.user_signed_up)
def audit_signup(sender, request, user, **kwargs):
    audit_record(action="account.signup", actor=user, request=request, obj=user)


@receiver(mfa_signals.authenticator_added)
def audit_mfa_added(sender, request, user, authenticator, **kwargs):
    audit_record(action="mfa.added", actor=user, request=request, obj=user, detail={"type": authenticator.type})


@receiver(mfa_signals.authenticator_removed)
def audit_mfa_removed(sender, request, user, authenticator, **kwargs):
    audit_record(action="mfa.removed", actor=user, request=request, obj=user, detail={"type": authenticator.type})


@receiver(mfa_signals.authenticator_reset)
def audit_mfa_reset(sender, request, user, authenticator, **kwargs):
    audit_record(action="mfa.reset", actor=user, request=request, obj=user, detail={"type": authenticator.type})


@receiver(mfa_signals.authentication_failed)
def audit_mfa_failed(sender, request, user, **kwargs):
    audit_record(action="mfa.failure", actor=user, request=request, obj=user)


@receiver(m2m_changed, sender=User.groups.through)
def audit_role_change(sender, instance, action, pk_set, reverse, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from django.contrib.auth.models import Group

    if reverse:
        # group.user_set.add(...): `instance` is the group, pk_set the users.
        for user in User.objects.filter(pk__in=pk_set or []):
            audit_record(action=f"role.{action[5:]}", obj=user, detail={"roles": [instance.name]})
        return
    names = list(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    audit_record(action=f"role.{action[5:]}", obj=instance, detail={"roles": names})
