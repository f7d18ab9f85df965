"""An interview slot's place becomes a calendar LOCATION line: a line break is refused (lms.bounds)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from recruitment.forms import SlotForm

pytestmark = pytest.mark.django_db


def data(place):
    starts = timezone.localtime(timezone.now() + timedelta(days=3))
    return {"starts_at": starts.strftime("%Y-%m-%d %H:%M"), "duration_minutes": 30, "place": place, "video_url": ""}


def test_a_place_with_a_line_break_is_refused():
    form = SlotForm(data=data("Room 101\r\nX-Evil: 1"))
    assert not form.is_valid()
    assert form.errors["place"] == ["Write this on one line: line breaks and control characters are not allowed here."]


def test_a_one_line_place_is_accepted():
    form = SlotForm(data=data("Room 101, Student House"))
    assert form.is_valid(), form.errors
