"""Answering the survey, and giving counsellors the survey pages to edit.

`survey_answer` is the one way an answer is saved: rate limit, validation (forged choices, over-long text, honeypot,
time-trap), then the token used once, then one row. Nothing is saved unless every check passes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission

from home import antispam
from lms import roles

COOKIE_SALT = "survey.answered"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
COUNSELLOR_PAGE_PERMISSIONS = ["change_page", "publish_page", "lock_page", "unlock_page"]


class Refusal(enum.StrEnum):
    RATE_LIMITED = "rate_limited"
    REPEATED = "repeated"
    INVALID = "invalid"


@dataclass
class Outcome:
    submission: FormSubmission | None = None
    refusal: Refusal | None = None
    form: Any = None


def survey_answer(*, page, request) -> Outcome:
    """Check and save one answer to `page` from `request.POST`. Saves nothing unless every check passes."""
    if antispam.rate_limit_hit(request, bucket=f"survey:{page.pk}", rate=settings.SURVEY_RATE_LIMIT):
        return Outcome(refusal=Refusal.RATE_LIMITED)
    form = page.get_form(request.POST, page=page, user=request.user)
    if not form.is_valid():
        return Outcome(refusal=Refusal.INVALID, form=form)
    if not antispam.stamp_use_once(form.cleaned_data["hp_nonce"], salt=form.stamp_salt, max_age=form.max_age):
        return Outcome(refusal=Refusal.REPEATED)
    return Outcome(submission=page.process_form_submission(form))


@transaction.atomic
def submission_create(*, page, answers: dict) -> FormSubmission:
    """One answer: only the answers themselves and the time (no user, no IP); an empty email is not kept."""
    data = {name: value for name, value in answers.items() if value not in ("", None, [])}
    return FormSubmission.objects.create(page=page, form_data=data)


def mark_answered(response, *, page, secure: bool) -> None:
    """Give this browser the signed "already answered" cookie (no id in it: just "1", for this survey)."""
    response.set_signed_cookie(
        page.answered_cookie_name(),
        "1",
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        path=page.url or "/",
        secure=secure,
        httponly=True,
        samesite="Lax",
    )


@transaction.atomic
def survey_page_set_up(*, page) -> None:
    """Counsellors may edit and publish this survey page and its questions (idempotent)."""
    counsellors = Group.objects.get(name=roles.COUNSELLORS)
    for codename in COUNSELLOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=counsellors, page_id=page.pk, permission=permission)
