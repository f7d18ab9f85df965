"""Certificate records: one row per certificate, with everything it says frozen at issue.

The HTML verify page, the PDF, the JSON view and the signed credential are all views of one `Certificate` row.
State changes go through `certificates.services` (never `save()` from a view): they are atomic, audited, write a
`CertificateEvent` row and clear the caches of the verify page and the status lists.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms import roles

from . import codes

# Statuses in which a certificate still occupies its holder's "one active certificate" slot.
ACTIVE_STATUSES = ("valid", "suspended")


def manageable_holders(user):
    """The people whose certificates `user` manages, and to whom they may issue one by exception: everyone
    (administrators, superusers), their own institution's people (coordinators with an institution), nobody else."""
    people = get_user_model().objects.all()
    if not user.is_authenticated:
        return people.none()
    if user.is_administrator:
        return people
    if user.has_role(roles.COORDINATORS) and user.institution_id:
        return people.filter(institution_id=user.institution_id)
    return people.none()


class CertificateQuerySet(models.QuerySet):
    def active(self):
        """Valid or suspended (not revoked, not withdrawn): at most one per holder, course and kind."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def for_holder(self, user):
        return self.filter(holder=user)

    def valid(self, at=None):
        """Valid at `at` (default now): status valid, already in force (`valid_from`) and not expired
        (`valid_until`). The one definition; `Certificate.is_valid` is the same test on one row."""
        at = at or timezone.now()
        return self.filter(status=Certificate.Status.VALID, valid_from__lte=at).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=at)
        )

    def visible_to(self, user):
        """Certificates `user` may see and act on in the admin: those of `manageable_holders(user)`. Holders see
        their own through `for_holder`. The model permissions (issue, suspend, revoke…) then say which actions
        they may take."""
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(holder__in=manageable_holders(user))


class Certificate(models.Model):
    # Certificates are records about people, not content: Wagtail's reference index (the "usage" listings of pages,
    # snippets and images) would queue a task on every save and list holders' certificates under a design's usage.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        COURSE = "course", _("Course certificate")
        ENGAGEMENT = "engagement", _("Engagement certificate")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Method(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatically, on completion")
        MANUAL = "manual", _("Manually, as an exception")
        APPROVED = "approved", _("On approval")

    # Identity: a random uuid for the credential id (urn:uuid:…) and the public code people type. Never the pk.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=codes.CODE_LENGTH, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COURSE)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        "courses.Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    # What a certificate without a course is for (e.g. an engagement period's public id); one active per scope.
    scope = models.CharField(_("scope"), max_length=100, blank=True, default="")
    related_certificate = models.ForeignKey(
        "self",
        verbose_name=_("related certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependent_certificates",
    )

    # Snapshots taken at issue: later edits of the user, course or design never change an issued certificate.
    holder_name = models.CharField(_("holder's full legal name"), max_length=150)
    achievement_title = models.CharField(_("achievement title (English)"), max_length=200)
    achievement_title_nb = models.CharField(_("achievement title (Bokmål)"), max_length=200, blank=True)
    achievement_description = models.TextField(_("achievement description (English)"), blank=True)
    achievement_description_nb = models.TextField(_("achievement description (Bokmål)"), blank=True)
    achievement_criteria = models.TextField(_("criteria (English)"), blank=True)
    achievement_criteria_nb = models.TextField(_("criteria (Bokmål)"), blank=True)
    issuer_name = models.CharField(_("issuing organisation"), max_length=200)
    institution_name = models.CharField(_("institution"), max_length=150, blank=True)
    evidence = models.JSONField(_("evidence summary"), default=dict, blank=True)
    design = models.JSONField(_("design snapshot"), default=dict, blank=True, editable=False)

    valid_from = models.DateTimeField(_("valid from"), default=timezone.now)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VALID)
    status_reason = models.TextField(_("reason for the status"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    issued_at = models.DateTimeField(_("issued"), default=timezone.now, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    issue_method = models.CharField(_("issued how"), max_length=20, choices=Method.choices, default=Method.AUTOMATIC)
    issue_reason = models.TextField(_("reason for issuing"), blank=True)
    corrected_at = models.DateTimeField(_("last corrected"), null=True, blank=True)

    # Bitstring Status List position (the same index in the revocation and the suspension list).
    status_list_index = models.PositiveIntegerField(_("status list index"), unique=True, editable=False)
    # The signed Open Badges 3.0 credential (VC-JWT) and its decoded payload, re-signed on correction.
    credential = models.JSONField(_("credential"), default=dict, blank=True, editable=False)
    credential_jwt = models.TextField(_("signed credential (VC-JWT)"), blank=True, editable=False)
    credential_kid = models.CharField(_("signing key id"), max_length=64, blank=True, editable=False)
    pdf = models.FileField(_("PDF"), upload_to="certificates/pdf/", blank=True, editable=False)
    # The "certificate ready" email: pending while sent_at is empty (recorded in the issuing transaction); a sender
    # claims it first, so two workers or reconcilers never both send it (docs/decisions/0120).
    issued_email_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    issued_email_sent_at = models.DateTimeField(_("email sent"), null=True, blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "course", "kind"],
                condition=Q(status__in=ACTIVE_STATUSES, course__isnull=False),
                name="certificates_one_active_per_holder_course_kind",
            ),
            models.UniqueConstraint(
                fields=["holder", "kind", "scope"],
                condition=Q(status__in=ACTIVE_STATUSES, course__isnull=True),
                name="certificates_one_active_per_holder_scope_kind",
            ),
            models.CheckConstraint(
                condition=~Q(kind="course") | Q(course__isnull=False),
                name="certificates_course_certificate_has_course",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("valid_from")),
                name="certificates_valid_until_after_valid_from",
            ),
        ]
        indexes = [models.Index(fields=["status"])]
        permissions = [
            ("issue_certificate", _("Can issue a certificate as an exception")),
            ("suspend_certificate", _("Can suspend and unsuspend a certificate")),
            ("revoke_certificate", _("Can revoke or withdraw a certificate")),
            ("correct_certificate", _("Can correct a certificate")),
        ]

    def __str__(self):
        return f"{self.achievement_title} – {self.holder_name} ({self.display_code})"

    def get_absolute_url(self):
        return reverse("certificates:verify", kwargs={"code": self.display_code})

    # --- one record -> model methods ---------------------------------------------------------------------------

    @property
    def display_code(self) -> str:
        """The code as printed: groups of four characters joined by dashes."""
        return codes.format_code(self.code)

    def public_url(self) -> str:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.get_absolute_url()

    def is_expired(self, at=None) -> bool:
        at = at or timezone.now()
        return self.valid_until is not None and at >= self.valid_until

    def is_valid(self, at=None) -> bool:
        """Valid at `at` (default now): the test of `CertificateQuerySet.valid` on this row."""
        at = at or timezone.now()
        return self.status == self.Status.VALID and self.valid_from <= at and not self.is_expired(at)

    def effective_status(self, at=None) -> str:
        """The status a verifier sees: revoked/withdrawn/suspended first, then expired, then valid."""
        if self.status != self.Status.VALID:
            return self.status
        return "expired" if self.is_expired(at) else self.Status.VALID

    def localized(self, field: str, language: str | None = None) -> str:
        """`achievement_title` etc. in Bokmål when asked for and present, else English."""
        language = (language or get_language() or "en")[:2]
        if language == "nb":
            value = getattr(self, f"{field}_nb", "")
            if value:
                return value
        return getattr(self, field)

    @cached_property
    def title(self) -> str:
        return self.localized("achievement_title")


class CertificateEvent(models.Model):
    """History of one certificate: issued, suspended, unsuspended, revoked, withdrawn, corrected (append-only)."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Issued")
        SUSPENDED = "suspended", _("Suspended")
        UNSUSPENDED = "unsuspended", _("Unsuspended")
        REVOKED = "revoked", _("Revoked")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CORRECTED = "corrected", _("Corrected")
        RENEWED = "renewed", _("Renewed")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"


