from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from supervision.models import Note

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_purge_expired_notes_deletes_old_notes(world):
    Note.objects.filter(pk=world.note_b.pk).update(created_at=timezone.now() - timedelta(days=3000))
    assert "1 expired note(s) deleted" in run("purge_expired_notes")


def test_purge_expired_notes_dry_run_keeps_them(world):
    Note.objects.update(created_at=timezone.now() - timedelta(days=3000))
    run("purge_expired_notes", "--dry-run")
    assert Note.objects.count() == 3


def test_send_session_reminders_twice_sends_once(world):
    world.session_a.starts_at = timezone.now() + timedelta(days=1)
    world.session_a.save()
    outputs = [run("send_session_reminders"), run("send_session_reminders")]
    assert ("1 session(s) reminded" in outputs[0], "0 session(s) reminded" in outputs[1], len(mail.outbox)) == (
        True,
        True,
        2,
    )
