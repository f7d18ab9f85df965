from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.models import AuditEvent
from supervision.admin_views import EngagementIndexView
from supervision.models import Attendance, GroupMembership, Session

from . import factories
from .conftest import past_session

pytestmark = pytest.mark.django_db


def session_post(world, **overrides):
    starts = timezone.localtime(world.session_a.starts_at)
    data = {
        "kind": "group",
        "advisor": world.advisor_a.pk,
        "group": world.group_a.pk,
        "supporter": "",
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "duration_minutes": 60,
        "place": "Room 2",
        "online_url": "",
        "topic": "Second session",
        "status": "planned",
    }
    data.update(overrides)
    return data


class TestCreateSession:
    def test_advisor_plans_a_session(self, client, world):
        client.force_login(world.advisor_a)
        later = timezone.localtime(world.session_a.starts_at) + timedelta(days=1)
        response = client.post(
            reverse("supervision_sessions:add"), session_post(world, starts_at=later.strftime("%Y-%m-%d %H:%M"))
        )
        assert response.status_code == 302
        assert Session.objects.filter(topic="Second session").exists()

    def test_overlap_is_warned_and_nothing_saved(self, client, world):
        client.force_login(world.advisor_a)
        response = client.post(reverse("supervision_sessions:add"), session_post(world))
        assert "overlaps" in response.content.decode()
        assert not Session.objects.filter(topic="Second session").exists()

    def test_overlap_confirmed_saves(self, client, world):
        client.force_login(world.advisor_a)
        client.post(reverse("supervision_sessions:add"), session_post(world, confirm_overlap="on"))
        assert Session.objects.filter(topic="Second session").exists()

    def test_http_link_is_refused_with_a_message(self, client, world):
        client.force_login(world.advisor_a)
        later = timezone.localtime(world.session_a.starts_at) + timedelta(days=2)
        response = client.post(
            reverse("supervision_sessions:add"),
            session_post(world, starts_at=later.strftime("%Y-%m-%d %H:%M"), online_url="http://meet.example.org/x"),
        )
        assert "https://" in response.content.decode()
        assert not Session.objects.filter(topic="Second session").exists()

    def test_advisor_cannot_plan_for_another_advisor(self, client, world):
        client.force_login(world.advisor_a)
        later = timezone.localtime(world.session_a.starts_at) + timedelta(days=1)
        client.post(
            reverse("supervision_sessions:add"),
            session_post(
                world, advisor=world.advisor_b.pk, group=world.group_b.pk, starts_at=later.strftime("%Y-%m-%d %H:%M")
            ),
        )
        assert not Session.objects.filter(topic="Second session").exists()


