import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, StatusListEntry
from certificates.pdf import ensure_pdf
from certificates.services import (
    CertificateError,
    certificate_correct,
    certificate_revoke,
    certificate_suspend,
    certificate_unsuspend,
    certificate_withdraw,
    issue_course_certificate,
    issue_engagement_certificate,
)
from courses.signals import course_completed
from lms.models import AuditEvent
from tests.courses.factories import CourseFactory, EnrollmentFactory

from .factories import CertificateDesignFactory, sample_evidence

pytestmark = pytest.mark.django_db


def issue(holder, course, **kwargs):
    return issue_course_certificate(holder=holder, course=course, evidence=sample_evidence(course), **kwargs)


def test_issue_snapshots_the_holder_name(trainee, course):
    certificate = issue(trainee, course)
    trainee.full_name = "Changed Later"
    trainee.save()
    certificate.refresh_from_db()
    assert certificate.holder_name != "Changed Later"


def test_issue_snapshots_the_course_certificate_text_in_both_languages(trainee, course):
    certificate = issue(trainee, course)
    assert (certificate.achievement_title, certificate.achievement_title_nb) == (
        course.certificate_title,
        course.certificate_title_nb,
    )


def test_issue_sets_valid_until_from_the_course(trainee, course):
    certificate = issue(trainee, course)
    assert certificate.valid_until.year == certificate.valid_from.year + course.certificate_valid_years


def test_issue_without_expiry_when_the_course_has_none(trainee):
    certificate = issue(trainee, CourseFactory(certificate_valid_years=None))
    assert certificate.valid_until is None


def test_issue_is_idempotent(trainee, course):
    first = issue(trainee, course)
    second = issue(trainee, course)
    assert (second.pk, second.created_now) == (first.pk, False)


def test_issue_records_institution_and_issuer(trainee, course, settings):
    certificate = issue(trainee, course)
    assert certificate.issuer_name == settings.CERTIFICATES_ISSUER_NAME


def test_issue_writes_an_audit_event(trainee, course):
    certificate = issue(trainee, course)
    assert AuditEvent.objects.for_object(certificate).filter(action="certificate.issued").count() == 1


def test_issue_writes_a_history_row(trainee, course):
    certificate = issue(trainee, course)
    assert list(certificate.events.values_list("action", flat=True)) == ["issued"]


