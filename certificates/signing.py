"""The signed credential: an Open Badges 3.0 AchievementCredential (W3C VC Data Model 2.0) secured as a VC-JWT.

`build_credential` maps one Certificate to the credential; `sign_certificate` signs it with the active key (RS256,
`kid` = URL of the public JWK) and stores both the payload and the compact JWT on the certificate. Status is not in
the credential itself but in the published Bitstring Status List it points to, so suspending or revoking never
needs a re-signature.

Not done: an embedded Data Integrity proof (eddsa-rdfc-2022). It needs RDF canonicalisation of the credential with
the JSON-LD contexts; see docs/decisions/0042-vc-jwt-only.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
import uuid
from functools import cache
from pathlib import Path

import jsonschema
from django.conf import settings
from django.urls import reverse
from joserfc import jwt

from . import keys
from .models import Certificate
from .status import REVOCATION, status_entry

STANDARDS_DIR = Path(__file__).resolve().parent / "standards"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
# Status: one entry on the `revocation` list (one bit per credential), the purpose every Bitstring Status List
# verifier reads. The Open Badges 3.0 schema allows one credentialStatus object; suspension is published on a second
# list at the same position and shown on the verify page (docs/decisions/0046-status-lists-per-purpose.md).
SUBJECT_NAMESPACE = uuid.UUID("6f1e2c1a-3c1b-4e55-9b8e-2b7d3f0c9a41")


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def issuer_id() -> str:
    return absolute(reverse("certificates:issuer"))


def issuer_profile() -> dict:
    profile = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CERTIFICATES_ISSUER_NAME,
        "url": settings.CERTIFICATES_ISSUER_URL or absolute("/"),
        "description": settings.CERTIFICATES_ISSUER_DESCRIPTION,
    }
    if settings.CERTIFICATES_ISSUER_EMAIL:
        profile["email"] = settings.CERTIFICATES_ISSUER_EMAIL
    return profile


def _iso(moment) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _identity(email: str) -> dict:
    """A salted SHA-256 of the holder's email (Open Badges IdentityObject): provable by the holder, never in clear."""
    salt = secrets.token_hex(16)
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def evidence_narrative(certificate: Certificate) -> str:
    evidence = certificate.evidence or {}
    lines = []
    if certificate.kind == Certificate.Kind.COURSE:
        if evidence.get("completed_at"):
            lines.append(f"Completed on {evidence['completed_at']} (enrolled {evidence.get('enrolled_at') or '—'}).")
        if evidence.get("hours") is not None:
            lines.append(f"About {evidence['hours']} hours of study.")
        for module in evidence.get("modules", []):
            lines.append(f"- {module.get('title')} ({module.get('completed_at')})")
    else:
        period = evidence.get("period") or {}
        if period:
            lines.append(f"Engagement period {period.get('start', '')} – {period.get('end', '')}.")
        if evidence.get("sessions_attended") is not None:
            lines.append(f"Supervision sessions attended: {evidence['sessions_attended']}.")
        if evidence.get("hours") is not None:
            lines.append(f"Hours of peer support activity: {evidence['hours']}.")
    return "\n".join(lines) or "See the verification page."


def build_credential(certificate: Certificate) -> dict:
    """The unsigned AchievementCredential for a certificate (validates against the official 3.0 JSON schema)."""
    issuer = issuer_profile()
    issuer.pop("@context")
    achievement = {
        "id": absolute(reverse("certificates:achievement", kwargs={"key": achievement_key(certificate)})),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": certificate.achievement_title,
        "description": certificate.achievement_description or certificate.achievement_title,
        "criteria": {"narrative": certificate.achievement_criteria or certificate.achievement_title},
        "creator": {"id": issuer["id"], "type": ["Profile"], "name": issuer["name"]},
        "inLanguage": "en",
    }
    subject = {
        "id": f"urn:uuid:{uuid.uuid5(SUBJECT_NAMESPACE, str(certificate.uuid))}",
        "type": ["AchievementSubject"],
        "identifier": [_identity(certificate.holder.email)],
        "achievement": achievement,
        "name": certificate.holder_name,
    }
    evidence = [
        {
            "id": certificate.public_url(),
            "type": ["Evidence"],
            "name": "Evidence summary",
            "narrative": evidence_narrative(certificate),
        }
    ]
    if certificate.related_certificate_id:
        related = certificate.related_certificate
        evidence.append(
            {
                "id": related.public_url(),
                "type": ["Evidence"],
                "name": f"Builds on: {related.achievement_title}",
                "description": f"Certificate {related.display_code}; its credential is at {related.public_url()}"
                "credential.jwt",
            }
        )
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{certificate.uuid}",
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": certificate.achievement_title,
        "description": f"{certificate.achievement_title}, awarded to {certificate.holder_name} by {issuer['name']}.",
        "issuer": issuer,
        "validFrom": _iso(certificate.valid_from),
        "awardedDate": _iso(certificate.issued_at),
        "credentialSubject": subject,
        "evidence": evidence,
        "credentialStatus": status_entry(certificate.status_list_index, REVOCATION),
        "credentialSchema": [{"id": OB_SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if certificate.valid_until:
        credential["validUntil"] = _iso(certificate.valid_until)
    return credential


def achievement_key(certificate: Certificate) -> str:
    if certificate.course_id:
        return f"course-{certificate.course.public_id}"
    return f"{certificate.kind}"


def jwt_claims(credential: dict) -> dict:
    """VC-JWT claims as Open Badges 3.0 (section 8.2) asks: the credential plus registered claims mapped from it."""

    def epoch(value: str) -> int:
        return int(datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())

    claims = dict(credential)
    claims["iss"] = credential["issuer"]["id"]
    claims["jti"] = credential["id"]
    claims["sub"] = credential["credentialSubject"]["id"]
    claims["nbf"] = epoch(credential["validFrom"])
    claims["iat"] = epoch(credential["awardedDate"])
    if "validUntil" in credential:
        claims["exp"] = epoch(credential["validUntil"])
    return claims


def jwt_claims_for_status_list(credential: dict) -> dict:
    claims = dict(credential)
    claims["iss"] = credential["issuer"]
    claims["jti"] = credential["id"]
    claims["nbf"] = int(datetime.datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00")).timestamp())
    claims["iat"] = claims["nbf"]
    return claims


def sign_certificate(certificate: Certificate) -> None:
    """Build, sign and attach the credential (does not save)."""
    key, private = keys.active_signing_key()
    credential = build_credential(certificate)
    header = {"alg": keys.ALGORITHM, "typ": "JWT", "kid": keys.kid_url(key.kid)}
    certificate.credential = credential
    certificate.credential_jwt = jwt.encode(header, jwt_claims(credential), private, algorithms=[keys.ALGORITHM])
    certificate.credential_kid = key.kid


@cache
def achievement_credential_schema() -> dict:
    return json.loads((STANDARDS_DIR / "achievementcredential.schema.json").read_text())


def validate_credential(credential: dict) -> None:
    """Raise jsonschema.ValidationError if the credential does not match the official Open Badges 3.0 schema."""

    schema = achievement_credential_schema()
    jsonschema.validate(credential, schema, cls=jsonschema.Draft201909Validator)
