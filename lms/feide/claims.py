"""What we read from a Feide identity: the realm (institution) and the person's names.

Feide puts the Feide user name (eduPersonPrincipalName, `ola@uio.no`) in the userinfo claim
`https://n.feide.no/claims/eduPersonPrincipalName` when the client has the `userid-feide` scope, and in
`https://n.feide.no/claims/userid_sec` as `feide:ola@uio.no`. The realm is the part after the last @.
"""

from __future__ import annotations

EPPN_CLAIMS = ("https://n.feide.no/claims/eduPersonPrincipalName", "eduPersonPrincipalName")
USERID_SEC_CLAIM = "https://n.feide.no/claims/userid_sec"


def merged_claims(extra_data: dict) -> dict:
    """The ID token's claims overlaid with userinfo's (userinfo carries the Feide-specific ones)."""
    claims = dict(extra_data.get("id_token") or {})
    claims.update(extra_data.get("userinfo") or {})
    return claims


def feide_username(claims: dict) -> str | None:
    for name in EPPN_CLAIMS:
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            return value.strip()
    userid_sec = claims.get(USERID_SEC_CLAIM) or []
    if isinstance(userid_sec, str):
        userid_sec = [userid_sec]
    for value in userid_sec:
        if isinstance(value, str) and value.startswith("feide:") and "@" in value:
            return value.removeprefix("feide:").strip()
    return None


def realm_of(claims: dict) -> str | None:
    username = feide_username(claims)
    if not username:
        return None
    realm = username.rpartition("@")[2].strip().lower()
    return realm or None


def full_name_of(claims: dict) -> str:
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if isinstance(part, str) and part
    )
    return " ".join(str(name or "").split())[:150]


def email_is_verified(claims: dict) -> bool:
    """Only an explicit `email_verified: true` counts (docs/decisions/0131)."""
    return claims.get("email_verified") is True


# Feide's documented value for a login with multi-factor authentication (docs.feide.no, "Service-initiated MFA using
# OpenID Connect"). We record the acr of every Feide login; we do not accept it instead of the site's TOTP
# (docs/decisions/0134).
FEIDE_MFA_ACR = "urn:mace:feide.no:auth:level:fad08:3"


def acr_of(extra_data: dict) -> str:
    """The ID token's `acr` (how the person authenticated at Feide), "" when absent. Only the signed ID token counts:
    userinfo describes the person, not this authentication."""
    value = (extra_data.get("id_token") or {}).get("acr")
    return value[:200] if isinstance(value, str) else ""
