"""Role × route × object over every supervision admin route that takes an id (decision 0056).

Objects come in two sets: "A" (advisor A's group, session, supporter, note and assignment, institution A) and "B"
(advisor B's, institution B). Advisor A and coordinator A own set A. Each cell is a GET (allowed = 200) and, for a
cell that must be refused, a POST of a payload that would change something: the database must not change.
`test_every_id_route_is_in_the_matrix` walks the URL resolver, so a new id-taking route fails until it is added here.
"""

from __future__ import annotations

import pytest
from django.urls import URLResolver, get_resolver, reverse
from wagtail.models import ModelLogEntry

from lms.models import AuditEvent
from supervision.models import (
    AdvisorAssignment,
    AdvisorProfile,
    Attendance,
    EngagementPeriod,
    GroupMembership,
    Note,
    Session,
    SessionParticipant,
    SupervisionGroup,
)

from . import factories
from .conftest import past_session

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "trainee", "counsellor", "advisor_a", "lead", "coordinator_a", "administrator"]

ADMIN = {("administrator", "A"), ("administrator", "B")}
LEAD = {("lead", "A"), ("lead", "B")}
ADVISOR_OWN = {("advisor_a", "A")}
COORDINATOR_OWN = {("coordinator_a", "A")}

# route name → (object kind, the (role, object set) cells that may open it). Everything else must be refused.
MATRIX = {
    "supervision_admin:session_detail": ("session", ADMIN | LEAD | ADVISOR_OWN),
    "supervision_admin:session_attendance": ("session", ADMIN | LEAD | ADVISOR_OWN),
    "supervision_admin:note_add": ("note_subject", LEAD | ADVISOR_OWN),
    "supervision_admin:note_edit": ("note", ADVISOR_OWN),
    "supervision_admin:supporter_detail": ("period", ADMIN | LEAD | ADVISOR_OWN | COORDINATOR_OWN),
    "supervision_admin:engagement_approve": ("period", ADMIN | COORDINATOR_OWN),
    "supervision_admin:group_members": ("group", ADMIN | LEAD | ADVISOR_OWN | COORDINATOR_OWN),
    "supervision_sessions:edit": ("session", ADMIN | LEAD | ADVISOR_OWN),
    "supervision_sessions:delete": ("session", ADMIN),
    "supervision_sessions:history": ("session", ADMIN | LEAD | ADVISOR_OWN),
    "supervision_sessions:history_results": ("session", ADMIN | LEAD | ADVISOR_OWN),
    "supervision_sessions:usage": ("session", ADMIN | LEAD | ADVISOR_OWN),
    "supervision_supporters:edit": ("period", ADMIN | COORDINATOR_OWN),
    "supervision_supporters:delete": ("period", ADMIN),
    "supervision_supporters:history": ("period", ADMIN | COORDINATOR_OWN),
    "supervision_supporters:history_results": ("period", ADMIN | COORDINATOR_OWN),
    "supervision_supporters:usage": ("period", ADMIN | COORDINATOR_OWN),
    "supervision_groups:edit": ("group", ADMIN | LEAD | COORDINATOR_OWN),
    "supervision_groups:delete": ("group", ADMIN),
    "supervision_groups:history": ("group", ADMIN | LEAD | COORDINATOR_OWN),
    "supervision_groups:history_results": ("group", ADMIN | LEAD | COORDINATOR_OWN),
    "supervision_groups:usage": ("group", ADMIN | LEAD | COORDINATOR_OWN),
    "supervision_assignments:edit": ("assignment", ADMIN | LEAD | COORDINATOR_OWN),
    "supervision_assignments:delete": ("assignment", ADMIN),
    "supervision_assignments:history": ("assignment", ADMIN | LEAD | COORDINATOR_OWN),
    "supervision_assignments:history_results": ("assignment", ADMIN | LEAD | COORDINATOR_OWN),
    "supervision_assignments:usage": ("assignment", ADMIN | LEAD | COORDINATOR_OWN),
    "supervision_leads:edit": ("profile", ADMIN),
    "supervision_leads:delete": ("profile", ADMIN),
    "supervision_leads:history": ("profile", ADMIN),
    "supervision_leads:history_results": ("profile", ADMIN),
    "supervision_leads:usage": ("profile", ADMIN),
}


