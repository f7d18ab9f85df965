"""Deleting a user with history in the Wagtail admin erases the account instead: held sessions keep their
participants and attendance, certificates stay with the holder's name as issued, a nameless placeholder shows."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.urls import reverse

from certificates.models import Certificate
from lms import services as lms_services
from lms.models import AuditEvent
from supervision import services
from supervision.models import (
    Attendance,
    EngagementPeriod,
    GroupMembership,
    Note,
    Session,
    SessionParticipant,
    SupervisionSettings,
)
from tests.certificates.factories import CertificateFactory

from .conftest import past_session

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def held(world):
    session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
    services.attendance_record(
        session=session, statuses={world.s1.pk: "present", world.s2.pk: "late"}, actor=world.advisor_a
    )
    return session


def delete_url(user):
    return reverse("wagtailusers_users:delete", args=[user.pk])


class TestDeletingSomeoneWithHeldSessions:
    def test_get_shows_what_will_happen_not_referenced_n_times(self, client, world, held):
        client.force_login(world.administrator)
        response = client.get(delete_url(world.s1))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Erase account" in content and "Deleted user" in content
        assert "Session participants: 1" in content and "Attendance: 1" in content and "referenced" not in content

    def test_post_erases_keeps_the_participants_and_attendance(self, client, world, held):
        client.force_login(world.administrator)
        response = client.post(delete_url(world.s1))
        assert response.status_code == 302
        erased = User.objects.get(pk=world.s1.pk)
        assert SessionParticipant.objects.filter(session=held).count() == 2
        assert Attendance.objects.filter(session=held).count() == 2
        assert (erased.is_active, erased.full_name, str(erased), erased.has_usable_password()) == (
            False,
            "",
            "Deleted user",
            False,
        )
        assert not erased.groups.exists() and erased.email.endswith("@erased.invalid")

    def test_the_session_shows_the_placeholder(self, client, world, held):
        lms_services.user_erase(user=world.s1, actor=world.administrator)
        client.force_login(world.advisor_a)
        content = client.get(reverse("supervision_admin:session_detail", args=[held.pk])).content.decode()
        assert "Deleted user" in content and "Supporter One" not in content
        assert "Supporter Two" in content

    def test_notes_about_the_person_go_memberships_and_period_end(self, world, held):
        lms_services.user_erase(user=world.s1, actor=world.administrator)
        assert not Note.objects.filter(supporter=world.s1).exists()
        assert Note.objects.filter(pk=world.note_b.pk).exists()
        assert not GroupMembership.objects.open().filter(supporter=world.s1).exists()
        assert GroupMembership.objects.filter(supporter=world.s1).exists()  # the history row stays
        assert EngagementPeriod.objects.get(pk=world.period1.pk).status == EngagementPeriod.Status.WITHDRAWN

    def test_the_other_participant_keeps_their_count(self, world, held):
        rules = SupervisionSettings.current().rules()
        before = EngagementPeriod.objects.with_progress(rules).get(pk=world.period2.pk).sessions_attended
        lms_services.user_erase(user=world.s1, actor=world.administrator)
        after = EngagementPeriod.objects.with_progress(rules).get(pk=world.period2.pk).sessions_attended
        assert before == after == 1

    def test_erasure_is_audited_with_the_actor_and_counts_only(self, world, held):
        lms_services.user_erase(user=world.s1, actor=world.administrator)
        event = AuditEvent.objects.get(action="account.erased")
        assert event.actor == world.administrator and "Supporter One" not in str(event.detail)

    def test_erasing_twice_changes_nothing(self, world, held):
        first = lms_services.user_erase(user=world.s1, actor=world.administrator)
        second = lms_services.user_erase(user=first, actor=world.administrator)
        assert (second.email, AuditEvent.objects.filter(action="account.erased").count()) == (first.email, 1)

    def test_a_raw_delete_cannot_rewrite_history(self, world, held):
        with pytest.raises(ProtectedError):
            User.objects.get(pk=world.s1.pk).delete()

    def test_only_administrators_reach_the_screen(self, client, world, held):
        client.force_login(world.coordinator_a)
        client.post(delete_url(world.s1))
        assert User.objects.get(pk=world.s1.pk).is_active


class TestDeletingACertificateHolder:
    def test_the_certificate_is_kept_with_the_name_as_issued(self, client, world):
        certificate = CertificateFactory(holder=world.s3)
        client.force_login(world.administrator)
        client.post(delete_url(world.s3))
        certificate = Certificate.objects.get(pk=certificate.pk)
        assert (certificate.holder_id, certificate.holder_name, certificate.status) == (
            world.s3.pk,
            "Supporter Three",
            "valid",
        )
        assert str(certificate.holder) == "Deleted user"


class TestDeletingSomeoneWithoutHistory:
    def test_is_a_plain_delete(self, client, world):
        person = User.objects.create_user(email="nohistory@example.org", full_name="No History")
        client.force_login(world.administrator)
        client.post(delete_url(person))
        assert not User.objects.filter(pk=person.pk).exists()

    def test_bulk_delete_of_someone_with_history_is_refused(self, client, world, held):
        client.force_login(world.administrator)
        url = reverse("wagtail_bulk_action", args=["lms", "user", "delete"]) + f"?id={world.s1.pk}"
        client.post(url)
        assert User.objects.filter(pk=world.s1.pk, is_active=True).exists()
