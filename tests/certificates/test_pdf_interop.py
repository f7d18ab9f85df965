"""Certificate PDFs as independent tools read them: pdfua (PyPI, the machine-checkable PDF/UA-1 rules, on pikepdf),
pikepdf (qpdf) for the XMP packet, the structure tree and the attachment, and pdftotext (poppler-utils) and pypdf
for the text.

veraPDF is not run: no package in the registries reachable here ships it (docs/decisions/0043-pdf-a-3a.md says what
is checked instead).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from certificates.pdf import pdf_stamp, render_pdf
from certificates.services import certificate_revoke, certificate_withdraw
from tests.interop.tools import executable, python_module
from tests.lms.factories import UserFactory

from .factories import CertificateFactory

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
ENGAGEMENT_EVIDENCE = {"period": {"start": "2026-01-01", "end": "2026-06-30"}, "sessions_attended": 6, "hours": 40}
pytestmark = pytest.mark.django_db
KINDS = ["course-en", "course-nb", "engagement-en", "engagement-nb", "revoked-en", "withdrawn-nb", "expired-en"]


@pytest.fixture(scope="module")
def pdfs(django_db_setup, django_db_blocker, tmp_path_factory):
    """{name: (certificate facts, pdf bytes)}, rendered once for the module inside a transaction rolled back after."""
    rendered = {}
    with (
        django_db_blocker.unblock(),
        override_settings(
            CERTIFICATES_KEY_DIR=str(tmp_path_factory.mktemp("jwt-keys")),
            CERTIFICATES_AUTO_GENERATE_KEY=True,
            WAGTAILADMIN_BASE_URL="http://testserver",
        ),
        transaction.atomic(),
    ):
        administrator = UserFactory(role="Administrators", with_totp=True)  # manages every holder
        course = CertificateFactory()
        engagement = CertificateFactory(kind="engagement", course=None, evidence=ENGAGEMENT_EVIDENCE)
        revoked, withdrawn = CertificateFactory(), CertificateFactory()
        certificate_revoke(certificate=revoked, actor=administrator, reason="Issued in error")
        certificate_withdraw(certificate=withdrawn, actor=administrator, reason="Asked by the holder")
        now = timezone.now()
        expired = CertificateFactory(valid_from=now - timedelta(days=800), valid_until=now - timedelta(days=1))
        for name, certificate, language, stamp in [
            ("course-en", course, "en", ""),
            ("course-nb", course, "nb", ""),
            ("engagement-en", engagement, "en", ""),
            ("engagement-nb", engagement, "nb", ""),
            ("revoked-en", revoked, "en", "revoked"),
            ("withdrawn-nb", withdrawn, "nb", "withdrawn"),
            ("expired-en", expired, "en", pdf_stamp(expired)),
        ]:
            facts = {
                "holder_name": certificate.holder_name,
                "display_code": certificate.display_code,
                "credential_jwt": certificate.credential_jwt,
                "language": language,
            }
            rendered[name] = (facts, render_pdf(certificate, language=language, stamp=stamp))
        transaction.set_rollback(True)
    return rendered


@pytest.fixture(params=KINDS)
def sample(request, pdfs, tmp_path):
    facts, data = pdfs[request.param]
    path = tmp_path / f"{request.param}.pdf"
    path.write_bytes(data)
    return request.param, facts, path


def test_pdfua_finds_nothing_in_any_of_its_pdf_ua_1_rules(sample):
    python_module("pdfua")
    name, _, path = sample
    result = subprocess.run(  # noqa: S603 (our interpreter, the tool's module, a file we wrote)
        [sys.executable, "-m", "pdfua", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(result.stdout)
    findings = [finding for file in report.get("files", [report]) for finding in file.get("findings", [])]
    assert (result.returncode, findings) == (0, []), result.stdout


def _xmp(path):
    pikepdf = python_module("pikepdf")
    with pikepdf.open(path) as pdf:
        return ElementTree.fromstring(pdf.Root.Metadata.read_bytes())  # noqa: S314 (a PDF we rendered)


def _value(root, name: str) -> list[str]:
    """Every value of an XMP property, written as an attribute or as an element, in any rdf:Description."""
    values = []
    for description in root.iter(f"{RDF}Description"):
        if name in description.attrib:
            values.append(description.attrib[name])
        values += [element.text for element in description.findall(name)]
    return values


def test_xmp_has_one_rdf_element_with_the_pdf_a_3a_and_pdf_ua_1_identifications(sample):
    root = _xmp(sample[2])
    assert len(root.findall(f"{RDF}RDF")) == 1
    assert (_value(root, f"{PDFAID}part"), _value(root, f"{PDFAID}conformance")) == (["3"], ["A"])
    assert _value(root, f"{PDFUAID}part") == ["1"]


def test_xmp_extension_schema_uses_the_prefixes_pdf_a_names(sample):
    pikepdf = python_module("pikepdf")
    with pikepdf.open(sample[2]) as pdf:
        packet = pdf.Root.Metadata.read_bytes().decode()
    assert all(f"{prefix}:" in packet for prefix in ("pdfaExtension", "pdfaSchema", "pdfaProperty"))


def _struct_elements(node):
    pikepdf = python_module("pikepdf")
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        kids = node.get("/K")
        if kids is not None:
            yield from _struct_elements(kids)
    elif isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _struct_elements(kid)


def test_tagged_with_language_title_and_alt_text_on_every_figure(sample):
    pikepdf = python_module("pikepdf")
    name, facts, path = sample
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        figures = [e for e in _struct_elements(root.StructTreeRoot) if e.S == "/Figure"]
        assert (bool(root.MarkInfo.Marked), str(root.Lang), bool(root.ViewerPreferences.DisplayDocTitle)) == (
            True,
            facts["language"],
            True,
        )
        alts = [str(figure.get("/Alt", "")) for figure in figures]
        assert all(alt.strip() for alt in alts), alts  # every figure has its alternative text
        # The QR code, and the logo (the site's mark when the design has none), named after the issuer.
        assert sum(alt.startswith(("QR code", "QR-kode")) for alt in alts) == 1, alts
        assert len(alts) == 2, alts


def _pdftotext(path) -> str:
    return subprocess.run(  # noqa: S603 (poppler's pdftotext on a file we wrote)
        [executable("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pypdf_text(path) -> str:
    pypdf = python_module("pypdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.mark.parametrize("extract", [_pdftotext, _pypdf_text], ids=["pdftotext", "pypdf"])
def test_text_extracts_as_written(sample, extract):
    name, facts, path = sample
    text = extract(path)
    heading = {"en": "CERTIFICATE", "nb": "SERTIFIKAT"}[facts["language"]]
    assert heading in text and " ".join(heading) not in text
    assert facts["holder_name"] in text
    assert facts["display_code"] in text.replace("\n", "")


def test_stamped_copies_say_so_and_still_carry_the_credential_signed_at_issue(pdfs, tmp_path):
    pikepdf = python_module("pikepdf")
    for name, word in (("revoked-en", "REVOKED"), ("withdrawn-nb", "TRUKKET"), ("expired-en", "EXPIRED")):
        facts, data = pdfs[name]
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        assert word in _pdftotext(path), name
        with pikepdf.open(path) as pdf:
            attached = pdf.attachments["credential.jwt"]
            assert (attached.get_file().read_bytes().decode(), str(attached.relationship)) == (
                facts["credential_jwt"],
                "/Source",
            )


def test_issued_copies_carry_no_stamp(pdfs, tmp_path):
    path = tmp_path / "course.pdf"
    path.write_bytes(pdfs["course-en"][1])
    text = _pdftotext(path)
    assert ("REVOKED" in text, "WITHDRAWN" in text, "EXPIRED" in text, "no longer valid" in text) == (
        False,
        False,
        False,
        False,
    )
