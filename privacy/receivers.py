"""Privacy's part of erasing a person (`lms.services.user_erase` sends `user_erased` inside its transaction).

Every app below removes what it holds; this receiver handles what crosses apps: the certificates (the person's
choice), applications, reflections and the person's sessions. (The labels of the audit log are lms's own work, at the
end of `user_erase`.)"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext, override

from certificates.models import Certificate
from certificates.pdf import delete_stamped_copies
from certificates.services import CertificateError, certificate_withdraw
from courses.models import ReflectionAnswer
from recruitment.models import Application, InterviewNote, InterviewSlot

from .models import Alumnus, CertificateChoice, InactivityWarning

WITHDRAWN_REASON = "Withdrawn at the holder's request."


def erase_person_data(sender, user, actor=None, request=None, certificate_choice=None, **kwargs):
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
            delete_stamped_copies(certificate)  # stamped copies made before (revoked, expired), with the name
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
    Alumnus.objects.filter(user=user).delete()
    _end_sessions(user)


def _end_sessions(user) -> None:
    """Sign the person out everywhere: their sessions hold their id. (The unusable password already invalidates
    them; this removes the rows, and the cached copies with the cached_db engine.)"""

    engine = import_module(settings.SESSION_ENGINE)
    if not settings.SESSION_ENGINE.endswith(("db", "cached_db")):
        return
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            engine.SessionStore(session.session_key).delete()


def refuse_certificate_for_erased(sender, instance, raw=False, **kwargs):
    """No certificate is issued to an account being or already erased: the issue waits on the erasure's row lock
    (PostgreSQL) and then sees the erased account. Additive to certificates.services (issue 15 owns that module)."""
    if raw or not instance._state.adding or instance.holder_id is None:
        return

    holders = get_user_model().objects.filter(pk=instance.holder_id).only("email")
    if connection.in_atomic_block:
        holders = holders.select_for_update()
    holder = holders.first()
    if holder is None or holder.is_erased:
        raise CertificateError(gettext("This account has been erased; no certificate can be issued to it."))
