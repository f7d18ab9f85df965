"""No account enumeration: password reset and signup answer the same way for an existing and an unknown email.

allauth's design (ACCOUNT_PREVENT_ENUMERATION): both answers say "check your email", and exactly one email goes to
the address either way — a reset link or "you have no account" for reset; a verification link or "you already have
an account" for signup. Only the mailbox owner learns which.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lms.models import User
from tests.lms.factories import UserFactory
from tests.lms.test_accounts import signup_data

KNOWN = "known@example.org"
UNKNOWN = "unknown@example.org"


def _page(response, email):
    """The page text with the echoed email and per-request tokens blanked out."""
    html = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'value="[^"]{20,}"', 'value="TOKEN"', html)


def _reset(client, email):
    response = client.post(reverse("account_reset_password"), {"email": email}, follow=True)
    return response


@pytest.fixture
def known_user(db):
    return UserFactory(email=KNOWN)


def test_password_reset_answers_the_same_for_known_and_unknown_email(client, known_user):
    known = _reset(client, KNOWN)
    known_mails = len(mail.outbox)
    unknown = _reset(client, UNKNOWN)
    unknown_mails = len(mail.outbox) - known_mails
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert _page(known, KNOWN) == _page(unknown, UNKNOWN)
    assert known_mails == unknown_mails == 1


def test_password_reset_mails_differ_only_for_the_mailbox_owner(client, known_user):
    _reset(client, KNOWN)
    _reset(client, UNKNOWN)
    assert [m.to for m in mail.outbox] == [[KNOWN], [UNKNOWN]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_signup_answers_the_same_for_known_and_unknown_email(client, known_user):
    known = Client().post(reverse("account_signup"), signup_data(email=KNOWN), follow=True)
    known_mails = len(mail.outbox)
    unknown = Client().post(reverse("account_signup"), signup_data(email=UNKNOWN), follow=True)
    unknown_mails = len(mail.outbox) - known_mails
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert _page(known, KNOWN) == _page(unknown, UNKNOWN)
    assert known_mails == unknown_mails == 1
    assert User.objects.filter(email=KNOWN).count() == 1


def test_login_failure_answers_the_same_for_known_and_unknown_email(client, known_user):
    known = client.post(reverse("account_login"), {"login": KNOWN, "password": "wrong-password-1"})
    unknown = client.post(reverse("account_login"), {"login": UNKNOWN, "password": "wrong-password-1"})
    assert known.status_code == unknown.status_code == 200
    assert _page(known, KNOWN) == _page(unknown, UNKNOWN)
