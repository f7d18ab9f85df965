"""Supervision invitations as three independent calendar parsers read them: icalendar and vobject (PyPI) and
ical.js (npm, run with node). Sessions in January and July and on the nights of the daylight-saving changes,
2026–2028, must come out at the UTC instants the tz database gives, from the VTIMEZONE in the file alone.

The expected instants come from Python's zoneinfo, not from our code. For the Python parsers the file's TZID is also
renamed to one they cannot know, so they must use the VTIMEZONE we wrote (ical.js has no zone database of its own).
"""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from supervision import services
from supervision.models import Session
from supervision.notifications import build_ics
from tests.interop.tools import python_module, run_node

from . import factories

OSLO = ZoneInfo("Europe/Oslo")
UNKNOWN_TZID = "Peer-Support-Test/Only-The-VTIMEZONE"


def _last_sunday(year: int, month: int) -> int:
    day = datetime(year, month, 31)
    return 31 - (day.weekday() + 1) % 7


def _cases() -> list[tuple[str, datetime, int]]:
    """(label, local Oslo start, minutes) for each year: mid-winter, mid-summer, and around both changes."""
    cases = []
    for year in (2026, 2027, 2028):
        cases += [
            (f"{year}-january", datetime(year, 1, 15, 18, 0), 90),
            (f"{year}-july", datetime(year, 7, 15, 18, 0), 90),
        ]
        for month, name in ((3, "spring"), (10, "autumn")):
            sunday = _last_sunday(year, month)
            cases += [
                (f"{year}-{name}-across", datetime(year, month, sunday - 1, 23, 30), 240),
                (f"{year}-{name}-before", datetime(year, month, sunday, 1, 30), 30),
                (f"{year}-{name}-after", datetime(year, month, sunday, 3, 30), 60),
            ]
        # 02:30 on the autumn night happens twice: the first time (summer time) and the second (fold=1).
        sunday = _last_sunday(year, 10)
        cases += [
            (f"{year}-autumn-repeated-first", datetime(year, 10, sunday, 2, 30), 45),
            (f"{year}-autumn-repeated-second", datetime(year, 10, sunday, 2, 30, fold=1), 45),
        ]
    return cases


CASES = _cases()


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def invitations(db):
    """[(label, expected start UTC, expected end UTC, ics text)] for every case."""
    advisor = factories.AdvisorFactory()
    rows = []
    for label, local, minutes in CASES:
        session = factories.SessionFactory.build(
            advisor=advisor, starts_at=local.replace(tzinfo=OSLO), duration_minutes=minutes
        )
        start = local.replace(tzinfo=OSLO).astimezone(UTC)
        rows.append((label, _utc(start), _utc(start + timedelta(minutes=minutes)), build_ics(session).decode()))
    return rows


def test_dst_cases_are_what_they_say():
    """The spring 'after' case is in summer time and the autumn one in winter time (so the cases can fail)."""
    offsets = {label: local.replace(tzinfo=OSLO).utcoffset() for label, local, _ in CASES}
    assert (offsets["2027-spring-before"], offsets["2027-spring-after"]) == (timedelta(hours=1), timedelta(hours=2))
    assert (offsets["2027-autumn-before"], offsets["2027-autumn-after"]) == (timedelta(hours=2), timedelta(hours=1))


def test_vtimezone_has_no_multi_value_rdate(invitations):
    for _, _, _, text in invitations:
        lines = text.replace("\r\n ", "").splitlines()
        assert [line for line in lines if line.startswith("RDATE") and "," in line] == []
        assert sum(line.startswith("RRULE:FREQ=YEARLY") for line in lines) == 2


@pytest.mark.parametrize("tzid", ["Europe/Oslo", UNKNOWN_TZID])
def test_icalendar_reads_the_utc_times(invitations, tzid):
    icalendar = python_module("icalendar")
    read, expected = {}, {}
    for label, start, end, text in invitations:
        calendar = icalendar.Calendar.from_ical(text.replace("Europe/Oslo", tzid))
        event = calendar.walk("VEVENT")[0]
        read[label] = (_utc(event.decoded("dtstart")), _utc(event.decoded("dtend")))
        expected[label] = (start, end)
    assert read == expected


