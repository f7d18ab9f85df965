"""The person's own privacy pages: their data (readable and as JSON) and deleting their account."""

from __future__ import annotations

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from . import services
from .alumni import alumnus_stay, may_choose_after_engagement
from .export import personal_data
from .forms import ErasureRequestForm
from .models import ErasureRequest


def json_download(data: dict, *, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
@require_safe
def my_data(request):
    """Everything the site holds about the signed-in person: a readable page, or `?format=json` to download."""
    data = personal_data(user=request.user, request=request)
    if request.GET.get("format") == "json":
        return json_download(data, filename=f"my-data-{timezone.localdate().isoformat()}.json")
    return render(request, "privacy/my_data.html", {"data": data, "person": request.user})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def delete_account(request):
    """Ask for the account to be erased after a waiting period, or cancel that. Posting needs a fresh sign-in
    (allauth's reauthentication), so a borrowed, signed-in laptop cannot delete someone's account."""
    pending = ErasureRequest.objects.pending().filter(user=request.user).first()
    form = ErasureRequestForm(request.POST or None, initial={"certificate_choice": "keep"})
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            if services.erasure_cancel(user=request.user, request=request):
                messages.success(request, _("Your account will not be deleted. Welcome back."))
            return redirect("privacy:delete_account")
        if pending is None and form.is_valid():
            pending = services.erasure_request(
                user=request.user, certificate_choice=form.cleaned_data["certificate_choice"], request=request
            )
            messages.success(request, _("Your account will be deleted after the waiting period."))
            return redirect("privacy:delete_account")
    certificates = request.user.certificates.count()
    status = 400 if form.errors else 200
    return render(
        request,
        "privacy/delete_account.html",
        {"form": form, "pending": pending, "certificate_count": certificates},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def after_engagement(request):
    """Once the engagement period has ended: stay as an alumnus, or leave (the delete-account page)."""

    if not may_choose_after_engagement(request.user):
        raise Http404
    if request.method == "POST" and request.POST.get("choice") == "stay":
        alumnus_stay(user=request.user, request=request)
        messages.success(request, _("Welcome as an alumnus. Your certificates stay on My page."))
        return redirect("home:my_page")
    return render(request, "privacy/after_engagement.html")
