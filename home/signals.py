"""Switch the site to a person's preferred language when they log in."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation


@receiver(user_logged_in, dispatch_uid="home.activate_preferred_language")
def activate_preferred_language(sender, request, user, **kwargs):
    """Activate `user.language` now, and ask LanguageCookieMiddleware to remember it in the language cookie.

    The cookie (not the session) is what Django's LocaleMiddleware reads; a receiver has no response to set it on.
    """
    language = getattr(user, "language", "")
    if request is None or language not in dict(settings.LANGUAGES):
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language
    request.preferred_language = language
