"""A Redis cache that degrades instead of failing: with Redis down, the site keeps answering (docs/decisions/0121).

`FailSoftRedisCache` is Django's RedisCache with a fallback. When a call to Redis fails with a connection or
timeout error, the call is answered by a per-process memory cache instead, and Redis is not asked again for
`RETRY_SECONDS` (a circuit breaker: a down Redis costs one failed connect per process per interval, not one per
cache call). What that means for each use of the cache:

- Wagtail's site-root cache, the verify-page and status-list caches: recomputed from the database per process;
- sessions: in the database (SESSION_ENGINE "db"), untouched by an outage;
- login, sign-up and password-reset rate limits (allauth): still counted, per process, so still enforced (a
  client may get up to one limit per worker: closed, not open);
- public reading (the verify page lookups, `lms.cache.degraded()`): not counted while degraded (open);
- periodic-job locks: per process, enough because every job is idempotent and safe to run concurrently.

`/readyz` asks Redis itself (`ping`), so a load balancer and monitoring see the outage while pages still answer.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0

try:  # redis-py's errors; OSError covers a refused socket before redis-py wraps it
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    OUTAGE_ERRORS: tuple[type[BaseException], ...] = (RedisConnectionError, RedisTimeoutError, OSError)
except ImportError:  # pragma: no cover - redis is a production dependency
    OUTAGE_ERRORS = (OSError,)


class FailSoftRedisCache(RedisCache):
    """RedisCache whose every call falls back to a per-process memory cache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"fail-soft-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._down_until = 0.0
        self._lock = threading.Lock()

    # --- state -----------------------------------------------------------------------------------------------

    @property
    def degraded(self) -> bool:
        return time.monotonic() < self._down_until

    def _trip(self, error: BaseException) -> None:
        with self._lock:
            first = not self.degraded
            self._down_until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error("Redis unreachable (%s); serving the cache from process memory", error)

    def ping(self) -> bool:
        """Ask Redis itself, bypassing the fallback (for /readyz). Success closes the circuit at once."""
        try:
            client = self._cache.get_client(write=True)
            client.ping()
        except OUTAGE_ERRORS as error:
            self._trip(error)
            return False
        self._down_until = 0.0
        return True

    def _call(self, name, *args, **kwargs):
        if not self.degraded:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except OUTAGE_ERRORS as error:
                self._trip(error)
        return getattr(self._fallback, name)(*args, **kwargs)

    # Each cache method, explicitly (BaseCache's helpers such as get_or_set build on these).
    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._call("decr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs) or []

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", *args, **kwargs)


def degraded(alias: str = "default") -> bool:
    """True while the cache is serving from process memory because Redis is unreachable."""
    return bool(getattr(caches[alias], "degraded", False))


def cache_ready(alias: str = "default") -> bool:
    """For /readyz: Redis answers (a plain cache without `ping`, e.g. in development, is always ready)."""
    backend = caches[alias]
    ping = getattr(backend, "ping", None)
    return ping() if ping is not None else True
