from django import template
from django.utils.translation import gettext_lazy as _

from ..models import RetentionSettings
from ..retention import periods

register = template.Library()

SECTION_TITLES = {
    "account": _("Account"),
    "security": _("Security log"),
    "training": _("Training"),
    "certificates": _("Certificates"),
    "supervision": _("Supervision"),
    "recruitment": _("Recruitment"),
    "content": _("Content and files"),
}


@register.simple_tag
def section_title(key):
    return SECTION_TITLES.get(key, key)


@register.inclusion_tag("privacy/retention_periods.html", takes_context=True)
def retention_periods(context, page=None):
    """The retention periods as set in the site settings, shown under the privacy page chosen there (nothing on any
    other page). Generated from the settings, so the page never disagrees with what the purge does."""

    settings = RetentionSettings.current(context.get("request"))
    shown = page is None or (settings.privacy_page_id is not None and page.pk == settings.privacy_page_id)
    return {"periods": periods() if shown else None, "request": context.get("request")}
