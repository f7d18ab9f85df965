import io

import pytest
from django.core.management import call_command

from certificates import keys
from certificates.checks import key_dir_not_public
from certificates.keys import SigningKeyMissing, active_signing_key
from certificates.models import SigningKey

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("certificates_keys", *args, stdout=out)
    return out.getvalue()


def test_generate_creates_an_active_key_and_a_private_file():
    run("generate")
    key = SigningKey.objects.get(is_active=True)
    assert keys.private_key_path(key.kid).exists()


def test_generate_dry_run_writes_nothing():
    output = run("generate", "--dry-run")
    assert "Dry run" in output and not SigningKey.objects.exists() and not keys.key_dir().exists()


def test_generate_twice_keeps_the_first_key():
    run("generate")
    run("generate")
    assert SigningKey.objects.count() == 1


def test_rotate_supersedes_but_keeps_the_old_key():
    run("generate")
    run("rotate")
    assert SigningKey.objects.count() == 2 and SigningKey.objects.filter(is_active=True).count() == 1
    assert [key.state for key in SigningKey.objects.order_by("created_at")] == ["superseded", "active"]


def test_rotate_dry_run_changes_nothing():
    run("generate")
    run("rotate", "--dry-run")
    assert SigningKey.objects.count() == 1


def test_list_shows_keys():
    run("generate")
    assert "active" in run("list")


def test_production_refuses_to_sign_without_a_key(settings, certificate_factory=None):
    settings.CERTIFICATES_AUTO_GENERATE_KEY = False
    with pytest.raises(SigningKeyMissing):
        active_signing_key()


def test_key_dir_inside_media_root_fails_the_system_check(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "keys")
    assert [error.id for error in key_dir_not_public(None)] == ["certificates.E001"]
