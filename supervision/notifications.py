"""Emails to session participants, with an ICS calendar invitation in Europe/Oslo time.

Nothing here ever reads confidential notes: the email and the ICS carry only the session's date, place and topic.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

OSLO = ZoneInfo("Europe/Oslo")
PRODID = "-//Peer Support Academy//Supervision//EN"


def session_uid(session) -> str:
    return f"supervision-{session.public_id}@peer-support-academy"


def build_ics(session, *, method: str = "REQUEST") -> bytes:
    """A one-event calendar with a VTIMEZONE for Europe/Oslo; CANCEL for cancelled sessions."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    cancelled = session.status == session.Status.CANCELLED
    calendar.add("method", "CANCEL" if cancelled else method)
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(OSLO))
    event.add("dtend", session.ends_at.astimezone(OSLO))
    event.add("summary", session.topic)
    event.add("location", session.where)
    if session.online_url:
        event.add("url", session.online_url)
    event.add("sequence", session.sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{session.advisor.email}")
    organizer.params["cn"] = vText(session.advisor.get_full_name())
    event.add("organizer", organizer)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_session_email(session, user, *, change: str) -> None:
    """One participant's email: planned / changed / cancelled / reminder, in their own language."""
    with translation.override(user.language or settings.LANGUAGE_CODE), timezone.override(OSLO):
        subjects = {
            "planned": _("Supervision session planned: %(topic)s"),
            "changed": _("Supervision session changed: %(topic)s"),
            "cancelled": _("Supervision session cancelled: %(topic)s"),
            "reminder": _("Reminder: supervision session tomorrow: %(topic)s"),
        }
        context = {
            "session": session,
            "user": user,
            "change": change,
            "starts": timezone.localtime(session.starts_at),
            "ends": timezone.localtime(session.ends_at),
            "page_url": _absolute(reverse("supervision:home")),
        }
        body = render_to_string("supervision/email/session.txt", context)
        message = EmailMultiAlternatives(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subjects[change] % {"topic": session.topic},
            body=body,
            to=[user.email],
        )
        message.attach("supervision.ics", build_ics(session), "text/calendar; method=REQUEST; charset=utf-8")
        message.send()


def session_recipients(session):
    return list(session.participant_users())


def tomorrow_bounds(now=None):
    """[start, end) of tomorrow in Oslo time, as aware datetimes."""
    today = timezone.localtime(now or timezone.now(), OSLO).date()
    start = datetime.combine(today + timedelta(days=1), time.min, tzinfo=OSLO)
    end = datetime.combine(today + timedelta(days=2), time.min, tzinfo=OSLO)
    return start, end
