"""Production settings at run time, in a subprocess with the production environment: the site's own 500 page when
the database is unreachable, JSON log lines with the request id, ADMINS parsed, Sentry only with SENTRY_DSN.

The subprocesses use `lms.settings.production` with one change (a settings module written to tmp_path):
`STORAGES["staticfiles"]` is Django's plain storage, so that the page's `{% static %}` needs no collectstatic
(45 s here); the Docker image and `make serve-prod` run collectstatic before they serve.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

from certificates import codes

SECRET = "production-test-" + "k3y-" * 15
UNREACHABLE_ENV = {
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "academy.example.org",
    # Port 1 on loopback: nothing listens there, so every connection is refused at once.
    "DATABASE_URL": "postgres://academy@127.0.0.1:1/academy",
    "REDIS_URL": "redis://127.0.0.1:6379/8",  # a working Redis: only the database is down
    "BASE_URL": "https://academy.example.org",
}
SETTINGS_MODULE = """
from lms.settings.production import *  # noqa: F403
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""


def run_in_production(tmp_path, code: str, **env):
    (tmp_path / "prod_runtime_settings.py").write_text(SETTINGS_MODULE)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO", "SENTRY"))}
    base = {k: v for k, v in base.items() if k not in UNREACHABLE_ENV and k not in ("ADMINS", "LOG_FORMAT")}
    script = "import django; django.setup()\n" + textwrap.dedent(code)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env={
            **base,
            **UNREACHABLE_ENV,
            "DJANGO_SETTINGS_MODULE": "prod_runtime_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp_path), str(settings.BASE_DIR)]),
            **env,
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


REQUEST = """
from django.test import Client
response = Client(raise_request_exception=False).get(
    {path!r}, HTTP_HOST="academy.example.org", secure=True, HTTP_X_REQUEST_ID="req-0123456789abcdef"
)
print("STATUS", response.status_code)
print("REQUEST_ID", response.get("X-Request-ID"))
print("CSP", response.get("Content-Security-Policy"))
print("BODY", response.content.decode()[:4000].replace("\\n", " "))
"""


def parse(stdout: str) -> dict[str, str]:
    return dict(line.split(" ", 1) for line in stdout.splitlines() if " " in line)


# A well-formed code that no certificate has: answering it needs the database. (A malformed one is answered 404
# before any query, database or not: tests/certificates/test_verify_cache.py.)
UNKNOWN_CODE = "ZP8K-A4F6-QW1K-A0WY-WCJ9-6HCV-PZA7"  # fixed: every xdist worker must collect the same test ids
UNKNOWN_VERIFY = f"/verify/{UNKNOWN_CODE}/"


def test_the_unknown_code_is_well_formed():
    assert codes.diagnose(UNKNOWN_CODE) is None and codes.normalize(UNKNOWN_CODE)


@pytest.mark.parametrize("path", ["/", "/survey/", UNKNOWN_VERIFY])
def test_an_unreachable_database_shows_the_sites_own_500_page(tmp_path, path):
    result = run_in_production(tmp_path, REQUEST.format(path=path))
    out = parse(result.stdout)
    assert out.get("STATUS") == "500", result.stderr[-3000:]
    assert "Something went wrong on our side" in out["BODY"]
    assert "Traceback" not in out["BODY"]
    assert "OperationalError" not in out["BODY"]
    assert "script-src 'self'" in out["CSP"]
    assert out["REQUEST_ID"] == "req-0123456789abcdef"
    # The error is logged as one JSON line, with the request id to find it by.
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    errors = [line for line in lines if line["logger"] == "django.request" and line["level"] == "ERROR"]
    assert errors, result.stderr[-3000:]
    assert errors[0]["request_id"] == "req-0123456789abcdef"
    assert "OperationalError" in errors[0]["exception"]


def test_with_redis_down_as_well_the_page_is_still_the_sites_own(tmp_path):
    result = run_in_production(tmp_path, REQUEST.format(path=UNKNOWN_VERIFY), REDIS_URL="redis://127.0.0.1:1/8")
    out = parse(result.stdout)
    assert out.get("STATUS") == "500", result.stderr[-3000:]
    assert "Something went wrong on our side" in out["BODY"]
    assert "Traceback" not in out["BODY"]


def test_server_errors_are_mailed_to_admins(tmp_path):
    code = REQUEST.format(path="/") + textwrap.dedent("""
    from django.conf import settings
    from django.core import mail
    print("ADMINS", json.dumps(settings.ADMINS))
    print("MAILS", len(mail.outbox), json.dumps([m.to for m in mail.outbox]))
    """)
    result = run_in_production(
        tmp_path,
        "import json\nfrom django.test.utils import setup_test_environment; setup_test_environment()\n" + code,
        ADMINS="Ops team <ops@uni.example>, second@uni.example",
    )
    out = parse(result.stdout)
    assert json.loads(out["ADMINS"]) == [["Ops team", "ops@uni.example"], ["second@uni.example", "second@uni.example"]]
    count, recipients = out["MAILS"].split(" ", 1)
    assert int(count) == 1, result.stderr[-3000:]
    assert json.loads(recipients) == [["ops@uni.example", "second@uni.example"]]


def test_without_admins_no_mail_handler_is_configured(tmp_path):
    code = "from django.conf import settings; print('HANDLERS', sorted(settings.LOGGING['handlers']))"
    assert "mail_admins" not in run_in_production(tmp_path, code).stdout


def test_sentry_starts_only_when_sentry_dsn_is_set(tmp_path):
    code = """
    import sentry_sdk
    from django.conf import settings
    print("ENABLED", settings.SENTRY_ENABLED, sentry_sdk.get_client().is_active())
    options = sentry_sdk.get_client().options if sentry_sdk.get_client().is_active() else {}
    print("PII", options.get("send_default_pii"))
    """
    off = parse(run_in_production(tmp_path, code).stdout)
    assert off["ENABLED"] == "False False"
    # A DSN on loopback (nothing is sent: no event is captured here).
    on_result = run_in_production(tmp_path, code, SENTRY_DSN="http://public@127.0.0.1:9/1")
    on = parse(on_result.stdout)
    assert on.get("ENABLED") == "True True", on_result.stderr[-2000:]
    assert on["PII"] == "False"
