"""A sentinel in an interview note appears 0 times in every response, export and email that anyone but the
interviewing coordinators and administrators can fetch, and never in listings, exports or emails at all."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from recruitment import notifications, services
from recruitment.models import Application, InterviewNote

from .conftest import SENTINEL

pytestmark = pytest.mark.django_db
Stage = Application.Stage


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(raw))
        return "\n".join(str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row)
    return raw.decode()


def urls(world):
    index = reverse("recruitment_applications:index")
    return [
        index,
        index + "?export=csv",
        index + "?export=xlsx",
        index + "?q=SENTINEL",
        reverse("recruitment_admin:application_detail", args=[world.app_a.pk]),
        reverse("recruitment_slots:index"),
        reverse("recruitment_slots:index") + "?export=csv",
        reverse("recruitment:mine"),
        reverse("recruitment:apply"),
        reverse("home:my_page"),
        "/admin/",
        "/admin/reports/site-history/",
    ]


@pytest.mark.parametrize(
    "name", ["coordinator_b", "advisor", "counsellor", "trainee", "outsider", "applicant_a", "applicant_c"]
)
def test_no_other_role_ever_fetches_the_note(client, world, name):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    client.force_login(getattr(world, name))
    for url in [*urls(world), reverse("recruitment:interview_calendar", args=[world.app_a.public_id])]:
        response = client.get(url)
        assert SENTINEL not in body(response), (name, url)


@pytest.mark.parametrize("name", ["coordinator_a", "coordinator_a2", "administrator"])
def test_readers_see_it_only_on_the_application_detail(client, world, name):
    client.force_login(getattr(world, name))
    detail = reverse("recruitment_admin:application_detail", args=[world.app_a.pk])
    assert SENTINEL in client.get(detail).content.decode()
    for url in urls(world):
        if url != detail:
            assert SENTINEL not in body(client.get(url)), url


def test_no_email_of_any_kind_carries_the_note(world):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    for kind in ["received", "interviewed", "accepted", "waiting_list", "declined", "withdrawn"]:
        notifications.notify(kind, world.app_a.pk)
    for kind in ["interview_booked", "interview_cancelled", "interview_reminder"]:
        notifications.notify(kind, world.app_a.pk, slot_id=world.slot_a.pk)
    assert len(mail.outbox) == 6 + 3 * 2
    for message in mail.outbox:
        assert SENTINEL not in message.subject + message.body
        assert all(SENTINEL not in str(content) for _name, content, _type in message.attachments)


def test_the_note_is_deleted_with_the_application(world):
    Application.objects.filter(pk=world.app_a.pk).update(
        stage=Stage.DECLINED, stage_changed_at=timezone.now() - timedelta(days=400)
    )
    report = services.applications_purge_expired()
    assert (report.applications, report.notes) == (1, 1)
    assert not InterviewNote.objects.filter(text__contains=SENTINEL).exists()
    assert not Application.objects.filter(pk=world.app_a.pk).exists()
