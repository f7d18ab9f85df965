"""Writing to the append-only audit log. Every app records its security events through `audit_record`."""

from __future__ import annotations

import re
from typing import Any

from allauth.core import context
from django.db import models

from .clientip import request_ip
from .models import AuditEvent

_SECRET_KEYS = re.compile(r"pass|secret|token|key|code|otp|note", re.IGNORECASE)


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request_ip(request) or None


def _clean_detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    """Drop anything that looks like a secret; keep values short and JSON-safe."""
    cleaned: dict[str, Any] = {}
    for key, value in (detail or {}).items():
        if _SECRET_KEYS.search(str(key)):
            continue
        if isinstance(value, str | int | float | bool) or value is None:
            cleaned[str(key)] = value if not isinstance(value, str) else value[:500]
        elif isinstance(value, list | tuple):
            cleaned[str(key)] = [str(item)[:200] for item in value][:50]
        else:
            cleaned[str(key)] = str(value)[:500]
    return cleaned


def audit_record(
    *,
    action: str,
    actor=None,
    request=None,
    obj: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. `actor` defaults to the request's signed-in user; secrets in `detail` are dropped.

    Without `request`, the request being served (if any) is used: allauth's middleware keeps it in a context
    variable, so a role change made by model code during an admin request still records who made it and from where.
    """
    if request is None:
        request = context.request
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=(actor.email if actor is not None else ""),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:254] if obj is not None else "",
        ip_address=_client_ip(request),
        detail=_clean_detail(detail),
    )
