"""Spam protection for the public forms anyone may send without an account (the survey, the institutions' contact
form): a honeypot field, a signed time-trap token, and a per-client rate limit counted in the shared cache.

Nothing here stores personal data: the client is identified by an HMAC of its IP address (keyed with SECRET_KEY, so
the 2^32 IPv4 addresses cannot simply be hashed and compared), held only in the cache and only for the rate-limit
window. Each time-trap token carries a random nonce; `stamp_use_once` lets a form accept each token once, so the same
filled-in form posted twice counts once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from lms.clientip import request_ip

HONEYPOT_FIELD = "hp_website"
STAMP_FIELD = "hp_stamp"


def client_key(request) -> str:
    """A keyed hash of the client's IP address (from the trusted proxy chain only: lms.clientip)."""
    ip = request_ip(request)
    return hmac.new(settings.SECRET_KEY.encode(), f"client-ip:{ip}".encode(), hashlib.sha256).hexdigest()[:32]


def parse_rate(rate: str) -> tuple[int, int]:
    """ "10/600" -> (10 requests, per 600 seconds)."""
    limit, period = rate.split("/")
    return int(limit), int(period)


def rate_limit_hit(request, *, bucket: str, rate: str) -> bool:
    """Count one request of this client in `bucket`; True once it is over `rate` in the current fixed window."""
    limit, period = parse_rate(rate)
    key = f"antispam:rl:{bucket}:{client_key(request)}:{int(time.time() // period)}"
    if cache.add(key, 1, period + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, period + 1)
            count = 1
    return count > limit


def retry_after(rate: str, now: float | None = None) -> int:
    """Seconds until the current fixed window of `rate` ends: the honest Retry-After of a refusal."""
    _limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    return max(1, int(period - (now % period) + 0.999))


def make_stamp(salt: str) -> str:
    """A signed token with the time the form was shown and a random nonce."""
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(16)}, salt=salt, compress=False)


def stamp_use_once(nonce: str, *, salt: str, max_age: int) -> bool:
    """True the first time a token's nonce is used, False after (atomic in the shared cache)."""
    return cache.add(f"antispam:nonce:{salt}:{nonce}", 1, max_age + 60)


class SpamProtectedForm(forms.Form):
    """A honeypot field every person leaves empty, and a token that must be at least `min_seconds` and at most
    `max_age` seconds old. Subclasses set `stamp_salt`; `cleaned_data["hp_nonce"]` is the token's nonce."""

    stamp_salt = "home.antispam"
    min_seconds = 3
    max_age = 6 * 60 * 60

    hp_website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    hp_stamp = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields[STAMP_FIELD].initial = make_stamp(self.stamp_salt)

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Your answer could not be sent. Please leave the last field empty and try again."), code="honeypot"
            )
        try:
            token = signing.loads(self.data.get(STAMP_FIELD, ""), salt=self.stamp_salt, max_age=self.max_age)
            shown_at, nonce = float(token["t"]), str(token["n"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(
                _("This form has expired or was not sent from our page. Please reload the page and try again."),
                code="token",
            ) from None
        if time.time() - shown_at > self.max_age:
            raise forms.ValidationError(
                _("This form has expired or was not sent from our page. Please reload the page and try again."),
                code="token",
            )
        if time.time() - shown_at < self.min_seconds:
            raise forms.ValidationError(
                _("That was quicker than a person can fill in the form. Please take a moment and send it again."),
                code="too_fast",
            )
        cleaned["hp_nonce"] = nonce
        return cleaned

    def public_data(self) -> dict:
        """cleaned_data without the protection fields."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (HONEYPOT_FIELD, STAMP_FIELD, "hp_nonce")
        }


def single_line(value: str) -> None:
    """Refuse control characters (newlines included) in one-line fields that reach email headers or exports."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value or ""):
        raise forms.ValidationError(_("Please write this on one line, without special characters."), code="control")