@pytest.mark.parametrize("tzid", ["Europe/Oslo", UNKNOWN_TZID])
def test_vobject_reads_the_utc_times(invitations, tzid):
    vobject = python_module("vobject")
    read, expected = {}, {}
    for label, start, end, text in invitations:
        event = vobject.readOne(text.replace("Europe/Oslo", tzid)).vevent
        read[label] = (_utc(event.dtstart.value), _utc(event.dtend.value))
        expected[label] = (start, end)
    assert read == expected


def test_ical_js_reads_the_utc_times(invitations):
    results = run_node("ical_events.mjs", {"calendars": [row[3] for row in invitations]}, packages=("ical.js",))
    read = {row[0]: (result["start"], result["end"]) for row, result in zip(invitations, results, strict=True)}
    assert read == {label: (start, end) for label, start, end, _ in invitations}
    zones = {row[0]: result["tzid"] for row, result in zip(invitations, results, strict=True)}
    # Local times carry the TZID; only a start in autumn's repeated hour is written in UTC.
    assert {label for label, zone in zones.items() if zone != "Europe/Oslo"} == {
        label for label, _, _ in CASES if "repeated" in label
    }


# --- the email as a mail client and the parsers see it ------------------------------------------------------------


def _calendar_parts(message) -> list[email.message.Message]:
    parsed = email.message_from_bytes(message.message().as_bytes())
    return [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]


@pytest.fixture
def sent(world, django_capture_on_commit_callbacks):
    """The emails of a change of time, a change of topic and a cancellation, in that order."""
    session = world.session_a
    steps = [
        lambda: setattr(session, "starts_at", session.starts_at + timedelta(hours=1)),
        lambda: setattr(session, "topic", "Boundaries, revisited"),
        lambda: setattr(session, "status", Session.Status.CANCELLED),
    ]
    batches = []
    for step in steps:
        previous = services.session_snapshot(session)
        step()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.session_save(session=session, actor=world.advisor_a, previous=previous)
        batches.append(list(mail.outbox))
    return batches


def test_each_email_has_one_calendar_part_whose_method_matches_the_file(sent):
    for batch, method in zip(sent, ["REQUEST", "REQUEST", "CANCEL"], strict=True):
        for message in batch:
            [part] = _calendar_parts(message)
            ics = part.get_payload(decode=True).decode()
            assert f"METHOD:{method}\r\n" in ics
            assert (part.get_param("method"), part.get_param("charset")) == (method, "utf-8")
            assert part["Content-Type"].lower().count("charset") == 1, part["Content-Type"]
            assert part.get_filename() == "supervision.ics"


def test_parsers_see_one_attendee_per_recipient_a_stable_uid_and_a_rising_sequence(world, sent):
    vobject = python_module("vobject")
    messages = [message for batch in sent for message in batch]
    texts = [_calendar_parts(message)[0].get_payload(decode=True).decode() for message in messages]
    by_ical_js = run_node("ical_events.mjs", {"calendars": texts}, packages=("ical.js",))
    by_vobject = []
    for text in texts:
        calendar = vobject.readOne(text)
        event = calendar.vevent
        by_vobject.append(
            {
                "method": calendar.method.value,
                "uid": event.uid.value,
                "sequence": int(event.sequence.value),
                "organizer": event.organizer.value,
                "attendees": [line.value for line in event.attendee_list],
            }
        )
    for readings in (by_ical_js, by_vobject):
        assert [r["attendees"] for r in readings] == [[f"mailto:{m.to[0]}"] for m in messages]
        assert {r["organizer"] for r in readings} == {f"mailto:{world.advisor_a.email}"}
        assert len({r["uid"] for r in readings}) == 1
        assert [r["sequence"] for r in readings] == [1, 1, 2, 2, 3, 3]
        assert [r["method"] for r in readings] == ["REQUEST"] * 4 + ["CANCEL"] * 2
    assert sorted({m.to[0] for m in messages}) == sorted([world.s1.email, world.s2.email])


def test_downloaded_invitation_names_the_person_who_downloads_it(client, world):
    client.force_login(world.s1)
    response = client.get(reverse("supervision:session_calendar", args=[world.session_a.public_id]))
    event = python_module("vobject").readOne(response.content.decode()).vevent
    assert [line.value for line in event.attendee_list] == [f"mailto:{world.s1.email}"]
    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