class StatusListEntry(models.Model):
    """One position in the Bitstring Status Lists. Allocation is random (herd privacy) and unique in the database.

    A certificate's current position is `Certificate.status_list_index`; a position whose credential was replaced
    on correction stays here with `superseded_at` set and shows as revoked, so the old credential no longer verifies.
    """

    index = models.PositiveIntegerField(_("index"), unique=True)
    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="status_entries")
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)

    class Meta:
        ordering = ["index"]
        verbose_name = _("status list entry")
        verbose_name_plural = _("status list entries")

    def __str__(self):
        return str(self.index)


class SigningKey(models.Model):
    """A public signing key, published in /.well-known/jwks.json from the moment it is staged for as long as the site
    runs. The private half never enters the database: it comes from a mounted secret (see certificates/keys.py).

    States: staged (never activated), active (signs; at most one), superseded (was active, may still sign on a
    server that lacks the active key), retired (never signs again; still published).
    """

    kid = models.CharField(_("key id"), max_length=64, unique=True)
    public_jwk = models.JSONField(_("public key (JWK)"))
    is_active = models.BooleanField(_("signs new credentials"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    activated_at = models.DateTimeField(_("first activated"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="certificates_one_active_key"
            )
        ]

    def __str__(self):
        return self.kid

    @property
    def state(self) -> str:
        if self.is_active:
            return "active"
        if self.retired_at is not None:
            return "retired"
        return "superseded" if self.activated_at is not None else "staged"


class SigningKeyHolder(models.Model):
    """Which private keys a server process holds, as it last reported (certificates/keys.py). `activate` reads these
    to refuse a rotation while a server seen recently cannot sign with the new key."""

    server = models.CharField(_("server process"), max_length=200, unique=True)
    kids = models.JSONField(_("private keys held"), default=list)
    seen_at = models.DateTimeField(_("last report"), default=timezone.now)

    class Meta:
        verbose_name = _("signing key holder")
        verbose_name_plural = _("signing key holders")

    def __str__(self):
        return self.server


class CertificateDesign(ClusterableModel):
    """How certificates look, set by counsellors in the admin. Only the active design is used for new certificates;
    each certificate freezes a copy of it at issue (`Certificate.design`), so later edits never change issued ones."""

    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(_("use for new certificates"), default=False)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    heading = models.CharField(_("heading (English)"), max_length=120, default="Certificate")
    heading_nb = models.CharField(_("heading (Bokmål)"), max_length=120, default="Kursbevis")
    intro = models.CharField(_("text before the name (English)"), max_length=200, default="This certifies that")
    intro_nb = models.CharField(_("text before the name (Bokmål)"), max_length=200, default="Dette bekrefter at")
    completion = models.CharField(
        _("text after the name (English)"), max_length=200, default="has successfully completed"
    )
    completion_nb = models.CharField(
        _("text after the name (Bokmål)"), max_length=200, default="har fullført og bestått"
    )
    footer = models.CharField(_("footer (English)"), max_length=300, blank=True)
    footer_nb = models.CharField(_("footer (Bokmål)"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("is_active"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("heading"), FieldPanel("intro"), FieldPanel("completion"), FieldPanel("footer")],
            heading=_("Wording in English"),
        ),
        MultiFieldPanel(
            [FieldPanel("heading_nb"), FieldPanel("intro_nb"), FieldPanel("completion_nb"), FieldPanel("footer_nb")],
            heading=_("Wording in Bokmål"),
        ),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
    ]

    class Meta:
        ordering = ["-is_active", "name"]
        verbose_name = _("certificate design")
        verbose_name_plural = _("certificate designs")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="certificates_one_active_design"
            )
        ]

    def __str__(self):
        return self.name


class CertificateSignatory(Orderable):
    design = ParentalKey(CertificateDesign, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title (English)"), max_length=120)
    title_nb = models.CharField(_("title (Bokmål)"), max_length=120, blank=True)

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("title_nb")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return self.name


class ExpiryReminder(models.Model):
    """One reminder that a certificate expires soon, sent to the holder and their coordinators. The unique
    constraint makes sending idempotent: one per certificate, lead time and validity (a renewal starts afresh)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="expiry_reminders")
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    valid_until = models.DateTimeField(_("valid until"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["sent_at"]
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before", "valid_until"], name="certificates_one_reminder_per_lead_time"
            )
        ]

    def __str__(self):
        return f"{self.certificate_id}: {self.days_before} days"
