"""The certificate PDF: WeasyPrint, A4 landscape, PDF/A-3a (archival and tagged), with the signed credential
embedded as an attachment and a QR code (segno) to the verify page.

Why PDF/A-3a: WeasyPrint 70 writes one variant per document. PDF/A-3 is the archival level that allows embedding a
non-PDF file (the VC-JWT); conformance level "a" requires a tagged logical structure (WeasyPrint's pdf_tags), which
is what PDF/UA asks of us too. The PDF/UA-1 identification is added to the XMP metadata by hand (WeasyPrint cannot
combine the two variants); see docs/decisions/0043-pdf-a-3a.md.

The design comes from the certificate's frozen snapshot (`Certificate.design`), never from the live design.
Fonts: DejaVu (system package fonts-dejavu-core); nothing is fetched at run time: the URL fetcher refuses
anything but data: and file: URLs under MEDIA_ROOT and this app's static folder.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import Certificate

PDF_VARIANT = "pdf/a-3a"
# PDF/UA-1 identification. PDF/A-2 and later require an extension schema for namespaces outside their predefined
# list, so the pdfuaid schema is declared too (the usual declaration, as in ISO 14289-1 examples).
PDFUA_XMP = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>"""
LOGO_DIR = "certificates/logos"
STATIC_DIR = Path(__file__).resolve().parent / "static" / "certificates"


def freeze_logo(image) -> str:
    """Copy a Wagtail image's file to a content-addressed name, so later edits never change issued PDFs."""
    with image.file.open("rb") as handle:
        data = handle.read()
    suffix = Path(image.file.name).suffix.lower() or ".png"
    name = f"{LOGO_DIR}/{hashlib.sha256(data).hexdigest()}{suffix}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return name


def qr_svg(url: str) -> str:
    """An inline SVG QR code (error correction M) for the verify URL."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, nl=False)
    return buffer.getvalue().decode()


def qr_png(url: str, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def _fetcher():
    """Only our own files (MEDIA_ROOT, this app's static folder) and data: URLs; never the network."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url[len("file://") :]).resolve()
                allowed = [Path(settings.MEDIA_ROOT).resolve(), STATIC_DIR.resolve()]
                if not any(path.is_relative_to(root) for root in allowed):
                    raise ValueError(f"Refusing to read {url!r} while rendering a certificate.")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def pdf_context(certificate: Certificate) -> dict:
    design = certificate.design or {}
    language = translation.get_language() or "en"
    nb = language.startswith("nb")

    def pick(key, default=""):
        return (design.get(f"{key}_nb") if nb else None) or design.get(key) or default

    logo_path = ""
    if design.get("logo"):
        try:
            logo_path = Path(default_storage.path(design["logo"])).as_uri()
        except (NotImplementedError, ValueError):
            logo_path = ""
    signatories = [
        {"name": s.get("name", ""), "title": (s.get("title_nb") if nb else None) or s.get("title", "")}
        for s in design.get("signatories", [])
    ]
    return {
        "certificate": certificate,
        "language": "nb" if nb else "en",
        "heading": pick("heading", "Certificate"),
        "intro": pick("intro", "This certifies that"),
        "completion": pick("completion", "has successfully completed"),
        "footer": pick("footer"),
        "logo_url": logo_path,
        "logo_alt": design.get("logo_alt", ""),
        "signatories": signatories,
        "title": certificate.localized("achievement_title"),
        "description": certificate.localized("achievement_description"),
        "verify_url": certificate.public_url(),
        "qr_svg": qr_svg(certificate.public_url()),
        "css_url": (STATIC_DIR / "certificate-pdf.css").as_uri(),
    }


def render_pdf(certificate: Certificate, *, language: str | None = None) -> bytes:
    """The PDF bytes for a certificate, in the holder's language unless told otherwise."""
    from weasyprint import HTML, Attachment

    language = language or certificate.holder.language or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string("certificates/pdf/certificate.html", pdf_context(certificate))
    attachments = []
    if certificate.credential_jwt:
        attachments.append(
            Attachment(
                string=certificate.credential_jwt,
                name="credential.jwt",
                description="Open Badges 3.0 AchievementCredential, signed as a VC-JWT",
                relationship="Source",
            )
        )
    options = {"pdf_variant": PDF_VARIANT, "attachments": attachments, "custom_metadata": True}
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=_fetcher()).render(**options)
    # WeasyPrint writes one variant: add the PDF/UA-1 identification (and its PDF/A extension schema) to the XMP.
    document.metadata.xmp_metadata.append(PDFUA_XMP)
    return document.write_pdf(**options)


def ensure_pdf(certificate: Certificate) -> Certificate:
    """Render and store the PDF if it is missing (generated once; a correction clears it). Safe to call twice at once:
    the row is locked while rendering, and a second caller finds the file already there."""
    if certificate.pdf:
        return certificate
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().select_related("holder").get(pk=certificate.pk)
        if not locked.pdf:
            data = render_pdf(locked)
            locked.pdf.save(f"{locked.uuid}-{hashlib.sha256(data).hexdigest()[:12]}.pdf", ContentFile(data), save=False)
            locked.save(update_fields=["pdf"])
    certificate.pdf = locked.pdf
    return certificate
