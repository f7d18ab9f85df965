from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.models import AuditEvent
from supervision import services
from supervision.models import ActivityLog, Attendance, Note, Session, SupervisionSettings, UrgentReport

from . import factories
from .conftest import SENTINEL, past_session

pytestmark = pytest.mark.django_db


class TestAttendance:
    def test_records_one_row_per_participant(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        services.attendance_record(
            session=session, statuses={world.s1.pk: "present", world.s2.pk: "absent"}, actor=world.advisor_a
        )
        assert dict(session.attendance.values_list("supporter_id", "status")) == {
            world.s1.pk: "present",
            world.s2.pk: "absent",
        }

    def test_snapshots_participants_from_membership_at_start(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        services.attendance_record(session=session, statuses={world.s1.pk: "present"}, actor=world.advisor_a)
        assert set(session.participants.values_list("supporter_id", flat=True)) == {world.s1.pk, world.s2.pk}

    def test_marks_the_session_held(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.PLANNED)
        services.attendance_record(session=session, statuses={world.s1.pk: "present"}, actor=world.advisor_a)
        session.refresh_from_db()
        assert session.status == Session.Status.HELD

    def test_second_identical_submission_changes_nothing(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        statuses = {world.s1.pk: "present", world.s2.pk: "late"}
        services.attendance_record(session=session, statuses=statuses, actor=world.advisor_a)
        result = services.attendance_record(session=session, statuses=statuses, actor=world.advisor_a)
        assert result == {"created": 0, "changed": 0}
        assert Attendance.objects.filter(session=session).count() == 2

    def test_a_later_change_is_audited_with_old_and_new_status(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        services.attendance_record(session=session, statuses={world.s1.pk: "absent"}, actor=world.advisor_a)
        services.attendance_record(session=session, statuses={world.s1.pk: "excused"}, actor=world.advisor_a)
        event = AuditEvent.objects.get(action="supervision.attendance.changed")
        assert (event.detail["old_status"], event.detail["new_status"]) == ("absent", "excused")

    def test_someone_not_in_the_session_is_refused_and_nothing_saved(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        with pytest.raises(ValidationError):
            services.attendance_record(
                session=session, statuses={world.s1.pk: "present", world.s3.pk: "present"}, actor=world.advisor_a
            )
        assert Attendance.objects.filter(session=session).count() == 0

    def test_unknown_status_is_refused(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a)
        with pytest.raises(ValidationError):
            services.attendance_record(session=session, statuses={world.s1.pk: "asleep"}, actor=world.advisor_a)

    def test_cancelled_session_takes_no_attendance(self, world):
        session = past_session(advisor=world.advisor_a, group=world.group_a, status=Session.Status.CANCELLED)
        with pytest.raises(ValidationError):
            services.attendance_record(session=session, statuses={world.s1.pk: "present"}, actor=world.advisor_a)


class TestSessionNotifications:
    def test_planning_a_session_emails_each_member_with_an_ics(self, world, django_capture_on_commit_callbacks):
        session = Session(
            kind="group",
            advisor=world.advisor_a,
            group=world.group_a,
            starts_at=timezone.now() + timedelta(days=3),
            topic="Boundaries",
            place="Room 1",
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.session_save(session=session, actor=world.advisor_a)
        assert sorted(m.to[0] for m in mail.outbox) == sorted([world.s1.email, world.s2.email])
        assert mail.outbox[0].attachments[0].get_filename() == "supervision.ics"

    def test_changing_the_time_sends_a_changed_email(self, world, django_capture_on_commit_callbacks):
        session = world.session_a
        previous = services.session_snapshot(session)
        session.starts_at += timedelta(hours=1)
        with django_capture_on_commit_callbacks(execute=True):
            services.session_save(session=session, actor=world.advisor_a, previous=previous)
        assert "changed" in mail.outbox[0].subject
        assert session.sequence == 1

    def test_no_email_before_commit(self, world, django_capture_on_commit_callbacks):
        session = world.session_a
        previous = services.session_snapshot(session)
        session.topic = "New topic"
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.session_save(session=session, actor=world.advisor_a, previous=previous)
        assert (len(mail.outbox), len(callbacks)) == (0, 1)

    def test_emails_never_carry_notes(self, world, django_capture_on_commit_callbacks):
        previous = services.session_snapshot(world.session_a)
        world.session_a.status = Session.Status.CANCELLED
        with django_capture_on_commit_callbacks(execute=True):
            services.session_save(session=world.session_a, actor=world.advisor_a, previous=previous)
        assert mail.outbox
        assert not any(SENTINEL in m.body or SENTINEL in str(m.attachments) for m in mail.outbox)


class TestReminders:
    def test_reminds_participants_of_tomorrows_session_once(self, world):
        world.session_a.starts_at = timezone.now() + timedelta(days=1)
        world.session_a.save()
        now = timezone.now()
        first = services.session_reminders_send(now=now)
        second = services.session_reminders_send(now=now)
        assert (len(first), len(second), len(mail.outbox)) == (1, 0, 2)

    def test_dry_run_sends_nothing_and_records_nothing(self, world):
        world.session_a.starts_at = timezone.now() + timedelta(days=1)
        world.session_a.save()
        services.session_reminders_send(dry_run=True)
        world.session_a.refresh_from_db()
        assert (len(mail.outbox), world.session_a.reminder_sent_at) == (0, None)


class TestNotes:
    def test_note_text_never_reaches_the_audit_log(self, world):
        services.note_create(author=world.advisor_a, text=f"{SENTINEL} new", supporter=world.s1)
        assert not any(SENTINEL in str(e.detail) + e.object_label for e in AuditEvent.objects.all())

    def test_only_the_author_may_change_a_note(self, world):
        with pytest.raises(PermissionError):
            services.note_update(note=world.note_a_supporter, text="x", actor=world.lead)

    def test_purge_deletes_only_notes_past_retention(self, world):
        settings = SupervisionSettings.current()
        settings.note_retention_days = 30
        settings.save()
        Note.objects.filter(pk=world.note_b.pk).update(created_at=timezone.now() - timedelta(days=31))
        assert services.notes_purge_expired() == 1
        assert not Note.objects.filter(pk=world.note_b.pk).exists()

    def test_purge_dry_run_deletes_nothing(self, world):
        Note.objects.update(created_at=timezone.now() - timedelta(days=4000))
        assert services.notes_purge_expired(dry_run=True) == 3
        assert Note.objects.count() == 3


class TestReadableBy:
    def test_author_reads_own_notes(self, world):
        assert set(Note.objects.visible_to(world.advisor_a)) == {world.note_a_session, world.note_a_supporter}

    def test_lead_reads_all(self, world):
        assert Note.objects.visible_to(world.lead).count() == 3

    @pytest.mark.parametrize("who", ["coordinator_a", "counsellor", "administrator", "s1"])
    def test_others_read_none(self, world, who):
        assert Note.objects.visible_to(getattr(world, who)).count() == 0


class TestActivityLog:
    def test_logs_in_the_active_period(self, world):
        entry = services.activity_log(supporter=world.s1, date=timezone.localdate(), kind="social", duration_minutes=90)
        assert entry.engagement == world.period1

    @pytest.mark.parametrize(
        ("days", "minutes"), [(1, 721), (-1, 60), (-400, 60), (1, 0)], ids=["absurd", "future", "outside", "zero"]
    )
    def test_bad_input_is_refused_and_nothing_saved(self, world, days, minutes):
        with pytest.raises(ValidationError):
            services.activity_log(
                supporter=world.s1,
                date=timezone.localdate() - timedelta(days=days),
                kind="social",
                duration_minutes=minutes,
            )
        assert ActivityLog.objects.count() == 0

    def test_without_an_active_period_nothing_is_logged(self, world):
        supporter = factories.SupporterFactory()
        with pytest.raises(ValidationError):
            services.activity_log(supporter=supporter, date=timezone.localdate(), kind="social", duration_minutes=5)


class TestUrgent:
    def test_goes_to_the_supporters_advisors_and_the_leads(self, world):
        services.urgent_report_send(sender=world.s1, message="Help needed at the library")
        assert sorted(m.to[0] for m in mail.outbox) == sorted([world.advisor_a.email, world.lead.email])

    def test_records_time_and_recipients_but_not_the_text(self, world):
        report = services.urgent_report_send(sender=world.s1, message=f"{SENTINEL} urgent")
        assert set(report.recipients.all()) == {world.advisor_a, world.lead}
        assert not any(SENTINEL in str(e.detail) for e in AuditEvent.objects.all())

    def test_the_model_has_no_field_for_the_text(self):
        assert {f.name for f in UrgentReport._meta.get_fields()} >= {"sender", "sent_at", "recipients"}
        assert not any("message" in f.name or "text" in f.name for f in UrgentReport._meta.get_fields())
