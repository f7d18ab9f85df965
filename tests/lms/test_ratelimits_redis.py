"""Rate limits hold across worker processes when they share Redis.

Starts two gunicorn processes (one worker each, so the test chooses which worker answers) on free localhost ports,
with `lms.settings.test_redis` (Redis as the cache), and alternates login attempts between them. The same run with a
per-process cache (TEST_CACHE=locmem) is the control: there the limits do NOT hold, which shows the test can fail
and why production requires REDIS_URL.

Skipped only when Redis is unreachable outside CI (CI starts Redis).
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from django.conf import settings

from tests.lms.factories import TEST_PASSWORD

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/10")
HOST = "academy.test"  # one Host for both workers, as behind a real proxy (the per-account key includes it)
WRONG = "not-the-password-1"
USERS = ["alpha@example.org", "beta@example.org"]


def _redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("CI") and not _redis_available(), reason="Redis is not reachable (CI starts it)."
    ),
    # One xdist worker runs the whole module, so the migrated template and the gunicorn pairs are made once.
    pytest.mark.xdist_group("ratelimits-redis"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(**extra) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update({"DJANGO_SETTINGS_MODULE": "lms.settings.test_redis", "REDIS_URL": REDIS_URL, **extra})
    return env


CREATE_USERS = f"""
from allauth.account.models import EmailAddress
from lms.models import User
for email in {USERS!r}:
    user = User.objects.create_user(email=email, full_name=email.split("@")[0], password={TEST_PASSWORD!r})
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
"""


@pytest.fixture(scope="module")
def database_template(tmp_path_factory):
    """A migrated SQLite file with two users, made once per module; the workers cannot see the test database."""
    path = tmp_path_factory.mktemp("ratelimit-db") / "template.sqlite3"
    env = _env(DATABASE_URL=f"sqlite:///{path}")
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=settings.BASE_DIR)  # noqa: S603
    subprocess.run([*manage, "shell", "-c", CREATE_USERS], env=env, check=True, cwd=settings.BASE_DIR)  # noqa: S603
    return path


class Workers:
    """Two gunicorn processes sharing one database and one cache configuration."""

    def __init__(self, database: Path, cache: str, log):
        self.prefix = f"psa-test-{secrets.token_hex(6)}"
        env = _env(
            DATABASE_URL=f"sqlite:///{database}",
            TEST_CACHE=cache,
            CACHE_KEY_PREFIX=self.prefix,
            TRUSTED_PROXY_COUNT="1",
        )
        self.ports = [_free_port(), _free_port()]
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.processes = [
            subprocess.Popen(  # noqa: S603
                [
                    gunicorn,
                    "lms.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--no-control-socket",
                ],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=log,
                stderr=log,
            )
            for port in self.ports
        ]
        for port in self.ports:
            self._wait_until_ready(port)

    def _wait_until_ready(self, port):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{port}/accounts/login/", headers={"Host": HOST}, timeout=30).close()
                return
            except requests.RequestException:  # not listening yet, or the first request is still loading
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the worker on port {port} did not start")

    def url(self, attempt: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[attempt % 2]}{path}"

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

        connection = redis.Redis.from_url(REDIS_URL)
        for key in connection.scan_iter(f"{self.prefix}:*"):
            connection.delete(key)


@pytest.fixture(scope="module", params=["redis", "locmem"])
def workers(request, database_template, tmp_path_factory):
    """Two workers per cache kind, shared by the tests below (they use different accounts and addresses)."""
    folder = tmp_path_factory.mktemp(f"workers-{request.param}")
    database = folder / "db.sqlite3"
    shutil.copy(database_template, database)
    with open(folder / "gunicorn.log", "w") as log:
        pair = Workers(database, request.param, log)
        pair.cache = request.param
        yield pair
        pair.stop()


def attempt_login(workers: Workers, attempt: int, email: str, password: str, ip: str) -> str:
    """One login attempt through worker `attempt % 2`; returns "in", "locked", "429" or "refused"."""
    headers = {"Host": HOST, "X-Forwarded-For": ip}
    with requests.Session() as session:
        page = session.get(workers.url(attempt, "/accounts/login/"), headers=headers, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = session.post(
            workers.url(attempt, "/accounts/login/"),
            data={"login": email, "password": password, "csrfmiddlewaretoken": token},
            headers=headers,
            allow_redirects=False,
            timeout=30,
        )
    if response.status_code == 429:
        return "429"
    if response.status_code == 302 and "sessionid" in response.cookies:
        return "in"
    if "too many failed login attempts" in response.text.lower():
        return "locked"
    return "refused"


def test_sixth_login_for_one_account_is_refused_across_two_workers(workers):
    email = USERS[0]
    results = [attempt_login(workers, n, email, WRONG, ip=f"10.1.0.{n + 1}") for n in range(5)]
    assert results == ["refused"] * 5
    sixth = attempt_login(workers, 5, email, TEST_PASSWORD, ip="10.1.0.99")
    if workers.cache == "redis":
        assert sixth == "locked"
    else:  # control: each process counted only its own failures (3 and 2), so the sixth attempt gets in
        assert sixth == "in"


def test_thirty_first_attempt_from_one_ip_gets_429_across_two_workers(workers):
    results = [attempt_login(workers, n, f"nobody{n}@example.org", WRONG, ip="10.2.0.1") for n in range(30)]
    assert "429" not in results
    thirty_first = attempt_login(workers, 30, USERS[1], TEST_PASSWORD, ip="10.2.0.1")
    if workers.cache == "redis":
        assert thirty_first == "429"
        # A second client address is unaffected, through either worker.
        assert attempt_login(workers, 31, USERS[1], TEST_PASSWORD, ip="10.2.0.2") == "in"
        assert attempt_login(workers, 32, USERS[1], TEST_PASSWORD, ip="10.2.0.3") == "in"
    else:  # control: each process saw only 15 attempts
        assert thirty_first != "429"
