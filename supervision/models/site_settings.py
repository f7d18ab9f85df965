"""Programme rules and retention, set per site by administrators in the Wagtail admin (Settings → Supervision)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from home import structure


@register_setting(icon="group")
class SupervisionSettings(BaseSiteSetting):
    required_sessions = models.PositiveSmallIntegerField(
        _("supervision sessions required"),
        default=6,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Sessions attended (present or late) during the engagement period."),
    )
    required_hours = models.PositiveSmallIntegerField(
        _("hours of activity required"), default=20, validators=[MinValueValidator(0), MaxValueValidator(1000)]
    )
    require_course_certificate = models.BooleanField(_("a valid course certificate is required"), default=True)
    note_retention_days = models.PositiveIntegerField(
        _("keep confidential notes for (days)"),
        default=730,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_("Notes older than this are deleted by the purge_expired_notes command."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("require_course_certificate"), FieldPanel("required_sessions"), FieldPanel("required_hours")],
            heading=_("Engagement certificate requirements"),
        ),
        FieldPanel("note_retention_days"),
    ]

    class Meta:
        verbose_name = _("supervision settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    def rules(self):
        from .engagement import Rules  # noqa: PLC0415 - import cycle: supervision.models.engagement imports this module

        return Rules(self.required_sessions, self.required_hours, self.require_course_certificate)

    @classmethod
    def current_rules(cls, request=None):
        """`current(request).rules()` from the structure cache (home.structure), keyed on the site: the rules are the
        same for everyone, and saving a site setting renews the structure version. No query when the cache answers."""

        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            return cls.current(request).rules()
        return structure.cached("supervision-rules", lambda: cls.for_site(site).rules(), site.pk)

    @classmethod
    def current(cls, request=None) -> "SupervisionSettings":
        """Settings for the request's site, else the default site (commands, services), else the defaults unsaved
        (a database without any site)."""

        if request is not None and Site.find_for_request(request) is not None:
            return cls.for_request(request)

        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            return cls()
        return cls.for_site(site)
