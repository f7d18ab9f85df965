"""Small helpers for account tests: current TOTP codes and a full allauth login with the second factor."""

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.urls import reverse

from tests.lms.factories import TEST_PASSWORD, TEST_TOTP_SECRET


def totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def login_with_totp(client, email: str, password: str = TEST_PASSWORD, secret: str = TEST_TOTP_SECRET):
    """Log in through allauth's one login path: password, then the TOTP code. Returns the last response."""
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == reverse("mfa_authenticate")
    return client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})


def session_user_id(client):
    return client.session.get("_auth_user_id")
