"""Media and certificate PDFs on S3-compatible object storage (django-storages, boto3) against a real moto server:
upload, a PDF rendered with its logo read through the storage API, and the download."""

import io
import uuid

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader
from storages.backends.s3 import S3Storage
from wagtail_factories import ImageFactory

from certificates import pdf as certificate_pdf
from certificates.services import issue_course_certificate
from lms.settings import storage as storage_settings_module
from tests import s3server

from .factories import CertificateDesignFactory, sample_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    with s3server.moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint, settings):
    name = f"psa-{uuid.uuid4().hex[:12]}"
    s3server.create_bucket(s3_endpoint, name)
    settings.STORAGES = {**settings.STORAGES, "default": s3server.storage_settings(s3_endpoint, name)}
    return s3server.client(s3_endpoint), name


def objects(bucket) -> dict[str, bytes]:
    client, name = bucket
    listing = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {item["Key"]: client.get_object(Bucket=name, Key=item["Key"])["Body"].read() for item in listing}


def image_count(data: bytes) -> int:
    reader = PdfReader(io.BytesIO(data))
    count = 0
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        count += sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
    return count


def test_default_storage_is_s3_when_configured(bucket):
    default_storage.save("probe.txt", io.BytesIO(b"hello"))
    assert isinstance(default_storage._wrapped, S3Storage)
    assert objects(bucket)["probe.txt"] == b"hello"


def test_an_uploaded_image_lands_in_the_bucket(bucket):
    image = ImageFactory(title="Logo")
    assert image.file.name in objects(bucket)


def test_pdf_with_logo_rendered_and_downloaded_from_s3(bucket, client, trainee, course):
    CertificateDesignFactory(logo=ImageFactory(title="Peer Support Network logo"))
    certificate = issue_course_certificate(holder=trainee, course=course, evidence=sample_evidence(course))
    certificate_pdf.ensure_pdf(certificate)
    stored = objects(bucket)
    assert certificate.design["logo"] in stored and certificate.pdf.name in stored
    assert image_count(stored[certificate.pdf.name]) >= 1  # the logo is drawn, not silently dropped

    response = client.get(f"/verify/{certificate.display_code}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == stored[certificate.pdf.name]


def test_a_logo_storage_cannot_give_stops_the_render(bucket, trainee, course):
    CertificateDesignFactory(logo=ImageFactory(title="Logo"))
    certificate = issue_course_certificate(holder=trainee, course=course, evidence=sample_evidence(course))
    client, name = bucket
    client.delete_object(Bucket=name, Key=certificate.design["logo"])
    with pytest.raises(certificate_pdf.LogoUnavailable, match="logo"):
        certificate_pdf.ensure_pdf(certificate)
    certificate.refresh_from_db()
    assert not certificate.pdf and certificate.pdf.name not in objects(bucket)


def test_settings_choose_s3_only_with_a_bucket(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert storage_settings_module.default_storage()["BACKEND"].endswith("FileSystemStorage")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "psa-media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    chosen = storage_settings_module.default_storage()
    assert chosen["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["OPTIONS"]["bucket_name"] == "psa-media" and chosen["OPTIONS"]["default_acl"] is None
