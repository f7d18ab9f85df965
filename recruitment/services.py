"""Recruitment workflows: applying, the coordinators' pipeline, interview slots and acceptance into a cohort.

Every function takes keyword-only arguments. Each state change runs in one transaction and its emails go out after
commit; `notes_read` is one audit row, and `interview_reminders_send` claims each booking with its own conditional
UPDATE rather than holding a transaction over the run. Concurrency (docs/security.md#races):
- a booking is one conditional UPDATE ... WHERE application IS NULL AND status = 'offered' AND starts_at > now, so of
  many applicants booking the last free slot exactly one gets it;
- a stage change locks the application row first (`select_for_update`), so two coordinators accepting at once give
  one acceptance, one enrolment per course and one welcome email; the second is told it has already happened.
Interview note text never reaches an audit event, an email, a log line or a task argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from courses import services as course_services
from lms import roles
from lms.audit import audit_record
from lms.feide.pending import awaiting_confirmation
from supervision import services as supervision_services
from supervision.models import SupervisionGroup
from supervision.notifications import tomorrow_bounds

from . import notifications
from .models import (
    Application,
    Cohort,
    CohortMember,
    InterviewNote,
    InterviewSlot,
    RecruitmentSettings,
    coordinated_institution_ids,
)

Stage = Application.Stage


class RecruitmentError(Exception):
    """A rule stopped the action; `message` is a sentence for the person who tried it."""

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


def _after_commit(kind: str, application_id: int, **extra) -> None:
    transaction.on_commit(lambda: notifications.notify(kind, application_id, **extra))


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("cohort", "user").get(pk=application.pk)


def _check_manageable(application: Application, actor) -> None:
    if not Application.objects.manageable_by(actor).filter(pk=application.pk).exists():
        raise RecruitmentError(_("You cannot change this application."), code="forbidden")


def _record_stage(application: Application, previous: str, actor, request, **detail) -> None:
    audit_record(
        action="recruitment.application.stage",
        actor=actor,
        request=request,
        obj=application,
        detail={"from": previous, "to": application.stage, **detail},
    )


# --- applying ------------------------------------------------------------------------------------------------------


@transaction.atomic
def application_submit(*, user, cohort: Cohort, data: dict, language: str, request=None) -> Application:
    """Record an application (the form has checked the fields) and send the confirmation after commit.

    The institution's coordinators handle it; an institution without a coordinator puts it in the shared queue.
    One application per person and cohort: the unique constraint decides, so a double submit gives a clear error.
    """
    if not cohort.is_open():
        raise RecruitmentError(_("Applications for %(cohort)s are closed.") % {"cohort": cohort}, code="closed")
    data = {**data, "email": user.email}  # the account's address: every email about it reaches the applicant
    institution = data.get("institution")
    owner = None
    if institution is not None and coordinated_institution_ids().filter(institution_id=institution.pk).exists():
        owner = institution
    try:
        with transaction.atomic():
            application = Application.objects.create(
                cohort=cohort,
                user=user,
                owner_institution=owner,
                consent_at=timezone.now(),
                language=language if language in ("nb", "en") else "nb",
                **data,
            )
    except IntegrityError as error:
        raise RecruitmentError(
            _("You have already applied to %(cohort)s. You can follow your application on this page.")
            % {"cohort": cohort},
            code="duplicate",
        ) from error
    audit_record(
        action="recruitment.application.submitted",
        actor=user,
        request=request,
        obj=application,
        detail={"cohort": cohort.name, "shared_queue": owner is None},
    )
    _after_commit("received", application.pk)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, user, request=None) -> Application:
    """The applicant withdraws; a booked interview is released. Idempotent on an already closed application."""
    application = _lock(application)
    if application.user_id != user.pk:
        raise RecruitmentError(_("You cannot change this application."), code="forbidden")
    if application.is_closed:
        return application
    _release_slot(application, actor=user, request=request, notify_applicant=False)
    previous = application.stage
    application.stage = Stage.WITHDRAWN
    application.stage_changed_at = timezone.now()
    application.save(update_fields=["stage", "stage_changed_at"])
    _record_stage(application, previous, user, request, by_applicant=True)
    _after_commit(Stage.WITHDRAWN, application.pk)
    return application


# --- the pipeline --------------------------------------------------------------------------------------------------


@transaction.atomic
def application_take(*, application: Application, actor, request=None) -> Application:
    """A coordinator takes an application from the shared queue for their institution (first one wins)."""
    if not (actor.has_role(roles.COORDINATORS) and actor.institution_id):
        raise RecruitmentError(_("Only a coordinator with an institution can take an application."), code="forbidden")
    taken = Application.objects.filter(pk=application.pk, owner_institution__isnull=True).update(
        owner_institution_id=actor.institution_id
    )
    if not taken:
        raise RecruitmentError(_("Another coordinator has already taken this application."), code="taken")
    application.refresh_from_db()
    audit_record(
        action="recruitment.application.taken",
        actor=actor,
        request=request,
        obj=application,
        detail={"institution": actor.institution_id},
    )
    return application


@transaction.atomic
def application_move(*, application: Application, stage: str, actor, request=None) -> Application:
    """Move an application to `stage` (interviewed, waiting list, declined, withdrawn); acceptance has its own
    service. Audited; the applicant gets a kind email in their language after commit."""
    if stage == Stage.ACCEPTED:
        return application_accept(application=application, actor=actor, request=request)
    _check_manageable(application, actor)
    application = _lock(application)
    if application.stage == stage:
        raise RecruitmentError(_("The application is already at this stage."), code="same")
    if not application.can_move_to(stage):
        raise RecruitmentError(
            _("An application cannot move from “%(from)s” to “%(to)s”.")
            % {"from": application.get_stage_display(), "to": Stage(stage).label},
            code="transition",
        )
    if stage in (Stage.DECLINED, Stage.WITHDRAWN):
        _release_slot(application, actor=actor, request=request, notify_applicant=False)
    previous = application.stage
    application.stage = stage
    application.stage_changed_at = timezone.now()
    application.save(update_fields=["stage", "stage_changed_at"])
    _record_stage(application, previous, actor, request)
    _after_commit(stage, application.pk)
    return application


@transaction.atomic
def application_accept(*, application: Application, actor, group=None, request=None) -> Application:
    """Take the applicant into the cohort: the Trainees role, enrolment in each of the cohort's courses, membership of
    the cohort, optionally a supervision group, and a welcome email after commit. Exactly once: the row lock makes a
    second, concurrent acceptance wait and then find the application accepted."""

    _check_manageable(application, actor)
    application = _lock(application)
    if application.stage == Stage.ACCEPTED:
        raise RecruitmentError(_("This application has already been accepted."), code="same")
    if not application.can_move_to(Stage.ACCEPTED):
        raise RecruitmentError(
            _("Only an interviewed or waiting-list applicant can be accepted (now: %(stage)s).")
            % {"stage": application.get_stage_display()},
            code="transition",
        )
    if group is not None and not SupervisionGroup.objects.filter(pk=group.pk).visible_to(actor).exists():
        raise RecruitmentError(_("Choose a supervision group you manage."), code="group")

    if awaiting_confirmation(application.user):
        raise RecruitmentError(
            _("This person's institution from Feide has not been confirmed yet: confirm it first."),
            code="institution",
        )
    previous = application.stage
    application.stage = Stage.ACCEPTED
    application.stage_changed_at = timezone.now()
    application.save(update_fields=["stage", "stage_changed_at"])
    person = application.user
    person.groups.add(Group.objects.get(name=roles.TRAINEES))
    CohortMember.objects.get_or_create(cohort=application.cohort, user=person)
    for course in application.cohort.courses.all():
        course_services.enrollment_create(user=person, course=course, actor=actor, check_open=False)
    if group is not None:
        supervision_services.group_member_move(supporter=person, to_group=group, actor=actor, request=request)
    _record_stage(application, previous, actor, request, group=group.pk if group else None)
    _after_commit(Stage.ACCEPTED, application.pk)
    return application


@sensitive_variables("text")
@transaction.atomic
def note_add(*, application: Application, author, text: str, request=None) -> InterviewNote:
    """A confidential interview note, written by those who may read it (the coordinators handling the application,
    administrators). The audit event records that a note was written, never its text."""
    if not Application.objects.manageable_by(author).filter(pk=application.pk).exists():
        raise RecruitmentError(_("You cannot write notes on this application."), code="forbidden")
    text = (text or "").strip()
    if not text:
        raise RecruitmentError(_("Write the note before saving it."), code="empty")
    if len(text) > InterviewNote._meta.get_field("text").max_length:
        raise RecruitmentError(_("The note is too long."), code="too_long")
    note = InterviewNote.objects.create(application=application, author=author, text=text)
    audit_record(action="recruitment.note.created", actor=author, request=request, obj=application)
    return note


def notes_read(*, application: Application, reader, count: int, request=None) -> None:
    """Reading confidential notes is a security event: who read how many, never what."""
    audit_record(
        action="recruitment.note.read", actor=reader, request=request, obj=application, detail={"count": count}
    )


# --- interview slots -----------------------------------------------------------------------------------------------


@transaction.atomic
def slot_offer(
    *, actor, starts_at: datetime, duration_minutes: int = 30, place: str = "", video_url: str = "", request=None
) -> InterviewSlot:
    """A coordinator offers an interview time for their institution."""
    if not (actor.has_role(roles.COORDINATORS) and actor.institution_id):
        raise RecruitmentError(_("Only a coordinator with an institution can offer interview times."), code="forbidden")
    if starts_at <= timezone.now():
        raise RecruitmentError(_("Choose a time in the future."), code="past")
    if not (place or video_url):
        raise RecruitmentError(_("Give a place or a video link."), code="place")
    if video_url and not video_url.startswith("https://"):
        raise RecruitmentError(_("Use an https:// video link."), code="video_url")
    slot = InterviewSlot.objects.create(
        institution_id=actor.institution_id,
        coordinator=actor,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        video_url=video_url,
    )
    audit_record(action="recruitment.slot.offered", actor=actor, request=request, obj=slot)
    return slot


@transaction.atomic
def slot_book(*, slot: InterviewSlot, application: Application, actor, request=None) -> InterviewSlot:
    """Book `slot` for `application` (by the applicant, or by a coordinator for them). A booked interview moves a new
    application to "interview planned"; booking another slot reschedules (the old one is freed). Both the applicant
    and the interviewer get a calendar invitation after commit."""
    by_applicant = application.user_id == actor.pk
    if not by_applicant:
        _check_manageable(application, actor)
    application = _lock(application)
    if application.is_closed or application.stage not in (Stage.NEW, Stage.INTERVIEW_PLANNED):
        raise RecruitmentError(_("This application is past the interview stage."), code="stage")
    if application.owner_institution_id is None or slot.institution_id != application.owner_institution_id:
        raise RecruitmentError(_("This interview time is not offered for your application."), code="foreign")
    now = timezone.now()
    previous_slot = InterviewSlot.objects.select_for_update().filter(application=application).first()
    if previous_slot is not None and previous_slot.pk == slot.pk:
        return previous_slot
    if previous_slot is not None:
        _free(previous_slot)
    claimed = InterviewSlot.objects.filter(
        pk=slot.pk, application__isnull=True, status=InterviewSlot.Status.OFFERED, starts_at__gt=now
    ).update(application=application, booked_at=now, sequence=F("sequence") + 1, reminder_sent_at=None)
    if not claimed:
        raise RecruitmentError(
            _("Sorry, that interview time has just been taken or withdrawn. Please choose another one."), code="gone"
        )
    slot.refresh_from_db()
    previous = application.stage
    if application.stage == Stage.NEW:
        application.stage = Stage.INTERVIEW_PLANNED
        application.stage_changed_at = now
        application.save(update_fields=["stage", "stage_changed_at"])
        _record_stage(application, previous, actor, request, by_applicant=by_applicant)
    audit_record(
        action="recruitment.slot.booked",
        actor=actor,
        request=request,
        obj=slot,
        detail={"application": str(application.public_id), "rescheduled": previous_slot is not None},
    )
    if previous_slot is not None:
        _after_commit("interview_cancelled", application.pk, slot_id=previous_slot.pk, to_applicant=False)
    _after_commit("interview_booked", application.pk, slot_id=slot.pk)
    return slot


def _free(slot: InterviewSlot) -> None:
    InterviewSlot.objects.filter(pk=slot.pk).update(
        application=None, booked_at=None, sequence=F("sequence") + 1, reminder_sent_at=None
    )


def _release_slot(application: Application, *, actor, request, notify_applicant: bool) -> InterviewSlot | None:
    slot = InterviewSlot.objects.select_for_update().filter(application=application).first()
    if slot is None:
        return None
    _free(slot)
    audit_record(action="recruitment.slot.released", actor=actor, request=request, obj=slot)
    _after_commit("interview_cancelled", application.pk, slot_id=slot.pk, to_applicant=notify_applicant)
    return slot


@transaction.atomic
def slot_release(*, application: Application, actor, request=None) -> None:
    """Cancel the booked interview of `application` (the applicant, or a coordinator handling it); the slot is free
    again and the application goes back to "new". Both get a calendar cancellation."""
    if application.user_id != actor.pk:
        _check_manageable(application, actor)
    application = _lock(application)
    if _release_slot(application, actor=actor, request=request, notify_applicant=True) is None:
        raise RecruitmentError(_("There is no interview booked."), code="none")
    if application.stage == Stage.INTERVIEW_PLANNED:
        previous = application.stage
        application.stage = Stage.NEW
        application.stage_changed_at = timezone.now()
        application.save(update_fields=["stage", "stage_changed_at"])
        _record_stage(application, previous, actor, request)


@transaction.atomic
def slot_cancel(*, slot: InterviewSlot, actor, request=None) -> InterviewSlot:
    """A coordinator withdraws an offered time; a booked applicant is told and may book another."""
    if not InterviewSlot.objects.visible_to(actor).filter(pk=slot.pk).exists():
        raise RecruitmentError(_("You cannot change this interview time."), code="forbidden")
    slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.status == InterviewSlot.Status.CANCELLED:
        return slot
    application = slot.application
    if application is not None:
        slot_release(application=application, actor=actor, request=request)
    InterviewSlot.objects.filter(pk=slot.pk).update(status=InterviewSlot.Status.CANCELLED)
    audit_record(action="recruitment.slot.cancelled", actor=actor, request=request, obj=slot)
    slot.refresh_from_db()
    return slot


def interview_reminders_send(*, now: datetime | None = None, dry_run: bool = False) -> list[InterviewSlot]:
    """The day-before reminder for each booked interview tomorrow (Oslo time), once per booking: each slot is claimed
    with a conditional UPDATE (reminder_sent_at IS NULL), so overlapping cron runs never remind twice."""

    now = now or timezone.now()
    start, end = tomorrow_bounds(now)
    due = list(
        InterviewSlot.objects.filter(
            status=InterviewSlot.Status.OFFERED,
            application__isnull=False,
            starts_at__gte=start,
            starts_at__lt=end,
            reminder_sent_at__isnull=True,
        )
    )
    if dry_run:
        return due
    sent = []
    for slot in due:
        if not InterviewSlot.objects.filter(pk=slot.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now):
            continue
        notifications.notify("interview_reminder", slot.application_id, slot_id=slot.pk)
        sent.append(slot)
    return sent


# --- retention -----------------------------------------------------------------------------------------------------


@dataclass
class PurgeReport:
    applications: int
    notes: int


@transaction.atomic
def applications_purge_expired(*, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Delete applications closed (accepted, declined, withdrawn) longer ago than the retention period in the site
    settings, with their interview notes. Cohort memberships and enrolments of accepted people stay."""

    now = now or timezone.now()
    days = RecruitmentSettings.current().application_retention_days
    expired = Application.objects.filter(stage__in=Application.CLOSED, stage_changed_at__lt=now - timedelta(days=days))
    report = PurgeReport(expired.count(), InterviewNote.objects.filter(application__in=expired).count())
    if not dry_run and report.applications:
        InterviewNote.objects.filter(application__in=expired).delete()
        InterviewSlot.objects.filter(application__in=expired).update(application=None)
        expired.delete()
        audit_record(action="recruitment.applications.purged", detail={"count": report.applications, "days": days})
    return report
