"""Per-client rate limits for the public verify routes, counted in the shared Django cache (fixed windows).

The client is the IP allauth sees (`get_client_ip`, which honours ALLAUTH_TRUSTED_PROXY_COUNT behind a proxy).
Two buckets: all lookups (default 60 a minute) and unknown codes (default 20 per 10 minutes; a client that reached
it is refused before the database is asked).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_id(request) -> str:
    from allauth.core.internal.httpkit import get_client_ip

    try:
        ip = get_client_ip(request)
    except Exception:  # noqa: BLE001 - a malformed proxy header: fall back to the socket address
        ip = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(str(ip).encode()).hexdigest()[:32]


def _parse(rate: str) -> tuple[int, int]:
    limit, period = rate.split("/")
    return int(limit), int(period)


def _key(bucket: str, client: str, period: int) -> str:
    return f"certificates:rl:{bucket}:{client}:{int(time.time() // period)}"


def _count(bucket: str, client: str, period: int, *, increment: bool) -> int:
    key = _key(bucket, client, period)
    if not increment:
        return cache.get(key, 0)
    if cache.add(key, 1, period + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, period + 1)
        return 1


def lookup_allowed(request) -> bool:
    """Count one lookup; False once the client is over either limit."""
    client = client_id(request)
    limit, period = _parse(settings.CERTIFICATES_VERIFY_RATE_LIMIT)
    if _count("lookup", client, period, increment=True) > limit:
        return False
    unknown_limit, unknown_period = _parse(settings.CERTIFICATES_UNKNOWN_RATE_LIMIT)
    return _count("unknown", client, unknown_period, increment=False) < unknown_limit


def record_unknown(request) -> None:
    _limit, period = _parse(settings.CERTIFICATES_UNKNOWN_RATE_LIMIT)
    _count("unknown", client_id(request), period, increment=True)
