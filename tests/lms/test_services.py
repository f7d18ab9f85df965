from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import CommandError

from lms.models import AuditEvent
from lms.services import user_mfa_reset


@pytest.mark.django_db
def test_mfa_reset_removes_the_authenticators_and_is_audited(advisor, administrator):
    assert user_mfa_reset(user=advisor, actor=administrator) == 1
    assert not Authenticator.objects.filter(user=advisor).exists()
    event = AuditEvent.objects.get(action="mfa.reset_by_admin")
    assert (event.actor, event.object_id) == (administrator, str(advisor.pk))


@pytest.mark.django_db
def test_after_an_mfa_reset_staff_are_sent_to_setup(client, advisor):
    user_mfa_reset(user=advisor)
    client.force_login(advisor)
    assert client.get("/admin/")["Location"].startswith("/accounts/2fa/totp/activate/")


@pytest.mark.django_db
def test_mfa_reset_command_dry_run_changes_nothing(advisor):
    out = StringIO()
    call_command("mfa_reset", advisor.email.upper(), "--dry-run", stdout=out)
    assert "Would remove 1" in out.getvalue()
    assert Authenticator.objects.filter(user=advisor).exists()
    assert not AuditEvent.objects.filter(action="mfa.reset_by_admin").exists()


@pytest.mark.django_db
def test_mfa_reset_command(advisor):
    call_command("mfa_reset", advisor.email, stdout=StringIO())
    assert not Authenticator.objects.filter(user=advisor).exists()


@pytest.mark.django_db
def test_mfa_reset_command_unknown_email():
    with pytest.raises(CommandError):
        call_command("mfa_reset", "nobody@example.org", stdout=StringIO())
