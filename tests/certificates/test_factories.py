import pytest

from certificates.models import Certificate

from .factories import CertificateDesignFactory, CertificateFactory, CourseFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_course_factory_builds_a_course_with_certificate_text():
    assert CourseFactory().certificate_title_nb


def test_enrollment_factory_builds_a_completed_enrolment():
    assert EnrollmentFactory().status == "completed"


def test_certificate_factory_issues_through_the_service():
    certificate = CertificateFactory()
    assert certificate.status == Certificate.Status.VALID and certificate.credential_jwt


def test_design_factory_builds_a_design_with_a_signatory():
    assert CertificateDesignFactory().signatories.count() == 1
