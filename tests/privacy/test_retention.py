"""Retention: each category is purged at its period and not a day earlier (a fixed `now`, passed explicitly), every
purge is audited with its count, `--dry-run` deletes nothing, and the privacy page lists the settings' periods."""

import re
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from lms.models import AuditEvent, User
from privacy.models import InactivityWarning, RetentionSettings
from privacy.retention import CATEGORIES, periods, purge_all
from recruitment.models import Application, InterviewNote
from supervision.models import ActivityLog, Note, SupervisionSettings
from tests.lms.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, InterviewNoteFactory
from tests.supervision.factories import ActivityLogFactory, EngagementPeriodFactory, NoteFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Oslo"))


def purged(category: str) -> AuditEvent | None:
    return AuditEvent.objects.filter(action="retention.purged", detail__category=category).first()


def test_every_category_has_a_period_and_a_label():
    assert {c.key for c in CATEGORIES} == {
        "applications",
        "interview_notes",
        "supervision_notes",
        "activity_logs",
        "audit_log",
        "inactive_accounts",
        "task_results",
    }
    assert all(row["days"] > 0 for row in periods())


def test_closed_applications_and_their_interview_notes_go_after_the_period():
    days = 365
    old = ApplicationFactory(stage=Application.Stage.DECLINED, stage_changed_at=NOW - timedelta(days=days, hours=1))
    recent = ApplicationFactory(stage=Application.Stage.WITHDRAWN, stage_changed_at=NOW - timedelta(days=days - 1))
    open_one = ApplicationFactory(stage=Application.Stage.NEW, stage_changed_at=NOW - timedelta(days=days * 3))
    InterviewNoteFactory(application=old)
    kept_note = InterviewNoteFactory(application=recent)
    counts = purge_all(now=NOW)
    assert counts["applications"] == 1
    assert set(Application.objects.values_list("pk", flat=True)) == {recent.pk, open_one.pk}
    assert list(InterviewNote.objects.all()) == [kept_note]
    assert AuditEvent.objects.get(action="recruitment.applications.purged").detail["count"] == 1


def test_interview_notes_of_an_expired_application_are_purged_on_their_own_too():
    application = ApplicationFactory(stage=Application.Stage.DECLINED, stage_changed_at=NOW - timedelta(days=400))
    InterviewNoteFactory(application=application)
    assert purge_all(now=NOW, only="interview_notes") == {"interview_notes": 1}
    assert purged("interview_notes").detail == {"category": "interview_notes", "count": 1, "days": 365}
    assert Application.objects.filter(pk=application.pk).exists()  # the application's own category decides that


def test_supervision_notes_go_after_their_period():
    days = SupervisionSettings.current().note_retention_days
    old = NoteFactory()
    Note.objects.filter(pk=old.pk).update(created_at=NOW - timedelta(days=days, minutes=1))
    recent = NoteFactory()
    Note.objects.filter(pk=recent.pk).update(created_at=NOW - timedelta(days=days - 1))
    assert purge_all(now=NOW, only="supervision_notes") == {"supervision_notes": 1}
    assert list(Note.objects.all()) == [recent]
    assert AuditEvent.objects.get(action="note.purged").detail["count"] == 1


def test_activity_logs_go_after_their_engagement_period_ended_by_the_period():
    days = RetentionSettings.current().activity_log_days
    ended = EngagementPeriodFactory(
        starts_on=(NOW - timedelta(days=days + 200)).date(), ends_on=(NOW - timedelta(days=days + 1)).date()
    )
    recent = EngagementPeriodFactory(
        starts_on=(NOW - timedelta(days=days + 200)).date(), ends_on=(NOW - timedelta(days=days - 1)).date()
    )
    ActivityLogFactory(engagement=ended, date=ended.starts_on)
    kept = ActivityLogFactory(engagement=recent, date=recent.starts_on)
    assert purge_all(now=NOW, only="activity_logs") == {"activity_logs": 1}
    assert list(ActivityLog.objects.all()) == [kept]
    assert purged("activity_logs").detail["count"] == 1


def test_the_security_log_goes_after_its_period_and_the_purge_itself_is_recorded():
    days = RetentionSettings.current().audit_log_days
    old = AuditEvent.objects.create(action="login.success", created_at=NOW - timedelta(days=days, seconds=1))
    recent = AuditEvent.objects.create(action="login.success", created_at=NOW - timedelta(days=days - 1))
    assert purge_all(now=NOW, only="audit_log") == {"audit_log": 1}
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    assert purged("audit_log").detail["count"] == 1


