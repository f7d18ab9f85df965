"""A small but real OpenID Connect provider that the tests start on a random localhost port.

It speaks the protocol Feide speaks, over real HTTP: discovery, JWKS, the authorization endpoint (authorization code
flow, `state`, `nonce`, PKCE S256), the token endpoint (client secret, single-use codes bound to the redirect URI and
the PKCE verifier, an RS256-signed ID token made with joserfc) and userinfo (bearer token). It is strict where a
provider must be, so the site's requests are checked, not only its answers: a wrong client secret, redirect URI,
PKCE verifier or a reused code is refused as Feide would refuse it.

`provider.next_claims` is who "logs in" at the next authorization request (a real provider would show its login
page; with `interactive = True` it shows a one-button page, for the browser test).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "psa-test-client"
CLIENT_SECRET = "psa-test-secret-" + "x" * 16  # a test client's secret


class LocalOIDCProvider:
    def __init__(self, client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(8), "alg": "RS256", "use": "sig"})
        self.next_claims: dict = {}
        self.next_acr: str = ""
        self.interactive = False
        self.require_pkce = True
        self.redirect_uris: set[str] = set()  # empty: any redirect URI on the test hosts
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.refusals: list[str] = []
        self.authorize_requests: list[dict] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="local-oidc", daemon=True)

    # --- life cycle -------------------------------------------------------------------------------------------------

    def start(self) -> LocalOIDCProvider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.next_claims = {}
            self.next_acr = ""
            self.interactive = False
            self.require_pkce = True
            self.redirect_uris = set()
            self.codes.clear()
            self.tokens.clear()
            self.refusals.clear()
            self.authorize_requests.clear()

    # --- protocol ---------------------------------------------------------------------------------------------------

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile", "email", "userid-feide"],
        }

    def jwks(self) -> dict:
        return {"keys": [self.key.as_dict(private=False)]}

    def authorize(self, params: dict[str, str]) -> tuple[int, dict[str, str], str]:
        """Answer an authorization request: a redirect back with a code, or an error."""
        self.authorize_requests.append(dict(params))
        redirect_uri = params.get("redirect_uri", "")
        if params.get("client_id") != self.client_id:
            return self._refuse("unknown client_id", 400)
        if self.redirect_uris and redirect_uri not in self.redirect_uris:
            return self._refuse("redirect_uri not registered", 400)
        if params.get("response_type") != "code" or "openid" not in params.get("scope", "").split():
            return self._refuse("not an OpenID Connect code request", 400)
        if self.require_pkce and (params.get("code_challenge_method") != "S256" or not params.get("code_challenge")):
            return self._refuse("PKCE (S256) required", 400)
        if not params.get("state") or not params.get("nonce"):
            return self._refuse("state and nonce required", 400)
        code = secrets.token_urlsafe(24)
        with self._lock:
            self.codes[code] = {
                "claims": dict(self.next_claims),
                "acr": self.next_acr,
                "nonce": params["nonce"],
                "redirect_uri": redirect_uri,
                "code_challenge": params.get("code_challenge"),
                "used": False,
                "issued": time.time(),
            }
        query = urlencode({"code": code, "state": params["state"]})
        return 302, {"Location": f"{redirect_uri}?{query}"}, ""

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict]:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, client_secret = decoded.partition(":")
        if client_id != self.client_id or client_secret != self.client_secret:
            self.refusals.append("client authentication failed")
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self.codes.get(form.get("code", ""))
            if grant is None or grant["used"] or time.time() - grant["issued"] > 60:
                self.refusals.append("unknown, used or expired code")
                return 400, {"error": "invalid_grant"}
            grant["used"] = True
        if form.get("redirect_uri") != grant["redirect_uri"]:
            self.refusals.append("redirect_uri differs")
            return 400, {"error": "invalid_grant"}
        verifier = form.get("code_verifier", "")
        if grant["code_challenge"] is None and not verifier:
            challenge = None
        else:
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != grant["code_challenge"]:
            self.refusals.append("PKCE verifier does not match")
            return 400, {"error": "invalid_grant"}
        claims = grant["claims"]
        now = int(time.time())
        id_claims = {
            "iss": self.issuer,
            "sub": claims["sub"],
            "aud": self.client_id,
            "iat": now,
            "exp": now + 600,
            "auth_time": now,
            "nonce": grant["nonce"],
            # Feide puts only these in the ID token; the rest comes from userinfo.
            **{k: claims[k] for k in ("name", "email", "email_verified") if k in claims},
            # How the person authenticated (Feide: urn:mace:feide.no:auth:level:fad08:3 after MFA); ID token only.
            **({"acr": grant["acr"]} if grant["acr"] else {}),
        }
        id_token = jwt.encode({"alg": "RS256", "kid": self.key.kid, "typ": "JWT"}, id_claims, self.key)
        access_token = secrets.token_urlsafe(24)
        with self._lock:
            self.tokens[access_token] = claims
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 3600, "id_token": id_token}

    def userinfo(self, authorization: str | None) -> tuple[int, dict]:
        token = (authorization or "").removeprefix("Bearer ")
        claims = self.tokens.get(token)
        if claims is None:
            return 401, {"error": "invalid_token"}
        return 200, claims

    def _refuse(self, reason: str, status: int) -> tuple[int, dict[str, str], str]:
        self.refusals.append(reason)
        return status, {"Content-Type": "text/plain"}, reason

    # --- HTTP -------------------------------------------------------------------------------------------------------

    def _handler_class(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status: int, headers: dict[str, str], body: str | bytes = b""):
                data = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _json(self, status: int, payload: dict):
                self._send(
                    status, {"Content-Type": "application/json", "Cache-Control": "no-store"}, json.dumps(payload)
                )

            def do_GET(self):  # http.server's name
                url = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(200, provider.discovery())
                if url.path == "/jwks":
                    return self._json(200, provider.jwks())
                if url.path == "/userinfo":
                    return self._json(*provider.userinfo(self.headers.get("Authorization")))
                if url.path == "/authorize":
                    if provider.interactive:
                        return self._send(200, {"Content-Type": "text/html; charset=utf-8"}, _login_page(params))
                    return self._send(*provider.authorize(params))
                return self._send(404, {}, b"")

            def do_POST(self):
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if url.path == "/token":
                    return self._json(*provider.token(form, self.headers.get("Authorization")))
                if url.path == "/authorize":  # the interactive login page's button
                    return self._send(*provider.authorize(form))
                return self._send(404, {}, b"")

        return Handler


def _login_page(params: dict[str, str]) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in params.items()
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local Feide</title></head>'
        '<body><main><h1>Local Feide test provider</h1><form method="post" action="/authorize">'
        f'{hidden}<button type="submit">Log in at the test provider</button></form></main></body></html>'
    )


def feide_claims(eppn: str, *, name: str = "Kari Nordmann", email: str | None = None, verified: bool = True) -> dict:
    """Claims as Feide's userinfo gives them with the scopes openid, profile, email and userid-feide."""
    return {
        "sub": "feide-" + hashlib.sha256(eppn.encode()).hexdigest()[:24],
        "name": name,
        "email": email if email is not None else eppn,
        "email_verified": verified,
        "https://n.feide.no/claims/eduPersonPrincipalName": eppn,
        "https://n.feide.no/claims/userid_sec": [f"feide:{eppn}"],
    }
