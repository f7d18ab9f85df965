"""Certificates stay out of Wagtail's reference index: no index task per issued certificate (bulk issuing, issue 18),
and a design's or course's "usage" listing never lists people's certificates."""

import pytest
from wagtail.models import ReferenceIndex

from certificates.models import Certificate
from tests.certificates.factories import CertificateFactory


def test_certificates_are_not_indexable():
    assert ReferenceIndex.model_is_indexable(Certificate) is False


@pytest.mark.django_db
def test_issuing_records_no_references():
    certificate = CertificateFactory()
    certificate.save()
    assert not ReferenceIndex.get_references_for_object(certificate).exists()
