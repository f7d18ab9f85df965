"""Signing keys on several servers: parsed once per process, two-step rotation, fallback, key ids across a move."""

import datetime
import io
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from joserfc import jws, jwt
from joserfc.jwk import KeySet, RSAKey

from certificates import keys
from certificates.models import SigningKey, SigningKeyHolder
from certificates.signing import validate_credential

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_ring():
    keys.reset_ring()
    yield
    keys.reset_ring()


def run(*args):
    out = io.StringIO()
    call_command("certificates_keys", *args, stdout=out)
    return out.getvalue()


def header_kid(token: str) -> str:
    return jws.extract_compact(token.encode()).headers()["kid"]


def test_the_private_key_is_parsed_once_per_process_not_per_signature(trainee):
    CertificateFactory(holder=trainee)
    parsed = keys.ring_parses()
    for _ in range(3):
        CertificateFactory()
    assert parsed == 1 and keys.ring_parses() == 1


def test_a_changed_active_key_is_picked_up_without_a_restart(trainee):
    first = CertificateFactory(holder=trainee)
    staged = keys.key_activate(keys.key_stage())
    second = CertificateFactory()
    assert (first.credential_kid, second.credential_kid) == (
        SigningKey.objects.get(activated_at__lt=staged.activated_at).kid,
        staged.kid,
    )


def test_a_staged_key_is_published_but_does_not_sign(client, certificate):
    staged = keys.key_stage()
    published = [key["kid"] for key in client.get("/.well-known/jwks.json").json()["keys"]]
    assert keys.kid_url(staged.kid) in published
    assert CertificateFactory().credential_kid == certificate.credential_kid != staged.kid


def test_activate_refuses_while_another_server_lacks_the_key(certificate):
    staged = keys.key_stage()
    SigningKeyHolder.objects.create(server="web-2:41", kids=[certificate.credential_kid], seen_at=timezone.now())
    with pytest.raises(CommandError, match="web-2:41"):
        run("activate", f"--kid={staged.kid}")
    assert SigningKey.objects.get(is_active=True).kid == certificate.credential_kid
    SigningKeyHolder.objects.filter(server="web-2:41").update(kids=[certificate.credential_kid, staged.kid])
    assert "now signs" in run("activate", f"--kid={staged.kid}")
    assert SigningKey.objects.get(is_active=True).kid == staged.kid


def test_a_server_not_seen_for_long_does_not_block_activation(certificate):
    staged = keys.key_stage()
    SigningKeyHolder.objects.create(server="gone:1", kids=[], seen_at=timezone.now() - datetime.timedelta(days=2))
    run("activate", f"--kid={staged.kid}")
    assert SigningKey.objects.get(is_active=True).kid == staged.kid


def test_each_process_reports_the_keys_it_holds(certificate):
    holder = SigningKeyHolder.objects.get(server=keys.server_name())
    assert holder.kids == [certificate.credential_kid]


def test_a_server_without_the_new_private_key_keeps_signing_with_the_previous_one(settings, tmp_path, certificate):
    old_kid = certificate.credential_kid
    staged = keys.key_stage(out=tmp_path / "elsewhere" / "new.pem")  # not in this server's secret folder yet
    keys.key_activate(staged, force=True)
    fallback = CertificateFactory()
    assert fallback.credential_kid == old_kid  # no failure: the superseded key still signs here
    shutil.copy(tmp_path / "elsewhere" / "new.pem", keys.key_dir() / "new.pem")  # the secret arrives
    assert CertificateFactory().credential_kid == staged.kid


def test_a_retired_key_never_signs_even_as_a_fallback(settings, tmp_path, certificate):
    settings.CERTIFICATES_AUTO_GENERATE_KEY = False
    staged = keys.key_stage(out=tmp_path / "new.pem")
    keys.key_activate(staged, force=True)
    run("retire", f"--kid={certificate.credential_kid}")
    with pytest.raises(keys.SigningKeyMissing):
        CertificateFactory()


def test_the_active_key_cannot_be_retired(certificate):
    with pytest.raises(CommandError, match="activate another key first"):
        run("retire", f"--kid={certificate.credential_kid}")


def test_activate_without_a_known_kid_says_so():
    with pytest.raises(CommandError, match="No signing key"):
        run("activate", "nope")
    with pytest.raises(CommandError, match="needs a key id"):
        run("activate")


