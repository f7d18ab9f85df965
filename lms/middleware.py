"""Staff roles must have a second factor before they reach anything but their account pages."""

from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Paths a staff user without MFA may still reach: setting MFA up, logging out, switching language, assets.
ALLOWED_PREFIXES = (
    "/accounts/",
    "/i18n/",
    "/static/",
    "/media/",
    "/favicon.ico",
    "/verify/",
    "/.well-known/",
)


class StaffMFARequiredMiddleware:
    """Send a counsellor, advisor, coordinator, administrator or superuser without a TOTP authenticator to MFA setup.

    Cost per request: anonymous users and allowed paths none; signed-in users one query for their roles (cached on
    the user object, so views reading `user.role_names` pay nothing more); staff one more indexed EXISTS query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ALLOWED_PREFIXES):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_staff_role and not _has_totp(user):
                return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _has_totp(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
