"""Erasure requests (self-service, with a cooling-off period) and inactive accounts. Keyword-only and audited; a
request or cancellation is one transaction, and the periodic runs give each account a transaction of its own.

The erasure itself is always `lms.services.user_erase` (decision 0057); this module decides when it runs."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms import roles
from lms.audit import audit_record
from lms.models import ERASED_EMAIL_DOMAIN, User
from lms.services import user_erase

from .models import CertificateChoice, ErasureRequest, InactivityWarning


def _email(user: User, template: str, context: dict) -> None:
    """One plain-text email in the person's own language, sent after the commit."""
    language = user.language or "en"
    with translation.override(language):
        subject = render_to_string(f"privacy/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"privacy/email/{template}.txt", {"user": user, **context})
    address = user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))


@transaction.atomic
def erasure_request(*, user: User, certificate_choice: str, request=None, now: datetime | None = None):
    """Ask for one's own account to be erased after the cooling-off period. Idempotent: a second request returns the
    pending one (with the new certificate choice)."""
    if certificate_choice not in CertificateChoice.values:
        raise ValidationError(_("Choose what happens to your certificates."))
    if user.is_erased or not user.is_active:
        raise ValidationError(_("This account cannot be erased."))
    user = User.objects.select_for_update().get(pk=user.pk)
    pending = ErasureRequest.objects.pending().filter(user=user).first()
    if pending is not None:
        if pending.certificate_choice != certificate_choice:
            pending.certificate_choice = certificate_choice
            pending.save(update_fields=["certificate_choice"])
        return pending
    now = now or timezone.now()
    try:
        with transaction.atomic():
            pending = ErasureRequest.objects.create(
                user=user,
                requested_at=now,
                execute_after=ErasureRequest.deadline(now),
                certificate_choice=certificate_choice,
            )
    except IntegrityError:  # pragma: no cover - the row lock above serialises requests of one person
        return ErasureRequest.objects.pending().get(user=user)
    audit_record(
        action="account.erasure_requested",
        actor=user,
        request=request,
        obj=user,
        detail={"execute_after": pending.execute_after.isoformat(), "certificates": certificate_choice},
    )
    _email(user, "erasure_requested", {"erasure": pending})
    return pending


@transaction.atomic
def erasure_cancel(*, user: User, request=None) -> bool:
    """Cancel one's pending erasure. True if one was pending."""
    updated = ErasureRequest.objects.pending().filter(user=user).update(cancelled_at=timezone.now())
    if updated:
        audit_record(action="account.erasure_cancelled", actor=user, request=request, obj=user)
    return bool(updated)


def erasures_execute_due(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Erase every account whose cooling-off period has passed (the periodic job `execute_erasures`). Each erasure is
    its own transaction; a request cancelled meanwhile is skipped (row lock). Idempotent."""
    now = now or timezone.now()
    due = list(ErasureRequest.objects.due(now).values_list("pk", flat=True))
    if dry_run:
        return len(due)
    done = 0
    for pk in due:
        with transaction.atomic():
            erasure = ErasureRequest.objects.select_for_update().filter(pk=pk).select_related("user").first()
            if erasure is None or erasure.cancelled_at or erasure.executed_at:
                continue
            user_erase(user=erasure.user, actor=None, certificate_choice=erasure.certificate_choice)
            erasure.executed_at = now
            erasure.save(update_fields=["executed_at"])
            done += 1
    return done


def inactive_accounts_warn_and_erase(
    *, now: datetime, days: int, warning_days: int, dry_run: bool = False
) -> tuple[int, int]:
    """Warn accounts unused for `days - warning_days`, erase those warned `warning_days` ago and still unused.
    Unused: no sign-in (or, never signed in, joined) since the cut-off. Staff and erased accounts are left alone.
    A sign-in after the warning makes the account used again, so it is not erased. Idempotent: one warning each."""
    warn_cutoff = now - timedelta(days=days - warning_days)
    candidates = (
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(groups__name__in=list(roles.STAFF_ROLES))
        .exclude(email__endswith="@" + ERASED_EMAIL_DOMAIN)
    )
    unused = candidates.filter(
        (Q(last_login__isnull=True) & Q(date_joined__lt=warn_cutoff)) | Q(last_login__lt=warn_cutoff)
    )
    warned = erased = 0
    for user in unused.distinct():
        warning = InactivityWarning.objects.filter(user=user).order_by("-sent_at").first()
        if warning is None or (user.last_login and user.last_login > warning.sent_at):
            warned += 1
            if not dry_run:
                with transaction.atomic():
                    InactivityWarning.objects.create(user=user, sent_at=now, last_login_at_warning=user.last_login)
                    _email(user, "inactive_warning", {"erase_on": now + timedelta(days=warning_days)})
        elif warning.sent_at <= now - timedelta(days=warning_days):
            erased += 1
            if not dry_run:
                with transaction.atomic():
                    user_erase(user=user, actor=None, certificate_choice=CertificateChoice.KEEP)
    return warned, erased
