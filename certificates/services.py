"""Certificate workflows: issuing, status changes, correction and renewal. Views, receivers, tasks, commands and
other apps call these; the rules live here.

The public workflow functions are atomic (one transaction) and keyword-only. On bad input they raise
`CertificateError` (a ValidationError with a translated message) and change nothing. Each one that changes a
certificate writes a CertificateEvent and an audit event.

Each function checks its actor itself (`_check_actor`), so a view cannot forget: a person acting must hold the
action's permission and manage the holder (`manageable_holders`); otherwise PermissionDenied and nothing changes.
`actor=None` (or `issued_by=None`) is the system: the completion receiver, the reconciler, the lifecycle jobs and an
erasure the person asked for. Engagement certificates are issued on an approval that supervision has already
checked (`engagement_approve`), so their `approved_by` is recorded, not checked again.
"""

from __future__ import annotations

import datetime
import json
import secrets
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.audit import audit_record

from . import cache as certificate_cache
from . import codes, tasks
from .models import Certificate, CertificateDesign, CertificateEvent, StatusListEntry, manageable_holders
from .pdf import freeze_logo
from .signing import sign_certificate

MAX_REASON_LENGTH = 1000
MAX_NAME_LENGTH = 150
ISSUE_ATTEMPTS = 8

DEFAULT_ENGAGEMENT_ACHIEVEMENT = {
    "title": "Peer Supporter – Active Engagement",
    "title_nb": "Likeperson – aktivt engasjement",
    "description": (
        "Served as a peer supporter in the student Peer Support Network in Oslo, with regular supervision."
    ),
    "description_nb": ("Har vært likeperson i studentenes likepersonsnettverk i Oslo, med jevnlig veiledning."),
    "criteria": (
        "Holds a valid course certificate, attended the required supervision sessions and logged the required "
        "hours of peer support activity during the engagement period."
    ),
    "criteria_nb": (
        "Har gyldig kursbevis, deltok på de påkrevde veiledningsmøtene og registrerte de påkrevde timene med "
        "likepersonsaktivitet i engasjementsperioden."
    ),
}


class CertificateError(ValidationError):
    """Bad input to a certificate workflow; nothing was changed."""


def _check_actor(actor, permission: str, holder_id) -> None:
    """PermissionDenied unless `actor` is the system (None) or holds `permission` and manages the holder."""
    if actor is None:
        return
    if not (
        getattr(actor, "is_authenticated", False)
        and actor.has_perm(permission)
        and manageable_holders(actor).filter(pk=holder_id).exists()
    ):
        raise PermissionDenied(_("You may not change this person's certificates."))


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"Evidence must be JSON-safe; got {type(value).__name__}.")


def _json_safe(evidence: dict | None) -> dict:
    """Evidence as plain JSON (Decimal hours become numbers, dates ISO strings)."""
    return json.loads(json.dumps(evidence or {}, default=_json_default))


# --- issuing -----------------------------------------------------------------------------------------------------


def _active_match(*, holder, kind, course, scope):
    qs = Certificate.objects.active().filter(holder=holder, kind=kind)
    if course is not None:
        return qs.filter(course=course)
    return qs.filter(course__isnull=True, scope=scope)


