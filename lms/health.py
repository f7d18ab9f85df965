"""`/healthz` (the process is alive; touches nothing) and `/readyz` (it can serve: database, cache, storage, task
backlog), for load balancers and monitoring (docs/decisions/0122).

Answered by a middleware placed right after SecurityMiddleware, before anything that reads the host: a probe
addressed by IP ("Host: 10.0.0.5") is not in ALLOWED_HOSTS, and CommonMiddleware would refuse it. Production lists
both paths in SECURE_REDIRECT_EXEMPT, so a plain-HTTP probe is not redirected to HTTPS either. Both answer JSON,
never set cookies, and are not cached.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.http import JsonResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .cache import cache_ready

HEALTH_PATHS = ("/healthz", "/readyz")


def check_database() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def check_storage() -> bool:
    """Media storage accepts a write and a delete (uploads and certificate PDFs need both)."""
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    return True


def task_backlog() -> tuple[bool, int]:
    """(ok, waiting): with the database task backend, tasks ready to run but waiting longer than
    READYZ_TASK_MAX_WAIT_SECONDS mean no worker is running. Other backends (immediate, in development) have none."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if not backend.startswith("django_tasks_db"):
        return True, 0

    max_wait = datetime.timedelta(seconds=getattr(settings, "READYZ_TASK_MAX_WAIT_SECONDS", 900))
    waiting = DBTaskResult.objects.ready().filter(enqueued_at__lt=timezone.now() - max_wait).count()
    return waiting == 0, waiting


def readiness() -> tuple[bool, dict[str, str]]:
    checks: dict[str, str] = {}
    for name, check in (("database", check_database), ("cache", cache_ready), ("storage", check_storage)):
        try:
            checks[name] = "ok" if check() else "fail"
        except Exception:  # noqa: BLE001 - a probe reports, it never raises
            checks[name] = "fail"
    try:
        ok, waiting = task_backlog()
        checks["tasks"] = "ok" if ok else f"fail ({waiting} waiting)"
    except Exception:  # noqa: BLE001
        checks["tasks"] = "fail"
    return all(value == "ok" for value in checks.values()), checks


def _answer(payload: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers GET/HEAD /healthz and /readyz (with or without a trailing slash) before host checks and redirects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.rstrip("/")
        if path not in HEALTH_PATHS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if path == "/healthz":
            return _answer({"status": "ok"})
        ok, checks = readiness()
        return _answer({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503)
