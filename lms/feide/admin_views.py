"""Wagtail admin: "Institutions to confirm", the people who logged in with Feide from an unknown realm and named an
institution (lms.feide.pending). A coordinator sees and decides those naming their own institution; an administrator
sees all (also "not listed") and may add the realm to the Feide realms on confirming. Everybody else: refused."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lms import roles
from lms.models import Institution, InstitutionClaim

from . import pending

MAX_DECIDED_SHOWN = 20


def may_confirm(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return user.has_role(roles.COORDINATORS) and bool(user.institution_id)


class ConfirmForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=gettext_lazy("Institution"), queryset=Institution.objects.filter(is_active=True), required=False
    )
    add_realm = forms.BooleanField(label=gettext_lazy("Also add the realm to the Feide realms"), required=False)


def _check(request):
    if not may_confirm(request.user):
        raise PermissionDenied


def index(request):
    _check(request)
    claims = InstitutionClaim.objects.decidable_by(request.user).select_related(
        "user", "proposed_institution", "decided_by"
    )
    is_admin = request.user.is_administrator
    return TemplateResponse(
        request,
        "feide/admin/claims.html",
        {
            "title": _("Institutions to confirm"),
            "pending_claims": list(claims.filter(state=InstitutionClaim.State.PENDING)),
            "decided_claims": list(
                claims.exclude(state=InstitutionClaim.State.PENDING).order_by("-decided_at")[:MAX_DECIDED_SHOWN]
            ),
            "is_admin": is_admin,
            "institutions": list(Institution.objects.filter(is_active=True).order_by("name")) if is_admin else [],
        },
    )


@require_POST
def confirm(request, pk):
    _check(request)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an institution from the list."))
        return redirect("feide_claims")
    try:
        claim = pending.claim_confirm(
            claim_pk=pk,
            actor=request.user,
            institution=form.cleaned_data["institution"],
            add_realm=form.cleaned_data["add_realm"],
            request=request,
        )
    except pending.ClaimError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Confirmed: %(person)s belongs to %(institution)s.")
            % {"person": claim.user.get_full_name(), "institution": claim.user.institution},
        )
    return redirect("feide_claims")


@require_POST
def refuse(request, pk):
    _check(request)
    try:
        claim = pending.claim_refuse(claim_pk=pk, actor=request.user, request=request)
    except pending.ClaimError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Refused: %(person)s has no institution here.") % {"person": claim.user})
    return redirect("feide_claims")
