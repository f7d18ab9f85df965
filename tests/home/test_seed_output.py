"""`make run`'s output a person can read: quiet migrations, no raw emails, the addresses and logins last (issue 12)."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from tests.home.test_dev_address import make_dry_run


def test_make_run_migrates_quietly():
    [migrate] = [line for line in make_dry_run().splitlines() if "manage.py migrate" in line]
    assert " -v0" in migrate


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
def test_seed_prints_no_emails_and_ends_with_addresses_then_logins(capsys):
    """Transactional, as in `make run`: the emails go out when the seed's transaction commits."""
    mail.outbox = []
    out = StringIO()
    call_command("seed_demo", stdout=out)
    console = capsys.readouterr().out
    assert "MIME-Version" not in console
    assert "MIME-Version" not in out.getvalue()
    kept = len(mail.outbox)
    assert kept > 0  # the demo's certificate and application emails were made, just not shown
    assert any("Your certificate" in message.subject for message in mail.outbox)

    lines = out.getvalue().splitlines()
    assert f"The seed caused {kept} emails; they were kept back (not sent, not printed)." in lines
    addresses = lines.index("Demo addresses")
    logins = next(i for i, line in enumerate(lines) if line.startswith("Demo logins (password for all: "))
    assert addresses < logins
    assert all(line.startswith("  ") for line in lines[logins + 1 :])  # nothing after the table
    assert any(line.split() == ["Valid", "certificate", line.split()[-1]] for line in lines[addresses:logins])
    assert "  Administrator      admin@example.org          TOTP secret:" in "\n".join(lines[logins:])
    assert len(lines) < 40


@pytest.mark.django_db
def test_a_second_seed_sends_nothing_and_says_nothing_about_emails(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    mail.outbox = []
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=out)
    assert mail.outbox == []
    assert "kept back" not in out.getvalue()
