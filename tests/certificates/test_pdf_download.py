"""The public PDF download: the issued copy while a certificate stands, a stamped copy once revoked or withdrawn."""

import io

import pytest
from pypdf import PdfReader

from certificates import pdf as certificate_pdf
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
