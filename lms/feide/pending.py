""" "My institution is not listed": a Feide login from an unknown realm that goes on, for a coordinator to confirm.

An unknown realm is refused (lms.feide.adapter), and for a new person the refusal page offers a second way besides
email login: they name the institution they belong to (or "not listed") and go on. The pending login is kept in the
session under our own key (never allauth's `socialaccount_sociallogin`, whose signup form would finish it without a
claim), for ten minutes and one use. Continuing runs the rest of the adapter's checks (no takeover of an account by
email) and then allauth's own signup (`flows.signup.process_signup`); the adapter's `save_user` records the
`InstitutionClaim` in the same transaction as the account.

Until a coordinator of the named institution (or an administrator) confirms it, the person has no institution and
no role, and recruitment will not accept them as a trainee (`awaiting_confirmation`). Confirming sets the institution
(locked, as for every Feide user); an administrator may also add the realm to `FeideRealm`. See docs/accounts.md and
docs/decisions/0133.
"""

from __future__ import annotations

import time

from allauth.socialaccount.models import SocialLogin
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.audit import audit_record
from lms.models import FeideRealm, Institution, InstitutionClaim

SESSION_KEY = "feide_unknown_realm_login"
MAX_AGE_SECONDS = 600


class ClaimError(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class ProposalForm(forms.Form):
    """What the person says on the refusal page: which institution they belong to, or none of those listed."""

    institution = forms.ModelChoiceField(
        label=gettext_lazy("Your institution"),
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=gettext_lazy("Not listed"),
    )


# --- the pending login in the session --------------------------------------------------------------------------------


def stash(request, sociallogin) -> None:
    request.session[SESSION_KEY] = {"login": sociallogin.serialize(), "at": time.time()}


def peek(request):
    """The pending login, if one is kept and fresh; None otherwise. Does not consume it."""

    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or time.time() - float(data.get("at") or 0) > MAX_AGE_SECONDS:
        return None
    try:
        return SocialLogin.deserialize(data["login"])
    except (KeyError, ValueError, TypeError):
        return None


def clear(request) -> None:
    request.session.pop(SESSION_KEY, None)


def realm_can_be_claimed(realm: str | None) -> bool:
    """Only a realm that could be added to `FeideRealm` (its validators and length) may be claimed: what Feide sends
    is stored and shown to staff, and a coordinator's "yes" may turn it into a realm."""

    if not realm:
        return False
    try:
        FeideRealm._meta.get_field("realm").clean(realm, None)
    except ValidationError:
        return False
    return True


def awaiting_confirmation(user) -> bool:
    """True while this person's institution claim is not confirmed (pending or refused): no trainee role then."""
    if not getattr(user, "pk", None):
        return False
    return InstitutionClaim.objects.filter(user_id=user.pk).exclude(state=InstitutionClaim.State.CONFIRMED).exists()


def claim_of(user) -> InstitutionClaim | None:
    return InstitutionClaim.objects.filter(user_id=user.pk).select_related("proposed_institution").first()


def record_claim(*, user, realm: str, institution_id: int | None, request=None) -> InstitutionClaim:
    """Called by the adapter's save_user, in the transaction that creates the account."""
    institution = Institution.objects.filter(pk=institution_id, is_active=True).first() if institution_id else None
    claim = InstitutionClaim.objects.create(user=user, realm=realm, proposed_institution=institution)
    audit_record(
        action="feide.claim.requested",
        actor=user,
        request=request,
        obj=user,
        detail={"realm": realm, "proposed_institution": institution.slug if institution else ""},
    )
    return claim


# --- deciding ---------------------------------------------------------------------------------------------------------


def _lock_decidable(claim_pk: int, actor) -> InstitutionClaim:
    claim = (
        InstitutionClaim.objects.decidable_by(actor)
        .select_for_update(of=("self",))  # the claim row only (proposed_institution is an outer join)
        .filter(pk=claim_pk)
        .select_related("user", "proposed_institution")
        .first()
    )
    if claim is None:
        raise ClaimError(_("You cannot decide on this person's institution."), code="forbidden")
    if not claim.is_pending:
        raise ClaimError(
            _("This has already been decided (%(state)s).") % {"state": claim.get_state_display()}, code="decided"
        )
    return claim


def _sees_all(actor) -> bool:
    return actor.is_authenticated and actor.is_administrator


@transaction.atomic
def claim_confirm(*, claim_pk: int, actor, institution=None, add_realm: bool = False, request=None):
    """Confirm: the person's institution becomes the one confirmed (a coordinator: their own, as proposed; an
    administrator: the proposed one or another they choose). Exactly once: the row lock makes a second decision wait
    and then find it decided."""
    claim = _lock_decidable(claim_pk, actor)
    admin = _sees_all(actor)
    if not admin:
        institution = claim.proposed_institution  # decidable_by: the coordinator's own institution
    institution = institution or claim.proposed_institution
    if institution is None or not institution.is_active:
        raise ClaimError(_("Choose the institution the person belongs to."), code="institution")
    if add_realm:
        if not admin:
            raise ClaimError(_("Only administrators can add a Feide realm."), code="forbidden")
        existing = FeideRealm.objects.filter(realm__iexact=claim.realm).select_related("institution").first()
        if existing is not None and existing.institution_id != institution.pk:
            raise ClaimError(
                _("The realm %(realm)s already belongs to %(institution)s.")
                % {"realm": claim.realm, "institution": existing.institution},
                code="realm",
            )
        if existing is None:
            try:
                with transaction.atomic():
                    FeideRealm.objects.create(realm=claim.realm, institution=institution)
            except IntegrityError as error:  # added at the same moment by someone else
                raise ClaimError(_("The realm %(realm)s was just added.") % {"realm": claim.realm}, "realm") from error
            audit_record(
                action="feide.realm.added", actor=actor, request=request, detail={"realm": claim.realm}, obj=institution
            )
    person = claim.user
    person.institution = institution
    person.save(update_fields=["institution"])
    claim.state = InstitutionClaim.State.CONFIRMED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.save(update_fields=["state", "decided_by", "decided_at"])
    audit_record(
        action="feide.claim.confirmed",
        actor=actor,
        request=request,
        obj=person,
        detail={"realm": claim.realm, "institution": institution.slug, "realm_added": bool(add_realm)},
    )
    return claim


@transaction.atomic
def claim_refuse(*, claim_pk: int, actor, request=None):
    """Refuse: the person keeps no institution (and so no way to be taken on as a trainee). Final."""
    claim = _lock_decidable(claim_pk, actor)
    claim.state = InstitutionClaim.State.REFUSED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.save(update_fields=["state", "decided_by", "decided_at"])
    audit_record(
        action="feide.claim.refused", actor=actor, request=request, obj=claim.user, detail={"realm": claim.realm}
    )
    return claim
