import pytest

from certificates.models import Certificate

from .factories import CertificateDesignFactory, CertificateFactory

pytestmark = pytest.mark.django_db


def test_certificate_factory_issues_through_the_service():
    certificate = CertificateFactory()
    assert certificate.status == Certificate.Status.VALID and certificate.credential_jwt


def test_design_factory_builds_a_design_with_a_signatory():
    assert CertificateDesignFactory().signatories.count() == 1
