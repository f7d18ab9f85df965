"""The holder's own certificates ("My certificates"). Other people's certificates are never listed here."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..models import Certificate


def linkedin_url(certificate: Certificate) -> str:
    """LinkedIn's "Add to profile" link for a certification."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.localized("achievement_title"),
        "organizationName": certificate.issuer_name,
        "issueYear": certificate.issued_at.year,
        "issueMonth": certificate.issued_at.month,
        "certUrl": certificate.public_url(),
        "certId": certificate.display_code,
    }
    if certificate.valid_until:
        params["expirationYear"] = certificate.valid_until.year
        params["expirationMonth"] = certificate.valid_until.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


def holder_rows(user) -> list[dict]:
    """The user's certificates with what the page shows (one query)."""
    certificates = Certificate.objects.for_holder(user).defer("credential", "credential_jwt", "design")
    return [
        {
            "certificate": certificate,
            "status": certificate.effective_status(),
            "share_url": certificate.public_url(),
            "linkedin_url": linkedin_url(certificate),
        }
        for certificate in certificates
    ]


@login_required
@require_safe
def my_certificates(request):
    return render(
        request,
        "certificates/my_certificates.html",
        {"rows": holder_rows(request.user), "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
    )
