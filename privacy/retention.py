"""Every category of personal data with a retention period: where its period is set, and how it is purged.

`CATEGORIES` is the one list. The privacy page renders `periods()` (so it never disagrees with the code), and
`manage.py purge_personal_data` runs `purge_all()` (the periodic job of that name). Each purge is idempotent, counts
before it deletes, deletes nothing with `dry_run`, and writes one audit event with its count when it deleted.
(docs/decisions/0112-retention-in-site-settings.md)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from lms.audit import audit_record
from lms.models import AuditEvent
from recruitment.models import Application, InterviewNote, RecruitmentSettings
from recruitment.services import applications_purge_expired
from supervision.models import ActivityLog, SupervisionSettings
from supervision.services import notes_purge_expired

from .models import RetentionSettings
from .services import inactive_accounts_warn_and_erase


@dataclass(frozen=True)
class Category:
    key: str
    label: object  # lazy translation
    days: Callable[[], int]
    purge: Callable[..., int]
    setting: str  # where an administrator changes it


def _retention():
    return RetentionSettings.current()


def _note_days() -> int:
    return SupervisionSettings.current().note_retention_days


def _application_days() -> int:
    return RecruitmentSettings.current().application_retention_days


def _raw_delete(queryset: models.QuerySet) -> int:
    """Delete without loading rows (the audit log's manager refuses ordinary deletes: only retention may)."""
    return queryset._raw_delete(queryset.db) or 0


def _audited(category: str, count: int, days: int, dry_run: bool) -> int:
    if count and not dry_run:
        audit_record(action="retention.purged", detail={"category": category, "count": count, "days": days})
    return count


def purge_applications(*, now: datetime, dry_run: bool) -> int:
    return applications_purge_expired(now=now, dry_run=dry_run).applications  # audited there


def purge_interview_notes(*, now: datetime, dry_run: bool) -> int:
    """Interview notes go with their closed application (same period); none outlives it."""

    days = _application_days()
    expired = InterviewNote.objects.filter(
        application__stage__in=Application.CLOSED, application__stage_changed_at__lt=now - timedelta(days=days)
    )
    count = expired.count()
    if count and not dry_run:
        expired.delete()
    return _audited("interview_notes", count, days, dry_run)


def purge_supervision_notes(*, now: datetime, dry_run: bool) -> int:
    return notes_purge_expired(now=now, dry_run=dry_run)  # audited there


def purge_activity_logs(*, now: datetime, dry_run: bool) -> int:
    """Activity of engagement periods that ended longer ago than the period (a running period keeps its log)."""

    days = _retention().activity_log_days
    expired = ActivityLog.objects.filter(engagement__ends_on__lt=(now - timedelta(days=days)).date())
    count = expired.count()
    if count and not dry_run:
        expired.delete()
    return _audited("activity_logs", count, days, dry_run)


def purge_audit_log(*, now: datetime, dry_run: bool) -> int:
    days = _retention().audit_log_days
    expired = AuditEvent.objects.filter(created_at__lt=now - timedelta(days=days))
    count = expired.count()
    if count and not dry_run:
        _raw_delete(expired.order_by())
    return _audited("audit_log", count, days, dry_run)


def purge_task_results(*, now: datetime, dry_run: bool) -> int:
    days = _retention().task_result_days
    expired = DBTaskResult.objects.filter(finished_at__isnull=False, finished_at__lt=now - timedelta(days=days))
    count = expired.count()
    if count and not dry_run:
        expired.delete()
    return _audited("task_results", count, days, dry_run)


def purge_inactive_accounts(*, now: datetime, dry_run: bool) -> int:
    """Warn, then erase: accounts without a sign-in for the period get one email `inactive_warning_days` before;
    those warned at least that long ago and still unused are erased (`lms.services.user_erase`). Staff and
    erased accounts are never touched. Returns how many were erased (warnings are counted in the audit event)."""

    settings = _retention()
    warned, erased = inactive_accounts_warn_and_erase(
        now=now,
        days=settings.inactive_account_days,
        warning_days=settings.inactive_warning_days,
        dry_run=dry_run,
    )
    if (warned or erased) and not dry_run:
        audit_record(
            action="retention.purged",
            detail={
                "category": "inactive_accounts",
                "count": erased,
                "warned": warned,
                "days": settings.inactive_account_days,
            },
        )
    return erased


CATEGORIES: tuple[Category, ...] = (
    Category(
        "applications",
        _("Declined, withdrawn and accepted applications"),
        _application_days,
        purge_applications,
        _("Settings → Recruitment"),
    ),
    Category(
        "interview_notes",
        _("Interview notes (deleted with their application)"),
        _application_days,
        purge_interview_notes,
        _("Settings → Recruitment"),
    ),
    Category(
        "supervision_notes",
        _("Confidential supervision notes"),
        _note_days,
        purge_supervision_notes,
        _("Settings → Supervision"),
    ),
    Category(
        "activity_logs",
        _("Activity logs, after the engagement period ends"),
        lambda: _retention().activity_log_days,
        purge_activity_logs,
        _("Settings → Retention periods"),
    ),
    Category(
        "audit_log",
        _("Security log (logins, role changes)"),
        lambda: _retention().audit_log_days,
        purge_audit_log,
        _("Settings → Retention periods"),
    ),
    Category(
        "inactive_accounts",
        _("Accounts nobody has signed in to (warned by email first, then erased)"),
        lambda: _retention().inactive_account_days,
        purge_inactive_accounts,
        _("Settings → Retention periods"),
    ),
    Category(
        "task_results",
        _("Results of background tasks (emails, PDFs)"),
        lambda: _retention().task_result_days,
        purge_task_results,
        _("Settings → Retention periods"),
    ),
)


def periods() -> list[dict]:
    """What the privacy page lists: one row per category with its period in days."""
    return [{"key": c.key, "label": c.label, "days": c.days()} for c in CATEGORIES]


def purge_all(*, now: datetime | None = None, dry_run: bool = False, only: str | None = None) -> dict[str, int]:
    """Run every category's purge (or only one); returns counts by category. Each category is its own transaction,
    so one failing category leaves the others done."""
    now = now or timezone.now()
    counts = {}
    for category in CATEGORIES:
        if only and category.key != only:
            continue
        with transaction.atomic():
            counts[category.key] = category.purge(now=now, dry_run=dry_run)
    return counts
