"""Response-side companion of `home.signals.activate_preferred_language`."""

from django.conf import settings
from django.utils import translation

from .i18n import CONTENT_LANGUAGES, LANGUAGE_QUERY_PARAMETER


class LanguageCookieMiddleware:
    """Sets Django's language cookie when a login in this request chose the person's preferred language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, "preferred_language", None)
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class ContentLanguageQueryMiddleware:
    """`?lang=nb` / `?lang=en` shows one request in that language: the addresses that hreflang alternates and the
    sitemap name (home.i18n). The language switcher (cookie and profile) stays what a person's choice is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.GET.get(LANGUAGE_QUERY_PARAMETER, "")
        if language in CONTENT_LANGUAGES and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
