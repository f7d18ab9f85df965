""" "Valid certificate" is one rule: `Certificate.objects.valid(at)` and `certificate.is_valid(at)` agree, and the
verify page's status from cached facts is the model's `effective_status` (decision 0185)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate, manageable_holders
from certificates.views.public import effective_status
from tests.lms.factories import InstitutionFactory, UserFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def _shapes():
    certificate = CertificateFactory()
    now = timezone.now()
    rows = {
        "standing": {},
        "expired": {"valid_from": now - timedelta(days=20), "valid_until": now - timedelta(days=1)},
        "not yet in force": {"valid_from": now + timedelta(days=1)},
        "until later": {"valid_until": now + timedelta(days=1)},
        "suspended": {"status": Certificate.Status.SUSPENDED},
        "revoked": {"status": Certificate.Status.REVOKED},
    }
    return certificate, rows, now


@pytest.mark.parametrize(
    ("shape", "valid"),
    [
        ("standing", True),
        ("expired", False),
        ("not yet in force", False),
        ("until later", True),
        ("suspended", False),
        ("revoked", False),
    ],
)
def test_queryset_and_model_method_agree(shape, valid):
    certificate, rows, now = _shapes()
    Certificate.objects.filter(pk=certificate.pk).update(**rows[shape])
    certificate.refresh_from_db()
    assert certificate.is_valid(now) is valid
    assert Certificate.objects.valid(now).filter(pk=certificate.pk).exists() is valid


@pytest.mark.parametrize(
    ("status", "until_days", "expected"),
    [("valid", None, "valid"), ("valid", -1, "expired"), ("valid", 3, "valid"), ("revoked", -1, "revoked")],
)
def test_the_verify_pages_status_is_the_models(status, until_days, expected):
    until = None if until_days is None else timezone.now() + timedelta(days=until_days)
    facts = {"status": status, "valid_until": until.isoformat() if until else None}
    assert effective_status(facts) == expected == Certificate(status=status, valid_until=until).effective_status()


def test_manageable_holders_by_role():
    own, other = InstitutionFactory(), InstitutionFactory()
    holder_own = UserFactory(institution=own)
    holder_other = UserFactory(institution=other)
    coordinator = UserFactory(role="Coordinators", institution=own)
    assert set(manageable_holders(coordinator).filter(pk__in=[holder_own.pk, holder_other.pk])) == {holder_own}
    assert manageable_holders(UserFactory(role="Advisors", institution=own)).count() == 0
    assert manageable_holders(UserFactory(role="Administrators")).filter(pk=holder_other.pk).exists()
