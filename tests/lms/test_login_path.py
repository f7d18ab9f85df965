"""One login path: only allauth's login (with MFA and rate limits) may turn a password into a session.

The main test walks the URL resolver and POSTs a TOTP user's correct password to EVERY route, so a login view added
by a future Wagtail or Django upgrade, or by another app, is caught too.
"""

import pytest
from django.test import Client
from django.urls import resolve, reverse
from wagtail.admin.views.account import password_management_enabled, password_reset_enabled

from tests.lms.factories import TEST_PASSWORD, UserFactory
from tests.lms.feide_helpers import feide_login, oidc, oidc_server
from tests.lms.helpers import login_with_totp
from tests.lms.oidc_provider import feide_claims
from tests.lms.routes import all_route_samples

__all__ = ["oidc", "oidc_server"]  # fixtures used below

# Routes that read a password today. The enumeration test below checks this list against the resolver, so it
# cannot silently go stale.
LOGIN_CAPABLE_ROUTES = [
    "/accounts/login/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/reauthenticate/",
    "/accounts/password/change/",
    "/accounts/password/set/",
    "/admin/login/",
    "/admin/password_reset/",
    "/admin/password_reset/confirm/MQ/set-password/",
    "/_util/login/",
    "/_util/authenticate_with_password/1/1/",
    "/documents/authenticate_with_password/1/",
    # Feide (lms/feide): a session only through the provider, and then through the same MFA stage.
    "/accounts/oidc/feide/login/",
    "/accounts/oidc/feide/login/callback/",
]


@pytest.fixture
def totp_user(db):
    return UserFactory(role="Administrators", with_totp=True, email="totp-admin@uio.no", is_superuser=True)


def _credentials(email):
    return {
        "login": email,
        "email": email,
        "username": email,
        "password": TEST_PASSWORD,
        "oldpassword": TEST_PASSWORD,
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "new_password1": TEST_PASSWORD,
        "new_password2": TEST_PASSWORD,
        "next": "/admin/",
    }


def _gets_a_session(url: str, email: str) -> bool:
    client = Client(raise_request_exception=False)
    client.post(url, _credentials(email))
    if client.session.get("_auth_user_id"):
        return True
    return client.get("/admin/").status_code == 200


def test_the_route_walk_reaches_every_route():
    urls, unresolved = all_route_samples()
    assert len(urls) > 200
    # The only regexes the candidates cannot fill are Wagtail's catch-alls; none of them reads a password.
    assert all("password" not in raw and "login" not in raw for raw in unresolved), unresolved


def test_every_known_login_route_is_in_the_resolver():
    urls, _ = all_route_samples()
    missing = [route for route in LOGIN_CAPABLE_ROUTES if route.rstrip("/") not in {u.rstrip("/") for u in urls}]
    # Some are sampled with other values by the walk; resolve them instead.

    assert all(resolve(route) for route in missing)


@pytest.mark.django_db
def test_no_route_gives_a_session_to_a_password_alone(totp_user):
    """POST the correct password of a TOTP user to every route: 0 give a session."""
    urls, _ = all_route_samples()
    urls = sorted(set(urls) | set(LOGIN_CAPABLE_ROUTES))
    granted = [url for url in urls if _gets_a_session(url, totp_user.email)]
    assert granted == []


@pytest.mark.django_db
def test_no_route_gives_a_session_with_feide_configured_and_connected(totp_user, oidc):
    """The same walk with Feide switched on (the local OpenID Connect provider) and connected to the TOTP user:
    still 0 routes give a session to a password alone; and a complete Feide login stops at the second factor."""
    client = Client()
    client.force_login(totp_user)
    feide_login(client, oidc, feide_claims(totp_user.email), process="connect")
    assert totp_user.socialaccount_set.filter(provider="feide").exists()
    urls, _ = all_route_samples()
    urls = sorted(set(urls) | set(LOGIN_CAPABLE_ROUTES))
    assert "/accounts/oidc/x/login/" in urls and "/accounts/oidc/x/login/callback/" in urls
    granted = [url for url in urls if _gets_a_session(url, totp_user.email)]
    assert granted == []
    fresh = Client()
    response = feide_login(fresh, oidc, feide_claims(totp_user.email))
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in fresh.session
    assert fresh.get("/admin/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("url", LOGIN_CAPABLE_ROUTES)
def test_login_capable_route_gives_no_session(totp_user, url):
    assert not _gets_a_session(url, totp_user.email)


@pytest.mark.django_db
def test_allauth_login_with_password_alone_stops_at_the_second_factor(client, totp_user):
    response = client.post(reverse("account_login"), {"login": totp_user.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_control_login_with_password_and_totp_does_give_a_session(client, totp_user):
    """Shows the test above can fail: the same user with the second factor does get in."""
    login_with_totp(client, totp_user.email)
    assert client.session.get("_auth_user_id") == str(totp_user.pk)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/admin/login/", "/accounts/login/"),
        ("/admin/login/?next=/admin/pages/", "/accounts/login/?next=%2Fadmin%2Fpages%2F"),
        ("/admin/login/?next=https://evil.example/", "/accounts/login/"),
        ("/_util/login/", "/accounts/login/"),
        ("/admin/password_reset/", "/accounts/password/reset/"),
        ("/admin/password_reset/confirm/MQ/set-password/", "/accounts/password/reset/"),
    ],
)
def test_wagtail_login_pages_redirect_to_allauth(client, url, target):
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (301, 302)
        assert response["Location"] == target


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/_util/authenticate_with_password/1/1/", "/documents/authenticate_with_password/1/"])
def test_shared_password_forms_are_gone(client, url):
    assert client.post(url, {"password": "anything"}).status_code == 404


def test_wagtail_password_settings_take():
    assert password_reset_enabled() is False
    assert password_management_enabled() is False


@pytest.mark.django_db
def test_anonymous_admin_request_is_sent_to_allauth(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