class TestAttendanceScreen:
    def test_one_fieldset_per_participant(self, client, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        client.force_login(world.advisor_a)
        content = client.get(reverse("supervision_admin:session_attendance", args=[session.pk])).content.decode()
        assert content.count("<fieldset") == 2 and content.count('type="radio"') == 8

    def test_one_submit_records_everyone(self, client, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        client.force_login(world.advisor_a)
        client.post(
            reverse("supervision_admin:session_attendance", args=[session.pk]),
            {f"status_{world.s1.pk}": "present", f"status_{world.s2.pk}": "excused"},
        )
        assert dict(Attendance.objects.values_list("supporter_id", "status")) == {
            world.s1.pk: "present",
            world.s2.pk: "excused",
        }

    def test_someone_not_in_the_session_is_refused_and_nothing_saved(self, client, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        client.force_login(world.advisor_a)
        response = client.post(
            reverse("supervision_admin:session_attendance", args=[session.pk]),
            {
                f"status_{world.s1.pk}": "present",
                f"status_{world.s2.pk}": "present",
                f"status_{world.s3.pk}": "present",
            },
        )
        assert response.status_code == 400
        assert "only be recorded for the participants" in response.content.decode()
        assert Attendance.objects.count() == 0

    def test_missing_status_is_refused_with_the_persons_name(self, client, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        client.force_login(world.advisor_a)
        response = client.post(
            reverse("supervision_admin:session_attendance", args=[session.pk]), {f"status_{world.s1.pk}": "present"}
        )
        assert "Supporter Two" in response.content.decode() and Attendance.objects.count() == 0

    def test_an_edit_is_audited(self, client, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        client.force_login(world.advisor_a)
        url = reverse("supervision_admin:session_attendance", args=[session.pk])
        client.post(url, {f"status_{world.s1.pk}": "absent", f"status_{world.s2.pk}": "present"})
        client.post(url, {f"status_{world.s1.pk}": "late", f"status_{world.s2.pk}": "present"})
        assert AuditEvent.objects.filter(action="supervision.attendance.changed").count() == 1


class TestGroups:
    def test_a_lead_moves_a_supporter_through_the_admin(self, client, world):
        client.force_login(world.lead)
        client.post(reverse("supervision_admin:group_members", args=[world.group_b.pk]), {"supporter": world.s1.pk})
        assert GroupMembership.objects.get(supporter=world.s1, left_at__isnull=True).group == world.group_b

    def test_an_advisor_cannot_take_a_supporter_from_another_advisors_group(self, client, world):
        client.force_login(world.advisor_b)
        response = client.post(
            reverse("supervision_admin:group_members", args=[world.group_b.pk]), {"supporter": world.s1.pk}
        )
        assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "permission denied" redirect
        assert GroupMembership.objects.get(supporter=world.s1, left_at__isnull=True).group == world.group_a


class TestNotes:
    def test_advisor_writes_a_note_on_a_supporter(self, client, world):
        client.force_login(world.advisor_a)
        client.post(reverse("supervision_admin:note_add", args=["supporter", world.period1.pk]), {"text": "Doing well"})
        assert world.s1.supervision_notes_about.filter(text="Doing well", author=world.advisor_a).exists()

    def test_empty_note_is_refused(self, client, world):
        client.force_login(world.advisor_a)
        response = client.post(
            reverse("supervision_admin:note_add", args=["supporter", world.period1.pk]), {"text": ""}
        )
        assert response.status_code == 400


def make_supporters(world, n):
    """n supporters in advisor A's group, each with an engagement period, attendance and activity."""
    session = past_session(advisor=world.advisor_a, group=world.group_a)
    for _ in range(n):
        membership = factories.GroupMembershipFactory(group=world.group_a)
        period = factories.EngagementPeriodFactory(supporter=membership.supporter)
        factories.ActivityLogFactory(engagement=period)
        Attendance.objects.create(session=session, supporter=membership.supporter, status="present")


def count_queries(client, user, url):
    """Queries of the second request (the first warms per-process caches: content types, site settings)."""
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_supporter_list_queries_stay_flat_from_5_to_500(client, world, monkeypatch):
    """All rows on one page, so every row's sessions, hours, certificate and pace are rendered."""

    monkeypatch.setattr(EngagementIndexView, "get_paginate_by", lambda self, queryset: 1000)
    url = reverse("supervision_supporters:index")
    make_supporters(world, 5)
    small = count_queries(client, world.advisor_a, url)
    make_supporters(world, 495)
    response = client.get(url)
    assert response.content.decode().count("1 / 6") >= 500
    large = count_queries(client, world.advisor_a, url)
    assert large == small, (small, large)


def test_supporter_export_queries_stay_flat(client, world):
    make_supporters(world, 5)
    client.force_login(world.advisor_a)
    url = reverse("supervision_supporters:index") + "?export=csv"
    b"".join(client.get(url).streaming_content)
    with CaptureQueriesContext(connection) as small:
        b"".join(client.get(url).streaming_content)
    make_supporters(world, 100)
    with CaptureQueriesContext(connection) as large:
        b"".join(client.get(url).streaming_content)
    assert len(large.captured_queries) == len(small.captured_queries)
