"""Interview invitations are built by supervision's calendar code and read back by an independent parser."""

import icalendar
import pytest
import vobject

from recruitment import notifications, services
from supervision import notifications as supervision_notifications

pytestmark = pytest.mark.django_db


def test_the_invitation_is_built_by_supervisions_build_ics(world, monkeypatch):
    calls = []
    real = supervision_notifications.build_ics

    def spy(event, **kwargs):
        calls.append(event)
        return real(event, **kwargs)

    monkeypatch.setattr(notifications, "build_ics", spy)
    notifications.interview_ics(world.slot_a, world.app_a)
    assert len(calls) == 1
    assert notifications.build_ics is spy and real is supervision_notifications.build_ics


def test_the_invitation_parses_with_the_time_zone_place_and_organiser(world):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    world.slot_a.refresh_from_db()
    calendar = icalendar.Calendar.from_ical(notifications.interview_ics(world.slot_a, world.app_a))
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event["LOCATION"] == "Room 101, Student House"
    assert event.decoded("DTSTART") == world.slot_a.starts_at.replace(microsecond=0)
    assert str(event["ORGANIZER"]) == f"mailto:{world.coordinator_a.email}"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Oslo"
    assert int(event["SEQUENCE"]) == world.slot_a.sequence


def test_a_cancellation_has_the_same_uid_and_a_higher_sequence(world):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    world.slot_a.refresh_from_db()
    booked = icalendar.Calendar.from_ical(notifications.interview_ics(world.slot_a, world.app_a)).walk("VEVENT")[0]
    services.slot_release(application=world.app_a, actor=world.applicant_a)
    world.slot_a.refresh_from_db()
    cancel = icalendar.Calendar.from_ical(notifications.interview_ics(world.slot_a, world.app_a, cancelled=True))
    event = cancel.walk("VEVENT")[0]
    assert cancel["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == booked["UID"]
    assert int(event["SEQUENCE"]) > int(booked["SEQUENCE"])


def test_an_independent_parser_reads_the_invitation(world):
    """vobject (not the icalendar library that writes it) reads the event, its Oslo time and the cancellation."""

    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    world.slot_a.refresh_from_db()
    parsed = vobject.readOne(notifications.interview_ics(world.slot_a, world.app_a).decode())
    event = parsed.vevent
    assert event.dtstart.value == world.slot_a.starts_at.replace(microsecond=0)
    assert event.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["Europe/Oslo"]
    assert event.location.value == "Room 101, Student House"
    cancelled = vobject.readOne(notifications.interview_ics(world.slot_a, world.app_a, cancelled=True).decode())
    assert cancelled.method.value == "CANCEL"
    assert cancelled.vevent.uid.value == event.uid.value
