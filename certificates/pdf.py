"""The certificate PDF: WeasyPrint, A4 landscape, PDF/A-3a (archival and tagged), with the signed credential
embedded as an attachment and a QR code (segno) to the verify page.

Why PDF/A-3a: WeasyPrint 70 writes one variant per document. PDF/A-3 is the archival level that allows embedding a
non-PDF file (the VC-JWT); conformance level "a" requires a tagged logical structure (WeasyPrint's pdf_tags), which
is what PDF/UA asks of us too. The PDF/UA-1 identification is added to the XMP metadata by hand (WeasyPrint cannot
combine the two variants); see docs/decisions/0043-pdf-a-3a.md.

The design comes from the certificate's frozen snapshot (`Certificate.design`), never from the live design.
Fonts: DejaVu (system package fonts-dejavu-core); nothing is fetched at run time: the URL fetcher refuses
anything but data: and file: URLs under MEDIA_ROOT and this app's static folder. The logo is read through the storage
API (local files or S3) and handed to WeasyPrint as a data: URL; a logo that cannot be read stops the render.
"""

from __future__ import annotations

import base64
import hashlib
import io
import mimetypes
import threading
from pathlib import Path
from xml.etree import ElementTree

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Certificate

PDF_VARIANT = "pdf/a-3a"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# PDF/UA-1 identification. PDF/A-2 and later require an extension schema for namespaces outside their predefined
# list, so the pdfuaid schema is declared too (the usual declaration, as in ISO 14289-1 examples). Both descriptions
# go inside WeasyPrint's own rdf:RDF element: validators read the first rdf:RDF of the packet only.
PDFUA_DESCRIPTIONS = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
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
for _prefix, _uri in (
    ("pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/"),
    ("pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"),
    ("pdfaProperty", "http://www.aiim.org/pdfa/ns/property#"),
):
    ElementTree.register_namespace(_prefix, _uri)  # PDF/A names these prefixes; ElementTree would write ns6…
STAMPED_DIR = "certificates/pdf/stamped"
STAMPED_STATUSES = (Certificate.Status.REVOKED, Certificate.Status.WITHDRAWN)
EXPIRED = "expired"  # not a stored status: a valid certificate past its valid_until (Certificate.effective_status)
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


def qr_svg(url: str, *, title: str = "") -> str:
    """An inline SVG QR code (error correction M) for the verify URL. A `title` becomes the SVG's <title>, which
    WeasyPrint writes as the /Alt text of the PDF's Figure (PDF/UA-1 requires one)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, nl=False, title=title or None
    )
    return buffer.getvalue().decode()


def _fetcher():
    """Only our own files (MEDIA_ROOT, this app's static folder) and data: URLs; never the network."""
    from weasyprint.urls import URLFetcher  # noqa: PLC0415 - WeasyPrint loads Pango on import: without it only PDF rendering fails, not the site

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url[len("file://") :]).resolve()
                allowed = [Path(settings.MEDIA_ROOT).resolve(), STATIC_DIR.resolve()]
                if not any(path.is_relative_to(root) for root in allowed):
                    raise ValueError(f"Refusing to read {url!r} while rendering a certificate.")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


class LogoUnavailable(RuntimeError):
    """The design names a logo that storage cannot give: the PDF is not rendered without it (the task retries)."""


def logo_data_url(name: str) -> str:
    """The frozen logo as a data: URL, read through the storage API (local files or S3 alike), so the renderer
    never needs a filesystem path and never fetches over the network. Raises LogoUnavailable rather than render a
    certificate without its logo."""
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
    except Exception as error:
        raise LogoUnavailable(f"Cannot read the certificate logo {name!r} from storage: {error}") from error
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if not mime.startswith("image/"):
        raise LogoUnavailable(f"The certificate logo {name!r} is not an image ({mime}).")
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def pdf_context(certificate: Certificate) -> dict:
    design = certificate.design or {}
    language = translation.get_language() or "en"
    nb = language.startswith("nb")

    def pick(key, default=""):
        return (design.get(f"{key}_nb") if nb else None) or design.get(key) or default

    # A design logo through the storage API; without one, the site's own mark (the header's rings, in its green).
    logo_path = logo_data_url(design["logo"]) if design.get("logo") else (STATIC_DIR / "logo.svg").as_uri()
    signatories = [
        {"name": s.get("name", ""), "title": (s.get("title_nb") if nb else None) or s.get("title", "")}
        for s in design.get("signatories", [])
    ]
    return {
        "certificate": certificate,
        "language": "nb" if nb else "en",
        "heading": pick("heading", pgettext("certificate PDF heading", "Certificate")),
        "intro": pick("intro", pgettext("certificate PDF", "This certifies that")),
        "completion": pick("completion", pgettext("certificate PDF", "has successfully completed")),
        "footer": pick("footer"),
        "logo_url": logo_path,
        "logo_alt": design.get("logo_alt", ""),
        "signatories": signatories,
        "title": certificate.localized("achievement_title"),
        "description": certificate.localized("achievement_description"),
        "verify_url": certificate.public_url(),
        "qr_svg": qr_svg(
            certificate.public_url(),
            title=_("QR code linking to the verification page: %(url)s") % {"url": certificate.public_url()},
        ),
    }


