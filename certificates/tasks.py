"""Background work after a certificate is issued or corrected (django-tasks; enqueued in transaction.on_commit).

Development and tests run them at once (ImmediateBackend); production stores them for a worker (django_tasks_db).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from courses.models import Enrollment
from lms.bounds import header_safe

from .models import Certificate
from .pdf import ensure_pdf


@task()
def render_certificate_pdf(certificate_id: int) -> bool:
    """Render and store the PDF once (re-rendered after a correction cleared it). Idempotent."""

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return False
    ensure_pdf(certificate)
    return True


@task()
def issue_certificate_for_enrollment(enrollment_id: int) -> bool:
    """Issue the course certificate a completed enrolment owes (idempotent; its PDF and email follow as their own
    tasks). For bulk issuing: enqueue one per enrolment and let the workers share them. False if the enrolment is
    gone or not completed; a refresher course renews instead (certificates.lifecycle) and is skipped."""

    from .services import issue_course_certificate  # noqa: PLC0415 - import cycle: certificates.services enqueues these tasks

    enrollment = (
        Enrollment.objects.select_related("user", "course", "user__institution")
        .filter(pk=enrollment_id, status=Enrollment.Status.COMPLETED)
        .first()
    )
    if enrollment is None or enrollment.course.refresher_for_id:
        return False
    issue_course_certificate(holder=enrollment.user, course=enrollment.course, evidence=enrollment.evidence())
    return True


# A claim older than this is presumed dead (the sender crashed before it could record the send) and may be retried.
EMAIL_CLAIM_LEASE = datetime.timedelta(minutes=15)


@task()
def send_certificate_issued_email(certificate_id: int) -> bool:
    """Tell the holder their certificate is ready, with the link, in their preferred language. Sent once: the row is
    claimed with a conditional UPDATE before sending (a second worker or the reconciler finds it claimed or sent), a
    failed send releases the claim, and `issued_email_sent_at` records the send (docs/decisions/0120)."""

    now = timezone.now()
    claimed = (
        Certificate.objects.filter(pk=certificate_id, issued_email_sent_at__isnull=True)
        .filter(Q(issued_email_claimed_at__isnull=True) | Q(issued_email_claimed_at__lt=now - EMAIL_CLAIM_LEASE))
        .update(issued_email_claimed_at=now)
    )
    if not claimed:
        return False
    try:
        certificate = Certificate.objects.select_related("holder").get(pk=certificate_id)
        holder = certificate.holder
        with translation.override(holder.language or settings.LANGUAGE_CODE):
            context = {
                "certificate": certificate,
                "title": certificate.localized("achievement_title"),
                "verify_url": certificate.public_url(),
                "my_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/my/certificates/",
                "name": holder.get_short_name(),
            }
            subject = render_to_string("certificates/email/issued_subject.txt", context).strip()
            body = render_to_string("certificates/email/issued_body.txt", context)
        send_mail(header_safe(subject), body, settings.DEFAULT_FROM_EMAIL, [holder.email])
    except BaseException:
        Certificate.objects.filter(pk=certificate_id, issued_email_claimed_at=now).update(issued_email_claimed_at=None)
        raise
    Certificate.objects.filter(pk=certificate_id).update(issued_email_sent_at=timezone.now())
    return True
