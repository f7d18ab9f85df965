"""Idle expiry without a write on every request (docs/decisions/0160-session-refresh-throttled.md).

`SESSION_SAVE_EVERY_REQUEST` wrote the session row (and re-sent the cookie) on every request, so every page GET was
an `UPDATE django_session`. Instead this middleware refreshes a signed-in session at most once every
`SESSION_REFRESH_INTERVAL` seconds: it stores the time of the last refresh in the session, and when that stamp is
older than the interval it sets it again, which makes Django save the session with a new expiry
(`SESSION_COOKIE_AGE` from now) and re-send the cookie.

A session therefore still expires after `SESSION_COOKIE_AGE` without a request; the idle time that logs a person out
lies between `SESSION_COOKIE_AGE - SESSION_REFRESH_INTERVAL` and `SESSION_COOKIE_AGE` (8 h minus at most 5 minutes).

It sits right after SessionMiddleware, so its response step runs before SessionMiddleware saves. Sessions without a
key (anonymous visitors who never stored anything) are left alone: no session is created for them; a request that
never read the session (the verify pages, the bare health checks) neither loads nor refreshes it.
"""

from __future__ import annotations

import time

from django.conf import settings

STAMP_KEY = "_refreshed_at"


def refresh_interval() -> int:
    return int(getattr(settings, "SESSION_REFRESH_INTERVAL", 300))


class SessionRefreshMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key or not session.accessed:
            return response  # a request that never read the session (the public verify pages) does not load it
        if not session.get("_auth_user_id"):
            return response  # anonymous sessions (e.g. a language choice) are not kept alive by browsing
        now = int(time.time())
        if session.modified:
            session[STAMP_KEY] = now  # saved anyway: the stamp rides along
            return response
        stamp = session.get(STAMP_KEY)
        if not isinstance(stamp, int) or now - stamp >= refresh_interval() or stamp > now + 60:
            session[STAMP_KEY] = now
        return response