def id_routes():
    """(name, pattern) of every admin route whose name mentions supervision and whose pattern takes an argument."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, prefix + str(pattern.pattern)

    return {
        name: path
        for name, path in walk(get_resolver().url_patterns)
        if path.startswith("admin/") and "supervision" in name and "<" in path
    }


def test_every_id_route_is_in_the_matrix():
    assert sorted(id_routes()) == sorted(MATRIX)


@pytest.fixture
def objects(world):
    """Set A and set B, each with a session that has started (attendance can be taken) and an assignment."""
    session_a = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
    session_b = past_session(advisor=world.advisor_b, group=world.group_b, status=Session.Status.PLANNED)
    assignment_a = factories.AdvisorAssignmentFactory(advisor=world.advisor_a, supporter=world.s1)
    assignment_b = factories.AdvisorAssignmentFactory(advisor=world.advisor_b, supporter=world.s3)
    profile_b = AdvisorProfile.objects.create(user=world.advisor_b, is_lead=False)
    return {
        "A": {
            "session": session_a,
            "period": world.period1,
            "group": world.group_a,
            "note": world.note_a_supporter,
            "assignment": assignment_a,
            "profile": world.lead.advisor_profile,
            "members": [world.s1, world.s2],
        },
        "B": {
            "session": session_b,
            "period": world.period3,
            "group": world.group_b,
            "note": world.note_b,
            "assignment": assignment_b,
            "profile": profile_b,
            "members": [world.s3],
        },
    }


def url_for(name, kind, obj_set):
    if kind == "note_subject":
        return reverse(name, args=["session", obj_set["session"].pk])
    if kind == "note":
        return reverse(name, args=[obj_set["note"].public_id])
    return reverse(name, args=[obj_set[kind].pk])


def post_payload(name, kind, obj_set, world):
    """Data that would change something if the POST were accepted."""
    if name == "supervision_admin:session_attendance":
        return {f"status_{user.pk}": "present" for user in obj_set["members"]}
    if name == "supervision_admin:note_add":
        return {"text": "forged note"}
    if name == "supervision_admin:note_edit":
        return {"delete": "1"}
    if name == "supervision_admin:group_members":
        return {"remove": obj_set["members"][0].pk}
    if name.endswith(":edit"):
        return {
            "session": {
                "kind": "group",
                "advisor": obj_set["session"].advisor_id,
                "group": obj_set["group"].pk,
                "starts_at": "2026-01-05 10:00",
                "duration_minutes": 60,
                "place": "Forged room",
                "topic": "Forged",
                "status": "planned",
                "confirm_overlap": "on",
            },
            "period": {
                "supporter": obj_set["period"].supporter_id,
                "institution": obj_set["period"].institution_id,
                "starts_on": "2025-01-01",
                "ends_on": "2030-01-01",
                "status": "active",
            },
            "group": {
                "name": "Forged",
                "institution": obj_set["group"].institution_id,
                "advisors": [world.advisor_a.pk],
            },
            "assignment": {
                "advisor": world.advisor_a.pk,
                "supporter": obj_set["assignment"].supporter_id,
                "starts_on": "2025-01-01",
            },
            "profile": {"user": obj_set["profile"].user_id, "is_lead": "on"},
        }[kind]
    return {}


def fingerprint():
    """Everything a supervision POST could change, as plain values."""
    models = [
        Session,
        SessionParticipant,
        Attendance,
        Note,
        EngagementPeriod,
        SupervisionGroup,
        GroupMembership,
        AdvisorAssignment,
        AdvisorProfile,
    ]
    state = {model.__name__: sorted(map(repr, model.objects.values_list())) for model in models}
    state["advisors"] = sorted(SupervisionGroup.advisors.through.objects.values_list("supervisiongroup_id", "user_id"))
    state["audit"] = AuditEvent.objects.exclude(action__in=["note.read"]).count()
    state["log"] = ModelLogEntry.objects.count()
    return state


def actor(world, role):
    return {"trainee": world.s1}.get(role) or getattr(world, role)


@pytest.mark.parametrize("role", ROLES)
def test_matrix(client, world, objects, role):
    if role != "anonymous":
        client.force_login(actor(world, role))
    widened, refused = [], []
    for name, (kind, allowed) in MATRIX.items():
        for set_name, obj_set in objects.items():
            url = url_for(name, kind, obj_set)
            may = (role, set_name) in allowed
            status = client.get(url).status_code
            if may and status != 200:
                refused.append((name, set_name, status))
            if not may and status == 200:
                widened.append((name, set_name, "GET"))
            if not may:
                before = fingerprint()
                response = client.post(url, post_payload(name, kind, obj_set, world))
                if fingerprint() != before:
                    widened.append((name, set_name, f"POST {response.status_code}"))
    assert widened == [], f"{role} reached what they may not: {widened}"
    assert refused == [], f"{role} was refused what they may: {refused}"
