from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from supervision.notifications import build_ics

from . import factories

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def parsed_event(session):
    calendar = Calendar.from_ical(build_ics(session))
    return calendar, next(iter(calendar.walk("VEVENT")))


@pytest.mark.parametrize(
    ("local", "offset_hours"),
    [(datetime(2026, 3, 28, 18, 0), 1), (datetime(2026, 3, 29, 18, 0), 2), (datetime(2026, 10, 25, 18, 0), 1)],
    ids=["before-dst", "after-dst-starts", "after-dst-ends"],
)
def test_start_is_local_oslo_time_with_the_right_offset(local, offset_hours):
    session = factories.SessionFactory(starts_at=local.replace(tzinfo=OSLO))
    _, event = parsed_event(session)
    start = event.decoded("dtstart")
    assert (start.hour, start.utcoffset(), event["dtstart"].params["TZID"]) == (
        18,
        timedelta(hours=offset_hours),
        "Europe/Oslo",
    )


def test_calendar_carries_a_vtimezone_for_oslo():
    session = factories.SessionFactory(starts_at=datetime(2026, 3, 29, 18, 0, tzinfo=OSLO))
    calendar, _ = parsed_event(session)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_end_is_start_plus_duration_across_the_dst_change():
    session = factories.SessionFactory(starts_at=datetime(2026, 3, 29, 1, 30, tzinfo=OSLO), duration_minutes=120)
    _, event = parsed_event(session)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=2)
    assert (end.hour, end.minute, end.utcoffset()) == (4, 30, timedelta(hours=2))


def test_uid_is_stable_and_sequence_follows_changes():
    session = factories.SessionFactory()
    _, first = parsed_event(session)
    session.sequence = 3
    _, second = parsed_event(session)
    assert (first["uid"] == second["uid"], int(second["sequence"])) == (True, 3)


def test_cancelled_session_gives_a_cancel_method():
    session = factories.SessionFactory(status="cancelled")
    calendar, event = parsed_event(session)
    assert (str(calendar["method"]), str(event["status"])) == ("CANCEL", "CANCELLED")
