"""Expiry reminders (60 and 14 days, once each, in each reader's language) and renewal by a refresher course (same
code, new validity, new credential; the old one reads revoked in the status list)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from joserfc import jwt
from joserfc.jwk import KeySet

from certificates import status
from certificates.lifecycle import expiry_reminders_send, renew_on_refresher_completed
from certificates.models import Certificate, CertificateEvent, ExpiryReminder
from certificates.services import CertificateError, certificate_renew, certificate_revoke
from courses.signals import course_completed
from tests.courses.factories import CourseFactory
from tests.lms.factories import InstitutionFactory, UserFactory

from .factories import CertificateFactory, sample_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(db):
    return UserFactory(role="Trainees", language="nb", institution=InstitutionFactory())


@pytest.fixture
def coordinator(holder):
    return UserFactory(role="Coordinators", with_totp=True, language="en", institution=holder.institution)


def expiring(holder, days):
    certificate = CertificateFactory(holder=holder)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.now() + timedelta(days=days))
    certificate.refresh_from_db()
    return certificate


class TestExpiryReminders:
    def test_60_days_before_the_holder_and_their_coordinator_are_told_once(self, holder, coordinator):
        expiring(holder, 59)
        mail.outbox.clear()
        assert expiry_reminders_send() == 1
        assert expiry_reminders_send() == 0  # run twice: one email each
        assert sorted(m.to[0] for m in mail.outbox) == sorted([holder.email, coordinator.email])

    def test_each_in_their_own_language(self, holder, coordinator):
        expiring(holder, 59)
        mail.outbox.clear()
        expiry_reminders_send()
        by_address = {m.to[0]: m.subject for m in mail.outbox}
        assert by_address[holder.email] == "Kursbeviset ditt utløper om 60 dager"
        assert by_address[coordinator.email] == "A certificate at your institution expires in 60 days"

    def test_14_days_before_a_second_reminder_and_not_a_late_60_day_one(self, holder, coordinator):
        certificate = expiring(holder, 10)
        mail.outbox.clear()
        now = timezone.now()
        assert expiry_reminders_send(now=now) == 1
        assert list(ExpiryReminder.objects.values_list("days_before", flat=True)) == [14]
        assert expiry_reminders_send(now=now + timedelta(days=1)) == 0
        assert ExpiryReminder.objects.filter(certificate=certificate).count() == 1

    def test_both_lead_times_over_the_life_of_a_certificate(self, holder):
        certificate = expiring(holder, 90)
        now = timezone.now()
        sent = [expiry_reminders_send(now=now + timedelta(days=day)) for day in range(90)]
        assert sum(sent) == 2
        assert sorted(ExpiryReminder.objects.filter(certificate=certificate).values_list("days_before", flat=True)) == [
            14,
            60,
        ]

    def test_revoked_and_far_off_certificates_get_none(self, holder):
        certificate_revoke(certificate=expiring(holder, 30), actor=None, reason="Error")
        expiring(UserFactory(role="Trainees"), 200)
        assert expiry_reminders_send() == 0

    def test_dry_run_sends_nothing(self, holder):
        expiring(holder, 30)
        mail.outbox.clear()
        assert expiry_reminders_send(dry_run=True) == 1
        assert mail.outbox == [] and not ExpiryReminder.objects.exists()


def published_keys(client) -> KeySet:
    return KeySet.import_key_set(client.get("/.well-known/jwks.json").json())


class TestRenewal:
    def test_renewal_keeps_the_code_and_gives_a_new_validity_and_credential(self, client, holder):
        certificate = expiring(holder, 10)
        old_jwt, old_index, old_until = (
            certificate.credential_jwt,
            certificate.status_list_index,
            certificate.valid_until,
        )
        renewed = certificate_renew(certificate=certificate, evidence=sample_evidence())
        assert renewed.code == certificate.code
        assert renewed.valid_until > old_until + timedelta(days=365 * 2)
        assert renewed.credential_jwt != old_jwt and renewed.status_list_index != old_index
        # The new credential verifies with the published keys; the old position reads revoked, the new one not.
        token = jwt.decode(
            client.get(f"/verify/{renewed.display_code}/credential.jwt").content.decode(), published_keys(client)
        )
        assert token.claims["credentialStatus"]["statusListIndex"] == str(renewed.status_list_index)
        assert token.claims["exp"] == int(renewed.valid_until.timestamp())
        revoked = status.set_positions(status.REVOCATION)
        assert old_index in revoked and renewed.status_list_index not in revoked
        assert CertificateEvent.objects.filter(certificate=renewed, action="renewed").count() == 1

    def test_an_expired_certificate_can_be_renewed_and_the_verify_page_shows_the_history(self, client, holder):
        certificate = expiring(holder, 1)
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_from=timezone.now() - timedelta(days=800), valid_until=timezone.now() - timedelta(days=5)
        )
        certificate.refresh_from_db()
        assert client.get(f"/verify/{certificate.display_code}/verification.json").json()["status"] == "expired"
        certificate_renew(certificate=certificate)
        page = client.get(f"/verify/{certificate.display_code}/").content.decode()
        assert "Renewals" in page and "the earlier credential is superseded" in page
        data = client.get(f"/verify/{certificate.display_code}/verification.json").json()
        assert data["status"] == "valid" and len(data["evidence"]["renewals"]) == 1

    def test_a_revoked_certificate_is_not_renewed(self, holder):
        certificate = CertificateFactory(holder=holder)
        certificate_revoke(certificate=certificate, actor=None, reason="Error")
        with pytest.raises(CertificateError):
            certificate_renew(certificate=certificate)

    def test_completing_the_refresher_renews_instead_of_issuing(self, holder):
        certificate = expiring(holder, 20)
        refresher = CourseFactory(refresher_for=certificate.course, certificate_valid_years=1)

        class Enrolment:
            @staticmethod
            def evidence():
                return sample_evidence(refresher)

        course_completed.send(sender=None, enrollment=Enrolment(), user=holder, course=refresher)
        assert Certificate.objects.filter(holder=holder).count() == 1  # no certificate of the refresher itself
        certificate.refresh_from_db()
        assert certificate.valid_until > timezone.now() + timedelta(days=365 * 2)

    def test_a_refresher_without_a_certificate_to_renew_does_nothing(self, holder):
        refresher = CourseFactory(refresher_for=CourseFactory())
        assert renew_on_refresher_completed(None, enrollment=None, user=holder, course=refresher) is None
        assert not Certificate.objects.filter(holder=holder).exists()

    def test_a_renewed_certificate_is_reminded_again_before_its_new_expiry(self, holder):
        certificate = expiring(holder, 10)
        expiry_reminders_send()
        certificate_renew(certificate=certificate)
        certificate.refresh_from_db()
        later = certificate.valid_until - timedelta(days=50)
        assert expiry_reminders_send(now=later) == 1
