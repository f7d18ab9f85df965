"""The verify page's whole response is cached per code and language, and every status change clears it: the very next
request shows the new state, in English, in Bokmål and in the JSON view (issue 18). Unknown codes cost ≤ 2 queries."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from certificates import codes
from certificates.services import (
    certificate_renew,
    certificate_revoke,
    certificate_suspend,
    certificate_unsuspend,
    certificate_withdraw,
)

pytestmark = pytest.mark.django_db


def url(certificate, suffix=""):
    return f"/verify/{certificate.display_code}/{suffix}"


def warm(client, certificate, django_assert_num_queries):
    """Cache the page in both languages and the JSON view, and prove the next requests are served from the cache."""
    for suffix in ("", "?lang=nb", "verification.json"):
        client.get(url(certificate, suffix))
    with django_assert_num_queries(0):
        for suffix in ("", "?lang=nb", "verification.json"):
            assert client.get(url(certificate, suffix)).status_code == 200


def pages(client, certificate):
    return (
        client.get(url(certificate)).content.decode(),
        client.get(url(certificate, "?lang=nb")).content.decode(),
        client.get(url(certificate, "verification.json")).json(),
    )


@pytest.mark.parametrize(
    ("change", "status"),
    [(certificate_revoke, "revoked"), (certificate_suspend, "suspended"), (certificate_withdraw, "withdrawn")],
)
def test_a_status_change_shows_on_the_next_request_despite_the_cache(
    client, certificate, coordinator, change, status, django_assert_num_queries
):
    warm(client, certificate, django_assert_num_queries)
    change(certificate=certificate, actor=coordinator, reason="Checked by the coordinator")
    english, bokmal, data = pages(client, certificate)
    assert f"banner--{status}" in english and f"banner--{status}" in bokmal
    assert "banner--valid" not in english and "banner--valid" not in bokmal
    assert data["status"] == status


def test_reinstating_shows_on_the_next_request_despite_the_cache(
    client, certificate, coordinator, django_assert_num_queries
):
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Checking")
    warm(client, certificate, django_assert_num_queries)
    assert "banner--suspended" in client.get(url(certificate)).content.decode()
    certificate_unsuspend(certificate=certificate, actor=coordinator, reason="Checked: fine")
    english, bokmal, data = pages(client, certificate)
    assert "banner--valid" in english and "banner--valid" in bokmal
    assert "banner--suspended" not in english and "banner--suspended" not in bokmal
    assert data["status"] == "valid"


def test_renewing_shows_on_the_next_request_despite_the_cache(
    client, certificate, coordinator, django_assert_num_queries
):
    warm(client, certificate, django_assert_num_queries)
    assert "Renewed on" not in client.get(url(certificate)).content.decode()
    before = client.get(url(certificate, "verification.json")).json()
    renewed = certificate_renew(certificate=certificate, actor=coordinator, reason="Refresher done")
    english, bokmal, data = pages(client, certificate)
    assert "Renewed on" in english and "Fornyet" in bokmal
    assert data != before and renewed.valid_until.date().isoformat() in str(data)


def test_an_unknown_code_costs_at_most_two_queries(client, db, django_assert_max_num_queries):
    unknown = codes.format_code(codes.generate())
    with django_assert_max_num_queries(2):
        assert client.get(f"/verify/{unknown}/").status_code == 404
    with django_assert_max_num_queries(2):
        assert client.get(f"/verify/{codes.format_code(codes.generate())}/verification.json").status_code == 404
    with django_assert_max_num_queries(0):  # the same unknown code again: "no such code" is cached too
        assert client.get(f"/verify/{unknown}/").status_code == 404


def test_other_404s_still_follow_wagtail_redirects(client, db):
    Redirect.objects.create(old_path="/old-page", redirect_link="/verify/", site=Site.objects.get(is_default_site=True))
    response = client.get("/old-page/")
    assert response.status_code in (301, 302) and response["Location"] == "/verify/"


def test_a_signed_in_visitor_gets_the_cached_page_without_a_query(
    client, certificate, trainee, django_assert_num_queries
):
    """The verify view never reads the session, so neither does the session refresh (lms/session_refresh.py)."""
    client.force_login(trainee)
    client.get(url(certificate))
    with django_assert_num_queries(0):
        assert client.get(url(certificate)).status_code == 200
