import base64
import copy
import hashlib
import json

import jsonschema
import pytest
from django.core.management import call_command
from joserfc import jwt
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwk import KeySet

from certificates import keys, status
from certificates.models import SigningKey
from certificates.services import (
    certificate_revoke,
    certificate_suspend,
    certificate_unsuspend,
    certificate_withdraw,
    issue_engagement_certificate,
)
from certificates.signing import STANDARDS_DIR, build_credential, jwt_claims, validate_credential
from tests.courses.factories import CourseFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def published_keys(client) -> KeySet:
    """Only what the site publishes: /.well-known/jwks.json."""
    return KeySet.import_key_set(client.get("/.well-known/jwks.json").json())


def fetch_jwt(client, certificate) -> str:
    return client.get(f"/verify/{certificate.display_code}/credential.jwt").content.decode()


def split(token):
    return token.split(".")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_credential_validates_against_the_official_schema(certificate):
    validate_credential(certificate.credential)


def test_credential_without_expiry_validates_too(trainee):
    validate_credential(
        CertificateFactory(holder=trainee, course=CourseFactory(certificate_valid_years=None)).credential
    )


def test_schema_rejects_a_credential_without_issuer(certificate):
    broken = copy.deepcopy(certificate.credential)
    del broken["issuer"]
    with pytest.raises(jsonschema.ValidationError):
        validate_credential(broken)


def test_credential_never_holds_the_email_in_clear(certificate):
    assert certificate.holder.email not in json.dumps(certificate.credential)


def test_subject_is_a_salted_hashed_identity(certificate):
    identity = certificate.credential["credentialSubject"]["identifier"][0]
    expected = hashlib.sha256((certificate.holder.email + identity["salt"]).encode()).hexdigest()
    assert identity["hashed"] is True and identity["identityHash"] == f"sha256${expected}"


def test_jwt_verifies_with_only_the_published_jwks(client, certificate):
    token = jwt.decode(fetch_jwt(client, certificate), published_keys(client), algorithms=["RS256"])
    assert token.claims["id"] == certificate.credential["id"]


def test_jwt_header_is_rs256_with_a_kid_that_dereferences_to_the_key(client, certificate):
    header = json.loads(unb64(split(fetch_jwt(client, certificate))[0]))
    jwk = client.get(header["kid"].replace("http://testserver", "")).json()
    assert header["alg"] == "RS256" and jwk["kid"] == header["kid"] and jwk["kty"] == "RSA"


def test_published_keys_contain_no_private_parts(client, certificate):
    for key in client.get("/.well-known/jwks.json").json()["keys"]:
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


def test_jwt_claims_map_the_credential(certificate):
    claims = jwt_claims(certificate.credential)
    credential = certificate.credential
    assert (claims["iss"], claims["jti"], claims["sub"]) == (
        credential["issuer"]["id"],
        credential["id"],
        credential["credentialSubject"]["id"],
    )
    assert claims["nbf"] <= claims["exp"]


def test_jwt_has_exp_only_with_valid_until(trainee):
    certificate = CertificateFactory(holder=trainee, course=CourseFactory(certificate_valid_years=None))
    assert "exp" not in jwt_claims(certificate.credential)


def _tampered_payloads(claims):
    """Every single top-level field changed, one at a time (and one deep field)."""
    for key, value in claims.items():
        changed = copy.deepcopy(claims)
        if isinstance(value, int):
            changed[key] = value + 1
        elif isinstance(value, str):
            changed[key] = value + "x"
        elif isinstance(value, list):
            changed[key] = value + ["x"]
        else:
            changed[key] = {**value, "tampered": True}
        yield key, changed
    deep = copy.deepcopy(claims)
    deep["credentialSubject"]["name"] = "Someone Else"
    yield "credentialSubject.name", deep


