"""The credential status as two independent Bitstring Status List implementations read it, offline:
@digitalbazaar/vc-bitstring-status-list (npm, run with node) and openbadgeslib (PyPI).

Every certificate's credentialStatus names the revocation list, so both libraries must read a revoked or withdrawn
certificate as revoked and a valid or suspended one as not revoked. Suspension is published on the suspension list at
the same position (docs/decisions/0046-status-lists-per-purpose.md): asked about that list, both must read a
suspended certificate as suspended and every other one as not.
"""

import copy

import pytest
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from openbadgeslib.ob3.status import check_credential_status
from openbadgeslib.ob3.verifier import OB3VerificationError, OB3Verifier

from certificates import status
from certificates.models import SigningKey
from certificates.services import certificate_revoke, certificate_suspend, certificate_withdraw
from certificates.signing import validate_credential
from tests.interop.tools import python_module, run_node

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db
ACTIONS = {
    "valid": None,
    "suspended": certificate_suspend,
    "revoked": certificate_revoke,
    "withdrawn": certificate_withdraw,
}
# (revocation bit, suspension bit) that a verifier must read for each status.
EXPECTED = {"valid": (False, False), "suspended": (False, True), "revoked": (True, False), "withdrawn": (True, False)}
LIST_PATHS = {"revocation": "/verify/status/", "suspension": "/verify/status/suspension/"}


@pytest.fixture
def certificates(administrator):
    """One certificate in each status (each its own holder and course: issuing is idempotent per holder), changed
    by an administrator (who manages every holder)."""
    made = {}
    for name, action in ACTIONS.items():
        certificate = CertificateFactory()
        if action is not None:
            action(certificate=certificate, actor=administrator, reason="Checked by a verifier")
        certificate.refresh_from_db()
        made[name] = certificate
    return made


def _published(client) -> dict[str, dict]:
    """{list url: the status list credential}, after checking each list's VC-JWT signature with the JWKS."""

    keys = KeySet.import_key_set(client.get("/.well-known/jwks.json").json())
    lists = {}
    for purpose, path in LIST_PATHS.items():
        token = jwt.decode(client.get(path, HTTP_ACCEPT="application/vc+jwt").content.decode(), keys)
        assert token.claims["credentialSubject"]["statusPurpose"] == purpose
        lists[status.status_list_url(purpose)] = token.claims
    return lists


def _on_list(credential: dict, certificate, purpose: str) -> dict:
    """The credential as a verifier holds it, its credentialStatus pointed at the list of `purpose`."""
    asked = copy.deepcopy(credential)
    asked["credentialStatus"] = status.status_entry(certificate.status_list_index, purpose)
    return asked


def test_every_credential_names_one_revocation_entry_and_passes_the_open_badges_schema(certificates):
    for certificate in certificates.values():
        validate_credential(certificate.credential)
        assert certificate.credential["credentialStatus"]["statusPurpose"] == "revocation"
        assert "statusSize" not in certificate.credential["credentialStatus"]


def test_digitalbazaar_reads_revocation_and_suspension(client, certificates):
    lists = _published(client)
    names = list(certificates)
    cases = []
    for name in names:
        certificate = certificates[name]
        cases.append({"credential": certificate.credential, "lists": lists})
        cases.append({"credential": _on_list(certificate.credential, certificate, "suspension"), "lists": lists})
    results = run_node("bitstring_status.mjs", {"cases": cases}, packages=("@digitalbazaar/vc-bitstring-status-list",))
    assert all(result["verified"] for result in results), results
    read = {name: (results[2 * i]["status"], results[2 * i + 1]["status"]) for i, name in enumerate(names)}
    assert read == EXPECTED


def _openbadgeslib_reading(client, certificate) -> tuple[bool, bool]:
    """(revoked?, suspended?) as openbadgeslib's OB3 verifier reads them, the JWT and both lists' signatures
    checked with our published key."""
    python_module("openbadgeslib")

    key = SigningKey.objects.get(kid=certificate.credential_kid)
    public = RSAKey.import_key(client.get(reverse("certificates:public_key", kwargs={"kid": key.kid})).json())
    pem = public.as_pem(private=False)

    def download(url: str) -> bytes:
        path = url.removeprefix("http://testserver")
        assert path in LIST_PATHS.values(), url
        return client.get(path, HTTP_ACCEPT="application/vc+jwt").content

    verifier = OB3Verifier(pubkey_pem=pem)
    credential = verifier.verify(certificate.credential_jwt)  # signature and structure, no status yet
    try:
        verifier.verify(certificate.credential_jwt, check_status=True, download=download)
        revoked = False
    except OB3VerificationError as error:
        assert "'revocation' is set" in str(error), error
        revoked = True
    credential.credential_status = [status.status_entry(certificate.status_list_index, "suspension")]
    try:
        check_credential_status(credential, download=download, verify_list=True, list_pubkey_pem=pem)
        suspended = False
    except OB3VerificationError as error:
        assert "'suspension' is set" in str(error), error
        suspended = True
    return revoked, suspended


def test_openbadgeslib_reads_revocation_and_suspension(client, certificates):
    read = {name: _openbadgeslib_reading(client, certificate) for name, certificate in certificates.items()}
    assert read == EXPECTED


def test_openbadgeslib_refuses_a_list_signed_by_another_key(client, certificates, settings):
    """The check can fail: a status list whose signature does not match the key is refused, not trusted."""
    python_module("openbadgeslib")

    certificate = certificates["valid"]
    stranger = RSAKey.generate_key(2048).as_pem(private=False)
    credential = OB3Verifier._build_credential(
        jwt.decode(
            certificate.credential_jwt,
            RSAKey.import_key(
                client.get(reverse("certificates:public_key", kwargs={"kid": certificate.credential_kid})).json()
            ),
        ).claims
    )

    def download(url):
        return client.get(url.removeprefix("http://testserver"), HTTP_ACCEPT="application/vc+jwt").content

    with pytest.raises(OB3VerificationError, match="proof is invalid"):
        check_credential_status(credential, download=download, verify_list=True, list_pubkey_pem=stranger)
