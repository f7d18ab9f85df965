"""allauth's rate limits, in one process (see test_ratelimits_redis.py for two worker processes sharing Redis)."""

import importlib
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

import lms.settings.base as base
from tests.lms.factories import TEST_PASSWORD, UserFactory

WRONG = "not-the-password-1"


def login(client, email, password, ip="127.0.0.1"):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def _too_many(response):
    return response.status_code == 200 and "too many failed login attempts" in response.content.decode().lower()


@pytest.mark.django_db
def test_sixth_login_for_one_account_is_refused_even_with_the_right_password(trainee):
    # Five failures from five different addresses: the per-account limit is what stops the sixth.
    for attempt in range(5):
        response = login(Client(), trainee.email, WRONG, ip=f"10.0.0.{attempt + 1}")
        assert response.status_code == 200
        assert not _too_many(response)
    client = Client()
    response = login(client, trainee.email, TEST_PASSWORD, ip="10.0.0.99")
    assert _too_many(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_fifth_login_with_the_right_password_still_works(trainee):
    """The control: four failures do not lock the account."""
    for attempt in range(4):
        login(Client(), trainee.email, WRONG, ip=f"10.0.1.{attempt + 1}")
    client = Client()
    login(client, trainee.email, TEST_PASSWORD, ip="10.0.1.99")
    assert client.session.get("_auth_user_id") == str(trainee.pk)


@pytest.mark.django_db
def test_account_limit_does_not_touch_other_accounts(trainee):
    other = UserFactory(role="Trainees")
    for _ in range(6):
        login(Client(), trainee.email, WRONG, ip="10.0.2.1")
    client = Client()
    login(client, other.email, TEST_PASSWORD, ip="10.0.2.2")
    assert client.session.get("_auth_user_id") == str(other.pk)


@pytest.mark.django_db
def test_thirty_first_login_attempt_from_one_ip_in_a_minute_gets_429(trainee):
    client = Client()
    statuses = [login(client, f"nobody{n}@example.org", WRONG).status_code for n in range(30)]
    assert 429 not in statuses
    response = login(client, trainee.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_second_ip_is_unaffected_by_the_first_ips_limit(trainee):
    for n in range(31):
        login(Client(), f"nobody{n}@example.org", WRONG, ip="10.0.3.1")
    assert login(Client(), "someone@example.org", WRONG, ip="10.0.3.1").status_code == 429
    client = Client()
    response = login(client, trainee.email, TEST_PASSWORD, ip="10.0.3.2")
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(trainee.pk)


@pytest.mark.django_db
def test_429_page_is_clear_and_in_the_site_layout():
    client = Client()
    for n in range(31):
        response = login(client, f"nobody{n}@example.org", WRONG)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many attempts" in html
    assert html.count("<h1") == 1
    assert 'class="skip-link"' in html


@pytest.mark.django_db
def test_429_page_is_translated():
    client = Client()
    for n in range(31):
        response = login(client, f"nobody{n}@example.org", WRONG)
    with translation.override("nb"):
        html = client.post(
            reverse("account_login"), {"login": "x@example.org", "password": WRONG}, HTTP_ACCEPT_LANGUAGE="nb"
        ).content.decode()
    assert '<html lang="nb">' in html
    assert "{% translate" not in html
    assert response.status_code == 429


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_address(client, trainee):
    statuses = [
        client.post(reverse("account_reset_password"), {"email": trainee.email}, REMOTE_ADDR="10.0.4.1").status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429


def test_rate_limits_are_on_and_as_documented():
    limits = settings.ACCOUNT_RATE_LIMITS
    assert limits["login_failed"] == "10/m/ip,5/5m/key"
    assert limits["login"] == "30/m/ip"
    assert getattr(settings, "ACCOUNT_RATE_LIMITS", None) is not False


# --- Client address behind proxies --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_forwarded_for_is_ignored_without_trusted_proxies(settings, rf):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert get_adapter(request).get_client_ip(request) == "192.0.2.10"


@pytest.mark.django_db
def test_one_trusted_proxy_uses_the_address_it_appended(settings, rf):
    settings.TRUSTED_PROXIES = "10.0.0.0/8"
    settings.TRUSTED_PROXY_COUNT = 1
    # A client may send its own X-Forwarded-For; the proxy appends the real address, which is the one we use.
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.7"


def test_trusted_proxy_count_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "2")
    try:
        assert importlib.reload(base).ALLAUTH_TRUSTED_PROXY_COUNT == 2
    finally:
        monkeypatch.delenv("TRUSTED_PROXY_COUNT")
        importlib.reload(base)


def test_trusted_proxy_count_is_documented():
    docs = (Path(settings.BASE_DIR) / "docs" / "accounts.md").read_text()
    assert "TRUSTED_PROXY_COUNT" in docs
    assert "TRUSTED_PROXY_COUNT" in (Path(settings.BASE_DIR) / ".env.example").read_text()
