"""Reminders the day before (idempotent) and the purge of expired applications."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from recruitment import services
from recruitment.models import Application, CohortMember, InterviewSlot, RecruitmentSettings
from supervision.notifications import OSLO

pytestmark = pytest.mark.django_db


def tomorrow_at(hour):
    day = timezone.localtime(timezone.now(), OSLO).date() + timedelta(days=1)
    return datetime.combine(day, time(hour, 0), tzinfo=OSLO)


def test_reminders_go_once_to_applicant_and_interviewer(world):
    InterviewSlot.objects.filter(pk=world.slot_a.pk).update(starts_at=tomorrow_at(14))
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    mail.outbox.clear()
    call_command("send_interview_reminders", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.app_a.email, world.coordinator_a.email])
    assert all("Reminder" in m.subject for m in mail.outbox)
    call_command("send_interview_reminders", verbosity=0)
    assert len(mail.outbox) == 2


def test_reminders_skip_free_and_later_slots_and_dry_run_sends_nothing(world):
    InterviewSlot.objects.filter(pk=world.slot_a.pk).update(starts_at=tomorrow_at(9))  # free
    services.slot_book(slot=world.slot_a2, application=world.app_a, actor=world.applicant_a)  # in 4 days
    mail.outbox.clear()
    call_command("send_interview_reminders", verbosity=0)
    assert mail.outbox == []
    InterviewSlot.objects.filter(pk=world.slot_a2.pk).update(starts_at=tomorrow_at(10))
    call_command("send_interview_reminders", "--dry-run", verbosity=0)
    assert mail.outbox == []
    assert InterviewSlot.objects.get(pk=world.slot_a2.pk).reminder_sent_at is None


def test_a_rebooked_slot_is_reminded_again(world):
    InterviewSlot.objects.filter(pk=world.slot_a.pk).update(starts_at=tomorrow_at(14))
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    services.interview_reminders_send()
    services.slot_release(application=world.app_a, actor=world.applicant_a)
    assert InterviewSlot.objects.get(pk=world.slot_a.pk).reminder_sent_at is None


def test_purge_deletes_only_closed_applications_past_the_retention(world):
    old = timezone.now() - timedelta(days=366)
    Application.objects.filter(pk=world.app_a.pk).update(stage="declined", stage_changed_at=old)
    Application.objects.filter(pk=world.app_b.pk).update(stage="waiting_list", stage_changed_at=old)
    Application.objects.filter(pk=world.app_c.pk).update(stage="withdrawn", stage_changed_at=timezone.now())
    call_command("purge_expired_applications", "--dry-run", verbosity=0)
    assert Application.objects.count() == 3
    call_command("purge_expired_applications", verbosity=0)
    assert set(Application.objects.values_list("pk", flat=True)) == {world.app_b.pk, world.app_c.pk}


def test_purge_keeps_the_cohort_membership_of_accepted_people(world):
    services.application_move(application=world.app_a, stage="interviewed", actor=world.coordinator_a)
    services.application_accept(application=world.app_a, actor=world.coordinator_a)
    Application.objects.filter(pk=world.app_a.pk).update(stage_changed_at=timezone.now() - timedelta(days=400))
    services.applications_purge_expired()
    assert not Application.objects.filter(pk=world.app_a.pk).exists()
    assert CohortMember.objects.filter(user=world.applicant_a, cohort=world.cohort).exists()
    assert world.applicant_a.groups.filter(name="Trainees").exists()


def test_the_retention_period_comes_from_the_site_settings(world):
    settings = RecruitmentSettings.current()
    settings.application_retention_days = 30
    settings.save()
    Application.objects.filter(pk=world.app_a.pk).update(
        stage="declined", stage_changed_at=timezone.now() - timedelta(days=31)
    )
    assert services.applications_purge_expired().applications == 1
