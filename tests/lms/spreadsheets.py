"""Read the CSV/XLSX a Wagtail export view streamed, as lists of rows (for the export tests of every app)."""

import csv
import io

import openpyxl


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
