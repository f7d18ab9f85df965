import re
import shutil
import subprocess
import zlib
from xml.etree import ElementTree

import pytest
from django.core.files.storage import default_storage
from wagtail_factories import ImageFactory

from certificates.pdf import PDF_VARIANT, _fetcher, ensure_pdf, render_pdf
from certificates.services import issue_course_certificate

from .factories import CertificateDesignFactory, CertificateFactory, sample_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_bytes(certificate):
    return render_pdf(certificate)


def _streams(data: bytes) -> bytes:
    """The PDF with its Flate streams inflated, to search text-level markers. Each stream is inflated from its start
    until zlib says it ended, so binary data that happens to contain "endstream" cannot cut it short."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            out.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_pdf_is_a4_landscape(pdf_bytes):
    box = re.search(rb"/MediaBox ?\[([\d.\s]+)\]", _streams(pdf_bytes)).group(1).split()
    width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
    assert round(width) == 842 and round(height) == 595


def test_pdf_declares_pdf_a_3a(pdf_bytes):
    assert PDF_VARIANT == "pdf/a-3a"
    xmp = _streams(pdf_bytes)
    assert b"pdfaid:part" in xmp and b"3" in xmp and b"pdfaid:conformance" in xmp


def test_pdf_is_tagged(pdf_bytes):
    data = _streams(pdf_bytes)
    assert b"/StructTreeRoot" in data and b"/MarkInfo" in data


def test_pdf_has_a_document_language(pdf_bytes):
    assert re.search(rb"/Lang ?\((en|nb)\)", _streams(pdf_bytes))


def test_pdf_embeds_the_signed_credential(certificate, pdf_bytes):
    assert b"credential.jwt" in _streams(pdf_bytes)
    assert certificate.credential_jwt.encode()[:40] in _streams(pdf_bytes)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
def test_pdf_text_has_holder_code_url_and_signatory(tmp_path):
    CertificateDesignFactory(signatories=[("Ingrid Haugen", "Programme Lead")])
    certificate = CertificateFactory()
    path = tmp_path / "c.pdf"
    path.write_bytes(render_pdf(certificate))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout.decode()  # noqa: S603, S607
    for expected in (certificate.holder_name, certificate.display_code, "Ingrid Haugen", "Programme Lead"):
        assert expected in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
def test_round_trip_from_the_text_extracted_from_the_pdf(client, certificate, tmp_path):
    path = tmp_path / "c.pdf"
    path.write_bytes(render_pdf(certificate))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()  # noqa: S603, S607
    printed = re.search(r"([0-9A-Z]{4}(?:-[0-9A-Z]{4}){6})", text).group(1)
    response = client.get("/verify/", {"code": printed}, follow=True)
    assert response.status_code == 200 and certificate.holder_name in response.content.decode()


def test_design_is_frozen_at_issue():
    design = CertificateDesignFactory(signatories=[("Ingrid Haugen", "Programme Lead")])
    certificate = CertificateFactory()
    design.signatories.all().delete()
    design.heading = "Changed"
    design.save()
    assert certificate.design["signatories"][0]["name"] == "Ingrid Haugen"
    assert certificate.design["heading"] != "Changed"


def test_pdf_is_generated_once_and_stored(certificate, monkeypatch):
    ensure_pdf(certificate)
    name = certificate.pdf.name
    monkeypatch.setattr("certificates.pdf.render_pdf", lambda *a, **k: pytest.fail("rendered twice"))
    assert ensure_pdf(certificate).pdf.name == name


def test_pdf_renders_in_bokmal(certificate):
    certificate.holder.language = "nb"
    assert re.search(rb"/Lang ?\(nb\)", _streams(render_pdf(certificate, language="nb")))


def test_pdf_never_fetches_from_the_network(certificate, settings):
    with pytest.raises(ValueError):
        _fetcher().fetch("https://example.org/logo.png")


def test_logo_is_frozen_by_content_and_drawn_in_the_pdf(trainee, course):
    logo = ImageFactory(title="Peer Support Network logo")
    CertificateDesignFactory(logo=logo)
    certificate = issue_course_certificate(holder=trainee, course=course, evidence=sample_evidence(course))
    frozen = certificate.design["logo"]
    logo.file.delete(save=False)  # the live image disappears later
    assert default_storage.exists(frozen) and b"/Subtype /Image" in _streams(render_pdf(certificate))


def test_pdf_declares_pdf_ua_1_with_its_extension_schema(pdf_bytes):
    xmp = _streams(pdf_bytes)
    assert b"<pdfuaid:part>1</pdfuaid:part>" in xmp and b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp


def test_pdf_xmp_metadata_is_well_formed(pdf_bytes):
    xmp = _streams(pdf_bytes)
    start, end = xmp.index(b"<x:xmpmeta"), xmp.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
    ElementTree.fromstring(xmp[start:end])  # noqa: S314 - our own output
