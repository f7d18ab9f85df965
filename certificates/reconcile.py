"""Finish what a crash left half done: certificates owed but not issued, PDFs not rendered, emails not sent.

The intent to issue is always in the database, written in the transaction that created the obligation
(docs/decisions/0120):

- a course certificate is owed by every *completed enrolment* of an active user that has no course certificate for
  that course (in any status: a revoked one is an answer, not a gap);
- higher apps add their own sources through the Wagtail hook ``certificates_reconcile_sources`` (supervision: an
  approved engagement period without its certificate), each a callable ``(dry_run) -> (owed, issued, skipped)``;
- a PDF is owed by every valid or suspended certificate with an empty ``pdf``;
- the "certificate ready" email by every valid or suspended certificate with an empty ``issued_email_sent_at``
  whose claim is free or has lapsed.

`certificates_reconcile` issues, renders and sends what is owed through the same idempotent services and tasks the
normal path uses, so running it twice, late, or in two processes at once gives the same single certificate, PDF and
email. Each repair writes an audit event ``certificate.reconciled``; the totals are logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail import hooks

from courses.models import Enrollment
from lms.audit import audit_record

from .hooks import RECONCILE_SOURCES_HOOK
from .models import Certificate
from .pdf import ensure_pdf
from .services import CertificateError, issue_course_certificate
from .tasks import EMAIL_CLAIM_LEASE, send_certificate_issued_email

logger = logging.getLogger(__name__)


@dataclass
class ReconcileReport:
    owed: int = 0  # certificates owed and found missing
    issued: int = 0
    skipped: int = 0  # owed but not issuable yet (e.g. the holder has no legal name): retried on the next run
    pdfs: int = 0
    emails: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def repaired(self) -> int:
        return self.issued + self.pdfs + self.emails

    def merge(self, owed: int, issued: int, skipped: int) -> None:
        self.owed += owed
        self.issued += issued
        self.skipped += skipped

    def summary(self) -> str:
        return (
            f"owed {self.owed}, issued {self.issued}, skipped {self.skipped}, PDFs rendered {self.pdfs}, "
            f"emails sent {self.emails}, errors {len(self.errors)}"
        )


def audit_repair(certificate: Certificate, repaired: str) -> None:
    audit_record(action="certificate.reconciled", actor=None, obj=certificate, detail={"repaired": repaired})


def owed_course_enrollments():
    """Completed enrolments of active users without any course certificate for that course. A refresher course
    issues no certificate of its own (its completion renews another course's, certificates.lifecycle)."""

    has_certificate = Certificate.objects.filter(
        holder_id=OuterRef("user_id"), course_id=OuterRef("course_id"), kind=Certificate.Kind.COURSE
    )
    return (
        Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, user__is_active=True)
        .exclude(Exists(has_certificate))
        .exclude(course__refresher_for__isnull=False)
        .select_related("user", "course")
        .order_by("pk")
    )


def _reconcile_courses(report: ReconcileReport, *, dry_run: bool) -> None:
    for enrollment in owed_course_enrollments():
        report.owed += 1
        if dry_run:
            continue
        try:
            certificate = issue_course_certificate(
                holder=enrollment.user, course=enrollment.course, evidence=enrollment.evidence()
            )
        except CertificateError as error:
            report.skipped += 1
            logger.warning("Enrolment %s owes a certificate that cannot be issued yet: %s", enrollment.pk, error)
            continue
        if certificate.created_now:
            report.issued += 1
            audit_repair(certificate, "issued")


def _pending_pdfs():
    return Certificate.objects.active().filter(pdf="").order_by("pk")


def _pending_emails(now):
    return (
        Certificate.objects.active()
        .filter(issued_email_sent_at__isnull=True)
        .filter(Q(issued_email_claimed_at__isnull=True) | Q(issued_email_claimed_at__lt=now - EMAIL_CLAIM_LEASE))
        .order_by("pk")
    )


def _reconcile_follow_ups(report: ReconcileReport, *, dry_run: bool) -> None:
    for certificate in _pending_pdfs():
        if dry_run:
            report.pdfs += 1
            continue
        try:
            with transaction.atomic():  # the row lock tells this run whether it rendered (another may have)
                locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
                rendered = not locked.pdf
                if rendered:
                    ensure_pdf(locked)
        except Exception as error:  # one broken certificate must not stop the others
            report.errors.append(f"pdf {certificate.pk}: {error}")
            logger.exception("Could not render the PDF of certificate %s", certificate.pk)
            continue
        if rendered:
            report.pdfs += 1
            audit_repair(certificate, "pdf")
    for certificate in _pending_emails(timezone.now()):
        if dry_run:
            report.emails += 1
            continue
        try:
            sent = send_certificate_issued_email.call(certificate.pk)
        except Exception as error:
            report.errors.append(f"email {certificate.pk}: {error}")
            logger.exception("Could not send the email of certificate %s", certificate.pk)
            continue
        if sent:
            report.emails += 1
            audit_repair(certificate, "email")


def certificates_reconcile(*, dry_run: bool = False) -> ReconcileReport:
    """Issue every owed certificate, then render every missing PDF and send every unsent email. Idempotent and safe
    to run concurrently; a dry run counts what is owed and changes nothing."""

    report = ReconcileReport()
    _reconcile_courses(report, dry_run=dry_run)
    for source in hooks.get_hooks(RECONCILE_SOURCES_HOOK):
        report.merge(*source(dry_run=dry_run))
    _reconcile_follow_ups(report, dry_run=dry_run)
    log = logger.warning if (report.repaired or report.errors or report.skipped) and not dry_run else logger.info
    log("certificates_reconcile%s: %s", " (dry run)" if dry_run else "", report.summary())
    return report
