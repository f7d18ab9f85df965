"""allauth's Feide login and callback views behind the site's rate limits.

allauth limits password logins but not social ones; these wrappers stand at allauth's own URLs (lms/urls.py routes
them first) and count, per client IP, every start and return (`feide_login`) and refuse a client whose failed
returns (`feide_failed`: bad state, nonce, unknown realm, provider errors) are over the limit.
"""

from __future__ import annotations

from allauth.core.exceptions import ImmediateHttpResponse, SignupClosedException
from allauth.core.internal import ratelimit as allauth_ratelimit
from allauth.socialaccount.internal.flows.signup import process_signup
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from lms.audit import audit_record

from . import PROVIDER_ID, pending
from .claims import merged_claims, realm_of


def _consume(request, action: str, *, dry_run: bool = False) -> bool:
    return bool(
        allauth_ratelimit.consume(request, app="allauth.account", action=action, limit_get=True, dry_run=dry_run)
    )


def count_failure(request) -> None:
    _consume(request, "feide_failed")


def _limited(request):
    if not _consume(request, "feide_failed", dry_run=True) or not _consume(request, "feide_login"):
        audit_record(action="feide.limited", request=request)
        return allauth_ratelimit.respond_429(request)
    return None


def login(request, provider_id):
    if provider_id != PROVIDER_ID:
        return oidc_views.login(request, provider_id)
    return _limited(request) or oidc_views.login(request, provider_id)


def callback(request, provider_id):
    """allauth's callback in one transaction: two first logins of one person at once (double click, two tabs) make
    one account; the other answers "start again" (409) instead of a 500, with nothing half-saved."""
    if provider_id != PROVIDER_ID:
        return oidc_views.callback(request, provider_id)
    limited = _limited(request)
    if limited is not None:
        return limited
    try:
        with transaction.atomic():
            return oidc_views.callback(request, provider_id)
    except IntegrityError:
        audit_record(action="feide.failure", request=request, detail={"reason": "concurrent_signup"})
        return TemplateResponse(request, "feide/failed.html", {}, status=409)


@require_POST
def continue_other_institution(request):
    """The refusal page's second way (lms.feide.pending): sign the person up with a claim on an institution for a
    coordinator to confirm. Only the login kept in this session can go on, once, within ten minutes."""

    from .adapter import CLAIM_STATE_KEY, refuse_takeover_by_email  # noqa: PLC0415 - import cycle: lms.feide.adapter imports these views

    limited = _limited(request)
    if limited is not None:
        return limited
    sociallogin = pending.peek(request)
    if sociallogin is None or request.user.is_authenticated:
        pending.clear(request)
        audit_record(action="feide.failure", request=request, detail={"reason": "no_pending_login"})
        return TemplateResponse(request, "feide/failed.html", {}, status=400)
    realm = realm_of(merged_claims(sociallogin.account.extra_data or {}))
    form = pending.ProposalForm(request.POST)
    if not form.is_valid():
        context = {"realm": realm, "can_continue": True, "form": form}
        return TemplateResponse(request, "feide/unknown_realm.html", context, status=400)
    pending.clear(request)
    institution = form.cleaned_data["institution"]
    sociallogin.state[CLAIM_STATE_KEY] = {"realm": realm, "institution": institution.pk if institution else None}
    try:
        with transaction.atomic():
            refuse_takeover_by_email(request, sociallogin)
            return process_signup(request, sociallogin)
    except ImmediateHttpResponse as error:
        return error.response
    except SignupClosedException:
        return TemplateResponse(request, "account/signup_closed.html", {}, status=403)
    except IntegrityError:  # the same person went on twice at once (two tabs): one account
        audit_record(action="feide.failure", request=request, detail={"reason": "concurrent_signup"})
        return TemplateResponse(request, "feide/failed.html", {}, status=409)