def test_every_single_field_change_fails_verification(client, certificate):
    key_set = published_keys(client)
    header_b64, payload_b64, signature_b64 = split(fetch_jwt(client, certificate))
    claims = json.loads(unb64(payload_b64))
    failures = 0
    total = 0
    for _field, changed in _tampered_payloads(claims):
        total += 1
        forged = ".".join([header_b64, b64(json.dumps(changed).encode()), signature_b64])
        with pytest.raises(BadSignatureError):
            jwt.decode(forged, key_set, algorithms=["RS256"])
        failures += 1
    assert failures == total >= len(claims)


def test_every_byte_change_of_the_signature_fails(client, certificate):
    key_set = published_keys(client)
    header_b64, payload_b64, signature_b64 = split(fetch_jwt(client, certificate))
    signature = unb64(signature_b64)
    for position in range(len(signature)):
        changed = bytearray(signature)
        changed[position] ^= 0x01
        forged = ".".join([header_b64, payload_b64, b64(bytes(changed))])
        with pytest.raises(JoseError):
            jwt.decode(forged, key_set, algorithms=["RS256"])


def test_alg_none_is_refused(client, certificate):
    key_set = published_keys(client)
    _header, payload_b64, _signature = split(fetch_jwt(client, certificate))
    forged = ".".join([b64(b'{"alg":"none"}'), payload_b64, ""])
    with pytest.raises(JoseError):
        jwt.decode(forged, key_set, algorithms=["RS256"])


def test_old_credentials_verify_after_key_rotation(client, certificate):
    old_token = fetch_jwt(client, certificate)
    call_command("certificates_keys", "rotate", verbosity=0)
    new = CertificateFactory()
    key_set = published_keys(client)
    assert jwt.decode(old_token, key_set, algorithms=["RS256"]).claims["jti"] == certificate.credential["id"]
    assert new.credential_kid != certificate.credential_kid


def test_rotation_keeps_the_old_key_published(client, certificate):
    call_command("certificates_keys", "rotate", verbosity=0)
    assert len(client.get("/.well-known/jwks.json").json()["keys"]) == 2


def test_private_key_file_is_outside_the_database_and_owner_only(certificate, settings):
    key = SigningKey.objects.get(kid=certificate.credential_kid)
    path = keys.private_key_path(key.kid)
    assert path.exists() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert "d" not in key.public_jwk


def test_build_credential_is_deterministic_but_for_the_salt(certificate):
    first, second = build_credential(certificate), build_credential(certificate)
    for credential in (first, second):
        credential["credentialSubject"]["identifier"][0].pop("salt")
        credential["credentialSubject"]["identifier"][0].pop("identityHash")
    assert first == second


# --- status list --------------------------------------------------------------------------------------------------


LIST_URLS = {"revocation": "/verify/status/", "suspension": "/verify/status/suspension/"}


def _bits(client, certificate) -> dict[str, int]:
    """The certificate's bit on each published list."""
    bits = {}
    for purpose, url in LIST_URLS.items():
        listing = client.get(url).json()
        assert listing["credentialSubject"]["statusPurpose"] == purpose
        bitstring = status.decode(listing["credentialSubject"]["encodedList"])
        bits[purpose] = status.bit_at(bitstring, certificate.status_list_index)
    return bits


@pytest.mark.parametrize("url", LIST_URLS.values())
def test_status_lists_have_131072_one_bit_entries(client, certificate, url):
    listing = client.get(url).json()
    bitstring = status.decode(listing["credentialSubject"]["encodedList"])
    assert len(bitstring) * 8 == 131_072


def test_status_list_is_gzip_and_multibase_base64url(client, certificate):
    encoded = client.get("/verify/status/").json()["credentialSubject"]["encodedList"]
    assert encoded.startswith("u") and "=" not in encoded and "+" not in encoded and "/" not in encoded
    assert unb64(encoded[1:])[:2] == b"\x1f\x8b"


