"""Quiz attempts: what a trainee was shown, what they answered and how it scored.

An attempt stores the page revision it started against and a snapshot of the questions it showed (with their key,
kept on the server), so its score never changes when the quiz is edited. See docs/decisions/0031.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.i18n import content_language

from .. import scoring
from .progress import Enrollment


class QuizAttemptQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def in_progress(self):
        return self.filter(status=QuizAttempt.Status.IN_PROGRESS)

    def submitted(self):
        return self.filter(status=QuizAttempt.Status.SUBMITTED)

    def for_module(self, enrollment, module):
        return self.filter(enrollment=enrollment, module=module)


class QuizAttempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="quiz_attempts")
    module = models.ForeignKey("wagtailcore.Page", verbose_name=_("module"), on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("quiz revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The published revision of the module this attempt started against."),
    )
    attempt_number = models.PositiveSmallIntegerField(_("attempt"))
    questions = models.JSONField(_("questions shown"), default=list)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    correct_count = models.PositiveSmallIntegerField(_("correct answers"), null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = QuizAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["started_at", "id"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "module", "attempt_number"], name="courses_attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["enrollment", "module"],
                condition=Q(status="in_progress"),
                name="courses_one_open_attempt_per_module",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress") | Q(score__isnull=False, passed__isnull=False),
                name="courses_submitted_attempt_is_scored",
            ),
        ]

    def __str__(self):
        return f"{self.user} – attempt {self.attempt_number}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def localized_questions(self, language: str | None = None) -> list[dict]:
        """The snapshot with its texts in the reader's content language (home.i18n); same ids, order and key."""

        return scoring.localize(self.questions, content_language(language))

    def public_questions(self, language: str | None = None) -> list[dict]:
        """The questions as a trainee may see them before submitting (no key, no feedback)."""
        return scoring.public_questions(self.localized_questions(language))

    def review(self, *, show_key: bool, language: str | None = None) -> list[dict]:
        """Per question: the chosen choices with their feedback, whether it was right and, if `show_key`, the key."""
        chosen_by_question = self.answers or {}
        review = []
        for question in self.localized_questions(language):
            chosen = set(chosen_by_question.get(question["id"]) or [])
            correct_ids = {choice["id"] for choice in question["choices"] if choice["correct"]}
            choices = []
            for choice in question["choices"]:
                item = {"id": choice["id"], "text": choice["text"], "chosen": choice["id"] in chosen}
                if item["chosen"] or show_key:
                    item["feedback"] = choice["feedback"]
                if show_key:
                    item["correct"] = choice["correct"]
                choices.append(item)
            review.append(
                {
                    "id": question["id"],
                    "type": question["type"],
                    "prompt": question["prompt"],
                    "case": question.get("case", ""),
                    "right": bool(chosen) and chosen == correct_ids,
                    "choices": choices,
                    "explanation": question.get("explanation", "") if show_key else "",
                }
            )
        return review