def test_task_results_go_after_their_period_unfinished_ones_stay():
    days = RetentionSettings.current().task_result_days

    def task(finished_at):
        return DBTaskResult.objects.create(
            args_kwargs={"args": ["someone@example.org"], "kwargs": {}},
            task_path="certificates.tasks.send",
            backend_name="default",
            run_after=NOW - timedelta(days=days * 2),
            finished_at=finished_at,
            status="SUCCESSFUL" if finished_at else "READY",
        )

    task(NOW - timedelta(days=days, hours=1))
    kept = {task(NOW - timedelta(days=days - 1)).pk, task(None).pk}
    assert purge_all(now=NOW, only="task_results") == {"task_results": 1}
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == kept


class TestInactiveAccounts:
    def setup_accounts(self):
        settings = RetentionSettings.current()
        unused = UserFactory(role="Trainees", last_login=NOW - timedelta(days=settings.inactive_account_days - 20))
        active = UserFactory(role="Trainees", last_login=NOW - timedelta(days=10))
        staff = UserFactory(
            role="Advisors", with_totp=True, last_login=NOW - timedelta(days=settings.inactive_account_days * 2)
        )
        return settings, unused, active, staff

    def test_first_a_warning_in_their_language_once_then_erasure(self, django_capture_on_commit_callbacks):
        settings, unused, active, staff = self.setup_accounts()
        with django_capture_on_commit_callbacks(execute=True):
            assert purge_all(now=NOW, only="inactive_accounts") == {"inactive_accounts": 0}
            purge_all(now=NOW + timedelta(days=1), only="inactive_accounts")  # no second warning
        assert [m.to for m in mail.outbox] == [[unused.email]]
        assert InactivityWarning.objects.filter(user=unused).count() == 1
        assert purged("inactive_accounts").detail["warned"] == 1
        later = NOW + timedelta(days=settings.inactive_warning_days)
        assert purge_all(now=later, only="inactive_accounts") == {"inactive_accounts": 1}
        assert User.objects.get(pk=unused.pk).is_erased
        assert not User.objects.get(pk=active.pk).is_erased and not User.objects.get(pk=staff.pk).is_erased

    def test_signing_in_after_the_warning_keeps_the_account(self):
        settings, unused, _active, _staff = self.setup_accounts()
        purge_all(now=NOW, only="inactive_accounts")
        User.objects.filter(pk=unused.pk).update(last_login=NOW + timedelta(days=1))
        later = NOW + timedelta(days=settings.inactive_warning_days)
        assert purge_all(now=later, only="inactive_accounts") == {"inactive_accounts": 0}
        assert not User.objects.get(pk=unused.pk).is_erased


def test_dry_run_counts_and_deletes_nothing():
    NoteFactory()
    Note.objects.update(created_at=NOW - timedelta(days=3000))
    before = AuditEvent.objects.count()
    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "supervision_notes: 1 would be deleted" in out.getvalue()
    assert Note.objects.count() == 1 and AuditEvent.objects.count() == before


def test_the_command_purges_every_category_and_says_how_many():
    NoteFactory()
    Note.objects.update(created_at=NOW - timedelta(days=3000))
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "supervision_notes: 1 deleted" in out.getvalue()
    assert all(f"{c.key}:" in out.getvalue() for c in CATEGORIES)


def test_the_retention_settings_refuse_a_period_that_is_too_short():
    settings = RetentionSettings.current()
    settings.audit_log_days = 1
    with pytest.raises(ValidationError):
        settings.full_clean()


class TestPrivacyPage:
    @pytest.fixture
    def privacy_page(self, demo):
        return Page.objects.get(slug="privacy-and-confidentiality")

    def test_the_privacy_page_lists_the_same_periods_as_the_settings(self, client, privacy_page):
        settings = RetentionSettings.current()
        settings.audit_log_days = 400
        settings.save()
        html = client.get(privacy_page.url).content.decode()
        shown = dict(re.findall(r'<tr data-retention="(\w+)"><td>[^<]*</td><td>(\d+) days?</td>', html))
        assert shown == {row["key"]: str(row["days"]) for row in periods()}
        assert shown["audit_log"] == "400"

    def test_other_pages_do_not_show_them(self, client, privacy_page):
        other = Page.objects.live().type(privacy_page.specific_class).exclude(pk=privacy_page.pk).first()
        assert 'data-retention="' not in client.get(other.url).content.decode()
