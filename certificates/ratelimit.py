"""Per-client rate limits for the public verify routes, counted in the shared Django cache (fixed windows).

The client is the address from the trusted proxy chain only (`lms.clientip`). Two buckets: all lookups (default
60 a minute) and unknown codes (default 20 per 10 minutes; a client that reached it is refused before the database
is asked). A refusal says how long it lasts: `lookup_refusal` returns the seconds until the window that refused
ends, which the 429 sends as Retry-After. Public reading fails open: while the shared cache is degraded (Redis
down, lms.cache), lookups are not counted (docs/decisions/0121).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from lms.cache import degraded
from lms.clientip import request_ip


def client_id(request) -> str:
    ip = request_ip(request)
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


def _seconds_left(period: int, now: float) -> int:
    return max(1, int(period - (now % period) + 0.999))


def lookup_refusal(request) -> int | None:
    """Count one lookup; None if allowed, else the seconds until the refusing window ends (Retry-After)."""

    if degraded():
        return None
    client = client_id(request)
    now = time.time()
    limit, period = _parse(settings.CERTIFICATES_VERIFY_RATE_LIMIT)
    unknown_limit, unknown_period = _parse(settings.CERTIFICATES_UNKNOWN_RATE_LIMIT)
    waits = []
    if _count("lookup", client, period, increment=True) > limit:
        waits.append(_seconds_left(period, now))
    if _count("unknown", client, unknown_period, increment=False) >= unknown_limit:
        waits.append(_seconds_left(unknown_period, now))
    return max(waits) if waits else None


def record_unknown(request) -> None:
    _limit, period = _parse(settings.CERTIFICATES_UNKNOWN_RATE_LIMIT)
    _count("unknown", client_id(request), period, increment=True)
