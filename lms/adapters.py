"""allauth adapters: new accounts start without a role; staff keep their second factor."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Site

from .audit import audit_record
from .clientip import client_ip


def site_identity(request=None) -> SimpleNamespace:
    """What emails call the site: the Wagtail site's name (else WAGTAIL_SITE_NAME) and the host of BASE_URL, never
    the host the request happened to use (which greeted people "Hello from 127.0.0.1:8101!")."""

    site = (Site.find_for_request(request) if request is not None else None) or Site.objects.filter(
        is_default_site=True
    ).first()
    name = (site.site_name if site is not None else "") or settings.WAGTAIL_SITE_NAME
    return SimpleNamespace(name=name, domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    """A new account has no role: training access comes with acceptance into a cohort (recruitment), every other
    role is given by an administrator. See docs/decisions/0070."""

    def get_client_ip(self, request) -> str:
        """Rate limits count the address from the trusted proxy chain only (lms.clientip)."""

        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        super().send_mail(template_prefix, email, {"current_site": site_identity(request), **context})

    def pre_authenticate(self, request, **credentials):
        """Record when the per-account limit refuses a login (the attempt never reaches a password check)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            identifier = str(credentials.get("email") or credentials.get("username") or "")[:254]
            audit_record(action="login.locked", request=request, detail={"identifier": identifier})
            raise


class MFAAdapter(DefaultMFAAdapter):
    """Staff roles must keep an authenticator app: they may replace it, but not switch two-factor off."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type == Authenticator.Type.TOTP and authenticator.user.is_staff_role:
            return False
        return super().can_delete_authenticator(authenticator)
