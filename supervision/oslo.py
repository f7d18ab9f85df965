"""Times as the programme lives them: every time supervision shows or exports is in Europe/Oslo, zone named.

An admin user's own time zone preference, the server's zone or UTC never decide what a session time reads; a
session at 16:00 in Oslo is "16:00 Europe/Oslo" on every screen and "16:00" under an "(Europe/Oslo)" heading in
every export.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.formats import date_format

ZONE_NAME = "Europe/Oslo"
OSLO = ZoneInfo(ZONE_NAME)


def in_oslo(value: datetime | None) -> datetime | None:
    return value.astimezone(OSLO) if value is not None else None


def oslo_display(value: datetime | None, fmt: str = "j M Y, H:i") -> str:
    """For screens: the localised date and time in Oslo followed by the zone's name."""
    if value is None:
        return ""
    return f"{date_format(in_oslo(value), fmt)} {ZONE_NAME}"


def oslo_export(value: datetime | None) -> str:
    """For CSV/XLSX: "YYYY-MM-DD HH:MM" in Oslo; the column heading names the zone."""
    if value is None:
        return ""
    return in_oslo(value).strftime("%Y-%m-%d %H:%M")
