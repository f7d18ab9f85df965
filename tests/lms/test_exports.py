"""lms/exports.py: Oslo times with the zone named, inert CSV cells, headings written once."""

from datetime import UTC, datetime

import pytest

from lms.exports import csv_safe, export_fields, format_oslo, to_oslo


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2026, 12, 18, 15, 0, tzinfo=UTC), "2026-12-18 16:00 CET (Europe/Oslo)"),
        (datetime(2026, 6, 1, 22, 30, tzinfo=UTC), "2026-06-02 00:30 CEST (Europe/Oslo)"),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "2026-03-29 03:00 CEST (Europe/Oslo)"),  # the spring change
        (None, "—"),
    ],
)
def test_format_oslo_names_the_zone(moment, shown):
    assert format_oslo(moment) == shown


def test_a_naive_time_is_read_as_utc():
    assert to_oslo(datetime(2026, 12, 18, 15, 0)).hour == 16


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_like_cells_are_made_inert(start):
    assert csv_safe(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize("value", ["Anna", "", 3, None, "a=b"])
def test_other_cells_are_left_alone(value):
    assert csv_safe(value) == value


def test_export_fields_gives_fields_and_their_labels_once():
    fields, headings = export_fields([("created_at", "Time"), ("action", "Action")])
    assert fields == ["created_at", "action"]
    assert headings == {"created_at": "Time", "action": "Action"}
