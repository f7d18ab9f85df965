"""The public PDF download: the issued copy while a certificate stands, a stamped copy once revoked, withdrawn or
expired."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader

from certificates import pdf as certificate_pdf
from certificates.models import Certificate
from certificates.services import certificate_revoke, certificate_suspend, certificate_withdraw

pytestmark = pytest.mark.django_db


def _download(client, certificate):
    response = client.get(f"/verify/{certificate.display_code}/certificate.pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text, reader.attachments["credential.jwt"][0].decode()


def test_a_valid_certificate_downloads_without_a_stamp(client, certificate):
    text, credential = _download(client, certificate)
    assert ("REVOKED" in text, certificate.holder_name in text, credential) == (
        False,
        True,
        certificate.credential_jwt,
    )


def test_a_suspended_certificate_keeps_its_issued_copy(client, certificate, coordinator):
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Under review")
    text, _ = _download(client, certificate)
    assert "SUSPENDED" not in text and "no longer valid" not in text


@pytest.mark.parametrize(("action", "word"), [(certificate_revoke, "REVOKED"), (certificate_withdraw, "WITHDRAWN")])
def test_a_revoked_or_withdrawn_certificate_downloads_stamped_with_the_original_credential(
    client, certificate, coordinator, monkeypatch, action, word
):
    _download(client, certificate)  # the issued copy exists before the change
    original = certificate.credential_jwt
    action(certificate=certificate, actor=coordinator, reason="Issued in error")
    renders = []
    real_render = certificate_pdf.render_pdf
    monkeypatch.setattr(certificate_pdf, "render_pdf", lambda *a, **k: renders.append(k) or real_render(*a, **k))
    first = _download(client, certificate)
    second = _download(client, certificate)
    assert (word in first[0], "no longer valid" in first[0], first[1]) == (True, True, original)
    assert (second, len(renders)) == (first, 1)


def _expire(certificate, days_ago=1):
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=now - timedelta(days=800), valid_until=now - timedelta(days=days_ago)
    )
    certificate.refresh_from_db()


def test_an_expired_certificate_downloads_stamped_expired_like_the_page_and_the_json_say(client, certificate):
    _download(client, certificate)  # the issued copy exists before the validity runs out
    original = certificate.credential_jwt
    _expire(certificate)
    assert certificate.effective_status() == "expired"
    text, credential = _download(client, certificate)
    assert ("EXPIRED" in text, "no longer valid" in text, certificate.holder_name in text, credential) == (
        True,
        True,
        True,
        original,
    )
    page = client.get(f"/verify/{certificate.display_code}/")
    assert "Expired" in page.content.decode()


def test_the_expired_stamp_is_in_the_holders_language(client, certificate):
    certificate.holder.language = "nb"
    certificate.holder.save(update_fields=["language"])
    _expire(certificate)
    text, _ = _download(client, certificate)
    assert "UTLØPT" in text


def test_a_renewed_certificate_downloads_unstamped_and_its_next_expiry_gets_a_fresh_stamped_copy(
    client, certificate, monkeypatch
):
    _expire(certificate, days_ago=10)
    first_name = certificate_pdf.stamped_pdf_name(certificate, "expired")
    assert "EXPIRED" in _download(client, certificate)[0]
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.now() + timedelta(days=365))
    certificate.refresh_from_db()
    assert "EXPIRED" not in _download(client, certificate)[0]
    _expire(certificate)  # ran out again: a copy of this validity, not the old one
    renders = []
    real_render = certificate_pdf.render_pdf
    monkeypatch.setattr(certificate_pdf, "render_pdf", lambda *a, **k: renders.append(k) or real_render(*a, **k))
    assert "EXPIRED" in _download(client, certificate)[0]
    assert (renders, certificate_pdf.stamped_pdf_name(certificate, "expired") != first_name) == (
        [{"stamp": "expired"}],
        True,
    )


def test_a_suspended_certificate_past_its_validity_keeps_its_status_and_is_not_stamped_expired(
    client, certificate, coordinator
):
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Under review")
    _expire(certificate)
    text, _ = _download(client, certificate)
    assert "EXPIRED" not in text and "SUSPENDED" not in text


def test_stamped_copies_are_all_deleted_together(client, certificate, coordinator):
    _expire(certificate)
    _download(client, certificate)
    expired_name = certificate_pdf.stamped_pdf_name(certificate, "expired")
    certificate_revoke(certificate=certificate, actor=coordinator, reason="Issued in error")
    _download(client, certificate)
    revoked_name = certificate_pdf.stamped_pdf_name(certificate, "revoked")
    assert default_storage.exists(expired_name) and default_storage.exists(revoked_name)
    assert certificate_pdf.delete_stamped_copies(certificate) == 2
    assert (default_storage.exists(expired_name), default_storage.exists(revoked_name)) == (False, False)
