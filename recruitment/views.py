"""The applicant's side: the application form and "My application" (state, interview booking, withdrawal).

An applicant only ever reaches their own applications: every lookup goes through `Application.objects.own_of`, and
anyone else's public id answers 404. Nothing here reads interview notes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lms import roles
from lms.feide.adapter import institution_locked

from . import services
from .forms import ApplicationForm
from .models import Application, Cohort, InterviewSlot, RecruitmentSettings
from .notifications import interview_ics


def _own(request, public_id) -> Application:
    return get_object_or_404(Application.objects.own_of(request.user).select_related("cohort"), public_id=public_id)


def _feide_institution(user):
    """The institution Feide gave a person with Feide connected (the form then fixes it), else None."""

    return user.institution if user.institution_id and institution_locked(user) else None


def apply(request):
    """Who may become a peer supporter, and the application form (signed-in people; others are asked to sign up or
    log in first, so every application belongs to an account)."""
    settings = RecruitmentSettings.current(request)
    cohorts = Cohort.objects.open_on()
    context = {
        "cohorts": cohorts,
        "retention_days": settings.application_retention_days,
        "is_trainee": request.user.is_authenticated and request.user.has_role(roles.TRAINEES),
    }
    if not request.user.is_authenticated:
        return TemplateResponse(request, "recruitment/apply.html", context)
    existing = list(Application.objects.own_of(request.user).select_related("cohort"))
    applied = {application.cohort_id for application in existing}
    open_cohorts = cohorts.exclude(pk__in=applied)
    context["existing"] = existing
    status = 200
    if request.method == "POST":
        form = ApplicationForm(
            request.POST,
            cohorts=cohorts,
            retention_days=settings.application_retention_days,
            feide_institution=_feide_institution(request.user),
        )
        if form.is_valid():
            try:
                services.application_submit(
                    user=request.user,
                    cohort=form.cleaned_data["cohort"],
                    data=form.application_data(),
                    language=translation.get_language() or "nb",
                    request=request,
                )
            except services.RecruitmentError as error:
                form.add_error(None, error.message)
                messages.error(request, error.message)
                status = 400
            else:
                messages.success(
                    request, _("Thank you! Your application is received. We have sent you a confirmation by email.")
                )
                return redirect("recruitment:mine")
        else:
            status = 400
    else:
        form = ApplicationForm(
            initial={
                "full_name": request.user.full_name,
                "cohort": open_cohorts.first(),
                "institution": request.user.institution.slug if request.user.institution else "",
            },
            cohorts=cohorts,
            retention_days=settings.application_retention_days,
            feide_institution=_feide_institution(request.user),
        )
    context.update({"form": form, "open_cohorts": open_cohorts})
    return TemplateResponse(request, "recruitment/apply.html", context, status=status)


@login_required
@require_safe
def mine(request):
    applications = list(
        Application.objects.own_of(request.user).select_related("cohort", "institution", "slot", "slot__coordinator")
    )
    items = []
    for application in applications:
        slot = getattr(application, "slot", None)
        items.append(
            {
                "application": application,
                "slot": slot,
                "bookable": list(InterviewSlot.objects.bookable_for(application)) if not application.is_closed else [],
            }
        )
    return TemplateResponse(request, "recruitment/mine.html", {"items": items})


@login_required
@require_POST
def book(request, public_id, slot_id):
    application = _own(request, public_id)
    slot = InterviewSlot.objects.filter(public_id=slot_id).first()
    if slot is None:
        messages.error(request, _("Sorry, that interview time is no longer offered. Please choose another one."))
        return redirect("recruitment:mine")
    try:
        services.slot_book(slot=slot, application=application, actor=request.user, request=request)
    except services.RecruitmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your interview is booked. We have sent you a calendar invitation by email."))
    return redirect("recruitment:mine")


@login_required
@require_POST
def cancel_booking(request, public_id):
    application = _own(request, public_id)
    try:
        services.slot_release(application=application, actor=request.user, request=request)
    except services.RecruitmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your interview is cancelled. You can book another time below."))
    return redirect("recruitment:mine")


@login_required
@require_POST
def withdraw(request, public_id):
    application = _own(request, public_id)
    services.application_withdraw(application=application, user=request.user, request=request)
    messages.success(request, _("Your application is withdrawn. You are welcome to apply again for a later intake."))
    return redirect("recruitment:mine")


@login_required
@require_safe
def interview_calendar(request, public_id):
    application = _own(request, public_id)
    slot = getattr(application, "slot", None)
    if slot is None:
        raise Http404
    response = HttpResponse(interview_ics(slot, application), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return response
