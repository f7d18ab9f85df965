"""The W3C Bitstring Status Lists that credentials point to: one per purpose, one bit per position.

- `revocation` (`/verify/status/`): the list every credential's `credentialStatus` names. A bit is set for a revoked
  or withdrawn certificate and for a position whose credential was replaced by a correction ("superseded"). Never
  cleared again, as the specification requires of this purpose.
- `suspension` (`/verify/status/suspension/`): the same positions, a bit set while a certificate is suspended and
  cleared when the suspension is lifted. No credential names this list (the Open Badges 3.0 schema allows one
  `credentialStatus` object), so third-party verifiers only see it when pointed at it; see
  docs/decisions/0046-status-lists-per-purpose.md.

Each list has 131,072 positions (16 KiB, the specification's minimum for herd privacy), GZIP-compressed and multibase
base64url-encoded (prefix "u"). Position i is bit i, most significant bit of byte 0 first. Each list is built with
one query, cached at most 60 seconds; every status change clears the caches.
"""

from __future__ import annotations

import base64
import gzip

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from joserfc import jwt

from . import cache as certificate_cache
from . import keys
from .models import Certificate, StatusListEntry

REVOCATION = "revocation"
SUSPENSION = "suspension"
REVOKED_STATUSES = (Certificate.Status.REVOKED, Certificate.Status.WITHDRAWN)


def set_positions(purpose: str) -> set[int]:
    """The positions whose bit is set in the list of this purpose (one query)."""
    if purpose == REVOCATION:
        condition = Q(superseded_at__isnull=False) | Q(certificate__status__in=REVOKED_STATUSES)
    elif purpose == SUSPENSION:
        condition = Q(superseded_at__isnull=True, certificate__status=Certificate.Status.SUSPENDED)
    else:
        raise ValueError(f"Unknown status purpose {purpose!r}.")
    return set(StatusListEntry.objects.filter(condition).values_list("index", flat=True))


def encode(positions: set[int], size: int) -> str:
    bits = bytearray(size // 8)
    for index in positions:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("Not a multibase base64url string.")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def bit_at(bitstring: bytes, index: int) -> int:
    return (bitstring[index // 8] >> (7 - index % 8)) & 1


def status_list_url(purpose: str = REVOCATION) -> str:
    from .signing import absolute  # noqa: PLC0415 - import cycle: certificates.signing imports this module

    name = "certificates:status_list" if purpose == REVOCATION else "certificates:status_list_suspension"
    return absolute(reverse(name))


def status_entry(index: int, purpose: str = REVOCATION) -> dict:
    """A `BitstringStatusListEntry` for a position on the list of this purpose."""
    url = status_list_url(purpose)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def status_list_credential(purpose: str = REVOCATION) -> dict:
    from .signing import VC_CONTEXT, _iso, issuer_id  # noqa: PLC0415 - import cycle: certificates.signing imports this module

    key = certificate_cache.status_list_key(purpose)
    cached = cache.get(key)
    if cached is not None:
        return cached
    url = status_list_url(purpose)
    credential = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode(set_positions(purpose), settings.CERTIFICATES_STATUS_LIST_SIZE),
        },
    }
    cache.set(key, credential, certificate_cache.STATUS_LIST_TTL)
    return credential


def status_list_jwt(purpose: str = REVOCATION) -> str:
    """The status list credential signed as a VC-JWT with the active key (for verifiers that check its integrity)."""

    from .signing import jwt_claims_for_status_list  # noqa: PLC0415 - import cycle: certificates.signing imports this module

    key_name = certificate_cache.status_list_jwt_key(purpose)
    cached = cache.get(key_name)
    if cached is not None:
        return cached
    key, private = keys.active_signing_key()
    credential = status_list_credential(purpose)
    header = {"alg": keys.ALGORITHM, "typ": "JWT", "kid": keys.kid_url(key.kid)}
    token = jwt.encode(header, jwt_claims_for_status_list(credential), private, algorithms=[keys.ALGORITHM])
    cache.set(key_name, token, certificate_cache.STATUS_LIST_TTL)
    return token
