"""Wagtail's "Delete user" for an account with history: erase it instead (lms.services.user_erase).

Wired through Wagtail's `before_delete_user` hook (lms/wagtail_hooks.py), which runs after Wagtail's own permission
check (only Administrators may delete users) on GET and POST alike: GET shows what will happen, POST erases. An
account without history (`user_history` empty) is deleted by Wagtail as before.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import services
from .models import User


def erase_instead_of_delete(request, user):
    history = services.user_history(user)
    if not history:
        return None
    if request.method == "POST":
        try:
            services.user_erase(user=user, actor=request.user, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("wagtailusers_users:index")
        messages.success(
            request,
            _("The account was erased: its personal data is gone and it shows as “Deleted user” in the history kept."),
        )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(request, "lms/admin/user_erase.html", {"person": user, "history": sorted(history.items())})


def refuse_bulk_delete_of_history(request, action_type, objects, action):
    """The bulk "Delete" of Wagtail's user listing would fail (or cascade) for accounts with history: send the
    administrator to each one's own delete screen, which erases instead."""

    if action_type != "delete" or getattr(action, "model", None) is not User:
        return None
    with_history = [user for user in objects if services.user_history(user)]
    if not with_history:
        return None
    messages.error(
        request,
        _("Nothing was deleted. %(names)s have history that must be kept; delete them one at a time to erase them.")
        % {"names": ", ".join(str(user) for user in with_history[:10])},
    )
    return redirect("wagtailusers_users:index")
