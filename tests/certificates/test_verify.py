import re
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from certificates import codes
from certificates.models import Certificate
from certificates.pdf import pdf_context
from certificates.services import certificate_revoke, certificate_suspend, certificate_withdraw
from tests.courses.factories import CourseFactory
from tests.lms.factories import UserFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db

SENTINEL_EMAIL = "sentinel-7f3a9@example.org"
SENTINEL_SCORE = "SCORE-93417"


@pytest.fixture
def sentinel_certificate():
    # A pk no markup contains: a small one (say 20) also appears as `width="20"` in the header's SVG.
    holder = UserFactory(pk=987654321, email=SENTINEL_EMAIL, full_name="Sentinel Holder", role="Trainees")
    evidence = {
        "course": "Training",
        "completed_at": "2026-10-01",
        "hours": 10.0,
        "modules": [{"title": "Active listening", "completed_at": "2026-09-20", "minutes": 60}],
        "score": SENTINEL_SCORE,
        "notes": "NOTE-SENTINEL",
    }
    return CertificateFactory(holder=holder, course=CourseFactory(), evidence=evidence)


def url(certificate, suffix=""):
    return f"/verify/{certificate.display_code}/{suffix}"


def test_verify_page_shows_a_valid_certificate(client, certificate):
    response = client.get(url(certificate))
    assert response.status_code == 200 and "banner--valid" in response.content.decode()


def test_verify_page_shows_holder_achievement_and_issuer(client, certificate):
    body = client.get(url(certificate)).content.decode()
    assert certificate.holder_name in body and certificate.achievement_title in body
    assert certificate.issuer_name in body


def test_verify_page_shows_the_evidence_summary(client, certificate):
    assert "Active listening" in client.get(url(certificate)).content.decode()


def test_verify_page_in_bokmal(client, certificate):
    body = client.get(url(certificate) + "?lang=nb").content.decode()
    assert certificate.achievement_title_nb in body and 'lang="nb"' in body


@pytest.mark.parametrize("suffix", ["", "verification.json"])
def test_verify_responses_never_show_email_user_id_or_scores(client, sentinel_certificate, suffix):
    body = client.get(url(sentinel_certificate, suffix)).content.decode()
    holder_id = f'"{sentinel_certificate.holder.pk}"'
    assert body.count(SENTINEL_EMAIL) == 0 and body.count(SENTINEL_SCORE) == 0 and body.count("NOTE-SENTINEL") == 0
    assert body.count(holder_id) == 0 and "user_id" not in body and "holder_id" not in body


