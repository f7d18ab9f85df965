"""Coordinator screens: role × route, institution scoping, actions with reasons, bad input."""

import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Certificate
from certificates.services import certificate_suspend
from lms.models import AuditEvent
from tests.courses.factories import CourseFactory
from tests.lms.factories import InstitutionFactory, UserFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/certificates/records/"


@pytest.fixture
def oslomet():
    return InstitutionFactory(name="OsloMet test", slug="oslomet-test")


@pytest.fixture
def uio():
    return InstitutionFactory(name="UiO test", slug="uio-test")


@pytest.fixture
def own_coordinator(oslomet):
    return UserFactory(role="Coordinators", with_totp=True, institution=oslomet)


@pytest.fixture
def own_certificate(oslomet, course):
    return CertificateFactory(holder=UserFactory(role="Trainees", institution=oslomet), course=course)


@pytest.fixture
def other_certificate(uio, course):
    return CertificateFactory(
        holder=UserFactory(role="Trainees", institution=uio, full_name="Other Person"), course=course
    )


def inspect_url(certificate):
    return f"{LIST}inspect/{certificate.pk}/"


def action_url(certificate, action):
    return f"/admin/certificates/{certificate.pk}/{action}/"


@pytest.mark.parametrize("role", ["Trainees", "Counsellors", "Advisors"])
def test_roles_without_certificate_permissions_cannot_list(client, role):
    user = UserFactory(role=role, with_totp=role != "Trainees")
    client.force_login(user)
    assert client.get(LIST).status_code in (302, 403)


def test_anonymous_is_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response["Location"]


def test_coordinator_sees_only_their_institutions_certificates(
    client, own_coordinator, own_certificate, other_certificate
):
    client.force_login(own_coordinator)
    body = client.get(LIST).content.decode()
    assert own_certificate.holder_name in body and other_certificate.holder_name not in body


def test_administrator_sees_every_certificate(client, administrator, own_certificate, other_certificate):
    client.force_login(administrator)
    body = client.get(LIST).content.decode()
    assert own_certificate.holder_name in body and other_certificate.holder_name in body


def test_list_shows_the_issue_time_in_oslo_with_the_zone(client, administrator, own_certificate):
    Certificate.objects.filter(pk=own_certificate.pk).update(issued_at=datetime(2026, 6, 1, 22, 30, tzinfo=UTC))
    client.force_login(administrator)
    assert "2026-06-02 00:30 CEST (Europe/Oslo)" in client.get(LIST).content.decode()


def test_list_filters_by_status(client, administrator, own_certificate, other_certificate):
    certificate_suspend(certificate=other_certificate, actor=administrator, reason="Review")
    client.force_login(administrator)
    body = client.get(LIST, {"status": "suspended"}).content.decode()
    assert other_certificate.holder_name in body and own_certificate.holder_name not in body


def test_list_filters_by_institution(client, administrator, own_certificate, other_certificate, uio):
    client.force_login(administrator)
    body = client.get(LIST, {"holder__institution": uio.pk}).content.decode()
    assert other_certificate.holder_name in body and own_certificate.holder_name not in body


