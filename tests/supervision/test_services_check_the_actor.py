"""Services check their actor themselves (decision 0185): a second caller that forgets the view's check is refused
with PermissionDenied and nothing is written."""

import pytest
from django.core.exceptions import PermissionDenied

from lms.models import AuditEvent
from supervision import services
from supervision.models import Attendance, EngagementPeriod, Note, Session

from .conftest import past_session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["coordinator_b", "advisor_a", "counsellor", "s1", "lead"])
def test_only_administrators_and_the_own_coordinator_approve(ready_period, world, who):
    with pytest.raises(PermissionDenied):
        services.engagement_approve(period=ready_period, actor=getattr(world, who))
    ready_period.refresh_from_db()
    assert (ready_period.approved_at, ready_period.certificate_id) == (None, None)


@pytest.mark.parametrize("who", ["coordinator_a", "administrator"])
def test_the_own_coordinator_and_administrators_approve(ready_period, world, who):
    assert services.engagement_approve(period=ready_period, actor=getattr(world, who)).kind == "engagement"


def test_a_coordinator_without_an_institution_approves_nothing(world):
    world.coordinator_a.institution = None
    world.coordinator_a.save()
    assert not EngagementPeriod.objects.approvable_by(world.coordinator_a).exists()


@pytest.mark.parametrize("who", ["advisor_b", "coordinator_a", "counsellor", "s1"])
def test_attendance_only_by_whoever_sees_the_session(world, who):
    session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
    with pytest.raises(PermissionDenied):
        services.attendance_record(session=session, statuses={world.s1.pk: "present"}, actor=getattr(world, who))
    assert not Attendance.objects.filter(session=session).exists()
    assert not session.participants.exists()


@pytest.mark.parametrize("who", ["advisor_a", "lead", "administrator"])
def test_attendance_by_the_advisor_a_lead_or_an_administrator(world, who):
    session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
    result = services.attendance_record(session=session, statuses={world.s1.pk: "present"}, actor=getattr(world, who))
    assert result["created"] == 1


@pytest.mark.parametrize(
    ("who", "about"),
    [
        ("coordinator_a", "supporter"),  # sees s1's period, but writes no notes
        ("counsellor", "supporter"),
        ("advisor_b", "supporter"),  # s1 is not advisor B's
        ("advisor_b", "session"),  # nor is advisor A's session
    ],
)
def test_notes_only_by_an_advisor_who_sees_the_subject(world, who, about):
    before = (Note.objects.count(), AuditEvent.objects.filter(action="note.created").count())
    subject = {"supporter": world.s1} if about == "supporter" else {"session": world.session_a}
    with pytest.raises(PermissionDenied):
        services.note_create(author=getattr(world, who), text="forged", **subject)
    assert (Note.objects.count(), AuditEvent.objects.filter(action="note.created").count()) == before


def test_the_own_advisor_writes_a_note_on_their_session(world):
    note = services.note_create(author=world.advisor_a, text="seen", session=world.session_a)
    assert note.author == world.advisor_a
