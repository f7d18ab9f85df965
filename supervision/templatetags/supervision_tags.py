"""Template filters of the supervision screens."""

from django import template

from ..oslo import oslo_display

register = template.Library()


@register.filter
def oslo(value, fmt="j M Y, H:i"):
    """`{{ session.starts_at|oslo }}` → "18 Dec 2026, 16:00 Europe/Oslo", whatever the user's own time zone."""
    return oslo_display(value, fmt)