def test_export_is_scoped_to_the_institution(client, own_coordinator, own_certificate, other_certificate):
    client.force_login(own_coordinator)
    response = client.get(LIST, {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert own_certificate.display_code in body and other_certificate.display_code not in body


def test_list_query_count_is_flat(client, administrator, course, django_assert_max_num_queries):
    client.force_login(administrator)
    for _ in range(3):
        CertificateFactory(course=course)
    client.get(LIST)

    with CaptureQueriesContext(connection) as small:
        client.get(LIST)
    for _ in range(20):
        CertificateFactory(course=course)
    with CaptureQueriesContext(connection) as large:
        client.get(LIST)
    assert len(large) == len(small)


def test_coordinator_can_inspect_their_certificate(client, own_coordinator, own_certificate):
    client.force_login(own_coordinator)
    response = client.get(inspect_url(own_certificate))
    assert response.status_code == 200 and "Suspend certificate" in response.content.decode()


def test_coordinator_gets_404_for_another_institutions_certificate(client, own_coordinator, other_certificate):
    client.force_login(own_coordinator)
    assert client.get(inspect_url(other_certificate)).status_code == 404


@pytest.mark.parametrize("action", ["suspend", "revoke", "withdraw", "correct"])
def test_coordinator_cannot_act_on_another_institution(client, own_coordinator, other_certificate, action):
    client.force_login(own_coordinator)
    response = client.post(action_url(other_certificate, action), {"reason": "x", "holder_name": "X Y"})
    other_certificate.refresh_from_db()
    assert response.status_code == 404 and other_certificate.status == "valid"


def test_counsellor_cannot_revoke(client, counsellor, own_certificate):
    client.force_login(counsellor)
    response = client.post(action_url(own_certificate, "revoke"), {"reason": "x"})
    assert response.status_code in (302, 403)
    own_certificate.refresh_from_db()
    assert own_certificate.status == "valid"


def test_generic_edit_and_delete_are_refused(client, administrator, own_certificate):
    client.force_login(administrator)
    assert client.get(f"{LIST}edit/{own_certificate.pk}/").status_code in (302, 403)
    assert client.post(f"{LIST}delete/{own_certificate.pk}/").status_code in (302, 403)
    assert Certificate.objects.filter(pk=own_certificate.pk).exists()


def test_coordinator_suspends_with_a_reason(client, own_coordinator, own_certificate):
    client.force_login(own_coordinator)
    response = client.post(action_url(own_certificate, "suspend"), {"reason": "Complaint under review"})
    own_certificate.refresh_from_db()
    assert response.status_code == 302 and own_certificate.status == "suspended"


def test_suspension_is_audited_with_the_request(client, own_coordinator, own_certificate):
    client.force_login(own_coordinator)
    client.post(action_url(own_certificate, "suspend"), {"reason": "Complaint under review"})
    event = AuditEvent.objects.get(action="certificate.suspended")
    assert event.actor == own_coordinator and event.ip_address == "127.0.0.1"


def test_coordinator_unsuspends(client, own_coordinator, own_certificate):
    client.force_login(own_coordinator)
    client.post(action_url(own_certificate, "suspend"), {"reason": "Review"})
    client.post(action_url(own_certificate, "unsuspend"), {"reason": "Cleared"})
    own_certificate.refresh_from_db()
    assert own_certificate.status == "valid"


def test_revoking_without_a_reason_shows_a_message_and_changes_nothing(client, own_coordinator, own_certificate):
    client.force_login(own_coordinator)
    response = client.post(action_url(own_certificate, "revoke"), {"reason": "   "})
    own_certificate.refresh_from_db()
    assert response.status_code == 400 and "Give a reason" in response.content.decode()
    assert own_certificate.status == "valid" and not AuditEvent.objects.filter(action="certificate.revoked").exists()


def test_revoke_shows_on_the_verify_page_at_once(client, own_coordinator, own_certificate):
    anonymous = client.__class__()
    anonymous.get(own_certificate.get_absolute_url())
    client.force_login(own_coordinator)
    client.post(action_url(own_certificate, "revoke"), {"reason": "Issued in error"})
    assert "banner--revoked" in anonymous.get(own_certificate.get_absolute_url()).content.decode()


def test_unknown_action_is_refused(client, own_coordinator, own_certificate):
    client.force_login(own_coordinator)
    response = client.post(action_url(own_certificate, "delete"), {"reason": "x"})
    own_certificate.refresh_from_db()
    assert response.status_code in (302, 403) and own_certificate.status == "valid"


def test_correct_with_an_empty_name_shows_a_message_and_changes_nothing(client, own_coordinator, own_certificate):
    name = own_certificate.holder_name
    client.force_login(own_coordinator)
    response = client.post(action_url(own_certificate, "correct"), {"holder_name": "  ", "reason": "typo"})
    own_certificate.refresh_from_db()
    assert response.status_code == 400 and "full legal name" in response.content.decode()
    assert own_certificate.holder_name == name


def test_correct_reissues_under_the_same_code(client, own_coordinator, own_certificate):
    client.force_login(own_coordinator)
    client.post(action_url(own_certificate, "correct"), {"holder_name": "Kari Nordmann", "reason": "Typo"})
    own_certificate.refresh_from_db()
    assert own_certificate.holder_name == "Kari Nordmann"
    assert "Kari Nordmann" in client.get(own_certificate.get_absolute_url()).content.decode()


def test_manual_issue_by_a_coordinator(client, own_coordinator, oslomet, course):
    holder = UserFactory(role="Trainees", institution=oslomet)
    client.force_login(own_coordinator)
    response = client.post(
        "/admin/certificates/issue/",
        {"holder_email": holder.email, "course": course.pk, "reason": "Completed on paper"},
    )
    certificate = Certificate.objects.get(holder=holder)
    assert response.status_code == 302 and certificate.issue_method == "manual"


def test_manual_issue_without_a_reason_issues_nothing(client, own_coordinator, oslomet, course):
    holder = UserFactory(role="Trainees", institution=oslomet)
    client.force_login(own_coordinator)
    response = client.post("/admin/certificates/issue/", {"holder_email": holder.email, "course": course.pk})
    assert response.status_code == 400 and not Certificate.objects.exists()


def test_manual_issue_for_another_institution_is_refused(client, own_coordinator, uio, course):
    holder = UserFactory(role="Trainees", institution=uio)
    client.force_login(own_coordinator)
    response = client.post(
        "/admin/certificates/issue/", {"holder_email": holder.email, "course": course.pk, "reason": "x"}
    )
    assert response.status_code == 400 and not Certificate.objects.exists()


def test_zip_holds_the_pdfs_of_the_course_for_this_coordinator(
    client, own_coordinator, own_certificate, other_certificate
):
    client.force_login(own_coordinator)
    response = client.get("/admin/certificates/zip/", {"course": own_certificate.course_id, "ended": "leave_out"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 1 and own_certificate.display_code in names[0]
    assert archive.read(names[0]).startswith(b"%PDF")


def test_zip_for_a_course_without_certificates_is_empty(client, own_coordinator):
    client.force_login(own_coordinator)
    response = client.get("/admin/certificates/zip/", {"course": CourseFactory().pk, "ended": "mark"})
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist() == []


def test_design_snippet_is_editable_by_counsellors(client, counsellor):
    client.force_login(counsellor)
    assert client.get("/admin/snippets/certificates/certificatedesign/add/").status_code == 200


def test_design_snippet_is_closed_to_advisors(client, advisor):
    client.force_login(advisor)
    assert client.get("/admin/snippets/certificates/certificatedesign/add/").status_code in (302, 403)
