"""Times and spreadsheet exports of the staff screens, written once.

Every time a staff screen shows or exports is in Europe/Oslo with the zone named, whatever the server's or the
viewer's time zone: `format_oslo` for screens, `OsloExportMixin` for the CSV/XLSX exports of Wagtail views (progress
report, certificates, audit log). The mixin also

- takes the columns once, as `export_fields([(field, label), ...])`, which gives `list_export` and
  `export_headings`, so each heading is its label and is written once;
- names the zone in the heading of each time column ("Time (Europe/Oslo)") and writes the Oslo wall-clock time;
- neutralises CSV cells that a spreadsheet would run as a formula (docs/security.md#spreadsheet-exports).

`ValuesExportMixin` makes a large export cheap (issue 18 item 4; decision 0171): rows are read as tuples
(`values_list`), not model instances, choices are translated once per export, and the listing's context (a table of
every row, its count) is not built for a download.

`csv_safe` is the one neutraliser, and `guard_spreadsheet_exports` routes every Wagtail export through it (the
mixins above apply it too; applying it twice changes nothing, since the result starts with an apostrophe).
"""

from __future__ import annotations

import csv
import datetime
import json
from zoneinfo import ZoneInfo

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.encoding import force_str
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import mixins
from wagtail.admin.views.mixins import ExcelDateFormatter

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

    cell = WriteOnlyCell(worksheet, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _in_language(chunks, language):
    chunks = iter(chunks)
    while True:
        with translation.override(language):
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def _dated_cell(worksheet, value, date_format):
    cell = WriteOnlyCell(worksheet, value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        cell.number_format = date_format
    return cell


def guard_spreadsheet_exports() -> None:
    """Make every Wagtail CSV/XLSX export inert, ours and Wagtail's own (form submissions, reports, snippets), by
    routing Wagtail's SpreadsheetExportMixin through `csv_safe` (CSV: headings and cells) and `xlsx_string_cell`
    (XLSX: headings and cells stored as text). Called once from LmsConfig.ready; idempotent. Exports written by
    hand (the survey's) call the same two functions. tests/lms/test_export_injection.py feeds = + - @ tab CR to
    every export and parses the files."""

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


PLAIN_TYPES = (str, int, float, bool, type(None))


def field_at(model, path):
    """The model field at the end of `path` (names of relations, then the field), or None if there is none."""
    *relations, last = path
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return model._meta.get_field(last)
    except (FieldDoesNotExist, AttributeError):
        return None


class ValuesExportMixin:
    """For a Wagtail view with SpreadsheetExportMixin (a report): the export reads its rows with `values_list`.

    Each field of `list_export` is read by an ORM lookup: "user.email" by "user__email", "get_status_display" by
    "status" with the field's choices as labels; `export_values` names another lookup ("user.institution":
    "user__institution__name") or `(lookups, function)` for a value made of several columns. Headings, Oslo times
    and the guard against formulas are unchanged: the rows go through Wagtail's own writers (patched by
    `guard_spreadsheet_exports`) and `preprocess_field_value` as before. Annotations are read by their names."""

    export_values: dict[str, object] = {}

    def get(self, request, *args, **kwargs):
        if getattr(self, "is_export", False):
            # No listing context for a download: Wagtail's builds a table and counts every row first.
            return self.as_spreadsheet(self.get_filtered_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        self._export_columns = [self._export_column(queryset.model, field) for field in self.list_export]
        lookups = list(
            dict.fromkeys(lookup for column_lookups, _convert in self._export_columns for lookup in column_lookups)
        )
        self._export_positions = [
            [lookups.index(lookup) for lookup in column_lookups] for column_lookups, _convert in self._export_columns
        ]
        response = super().as_spreadsheet(queryset.values_list(*lookups), spreadsheet_format)
        if getattr(response, "streaming", False):
            # The CSV is written while it streams, after the view (and Wagtail's switch to the viewer's admin
            # language) has returned: each chunk is written in the language the request was answered in.
            response.streaming_content = _in_language(response.streaming_content, translation.get_language())
        return response

    def write_xlsx(self, queryset, output):
        """As the guarded writer (headings and text cells stored as text, times with the date format), without a
        cell object for what openpyxl stores as it is: numbers, empty cells, and text that is neither a formula nor
        an error code."""

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Sheet1")
        worksheet.append(
            xlsx_string_cell(worksheet, force_str(self.get_heading(queryset, field))) for field in self.list_export
        )
        date_format = ExcelDateFormatter().get()
        preprocess, xlsx = self.preprocess_field_value, self.FORMAT_XLSX
        for item in queryset:
            row = []
            for field, value in self.to_row_dict(item).items():
                cell = preprocess(field, value, xlsx)
                if isinstance(cell, str):
                    # openpyxl would store "=…" as a formula and "#N/A" as an error: those become text cells.
                    row.append(xlsx_string_cell(worksheet, cell) if cell.startswith(("=", "#")) else cell)
                elif isinstance(value, datetime.datetime):
                    row.append(_dated_cell(worksheet, cell, date_format))
                else:
                    row.append(cell)
            worksheet.append(row)
        workbook.save(output)

    def to_row_dict(self, item):
        if not isinstance(item, tuple):
            return super().to_row_dict(item)
        row = {}
        for field, (_lookups, convert), positions in zip(
            self.list_export, self._export_columns, self._export_positions, strict=True
        ):
            values = [item[position] for position in positions]
            row[field] = convert(*values) if convert else values[0]
        return row

    def _export_column(self, model, field):
        """(lookups, function or None) for one exported field."""
        spec = self.export_values.get(field)
        if isinstance(spec, tuple):
            return tuple(spec[0]), spec[1]
        display = field.startswith("get_") and field.endswith("_display")
        lookup = spec or (field[4:-8] if display else field.replace(".", "__"))
        model_field = self._lookup_field(model, lookup)
        choices = getattr(model_field, "flatchoices", None) if model_field is not None else None
        if display and choices:
            labels = {}

            def label(value, choices=dict(choices), labels=labels):  # noqa: B006 -- bound once, on purpose
                if value not in labels:  # translated once per value and export (the viewer's language)
                    labels[value] = force_str(choices.get(value, value))
                return labels[value]

            return (lookup,), label
        return (lookup,), None

    @staticmethod
    def _lookup_field(model, lookup):
        return field_at(model, lookup.split("__"))


class OsloExportMixin:
    """For a Wagtail view with SpreadsheetExportMixin (IndexView, ReportView): Oslo times, zone-named headings,
    inert CSV cells. Headings come from `export_headings` (see `export_fields`)."""

    def _model_field(self, queryset, field_name):
        return field_at(queryset.model, field_name.split("."))

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        if isinstance(self._model_field(queryset, field), models.DateTimeField):
            return with_zone(heading)
        return heading

    def preprocess_field_value(self, field, value, export_format):
        if type(value) in PLAIN_TYPES and field not in self.custom_field_preprocess:
            # What Wagtail's force_str(strings_only=True) would return, without its per-cell look-ups.
            return csv_safe(value) if export_format == self.FORMAT_CSV else value
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