def _add_years(moment: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def _achievement_for(kind: str, course, achievement: dict | None) -> dict[str, str]:
    if achievement is not None:
        merged = dict.fromkeys(DEFAULT_ENGAGEMENT_ACHIEVEMENT, "")
        merged.update({key: str(value or "") for key, value in achievement.items() if key in merged})
        if not merged["title"]:
            raise CertificateError(_("An achievement needs a title."))
        return merged
    if course is not None:
        return {
            "title": course.certificate_title or course.title,
            "title_nb": course.certificate_title_nb,
            "description": course.certificate_description,
            "description_nb": course.certificate_description_nb,
            "criteria": course.certificate_criteria,
            "criteria_nb": course.certificate_criteria_nb,
        }
    return dict(DEFAULT_ENGAGEMENT_ACHIEVEMENT)


def _random_index() -> int:
    """A random status-list position. Not checked here: the unique constraint on StatusListEntry.index (and on
    Certificate.status_list_index) refuses a taken one, and the caller draws again."""
    return secrets.randbelow(settings.CERTIFICATES_STATUS_LIST_SIZE)


def _allocate_index(certificate: Certificate) -> None:
    """Give the certificate a fresh random status-list position (inside the caller's savepoint)."""
    index = _random_index()
    StatusListEntry.objects.create(index=index, certificate=certificate)
    certificate.status_list_index = index


def design_snapshot() -> dict[str, Any]:
    """The active design frozen as plain data (the logo is copied to a content-addressed file)."""

    design = CertificateDesign.objects.filter(is_active=True).prefetch_related("signatories").first()
    if design is None:
        return {}
    return {
        "name": design.name,
        "heading": design.heading,
        "heading_nb": design.heading_nb,
        "intro": design.intro,
        "intro_nb": design.intro_nb,
        "completion": design.completion,
        "completion_nb": design.completion_nb,
        "footer": design.footer,
        "footer_nb": design.footer_nb,
        "logo": freeze_logo(design.logo) if design.logo_id else "",
        "logo_alt": design.logo.title if design.logo_id else "",
        "signatories": [{"name": s.name, "title": s.title, "title_nb": s.title_nb} for s in design.signatories.all()],
    }


def _event(certificate, *, action, actor, reason="", from_status="", to_status="", detail=None):
    CertificateEvent.objects.create(
        certificate=certificate,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        reason=reason,
        from_status=from_status,
        to_status=to_status,
        detail=detail or {},
    )


def _after_commit_render_and_notify(certificate: Certificate, *, notify: bool) -> None:
    # robust: an enqueue that fails (a crash, the queue down) leaves the empty `pdf` and `issued_email_sent_at`
    # written in this transaction, which certificates.reconcile picks up (docs/decisions/0120).
    pk = certificate.pk
    transaction.on_commit(lambda: tasks.render_certificate_pdf.enqueue(pk), robust=True)
    if notify:
        transaction.on_commit(lambda: tasks.send_certificate_issued_email.enqueue(pk), robust=True)


def _issue(
    *,
    holder,
    kind: str,
    course,
    scope: str,
    evidence: dict,
    related_certificate: Certificate | None,
    issued_by,
    method: str,
    reason: str,
    achievement: dict | None,
    valid_from: datetime.datetime | None,
    valid_until: datetime.datetime | None,
    request,
) -> Certificate:
    """The shared core of the issue_* functions; runs inside their transaction.

    Returns the holder's active (valid or suspended) certificate of that kind for that course or scope, or creates
    it. A savepoint holds the INSERT and its status-list entry, so a lost race (the partial unique constraints) or a
    taken code or index rolls back only that, and the loser returns the winner's row. Only the winner snapshots the
    design and signs (one UPDATE stores both). `created_now` tells the caller whether this call created it."""

    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise CertificateError(_("The reason is too long (at most %(n)s characters).") % {"n": MAX_REASON_LENGTH})
    if method == Certificate.Method.MANUAL and not reason:
        raise CertificateError(_("Issuing a certificate by hand is an exception: give a reason."))
    if not (holder.full_name or "").strip():
        raise CertificateError(_("The holder has no full legal name; add it to their account first."))

    existing = _active_match(holder=holder, kind=kind, course=course, scope=scope).first()
    if existing is not None:
        existing.created_now = False
        return existing

    text = _achievement_for(kind, course, achievement)
    now = timezone.now()
    valid_from = valid_from or now
    if valid_until is None and course is not None and course.certificate_valid_years:
        valid_until = _add_years(valid_from, course.certificate_valid_years)
    institution = getattr(holder, "institution", None)
    evidence = _json_safe(evidence)

    for _attempt in range(ISSUE_ATTEMPTS):
        certificate = Certificate(
            code=codes.generate(),
            kind=kind,
            holder=holder,
            course=course,
            scope=scope,
            related_certificate=related_certificate,
            holder_name=holder.full_name.strip(),
            achievement_title=text["title"],
            achievement_title_nb=text["title_nb"],
            achievement_description=text["description"],
            achievement_description_nb=text["description_nb"],
            achievement_criteria=text["criteria"],
            achievement_criteria_nb=text["criteria_nb"],
            issuer_name=settings.CERTIFICATES_ISSUER_NAME,
            institution_name=institution.name if institution else "",
            evidence=evidence,
            valid_from=valid_from,
            valid_until=valid_until,
            issued_at=now,
            issued_by=issued_by,
            issue_method=method,
            issue_reason=reason,
            status_list_index=_random_index(),
        )
        try:
            with transaction.atomic():  # a savepoint: a lost race rolls back only this
                certificate.save(force_insert=True)
                StatusListEntry.objects.create(index=certificate.status_list_index, certificate=certificate)
        except IntegrityError:
            winner = _active_match(holder=holder, kind=kind, course=course, scope=scope).first()
            if winner is not None:
                winner.created_now = False
                return winner
            continue  # a code or status index was taken: draw again
        break
    else:  # pragma: no cover - only if the status list is nearly full
        raise RuntimeError(
            "Could not allocate a certificate code and status index; is CERTIFICATES_STATUS_LIST_SIZE too small?"
        )

    certificate.design = design_snapshot()
    sign_certificate(certificate)
    certificate.save(update_fields=["design", "credential", "credential_jwt", "credential_kid"])
    _event(certificate, action=CertificateEvent.Action.ISSUED, actor=issued_by, reason=reason, to_status="valid")
    audit_record(
        action="certificate.issued",
        actor=issued_by,
        request=request,
        obj=certificate,
        detail={"kind": kind, "method": method, "reason": reason, "holder": holder.pk},
    )
    _after_commit_render_and_notify(certificate, notify=True)
    certificate.created_now = True
    return certificate


@transaction.atomic
def issue_course_certificate(
    *,
    holder,
    course,
    evidence: dict,
    issued_by=None,
    reason: str = "",
    valid_from: datetime.datetime | None = None,
    valid_until: datetime.datetime | None = None,
    request=None,
) -> Certificate:
    """The holder's active certificate for `course`, issued if there is none. Atomic, keyword-only, idempotent:
    concurrent calls create one row and all return it (`created_now` is True only for the call that created it).

    Without `issued_by` it is automatic; with one it is issued by hand, an audited exception that needs a `reason`.
    `evidence` is printed on the certificate and put in the credential (usually `enrollment.evidence()`; Decimal,
    date and UUID values become JSON numbers and strings). The title and texts come from the course's certificate_*
    fields; `valid_until` defaults to `valid_from` (now) plus Course.certificate_valid_years. After commit the PDF is
    rendered and the holder emailed (tasks)."""
    if course is None:
        raise CertificateError(_("A course certificate needs a course."))
    _check_actor(issued_by, "certificates.issue_certificate", holder.pk)
    return _issue(
        holder=holder,
        kind=Certificate.Kind.COURSE,
        course=course,
        scope="",
        evidence=evidence,
        related_certificate=None,
        issued_by=issued_by,
        method=Certificate.Method.AUTOMATIC if issued_by is None else Certificate.Method.MANUAL,
        reason=reason,
        achievement=None,
        valid_from=valid_from,
        valid_until=valid_until,
        request=request,
    )


@transaction.atomic
def issue_engagement_certificate(
    *,
    holder,
    evidence: dict,
    scope: str = "",
    related_certificate: Certificate | None = None,
    approved: bool = False,
    approved_by=None,
    achievement: dict | None = None,
    request=None,
) -> Certificate:
    """The holder's active engagement certificate for `scope` (e.g. an engagement period's public id; "" = one per
    holder), issued if there is none. Atomic, keyword-only, idempotent (as issue_course_certificate).

    `approved=True`: issued on an approval (method "approved"), by `approved_by` (None when that account is gone);
    otherwise automatic. `related_certificate` is the
    course certificate it builds on; the signed credential refers to it. `evidence`: {"period": {"start", "end"},
    "sessions_attended", "hours"}. `achievement` overrides the standard engagement texts (keys title, title_nb,
    description, description_nb, criteria, criteria_nb; a title is required). No expiry. After commit the PDF is
    rendered and the holder emailed (tasks)."""
    return _issue(
        holder=holder,
        kind=Certificate.Kind.ENGAGEMENT,
        course=None,
        scope=(scope or "").strip()[:100],
        evidence=evidence,
        related_certificate=related_certificate,
        issued_by=approved_by,
        method=Certificate.Method.APPROVED if approved else Certificate.Method.AUTOMATIC,
        reason="",
        achievement=achievement,
        valid_from=None,
        valid_until=None,
        request=request,
    )


# --- status changes ----------------------------------------------------------------------------------------------


def _clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give a reason: it is recorded and shown where the status is shown."))
    if len(reason) > MAX_REASON_LENGTH:
        raise CertificateError(_("The reason is too long (at most %(n)s characters).") % {"n": MAX_REASON_LENGTH})
    return reason


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


@dataclass(frozen=True)
class _Transition:
    permission: str
    allowed_from: tuple[str, ...]
    to_status: str
    action: str
    message: Any  # a lazy translation with %(status)s


SUSPEND = _Transition(
    "certificates.suspend_certificate",
    (Certificate.Status.VALID,),
    Certificate.Status.SUSPENDED,
    CertificateEvent.Action.SUSPENDED,
    _("Only a valid certificate can be suspended; this one is %(status)s."),
)
UNSUSPEND = _Transition(
    "certificates.suspend_certificate",
    (Certificate.Status.SUSPENDED,),
    Certificate.Status.VALID,
    CertificateEvent.Action.UNSUSPENDED,
    _("Only a suspended certificate can be unsuspended; this one is %(status)s."),
)
REVOKE = _Transition(
    "certificates.revoke_certificate",
    (Certificate.Status.VALID, Certificate.Status.SUSPENDED),
    Certificate.Status.REVOKED,
    CertificateEvent.Action.REVOKED,
    _("This certificate is already %(status)s."),
)
WITHDRAW = _Transition(
    "certificates.revoke_certificate",
    (Certificate.Status.VALID, Certificate.Status.SUSPENDED),
    Certificate.Status.WITHDRAWN,
    CertificateEvent.Action.WITHDRAWN,
    _("This certificate is already %(status)s."),
)


def _change_status(certificate, transition: _Transition, *, actor, reason, request):
    """Check the actor, lock the row, check the transition, record it (event, audit) and clear the verify-page and
    status caches."""
    reason = _clean_reason(reason)
    current = _locked(certificate)
    _check_actor(actor, transition.permission, current.holder_id)
    if current.status not in transition.allowed_from:
        raise CertificateError(transition.message % {"status": current.get_status_display()})
    from_status = current.status
    to_status = transition.to_status
    current.status = to_status
    current.status_reason = reason if to_status != Certificate.Status.VALID else ""
    current.status_changed_at = timezone.now()
    current.status_changed_by = actor if getattr(actor, "pk", None) else None
    current.save(update_fields=["status", "status_reason", "status_changed_at", "status_changed_by"])
    _event(current, action=transition.action, actor=actor, reason=reason, from_status=from_status, to_status=to_status)
    audit_record(
        action=f"certificate.{transition.action}",
        actor=actor,
        request=request,
        obj=current,
        detail={"from": from_status, "to": to_status, "reason": reason},
    )
    certificate_cache.invalidate(current)
    return current


@transaction.atomic
def certificate_suspend(*, certificate: Certificate, actor, reason: str, request=None) -> Certificate:
    """Valid -> suspended (reversible); the reason is required and shown where the status is shown."""
    return _change_status(certificate, SUSPEND, actor=actor, reason=reason, request=request)


@transaction.atomic
def certificate_unsuspend(*, certificate: Certificate, actor, reason: str, request=None) -> Certificate:
    """Suspended -> valid; the reason is required."""
    return _change_status(certificate, UNSUSPEND, actor=actor, reason=reason, request=request)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str, request=None) -> Certificate:
    """Valid or suspended -> revoked (final); the reason is required."""
    return _change_status(certificate, REVOKE, actor=actor, reason=reason, request=request)


