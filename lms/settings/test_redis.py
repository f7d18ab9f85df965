"""Test settings with Redis as the cache, for tests that start real worker processes (see test_ratelimits_redis).

TEST_CACHE=locmem switches back to a per-process cache: the control run that shows why production needs Redis.
"""

from .env import env
from .test import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", "academy.test"]
if env("TEST_CACHE") == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "psa-test"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL", "redis://127.0.0.1:6379/10"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "psa-test"),
        }
    }
