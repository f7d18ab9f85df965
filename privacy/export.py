"""Everything the site holds about one person, for their right of access and portability (GDPR art. 15 and 20).

`RELATIONS` says, for every relation from a model to the user (and from a model the person owns to its parts),
how its rows are found and exported; `EXCLUDED` names the relations that are not exported and why.
tests/privacy/test_export_coverage.py walks every model and fails when a relation is in neither, so a new model
that refers to people cannot be forgotten. (docs/decisions/0110-personal-data-export.md)"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.audit import audit_record
from supervision.services import notes_read

# Fields never exported, whatever the model: secrets and what only verifies them.
SECRET_FIELDS = {"password", "data", "credential_jwt", "key", "secret"}


@dataclass(frozen=True)
class Relation:
    key: str  # "app_label.ModelName.field"
    section: str
    title: object
    rows: Callable  # (user) -> QuerySet
    owns: bool = False  # the rows belong to the person: their parts (FKs to this model) must be covered too
    exclude: tuple[str, ...] = ()


def _model(label: str):
    return apps.get_model(label)


def _q(label: str, **filters):
    return lambda user: _model(label)._default_manager.filter(
        **{k: (user if v is None else v(user)) for k, v in filters.items()}
    )


def _user_rows(user):
    return _model("lms.User")._default_manager.filter(pk=user.pk)


def _groups(user):
    return user.groups.all()


def _audit(user):
    AuditEvent = _model("lms.AuditEvent")
    return AuditEvent.objects.filter(
        models.Q(actor=user) | models.Q(object_type=user._meta.label_lower, object_id=str(user.pk))
    )


def _notes_about(user):
    return _model("supervision.Note").objects.about(user)


RELATIONS: tuple[Relation, ...] = (
    Relation("lms.User.self", "account", _("Account details"), _user_rows, owns=True),
    Relation("lms.User.groups", "account", _("Roles"), _groups),
    Relation("account.EmailAddress.user", "account", _("Email addresses"), _q("account.EmailAddress", user=None)),
    Relation(
        "mfa.Authenticator.user",
        "account",
        _("Two-factor authenticators (type and dates only)"),
        _q("mfa.Authenticator", user=None),
        exclude=("data",),
    ),
    Relation(
        "socialaccount.SocialAccount.user",
        "account",
        _("Connected logins (Feide) with what the provider told us"),
        _q("socialaccount.SocialAccount", user=None),
    ),
    Relation(
        "lms.InstitutionClaim.user",
        "account",
        _("Institution asked for at a Feide login, and the decision"),
        _q("lms.InstitutionClaim", user=None),
        exclude=("decided_by",),
    ),
    Relation(
        "wagtailusers.UserProfile.user", "account", _("Admin preferences"), _q("wagtailusers.UserProfile", user=None)
    ),
    Relation("lms.AuditEvent.actor", "security", _("Security log: logins and changes"), _audit, exclude=("actor",)),
    Relation("courses.Enrollment.user", "training", _("Enrolments"), _q("courses.Enrollment", user=None), owns=True),
    Relation(
        "courses.ModuleCompletion.enrollment",
        "training",
        _("Modules completed"),
        _q("courses.ModuleCompletion", enrollment__user=None),
    ),
    Relation(
        "courses.ModuleVisit.enrollment",
        "training",
        _("Module visits"),
        _q("courses.ModuleVisit", enrollment__user=None),
    ),
    Relation("courses.ReflectionAnswer.user", "training", _("Reflections"), _q("courses.ReflectionAnswer", user=None)),
    Relation(
        "courses.QuizAttempt.user",
        "training",
        _("Quiz attempts with your answers"),
        _q("courses.QuizAttempt", user=None),
    ),
    Relation(
        "certificates.Certificate.holder",
        "certificates",
        _("Certificates with their codes and credentials"),
        _q("certificates.Certificate", holder=None),
        owns=True,
    ),
    Relation(
        "certificates.CertificateEvent.certificate",
        "certificates",
        _("Certificate history"),
        _q("certificates.CertificateEvent", certificate__holder=None),
        exclude=("actor",),
    ),
    Relation(
        "certificates.ExpiryReminder.certificate",
        "certificates",
        _("Reminders that a certificate expires"),
        _q("certificates.ExpiryReminder", certificate__holder=None),
    ),
    Relation(
        "supervision.SessionParticipant.supporter",
        "supervision",
        _("Supervision sessions you were invited to"),
        _q("supervision.SessionParticipant", supporter=None),
    ),
    Relation(
        "supervision.Attendance.supporter",
        "supervision",
        _("Attendance"),
        _q("supervision.Attendance", supporter=None),
        exclude=("recorded_by",),
    ),
    Relation(
        "supervision.Session.supporter",
        "supervision",
        _("One-to-one sessions"),
        _q("supervision.Session", supporter=None),
    ),
    Relation(
        "supervision.Session.advisor", "supervision", _("Sessions you led"), _q("supervision.Session", advisor=None)
    ),
    Relation(
        "supervision.EngagementPeriod.supporter",
        "supervision",
        _("Engagement periods"),
        _q("supervision.EngagementPeriod", supporter=None),
        owns=True,
        exclude=("approved_by",),
    ),
    Relation(
        "supervision.ActivityLog.supporter",
        "supervision",
        _("Activity log"),
        _q("supervision.ActivityLog", supporter=None),
    ),
    Relation(
        "supervision.UrgentReport.sender",
        "supervision",
        _("Urgent messages you sent"),
        _q("supervision.UrgentReport", sender=None),
    ),
    Relation(
        "supervision.Note.supporter",
        "supervision",
        _("Confidential notes about you"),
        _notes_about,
        exclude=("author",),
    ),
    Relation(
        "supervision.AdvisorProfile.user",
        "supervision",
        _("Advisor profile"),
        _q("supervision.AdvisorProfile", user=None),
    ),
    Relation(
        "supervision.AdvisorAssignment.supporter",
        "supervision",
        _("Your advisors"),
        _q("supervision.AdvisorAssignment", supporter=None),
    ),
    Relation(
        "supervision.AdvisorAssignment.advisor",
        "supervision",
        _("Supporters assigned to you"),
        _q("supervision.AdvisorAssignment", advisor=None),
    ),
    Relation(
        "supervision.SupervisionGroup.advisors",
        "supervision",
        _("Groups you lead"),
        _q("supervision.SupervisionGroup", advisors=None),
    ),
    Relation(
        "supervision.GroupMembership.supporter",
        "supervision",
        _("Group history"),
        _q("supervision.GroupMembership", supporter=None),
    ),
    Relation(
        "recruitment.Application.user",
        "recruitment",
        _("Applications"),
        _q("recruitment.Application", user=None),
        owns=True,
    ),
    Relation(
        "recruitment.InterviewSlot.application",
        "recruitment",
        _("Interview times booked"),
        _q("recruitment.InterviewSlot", application__user=None),
        exclude=("coordinator",),
    ),
    Relation(
        "recruitment.InterviewNote.application",
        "recruitment",
        _("Interview notes about you"),
        _q("recruitment.InterviewNote", application__user=None),
        exclude=("author",),
    ),
    Relation(
        "recruitment.InterviewSlot.coordinator",
        "recruitment",
        _("Interview times you offered"),
        _q("recruitment.InterviewSlot", coordinator=None),
        exclude=("application",),
    ),
    Relation("recruitment.CohortMember.user", "recruitment", _("Cohorts"), _q("recruitment.CohortMember", user=None)),
    Relation(
        "privacy.ErasureRequest.user",
        "account",
        _("Requests to delete your account"),
        _q("privacy.ErasureRequest", user=None),
    ),
    Relation("privacy.Alumnus.user", "account", _("Alumnus"), _q("privacy.Alumnus", user=None)),
    Relation(
        "privacy.InactivityWarning.user",
        "account",
        _("Warnings about an unused account"),
        _q("privacy.InactivityWarning", user=None),
    ),
    Relation("wagtailcore.Comment.user", "content", _("Comments on pages"), _q("wagtailcore.Comment", user=None)),
    Relation(
        "wagtailcore.CommentReply.user", "content", _("Replies to comments"), _q("wagtailcore.CommentReply", user=None)
    ),
    Relation(
        "wagtailimages.Image.uploaded_by_user",
        "content",
        _("Images you uploaded"),
        _q("wagtailimages.Image", uploaded_by_user=None),
        exclude=("file", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"),
    ),
    Relation(
        "wagtaildocs.Document.uploaded_by_user",
        "content",
        _("Documents you uploaded"),
        _q("wagtaildocs.Document", uploaded_by_user=None),
        exclude=("file",),
    ),
)

# Relations to a person that the export leaves out, each with the reason (shown on the readable page too).
EXCLUDED: dict[str, str] = {
    "lms.InstitutionClaim.decided_by": "staff deciding someone else's institution claim: it is that person's record",
    "lms.User.user_permissions": "not used: permissions come from roles (exported)",
    "certificates.Certificate.issued_by": "staff acting on someone else's certificate: it is the holder's record",
    "certificates.Certificate.status_changed_by": "staff acting on someone else's certificate: the holder's record",
    "certificates.Certificate.related_certificate": "a link between two of the holder's own certificates (exported)",
    "certificates.CertificateEvent.actor": "staff acting on someone else's certificate: the holder's history",
    "certificates.StatusListEntry.certificate": "a position in the public status list; the index is in the certificate",
    "supervision.EngagementPeriod.approved_by": "an approval of someone else's engagement: that person's record",
    "supervision.EngagementPeriod.certificate": "the engagement certificate, exported with the certificates",
    "supervision.Attendance.recorded_by": "attendance of other people recorded by an advisor: their records",
    "supervision.UrgentReport.recipients": "messages from others, about third parties, received in a staff role",
    "supervision.Note.author": "confidential notes an advisor wrote about other people: confidential to those people",
    "recruitment.InterviewNote.author": "notes a coordinator wrote about other applicants: confidential to them",
    "wagtailcore.Page.owner": "pages written for the site (content, not about the author); kept with a placeholder",
    "wagtailcore.Page.locked_by": "a short editing lock on a page",
    "wagtailcore.Revision.user": "page revisions are site content; the page history shows them to editors",
    "wagtailcore.PageLogEntry.user": "the page history of the site's content, shown to editors",
    "wagtailcore.ModelLogEntry.user": "the admin history of records, shown to administrators",
    "wagtailcore.WorkflowState.requested_by": "the review history of the site's content",
    "wagtailcore.TaskState.finished_by": "the review history of the site's content",
    "wagtailcore.Comment.resolved_by": "a comment's state; the comments people wrote are exported",
    "wagtailcore.PageSubscription.user": "a setting for comment notifications on one page",
    "wagtailcore.UploadedFile.uploaded_by_user": "a temporary upload that Wagtail deletes after use",
    "wagtailcore.APIToken.user": "not used by this site (no API tokens are issued)",
    "wagtailadmin.EditingSession.user": "a lock of an admin editing screen that lapses within minutes",
    "wagtailadmin.FormState.user": "unsaved admin form input kept for a short while",
    "courses.QuizAttempt.enrollment": "the same rows as courses.QuizAttempt.user (exported)",
    "supervision.ActivityLog.engagement": "the same rows as supervision.ActivityLog.supporter (exported)",
}


def _value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file field
        return value.name or ""
    return value


def _row(obj: models.Model, exclude: tuple[str, ...]) -> dict:
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS or field.name in exclude or field.name == "id":
            continue
        if field.name == "password":
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(obj, field.name)
            row[field.name] = str(related) if related is not None else None
            continue
        if field.choices:
            row[field.name] = str(getattr(obj, f"get_{field.name}_display")())
            continue
        row[field.name] = _value(field.value_from_object(obj))
    return row


def _select_related(queryset, exclude):
    names = [
        f.name
        for f in queryset.model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.name not in exclude and f.name not in SECRET_FIELDS
    ]
    return queryset.select_related(*names)


def personal_data(*, user, actor=None, request=None) -> dict:
    """The whole export as one JSON-safe dict: sections → lists of rows, plus the relations left out and why.

    Audited (`personal_data.exported`, with who exported it); reading confidential notes this way is recorded as a
    note access, as on every other path (supervision's `notes_read`)."""

    sections: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for relation in RELATIONS:
        queryset = _select_related(relation.rows(user), relation.exclude)
        rows = [_row(obj, relation.exclude) for obj in queryset]
        if relation.key == "supervision.Note.supporter":
            notes_read(notes=list(queryset), reader=actor or user, request=request, via="personal_data_export")
        counts[relation.key] = len(rows)
        section = sections.setdefault(relation.section, {})
        labels = {f.name: str(f.verbose_name) for f in queryset.model._meta.concrete_fields}
        columns = {name: labels.get(name, name) for name in (rows[0] if rows else {})}
        section[relation.key] = {"title": str(relation.title), "columns": columns, "rows": rows}
    data = {
        "format": "peer-support-academy.personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "person": {"email": user.email, "full_name": user.full_name},
        "sections": sections,
        "counts": counts,
        "not_included": EXCLUDED,
        "survey_answers": "The survey is anonymous: answers are never linked to an account.",
    }
    audit_record(
        action="personal_data.exported",
        actor=actor or user,
        request=request,
        obj=user,
        detail={"by_administrator": actor is not None and actor.pk != user.pk, "rows": sum(counts.values())},
    )
    return data