@transaction.atomic
def certificate_withdraw(*, certificate: Certificate, actor, reason: str, request=None) -> Certificate:
    """Valid or suspended -> withdrawn (final); the reason is required."""
    return _change_status(certificate, WITHDRAW, actor=actor, reason=reason, request=request)


def _move_to_a_new_status_index(current: Certificate, *, now) -> None:
    """A correction or renewal: the old status-list position is superseded (it reads revoked from now on, so the old
    credential no longer verifies) and the certificate takes a new one for its new credential."""
    StatusListEntry.objects.filter(index=current.status_list_index).update(superseded_at=now)
    for _attempt in range(ISSUE_ATTEMPTS):
        try:
            with transaction.atomic():
                _allocate_index(current)
        except IntegrityError:
            continue
        break


def _sign_again(current: Certificate, *changed: str) -> None:
    """Sign a new credential for what changed, drop the old PDF (it is rendered again) and save both."""

    sign_certificate(current)
    current.pdf = ""
    current.save(update_fields=[*changed, "status_list_index", "credential", "credential_jwt", "credential_kid", "pdf"])


@transaction.atomic
def certificate_correct(
    *, certificate: Certificate, holder_name: str, actor, reason: str = "", request=None
) -> Certificate:
    """Correct the holder's legal name and re-issue under the same code: a new credential (the old one's status
    entry is marked superseded, so it shows as revoked) and a new PDF. Revoked or withdrawn certificates stay as
    they were."""
    holder_name = " ".join((holder_name or "").split())
    if not holder_name:
        raise CertificateError(_("Enter the holder's full legal name."))
    if len(holder_name) > MAX_NAME_LENGTH:
        raise CertificateError(_("The name is too long (at most %(n)s characters).") % {"n": MAX_NAME_LENGTH})
    reason = (reason or "").strip()[:MAX_REASON_LENGTH]
    current = _locked(certificate)
    _check_actor(actor, "certificates.correct_certificate", current.holder_id)
    if current.status not in (Certificate.Status.VALID, Certificate.Status.SUSPENDED):
        raise CertificateError(
            _("A %(status)s certificate cannot be corrected.") % {"status": current.get_status_display()}
        )
    if holder_name == current.holder_name:
        raise CertificateError(_("The name is unchanged; nothing to correct."))
    old_name, old_index = current.holder_name, current.status_list_index
    now = timezone.now()
    _move_to_a_new_status_index(current, now=now)
    current.holder_name = holder_name
    current.corrected_at = now
    _sign_again(current, "holder_name", "corrected_at")
    _event(
        current,
        action=CertificateEvent.Action.CORRECTED,
        actor=actor,
        reason=reason,
        detail={"field": "holder_name", "superseded_status_index": old_index},
    )
    audit_record(
        action="certificate.corrected",
        actor=actor,
        request=request,
        obj=current,
        detail={"field": "holder_name", "reason": reason, "old_length": len(old_name)},
    )
    certificate_cache.invalidate(current)
    _after_commit_render_and_notify(current, notify=False)
    return current