def test_verify_page_sends_noindex_and_no_referrer(client, certificate):
    response = client.get(url(certificate))
    assert response["X-Robots-Tag"].startswith("noindex") and response["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("suffix", ["", "verification.json", "credential.jwt", "credential.json"])
def test_verify_routes_set_no_cookie_and_do_not_vary_on_cookie(certificate, suffix):
    client = Client()
    response = client.get(url(certificate, suffix))
    assert response.cookies == {} and "Cookie" not in response.get("Vary", "")


def test_verify_form_sets_no_cookie():
    response = Client().get("/verify/")
    assert response.status_code == 200 and response.cookies == {} and "csrf" not in response.content.decode()


def test_verify_page_sets_no_cookie_for_a_signed_in_visitor(client, certificate):
    client.force_login(certificate.holder)
    response = client.get(url(certificate))
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_verify_page_loads_nothing_from_third_parties(client, certificate):
    body = client.get(url(certificate)).content.decode()
    for tag in ('src="http', "src='http", 'href="//', "@import"):
        assert tag not in body
    assert 'rel="stylesheet" href="/static/' in body


def test_verify_page_runs_at_most_two_queries(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(url(certificate))


def test_verify_page_is_cached(client, certificate, django_assert_num_queries):
    client.get(url(certificate))
    with django_assert_num_queries(0):
        client.get(url(certificate))


def test_json_view_runs_at_most_two_queries(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(url(certificate, "verification.json"))


def test_json_view_gives_the_same_facts(client, certificate):
    data = client.get(url(certificate, "verification.json")).json()
    assert (data["status"], data["holder_name"], data["code"]) == (
        "valid",
        certificate.holder_name,
        certificate.display_code,
    )


@pytest.mark.parametrize(
    ("change", "banner"),
    [(certificate_suspend, "banner--suspended"), (certificate_revoke, "banner--revoked")],
)
def test_status_change_shows_on_the_very_next_request(client, certificate, coordinator, change, banner):
    client.get(url(certificate))  # cached as valid
    change(certificate=certificate, actor=coordinator, reason="Checked by the coordinator")
    body = client.get(url(certificate)).content.decode()
    assert banner in body and "Checked by the coordinator" in body


@pytest.mark.parametrize(("change", "status"), [(certificate_suspend, "suspended"), (certificate_revoke, "revoked")])
def test_status_change_shows_in_the_json_view_at_once(client, certificate, coordinator, change, status):
    client.get(url(certificate, "verification.json"))
    change(certificate=certificate, actor=coordinator, reason="Reason")
    assert client.get(url(certificate, "verification.json")).json()["status"] == status


def test_withdrawn_banner(client, certificate, coordinator):
    certificate_withdraw(certificate=certificate, actor=coordinator, reason="At the holder's request")
    assert "banner--withdrawn" in client.get(url(certificate)).content.decode()


def test_expired_banner(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=timezone.now() - timedelta(days=400), valid_until=timezone.now() - timedelta(days=1)
    )
    assert "banner--expired" in client.get(url(certificate)).content.decode()


def test_lookup_tolerates_case_and_spaces(client, certificate):
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get("/verify/", {"code": typed})
    assert response.status_code == 302 and response["Location"] == url(certificate)


def test_lowercase_code_in_the_address_redirects_to_the_printed_form(client, certificate):
    response = client.get(f"/verify/{certificate.code.lower()}/")
    assert response.status_code == 302 and response["Location"] == url(certificate)


def test_unknown_code_is_a_clear_404(client, db):
    response = client.get(f"/verify/{codes.format_code(codes.generate())}/")
    assert response.status_code == 404 and "No certificate has this code" in response.content.decode()


@pytest.mark.parametrize("raw", ["hello", "ABCD-EFGH", "UUUU-" * 7])
def test_malformed_code_is_a_clear_404(client, db, raw):
    response = client.get(f"/verify/{raw}/")
    assert response.status_code == 404 and "not a certificate code" in response.content.decode()


def test_over_long_code_in_the_form_gets_a_clear_message(client, db):
    response = client.get("/verify/", {"code": "A" * 500})
    assert response.status_code == 400 and "too long" in response.content.decode()


def test_malformed_code_in_the_form_gets_a_clear_message(client, db):
    response = client.get("/verify/", {"code": "not-a-code"})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()


def test_over_long_code_in_the_address_is_a_404(client, db):
    assert client.get("/verify/" + "A" * 3000 + "/").status_code == 404


def test_round_trip_from_the_printed_pdf_text_to_the_verify_page(client, certificate):
    """The text the PDF prints (its HTML source), typed back in as a person would, reaches the certificate."""

    html = render_to_string("certificates/pdf/certificate.html", pdf_context(certificate))
    printed = re.search(r'<p class="code">([^<]+)</p>', html).group(1)
    response = client.get("/verify/", {"code": printed.lower().replace("-", " ")}, follow=True)
    assert certificate.holder_name in response.content.decode()


# --- rate limits --------------------------------------------------------------------------------------------------


def test_lookups_over_the_limit_get_429(client, certificate, settings):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = "5/60"
    statuses = [client.get(url(certificate)).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_429_page_is_clear_and_translated(client, certificate, settings):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = "1/60"
    client.get(url(certificate))
    response = client.get(url(certificate) + "?lang=nb")
    assert response.status_code == 429 and 1 <= int(response["Retry-After"]) <= 60
    assert "For mange oppslag" in response.content.decode()


def test_retry_after_is_the_end_of_the_window_that_refused(client, db, settings, monkeypatch):
    """Issue 15: the 429 of the unknown-code bucket said 60 s while its window was 600 s."""

    monkeypatch.setattr("certificates.ratelimit.time.time", lambda: 1_000_000_030.0)  # 430 s into a 600 s window
    settings.CERTIFICATES_UNKNOWN_RATE_LIMIT = "2/600"
    for _ in range(2):
        client.get(f"/verify/{codes.format_code(codes.generate())}/")
    response = client.get(f"/verify/{codes.format_code(codes.generate())}/")
    assert response.status_code == 429 and response["Retry-After"] == "170"
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = "1/60"
    settings.CERTIFICATES_UNKNOWN_RATE_LIMIT = "100/600"
    client.get("/verify/")
    assert (
        client.get(f"/verify/{codes.format_code(codes.generate())}/")["Retry-After"] == "50"
    )  # 10 s into a 60 s window


def test_unknown_codes_over_the_limit_get_429(client, db, settings):
    settings.CERTIFICATES_UNKNOWN_RATE_LIMIT = "3/600"
    statuses = [client.get(f"/verify/{codes.format_code(codes.generate())}/").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_a_client_over_the_unknown_limit_cannot_look_up_known_codes_either(client, certificate, settings):
    settings.CERTIFICATES_UNKNOWN_RATE_LIMIT = "2/600"
    for _ in range(2):
        client.get(f"/verify/{codes.format_code(codes.generate())}/")
    assert client.get(url(certificate)).status_code == 429


def test_a_second_client_is_unaffected(certificate, settings):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = "2/60"
    first = Client(REMOTE_ADDR="192.0.2.1")
    second = Client(REMOTE_ADDR="192.0.2.2")
    for _ in range(3):
        first.get(url(certificate))
    assert first.get(url(certificate)).status_code == 429
    assert second.get(url(certificate)).status_code == 200


def test_forwarded_for_is_ignored_without_a_trusted_proxy(certificate, settings):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = "1/60"
    client = Client(REMOTE_ADDR="192.0.2.1")
    client.get(url(certificate), HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client.get(url(certificate), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


# --- downloads ------------------------------------------------------------------------------------------------------


def test_pdf_download_is_public(client, certificate):
    response = client.get(url(certificate, "certificate.pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_credential_json_is_the_decoded_credential(client, certificate):
    assert client.get(url(certificate, "credential.json")).json() == certificate.credential


def test_unknown_code_downloads_are_404(client, db):
    assert client.get(f"/verify/{codes.format_code(codes.generate())}/credential.jwt").status_code == 404


def test_qr_code_is_svg(client, certificate):
    response = client.get(url(certificate, "qr.svg"))
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content


@pytest.mark.parametrize(
    "path",
    ["credential.jwt", "certificate.pdf", "qr.svg"],
)
def test_404s_under_verify_set_no_cookie(db, path):
    response = Client().get(f"/verify/not-a-code/{path}")
    assert response.status_code == 404 and response.cookies == {} and response["X-Robots-Tag"].startswith("noindex")


def test_unknown_public_key_is_a_cookie_free_404(db):
    response = Client().get("/verify/keys/unknown.json")
    assert response.status_code == 404 and response.cookies == {}