def test_issue_emails_the_holder_after_commit(trainee, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(trainee, course)
    assert len(mail.outbox) == 1 and certificate.public_url() in mail.outbox[0].body


def test_issue_sends_no_email_before_commit(trainee, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        issue(trainee, course)
    assert mail.outbox == []


def test_issue_renders_the_pdf_after_commit(trainee, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(trainee, course)
    certificate.refresh_from_db()
    assert certificate.pdf.name.endswith(".pdf")


def test_manual_issue_needs_a_reason(trainee, course, coordinator):
    with pytest.raises(CertificateError):
        issue(trainee, course, issued_by=coordinator, reason="  ")
    assert not Certificate.objects.exists()


def test_manual_issue_records_reason_and_actor(trainee, course, coordinator):
    certificate = issue(trainee, course, issued_by=coordinator, reason="Completed on paper during an outage")
    assert (certificate.issue_method, certificate.issued_by) == ("manual", coordinator)


def test_course_certificate_needs_a_course(trainee):
    with pytest.raises(CertificateError):
        issue_course_certificate(holder=trainee, course=None, evidence={})


def test_engagement_certificate_refers_to_the_course_certificate(certificate):
    engagement = issue_engagement_certificate(
        holder=certificate.holder,
        evidence={"period": {"start": "2026-01-01", "end": "2026-06-30"}, "sessions_attended": 6, "hours": 40},
        related_certificate=certificate,
        scope="period-1",
    )
    assert certificate.public_url() in [item["id"] for item in engagement.credential["evidence"]]


def test_engagement_certificates_are_one_per_scope(certificate):
    kwargs = {"holder": certificate.holder, "evidence": {}, "scope": "period-1"}
    assert issue_engagement_certificate(**kwargs).pk == issue_engagement_certificate(**kwargs).pk


def test_issue_freezes_the_active_design(trainee, course):
    design = CertificateDesignFactory(signatories=[("Ingrid Haugen", "Programme Lead")])
    certificate = issue(trainee, course)
    design.signatories.update(name="Someone Else")
    certificate.refresh_from_db()
    assert certificate.design["signatories"][0]["name"] == "Ingrid Haugen"


def test_status_list_index_is_unique_and_registered(certificate):
    assert StatusListEntry.objects.get(index=certificate.status_list_index).certificate == certificate


def test_receiver_issues_on_course_completed():
    enrollment = EnrollmentFactory(completed=True)
    course_completed.send(sender=None, enrollment=enrollment, user=enrollment.user, course=enrollment.course)
    assert Certificate.objects.filter(holder=enrollment.user, course=enrollment.course).count() == 1


def test_receiver_is_idempotent_when_the_event_repeats():
    enrollment = EnrollmentFactory(completed=True)
    for _ in range(2):
        course_completed.send(sender=None, enrollment=enrollment, user=enrollment.user, course=enrollment.course)
    assert Certificate.objects.filter(holder=enrollment.user).count() == 1


def test_receiver_records_the_enrolment_evidence():
    enrollment = EnrollmentFactory(completed=True)
    course_completed.send(sender=None, enrollment=enrollment, user=enrollment.user, course=enrollment.course)
    assert Certificate.objects.get(holder=enrollment.user).evidence == enrollment.evidence()


# --- status changes -------------------------------------------------------------------------------------------


def test_suspend_records_reason_actor_and_time(certificate, coordinator):
    certificate = certificate_suspend(certificate=certificate, actor=coordinator, reason="Under review")
    assert (certificate.status, certificate.status_reason, certificate.status_changed_by) == (
        "suspended",
        "Under review",
        coordinator,
    )


def test_unsuspend_makes_it_valid_again(certificate, coordinator):
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Under review")
    certificate = certificate_unsuspend(certificate=certificate, actor=coordinator, reason="Cleared")
    assert certificate.status == "valid"


def test_revoke_without_a_reason_is_refused_and_changes_nothing(certificate, coordinator):
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=certificate, actor=coordinator, reason="   ")
    certificate.refresh_from_db()
    assert (certificate.status, certificate.events.count()) == ("valid", 1)


def test_revoking_twice_is_refused(certificate, coordinator):
    certificate_revoke(certificate=certificate, actor=coordinator, reason="Issued in error")
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=certificate, actor=coordinator, reason="Again")


def test_withdraw_is_final(certificate, coordinator):
    certificate_withdraw(certificate=certificate, actor=coordinator, reason="At the holder's request")
    with pytest.raises(CertificateError):
        certificate_suspend(certificate=certificate, actor=coordinator, reason="x")


def test_unsuspending_a_valid_certificate_is_refused(certificate, coordinator):
    with pytest.raises(CertificateError):
        certificate_unsuspend(certificate=certificate, actor=coordinator, reason="x")


@pytest.mark.parametrize(
    ("service", "action"),
    [(certificate_suspend, "certificate.suspended"), (certificate_revoke, "certificate.revoked")],
)
def test_status_changes_are_audited(certificate, coordinator, service, action):
    service(certificate=certificate, actor=coordinator, reason="Reason")
    assert AuditEvent.objects.filter(action=action, actor=coordinator).count() == 1


def test_status_change_writes_history(certificate, coordinator):
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Under review")
    event = certificate.events.last()
    assert (event.action, event.from_status, event.to_status) == (
        CertificateEvent.Action.SUSPENDED,
        "valid",
        "suspended",
    )


# --- correction -----------------------------------------------------------------------------------------------


def test_correct_changes_the_name_under_the_same_code(certificate, coordinator):
    code = certificate.code
    certificate = certificate_correct(certificate=certificate, holder_name="Kari  Nordmann", actor=coordinator)
    assert (certificate.code, certificate.holder_name) == (code, "Kari Nordmann")


def test_correct_signs_a_new_credential_with_the_new_name(certificate, coordinator):
    old_jwt = certificate.credential_jwt
    certificate = certificate_correct(certificate=certificate, holder_name="Kari Nordmann", actor=coordinator)
    assert certificate.credential_jwt != old_jwt
    assert certificate.credential["credentialSubject"]["name"] == "Kari Nordmann"


def test_correct_supersedes_the_old_status_entry(certificate, coordinator):
    old_index = certificate.status_list_index
    certificate = certificate_correct(certificate=certificate, holder_name="Kari Nordmann", actor=coordinator)
    assert certificate.status_list_index != old_index
    assert StatusListEntry.objects.get(index=old_index).superseded_at is not None


def test_correct_regenerates_the_pdf(certificate, coordinator, django_capture_on_commit_callbacks):
    old_pdf = ensure_pdf(certificate).pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        certificate_correct(certificate=certificate, holder_name="Kari Nordmann", actor=coordinator)
    certificate.refresh_from_db()
    assert certificate.pdf.name and certificate.pdf.name != old_pdf


def test_correct_with_an_empty_name_is_refused_and_changes_nothing(certificate, coordinator):
    name, jwt = certificate.holder_name, certificate.credential_jwt
    with pytest.raises(CertificateError, match="full legal name"):
        certificate_correct(certificate=certificate, holder_name="   ", actor=coordinator)
    certificate.refresh_from_db()
    assert (certificate.holder_name, certificate.credential_jwt) == (name, jwt)


def test_a_revoked_certificate_cannot_be_corrected(certificate, coordinator):
    certificate_revoke(certificate=certificate, actor=coordinator, reason="Error")
    with pytest.raises(CertificateError):
        certificate_correct(certificate=certificate, holder_name="New Name", actor=coordinator)


def test_expired_certificates_are_not_valid(certificate):
    certificate.valid_until = timezone.now() - timedelta(seconds=1)
    certificate.valid_from = timezone.now() - timedelta(days=1)
    assert not certificate.is_valid()


def test_evidence_with_decimals_and_dates_is_stored_as_json(trainee):
    certificate = issue_engagement_certificate(
        holder=trainee,
        evidence={"period": {"start": datetime.date(2026, 1, 1)}, "hours": Decimal("12.5"), "sessions_attended": 6},
    )
    certificate.refresh_from_db()
    assert certificate.evidence == {"period": {"start": "2026-01-01"}, "hours": 12.5, "sessions_attended": 6}