# --- renewal (a refresher course completed) ------------------------------------------------------------------------


@transaction.atomic
def certificate_renew(
    *,
    certificate: Certificate,
    evidence: dict | None = None,
    actor=None,
    reason: str = "",
    valid_from: datetime.datetime | None = None,
    request=None,
) -> Certificate:
    """Renew a course certificate under the same code: a new validity (from now, for the course's years), a new
    signed credential at a new status-list position, and the old position marked superseded, so the previous
    credential reads as revoked in the status list while the new one verifies. An expired certificate may be
    renewed; a revoked, withdrawn or suspended one may not. Recorded as a RENEWED event (the verify page lists them)."""
    current = _locked(certificate)
    _check_actor(actor, "certificates.issue_certificate", current.holder_id)
    if current.status != Certificate.Status.VALID:
        raise CertificateError(
            _("A %(status)s certificate cannot be renewed.") % {"status": current.get_status_display()}
        )
    course = current.course
    years = course.certificate_valid_years if course is not None else None
    if not years:
        raise CertificateError(_("This certificate does not expire, so it needs no renewal."))
    now = timezone.now()
    valid_from = valid_from or now
    old = {
        "valid_from": current.valid_from.isoformat(),
        "valid_until": current.valid_until.isoformat() if current.valid_until else None,
        "superseded_status_index": current.status_list_index,
        "kid": current.credential_kid,
    }
    _move_to_a_new_status_index(current, now=now)
    current.valid_from = valid_from
    current.valid_until = _add_years(valid_from, years)
    # The renewal history travels in the evidence (what the verify page and the JSON show, in their one query).
    history = [*(current.evidence or {}).get("renewals", [])]
    history.append({"renewed_at": now.isoformat(), "previous_valid_until": old["valid_until"]})
    current.evidence = _json_safe({**(evidence or current.evidence or {}), "renewals": history})
    _sign_again(current, "valid_from", "valid_until", "evidence")
    _event(
        current,
        action=CertificateEvent.Action.RENEWED,
        actor=actor,
        reason=(reason or "").strip()[:MAX_REASON_LENGTH],
        detail={**old, "new_valid_until": current.valid_until.isoformat()},
    )
    audit_record(
        action="certificate.renewed",
        actor=actor,
        request=request,
        obj=current,
        detail={"valid_until": current.valid_until.isoformat()},
    )
    certificate_cache.invalidate(current)
    _after_commit_render_and_notify(current, notify=False)
    return current
