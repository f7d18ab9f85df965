"""The client IP from the trusted proxy chain only (lms/clientip.py, docs/decisions/0124)."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client, RequestFactory
from django.urls import reverse

from certificates import codes
from lms.audit import audit_record
from lms.clientip import client_ip, request_ip
from lms.models import AuditEvent

WRONG = "not-the-password-1"


def ip_of(remote, xff=None):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return client_ip(RequestFactory().get("/", **meta))


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


def test_without_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert ip_of("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_behind_one_trusted_proxy_the_client_is_the_last_entry(one_proxy):
    assert ip_of("10.0.0.2", "198.51.100.1") == "198.51.100.1"
    assert ip_of("10.0.0.2", "6.6.6.6, 198.51.100.1") == "198.51.100.1"  # a forged left part is ignored


def test_reaching_the_app_directly_the_header_is_ignored(one_proxy):
    """The escape of issue 15: TRUSTED_PROXY_COUNT=1, the app reachable directly, a rotating X-Forwarded-For."""
    assert {ip_of("203.0.113.7", f"192.0.2.{n}") for n in range(20)} == {"203.0.113.7"}


def test_two_proxies_need_both_to_be_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip_of("10.0.0.2", "198.51.100.1, 10.0.0.3") == "198.51.100.1"
    # the middle hop is not ours: it is the client, whatever it claims before it
    assert ip_of("10.0.0.2", "6.6.6.6, 203.0.113.9") == "203.0.113.9"


def test_malformed_entries_and_ports(one_proxy):
    assert ip_of("10.0.0.2", "not-an-ip") == "10.0.0.2"
    assert ip_of("10.0.0.2", "198.51.100.1:4321") == "198.51.100.1"
    assert ip_of("10.0.0.2", "[2001:db8::1]:443") == "2001:db8::1"
    assert ip_of("10.0.0.2", "") == "10.0.0.2"


@pytest.mark.django_db
def test_rotating_x_forwarded_for_does_not_escape_the_login_limit(one_proxy, trainee):
    """allauth's "30/m/ip" login limit, counted with lms.clientip: a direct client rotating the header is one IP."""
    client = Client()
    statuses = [
        client.post(
            reverse("account_login"),
            {"login": f"nobody{n}@example.org", "password": WRONG},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(31)
    ]
    assert 429 not in statuses[:30] and statuses[30] == 429


@pytest.mark.django_db
def test_rotating_x_forwarded_for_does_not_escape_the_verify_limit(one_proxy, client, settings):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = "3/60"
    statuses = [
        client.get(
            f"/verify/{codes.format_code(codes.generate())}/",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [404, 404, 404, 429]


@pytest.mark.django_db
def test_behind_the_proxy_distinct_clients_keep_distinct_buckets(one_proxy, client, settings):
    settings.CERTIFICATES_VERIFY_RATE_LIMIT = "1/60"
    statuses = [
        client.get(
            f"/verify/{codes.format_code(codes.generate())}/",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [404, 404, 404]


# --- the one helper every caller uses: allauth's public adapter API -------------------------------------------------


def test_request_ip_goes_through_allauths_public_adapter(one_proxy, monkeypatch):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert request_ip(request) == get_adapter(request).get_client_ip(request) == "203.0.113.7"
    adapter_class = type(get_adapter(request))
    monkeypatch.setattr(adapter_class, "get_client_ip", lambda self, request: "192.0.2.99")
    assert request_ip(request) == "192.0.2.99"


def test_request_ip_is_empty_for_a_malformed_socket_address():
    assert request_ip(RequestFactory().get("/", REMOTE_ADDR="not-an-address")) == ""


@pytest.mark.django_db
def test_audit_records_the_trusted_chain_address_not_the_forged_header(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.7")
    audit_record(action="test.client_ip", request=request)
    assert AuditEvent.objects.get(action="test.client_ip").ip_address == "192.0.2.10"
