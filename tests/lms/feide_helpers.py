"""Fixtures and helpers for Feide tests: the local OpenID Connect provider and a login through it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from lms.settings.base import feide_providers
from tests.lms.oidc_provider import LocalOIDCProvider

FEIDE_LOGIN_URL = "/accounts/oidc/feide/login/"
FEIDE_CALLBACK_URL = "/accounts/oidc/feide/login/callback/"


@pytest.fixture(scope="session")
def oidc_server():
    provider = LocalOIDCProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc(oidc_server, settings):
    """The local provider, with the site configured to use it as Feide for this test."""
    oidc_server.reset()
    settings.SOCIALACCOUNT_PROVIDERS = feide_providers(
        oidc_server.client_id, oidc_server.client_secret, oidc_server.issuer
    )
    yield oidc_server
    oidc_server.reset()


def start(client, *, process: str = "login", next_url: str | None = None):
    """POST "Log in with Feide"; returns the provider's authorization URL the site redirects to."""
    data = {"process": process}
    if next_url:
        data["next"] = next_url
    response = client.post(FEIDE_LOGIN_URL, data)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def authorize(authorize_url: str) -> str:
    """What the browser does at the provider: returns the site's callback path (with code and state)."""
    response = requests.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    location = urlsplit(response.headers["Location"])
    return f"{location.path}?{location.query}"


def feide_login(client, oidc, claims: dict, **kwargs):
    """A whole Feide login through the local provider; returns the site's answer to the callback."""
    oidc.next_claims = claims
    callback = authorize(start(client, **kwargs))
    return client.get(callback)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
