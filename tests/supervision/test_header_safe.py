"""A session topic with a line break: refused by the form with a clear message (nothing saved), and an old row that
holds one still gets its notification out, on one line (issue 15 item 4; lms.bounds)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from supervision.models import Session
from supervision.notifications import build_ics, send_session_email

from .test_admin_views import session_post

pytestmark = pytest.mark.django_db

MESSAGE = "Write this on one line: line breaks and control characters are not allowed here."


@pytest.mark.parametrize("topic", ["Check-in\r\nBcc: victim@example.org", "Line one\nline two", "Tab\x0bhere"])
def test_a_topic_with_a_line_break_is_refused_and_nothing_saved(client, world, topic):
    client.force_login(world.advisor_a)
    later = timezone.localtime(world.session_a.starts_at) + timedelta(days=1)
    before = Session.objects.count()
    response = client.post(
        reverse("supervision_sessions:add"),
        session_post(world, topic=topic, starts_at=later.strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert Session.objects.count() == before


def test_a_place_with_a_line_break_is_refused(client, world):
    client.force_login(world.advisor_a)
    later = timezone.localtime(world.session_a.starts_at) + timedelta(days=1)
    response = client.post(
        reverse("supervision_sessions:add"),
        session_post(world, place="Room 2\r\nX-Evil: 1", starts_at=later.strftime("%Y-%m-%d %H:%M")),
    )
    assert MESSAGE in response.content.decode() and not Session.objects.filter(place__startswith="Room 2").exists()


def test_an_old_row_with_a_line_break_still_gets_its_email_on_one_line(world):
    session = world.session_a
    Session.objects.filter(pk=session.pk).update(topic="Check-in\r\nBcc: victim@example.org")
    session.refresh_from_db()
    supporter = world.s1
    send_session_email(session, supporter, change="changed")  # raised BadHeaderError before
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.endswith("Check-in Bcc: victim@example.org")
    assert message.to == [supporter.email] and not message.bcc
    ics = build_ics(session, attendees=[supporter]).decode()
    assert "SUMMARY:Check-in Bcc: victim@example.org\r\n" in ics
