"""Audit receivers for account and security events (logins, failures, MFA, passwords, emails, roles).

Every receiver writes through `audit_record`, which never stores secrets: Django masks the password in the
credentials of `user_login_failed`, and we keep only the identifier the person typed.
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from .audit import audit_record
from .feide import PROVIDER_ID
from .feide.claims import acr_of

User = get_user_model()

# Sent by `lms.services.user_erase` inside its transaction, before the account itself is scrubbed, with
# `user`, `actor` and `request`: each app removes or ends what it holds about the person and keeps shared history.
user_erased = Signal()

# Fields of the user whose change is a change of power or of access, audited like a role change.
WATCHED_USER_FIELDS = ("is_superuser", "is_active")


@receiver(account_signals.user_logged_in)
def audit_login(sender, request, user, **kwargs):
    sociallogin = kwargs.get("sociallogin")
    detail = {"method": sociallogin.account.provider} if sociallogin is not None else None
    if detail is not None and detail["method"] == PROVIDER_ID:  # how Feide says the person authenticated (0134)
        detail["acr"] = acr_of(sociallogin.account.extra_data or {})
    audit_record(action="login.success", actor=user, request=request, obj=user, detail=detail)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    identifier = str(credentials.get("email") or credentials.get("username") or "")[:254]
    audit_record(action="login.failure", request=request, detail={"identifier": identifier})


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="logout", actor=user, request=request, obj=user)


@receiver(account_signals.password_changed)
def audit_password_changed(sender, request, user, **kwargs):
    audit_record(action="password.changed", actor=user, request=request, obj=user)


@receiver(account_signals.password_set)
def audit_password_set(sender, request, user, **kwargs):
    audit_record(action="password.set", actor=user, request=request, obj=user)


@receiver(account_signals.password_reset)
def audit_password_reset(sender, request, user, **kwargs):
    audit_record(action="password.reset", actor=user, request=request, obj=user)


@receiver(account_signals.user_signed_up)
def audit_signup(sender, request, user, **kwargs):
    audit_record(action="account.signup", actor=user, request=request, obj=user)


@receiver(account_signals.email_confirmed)
def audit_email_confirmed(sender, request, email_address, **kwargs):
    audit_record(action="email.confirmed", actor=email_address.user, request=request, obj=email_address.user)


@receiver(account_signals.email_added)
def audit_email_added(sender, request, user, email_address, **kwargs):
    audit_record(action="email.added", actor=user, request=request, obj=user, detail={"email": email_address.email})


@receiver(account_signals.email_removed)
def audit_email_removed(sender, request, user, email_address, **kwargs):
    audit_record(action="email.removed", actor=user, request=request, obj=user, detail={"email": email_address.email})


@receiver(account_signals.email_changed)
def audit_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    detail = {"from": getattr(from_email_address, "email", ""), "to": getattr(to_email_address, "email", "")}
    audit_record(action="email.changed", actor=user, request=request, obj=user, detail=detail)


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
    detail = {"reauthentication": bool(kwargs.get("reauthentication", False))}
    audit_record(action="mfa.failure", actor=user, request=request, obj=user, detail=detail)


# --- Roles ----------------------------------------------------------------------------------------------------------


@receiver(m2m_changed, sender=User.groups.through)
def audit_role_change(sender, instance, action, pk_set, reverse, **kwargs):
    """Group membership is the role: record every add, remove and clear, from the admin or from code."""
    if action == "pre_clear":
        # After the clear the names are gone; keep them for the post_clear event.
        if reverse:
            instance._audit_cleared = list(instance.user_set.values_list("pk", flat=True))
        else:
            instance._audit_cleared = list(instance.groups.values_list("name", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    verb = {"post_add": "role.added", "post_remove": "role.removed", "post_clear": "role.removed"}[action]
    if reverse:
        # group.user_set.add(...): `instance` is the group, pk_set the users.
        user_pks = getattr(instance, "_audit_cleared", []) if action == "post_clear" else (pk_set or [])
        for user in User.objects.filter(pk__in=user_pks):
            audit_record(action=verb, obj=user, detail={"roles": [instance.name]})
        return
    if action == "post_clear":
        names = getattr(instance, "_audit_cleared", [])
    else:
        names = list(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    if names:
        audit_record(action=verb, obj=instance, detail={"roles": sorted(names)})


@receiver(pre_save, sender=User)
def remember_watched_user_fields(sender, instance, update_fields=None, **kwargs):
    if not instance.pk or (update_fields is not None and not set(update_fields) & set(WATCHED_USER_FIELDS)):
        return
    instance._audit_before = User.objects.filter(pk=instance.pk).values(*WATCHED_USER_FIELDS).first()


@receiver(post_save, sender=User)
def audit_watched_user_fields(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if created or not before:
        return
    if before["is_superuser"] != instance.is_superuser:
        audit_record(action="role.superuser", obj=instance, detail={"is_superuser": instance.is_superuser})
    if before["is_active"] != instance.is_active:
        action = "account.activated" if instance.is_active else "account.deactivated"
        audit_record(action=action, obj=instance)


@receiver(post_delete, sender=User)
def audit_user_deleted(sender, instance, **kwargs):
    audit_record(action="account.deleted", detail={"user": instance.email, "user_id": instance.pk})
