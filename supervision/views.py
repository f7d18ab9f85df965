"""Pages for supporters: their supervision overview, the activity log, calendar files, "urgent" and their data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_safe

from . import services
from .forms import ActivityLogForm, UrgentMessageForm
from .models import ActivityLog, Attendance, EngagementPeriod, Session, SupervisionSettings, UrgentReport
from .notifications import ICS_FILENAME, build_ics, ics_method


def engagement_periods(request) -> list[EngagementPeriod]:
    """The signed-in person's engagement periods with their progress, newest first, in one query, read once per
    request: My page's supervision panel and privacy's after-engagement panel share the list. Kept on the request
    only (never cached across requests: progress is per-user state)."""
    periods = getattr(request, "_supervision_engagement_periods", None)
    if periods is None:
        rules = SupervisionSettings.current_rules(request)
        periods = list(
            EngagementPeriod.objects.filter(supporter=request.user).with_progress(rules).select_related("institution")
        )
        request._supervision_engagement_periods = periods
    return periods


def supporter_overview(request):
    """Everything the supporter page and the My page panel show, in two queries (the periods, the sessions)."""
    user = request.user
    rules = SupervisionSettings.current_rules(request)
    periods = engagement_periods(request)
    active = [period for period in periods if period.status == EngagementPeriod.Status.ACTIVE]
    period = active[0] if active else (periods[0] if periods else None)
    upcoming = list(Session.objects.for_participant(user).upcoming().select_related("advisor", "group")[:5])
    return {
        "period": period,
        "rules": rules,
        "upcoming": upcoming,
        "requirements": period.requirements(rules) if period else [],
    }


@login_required
@require_http_methods(["GET", "POST"])
def home(request):
    user = request.user
    context = supporter_overview(request)
    period = context["period"]
    active = period if period and period.status == EngagementPeriod.Status.ACTIVE else None
    form = ActivityLogForm(request.POST or None, supporter=user, engagement=active)
    if request.method == "POST":
        if active is None:
            messages.error(request, _("You have no active engagement period, so activity cannot be logged yet."))
        elif form.is_valid():
            services.activity_log(supporter=user, **form.cleaned_data)
            messages.success(request, _("Your activity was logged. Thank you!"))
            return redirect("supervision:home")
    attendance = (
        Attendance.objects.filter(supporter=user).select_related("session").order_by("-session__starts_at")[:20]
    )
    activities = ActivityLog.objects.filter(supporter=user).order_by("-date", "-created_at")[:20]
    context.update({"form": form, "attendance": attendance, "activities": activities, "active_period": active})
    return render(request, "supervision/home.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def session_calendar(request, public_id):
    """The ICS invitation of a session the user takes part in (404 for anyone else's)."""
    session = Session.objects.for_participant(request.user).filter(public_id=public_id).first()
    if session is None:
        raise Http404
    response = HttpResponse(
        build_ics(session, attendees=[request.user]),
        content_type=f"text/calendar; charset=utf-8; method={ics_method(session)}",
    )
    response["Content-Disposition"] = f'attachment; filename="{ICS_FILENAME}"'
    return response


@login_required
@sensitive_post_parameters("message")
@sensitive_variables("form")
@require_http_methods(["GET", "POST"])
def urgent(request):
    """Duty to report: emergency numbers first, then a short message to the supporter's advisors and the leads."""
    form = UrgentMessageForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.urgent_report_send(
                sender=request.user, message=form.cleaned_data["message"], request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
    if report is not None:
        # Post/redirect/get: a reload of the confirmation must not send the message again.
        return redirect("supervision:urgent_sent", public_id=report.public_id)
    return render(request, "supervision/urgent.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_safe
def urgent_sent(request, public_id):
    """The confirmation of one urgent message: only its sender sees it (anyone else gets 404)."""
    report = get_object_or_404(UrgentReport, public_id=public_id, sender=request.user)
    return render(
        request,
        "supervision/urgent_sent.html",
        {"report": report, "recipients": report.recipients.order_by("full_name")},
    )


@login_required
@require_safe
def my_data(request):
    """The signed-in person's supervision data as a JSON download (right of access), notes about them included."""
    data = services.personal_data_export(user=request.user, request=request)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-supervision-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response
