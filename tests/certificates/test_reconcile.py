"""Reconciliation (certificates.reconcile): what a crash left owed is issued, rendered and sent, once."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate
from certificates.reconcile import certificates_reconcile, owed_course_enrollments
from certificates.services import certificate_revoke
from certificates.tasks import send_certificate_issued_email
from courses.models import Enrollment
from lms.models import AuditEvent
from lms.periodic import job_named
from supervision.models import EngagementPeriod
from tests.courses.factories import CourseFactory
from tests.lms.factories import UserFactory
from tests.supervision.factories import EngagementPeriodFactory

from .factories import CertificateFactory


def completed(user=None, course=None) -> Enrollment:
    """A completed enrolment whose certificate was never issued (the receiver never ran)."""

    return Enrollment.objects.create(
        user=user or UserFactory(role="Trainees"),
        course=course or CourseFactory(),
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now(),
    )


def test_a_completed_enrolment_without_certificate_gets_one_with_pdf_and_email(db):
    enrollment = completed()
    report = certificates_reconcile()
    certificate = Certificate.objects.get(holder=enrollment.user, course=enrollment.course)
    assert (report.owed, report.issued, report.pdfs, report.emails) == (1, 1, 1, 1)
    assert certificate.pdf and certificate.issued_email_sent_at is not None
    assert [message.to for message in mail.outbox] == [[enrollment.user.email]]
    assert AuditEvent.objects.filter(action="certificate.reconciled", detail__repaired="issued").count() == 1


def test_a_completed_refresher_course_owes_no_certificate_of_its_own(db):
    completed(course=CourseFactory(refresher_for=CourseFactory()))
    report = certificates_reconcile()
    assert (report.owed, report.issued) == (0, 0)
    assert Certificate.objects.count() == 0


def test_a_second_run_does_nothing(db):
    completed()
    certificates_reconcile()
    report = certificates_reconcile()
    assert (report.owed, report.issued, report.pdfs, report.emails) == (0, 0, 0, 0)
    assert Certificate.objects.count() == 1 and len(mail.outbox) == 1


def test_dry_run_counts_and_changes_nothing(db):
    completed()
    report = certificates_reconcile(dry_run=True)
    assert report.owed == 1 and report.issued == 0
    assert Certificate.objects.count() == 0 and mail.outbox == []


def test_a_revoked_certificate_is_not_reissued(db):
    certificate = CertificateFactory()
    Enrollment.objects.create(
        user=certificate.holder, course=certificate.course, status="completed", completed_at=certificate.issued_at
    )
    certificate_revoke(certificate=certificate, actor=None, reason="Issued in error")
    assert not owed_course_enrollments().exists()
    certificates_reconcile()
    assert Certificate.objects.filter(holder=certificate.holder).count() == 1


def test_inactive_and_unfinished_enrolments_owe_nothing(db):
    completed(user=UserFactory(is_active=False))
    Enrollment.objects.create(user=UserFactory(), course=CourseFactory())  # active, not completed
    assert not owed_course_enrollments().exists()


def test_a_holder_without_legal_name_is_skipped_and_retried(db):
    enrollment = completed(user=UserFactory(full_name=""))
    report = certificates_reconcile()
    assert (report.owed, report.skipped, report.issued) == (1, 1, 0)
    enrollment.user.full_name = "Kari Nordmann"
    enrollment.user.save()
    assert certificates_reconcile().issued == 1


def test_missing_pdf_and_unsent_email_of_an_issued_certificate_are_finished(db, monkeypatch):
    monkeypatch.setattr("certificates.services.transaction.on_commit", lambda *args, **kwargs: None)
    certificate = CertificateFactory()  # issued, but its follow-ups were lost
    assert not certificate.pdf and certificate.issued_email_sent_at is None
    report = certificates_reconcile()
    certificate.refresh_from_db()
    assert (report.issued, report.pdfs, report.emails) == (0, 1, 1)
    assert certificate.pdf and certificate.issued_email_sent_at is not None and len(mail.outbox) == 1


def test_a_failed_send_releases_its_claim_for_the_next_run(db, monkeypatch):
    monkeypatch.setattr("certificates.services.transaction.on_commit", lambda *args, **kwargs: None)
    certificate = CertificateFactory()

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("certificates.tasks.send_mail", broken)
    report = certificates_reconcile()
    assert report.emails == 0 and len(report.errors) == 1
    certificate.refresh_from_db()
    assert certificate.issued_email_claimed_at is None and certificate.issued_email_sent_at is None
    monkeypatch.undo()
    assert certificates_reconcile().emails == 1 and len(mail.outbox) == 1


def test_the_email_task_sends_once_however_often_it_runs(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = CertificateFactory()  # the normal path sent it
    assert len(mail.outbox) == 1
    assert send_certificate_issued_email.call(certificate.pk) is False
    assert len(mail.outbox) == 1


def test_the_command_prints_the_counts_and_the_job_is_registered(db):
    completed()
    out = StringIO()
    call_command("reconcile_certificates", stdout=out)
    assert "owed 1, issued 1, skipped 0, PDFs rendered 1, emails sent 1" in out.getvalue()
    assert job_named("reconcile_certificates").interval.total_seconds() == 600


def test_the_count_is_logged(db, caplog):
    completed()
    with caplog.at_level("INFO", logger="certificates.reconcile"):
        certificates_reconcile()
    assert "owed 1, issued 1" in caplog.text


@pytest.mark.django_db
def test_an_approved_engagement_without_its_certificate_gets_it():
    coordinator = UserFactory(role="Coordinators")
    period = EngagementPeriodFactory()
    EngagementPeriod.objects.filter(pk=period.pk).update(
        status=EngagementPeriod.Status.COMPLETED, approved_at=timezone.now(), approved_by=coordinator
    )
    report = certificates_reconcile()
    period.refresh_from_db()
    assert report.issued == 1 and period.certificate is not None
    assert period.certificate.kind == Certificate.Kind.ENGAGEMENT and period.certificate.issued_by == coordinator
    assert certificates_reconcile().issued == 0
