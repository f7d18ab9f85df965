"""Demo staff users get a fixed TOTP secret that seed_demo prints, and demo_totp prints a current code."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from lms.demo import demo_totp_secret
from lms.models import User
from tests.lms.helpers import totp_code

STAFF = [
    "counsellor@example.org",
    "counsellor2@example.org",
    "advisor@example.org",
    "coordinator@example.org",
    "admin@example.org",
]


@pytest.fixture
def seeded(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_gives_each_staff_user_a_totp_authenticator(seeded):
    for email in STAFF:
        assert Authenticator.objects.filter(user__email=email, type="totp").count() == 1
    assert not Authenticator.objects.filter(user__email="trainee@example.org").exists()


def test_seed_demo_prints_each_staff_secret(seeded):
    for email in STAFF:
        assert f"TOTP secret: {demo_totp_secret(email)}" in seeded


def test_demo_secrets_differ_per_user():
    assert len({demo_totp_secret(email) for email in STAFF}) == len(STAFF)


def test_seed_demo_twice_changes_nothing(seeded):
    before = list(Authenticator.objects.order_by("pk").values_list("pk", "data"))
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert list(Authenticator.objects.order_by("pk").values_list("pk", "data")) == before
    assert User.objects.filter(email__in=STAFF).count() == len(STAFF)


def test_a_demo_staff_user_logs_in_with_the_printed_secret(seeded, client):
    response = client.post(reverse("account_login"), {"login": "advisor@example.org", "password": "peer-support-demo"})
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(demo_totp_secret("advisor@example.org"))})
    assert client.get("/admin/").status_code == 200


def test_demo_totp_prints_the_current_code(seeded):
    out = StringIO()
    call_command("demo_totp", "admin@example.org", stdout=out)
    assert out.getvalue().strip() == totp_code(demo_totp_secret("admin@example.org"))


def test_demo_totp_refuses_other_users(seeded):
    with pytest.raises(CommandError):
        call_command("demo_totp", "someone@example.org", stdout=StringIO())


def test_demo_totp_refuses_without_demo_settings(seeded, settings):
    settings.DEMO_PASSWORD = None
    with pytest.raises(CommandError):
        call_command("demo_totp", stdout=StringIO())