def test_credential_points_at_its_position_on_the_revocation_list(certificate):
    entry = certificate.credential["credentialStatus"]
    assert entry == {
        "id": f"http://testserver/verify/status/#{certificate.status_list_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.status_list_index),
        "statusListCredential": "http://testserver/verify/status/",
    }


def test_valid_certificate_has_no_bit_set(client, certificate):
    assert _bits(client, certificate) == {"revocation": 0, "suspension": 0}


def test_suspension_shows_on_the_suspension_list_only_on_the_next_request(client, certificate, coordinator):
    _bits(client, certificate)  # cached now
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Under review")
    assert _bits(client, certificate) == {"revocation": 0, "suspension": 1}


def test_unsuspension_clears_the_suspension_bit_on_the_next_request(client, certificate, coordinator):
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Under review")
    _bits(client, certificate)
    certificate_unsuspend(certificate=certificate, actor=coordinator, reason="Cleared")
    assert _bits(client, certificate) == {"revocation": 0, "suspension": 0}


@pytest.mark.parametrize("action", [certificate_revoke, certificate_withdraw])
def test_revocation_and_withdrawal_set_the_revocation_bit_on_the_next_request(client, certificate, coordinator, action):
    _bits(client, certificate)
    action(certificate=certificate, actor=coordinator, reason="Issued in error")
    assert _bits(client, certificate) == {"revocation": 1, "suspension": 0}


def test_revoking_a_suspended_certificate_moves_its_bit_to_the_revocation_list(client, certificate, coordinator):
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Under review")
    certificate_revoke(certificate=certificate, actor=coordinator, reason="Confirmed")
    assert _bits(client, certificate) == {"revocation": 1, "suspension": 0}


def test_status_list_encoding_round_trips():
    bitstring = status.decode(status.encode({0, 5, 131_071}, 131_072))
    assert [status.bit_at(bitstring, i) for i in (0, 1, 5, 6, 131_071)] == [1, 0, 1, 0, 1]


def test_issuer_profile_is_at_the_credential_issuer_id(client, certificate):
    profile = client.get("/verify/issuer/").json()
    assert profile["id"] == certificate.credential["issuer"]["id"] and profile["type"] == ["Profile"]


def test_issuer_profile_validates_against_the_official_profile_schema(client, db):
    schema = json.loads((STANDARDS_DIR / "profile.schema.json").read_text())
    jsonschema.Draft201909Validator(schema).validate(client.get("/verify/issuer/").json())


def test_engagement_credential_validates_and_refers_to_the_course_certificate(certificate):
    engagement = issue_engagement_certificate(
        holder=certificate.holder,
        evidence={"period": {"start": "2026-01-01", "end": "2026-06-30"}, "sessions_attended": 6, "hours": 40},
        related_certificate=certificate,
        approved_by=None,
    )
    validate_credential(engagement.credential)
    assert any(item["id"] == certificate.public_url() for item in engagement.credential["evidence"])


def test_signed_status_list_verifies_with_the_jwks_and_shows_revocation_at_once(client, certificate, coordinator):
    client.get("/verify/status/?format=jwt")
    certificate_revoke(certificate=certificate, actor=coordinator, reason="Issued in error")
    response = client.get("/verify/status/", HTTP_ACCEPT="application/vc+jwt")
    token = jwt.decode(response.content.decode(), published_keys(client), algorithms=["RS256"])
    bitstring = status.decode(token.claims["credentialSubject"]["encodedList"])
    assert response["Content-Type"] == "application/vc+jwt"
    assert status.bit_at(bitstring, certificate.status_list_index) == 1


@pytest.mark.parametrize("revoked", [1, 8])
@pytest.mark.parametrize("url", LIST_URLS.values())
def test_each_status_list_is_one_query_however_many_are_set_and_none_when_cached(
    client, administrator, django_assert_num_queries, revoked, url
):
    for _ in range(revoked):
        certificate_revoke(certificate=CertificateFactory(), actor=administrator, reason="Issued in error")
    with django_assert_num_queries(1):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
