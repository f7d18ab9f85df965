"""Background work after a certificate is issued or corrected (django-tasks; enqueued in transaction.on_commit).

Development and tests run them at once (ImmediateBackend); production stores them for a worker (django_tasks_db).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def render_certificate_pdf(certificate_id: int) -> bool:
    """Render and store the PDF once (re-rendered after a correction cleared it). Idempotent."""
    from .models import Certificate
    from .pdf import ensure_pdf

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return False
    ensure_pdf(certificate)
    return True


@task()
def send_certificate_issued_email(certificate_id: int) -> bool:
    """Tell the holder their certificate is ready, with the link, in their preferred language."""
    from .models import Certificate

    certificate = Certificate.objects.select_related("holder").filter(pk=certificate_id).first()
    if certificate is None:
        return False
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
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [holder.email])
    return True
