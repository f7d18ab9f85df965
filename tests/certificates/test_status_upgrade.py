from io import StringIO

import pytest
from django.core.management import call_command

from certificates.models import Certificate

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db
OLD_ENTRY = {
    "id": "http://testserver/verify/status/#7",
    "type": "BitstringStatusListEntry",
    "statusPurpose": "message",
    "statusListIndex": "7",
    "statusListCredential": "http://testserver/verify/status/",
    "statusSize": 2,
    "statusMessage": [{"status": "0x0", "message": "valid"}],
}


@pytest.fixture
def old_certificate(db):
    certificate = CertificateFactory()
    Certificate.objects.filter(pk=certificate.pk).update(
        credential={**certificate.credential, "credentialStatus": OLD_ENTRY},
        credential_jwt="old.jwt.token",
        pdf="x.pdf",
    )
    return certificate


def run(*args) -> str:
    out = StringIO()
    call_command("certificates_status_upgrade", *args, stdout=out)
    return out.getvalue()


def test_dry_run_counts_and_writes_nothing(old_certificate):
    assert "1 credential(s) would be re-signed" in run("--dry-run")
    assert Certificate.objects.get(pk=old_certificate.pk).credential_jwt == "old.jwt.token"


def test_old_credentials_get_a_revocation_entry_at_the_same_position_and_lose_the_stale_pdf(old_certificate):
    run()
    certificate = Certificate.objects.get(pk=old_certificate.pk)
    entry = certificate.credential["credentialStatus"]
    assert (entry["statusPurpose"], int(entry["statusListIndex"]), "statusSize" in entry) == (
        "revocation",
        certificate.status_list_index,
        False,
    )
    assert (certificate.credential_jwt != "old.jwt.token", certificate.pdf.name) == (True, "")


def test_second_run_finds_nothing(old_certificate):
    run()
    assert "0 credential(s) re-signed" in run()
