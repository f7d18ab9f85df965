"""In development every absolute link follows the address `make run` serves on (issue 12, item 1)."""

import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from certificates.models import Certificate
from certificates.pdf import pdf_context
from certificates.views.holder import linkedin_url
from tests.lms.factories import UserFactory

ROOT = Path(settings.BASE_DIR)
BASE_8101 = "http://127.0.0.1:8101"


def make_dry_run(*args: str, **env: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key not in {"BASE_URL", "HOST", "PORT"}}
    environment.update(env)
    result = subprocess.run(  # noqa: S603 - a dry run of our own Makefile
        [shutil.which("make") or "/usr/bin/make", "-n", "run", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_make_run_with_a_port_sets_base_url_for_every_command():
    commands = [line for line in make_dry_run("PORT=8101").splitlines() if "manage.py" in line]
    assert len(commands) == 3  # migrate, seed_demo, runserver
    assert all(line.startswith(f"BASE_URL={BASE_8101} ") for line in commands)
    assert commands[-1].endswith("runserver 127.0.0.1:8101")


def test_make_run_keeps_a_base_url_that_is_given():
    out = make_dry_run("PORT=8101", BASE_URL="https://academy.example.org")
    assert "BASE_URL=https://academy.example.org " in out
    assert "8000" not in out


def test_development_settings_read_base_url_from_the_environment():
    code = "import django; from django.conf import settings; django.setup(); print(settings.WAGTAILADMIN_BASE_URL)"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", "BASE_URL": BASE_8101}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our interpreter, our settings
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == BASE_8101


@pytest.mark.django_db
@override_settings(WAGTAILADMIN_BASE_URL=BASE_8101)
def test_seed_output_email_qr_and_linkedin_name_port_8101(monkeypatch, django_capture_on_commit_callbacks):
    encoded = []
    real_make = segno.make
    monkeypatch.setattr(segno, "make", lambda content, **kw: encoded.append(content) or real_make(content, **kw))
    mail.outbox = []
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=out)

    printed_urls = re.findall(r"https?://[^\s)]+", out.getvalue())
    assert printed_urls
    assert all(url.startswith(BASE_8101 + "/") for url in printed_urls), printed_urls

    certificate = Certificate.objects.get(holder__email="supporter@example.org", status=Certificate.Status.VALID)
    verify_url = f"{BASE_8101}/verify/{certificate.display_code}/"
    assert certificate.public_url() == verify_url
    issued = [message for message in mail.outbox if verify_url in message.body]
    assert issued, [message.subject for message in mail.outbox]
    assert all(":8000" not in message.body for message in mail.outbox)

    pdf_context(certificate)
    assert encoded[-1] == verify_url

    link = urlsplit(linkedin_url(certificate))
    assert parse_qs(link.query)["certUrl"] == [verify_url]


@pytest.mark.django_db
def test_allauth_emails_name_the_site_not_the_host(client, home_page):
    Site.objects.filter(is_default_site=True).update(site_name="Peer Support Academy")
    user = UserFactory(email="ingrid@example.org")
    mail.outbox = []
    response = client.post("/accounts/password/reset/", {"email": user.email}, HTTP_HOST="127.0.0.1:8101")
    assert response.status_code == 302
    [message] = mail.outbox
    assert "Hello from Peer Support Academy!" in message.body
    assert "127.0.0.1:8101!" not in message.body
