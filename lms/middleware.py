"""Staff roles must have a second factor before they reach anything but their account pages."""

from django.shortcuts import redirect
from django.urls import reverse

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
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        # The path test comes first: public routes (/verify/) must not touch the session (no Vary: Cookie).
        if (
            not request.path.startswith(ALLOWED_PREFIXES)
            and user is not None
            and user.is_authenticated
            and user.is_staff_role
            and not _has_authenticator(user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)


def _has_authenticator(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
