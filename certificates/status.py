"""The W3C Bitstring Status List that every credential points to.

One list, `statusPurpose: "message"`, two bits per position (0 valid, 1 suspended, 2 revoked — withdrawn and
superseded credentials count as revoked), 131,072 positions: a 32 KiB bitstring, GZIP-compressed and multibase
base64url-encoded (prefix "u") as the specification says. Position i is bits 2i and 2i+1, most significant bit of
byte 0 first. Built with one query and cached at most 60 seconds; every status change clears the cache.
"""

from __future__ import annotations

import base64
import gzip

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from . import cache as certificate_cache
from .models import Certificate, StatusListEntry

STATUS_SIZE = 2
VALUE_VALID = 0
VALUE_SUSPENDED = 1
VALUE_REVOKED = 2


def status_values() -> dict[int, int]:
    """{index: value} for every position that is not valid (one query)."""
    rows = StatusListEntry.objects.filter(
        Q(superseded_at__isnull=False)
        | Q(certificate__status__in=[Certificate.Status.SUSPENDED, Certificate.Status.REVOKED, "withdrawn"])
    ).values_list("index", "superseded_at", "certificate__status")
    values = {}
    for index, superseded_at, status in rows:
        if superseded_at is not None or status in (Certificate.Status.REVOKED, Certificate.Status.WITHDRAWN):
            values[index] = VALUE_REVOKED
        else:
            values[index] = VALUE_SUSPENDED
    return values


def encode(values: dict[int, int], size: int) -> str:
    bits = bytearray(size * STATUS_SIZE // 8)
    for index, value in values.items():
        for offset in range(STATUS_SIZE):
            if value >> (STATUS_SIZE - 1 - offset) & 1:
                bit = index * STATUS_SIZE + offset
                bits[bit // 8] |= 0x80 >> (bit % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("Not a multibase base64url string.")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def value_at(bitstring: bytes, index: int) -> int:
    value = 0
    for offset in range(STATUS_SIZE):
        bit = index * STATUS_SIZE + offset
        value = (value << 1) | ((bitstring[bit // 8] >> (7 - bit % 8)) & 1)
    return value


def status_list_credential() -> dict:
    from .signing import VC_CONTEXT, _iso, issuer_id, status_list_url

    cached = cache.get(certificate_cache.STATUS_LIST_KEY)
    if cached is not None:
        return cached
    url = status_list_url()
    credential = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "message",
            "encodedList": encode(status_values(), settings.CERTIFICATES_STATUS_LIST_SIZE),
        },
    }
    cache.set(certificate_cache.STATUS_LIST_KEY, credential, certificate_cache.STATUS_LIST_TTL)
    return credential


def status_list_jwt() -> str:
    """The status list credential signed as a VC-JWT with the active key (for verifiers that check its integrity)."""
    from joserfc import jwt

    from . import keys
    from .signing import jwt_claims_for_status_list

    cached = cache.get(certificate_cache.STATUS_LIST_JWT_KEY)
    if cached is not None:
        return cached
    key, private = keys.active_signing_key()
    credential = status_list_credential()
    header = {"alg": keys.ALGORITHM, "typ": "JWT", "kid": keys.kid_url(key.kid)}
    token = jwt.encode(header, jwt_claims_for_status_list(credential), private, algorithms=[keys.ALGORITHM])
    cache.set(certificate_cache.STATUS_LIST_JWT_KEY, token, certificate_cache.STATUS_LIST_TTL)
    return token
