"""The one place supervision talks to the certificates app (the layer below it), through its public contract."""

from __future__ import annotations

import logging

from django.db import transaction

from certificates.models import Certificate
from certificates.reconcile import audit_repair
from certificates.services import CertificateError
from certificates.services import issue_engagement_certificate as issue


def valid_course_certificates(at=None):
    """Course certificates that are valid at `at` (status valid, started, not expired): revoked, suspended,
    withdrawn and expired ones do not count towards the engagement certificate."""

    return Certificate.objects.filter(kind=Certificate.Kind.COURSE).valid(at)


def issue_engagement_certificate(*, period, actor, request=None):
    """Issue (idempotently, one per engagement period) the engagement certificate, approved by `actor`.

    Its evidence lists the period, the sessions attended and the hours; `related_certificate` is the holder's
    newest valid course certificate, which the signed credential refers to."""

    course_certificate = (
        valid_course_certificates().filter(holder_id=period.supporter_id).order_by("-issued_at", "-pk").first()
    )
    return issue(
        holder=period.supporter,
        evidence={
            "period": {"start": period.starts_on.isoformat(), "end": period.ends_on.isoformat()},
            "sessions_attended": period.get_sessions_attended(),
            "hours": period.activity_hours,
        },
        related_certificate=course_certificate,
        approved=True,
        approved_by=actor,
        scope=str(period.public_id),
        request=request,
    )


def reconcile_engagement_certificates(*, dry_run: bool = False) -> tuple[int, int, int]:
    """Source for certificates.reconcile (hook ``certificates_reconcile_sources``): approved engagement periods
    without their certificate get it, through the same idempotent path as the approval. Returns (owed, issued,
    skipped)."""

    from .models import EngagementPeriod  # noqa: PLC0415 - import cycle: supervision.models import this module

    owed = issued = skipped = 0
    periods = EngagementPeriod.objects.filter(
        approved_at__isnull=False, certificate__isnull=True, supporter__is_active=True
    ).select_related("supporter", "approved_by")
    for period in periods.order_by("pk"):
        owed += 1
        if dry_run:
            continue
        try:
            with transaction.atomic():
                locked = EngagementPeriod.objects.select_for_update().get(pk=period.pk)
                if locked.certificate_id:
                    continue
                certificate = issue_engagement_certificate(period=locked, actor=locked.approved_by)
                locked.certificate = certificate
                locked.save(update_fields=["certificate"])
        except CertificateError as error:
            skipped += 1
            logging.getLogger(__name__).warning("Engagement %s owes a certificate: %s", period.pk, error)
            continue
        if certificate.created_now:
            issued += 1
            audit_repair(certificate, "issued")
    return owed, issued, skipped
