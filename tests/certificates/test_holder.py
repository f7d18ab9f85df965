from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.views.holder import linkedin_url
from certificates.wagtail_hooks import add_my_certificates_panel
from tests.courses.factories import CourseFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db

MY = "/my/certificates/"


def test_my_certificates_needs_login(client):
    response = client.get(MY)
    assert response.status_code == 302 and "login" in response["Location"]


def test_holder_sees_their_certificate(client, certificate):
    client.force_login(certificate.holder)
    assert certificate.display_code in client.get(MY).content.decode()


def test_holder_never_sees_someone_elses_certificate(client, certificate, trainee):
    other = CertificateFactory()
    client.force_login(trainee)
    assert other.display_code not in client.get(MY).content.decode()


def test_page_has_share_link_pdf_credential_qr_and_linkedin(client, certificate):
    client.force_login(certificate.holder)
    body = client.get(MY).content.decode()
    for expected in (
        certificate.public_url(),
        "certificate.pdf",
        "credential.jwt",
        "qr.svg",
        "linkedin.com/profile/add",
    ):
        assert expected in body


def test_copy_button_is_progressive_enhancement(client, certificate):
    client.force_login(certificate.holder)
    body = client.get(MY).content.decode()
    assert 'readonly value="' in body and "data-copy-target" in body and " hidden>" in body


def test_linkedin_link_has_the_certification_fields(certificate):
    query = parse_qs(urlparse(linkedin_url(certificate)).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["certId"] == [certificate.display_code] and query["certUrl"] == [certificate.public_url()]
    assert query["issueYear"] == [str(certificate.issued_at.year)] and query["organizationName"]


def test_my_certificates_query_count_is_flat(client, trainee):
    client.force_login(trainee)
    CertificateFactory(holder=trainee)
    client.get(MY)
    with CaptureQueriesContext(connection) as one:
        client.get(MY)
    for _ in range(5):
        CertificateFactory(holder=trainee, course=CourseFactory())
    with CaptureQueriesContext(connection) as six:
        client.get(MY)
    assert len(six) == len(one)


def _panel_html(rf, user):
    """Build and render only this app's panel (other apps' panels have query tests of their own)."""

    request = rf.get("/my/")
    request.user = user
    panels = []
    add_my_certificates_panel(request, panels)
    return panels[0].render(request)


def test_my_page_lists_the_certificates_panel(client, certificate):
    client.force_login(certificate.holder)
    body = client.get("/my/").content.decode()
    assert certificate.get_absolute_url() in body and "/my/certificates/" in body


def test_my_page_panel_lists_the_holders_certificates(rf, certificate):
    html = _panel_html(rf, certificate.holder)
    assert certificate.get_absolute_url() in html and "/my/certificates/" in html


def test_my_page_panel_without_certificates_says_so(rf, trainee):
    assert "no certificates yet" in _panel_html(rf, trainee)


def test_my_page_panel_queries_stay_flat(rf, trainee):
    CertificateFactory(holder=trainee)
    _panel_html(rf, trainee)  # warm the caches that every page shares (content types, site)
    with CaptureQueriesContext(connection) as one:
        _panel_html(rf, trainee)
    for _ in range(4):
        CertificateFactory(holder=trainee, course=CourseFactory())
    with CaptureQueriesContext(connection) as five:
        _panel_html(rf, trainee)
    assert len(five) == len(one) <= 2


def test_holder_page_in_bokmal(client, certificate):
    certificate.holder.language = "nb"
    client.force_login(certificate.holder)
    body = client.get(MY, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Mine kursbevis" in body
