"""What every supervision export shares: label headings (never raw field names), Oslo times, inert cells."""

from __future__ import annotations

from datetime import datetime

from lms.exports import PLAIN_TYPES
from lms.exports import csv_safe as inert

from .oslo import oslo_export


class SupervisionExportMixin:
    """Mixed into the index views of supervision's viewsets and its reports (before Wagtail's export mixin).

    Datetimes leave as "YYYY-MM-DD HH:MM" in Europe/Oslo (the headings say so), whatever the user's time zone;
    strings are made inert; a heading is always the label in `export_headings`."""

    def preprocess_field_value(self, field, value, export_format):
        if type(value) in PLAIN_TYPES and field not in self.custom_field_preprocess:
            return inert(value)  # what Wagtail's force_str(strings_only=True) gives, without per-cell look-ups
        if isinstance(value, datetime):
            return oslo_export(value)
        return inert(super().preprocess_field_value(field, value, export_format))
