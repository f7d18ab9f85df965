from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from supervision import services
from supervision.models import Attendance, EngagementPeriod, GroupMembership, Rules, Session

from . import factories
from .conftest import past_session

pytestmark = pytest.mark.django_db

RULES = Rules(required_sessions=3, required_hours=10, require_course_certificate=False)


def attend(period, status=Attendance.Status.PRESENT, when=None, session_status=Session.Status.HELD):
    session = factories.SessionFactory(starts_at=when or timezone.now() - timedelta(days=5), status=session_status)
    return Attendance.objects.create(session=session, supporter=period.supporter, status=status)


def fresh(period):
    return EngagementPeriod.objects.with_progress(RULES).get(pk=period.pk)


class TestMembershipHistory:
    def test_moving_a_supporter_closes_one_row_and_opens_another(self, world):
        services.group_member_move(supporter=world.s1, to_group=world.group_b)
        rows = GroupMembership.objects.filter(supporter=world.s1).order_by("joined_at")
        assert [(row.group_id, row.left_at is None) for row in rows] == [
            (world.group_a.pk, False),
            (world.group_b.pk, True),
        ]

    def test_moving_leaves_past_attendance_unchanged(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        services.attendance_record(
            session=session,
            statuses={world.s1.pk: "present", world.s2.pk: "late"},
            actor=world.advisor_a,
        )
        before = sorted(session.attendance.values_list("supporter_id", "status"))
        services.group_member_move(supporter=world.s1, to_group=world.group_b)
        session.refresh_from_db()
        assert sorted(session.attendance.values_list("supporter_id", "status")) == before
        assert set(session.participant_users()) == {world.s1, world.s2}

    def test_members_at_a_past_session_stay_the_same_after_a_move(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        services.group_member_move(supporter=world.s1, to_group=world.group_b)
        assert set(world.group_a.members_at(session.starts_at)) == {world.s1, world.s2}
        assert set(world.group_a.current_members()) == {world.s2}

    def test_one_open_membership_per_group_is_a_database_constraint(self, world):
        with pytest.raises(IntegrityError):
            GroupMembership.objects.create(group=world.group_a, supporter=world.s1)


class TestRequirements:
    def test_exactly_n_sessions_meets_the_requirement(self, world):
        for _ in range(3):
            attend(world.period1)
        assert {r.key: r.met for r in fresh(world.period1).requirements(RULES)}["sessions"] is True

    def test_one_session_short_does_not_meet_it(self, world):
        for _ in range(2):
            attend(world.period1)
        assert {r.key: r.met for r in fresh(world.period1).requirements(RULES)}["sessions"] is False

    def test_late_counts_as_attended(self, world):
        attend(world.period1, Attendance.Status.LATE)
        assert fresh(world.period1).sessions_attended == 1

    def test_an_excused_absence_does_not_count(self, world):
        attend(world.period1, Attendance.Status.EXCUSED)
        assert fresh(world.period1).sessions_attended == 0

    def test_a_session_outside_the_period_does_not_count(self, world):
        attend(world.period1, when=timezone.now() - timedelta(days=200))
        assert fresh(world.period1).sessions_attended == 0

    def test_a_session_on_the_first_day_of_the_period_counts(self, world):
        first_day = timezone.make_aware(
            timezone.datetime.combine(world.period1.starts_on, timezone.datetime.min.time())
        ) + timedelta(hours=9)
        attend(world.period1, when=first_day)
        assert fresh(world.period1).sessions_attended == 1

    def test_annotation_and_model_method_agree(self, world):
        attend(world.period1)
        attend(world.period1, Attendance.Status.ABSENT)
        assert EngagementPeriod.objects.get(pk=world.period1.pk).get_sessions_attended() == 1

    def test_exactly_h_hours_meets_the_hours_requirement(self, world):
        factories.ActivityLogFactory(engagement=world.period1, duration_minutes=600)
        assert {r.key: r.met for r in fresh(world.period1).requirements(RULES)}["hours"] is True

    def test_one_minute_short_of_h_hours_does_not(self, world):
        factories.ActivityLogFactory(engagement=world.period1, duration_minutes=599)
        assert {r.key: r.met for r in fresh(world.period1).requirements(RULES)}["hours"] is False

    def test_period_that_has_not_ended_is_not_met(self, world):
        reqs = {r.key: r.met for r in fresh(world.period1).requirements(RULES)}
        assert reqs["period_ended"] is False

    def test_period_ended_yesterday_is_met(self, world):
        world.period1.ends_on = timezone.localdate() - timedelta(days=1)
        world.period1.save()
        assert {r.key: r.met for r in fresh(world.period1).requirements(RULES)}["period_ended"] is True

    def test_course_certificate_requirement_unmet_without_a_certificate(self, world):
        rules = Rules(3, 10, True)
        reqs = {r.key: r.met for r in fresh(world.period1).requirements(rules)}
        assert reqs["course_certificate"] is False


class TestBehindPace:
    def test_halfway_with_nothing_done_is_behind(self, world):
        assert fresh(world.period1).is_behind_pace(RULES) is True

    def test_on_target_is_not_behind(self, world):
        for _ in range(2):
            attend(world.period1)
        factories.ActivityLogFactory(engagement=world.period1, duration_minutes=300)
        assert fresh(world.period1).is_behind_pace(RULES) is False

    def test_first_quarter_is_never_behind(self, world):
        world.period1.starts_on = timezone.localdate() - timedelta(days=10)
        world.period1.save()
        assert fresh(world.period1).is_behind_pace(RULES) is False


class TestSessions:
    def test_overlapping_finds_the_advisors_other_session(self, world):
        found = Session.objects.overlapping(
            advisor=world.advisor_a, starts_at=world.session_a.starts_at + timedelta(minutes=30), minutes=60
        )
        assert found == [world.session_a]

    def test_back_to_back_sessions_do_not_overlap(self, world):
        found = Session.objects.overlapping(advisor=world.advisor_a, starts_at=world.session_a.ends_at, minutes=60)
        assert found == []

    def test_online_link_must_be_https(self, world):
        world.session_a.online_url = "http://meet.example.org/abc"
        with pytest.raises(ValidationError) as error:
            world.session_a.full_clean()
        assert "online_url" in error.value.message_dict

    def test_javascript_link_is_refused(self, world):
        world.session_a.online_url = "javascript:alert(1)"
        with pytest.raises(ValidationError):
            world.session_a.full_clean()

    def test_a_session_needs_a_place_or_a_link(self, world):
        world.session_a.place = ""
        with pytest.raises(ValidationError) as error:
            world.session_a.full_clean()
        assert "place" in error.value.message_dict

    def test_group_session_without_group_is_refused_by_the_database(self, world):
        with pytest.raises(IntegrityError):
            Session.objects.create(
                kind="group", advisor=world.advisor_a, starts_at=timezone.now(), topic="x", place="y"
            )
