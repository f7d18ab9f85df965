"""Erasing the demo supporter: nothing holds their name or address any more (except the certificate record when they
chose to keep it verifiable), others' history keeps its shape, and they cannot sign in."""

import pytest
from django.db.models import Count, Sum
from django.urls import reverse
from wagtail.models import Page, Revision

from certificates.models import Certificate
from certificates.status import REVOKED_STATUSES
from courses.models import Enrollment, ModuleCompletion
from lms.models import AuditEvent, User
from lms.services import user_erase
from supervision.models import ActivityLog, Attendance, Session, SessionParticipant
from tests.privacy.scan import rows_holding, rows_referring_to

pytestmark = pytest.mark.django_db

# Where the nameless placeholder may still be referred to: others' records (sessions, attendance, memberships),
# counts and hours for reports, certificates, and the audit log (with the actor pseudonymised).
KEPT_FOR_OTHERS = {
    "supervision.SessionParticipant.supporter",
    "supervision.Attendance.supporter",
    "supervision.GroupMembership.supporter",
    "supervision.EngagementPeriod.supporter",
    "supervision.ActivityLog.supporter",
    "supervision.Note.supporter",  # none left: listed so the test names every kept kind
    "courses.Enrollment.user",
    "courses.QuizAttempt.user",
    "certificates.Certificate.holder",
    "recruitment.CohortMember.user",
    "lms.AuditEvent.actor",
    "privacy.ErasureRequest.user",
}


def _identity(user):
    return {"name": user.full_name, "email": user.email}


def _totals():
    held = Session.objects.filter(status=Session.Status.HELD)
    return {
        "participants": dict(held.annotate(n=Count("participants")).values_list("pk", "n")),
        "attendance": dict(held.annotate(n=Count("attendance")).values_list("pk", "n")),
        "minutes": ActivityLog.objects.aggregate(m=Sum("duration_minutes"))["m"],
        "enrolments": Enrollment.objects.count(),
        "completions": ModuleCompletion.objects.count(),
        "certificates_by_course": dict(
            Certificate.objects.values("course_id").annotate(n=Count("pk")).values_list("course_id", "n")
        ),
    }


@pytest.fixture
def admin_user(demo):
    return User.objects.get(email="admin@example.org")


@pytest.mark.parametrize("choice", ["keep", "withdraw"])
def test_after_erasure_no_row_holds_the_name_or_address(supporter, admin_user, choice):
    identity = _identity(supporter)
    certificate_pks = set(supporter.certificates.values_list("pk", flat=True))
    assert certificate_pks
    user_erase(user=supporter, actor=admin_user, certificate_choice=choice)
    assert rows_holding(identity["email"]) == {}
    named = rows_holding(identity["name"])
    if choice == "keep":
        # The name stays on the certificate record only (what was printed and signed), and the holder was told.
        assert set(named) <= {"certificates.Certificate.holder_name", "certificates.Certificate.credential"}
        assert set(named["certificates.Certificate.holder_name"]) == certificate_pks
    else:
        assert named == {}


def test_only_others_records_still_refer_to_the_placeholder(supporter, admin_user):
    user_erase(user=supporter, actor=admin_user)
    supporter.refresh_from_db()
    assert set(rows_referring_to(supporter)) <= KEPT_FOR_OTHERS
    assert supporter.full_name == "" and supporter.is_erased and not supporter.is_active


def test_the_audit_log_keeps_its_rows_with_the_actor_pseudonymised(supporter, admin_user):
    email = supporter.email
    before = AuditEvent.objects.count()
    by_them = AuditEvent.objects.filter(actor=supporter).count()
    assert AuditEvent.objects.filter(actor_label=email).exists()
    user_erase(user=supporter, actor=admin_user)
    assert AuditEvent.objects.count() > before  # nothing deleted; the erasure itself is recorded
    assert AuditEvent.objects.filter(actor=supporter).count() == by_them
    assert not AuditEvent.objects.filter(actor_label=email).exists()
    assert set(AuditEvent.objects.filter(actor=supporter).values_list("actor_label", flat=True)) == {
        f"erased-user-{supporter.pk}"
    }


def test_held_sessions_and_report_totals_are_unchanged(supporter, admin_user):
    before = _totals()
    assert sum(before["participants"].values()) > 0
    user_erase(user=supporter, actor=admin_user)
    assert _totals() == before
    assert SessionParticipant.objects.filter(supporter=supporter).exists()
    assert Attendance.objects.filter(supporter=supporter).exists()


def test_an_erased_person_cannot_sign_in(client, supporter, admin_user, settings):
    user_erase(user=supporter, actor=admin_user)
    response = client.post(
        reverse("account_login"), {"login": "supporter@example.org", "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


def test_erasure_signs_the_person_out_everywhere(client, supporter, admin_user):
    client.force_login(supporter)
    assert client.get(reverse("privacy:my_data")).status_code == 200
    user_erase(user=supporter, actor=admin_user)
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_withdrawn_certificates_say_so_on_the_verify_page_without_the_name(client, supporter, admin_user):
    certificate = supporter.certificates.first()
    name = supporter.full_name
    user_erase(user=supporter, actor=admin_user, certificate_choice="withdraw")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.WITHDRAWN
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "withdrawn at the holder&#x27;s request" in page.lower()
    assert name not in page


def test_withdrawn_certificates_read_revoked_in_the_status_list(supporter, admin_user):
    user_erase(user=supporter, actor=admin_user, certificate_choice="withdraw")
    assert set(supporter.certificates.values_list("status", flat=True)) <= set(REVOKED_STATUSES)


def test_kept_certificates_still_verify_with_the_name(client, supporter, admin_user):
    certificate = supporter.certificates.first()
    name = supporter.full_name
    user_erase(user=supporter, actor=admin_user, certificate_choice="keep")
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert name in page and certificate.status == Certificate.Status.VALID


def test_staff_who_authored_content_and_decisions_can_be_erased(demo):
    counsellor = User.objects.get(email="counsellor@example.org")
    advisor = User.objects.get(email="advisor@example.org")
    admin = User.objects.get(email="admin@example.org")
    pages = Page.objects.filter(owner=counsellor).count()
    sessions = Session.objects.filter(advisor=advisor).count()
    for person in (counsellor, advisor):
        identity = _identity(person)
        user_erase(user=person, actor=admin)
        assert rows_holding(identity["email"]) == {}
        assert rows_holding(identity["name"]) == {}
    assert Page.objects.filter(owner=counsellor).count() == pages  # history keeps its shape …
    assert Session.objects.filter(advisor=advisor).count() == sessions
    assert str(Session.objects.filter(advisor=advisor).first().advisor) == "Deleted user"  # … with a placeholder
    assert not Revision.objects.filter(user=counsellor).exclude(user__email__endswith="erased.invalid").exists()
