"""Attendance that tells the truth: not before the start, nothing pre-ticked, "mark everyone present" saves nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from supervision import services
from supervision.models import Attendance, Session

from .conftest import past_session

pytestmark = pytest.mark.django_db


class TestNotBeforeTheStart:
    def test_the_service_refuses_and_saves_nothing(self, world):
        with pytest.raises(ValidationError, match="has not started yet"):
            services.attendance_record(
                session=world.session_a, statuses={world.s1.pk: "present"}, actor=world.advisor_a
            )
        world.session_a.refresh_from_db()
        assert (Attendance.objects.count(), world.session_a.status, world.session_a.participants.count()) == (
            0,
            Session.Status.PLANNED,
            0,
        )

    def test_the_service_accepts_from_the_start(self, world):
        result = services.attendance_record(
            session=world.session_a,
            statuses={world.s1.pk: "present", world.s2.pk: "absent"},
            actor=world.advisor_a,
            now=world.session_a.starts_at,
        )
        assert result == {"created": 2, "changed": 0}

    def test_the_screen_explains_with_the_oslo_time(self, client, world):
        world.session_a.starts_at = timezone.now().replace(microsecond=0) + timedelta(days=2)
        world.session_a.save()
        client.force_login(world.advisor_a)
        url = reverse("supervision_admin:session_attendance", args=[world.session_a.pk])
        response = client.post(
            url, {f"status_{world.s1.pk}": "present", f"status_{world.s2.pk}": "present"}, follow=True
        )
        content = response.content.decode()
        assert "This session has not started yet" in content and "Europe/Oslo" in content
        assert Attendance.objects.count() == 0


class TestNothingPreTicked:
    def test_no_radio_is_checked_on_a_new_attendance(self, client, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
        client.force_login(world.advisor_a)
        content = client.get(reverse("supervision_admin:session_attendance", args=[session.pk])).content.decode()
        assert content.count('type="radio"') == 8 and "checked" not in content

    def test_mark_everyone_present_fills_the_form_and_saves_nothing(self, client, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
        client.force_login(world.advisor_a)
        response = client.post(reverse("supervision_admin:session_attendance", args=[session.pk]), {"all_present": "1"})
        content = response.content.decode()
        assert content.count("checked") == 2 and 'value="present"\n' not in content
        assert "Nothing is saved yet" in content
        assert Attendance.objects.count() == 0

    def test_a_missing_choice_is_refused_with_the_name(self, client, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
        client.force_login(world.advisor_a)
        response = client.post(
            reverse("supervision_admin:session_attendance", args=[session.pk]), {f"status_{world.s1.pk}": "present"}
        )
        assert response.status_code == 400
        assert "Choose an attendance status for Supporter Two" in response.content.decode()
        assert Attendance.objects.count() == 0
