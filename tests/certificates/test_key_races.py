"""Signing and activating at the same instant on PostgreSQL: no signature fails, exactly one key is active, and the
per-process holder report (an upsert) never raises under concurrency."""

import pytest
from django.db import transaction

from certificates import keys
from certificates.models import SigningKey, SigningKeyHolder
from certificates.signing import sign_certificate
from tests import races

from .factories import CertificateFactory

pytestmark = races.MARKS


@pytest.fixture(autouse=True)
def _fresh_ring():
    keys.reset_ring()
    yield
    keys.reset_ring()


def test_signing_while_a_staged_key_is_activated_loses_no_signature(trainee, settings):
    certificates = [CertificateFactory(holder=trainee) for _ in range(6)]
    old_kid = certificates[0].credential_kid
    staged = keys.key_stage()
    keys.reset_ring()  # each report races from scratch

    def sign(certificate):
        def run():
            with transaction.atomic():
                sign_certificate(certificate)
                certificate.save(update_fields=["credential", "credential_jwt", "credential_kid"])
            return certificate.credential_kid

        return run

    outcome = races.race([sign(certificate) for certificate in certificates] + [lambda: keys.key_activate(staged)])
    outcome.raise_errors()
    assert {result for result in outcome.results if isinstance(result, str)} <= {old_kid, staged.kid}
    assert list(SigningKey.objects.filter(is_active=True).values_list("kid", flat=True)) == [staged.kid]
    assert SigningKeyHolder.objects.filter(server=keys.server_name()).count() == 1


def test_two_activations_at_once_leave_exactly_one_active_key(trainee):
    CertificateFactory(holder=trainee)
    first, second = keys.key_stage(), keys.key_stage()
    outcome = races.race([lambda: keys.key_activate(first), lambda: keys.key_activate(second)])
    outcome.raise_errors()
    assert SigningKey.objects.filter(is_active=True).count() == 1
