"""Bounds on uploaded documents (issue 15 item 4; docs/decisions/0123): a size limit and a content check per type.

A 50 MB file named `.pdf` was stored. The size limit is Wagtail's own WAGTAILDOCS_MAX_UPLOAD_SIZE (set in base
settings from `DOCUMENTS_MAX_UPLOAD_MB`, default 10; Wagtail refuses with "This file is too big"). Wagtail checks
the extension only, so this form base (WAGTAILDOCS_DOCUMENT_FORM_BASE, used by the single and the multiple upload
alike) also refuses, with a clear message and before anything is stored, a file whose first bytes do not match its
extension: PDF starts with `%PDF-`; DOCX, PPTX and ODT are ZIP packages (`PK\\x03\\x04`); TXT is UTF-8 text
without NUL bytes.
"""

from __future__ import annotations

import os

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = b"PK\x03\x04"
SIGNATURES = {"pdf": (b"%PDF-",), "docx": (ZIP,), "pptx": (ZIP,), "odt": (ZIP,)}


def _looks_like(upload, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(0)
    if extension == "txt":
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:  # a multi-byte character cut at the 64 KiB boundary is still text
            return error.start >= len(head) - 3
        return True
    signatures = SIGNATURES.get(extension)
    return signatures is None or head.startswith(signatures)


def validate_document_upload(upload) -> None:
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if not _looks_like(upload, extension):
        raise forms.ValidationError(
            _("This file is not a real .%(extension)s file: its contents do not match its name.")
            % {"extension": extension},
            code="file_type_mismatch",
        )


class BoundedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            validate_document_upload(upload)
        return upload
