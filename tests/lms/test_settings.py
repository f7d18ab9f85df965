"""Production settings refuse to start without their environment, and pass `check --deploy` with it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "SECRET_KEY": "production-test-" + "k3y-" * 15,
    "ALLOWED_HOSTS": "academy.example.org",
    "DATABASE_URL": "sqlite:////tmp/psa-production-settings-test.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/11",
    "BASE_URL": "https://academy.example.org",
}
LOAD_SETTINGS = "from django.conf import settings; settings.INSTALLED_APPS; print('loaded')"


def _run(args, env):
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and not k.startswith(("PYTEST", "DJANGO"))}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        env={**base, "DJANGO_SETTINGS_MODULE": "lms.settings.production", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_load_with_their_environment():
    result = _run(["-c", LOAD_SETTINGS], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "loaded" in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_settings_refuse_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = _run(["-c", LOAD_SETTINGS], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize("secret_key", ["short", "a" * 60])
def test_production_settings_refuse_a_weak_secret_key(secret_key):
    result = _run(["-c", LOAD_SETTINGS], {**PRODUCTION_ENV, "SECRET_KEY": secret_key})
    assert result.returncode != 0
    assert "SECRET_KEY must be" in result.stderr


def test_check_deploy_reports_no_issues():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_uses_redis_for_the_cache_failing_soft_and_sessions_in_the_database():
    code = (
        "from django.conf import settings; from django.core.cache.backends.redis import RedisCache; "
        "from django.utils.module_loading import import_string as i; b = settings.CACHES['default']['BACKEND']; "
        "print(b, issubclass(i(b), RedisCache), settings.SESSION_ENGINE)"
    )
    result = _run(["-c", code], PRODUCTION_ENV)
    assert result.stdout.strip() == "lms.cache.FailSoftRedisCache True django.contrib.sessions.backends.db"
