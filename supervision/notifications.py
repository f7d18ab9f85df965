"""Emails to session participants, with an ICS calendar invitation in Europe/Oslo time.

Nothing here ever reads confidential notes: the email and the ICS carry only the session's date, place and topic.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from email.mime.text import MIMEText
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText

from lms.bounds import header_safe

OSLO = ZoneInfo("Europe/Oslo")
PRODID = "-//Peer Support Academy//Supervision//EN"
ICS_FILENAME = "supervision.ics"


def session_uid(session) -> str:
    return f"supervision-{session.public_id}@peer-support-academy"


def ics_method(session) -> str:
    return "CANCEL" if session.status == session.Status.CANCELLED else "REQUEST"


def oslo_vtimezone() -> Timezone:
    """Europe/Oslo as two yearly rules (the EU rule since 1996: summer time from the last Sunday of March, 02:00
    local, to the last Sunday of October, 03:00 local).

    Written by hand, not by `Calendar.add_missing_timezones()`: that writes one RDATE property with every transition
    as comma-separated values, and common parsers read only the first, which put every summer session an hour late
    (docs/security.md#calendar-time-zones). tests/supervision/test_ics_interop.py checks the rules against the tz
    database."""
    zone = Timezone()
    zone.add("tzid", "Europe/Oslo")
    for kind, name, start, hours_from, hours_to in (
        (TimezoneDaylight, "CEST", datetime(1996, 3, 31, 2, 0), 1, 2),
        (TimezoneStandard, "CET", datetime(1996, 10, 27, 3, 0), 2, 1),
    ):
        rule = kind()
        rule.add("tzname", name)
        rule.add("dtstart", start)
        rule.add("tzoffsetfrom", timedelta(hours=hours_from))
        rule.add("tzoffsetto", timedelta(hours=hours_to))
        rule.add("rrule", {"freq": "yearly", "bymonth": start.month, "byday": "-1su"})
        zone.add_component(rule)
    return zone


def ics_time(moment: datetime) -> datetime:
    """Oslo local time with its TZID, except in the hour that autumn's change repeats (02:00–03:00 happens twice):
    a local time there cannot say which of the two it is, so it is written in UTC."""
    local = moment.astimezone(OSLO)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(UTC)
    return local


def _address(user, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    name = user.get_full_name() or user.email
    address.params["cn"] = vText(name)
    for key, value in params.items():
        address.params[key.replace("_", "-")] = vText(value)
    return address


def build_ics(session, *, attendees=()) -> bytes:
    """A one-event iTIP message in Europe/Oslo time: METHOD REQUEST, or CANCEL for a cancelled session.

    The UID is the session's and never changes; SEQUENCE is the session's, raised by every change participants see.
    ATTENDEE lists the people this copy goes to (each email carries its own recipient only, so no participant learns
    another's address from a calendar file); ORGANIZER is the session's advisor."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", ics_method(session))
    calendar.add_component(oslo_vtimezone())
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", ics_time(session.starts_at))
    event.add("dtend", ics_time(session.ends_at))
    event.add("summary", header_safe(session.topic))  # one line, whatever an old row holds (lms.bounds)
    event.add("location", header_safe(session.where, max_length=500))
    if session.online_url:
        event.add("url", session.online_url)
    event.add("sequence", session.sequence)
    event.add("status", "CANCELLED" if session.status == session.Status.CANCELLED else "CONFIRMED")
    event.add("organizer", _address(session.advisor))
    for user in attendees:
        event.add(
            "attendee",
            _address(user, cutype="INDIVIDUAL", role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="FALSE"),
        )
    calendar.add_component(event)
    return calendar.to_ical()


def calendar_part(session, user) -> MIMEText:
    """The invitation as a MIME part whose `method` parameter is the file's METHOD (one charset parameter)."""
    part = MIMEText(build_ics(session, attendees=[user]).decode(), "calendar", "utf-8")
    part.set_param("method", ics_method(session))
    part.add_header("Content-Disposition", "attachment", filename=ICS_FILENAME)
    return part


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
            # header_safe: a topic saved with a line break before forms refused it cannot raise BadHeaderError
            subject=header_safe(
                settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subjects[change] % {"topic": session.topic}, max_length=250
            ),
            body=body,
            to=[user.email],
        )
        message.attach(calendar_part(session, user))
        message.send()


def session_recipients(session):
    return list(session.participant_users())


def tomorrow_bounds(now=None):
    """[start, end) of tomorrow in Oslo time, as aware datetimes."""
    today = timezone.localtime(now or timezone.now(), OSLO).date()
    start = datetime.combine(today + timedelta(days=1), time.min, tzinfo=OSLO)
    end = datetime.combine(today + timedelta(days=2), time.min, tzinfo=OSLO)
    return start, end
