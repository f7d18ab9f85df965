"""The one place supervision talks to the certificates app (the layer below it), through its public contract."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone


def valid_course_certificates(at=None):
    """Course certificates that are valid at `at` (status valid, started, not expired): revoked, suspended,
    withdrawn and expired ones do not count towards the engagement certificate."""
    from certificates.models import Certificate

    at = at or timezone.now()
    return Certificate.objects.filter(
        kind=Certificate.Kind.COURSE, status=Certificate.Status.VALID, valid_from__lte=at
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=at))


def issue_engagement_certificate(*, period, actor, request=None):
    """Issue (idempotently, one per engagement period) the engagement certificate through certificate_issue.

    Its evidence lists the period, the sessions attended and the hours; `related_certificate` is the holder's
    newest valid course certificate, which the signed credential refers to."""
    from certificates.models import Certificate
    from certificates.services import certificate_issue

    course_certificate = (
        valid_course_certificates().filter(holder_id=period.supporter_id).order_by("-issued_at", "-pk").first()
    )
    return certificate_issue(
        holder=period.supporter,
        kind=Certificate.Kind.ENGAGEMENT,
        evidence={
            "period": {"start": period.starts_on.isoformat(), "end": period.ends_on.isoformat()},
            "sessions_attended": period.get_sessions_attended(),
            "hours": period.activity_hours,
        },
        related_certificate=course_certificate,
        issued_by=actor,
        method=Certificate.Method.APPROVED,
        scope=str(period.public_id),
        request=request,
    )
