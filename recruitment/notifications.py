"""Emails to applicants and interviewers, in each person's language; interview emails carry a calendar invitation.

The invitation is built by supervision's calendar code (`supervision.notifications.build_ics`), so interviews and
supervision sessions share one implementation (time zone, VTIMEZONE, CANCEL handling). Nothing here reads interview
notes: the context of every email is the application's stage, the cohort and the interview's time and place.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.bounds import header_safe
from supervision.notifications import OSLO, build_ics

from .models import Application, InterviewSlot

APPLICANT_ONLY = {"received", "interviewed", "accepted", "waiting_list", "declined", "withdrawn"}
INTERVIEW_KINDS = {"interview_booked", "interview_cancelled", "interview_reminder"}


@dataclass
class _Organiser:
    email: str
    name: str

    def get_full_name(self) -> str:
        return self.name


@dataclass
class InterviewEvent:
    """An interview booking seen through the attributes supervision's `build_ics` reads from a session."""

    class Status:
        PLANNED = "planned"
        CANCELLED = "cancelled"

    public_id: str
    starts_at: object
    ends_at: object
    topic: str
    where: str
    online_url: str
    sequence: int
    status: str
    advisor: _Organiser


def interview_event(slot: InterviewSlot, application: Application, *, cancelled: bool = False) -> InterviewEvent:
    coordinator = slot.coordinator
    return InterviewEvent(
        # One UID per (slot, applicant): a cancellation replaces exactly the invitation it cancels.
        public_id=f"recruitment-interview-{slot.public_id}-{application.public_id}",
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        topic=_("Informal interview: peer supporter"),
        where=slot.where,
        online_url=slot.video_url,
        sequence=slot.sequence,
        status=InterviewEvent.Status.CANCELLED if cancelled else InterviewEvent.Status.PLANNED,
        advisor=_Organiser(coordinator.email, coordinator.get_full_name()),
    )


def interview_ics(slot: InterviewSlot, application: Application, *, cancelled: bool = False) -> bytes:
    return build_ics(interview_event(slot, application, cancelled=cancelled))


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _subject(kind: str, cohort) -> str:
    subjects = {
        "received": _("We have received your application"),
        "interview_booked": _("Informal interview booked"),
        "interview_cancelled": _("Informal interview cancelled"),
        "interview_reminder": _("Reminder: informal interview tomorrow"),
        "interviewed": _("Thank you for the conversation"),
        "accepted": _("Welcome to the peer support training"),
        "waiting_list": _("You are on the waiting list"),
        "declined": _("About your application"),
        "withdrawn": _("Your application is withdrawn"),
    }
    return header_safe(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subjects[kind] + f" – {cohort}", max_length=250)


def _send(*, kind: str, to, language: str, context: dict, ics: bytes | None) -> None:
    with translation.override(language or settings.LANGUAGE_CODE), timezone.override(OSLO):
        body = render_to_string(f"recruitment/email/{kind}.txt", context)
        message = EmailMultiAlternatives(subject=_subject(kind, context["cohort"]), body=body, to=[to])
        if ics is not None:
            method = "CANCEL" if kind == "interview_cancelled" else "REQUEST"
            message.attach("interview.ics", ics, f"text/calendar; method={method}; charset=utf-8")
        message.send()


def notify(kind: str, application_id: int, *, slot_id: int | None = None, to_applicant: bool = True) -> int:
    """Send the emails of one event; returns how many were sent (0 if the application is gone)."""
    application = Application.objects.select_related("cohort", "user").filter(pk=application_id).first()
    if application is None:
        return 0
    base = {
        "application": application,
        "cohort": application.cohort,
        "name": application.full_name.split(" ")[0] if application.full_name else "",
        "my_url": _absolute(reverse("recruitment:mine")),
    }
    if kind in APPLICANT_ONLY:
        _send(kind=kind, to=application.email, language=application.language, context=base, ics=None)
        return 1
    slot = InterviewSlot.objects.select_related("coordinator", "institution").get(pk=slot_id)
    cancelled = kind == "interview_cancelled"
    ics = interview_ics(slot, application, cancelled=cancelled)
    context = {**base, "slot": slot, "cancelled": cancelled}
    sent = 0
    if to_applicant:
        _send(kind=kind, to=application.email, language=application.language, context=context, ics=ics)
        sent += 1
    coordinator = slot.coordinator
    _send(
        kind=kind,
        to=coordinator.email,
        language=coordinator.language,
        context={
            **context,
            "for_interviewer": True,
            "admin_url": _absolute(reverse("recruitment_admin:application_detail", args=[application.pk])),
        },
        ics=ics,
    )
    return sent + 1
