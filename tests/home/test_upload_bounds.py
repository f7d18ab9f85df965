"""Bounded uploads (issue 15 item 4): documents by size and content type, images by pixels; each refusal has a
clear message and stores nothing (lms/documents.py, WAGTAILIMAGES_MAX_IMAGE_PIXELS)."""

import io
import os

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True, with_totp=True))
    return client


def stored_files(subdir):
    root = os.path.join(django_settings.MEDIA_ROOT, subdir)
    return [name for _dirpath, _dirs, files in os.walk(root) for name in files] if os.path.isdir(root) else []


def upload_document(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Handbook", "file": SimpleUploadedFile(name, data), "collection": 1},
    )


def test_a_real_pdf_is_accepted(editor_client):
    response = upload_document(editor_client, "handbook.pdf", PDF)
    assert response.status_code == 302 and Document.objects.count() == 1


def test_an_oversized_document_is_refused_with_a_clear_message(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(editor_client, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode() and "Maximum filesize 1.0" in response.content.decode()
    assert Document.objects.count() == 0 and stored_files("documents") == []


def test_the_default_document_limit_is_ten_megabytes():
    assert django_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", b"MZ\x90\x00 an executable"),
        ("slides.pptx", PDF),
        ("letter.docx", b"<html>not a package</html>"),
        ("notes.txt", b"text\x00with a NUL"),
        ("notes.txt", b"\xff\xfe\xfa not utf-8"),
    ],
)
def test_a_file_whose_contents_do_not_match_its_name_is_refused(editor_client, name, data):
    response = upload_document(editor_client, name, data)
    assert "its contents do not match its name" in response.content.decode()
    assert Document.objects.count() == 0 and stored_files("documents") == []


def test_the_multiple_upload_is_bounded_too(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = editor_client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile("big.pdf", PDF + b"0" * 4096)}
    )
    assert response.json()["success"] is False
    assert "This file is too big" in response.json()["error_message"]
    assert Document.objects.count() == 0


def png(width, height) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, data):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Banner", "file": SimpleUploadedFile("banner.png", data, content_type="image/png"), "collection": 1},
    )


def test_the_default_pixel_limit_refuses_121_megapixels():
    assert django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 25_000_000 < 121_000_000


def test_an_image_over_the_pixel_limit_is_refused_and_not_stored(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    response = upload_image(editor_client, png(1100, 1000))
    assert response.status_code == 200 and "pixels" in response.content.decode()
    assert Image.objects.count() == 0 and stored_files("original_images") == []


def test_an_image_within_the_limits_is_accepted(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    assert upload_image(editor_client, png(900, 1000)).status_code == 302 and Image.objects.count() == 1
