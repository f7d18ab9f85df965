"""Content-Security-Policy, Permissions-Policy and X-Request-ID on every response; no executable inline script in
any template (the policy would block it)."""

import re
from pathlib import Path

import pytest
from csp.middleware import CSPMiddleware
from django.conf import settings

from lms.security_headers import SiteCSPMiddleware
from lms.settings.base import feide_providers
from tests.lms.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/verify/", "/accounts/login/", "/survey/", "/institutions/", "/no-such-page/"])
def test_public_html_responses_carry_a_strict_policy(client, path):
    response = client.get(path)
    assert response["Content-Type"].startswith("text/html")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_pages_get_the_admin_policy_and_only_they_allow_inline_scripts(client):
    user = UserFactory(is_superuser=True, is_staff=True, with_totp=True)
    client.force_login(user)
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert directives(admin["Content-Security-Policy"])["script-src"] == ["'self'", "'unsafe-inline'"]
    public = client.get("/")
    assert directives(public["Content-Security-Policy"])["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_permissions_policy_switches_off_unused_features(client):
    header = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header


def test_the_admin_middleware_is_django_csps():
    assert issubclass(SiteCSPMiddleware, CSPMiddleware)
    assert "lms.security_headers.SiteCSPMiddleware" in settings.MIDDLEWARE
    assert "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE


@pytest.mark.django_db
def test_responses_carry_a_request_id_and_take_a_valid_one_from_the_proxy(client):
    first, second = client.get("/verify/"), client.get("/verify/")
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]
    from_proxy = client.get("/verify/", HTTP_X_REQUEST_ID="3f2a9c1e-0b7d-4d5e-9a61-2b8c7d6e5f40")
    assert from_proxy["X-Request-ID"] == "3f2a9c1e-0b7d-4d5e-9a61-2b8c7d6e5f40"


BAD_IDS = ["short", "x" * 65, "evil\nINFO forged line", "a b c d e f g h", "<script>1234</script>"]


@pytest.mark.django_db
@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_invalid_incoming_request_id_is_replaced(client, bad):
    response = client.get("/verify/", HTTP_X_REQUEST_ID=bad)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_error_responses_carry_the_request_id_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["X-Request-ID"]


TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
DATA_TYPES = ("application/json", "application/ld+json", "text/template")


def template_files():
    for folder in TEMPLATE_DIRS:
        yield from folder.rglob("*.html")


def test_no_template_has_an_executable_inline_script_or_event_handler():
    offenders = []
    for path in template_files():
        text = path.read_text(encoding="utf-8")
        for attributes, body in SCRIPT_TAG.findall(text):
            is_data = any(kind in attributes for kind in DATA_TYPES)
            if body.strip() and not is_data:
                offenders.append(f"{path.relative_to(ROOT)}: inline <script>")
            if "src=" not in attributes and not is_data and not body.strip():
                offenders.append(f"{path.relative_to(ROOT)}: <script> without src")
        if EVENT_HANDLER.search(text) or "javascript:" in text:
            offenders.append(f"{path.relative_to(ROOT)}: inline event handler or javascript: URL")
    assert not offenders, "\n".join(offenders)


def test_the_template_scan_finds_an_inline_script(tmp_path):
    """The scan above can fail: it sees an inline script and a handler attribute."""
    sample = '<p onclick="go()">x</p><script>alert(1)</script><script type="application/json">{}</script>'
    assert len([b for a, b in SCRIPT_TAG.findall(sample) if b.strip() and "application/json" not in a]) == 1
    assert EVENT_HANDLER.search(sample)


@pytest.mark.django_db
def test_form_action_allows_the_login_provider_only_when_feide_is_configured(client, settings):
    # "Log in with Feide" is a POST answered with a redirect to Feide; form-action governs that redirect too.
    assert directives(client.get("/accounts/login/")["Content-Security-Policy"])["form-action"] == ["'self'"]

    settings.SOCIALACCOUNT_PROVIDERS = feide_providers("client", "secret", "https://auth.dataporten.no")
    policy = directives(client.get("/accounts/login/")["Content-Security-Policy"])
    assert policy["form-action"] == ["'self'", "https://auth.dataporten.no"]
    assert policy["script-src"] == ["'self'"]
