"""The authority rule (decision 0056): who may widen who supervises whom, forged POSTs, pickers and the audit trail."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from lms.models import AuditEvent
from supervision import access, services
from supervision.models import AdvisorAssignment, EngagementPeriod, GroupMembership, Session, SupervisionGroup

from . import factories

pytestmark = pytest.mark.django_db


def assignment_data(world, supporter, advisor=None):
    return {
        "advisor": (advisor or world.advisor_a).pk,
        "supporter": supporter.pk,
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": "",
    }


class TestTheRule:
    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            ("administrator", {"s1", "s2", "s3"}),
            ("lead", {"s1", "s2", "s3"}),
            ("coordinator_a", {"s1", "s2"}),
            ("coordinator_b", {"s3"}),
            ("advisor_a", set()),
            ("counsellor", set()),
            ("s1", set()),
        ],
    )
    def test_manageable_supporters(self, world, role, expected):
        names = {
            name
            for name in ("s1", "s2", "s3")
            if getattr(world, name) in access.manageable_supporters(getattr(world, role))
        }
        assert names == expected

    def test_staff_are_never_supporter_candidates(self, world):
        candidates = set(access.supporter_candidates())
        staff = {world.advisor_a, world.lead, world.coordinator_a, world.counsellor, world.administrator}
        assert candidates & staff == set()

    def test_advisor_candidates_are_advisors_only(self, world):
        assert set(access.advisor_candidates()) == {world.advisor_a, world.advisor_b, world.lead}

    def test_querysets_manageable_by_follow_the_rule(self, world):
        assignment_a = factories.AdvisorAssignmentFactory(advisor=world.advisor_a, supporter=world.s1)
        factories.AdvisorAssignmentFactory(advisor=world.advisor_b, supporter=world.s3)
        assert list(AdvisorAssignment.objects.manageable_by(world.coordinator_a)) == [assignment_a]
        assert list(SupervisionGroup.objects.manageable_by(world.coordinator_a)) == [world.group_a]
        assert AdvisorAssignment.objects.manageable_by(world.advisor_a).count() == 0
        assert GroupMembership.objects.manageable_by(world.advisor_a).count() == 0
        assert GroupMembership.objects.manageable_by(world.lead).count() == 3


class TestForgedPosts:
    def test_advisor_cannot_assign_themselves_anyone(self, client, world):
        client.force_login(world.advisor_a)
        client.post(reverse("supervision_assignments:add"), assignment_data(world, world.s3))
        client.post(reverse("supervision_assignments:add"), assignment_data(world, world.s1))
        assert AdvisorAssignment.objects.count() == 0

    def test_advisor_cannot_open_the_assignment_form(self, client, world):
        client.force_login(world.advisor_a)
        assert client.get(reverse("supervision_assignments:add")).status_code == 302

    def test_coordinator_cannot_assign_another_institutions_supporter(self, client, world):
        client.force_login(world.coordinator_a)
        response = client.post(reverse("supervision_assignments:add"), assignment_data(world, world.s3))
        assert response.status_code == 200
        assert "Choose one of the people listed" in response.content.decode()
        assert AdvisorAssignment.objects.count() == 0

    def test_coordinator_cannot_make_a_counsellor_an_advisor(self, client, world):
        client.force_login(world.coordinator_a)
        client.post(reverse("supervision_assignments:add"), assignment_data(world, world.s1, advisor=world.counsellor))
        assert AdvisorAssignment.objects.count() == 0

    def test_coordinator_assigns_their_own_supporter_and_it_is_audited(self, client, world):
        client.force_login(world.coordinator_a)
        client.post(reverse("supervision_assignments:add"), assignment_data(world, world.s1, advisor=world.advisor_b))
        assignment = AdvisorAssignment.objects.get()
        event = AuditEvent.objects.get(action="supervision.assignment.created")
        assert (assignment.advisor, event.actor, event.object_id) == (
            world.advisor_b,
            world.coordinator_a,
            str(assignment.pk),
        )

    def test_lead_assigns_anyone_and_a_change_is_audited(self, client, world):
        client.force_login(world.lead)
        client.post(reverse("supervision_assignments:add"), assignment_data(world, world.s3))
        assignment = AdvisorAssignment.objects.get()
        data = assignment_data(world, world.s3) | {"ends_on": (timezone.localdate() + timedelta(days=30)).isoformat()}
        client.post(reverse("supervision_assignments:edit", args=[assignment.pk]), data)
        event = AuditEvent.objects.get(action="supervision.assignment.changed")
        assert (event.actor, event.detail["changed"]) == (world.lead, ["ends_on"])

    def test_staff_user_is_refused_as_assignment_supporter(self, client, world):
        client.force_login(world.administrator)
        client.post(reverse("supervision_assignments:add"), assignment_data(world, world.counsellor))
        assert AdvisorAssignment.objects.count() == 0

    def test_advisor_cannot_plan_a_one_to_one_with_another_advisors_supporter(self, client, world):
        client.force_login(world.advisor_a)
        response = client.post(reverse("supervision_sessions:add"), one_to_one(world, world.s3))
        assert response.status_code == 200
        assert not Session.objects.filter(kind="one_to_one").exists()

    def test_a_staff_user_is_refused_as_the_one_to_one_supporter(self, client, world):
        client.force_login(world.administrator)
        response = client.post(reverse("supervision_sessions:add"), one_to_one(world, world.administrator))
        assert "Select a valid choice" in response.content.decode()
        assert not Session.objects.filter(kind="one_to_one").exists()

    def test_session_supporter_picker_lists_trainees_only(self, client, world):
        client.force_login(world.administrator)
        content = client.get(reverse("supervision_sessions:add")).content.decode()
        picker = content[content.index('name="supporter"') :].split("</select>")[0]
        assert ("Supporter Three" in picker, world.administrator.full_name in picker) == (True, False)

    def test_forged_group_member_is_refused_for_an_advisor(self, client, world):
        client.force_login(world.advisor_a)
        response = client.post(
            reverse("supervision_admin:group_members", args=[world.group_a.pk]), {"supporter": world.s3.pk}
        )
        assert response.status_code in (302, 403)
        assert GroupMembership.objects.open().get(supporter=world.s3).group == world.group_b

    def test_forged_group_member_from_another_institution_is_refused_for_a_coordinator(self, client, world):
        client.force_login(world.coordinator_a)
        response = client.post(
            reverse("supervision_admin:group_members", args=[world.group_a.pk]), {"supporter": world.s3.pk}
        )
        assert response.status_code == 400
        assert "Choose one of the supporters you manage" in response.content.decode()
        assert GroupMembership.objects.open().get(supporter=world.s3).group == world.group_b

    def test_coordinator_moves_own_supporter_audited_with_actor(self, client, world):
        group = factories.SupervisionGroupFactory(institution=world.inst_a, advisors=[world.advisor_b])
        client.force_login(world.coordinator_a)
        client.post(reverse("supervision_admin:group_members", args=[group.pk]), {"supporter": world.s1.pk})
        event = AuditEvent.objects.get(action="supervision.group.member_moved")
        assert (GroupMembership.objects.open().get(supporter=world.s1).group, event.actor) == (
            group,
            world.coordinator_a,
        )

    def test_advisor_cannot_remove_a_member(self, client, world):
        client.force_login(world.advisor_a)
        client.post(reverse("supervision_admin:group_members", args=[world.group_a.pk]), {"remove": world.s1.pk})
        assert GroupMembership.objects.open().filter(supporter=world.s1, group=world.group_a).exists()

    def test_coordinator_cannot_create_a_group_of_another_institution(self, client, world):
        client.force_login(world.coordinator_a)
        data = {"name": "Forged", "institution": world.inst_b.pk, "advisors": [world.advisor_a.pk]}
        client.post(reverse("supervision_groups:add"), data)
        assert not SupervisionGroup.objects.filter(name="Forged").exists()

    def test_coordinator_creates_a_group_audited(self, client, world):
        client.force_login(world.coordinator_a)
        data = {"name": "New group", "institution": world.inst_a.pk, "advisors": [world.advisor_b.pk]}
        response = client.post(reverse("supervision_groups:add"), data)
        group = SupervisionGroup.objects.get(name="New group")
        assert response.url == reverse("supervision_admin:group_members", args=[group.pk])
        event = AuditEvent.objects.get(action="supervision.group.created")
        assert (event.actor, event.detail["advisors"]) == (world.coordinator_a, [str(world.advisor_b.pk)])

    def test_a_counsellor_cannot_be_a_group_advisor(self, client, world):
        client.force_login(world.lead)
        data = {"name": "Group A", "institution": world.inst_a.pk, "advisors": [world.counsellor.pk]}
        client.post(reverse("supervision_groups:edit", args=[world.group_a.pk]), data)
        assert list(world.group_a.advisors.all()) == [world.advisor_a]

    def test_advisor_cannot_create_a_group(self, client, world):
        client.force_login(world.advisor_a)
        data = {"name": "Mine", "institution": world.inst_a.pk, "advisors": [world.advisor_a.pk]}
        client.post(reverse("supervision_groups:add"), data)
        assert not SupervisionGroup.objects.filter(name="Mine").exists()

    def test_coordinator_cannot_register_a_period_for_another_institutions_supporter(self, client, world):
        world.period3.delete()
        client.force_login(world.coordinator_a)
        data = {
            "supporter": world.s3.pk,
            "institution": world.inst_a.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "status": "active",
        }
        client.post(reverse("supervision_supporters:add"), data)
        assert not EngagementPeriod.objects.filter(supporter=world.s3).exists()

    def test_staff_user_is_refused_as_a_periods_supporter(self, client, world):
        client.force_login(world.administrator)
        data = {
            "supporter": world.counsellor.pk,
            "institution": world.inst_a.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "status": "active",
        }
        client.post(reverse("supervision_supporters:add"), data)
        assert not EngagementPeriod.objects.filter(supporter=world.counsellor).exists()


class TestServicesCheckTheirActor:
    def test_assignment_save_refuses_an_ordinary_advisor(self, world):
        with pytest.raises(PermissionDenied):
            services.assignment_save(
                assignment=AdvisorAssignment(advisor=world.advisor_a, supporter=world.s3), actor=world.advisor_a
            )
        assert AdvisorAssignment.objects.count() == 0

    def test_group_member_move_refuses_an_ordinary_advisor(self, world):
        with pytest.raises(PermissionDenied):
            services.group_member_move(supporter=world.s3, to_group=world.group_a, actor=world.advisor_a)
        assert GroupMembership.objects.open().get(supporter=world.s3).group == world.group_b

    def test_group_save_refuses_moving_a_group_to_another_institution(self, world):
        world.group_a.institution = world.inst_b
        with pytest.raises(PermissionDenied):
            services.group_save(group=world.group_a, advisors=[world.advisor_a], actor=world.coordinator_a)
        world.group_a.refresh_from_db()
        assert world.group_a.institution == world.inst_a


def one_to_one(world, supporter):
    return {
        "kind": "one_to_one",
        "advisor": world.advisor_a.pk if supporter != world.administrator else world.advisor_b.pk,
        "group": "",
        "supporter": supporter.pk,
        "starts_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M"),
        "duration_minutes": 60,
        "place": "Room 2",
        "online_url": "",
        "topic": "One to one",
        "status": "planned",
    }


def test_session_listing_advisor_filter_lists_advisors_only(client, world):
    client.force_login(world.advisor_a)
    content = client.get(reverse("supervision_sessions:index")).content.decode()
    picker = content[content.index('name="advisor"') :].split("</select>")[0]
    assert ("Advisor Bjorn" in picker, "Supporter One" in picker, world.counsellor.full_name in picker) == (
        True,
        False,
        False,
    )
