"""An administrator exports a person's data (a request made to the organisation): audited with who did it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify

from .export import personal_data
from .views import json_download


def may_export_others(user) -> bool:
    return user.is_administrator


def export_person(request, user_pk: int):
    if not may_export_others(request.user):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=user_pk)
    data = personal_data(user=person, actor=request.user, request=request)
    stamp = timezone.localdate().isoformat()
    return json_download(data, filename=f"personal-data-{slugify(person.email) or person.pk}-{stamp}.json")