def test_stage_then_activate_through_the_command(certificate):
    output = run("stage")
    kid = SigningKey.objects.get(activated_at__isnull=True).kid
    assert "Staged" in output and kid in output
    assert "staged" in run("list")
    run("activate", f"--kid={kid}")
    assert CertificateFactory().credential_kid == kid
    listing = run("list")
    assert "superseded" in listing and "active" in listing


def test_stage_dry_run_writes_nothing(certificate):
    run("stage", "--dry-run")
    assert SigningKey.objects.count() == 1


def test_private_keys_from_the_environment(settings, tmp_path, monkeypatch, trainee):
    private = RSAKey.generate_key(2048)
    SigningKey.objects.create(
        kid=private.thumbprint(), public_jwk=private.as_dict(private=False), is_active=True, activated_at=timezone.now()
    )
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "empty")
    settings.CERTIFICATES_AUTO_GENERATE_KEY = False
    monkeypatch.setenv("CERTIFICATES_PRIVATE_KEYS", private.as_pem(private=True).decode())
    certificate = CertificateFactory(holder=trainee)
    assert certificate.credential_kid == private.thumbprint()
    assert jwt.decode(certificate.credential_jwt, private, algorithms=["RS256"])


def test_a_credential_issued_before_a_move_still_resolves_its_key(client, settings, trainee):
    settings.WAGTAILADMIN_BASE_URL = "https://old.example.org"
    certificate = CertificateFactory(holder=trainee)
    old_kid = header_kid(certificate.credential_jwt)
    assert old_kid.startswith("https://old.example.org/verify/keys/")

    settings.WAGTAILADMIN_BASE_URL = "https://new.example.org"
    settings.CERTIFICATES_FORMER_BASE_URLS = ["https://old.example.org"]
    # Our own resolver: by the thumbprint, whatever the host.
    assert keys.resolve_kid(old_kid).kid == certificate.credential_kid
    # The kid's path still dereferences on the new host (an old host redirecting keeps the URL working).
    path = old_kid.removeprefix("https://old.example.org")
    assert RSAKey.import_key(client.get(path).json()).thumbprint() == certificate.credential_kid
    # A verifier that matches the header's kid against the JWKS of the new site finds the key.
    key_set = KeySet.import_key_set(client.get("/.well-known/jwks.json").json())
    assert (
        jwt.decode(certificate.credential_jwt, key_set, algorithms=["RS256"]).claims["jti"]
        == (certificate.credential["id"])
    )
    validate_credential(certificate.credential)
    validate_credential(CertificateFactory().credential)  # and new ones, under the new address


def test_without_former_addresses_the_jwks_lists_each_key_once(client, certificate):
    assert len(client.get("/.well-known/jwks.json").json()["keys"]) == 1


def test_resolve_kid_rejects_what_is_not_a_thumbprint(certificate):
    assert keys.resolve_kid("https://evil.example/verify/keys/../../etc.json") is None
    assert keys.resolve_kid(certificate.credential_kid).kid == certificate.credential_kid


def test_rotate_on_one_server_refuses_when_another_server_was_seen(certificate):
    SigningKeyHolder.objects.create(server="web-2:7", kids=[certificate.credential_kid], seen_at=timezone.now())
    with pytest.raises(CommandError, match="the new key is staged"):
        run("rotate")
    assert SigningKey.objects.get(is_active=True).kid == certificate.credential_kid
    assert SigningKey.objects.filter(activated_at__isnull=True).count() == 1  # staged, ready for `activate`


def test_the_first_key_is_activated_whoever_was_seen():
    SigningKeyHolder.objects.create(server="web-2:7", kids=[], seen_at=timezone.now())
    run("generate")
    assert SigningKey.objects.filter(is_active=True).count() == 1


def test_a_command_leaves_no_holder_report_behind(certificate):
    SigningKeyHolder.objects.all().delete()
    run("list")
    run("stage")
    assert not SigningKeyHolder.objects.filter(server=keys.server_name()).exists()


def test_a_kid_that_starts_with_a_dash_is_accepted_with_the_option(certificate, monkeypatch):
    staged = keys.key_stage()
    SigningKey.objects.filter(pk=staged.pk).update(kid="-" + staged.kid[1:])
    with pytest.raises(CommandError, match="does not hold"):  # found (not an argparse error), but not held here
        run("activate", f"--kid=-{staged.kid[1:]}")
