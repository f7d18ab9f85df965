"""Signing keys. The private key is a PEM file in settings.CERTIFICATES_KEY_DIR (outside the database and the
repository); the public key is a row in `SigningKey`, published in /.well-known/jwks.json for as long as the site
runs, so credentials signed with a retired key still verify after a rotation.

A key's id (`kid`) is its RFC 7638 thumbprint; the `kid` in a credential's JWT header is the URL of the public JWK
(`/verify/keys/<thumbprint>.json`), which dereferences to exactly that key.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from joserfc.jwk import KeySet, RSAKey

from .models import SigningKey

ALGORITHM = "RS256"
KEY_SIZE = 3072


class SigningKeyMissing(ImproperlyConfigured):
    pass


def key_dir() -> Path:
    return Path(settings.CERTIFICATES_KEY_DIR)


def private_key_path(kid: str) -> Path:
    return key_dir() / f"{kid}.pem"


def kid_url(thumbprint: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("certificates:public_key", kwargs={"kid": thumbprint})


def public_jwk(key: SigningKey) -> dict:
    """The published JWK: its `kid` is the URL that dereferences to it."""
    return {**key.public_jwk, "kid": kid_url(key.kid), "use": "sig", "alg": ALGORITHM}


def jwks() -> dict:
    return {"keys": [public_jwk(key) for key in SigningKey.objects.order_by("created_at", "id")]}


def _write_private(kid: str, pem: bytes) -> Path:
    directory = key_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = private_key_path(kid)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path


@transaction.atomic
def key_generate(*, activate: bool = True) -> SigningKey:
    """Create a key pair: the private PEM file, and the public JWK row. With `activate`, it signs from now on and
    the previous active key is retired (still published)."""
    private = RSAKey.generate_key(KEY_SIZE)
    kid = private.thumbprint()
    _write_private(kid, private.as_pem(private=True))
    now = timezone.now()
    if activate:
        SigningKey.objects.filter(is_active=True).update(is_active=False, retired_at=now)
    return SigningKey.objects.create(
        kid=kid, public_jwk=private.as_dict(private=False), is_active=activate, created_at=now
    )


def key_rotate() -> SigningKey:
    return key_generate(activate=True)


def active_signing_key() -> tuple[SigningKey, RSAKey]:
    """The key that signs new credentials. In development a missing key is generated on first use."""
    key = SigningKey.objects.filter(is_active=True).first()
    if key is None or not private_key_path(key.kid).exists():
        if not settings.CERTIFICATES_AUTO_GENERATE_KEY:
            raise SigningKeyMissing(
                "No active certificate signing key (or its private file is missing in "
                f"{key_dir()}). Run `manage.py certificates_keys generate`."
            )
        key = key_generate(activate=True)
    private = RSAKey.import_key(private_key_path(key.kid).read_bytes())
    return key, private


def public_key_set() -> KeySet:
    return KeySet.import_key_set(jwks())
