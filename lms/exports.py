"""Times and spreadsheet exports of the staff screens, written once.

Every time a staff screen shows or exports is in Europe/Oslo with the zone named, whatever the server's or the
viewer's time zone: `format_oslo` for screens, `OsloExportMixin` for the CSV/XLSX exports of Wagtail views (progress
report, certificates, audit log). The mixin also

- takes the columns once, as `export_fields([(field, label), ...])`, which gives `list_export` and
  `export_headings`, so each heading is its label and is written once;
- names the zone in the heading of each time column ("Time (Europe/Oslo)") and writes the Oslo wall-clock time;
- neutralises CSV cells that a spreadsheet would run as a formula (docs/security.md#spreadsheet-exports).

`csv_safe` is the one neutraliser, and `guard_spreadsheet_exports` routes every Wagtail export through it (the
mixins above apply it too; applying it twice changes nothing, since the result starts with an apostrophe).
"""

from __future__ import annotations

import datetime
import json
from zoneinfo import ZoneInfo

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.encoding import force_str
from wagtail.admin.ui.tables import Column

ZONE_NAME = "Europe/Oslo"
OSLO = ZoneInfo(ZONE_NAME)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_oslo(value: datetime.datetime) -> datetime.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(OSLO)


def format_oslo(value: datetime.datetime | None) -> str:
    """'2026-12-18 16:00 CET (Europe/Oslo)': Oslo wall-clock time with its abbreviation and zone, for screens."""
    if value is None:
        return "—"
    local = to_oslo(value)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({ZONE_NAME})"


def csv_safe(value):
    """A text cell a spreadsheet would evaluate ('=HYPERLINK(…)') gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_string_cell(worksheet, value):
    """An openpyxl write-only cell that is never a formula: text is stored as text, whatever it starts with."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(worksheet, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def guard_spreadsheet_exports() -> None:
    """Make every Wagtail CSV/XLSX export inert, ours and Wagtail's own (form submissions, reports, snippets), by
    routing Wagtail's SpreadsheetExportMixin through `csv_safe` (CSV: headings and cells) and `xlsx_string_cell`
    (XLSX: headings and cells stored as text). Called once from LmsConfig.ready; idempotent. Exports written by
    hand (the survey's) call the same two functions. tests/lms/test_export_injection.py feeds = + - @ tab CR to
    every export and parses the files."""
    import csv

    from wagtail.admin.views import mixins

    cls = mixins.SpreadsheetExportMixin
    if getattr(cls, "_psa_guarded", False):
        return
    original_cell = cls.generate_xlsx_row

    def stream_csv(self, queryset):
        writer = csv.DictWriter(mixins.Echo(), fieldnames=self.list_export)
        yield writer.writerow({field: csv_safe(self.get_heading(queryset, field)) for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in original_cell(self, worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            yield cell

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Sheet1")
        worksheet.append(
            xlsx_string_cell(worksheet, force_str(self.get_heading(queryset, field))) for field in self.list_export
        )
        date_format = mixins.ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format))
        workbook.save(output)

    cls.stream_csv = stream_csv
    cls.write_csv_row = write_csv_row
    cls.generate_xlsx_row = generate_xlsx_row
    cls.write_xlsx = write_xlsx
    cls._psa_guarded = True


def with_zone(label) -> str:
    return f"{force_str(label)} ({ZONE_NAME})"


def export_fields(columns: list[tuple[str, object]]) -> tuple[list[str], dict[str, object]]:
    """`list_export` and `export_headings` from one list of (field, label): each heading is written once."""
    return [field for field, _label in columns], dict(columns)


class OsloExportMixin:
    """For a Wagtail view with SpreadsheetExportMixin (IndexView, ReportView): Oslo times, zone-named headings,
    inert CSV cells. Headings come from `export_headings` (see `export_fields`)."""

    def _model_field(self, queryset, field_name):
        model = queryset.model
        *relations, last = field_name.split(".")
        try:
            for relation in relations:
                model = model._meta.get_field(relation).related_model
            return model._meta.get_field(last)
        except (FieldDoesNotExist, AttributeError):
            return None

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        if isinstance(self._model_field(queryset, field), models.DateTimeField):
            return with_zone(heading)
        return heading

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            local = to_oslo(value).replace(tzinfo=None)
            return local if export_format == self.FORMAT_XLSX else local.isoformat(sep=" ", timespec="seconds")
        if isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        value = super().preprocess_field_value(field, value, export_format)
        return csv_safe(value) if export_format == self.FORMAT_CSV else value


class OsloInspectMixin:
    """For a Wagtail InspectView: datetime fields shown in Oslo time with the zone named."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime) or (value is None and isinstance(field, models.DateTimeField)):
            return format_oslo(value)
        if field_name == "detail" and isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
        return value


class OsloTimeColumn(Column):
    """A listing column that shows a time as '2026-12-18 16:00 CET (Europe/Oslo)', whatever the viewer's own time
    zone preference, so a list says the same as its export and its detail page."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return format_oslo(value) if isinstance(value, datetime.datetime) else value
