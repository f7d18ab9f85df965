"""Supervision workflows. Views, forms, hooks and commands call these; they hold the rules and the side effects.

Each workflow that changes state runs in one transaction, and its emails and tasks run after commit. Not
transactions: `session_reminders_send` claims each session with its own conditional UPDATE, `notes_read` writes one
audit row per note, and `session_snapshot`, `urgent_recipients` and `personal_data_export` only read. Confidential
note text never reaches an audit event, a log line, an email or a task argument.
"""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from lms import roles
from lms.audit import audit_record

from . import access
from .integration import issue_engagement_certificate
from .models import (
    ActivityLog,
    AdvisorAssignment,
    Attendance,
    EngagementPeriod,
    GroupMembership,
    Note,
    Session,
    SupervisionGroup,
    SupervisionSettings,
    UrgentReport,
)
from .notifications import send_session_email, session_recipients, tomorrow_bounds
from .tasks import notify_session_participants

# --- who supervises whom: assignments, groups, memberships (authority rule: supervision.access, decision 0056) ----


def _require_authority(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not change who supervises this supporter."))


def _field_values(instance, names) -> dict:
    return {name: getattr(instance, name) for name in names}


ASSIGNMENT_FIELDS = ("advisor_id", "supporter_id", "starts_on", "ends_on")


@transaction.atomic
def assignment_save(*, assignment: AdvisorAssignment, actor, request=None) -> AdvisorAssignment:
    """Create or change an advisor assignment. The actor must manage the supporter (and, for a change, the
    supporter the assignment had before); the advisor must be an advisor. Audited with the actor and the values."""
    previous = None
    if assignment.pk:
        previous = AdvisorAssignment.objects.select_for_update().get(pk=assignment.pk)
        _require_authority(access.may_manage_assignment(actor, previous))
    _require_authority(access.may_manage_assignment(actor, assignment))
    assignment.full_clean()
    assignment.save()
    detail = {
        key: str(value) if value is not None else None
        for key, value in _field_values(assignment, ASSIGNMENT_FIELDS).items()
    }
    if previous is not None:
        old = _field_values(previous, ASSIGNMENT_FIELDS)
        detail["changed"] = [name for name in ASSIGNMENT_FIELDS if old[name] != getattr(assignment, name)]
    audit_record(
        action="supervision.assignment.changed" if previous else "supervision.assignment.created",
        actor=actor,
        request=request,
        obj=assignment,
        detail=detail,
    )
    return assignment


@transaction.atomic
def assignment_delete(*, assignment: AdvisorAssignment, actor, request=None) -> None:
    _require_authority(access.may_manage_assignment(actor, assignment))
    audit_record(
        action="supervision.assignment.deleted",
        actor=actor,
        request=request,
        obj=assignment,
        detail={"advisor_id": assignment.advisor_id, "supporter_id": assignment.supporter_id},
    )
    assignment.delete()


@transaction.atomic
def group_save(*, group: SupervisionGroup, advisors, actor, request=None) -> SupervisionGroup:
    """Create or change a group (name, institution, advisors). The actor must manage the group as it was and as it
    will be (a coordinator cannot move a group to another institution). Audited with the actor and the advisors."""
    previous_advisors: list[int] = []
    if group.pk:
        before = SupervisionGroup.objects.select_for_update().get(pk=group.pk)
        _require_authority(access.may_manage_group(actor, before))
        previous_advisors = sorted(before.advisors.values_list("pk", flat=True))
    is_new = group.pk is None
    advisors = list(advisors)
    allowed_advisors = set(access.manageable_advisors(actor).values_list("pk", flat=True))
    _require_authority(all(advisor.pk in allowed_advisors for advisor in advisors))
    unsaved = SupervisionGroup(institution_id=group.institution_id)
    _require_authority(access.may_manage_group(actor, unsaved))
    group.full_clean()
    group.save()
    group.advisors.set(advisors)
    audit_record(
        action="supervision.group.created" if is_new else "supervision.group.changed",
        actor=actor,
        request=request,
        obj=group,
        detail={
            "institution_id": group.institution_id,
            "advisors": sorted(advisor.pk for advisor in advisors),
            "previous_advisors": previous_advisors,
        },
    )
    return group


@transaction.atomic
def group_delete(*, group: SupervisionGroup, actor, request=None) -> None:
    _require_authority(access.may_manage_group(actor, group))
    audit_record(action="supervision.group.deleted", actor=actor, request=request, obj=group)
    group.delete()


@transaction.atomic
def group_member_move(*, supporter, to_group: SupervisionGroup, at: datetime | None = None, actor=None, request=None):
    """Put `supporter` in `to_group` from `at`, closing any open membership elsewhere. Past rows never change,
    so who was in a group at an earlier session stays as it was. Idempotent when already a member.

    With an `actor` (every screen passes one), the actor must manage both the supporter and the group; commands
    and the demo, which run as the system, pass none."""
    if actor is not None:
        _require_authority(access.may_manage_membership(actor, supporter=supporter, group=to_group))
    at = at or timezone.now()
    open_rows = list(GroupMembership.objects.select_for_update().filter(supporter=supporter, left_at__isnull=True))
    if any(row.group_id == to_group.pk for row in open_rows):
        return next(row for row in open_rows if row.group_id == to_group.pk)
    for row in open_rows:
        if row.joined_at > at:
            raise ValidationError(_("The move cannot be dated before the supporter joined their current group."))
        row.left_at = at
        row.save(update_fields=["left_at"])
    membership = GroupMembership.objects.create(group=to_group, supporter=supporter, joined_at=at)
    audit_record(
        action="supervision.group.member_moved",
        actor=actor,
        request=request,
        obj=to_group,
        detail={"supporter": supporter.pk, "from_groups": [row.group_id for row in open_rows]},
    )
    return membership


@transaction.atomic
def group_member_remove(*, supporter, group: SupervisionGroup, at: datetime | None = None, actor=None, request=None):
    """Close the supporter's open membership of `group` at `at` (the row stays, as history)."""
    if actor is not None:
        _require_authority(access.may_manage_membership(actor, supporter=supporter, group=group))
    at = at or timezone.now()
    updated = GroupMembership.objects.filter(supporter=supporter, group=group, left_at__isnull=True).update(left_at=at)
    if updated:
        audit_record(
            action="supervision.group.member_removed",
            actor=actor,
            request=request,
            obj=group,
            detail={"supporter": supporter.pk},
        )
    return updated


# --- sessions ------------------------------------------------------------------------------------------------------


def _notify_after_commit(session: Session, change: str) -> None:
    transaction.on_commit(lambda: notify_session_participants.enqueue(session.pk, change))


NOTIFY_FIELDS = ("starts_at", "duration_minutes", "place", "online_url", "topic", "status", "group_id", "supporter_id")


@transaction.atomic
def session_save(*, session: Session, actor, request=None, previous: dict | None = None) -> Session:
    """Create or change a session; participants get an email with an ICS invitation after commit when anything
    they see changed (time, place, link, topic, status). `previous` holds the field values before the edit."""
    session.full_clean()
    is_new = session.pk is None
    changed = []
    if not is_new and previous is not None:
        changed = [name for name in NOTIFY_FIELDS if previous.get(name) != getattr(session, name)]
        if changed:
            session.sequence += 1
    session.save()
    audit_record(
        action="supervision.session.created" if is_new else "supervision.session.changed",
        actor=actor,
        request=request,
        obj=session,
        detail={"fields": changed} if changed else None,
    )
    if session.status == Session.Status.CANCELLED and "status" in changed:
        _notify_after_commit(session, "cancelled")
    elif is_new and session.status == Session.Status.PLANNED:
        _notify_after_commit(session, "planned")
    elif changed and session.status == Session.Status.PLANNED:
        _notify_after_commit(session, "changed")
    return session


def session_snapshot(session: Session) -> dict:
    return {name: getattr(session, name) for name in NOTIFY_FIELDS}


@transaction.atomic
def attendance_record(
    *, session: Session, statuses: dict[int, str], actor, request=None, now: datetime | None = None
) -> dict[str, int]:
    """Record the attendance of a whole session in one go. The actor must see the session
    (`Session.objects.visible_to`: its advisor, an advisor of its group, a lead advisor or an administrator), else
    PermissionDenied.

    Locks the session row, so two submissions at once run one after the other: the first creates the rows, the
    second finds them unchanged and writes nothing. Participants are snapshotted on the first call. A later change
    of a status is audited with its old and new value. Rejects (and saves nothing) when an id is not a participant,
    a status is unknown, the session is cancelled or has not started yet (attendance for the future would count
    sessions nobody attended). Returns {"created": n, "changed": n}.
    """
    if not Session.objects.visible_to(actor).filter(pk=session.pk).exists():
        raise PermissionDenied(_("You may not take attendance for this session."))
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session was cancelled; attendance cannot be taken."))
    if not session.has_started(now):
        raise ValidationError(session.not_started_message())
    valid = set(Attendance.Status.values)
    if any(value not in valid for value in statuses.values()):
        raise ValidationError(_("Choose present, late, excused or absent for each participant."))
    session.snapshot_participants()
    participant_ids = set(session.participants.values_list("supporter_id", flat=True))
    strangers = set(statuses) - participant_ids
    if strangers:
        raise ValidationError(_("Attendance can only be recorded for the participants of this session."))
    existing = {row.supporter_id: row for row in session.attendance.all()}
    created = changed = 0
    now = now or timezone.now()
    for supporter_id, status in sorted(statuses.items()):
        row = existing.get(supporter_id)
        if row is None:
            Attendance.objects.create(
                session=session, supporter_id=supporter_id, status=status, recorded_by=actor, recorded_at=now
            )
            created += 1
        elif row.status != status:
            old = row.status
            row.status = status
            row.recorded_by = actor
            row.save(update_fields=["status", "recorded_by", "updated_at"])
            changed += 1
            audit_record(
                action="supervision.attendance.changed",
                actor=actor,
                request=request,
                obj=session,
                detail={"supporter": supporter_id, "old_status": old, "new_status": status},
            )
    if created:
        audit_record(
            action="supervision.attendance.recorded",
            actor=actor,
            request=request,
            obj=session,
            detail={"rows": created},
        )
    if session.status == Session.Status.PLANNED and (created or changed):
        session.status = Session.Status.HELD
        session.save(update_fields=["status", "updated_at"])
    return {"created": created, "changed": changed}


def session_reminders_send(*, now: datetime | None = None, dry_run: bool = False) -> list[Session]:
    """Send the day-before reminder for each planned session tomorrow (Oslo time), once.

    Each session is claimed with a conditional UPDATE (reminder_sent_at IS NULL), so overlapping cron runs never
    send a reminder twice. Returns the sessions reminded (or that would be, with dry_run)."""

    now = now or timezone.now()
    start, end = tomorrow_bounds(now)
    due = list(
        Session.objects.filter(
            status=Session.Status.PLANNED, starts_at__gte=start, starts_at__lt=end, reminder_sent_at__isnull=True
        ).select_related("advisor", "group")
    )
    if dry_run:
        return due
    sent = []
    for session in due:
        claimed = Session.objects.filter(pk=session.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
        if not claimed:
            continue
        for user in session_recipients(session):
            send_session_email(session, user, change="reminder")
        sent.append(session)
    return sent


# --- notes ---------------------------------------------------------------------------------------------------------


def _note_subject(note: Note) -> str:
    return "session" if note.session_id else "supporter"


@sensitive_variables("text")
@transaction.atomic
def note_create(*, author, text: str, session: Session | None = None, supporter=None, request=None) -> Note:
    """An advisor writes a note on a session or a supporter they see; anyone else gets PermissionDenied."""
    if not access.is_advisor(author):
        raise PermissionDenied(_("Only advisors write notes."))
    if session is not None and not Session.objects.visible_to(author).filter(pk=session.pk).exists():
        raise PermissionDenied(_("You may not write a note on this session."))
    if supporter is not None and not access.visible_supporters(author).filter(pk=supporter.pk).exists():
        raise PermissionDenied(_("You may not write a note about this supporter."))
    note = Note(author=author, text=text, session=session, supporter=supporter)
    note.full_clean()
    note.save()
    audit_record(action="note.created", actor=author, request=request, obj=note, detail={"about": _note_subject(note)})
    return note


@sensitive_variables("text")
@transaction.atomic
def note_update(*, note: Note, text: str, actor, request=None) -> Note:
    if note.author_id != actor.pk:
        raise PermissionError("Only the author may change a note.")
    note.text = text
    note.full_clean()
    note.save(update_fields=["text", "updated_at"])
    audit_record(action="note.updated", actor=actor, request=request, obj=note)
    return note


@transaction.atomic
def note_delete(*, note: Note, actor, request=None) -> None:
    if note.author_id != actor.pk:
        raise PermissionError("Only the author may delete a note.")
    audit_record(action="note.deleted", actor=actor, request=request, obj=note)
    note.delete()


def notes_read(*, notes, reader, request=None, via: str) -> None:
    """Audit that `reader` saw these notes (ids only, never the text)."""
    for note in notes:
        audit_record(action="note.read", actor=reader, request=request, obj=note, detail={"via": via})


@transaction.atomic
def notes_purge_expired(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Delete notes older than the retention period in SupervisionSettings. Returns how many (would be) deleted."""
    retention = SupervisionSettings.current().note_retention_days
    expired = Note.objects.expired(retention_days=retention, now=now)
    count = expired.count()
    if not dry_run and count:
        expired.delete()
        audit_record(action="note.purged", detail={"count": count, "retention_days": retention})
    return count


# --- engagement ----------------------------------------------------------------------------------------------------


@transaction.atomic
def activity_log(*, supporter, date: date, kind: str, duration_minutes: int) -> ActivityLog:
    """Log one activity in the supporter's active engagement period (validated: no future date, inside the
    period, 1 minute to 12 hours)."""
    period = EngagementPeriod.objects.filter(supporter=supporter).active().first()
    if period is None:
        raise ValidationError(_("You have no active engagement period, so activity cannot be logged yet."))
    entry = ActivityLog(supporter=supporter, engagement=period, date=date, kind=kind, duration_minutes=duration_minutes)
    entry.full_clean()
    entry.save()
    return entry


def urgent_recipients(supporter):
    """The supporter's current advisors (one-to-one and group) and every lead advisor."""
    User = get_user_model()
    now = timezone.now()
    assigned = AdvisorAssignment.objects.current(timezone.localdate(now)).filter(supporter=supporter)
    group_ids = GroupMembership.objects.active_at(now).filter(supporter=supporter).values("group_id")
    return (
        User.objects.filter(is_active=True, groups__name=roles.ADVISORS)
        .filter(
            Q(pk__in=assigned.values("advisor_id"))
            | Q(supervision_groups_advised__in=group_ids)
            | Q(advisor_profile__is_lead=True)
        )
        .distinct()
        .order_by("full_name")
    )


@sensitive_variables("message", "body")
def urgent_report_send(*, sender, message: str, request=None) -> UrgentReport:
    """Email an urgent message to the sender's advisors and the lead advisors at once, and record who got it and
    when. The message text goes only into those emails: it is not stored, logged or audited."""
    recipients = list(urgent_recipients(sender))
    if not recipients:
        raise ValidationError(_("No advisor could be found to receive the message. Call the numbers above."))
    with transaction.atomic():
        report = UrgentReport.objects.create(sender=sender)
        report.recipients.set(recipients)
    delivered = 0
    for recipient in recipients:
        with translation.override(recipient.language or "en"):
            body = render_to_string(
                "supervision/email/urgent.txt",
                {"sender": sender, "message": message, "recipient": recipient, "sent_at": report.sent_at},
            )
            email = EmailMessage(
                subject=_("URGENT: a peer supporter needs you to act now"), body=body, to=[recipient.email]
            )
        delivered += email.send(fail_silently=True)
    report.delivered = delivered == len(recipients)
    report.save(update_fields=["delivered"])
    audit_record(
        action="supervision.urgent.sent",
        actor=sender,
        request=request,
        obj=report,
        detail={"recipients": [user.pk for user in recipients], "delivered": delivered},
    )
    return report


def personal_data_export(*, user, request=None) -> dict:
    """Everything supervision holds about `user`, for their right of access, including notes about them."""
    periods = EngagementPeriod.objects.filter(supporter=user).select_related("institution")
    notes = list(Note.objects.about(user).select_related("session"))
    sessions = Session.objects.for_participant(user).select_related("advisor", "group")
    attendance = {row.session_id: row.get_status_display() for row in Attendance.objects.filter(supporter=user)}
    data = {
        "exported_at": timezone.now().isoformat(),
        "person": {"email": user.email, "full_name": user.full_name},
        "advisor_assignments": [
            {"advisor": a.advisor.get_full_name(), "from": a.starts_on.isoformat(), "to": _iso(a.ends_on)}
            for a in AdvisorAssignment.objects.filter(supporter=user).select_related("advisor")
        ],
        "group_memberships": [
            {"group": m.group.name, "joined": m.joined_at.isoformat(), "left": _iso(m.left_at)}
            for m in GroupMembership.objects.filter(supporter=user).select_related("group")
        ],
        "sessions": [
            {
                "topic": s.topic,
                "starts_at": s.starts_at.isoformat(),
                "minutes": s.duration_minutes,
                "status": s.get_status_display(),
                "advisor": s.advisor.get_full_name(),
                "attendance": attendance.get(s.pk),
            }
            for s in sessions
        ],
        "engagement_periods": [
            {
                "institution": p.institution.name,
                "start": p.starts_on.isoformat(),
                "end": p.ends_on.isoformat(),
                "status": p.get_status_display(),
            }
            for p in periods
        ],
        "activity_log": [
            {"date": a.date.isoformat(), "kind": a.get_kind_display(), "minutes": a.duration_minutes}
            for a in ActivityLog.objects.filter(supporter=user)
        ],
        "urgent_messages_sent": [
            {"sent_at": r.sent_at.isoformat(), "recipients": r.recipients.count()}
            for r in UrgentReport.objects.filter(sender=user)
        ],
        "confidential_notes_about_you": [
            {
                "written": n.created_at.isoformat(),
                "about": "session: " + n.session.topic if n.session_id else "you",
                "text": n.text,
            }
            for n in notes
        ],
    }
    audit_record(action="supervision.personal_data.exported", actor=user, request=request, obj=user)
    notes_read(notes=notes, reader=user, request=request, via="personal_data_export")
    return data


def _iso(value) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def engagement_approve(*, period: EngagementPeriod, actor, request=None):
    """A coordinator approves a completed engagement: check every requirement, issue the engagement certificate
    through the certificates service (it refers to the course certificate) and close the period. Idempotent: a
    second approval returns the certificate already issued. The actor must be allowed to approve it
    (`EngagementPeriod.objects.approvable_by`: administrators, the coordinators of its institution), else
    PermissionDenied."""

    if not EngagementPeriod.objects.approvable_by(actor).filter(pk=period.pk).exists():
        raise PermissionDenied(_("You may not approve this engagement."))
    period = EngagementPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status == EngagementPeriod.Status.WITHDRAWN:
        raise ValidationError(_("This engagement was withdrawn; it cannot be approved."))
    rules = SupervisionSettings.current(request).rules()
    missing = [str(item.label) for item in period.requirements(rules) if not item.met]
    if missing and not period.approved_at:
        raise ValidationError(_("Not every requirement is met yet: %(missing)s.") % {"missing": ", ".join(missing)})
    certificate = issue_engagement_certificate(period=period, actor=actor, request=request)
    if not period.approved_at:
        period.status = EngagementPeriod.Status.COMPLETED
        period.approved_at = timezone.now()
        period.approved_by = actor
        period.certificate = certificate
        period.save(update_fields=["status", "approved_at", "approved_by", "certificate"])
        audit_record(
            action="supervision.engagement.approved",
            actor=actor,
            request=request,
            obj=period,
            detail={"sessions": period.get_sessions_attended(), "hours": period.activity_hours},
        )
    return certificate
