"""Account workflows with side effects (`user_mfa_reset`, `user_erase`): keyword-only arguments, each call atomic
and audited. `user_history` only counts.
"""

import re
import uuid
from collections import Counter

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Q, QuerySet, TextField
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.db.models.functions import Cast
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from .audit import audit_record
from .models import ERASED_EMAIL_DOMAIN, ERASED_LABEL, AuditEvent, User
from .signals import user_erased


@transaction.atomic
def user_mfa_reset(*, user: User, actor: User | None = None, request=None) -> int:
    """Remove all of a person's authenticators (lost phone). Staff are sent to set up a new one at their next page.

    Returns the number of authenticators removed. Recorded as `mfa.reset_by_admin`.
    """
    removed, _ = Authenticator.objects.filter(user=user).delete()
    audit_record(action="mfa.reset_by_admin", actor=actor, request=request, obj=user, detail={"removed": removed})
    return removed


def user_history(user: User) -> dict[str, int]:
    """What would stop this account being deleted without rewriting history: every row that refers to it through a
    protected relation (held sessions' participants and attendance, sessions led, certificates held …), counted
    per kind ("supervision session participants": 3). Empty when the account can simply be deleted.

    Asks Django's deletion collector, so a new protected relation anywhere counts without a change here."""
    collector = Collector(using=router.db_for_write(User))
    try:
        collector.collect([user])
    except ProtectedError as error:
        rows = error.protected_objects
    except RestrictedError as error:
        rows = error.restricted_objects
    else:
        return {}
    return dict(sorted(Counter(str(capfirst(row._meta.verbose_name_plural)) for row in rows).items()))


def _identifiers(user: User) -> list[str]:
    """The texts that name the person: full and preferred name (when long enough to be unambiguous) and every email
    address they have had here."""
    names = [value.strip() for value in (user.full_name, user.preferred_name) if len((value or "").strip()) > 3]
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    return sorted({*names, *emails}, key=len, reverse=True)


def _replace_all(value, identifiers: list[str], replacement: str):
    if isinstance(value, dict):
        return {key: _replace_all(item, identifiers, replacement) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace_all(item, identifiers, replacement) for item in value]
    if isinstance(value, str):
        for identifier in identifiers:
            value = re.sub(re.escape(identifier), replacement, value, flags=re.IGNORECASE)
    return value


def _pseudonymise_logs(user: User, identifiers: list[str]) -> None:
    """Audit rows stay (the security log is append-only), but the person in them becomes a pseudonym: the actor
    label, and any name or address copied into an object label or a detail. Erasure is the one rewrite the audit
    log allows (docs/decisions/0111-erasure-self-service.md); Wagtail's log labels of the account go the same way."""

    pseudonym = f"erased-user-{user.pk}"
    label = str(ERASED_LABEL)
    rewrite = QuerySet.update  # AuditEventQuerySet.update refuses: this is the one exception
    events = AuditEvent.objects.order_by()
    rewrite(events.filter(actor=user), actor_label=pseudonym)
    if identifiers:
        rewrite(events.filter(actor_label__in=identifiers), actor_label=pseudonym)
        text = Q()
        for identifier in identifiers:
            text |= Q(object_label__icontains=identifier) | Q(detail_text__icontains=identifier)
        for event in (
            events.annotate(detail_text=Cast("detail", TextField())).filter(text).only("pk", "object_label", "detail")
        ):
            rewrite(
                events.filter(pk=event.pk),
                object_label=_replace_all(event.object_label, identifiers, label)[:254],
                detail=_replace_all(event.detail, identifiers, pseudonym),
            )
    ModelLogEntry.objects.filter(
        content_type__app_label=user._meta.app_label, content_type__model=user._meta.model_name, object_id=str(user.pk)
    ).update(label=label)


@transaction.atomic
def user_erase(*, user: User, actor: User | None, request=None, certificate_choice: str = "keep") -> User:
    """Erase a person's account but keep the row, for accounts with history (see `user_history`).

    Each app first removes what it holds about the person (`user_erased` signal); then name, email, institution,
    password, roles, email addresses, authenticators and admin profile go, and the account is deactivated. The row
    stays as a nameless placeholder ("Deleted user"), so a held session keeps its participants and attendance and a
    certificate keeps its record (with the holder's name as it was printed, a snapshot on the certificate).
    Atomic and idempotent; audited as `account.erased` with what was kept (counts, never names).

    `certificate_choice` is the person's: "keep" (certificates stay verifiable, the name only on the certificate
    record) or "withdraw" (withdrawn at the holder's request, the name removed); privacy's receiver applies it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot erase your own account."))
    if user.is_erased:
        return user
    kept = user_history(user)
    identifiers = _identifiers(user)
    user_erased.send(sender=User, user=user, actor=actor, request=request, certificate_choice=certificate_choice)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()

    UserProfile.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"erased-{uuid.uuid4().hex}@{ERASED_EMAIL_DOMAIN}"
    user.full_name = ""
    user.preferred_name = ""
    user.institution = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    _pseudonymise_logs(user, identifiers)
    audit_record(
        action="account.erased",
        actor=actor,
        request=request,
        obj=user,
        detail={"kept": kept, "certificates": certificate_choice},
    )
    return user
