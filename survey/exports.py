"""Every answer of a survey as CSV or XLSX: one row per answer, one column per question, the time first.

No cell is a formula: text that a spreadsheet would evaluate (starting with = + - @, a tab or a carriage return) is
prefixed with an apostrophe, in both formats (docs/security.md#spreadsheet-exports).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from lms.exports import csv_safe

from .results import question_name

neutralise = csv_safe  # text that a spreadsheet would run gets a leading apostrophe (written once, in lms.exports)


def _cell(value) -> str:
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    return neutralise(str(value)) if value not in (None, "") else ""


def export_rows(page):
    """(headings, rows): rows hold the local submit time and the answers, every text neutralised."""
    questions = list(page.form_fields.all())
    names = [question_name(question) for question in questions]
    headings = [_("Submitted"), *(neutralise(question.label) for question in questions)]
    submissions = page.get_submissions().order_by("submit_time", "pk").values_list("submit_time", "form_data")
    rows = (
        [timezone.localtime(submit_time).replace(tzinfo=None, microsecond=0), *(_cell(data.get(n)) for n in names)]
        for submit_time, data in submissions.iterator(chunk_size=2000)
    )
    return headings, rows


def to_csv(page) -> str:
    headings, rows = export_rows(page)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([row[0].isoformat(sep=" "), *row[1:]])
    return buffer.getvalue()


def to_xlsx(page) -> bytes:
    headings, rows = export_rows(page)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Answers")[:31])
    sheet.append(headings)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            else:
                cell.data_type = "s"  # a string, never a formula, whatever it starts with
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
