"""allauth's generic OpenID Connect provider, with a nonce.

allauth's provider sends `state` (and, with `oauth_pkce_enabled`, a PKCE challenge) but no `nonce`. Feide supports
the nonce, and it binds the ID token to the browser session that started the login: a code or ID token taken from
another login (injected or replayed) carries another nonce and is refused (lms.feide.adapter checks it).
"""

from __future__ import annotations

import secrets

from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider

from .claims import email_is_verified, merged_claims


class FeideProvider(OpenIDConnectProvider):
    # Keep allauth's own URLs and views (accounts/oidc/<provider_id>/login/...).
    package = "allauth.socialaccount.providers.openid_connect"

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = {**auth_params, "nonce": nonce}
        # Extra keyword arguments are stored in the state allauth keeps in the session (one use, 10 minutes).
        return super().redirect(request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs)

    def extract_email_addresses(self, data):
        """The address is verified only when the claims say `email_verified: true` (docs/decisions/0131)."""

        addresses = super().extract_email_addresses(data)
        verified = email_is_verified(merged_claims(data))
        for address in addresses:
            address.verified = verified
        return addresses
