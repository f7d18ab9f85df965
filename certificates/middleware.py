"""Guarantee for the public verify routes: no cookie and no `Vary: Cookie`, whatever the inner middleware do.

The verify views never touch the session or the CSRF token, so an anonymous visitor gets no cookie anyway. A visitor
who is signed in elsewhere on the site could still get their session cookie re-sent (a refresh by
lms/session_refresh.py); this middleware sits outside SessionMiddleware and strips it from responses the views
marked as public.
"""

from wagtail.contrib.redirects.middleware import RedirectMiddleware as _WagtailRedirectMiddleware


class PublicResponseNoCookiesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "certificates_public", False):
            response.cookies.clear()
            vary = [value.strip() for value in response.get("Vary", "").split(",") if value.strip()]
            remaining = [value for value in vary if value.lower() != "cookie"]
            if remaining:
                response["Vary"] = ", ".join(remaining)
            elif "Vary" in response:
                del response["Vary"]
        return response


class RedirectMiddleware(_WagtailRedirectMiddleware):
    """Wagtail's redirects, except for the public verify responses: their 404 is the answer ("no certificate has this
    code"), not a missing page an editor might have moved, and looking for a redirect cost two queries (the site and
    the redirect table) on every unknown code (issue 18: an unknown code costs ≤ 2 queries)."""

    def process_response(self, request, response):
        if getattr(response, "certificates_public", False):
            return response
        return super().process_response(request, response)
