"""Fault injection on PostgreSQL: trainees complete their training while the issuing side fails at each step in
turn; after reconciliation every completion has exactly one certificate, one PDF and one email. Then two
reconcilers at once, on threads, give the same single results."""

from collections import Counter
from unittest import mock

import pytest
from django.core import mail
from django.core.files.storage import default_storage

from certificates.models import Certificate
from certificates.reconcile import certificates_reconcile
from certificates.services import issue_course_certificate
from courses import services as course_services
from courses.models import Enrollment
from tests import races
from tests.certificates.factories import sample_evidence
from tests.courses.factories import CourseFactory, build_course, enrol, modules_of
from tests.lms.factories import UserFactory

pytestmark = races.MARKS


def boom(*args, **kwargs):
    raise RuntimeError("injected fault")


# Every step between "the enrolment is completed" and "the holder has their PDF and email", each made to raise.
FAULTS = {
    "signal not delivered": "courses.services.course_completed.send",
    "receiver": "certificates.receivers.issue_course_certificate",
    "design snapshot": "certificates.services.design_snapshot",
    "signing": "certificates.services.sign_certificate",  # patched where issuing looks it up
    "audit": "certificates.services.audit_record",
    "task enqueue": "django_tasks.backends.immediate.ImmediateBackend.enqueue",
    "pdf render": "certificates.pdf.render_pdf",
    "pdf store": "django.core.files.storage.FileSystemStorage.save",
    "email send": "certificates.tasks.send_mail",
}


def complete_under(fault_target, course_page, module, n=2):
    users = [UserFactory(role="Trainees") for _ in range(n)]
    with mock.patch(fault_target, side_effect=boom):
        for user in users:
            enrollment = enrol(user, course_page)
            course_services.module_complete(enrollment=enrollment, module=module)
    return users


def assert_exactly_once(users):
    sent = Counter(address for message in mail.outbox for address in message.to)
    for user in users:
        enrollment = Enrollment.objects.get(user=user)
        assert enrollment.status == Enrollment.Status.COMPLETED
        certificates = list(Certificate.objects.filter(holder=user))
        assert len(certificates) == 1, user
        certificate = certificates[0]
        assert certificate.pdf and default_storage.exists(certificate.pdf.name)
        files = [
            name for name in default_storage.listdir("certificates/pdf")[1] if name.startswith(str(certificate.uuid))
        ]
        assert len(files) == 1, files
        assert certificate.issued_email_sent_at is not None
        assert sent[user.email] == 1, (user.email, sent[user.email])


def test_every_completion_under_every_fault_ends_with_one_certificate_pdf_and_email():
    course_page = build_course(modules=1)
    module = modules_of(course_page)[0]
    users_by_fault = {name: complete_under(target, course_page, module) for name, target in FAULTS.items()}
    everyone = [user for users in users_by_fault.values() for user in users]
    # The faults did lose work (otherwise this test proves nothing): some completion misses something.
    missing = sum(
        1
        for user in everyone
        if not Certificate.objects.filter(holder=user, issued_email_sent_at__isnull=False).exclude(pdf="").exists()
    )
    assert missing == len(everyone)

    first = certificates_reconcile()
    # at least the five faults that roll the issue back or skip it (two completions each) left no certificate
    assert first.errors == [] and first.owed == first.issued >= 10
    assert_exactly_once(everyone)
    again = certificates_reconcile()
    assert (again.owed, again.issued, again.pdfs, again.emails) == (0, 0, 0, 0)
    assert_exactly_once(everyone)


@pytest.mark.parametrize("fault", ["receiver", "signal not delivered"])
def test_two_reconcilers_at_once_issue_render_and_send_once(fault):
    course_page = build_course(modules=1)
    module = modules_of(course_page)[0]
    users = complete_under(FAULTS[fault], course_page, module, n=6)
    outcome = races.race(certificates_reconcile, threads=2)
    outcome.raise_errors()
    # Each owed certificate was issued by exactly one of the two (its own follow-up tasks render and send it).
    assert sum(report.issued for report in outcome.results) == 6
    assert_exactly_once(users)


def test_two_reconcilers_at_once_render_and_send_the_follow_ups_once():
    course = CourseFactory()
    holders = [UserFactory(role="Trainees") for _ in range(6)]
    with mock.patch("certificates.services.transaction.on_commit"):  # the follow-up tasks are lost
        for holder in holders:
            issue_course_certificate(holder=holder, course=course, evidence=sample_evidence())
    outcome = races.race(certificates_reconcile, threads=2)
    outcome.raise_errors()
    assert sum(report.pdfs for report in outcome.results) == 6
    assert sum(report.emails for report in outcome.results) == 6
    sent = Counter(address for message in mail.outbox for address in message.to)
    for holder in holders:
        certificate = Certificate.objects.get(holder=holder)
        assert certificate.pdf and certificate.issued_email_sent_at is not None and sent[holder.email] == 1
