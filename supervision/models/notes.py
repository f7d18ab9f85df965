"""Confidential notes an advisor keeps about a session or a supporter.

Readable only by the author and by lead advisors. Never indexed for search, never in listings, exports, emails,
logs or audit details; deleted after the retention period in SupervisionSettings (`purge_expired_notes`).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms import roles

from ..access import is_lead_advisor


class NoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The notes `user` may read: their own, or all of them for a lead advisor. Nobody else reads any."""

        if user is None or not user.is_authenticated:
            return self.none()
        if is_lead_advisor(user):
            return self

        if not user.has_role(roles.ADVISORS):
            return self.none()
        return self.filter(author=user)

    def about(self, supporter):
        """Notes about one supporter: written on them, or on a one-to-one session with them. Notes on a group
        session concern the whole group and are not handed to any one member (docs/decisions/0052)."""
        return self.filter(Q(supporter=supporter) | Q(session__supporter=supporter, session__kind="one_to_one"))

    def expired(self, *, retention_days: int, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - timedelta(days=retention_days))


class Note(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="supervision_notes"
    )
    session = models.ForeignKey(
        "supervision.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="supervision_notes_about",
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("confidential note")
        verbose_name_plural = _("confidential notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(session__isnull=False) | Q(supporter__isnull=False),
                name="supervision_note_has_subject",
            ),
        ]

    def __str__(self):
        # Never the text: this string can reach logs, audit labels and admin breadcrumbs.
        return str(_("Note %(id)s") % {"id": str(self.public_id)[:8]})

    def clean(self):
        if not self.session_id and not self.supporter_id:
            raise ValidationError(_("A note is about a session or a supporter."))
