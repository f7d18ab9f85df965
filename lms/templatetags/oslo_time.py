"""`{{ value|oslo }}`: a time in Europe/Oslo with the zone named (lms/exports.py)."""

from django import template

from lms.exports import format_oslo

register = template.Library()


@register.filter
def oslo(value):
    return format_oslo(value)
