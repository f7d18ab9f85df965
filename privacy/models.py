"""What privacy keeps of its own: pending erasure requests (the cooling-off period) and the retention periods."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

COOLING_OFF_DAYS = 14


class CertificateChoice(models.TextChoices):
    KEEP = "keep", _("Keep them verifiable (my name stays on the certificate record only)")
    WITHDRAW = "withdraw", _("Withdraw them (the verify page says withdrawn at my request, without my name)")


class ErasureRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(cancelled_at__isnull=True, executed_at__isnull=True)

    def due(self, at=None):
        return self.pending().filter(execute_after__lte=at or timezone.now())


class ErasureRequest(models.Model):
    """A person asked to delete their own account. Nothing is erased until `execute_after` (the cooling-off period,
    which they can cancel by signing in); then the periodic job `execute_erasures` calls `lms.services.user_erase`.

    At most one pending request per person (database constraint). After execution the row keeps only times and the
    choice, pointing at the nameless placeholder account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    execute_after = models.DateTimeField(_("erase after"))
    certificate_choice = models.CharField(
        _("certificates"), max_length=10, choices=CertificateChoice.choices, default=CertificateChoice.KEEP
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    executed_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = ErasureRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(cancelled_at__isnull=True, executed_at__isnull=True),
                name="privacy_one_pending_erasure_per_user",
            )
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.requested_at:%Y-%m-%d}"

    @staticmethod
    def deadline(at=None):
        return (at or timezone.now()) + timedelta(days=COOLING_OFF_DAYS)


def _days(label, default, help_text, minimum=1):
    return models.PositiveIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(minimum), MaxValueValidator(3650)],
        help_text=help_text,
    )


@register_setting(icon="lock")
class RetentionSettings(BaseSiteSetting):
    """How long each category of personal data is kept. The privacy page shows these very numbers
    (`privacy.retention.periods`), and `manage.py purge_personal_data` deletes what is older. Supervision notes and
    closed applications keep their own settings (supervision and recruitment settings); the list includes them."""

    activity_log_days = _days(
        _("keep activity logs for (days)"),
        3 * 365,
        _("Logged peer-support activity older than this is deleted (engagement totals are kept on the period)."),
        minimum=30,
    )
    audit_log_days = _days(
        _("keep the security log for (days)"),
        2 * 365,
        _("Security events (logins, role changes …) older than this are deleted."),
        minimum=90,
    )
    inactive_account_days = _days(
        _("erase accounts unused for (days)"),
        3 * 365,
        _("Accounts nobody has signed in to for this long are warned by email, then erased."),
        minimum=180,
    )
    inactive_warning_days = _days(
        _("warn inactive accounts this many days before erasing"),
        30,
        _("The warning email goes out this long before the erasure; signing in cancels it."),
        minimum=7,
    )
    task_result_days = _days(
        _("keep background task results for (days)"),
        30,
        _("Finished background tasks (emails sent, PDFs rendered) hold addresses; older results are deleted."),
    )

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that shows these periods (under its body, generated from these settings)."),
    )

    panels = [
        FieldPanel("privacy_page"),
        MultiFieldPanel(
            [
                FieldPanel("activity_log_days"),
                FieldPanel("audit_log_days"),
                FieldPanel("inactive_account_days"),
                FieldPanel("inactive_warning_days"),
                FieldPanel("task_result_days"),
            ],
            heading=_("Retention"),
        ),
    ]

    class Meta:
        verbose_name = _("retention periods")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls, request=None) -> RetentionSettings:
        if request is not None and Site.find_for_request(request) is not None:
            return cls.for_request(request)
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        return cls() if site is None else cls.for_site(site)


class InactivityWarning(models.Model):
    """The email that warned a person their unused account will be erased (one per period of inactivity)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    last_login_at_warning = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inactivity warning")
        verbose_name_plural = _("inactivity warnings")

    def __str__(self):
        return f"{self._meta.verbose_name} {self.sent_at:%Y-%m-%d}"


class Alumnus(models.Model):
    """A supporter whose engagement has ended and who chose to stay: they keep their account and certificates, but
    leave the active lists (the Trainees role goes) and get no expiry reminders. Counted per institution for
    coordinators. Choosing to leave instead is an erasure request."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="alumnus"
    )
    institution = models.ForeignKey(
        "lms.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    since = models.DateTimeField(_("alumnus since"), default=timezone.now)

    class Meta:
        ordering = ["-since"]
        verbose_name = _("alumnus")
        verbose_name_plural = _("alumni")

    def __str__(self):
        return str(self._meta.verbose_name)