def _one_rdf(generate):
    """Wrap DocumentMetadata.generate_rdf_metadata so the PDF/UA descriptions land in its rdf:RDF element."""

    def generate_rdf_metadata(*args, **kwargs):
        rdf = ElementTree.fromstring(generate(*args, **kwargs))  # noqa: S314 (XML WeasyPrint just wrote)
        rdf.extend(ElementTree.fromstring(PDFUA_DESCRIPTIONS).findall(f"{{{RDF_NS}}}Description"))  # noqa: S314 (our constant)
        return ElementTree.tostring(rdf)

    return generate_rdf_metadata


IMAGE_CACHE_LIMIT = 32  # decoded images (the design logos, the default mark) kept per thread
_renderer_state = threading.local()


def _renderer():
    """This thread's WeasyPrint font configuration, parsed stylesheet and image cache, made once and reused by every
    render (fonts, CSS and the logo are not loaded again per certificate). Per thread: WeasyPrint's objects are not
    documented as thread-safe. The stylesheet is read when the thread first renders (a deploy restarts processes)."""
    state = getattr(_renderer_state, "value", None)
    if state is None:
        from weasyprint import CSS  # noqa: PLC0415 - WeasyPrint loads Pango on import: without it only PDF rendering fails, not the site
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 - WeasyPrint loads Pango on import: without it only PDF rendering fails, not the site

        fonts = FontConfiguration()
        stylesheet = CSS(filename=str(STATIC_DIR / "certificate-pdf.css"), font_config=fonts, url_fetcher=_fetcher())
        state = _renderer_state.value = (fonts, stylesheet, {})
    fonts, stylesheet, images = state
    if len(images) > IMAGE_CACHE_LIMIT:
        images.clear()
    return state


def render_pdf(certificate: Certificate, *, language: str | None = None, stamp: str = "") -> bytes:
    """The PDF bytes for a certificate, in the holder's language unless told otherwise. `stamp` ("revoked",
    "withdrawn", "expired") marks every page with that status; the credential attached is the one signed at issue."""
    from weasyprint import HTML, Attachment  # noqa: PLC0415 - WeasyPrint loads Pango on import: without it only PDF rendering fails, not the site

    language = language or certificate.holder.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = pdf_context(certificate)
        if stamp:
            context["stamp"] = {"revoked": _("Revoked"), "withdrawn": _("Withdrawn"), EXPIRED: _("Expired")}[stamp]
            context["stamp_note"] = _("This certificate is no longer valid. Check its current status at %(url)s") % {
                "url": certificate.public_url()
            }
        html = render_to_string("certificates/pdf/certificate.html", context)
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
    fonts, stylesheet, images = _renderer()
    options = {"pdf_variant": PDF_VARIANT, "attachments": attachments, "custom_metadata": True, "cache": images}
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=_fetcher()).render(
        stylesheets=[stylesheet], font_config=fonts, **options
    )
    # WeasyPrint writes one variant: add the PDF/UA-1 identification (and its PDF/A extension schema) to its XMP.
    document.metadata.generate_rdf_metadata = _one_rdf(document.metadata.generate_rdf_metadata)
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


def pdf_stamp(certificate: Certificate, at=None) -> str:
    """The stamp the downloaded PDF carries: "revoked" or "withdrawn" from the stored status, "expired" for a valid
    certificate past its valid_until; "" for a standing (or suspended, reversible) certificate: the issued copy."""
    if certificate.status in STAMPED_STATUSES:
        return certificate.status
    if certificate.status == Certificate.Status.VALID and certificate.is_expired(at):
        return EXPIRED
    return ""


def stamped_pdf_name(certificate: Certificate, stamp: str = "") -> str:
    """Revoked and withdrawn copies are named by status (final). An expired copy also names the validity it ran out
    of: a renewal gives the same certificate a new valid_until, and its next expiry must not serve the old dates."""
    stamp = stamp or certificate.status
    if stamp == EXPIRED:
        return f"{STAMPED_DIR}/{certificate.uuid}-{EXPIRED}-{certificate.valid_until:%Y%m%dT%H%M%S}.pdf"
    return f"{STAMPED_DIR}/{certificate.uuid}-{stamp}.pdf"


def delete_stamped_copies(certificate: Certificate) -> int:
    """Delete every stamped copy of the certificate (revoked, withdrawn, each expiry); returns how many."""
    prefix = f"{certificate.uuid}-"
    try:
        _, files = default_storage.listdir(STAMPED_DIR)
    except FileNotFoundError:
        return 0
    names = [f"{STAMPED_DIR}/{name}" for name in files if name.startswith(prefix)]
    for name in names:
        default_storage.delete(name)
    return len(names)


def ensure_stamped_pdf(certificate: Certificate) -> str:
    """The storage name of the copy stamped with the certificate's status (revoked, withdrawn or expired), rendered
    once.

    Served instead of the issued PDF from the moment the status changes (or the validity runs out). The credential
    inside stays the one signed at issue: its status is read from the status list, never from the PDF."""
    stamp = pdf_stamp(certificate)
    if not stamp:
        raise ValueError("Only revoked, withdrawn and expired certificates have a stamped copy.")
    name = stamped_pdf_name(certificate, stamp)
    if not default_storage.exists(name):
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().select_related("holder").get(pk=certificate.pk)
            stamp = pdf_stamp(locked)
            name = stamped_pdf_name(locked, stamp)
            if stamp and not default_storage.exists(name):
                data = render_pdf(locked, stamp=stamp)
                default_storage.save(name, ContentFile(data))
    return name
