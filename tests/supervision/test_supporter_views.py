from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from home.panels import get_my_page_panels
from supervision.models import ActivityLog, UrgentReport

from . import factories

pytestmark = pytest.mark.django_db


def log(client, user, **data):
    client.force_login(user)
    payload = {"date": timezone.localdate().isoformat(), "kind": "stand", "duration_minutes": 45, **data}
    return client.post(reverse("supervision:home"), payload)


class TestActivityLog:
    def test_logging_saves_and_redirects(self, client, world):
        response = log(client, world.s1)
        assert (response.status_code, ActivityLog.objects.filter(supporter=world.s1).count()) == (302, 1)

    def test_progress_shows_the_logged_hours(self, client, world):
        log(client, world.s1, duration_minutes=90)
        content = client.get(reverse("supervision:home")).content.decode()
        assert "1.5 / 20" in content and "<progress" in content

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"duration_minutes": -30}, "at least 1 minute"),
            ({"duration_minutes": 800}, "cannot be more than 12 hours"),
            ({"date": (timezone.localdate() + timedelta(days=2)).isoformat()}, "in the future"),
            ({"date": (timezone.localdate() - timedelta(days=400)).isoformat()}, "outside your engagement period"),
            ({"kind": "gossip"}, "Select a valid choice"),
        ],
        ids=["negative", "absurd", "future", "outside-period", "bad-kind"],
    )
    def test_bad_input_gets_a_clear_message_and_saves_nothing(self, client, world, data, message):
        response = log(client, world.s1, **data)
        assert (response.status_code, message in response.content.decode()) == (400, True)
        assert ActivityLog.objects.count() == 0

    def test_the_form_has_no_field_about_a_person(self, client, world):
        client.force_login(world.s1)
        content = client.get(reverse("supervision:home")).content.decode()
        assert "<textarea" not in content
        assert "Never write anything about the students you helped" in content

    def test_without_an_engagement_period_nothing_can_be_logged(self, client, world):
        supporter = factories.SupporterFactory()
        log(client, supporter)
        assert ActivityLog.objects.count() == 0


class TestUrgent:
    def test_page_lists_emergency_numbers_before_the_form(self, client, world):
        client.force_login(world.s1)
        content = client.get(reverse("supervision:urgent")).content.decode()
        positions = [content.index(s) for s in ("113", "112", "110", "116 117", 'name="message"')]
        assert positions == sorted(positions)

    def test_sending_confirms_on_screen_with_the_recipients(self, client, world):
        client.force_login(world.s1)
        response = client.post(reverse("supervision:urgent"), {"message": "Please call me at the library"})
        report = UrgentReport.objects.get()
        assert response.status_code == 302  # post/redirect/get: a reload does not send it again
        assert response.url == reverse("supervision:urgent_sent", kwargs={"public_id": report.public_id})
        content = client.get(response.url).content.decode()
        assert ("Your urgent message was sent" in content, "Advisor Anna" in content, "Lead Lise" in content) == (
            True,
            True,
            True,
        )
        assert len(mail.outbox) == 2 and UrgentReport.objects.count() == 1

    def test_the_confirmation_is_only_for_its_sender(self, client, world):
        client.force_login(world.s1)
        sent = client.post(reverse("supervision:urgent"), {"message": "Please call me at the library"}).url
        client.force_login(world.s2)
        assert client.get(sent).status_code == 404
        client.logout()
        assert client.get(sent).status_code == 302  # to the login page
        assert "Please call me" not in client.get(sent, follow=True).content.decode()

    def test_empty_message_is_refused(self, client, world):
        client.force_login(world.s1)
        response = client.post(reverse("supervision:urgent"), {"message": ""})
        assert (response.status_code, UrgentReport.objects.count(), len(mail.outbox)) == (400, 0, 0)

    def test_form_tells_not_to_name_the_person(self, client, world):
        client.force_login(world.s1)
        assert "Do not write the name" in client.get(reverse("supervision:urgent")).content.decode()


def my_page_panel_html(rf, user) -> str:
    """The Supervision panel as My page renders it (through the construct_my_page_panels hook)."""

    request = rf.get("/my/")
    request.user = user
    panels = [panel for panel in get_my_page_panels(request) if panel.name == "supervision"]
    return panels[0].render(request) if panels else ""


class TestMyPagePanel:
    def test_panel_shows_the_urgent_link_and_upcoming_sessions(self, rf, world):
        html = my_page_panel_html(rf, world.s1)
        assert reverse("supervision:urgent") in html and "Session of A" in html

    def test_panel_queries_do_not_grow_with_sessions_and_activity(self, rf, world):
        my_page_panel_html(rf, world.s1)
        with CaptureQueriesContext(connection) as small:
            my_page_panel_html(rf, world.s1)
        for days in range(1, 20):
            factories.ActivityLogFactory(engagement=world.period1, date=timezone.localdate() - timedelta(days=days))
            factories.SessionFactory(
                advisor=world.advisor_a, group=world.group_a, starts_at=timezone.now() + timedelta(days=days)
            )
        with CaptureQueriesContext(connection) as large:
            my_page_panel_html(rf, world.s1)
        assert len(large.captured_queries) == len(small.captured_queries)

    def test_staff_get_no_supervision_panel(self, rf, world):
        assert my_page_panel_html(rf, world.coordinator_a) == ""
