"""Certificate screens: the course ZIP leaves out or marks revoked/withdrawn certificates as the coordinator chooses;
inspect and export show times in Europe/Oslo with the zone named; export headings are labels, once."""

import io
import zipfile
from datetime import UTC, datetime

import pytest

from certificates import services
from certificates.models import Certificate
from lms.models import AuditEvent
from tests.lms.factories import InstitutionFactory, UserFactory
from tests.lms.spreadsheets import csv_rows

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db

ZIP = "/admin/certificates/zip/"


@pytest.fixture
def institution():
    return InstitutionFactory(name="OsloMet test", slug="oslomet-test")


@pytest.fixture
def coordinator(institution):
    return UserFactory(role="Coordinators", with_totp=True, institution=institution)


@pytest.fixture
def four(institution, course, coordinator):
    """One valid, one suspended, one revoked, one withdrawn certificate of `course`."""

    def make(name):
        return CertificateFactory(
            holder=UserFactory(role="Trainees", institution=institution, full_name=name), course=course
        )

    valid, suspended, revoked, withdrawn = (
        make(n) for n in ("Anna Valid", "Bo Suspended", "Cai Revoked", "Dag Withdrawn")
    )
    services.certificate_suspend(certificate=suspended, actor=coordinator, reason="checking")
    services.certificate_revoke(certificate=revoked, actor=coordinator, reason="fraud")
    services.certificate_withdraw(certificate=withdrawn, actor=coordinator, reason="asked to")
    return valid, suspended, revoked, withdrawn


def download(client, course, ended):
    response = client.get(ZIP, {"course": course.pk, "ended": ended})
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_leave_out_keeps_only_valid_and_suspended_and_marks_the_suspended(client, coordinator, course, four):
    valid, suspended, _revoked, _withdrawn = four
    client.force_login(coordinator)
    names = sorted(download(client, course, "leave_out").namelist())
    assert names == [
        f"SUSPENDED-bo-suspended-{suspended.display_code}.pdf",
        f"anna-valid-{valid.display_code}.pdf",
    ]


def test_mark_includes_every_certificate_with_its_status_in_the_name_and_a_status_list(
    client, coordinator, course, four
):
    valid, suspended, revoked, withdrawn = four
    client.force_login(coordinator)
    archive = download(client, course, "mark")
    names = set(archive.namelist())
    assert f"REVOKED-cai-revoked-{revoked.display_code}.pdf" in names
    assert f"WITHDRAWN-dag-withdrawn-{withdrawn.display_code}.pdf" in names
    assert f"anna-valid-{valid.display_code}.pdf" in names
    status = archive.read("STATUS.txt").decode()
    lines = status.splitlines()
    assert lines[0] == "status\tcode\tholder\tissued (Europe/Oslo)\tfile"
    assert {line.split("\t")[0] for line in lines[1:]} == {"VALID", "SUSPENDED", "REVOKED", "WITHDRAWN"}
    assert all(archive.read(name).startswith(b"%PDF") for name in names - {"STATUS.txt"})


@pytest.mark.parametrize("ended", [None, "", "both", "<script>"])
def test_the_choice_is_required_and_checked(client, coordinator, course, four, ended):
    client.force_login(coordinator)
    params = {"course": course.pk} if ended is None else {"course": course.pk, "ended": ended}
    response = client.get(ZIP, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "<script>" not in response.content.decode().split("</header>")[-1]


def test_the_form_offers_the_choice(client, coordinator):
    client.force_login(coordinator)
    html = client.get(ZIP).content.decode()
    assert 'value="leave_out"' in html and 'value="mark"' in html


def test_the_choice_is_audited(client, coordinator, course, four):
    client.force_login(coordinator)
    download(client, course, "mark")
    event = AuditEvent.objects.get(action="certificate.pdfs_downloaded")
    assert event.detail["revoked_and_withdrawn"] == "mark" and event.detail["files"] == 4


def test_another_institutions_certificates_never_enter_the_zip(client, course, four):
    client.force_login(UserFactory(role="Coordinators", with_totp=True, institution=InstitutionFactory()))
    assert download(client, course, "mark").namelist() == []


def _issue_at(certificate, when):
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=when)


def test_inspect_shows_issue_time_and_history_in_oslo_with_the_zone(client, coordinator, course, four):
    valid = four[0]
    _issue_at(valid, datetime(2026, 12, 18, 15, 0, tzinfo=UTC))
    client.force_login(coordinator)
    html = client.get(f"/admin/certificates/records/inspect/{valid.pk}/").content.decode()
    assert "2026-12-18 16:00 CET (Europe/Oslo)" in html
    assert "+00:00" not in html
    assert html.count("(Europe/Oslo)") >= 2  # the issue time and the history's times


def test_csv_export_headings_are_labels_once_and_times_in_oslo(client, coordinator, course, four):
    _issue_at(four[0], datetime(2026, 12, 18, 15, 0, tzinfo=UTC))
    client.force_login(coordinator)
    response = client.get("/admin/certificates/records/", {"export": "csv"})
    rows = csv_rows(response)
    assert rows[0] == [
        "Code",
        "Holder",
        "Achievement",
        "Kind",
        "Status",
        "Reason for the status",
        "Institution",
        "Issued (Europe/Oslo)",
        "Valid until (Europe/Oslo)",
    ]
    anna = next(row for row in rows if row[1] == "Anna Valid")
    assert anna[3:5] == ["Course certificate", "Valid"]
    assert anna[7] == "2026-12-18 16:00:00"
