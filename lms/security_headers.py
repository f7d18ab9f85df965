"""Content-Security-Policy (django-csp) with a second policy for the Wagtail admin, and Permissions-Policy.

The public site runs no inline script at all (static JS files only): its policy is `script-src 'self'`. The Wagtail
admin's own templates still write small inline scripts (inline panels, date pickers), so /admin/ gets
`CONTENT_SECURITY_POLICY_ADMIN`, which adds 'unsafe-inline' for scripts there only (docs/decisions/0141).
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def _is_admin(path: str) -> bool:
    return path.startswith(tuple(getattr(settings, "CSP_ADMIN_URL_PREFIXES", ("/admin/",))))


def login_provider_origins() -> list[str]:
    """Origins of the configured OpenID Connect providers (Feide). `form-action` also governs where a form's POST
    may be redirected, and "Log in with Feide" is a POST that allauth answers with a redirect to the provider."""
    origins = []
    for app in settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", []):
        parts = urlsplit(app.get("settings", {}).get("server_url", ""))
        if parts.scheme in ("https", "http") and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy under the admin prefixes, and the login providers' origins
    added to `form-action`."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and _is_admin(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        if not report_only and (origins := login_provider_origins()):
            update = dict(parts.update or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            parts.update = update
        return parts


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` (settings.PERMISSIONS_POLICY: feature -> allow list) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
