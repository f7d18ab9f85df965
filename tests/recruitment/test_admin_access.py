"""Role × route for the coordinators' pipeline: coordinators see their institution's applications plus the shared
queue; administrators all; advisors, counsellors, trainees and applicants none (unless they hold the coordinator
role). Objects out of reach answer 404."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from lms.models import AuditEvent
from recruitment.models import Application, InterviewNote, InterviewSlot

pytestmark = pytest.mark.django_db
Stage = Application.Stage

NO_PIPELINE = ["applicant_a", "outsider", "trainee", "advisor", "counsellor"]


def as_user(client, world, name):
    client.force_login(getattr(world, name))
    return client


def names_in(content):
    return {name for name in ("Applicant Alma", "Applicant Bo", "Applicant Cid") if name in content}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("coordinator_a", {"Applicant Alma", "Applicant Cid"}),
        ("coordinator_b", {"Applicant Bo", "Applicant Cid"}),
        ("administrator", {"Applicant Alma", "Applicant Bo", "Applicant Cid"}),
    ],
)
def test_the_pipeline_lists_what_each_coordinator_may_see(client, world, name, expected):
    response = as_user(client, world, name).get(reverse("recruitment_applications:index"))
    assert response.status_code == 200
    assert names_in(response.content.decode()) == expected


@pytest.mark.parametrize("name", NO_PIPELINE)
def test_other_roles_get_no_pipeline(client, world, name):
    response = as_user(client, world, name).get(reverse("recruitment_applications:index"))
    assert response.status_code in (302, 403)
    assert names_in(response.content.decode()) == set()


@pytest.mark.parametrize("name", NO_PIPELINE)
@pytest.mark.parametrize("route", ["recruitment_slots:index", "recruitment_slots:add", "recruitment_cohorts:index"])
def test_other_roles_get_no_slot_or_cohort_screens(client, world, name, route):
    response = as_user(client, world, name).get(reverse(route))
    assert response.status_code in (302, 403)
    assert "Room 101" not in response.content.decode()


def test_an_advisor_who_is_also_coordinator_sees_the_pipeline(client, world):
    world.advisor.groups.add(Group.objects.get(name="Coordinators"))
    response = as_user(client, world, "advisor").get(reverse("recruitment_applications:index"))
    assert names_in(response.content.decode()) == {"Applicant Alma", "Applicant Cid"}


def test_the_pipeline_counts_applications_per_stage(client, world):
    Application.objects.filter(pk=world.app_c.pk).update(stage=Stage.WAITING_LIST)
    content = as_user(client, world, "coordinator_a").get(reverse("recruitment_applications:index")).content.decode()
    assert "New: <strong>1</strong>" in content
    assert "Waiting list: <strong>1</strong>" in content
    assert "Accepted: <strong>0</strong>" in content


def test_the_pipeline_filters_by_stage_and_searches(client, world):
    coordinator = as_user(client, world, "coordinator_a")
    Application.objects.filter(pk=world.app_c.pk).update(stage=Stage.DECLINED)
    content = coordinator.get(reverse("recruitment_applications:index") + "?stage=declined").content.decode()
    assert names_in(content) == {"Applicant Cid"}
    content = coordinator.get(reverse("recruitment_applications:index") + "?q=Alma").content.decode()
    assert names_in(content) == {"Applicant Alma"}


@pytest.mark.parametrize(
    ("name", "app", "status"),
    [
        ("coordinator_a", "app_a", 200),
        ("coordinator_a", "app_c", 200),  # shared queue
        ("coordinator_a", "app_b", 404),
        ("coordinator_b", "app_a", 404),
        ("administrator", "app_b", 200),
    ],
)
def test_application_detail_scope(client, world, name, app, status):
    url = reverse("recruitment_admin:application_detail", args=[getattr(world, app).pk])
    assert as_user(client, world, name).get(url).status_code == status


@pytest.mark.parametrize("name", NO_PIPELINE)
def test_other_roles_get_no_application_detail(client, world, name):
    url = reverse("recruitment_admin:application_detail", args=[world.app_a.pk])
    response = as_user(client, world, name).get(url)
    assert response.status_code in (302, 403)
    assert "Applicant Alma" not in response.content.decode()


POST_ROUTES = [
    ("recruitment_admin:application_take", {}),
    ("recruitment_admin:application_stage", {"stage": "declined"}),
    ("recruitment_admin:application_accept", {}),
    ("recruitment_admin:application_release", {}),
    ("recruitment_admin:note_add", {"text": "forged"}),
]


@pytest.mark.parametrize(("route", "data"), POST_ROUTES)
@pytest.mark.parametrize("name", ["coordinator_b", *NO_PIPELINE])
def test_no_one_out_of_reach_changes_an_application(client, world, route, data, name):
    response = as_user(client, world, name).post(reverse(route, args=[world.app_a.pk]), data)
    assert response.status_code in (302, 403, 404)
    world.app_a.refresh_from_db()
    assert world.app_a.stage == Stage.NEW
    assert world.app_a.owner_institution == world.inst_a
    assert not InterviewNote.objects.filter(text="forged").exists()


def test_a_coordinator_moves_a_stage_from_the_detail(client, world):
    response = as_user(client, world, "coordinator_a").post(
        reverse("recruitment_admin:application_stage", args=[world.app_a.pk]), {"stage": "interviewed"}, follow=True
    )
    assert "Stage changed" in response.content.decode()
    world.app_a.refresh_from_db()
    assert world.app_a.stage == Stage.INTERVIEWED


def test_a_forged_stage_is_refused(client, world):
    as_user(client, world, "coordinator_a").post(
        reverse("recruitment_admin:application_stage", args=[world.app_a.pk]), {"stage": "superuser"}
    )
    world.app_a.refresh_from_db()
    assert world.app_a.stage == Stage.NEW


def test_a_coordinator_takes_from_the_shared_queue(client, world):
    as_user(client, world, "coordinator_b").post(reverse("recruitment_admin:application_take", args=[world.app_c.pk]))
    world.app_c.refresh_from_db()
    assert world.app_c.owner_institution == world.inst_b
    # Now it is Inst B's: Inst A's coordinator no longer sees it.
    response = as_user(client, world, "coordinator_a").get(
        reverse("recruitment_admin:application_detail", args=[world.app_c.pk])
    )
    assert response.status_code == 404


def test_a_coordinator_offers_a_slot_for_their_institution(client, world):
    starts = (timezone.localtime() + timedelta(days=5)).replace(second=0, microsecond=0)
    response = as_user(client, world, "coordinator_a").post(
        reverse("recruitment_slots:add"),
        {
            "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
            "duration_minutes": 30,
            "place": "",
            "video_url": "https://meet.example.org/x",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    slot = InterviewSlot.objects.latest("created_at")
    assert (slot.institution, slot.coordinator, slot.video_url) == (
        world.inst_a,
        world.coordinator_a,
        "https://meet.example.org/x",
    )


def test_a_slot_in_the_past_is_refused_in_the_admin(client, world):
    before = InterviewSlot.objects.count()
    starts = timezone.localtime() - timedelta(days=1)
    response = as_user(client, world, "coordinator_a").post(
        reverse("recruitment_slots:add"),
        {"starts_at": starts.strftime("%Y-%m-%d %H:%M"), "duration_minutes": 30, "place": "Room 1", "video_url": ""},
    )
    assert response.status_code == 200
    assert "Choose a time in the future" in response.content.decode()
    assert InterviewSlot.objects.count() == before


def test_slots_listing_is_scoped_to_the_institution(client, world):
    content = as_user(client, world, "coordinator_b").get(reverse("recruitment_slots:index")).content.decode()
    assert content.count("Room 101") == 1  # slot_b only
    content = as_user(client, world, "coordinator_a").get(reverse("recruitment_slots:index")).content.decode()
    assert content.count("Room 101") == 2


def test_a_coordinator_cannot_cancel_another_institutions_slot(client, world):
    response = as_user(client, world, "coordinator_a").post(
        reverse("recruitment_admin:slot_cancel", args=[world.slot_b.pk])
    )
    assert response.status_code == 404
    world.slot_b.refresh_from_db()
    assert world.slot_b.status == InterviewSlot.Status.OFFERED


def test_the_viewset_offers_no_edit_of_an_application(client, world):
    response = as_user(client, world, "administrator").get(
        reverse("recruitment_applications:edit", args=[world.app_a.pk])
    )
    assert response.status_code == 404


def test_administrators_manage_cohorts(client, world):
    response = as_user(client, world, "administrator").get(reverse("recruitment_cohorts:add"))
    assert response.status_code == 200
    response = as_user(client, world, "coordinator_a").get(reverse("recruitment_cohorts:add"))
    assert response.status_code in (302, 403)


def test_a_plain_http_video_link_is_refused(client, world):
    before = InterviewSlot.objects.count()
    starts = timezone.localtime() + timedelta(days=2)
    response = as_user(client, world, "coordinator_a").post(
        reverse("recruitment_slots:add"),
        {
            "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
            "duration_minutes": 30,
            "place": "",
            "video_url": "http://x.example.org/",
        },
    )
    assert response.status_code == 200
    assert "Use an https:// video link" in response.content.decode()
    assert InterviewSlot.objects.count() == before


@pytest.mark.parametrize("view", ["history", "usage"])
def test_history_and_usage_views_are_not_offered(client, world, view):
    """Wagtail's generic history/usage views are not scoped; they would name any application.

    docs/security.md#scoped-admin-views
    """
    response = as_user(client, world, "coordinator_b").get(
        reverse(f"recruitment_applications:{view}", args=[world.app_a.pk])
    )
    assert response.status_code == 404
    assert "Applicant Alma" not in response.content.decode()


def test_reading_notes_is_audited_without_their_text(client, world):
    as_user(client, world, "coordinator_a").get(reverse("recruitment_admin:application_detail", args=[world.app_a.pk]))
    event = AuditEvent.objects.get(action="recruitment.note.read")
    assert event.actor == world.coordinator_a
    assert event.detail == {"count": 1}
