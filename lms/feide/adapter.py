"""What a Feide identity may do on this site.

- The ID token's nonce must be the one this browser's login started with (lms.feide.provider).
- The realm of the Feide user name must belong to an active institution (`FeideRealm`); the person's institution is
  set from it at every Feide login and cannot be changed by them while Feide is connected. A new person from an
  unknown realm may go on instead, for a coordinator to confirm the institution (lms.feide.pending, decision 0133).
- A Feide identity never takes over an existing account because an email address matches: the person logs in to
  that account first (password and, for staff, the second factor) and then connects Feide (decision 0130).
- Staff pass the same second factor as with a password: allauth's MFA stage runs for every login, Feide included.
- Every refusal is audited and counts against the `feide_failed` rate limit.
"""

from __future__ import annotations

import hmac

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lms.audit import audit_record
from lms.models import FeideRealm, InstitutionClaim, User

from . import PROVIDER_ID, pending
from .claims import full_name_of, merged_claims, realm_of
from .views import count_failure

# Kept in the sociallogin's state (in the session, never from the browser) when a person from an unknown realm goes
# on for a coordinator to confirm (lms.feide.pending); `save_user` records the claim from it.
CLAIM_STATE_KEY = "feide_claim"


def is_feide(sociallogin) -> bool:
    return sociallogin.account.provider == PROVIDER_ID


def record_failure(request, reason: str, **detail) -> None:
    """Audit a refused Feide login and count it against the per-IP limit of failures."""

    audit_record(action="feide.failure", request=request, detail={"reason": reason, **detail})
    count_failure(request)


def refuse(request, *, reason: str, template: str, context: dict | None = None, status: int = 403, **detail):
    record_failure(request, reason, **detail)
    raise ImmediateHttpResponse(TemplateResponse(request, template, context or {}, status=status))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        if not is_feide(sociallogin):
            return
        pending.clear(request)  # a new Feide return replaces any earlier "other institution" login kept
        extra = sociallogin.account.extra_data or {}
        expected_nonce = (sociallogin.state or {}).get("nonce") or ""
        id_token = extra.get("id_token") or {}
        if not expected_nonce or not hmac.compare_digest(str(id_token.get("nonce") or ""), expected_nonce):
            refuse(request, reason="nonce", template="feide/failed.html")
        claims = merged_claims(extra)
        realm = realm_of(claims)
        institution = FeideRealm.objects.institution_for(realm)
        process = (sociallogin.state or {}).get("process")
        if institution is None:
            if sociallogin.is_existing and InstitutionClaim.objects.filter(user_id=sociallogin.user.pk).exists():
                return  # "other institution" (lms.feide.pending): the institution is the one a coordinator decided
            can_continue = pending.realm_can_be_claimed(realm) and not sociallogin.is_existing and process != "connect"
            if can_continue:
                pending.stash(request, sociallogin)
            refuse(
                request,
                reason="unknown_realm",
                realm=realm or "",
                template="feide/unknown_realm.html",
                context={"realm": realm, "can_continue": can_continue, "form": pending.ProposalForm()},
            )
        sociallogin.feide_institution = institution
        if sociallogin.is_existing:
            user = sociallogin.user
            if user.institution_id != institution.pk:
                user.institution = institution
                user.save(update_fields=["institution"])
            return
        if process == "connect" and request.user.is_authenticated:
            return  # allauth's connect flow: the signed-in person adds Feide to their own account
        refuse_takeover_by_email(request, sociallogin)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        claim = (sociallogin.state or {}).get(CLAIM_STATE_KEY) if is_feide(sociallogin) else None
        if claim:
            pending.record_claim(
                user=user, realm=str(claim.get("realm") or ""), institution_id=claim.get("institution"), request=request
            )
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        if getattr(provider, "sub_id", None) == PROVIDER_ID or getattr(provider, "id", None) == PROVIDER_ID:
            reason = str(error or "error")
            if extra_context and "state_id" in extra_context:
                reason = "state"
            record_failure(request, reason, exception=type(exception).__name__ if exception else "")
        super().on_authentication_error(request, provider, error, exception, extra_context)

    def is_auto_signup_allowed(self, request, sociallogin):
        """Auto signup needs a name (certificates print it) and an email address; else allauth shows a form."""
        claims = merged_claims(sociallogin.account.extra_data or {})
        return bool(full_name_of(claims) and sociallogin.user.email) and super().is_auto_signup_allowed(
            request, sociallogin
        )

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        if is_feide(sociallogin):
            claims = merged_claims(sociallogin.account.extra_data or {})
            user.full_name = full_name_of(claims)
            user.institution = FeideRealm.objects.institution_for(realm_of(claims))
            language = (translation.get_language() or "").split("-")[0]
            if language in User.Language.values:
                user.language = language
        return user


def refuse_takeover_by_email(request, sociallogin) -> None:
    """A new Feide identity whose email belongs to an existing account: log in to that account first (decision 0130)."""
    email = User.normalize_email_address(sociallogin.user.email if sociallogin.user else "")
    if email and _account_with_email_exists(email):
        audit_record(action="feide.link_required", request=request, detail={"email": email})
        messages.info(
            request,
            _(
                "You already have an account with the email address %(email)s. Log in to it as usual, then "
                "connect Feide on the page you are taken to. We never join accounts by email address alone."
            )
            % {"email": email},
        )
        target = f"{reverse('account_login')}?{urlencode({'next': reverse('socialaccount_connections')})}"
        raise ImmediateHttpResponse(redirect(target))


def _account_with_email_exists(email: str) -> bool:
    return (
        User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists()
    )


def institution_locked(user) -> bool:
    """A person with Feide connected has their institution from Feide and cannot change it themselves."""

    return bool(user.pk) and SocialAccount.objects.filter(user_id=user.pk, provider=PROVIDER_ID).exists()
