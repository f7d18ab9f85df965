"""Privacy's part of erasing a person (`lms.services.user_erase` sends `user_erased` inside its transaction).

Every app below removes what it holds; this receiver handles what crosses apps: the certificates (the person's
choice), applications, course state that names nobody else, Wagtail's log labels and the audit log's labels."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext, override

from .models import CertificateChoice

WITHDRAWN_REASON = "Withdrawn at the holder's request."


def erase_person_data(sender, user, actor=None, request=None, certificate_choice=None, **kwargs):
    from allauth.account.models import EmailAddress
    from wagtail.models import ModelLogEntry, PageLogEntry

    from certificates.models import Certificate
    from certificates.services import certificate_withdraw
    from courses.models import ReflectionAnswer
    from lms.models import AuditEvent
    from recruitment.models import Application, InterviewNote, InterviewSlot

    from .models import InactivityWarning

    names = {value for value in (user.full_name, user.preferred_name) if value and len(value.strip()) > 2}
    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    pseudonym = f"erased-user-{user.pk}"

    # Certificates: keep verifiable (the name stays on the certificate record only) or withdraw without the name.
    certificates = Certificate.objects.select_for_update().filter(holder=user)
    if certificate_choice == CertificateChoice.WITHDRAW:
        for certificate in certificates:
            if certificate.status in (Certificate.Status.VALID, Certificate.Status.SUSPENDED):
                with override("en"):
                    certificate_withdraw(certificate=certificate, actor=actor, reason=WITHDRAWN_REASON)
            certificate.refresh_from_db()
            certificate.holder_name = ""
            certificate.institution_name = ""
            certificate.evidence = {}
            certificate.credential = {}
            certificate.credential_jwt = ""
            if certificate.pdf:
                certificate.pdf.delete(save=False)
            certificate.save(
                update_fields=["holder_name", "institution_name", "evidence", "credential", "credential_jwt", "pdf"]
            )

    # Applications are about the person only; their interview notes and slot bookings go with them.
    applications = Application.objects.filter(user=user)
    InterviewNote.objects.filter(application__in=applications).delete()
    InterviewSlot.objects.filter(application__in=applications).update(application=None)
    applications.delete()
    ReflectionAnswer.objects.filter(user=user).delete()
    InactivityWarning.objects.filter(user=user).delete()

    # Labels that copied the name or address (Wagtail's logs, the audit log) become the placeholder. The audit log
    # is append-only; erasure is its one permitted rewrite, and only of these labels (decision 0111).
    label = gettext("Deleted user")
    user_type = user._meta.label_lower
    for log_model in (ModelLogEntry, PageLogEntry):
        log_model.objects.filter(
            content_type__app_label="lms", content_type__model="user", object_id=str(user.pk)
        ).update(label=label)
    audit = AuditEvent.objects.all()
    rewrite = models.QuerySet.update  # bypasses AuditEventQuerySet.update, which refuses
    rewrite(audit.filter(actor=user).order_by(), actor_label=pseudonym)
    rewrite(audit.filter(object_type=user_type, object_id=str(user.pk)).order_by(), object_label=label)
    rewrite(audit.filter(actor_label__in=emails).order_by(), actor_label=pseudonym)
    rewrite(
        audit.filter(object_type="certificates.certificate", object_label__isnull=False)
        .filter(object_id__in=[str(pk) for pk in Certificate.objects.filter(holder=user).values_list("pk", flat=True)])
        .order_by(),
        object_label=label,
    )
    detail_text = Cast("detail", models.TextField())
    needles = [*emails, *names]
    if needles:
        query = models.Q()
        for needle in needles:
            query |= models.Q(detail_text__icontains=needle)
        for event in audit.annotate(detail_text=detail_text).filter(query).only("pk", "detail"):
            rewrite(audit.filter(pk=event.pk).order_by(), detail=_scrub(event.detail, needles, pseudonym))


def _scrub(value, needles, replacement):
    if isinstance(value, dict):
        return {key: _scrub(item, needles, replacement) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, needles, replacement) for item in value]
    if isinstance(value, str):
        lowered = value.lower()
        if any(needle.lower() in lowered for needle in needles):
            return replacement
    return value


def refuse_certificate_for_erased(sender, instance, raw=False, **kwargs):
    """No certificate is issued to an account being or already erased: the issue waits on the erasure's row lock
    (PostgreSQL) and then sees the erased account. Additive to certificates.services (issue 15 owns that module)."""
    if raw or not instance._state.adding or instance.holder_id is None:
        return
    from django.contrib.auth import get_user_model
    from django.db import connection

    from certificates.services import CertificateError

    holders = get_user_model().objects.filter(pk=instance.holder_id).only("email")
    if connection.in_atomic_block:
        holders = holders.select_for_update()
    holder = holders.first()
    if holder is None or holder.is_erased:
        raise CertificateError(gettext("This account has been erased; no certificate can be issued to it."))
