"""A certificate's life after issue: reminders before it expires, and renewal by a refresher course.

- `expiry_reminders_send(now)` (periodic job `send_expiry_reminders`, daily): holders whose valid course
  certificate expires within 60 or 14 days get one email for each lead time, in their language, and so do the
  coordinators of their institution (in theirs). Idempotent through `ExpiryReminder`'s unique constraint; alumni
  who chose to stay get no reminders (`ALUMNI_HOOK`).
- A course marked as the refresher of another (`Course.refresher_for`, set on the course page) renews the holder's
  certificate of that course when completed (`certificate_renew`: same code, new validity, new credential).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail import hooks

from courses.signals import course_completed
from lms import roles

from .hooks import REMINDER_EXEMPT_HOLDERS_HOOK
from .models import Certificate, ExpiryReminder
from .services import CertificateError, certificate_renew

logger = logging.getLogger(__name__)

LEAD_TIMES = (60, 14)


def _holders_to_skip() -> set[int]:
    """People who get no reminders: alumni who stay (wagtail-style hook of a higher app), none by default."""

    skip: set[int] = set()
    for fn in hooks.get_hooks(REMINDER_EXEMPT_HOLDERS_HOOK):
        skip |= set(fn())
    return skip


def _send(person, certificate: Certificate, days: int, *, template: str, holder=None) -> None:
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {
            "name": person.get_short_name(),
            "holder": (holder or person).get_full_name(),
            "title": certificate.localized("achievement_title"),
            "valid_until": certificate.valid_until,
            "days": days,
            "verify_url": certificate.public_url(),
        }
        subject = render_to_string(f"certificates/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"certificates/email/{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])


def expiry_reminders_send(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Send every due reminder once. Returns how many certificates were (or would be) reminded about."""
    now = now or timezone.now()
    skip = _holders_to_skip()
    User = get_user_model()
    sent = 0
    for days in LEAD_TIMES:
        window_end = now + timedelta(days=days)
        due = (
            Certificate.objects.filter(
                status=Certificate.Status.VALID, valid_until__gt=now, valid_until__lte=window_end
            )
            .exclude(holder_id__in=skip)
            .exclude(holder__is_active=False)
            .select_related("holder")
        )
        for certificate in due:
            already = ExpiryReminder.objects.filter(
                certificate=certificate, days_before=days, valid_until=certificate.valid_until
            ).exists()
            if already:
                continue
            if any(  # inside the 14-day window, the 60-day reminder is not sent late as well
                lead < days and certificate.valid_until <= now + timedelta(days=lead) for lead in LEAD_TIMES
            ):
                continue
            sent += 1
            if dry_run:
                continue
            try:
                with transaction.atomic():
                    ExpiryReminder.objects.create(
                        certificate=certificate, days_before=days, valid_until=certificate.valid_until, sent_at=now
                    )
            except IntegrityError:  # another run sent it meanwhile
                sent -= 1
                continue
            holder = certificate.holder
            _send(holder, certificate, days, template="expiry_holder")
            if holder.institution_id:
                for coordinator in User.objects.filter(
                    is_active=True, groups__name=roles.COORDINATORS, institution_id=holder.institution_id
                ).distinct():
                    _send(coordinator, certificate, days, template="expiry_coordinator", holder=holder)
    return sent


@receiver(course_completed, dispatch_uid="certificates.renew_on_refresher_completed")
def renew_on_refresher_completed(sender, *, enrollment, user, course, **kwargs):
    """The refresher of a course was completed: renew the holder's certificate of that course, if they have one
    that is valid or has expired (never a revoked, withdrawn or suspended one)."""
    if not course.refresher_for_id:
        return None
    certificate = (
        Certificate.objects.filter(holder=user, course_id=course.refresher_for_id, status=Certificate.Status.VALID)
        .order_by("-issued_at")
        .first()
    )
    if certificate is None:
        logger.info("Refresher %s completed by %s without a certificate to renew", course.pk, user.pk)
        return None
    try:
        return certificate_renew(
            certificate=certificate,
            evidence=enrollment.evidence(),
            reason=f"Refresher course completed: {course.title}"[:500],
        )
    except CertificateError:
        logger.info("Certificate %s could not be renewed", certificate.pk)
        return None
