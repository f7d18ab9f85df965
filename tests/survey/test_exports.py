"""The CSV and XLSX exports, read back by independent readers (the csv module, openpyxl): every answer, every
question, and no cell a formula."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from survey.exports import neutralise

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture
def answered(survey):
    for n, text in enumerate(HOSTILE):
        FormSubmission.objects.create(
            page=survey,
            form_data={
                "what_do_you_want": ["Someone to talk to", "Meeting other students"],
                "how_likely": 1 + n % 5,
                "how_to_meet": "Online",
                "anything_else": text,
                **({"email_for_a_reply": "ola@example.org"} if n == 0 else {}),
            },
        )
    return survey


def download(client, user, name, survey):
    client.force_login(user)
    response = client.get(reverse(name, args=[survey.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response


def test_csv_has_every_answer_and_no_formula(client, counsellor, answered):
    response = download(client, counsellor, "survey_admin:export_csv", answered)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="survey-{answered.slug}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Submitted",
        "What do you want?",
        "How likely?",
        "How to meet?",
        "Anything else?",
        "Email for a reply",
    ]
    assert len(rows) == 1 + len(HOSTILE)
    assert rows[1][1] == "Someone to talk to; Meeting other students"
    assert rows[1][2] == "1" and rows[1][5] == "ola@example.org"
    texts = [row[4] for row in rows[1:]]
    assert texts == ["'" + text for text in HOSTILE]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_xlsx_has_every_answer_and_no_formula(client, administrator, answered):
    response = download(client, administrator, "survey_admin:export_xlsx", answered)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1:] == ("What do you want?", "How likely?", "How to meet?", "Anything else?", "Email for a reply")
    assert len(rows) == 1 + len(HOSTILE)
    assert [row[4] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    for row in sheet.iter_rows(min_row=2):
        assert row[0].is_date
        for cell in row[1:]:
            assert cell.data_type != "f", cell.value
    # openpyxl keeps formulas as data_type "f"; read without the cached values, nothing is a formula either.
    formulas = openpyxl.load_workbook(io.BytesIO(response.content), data_only=False).active
    assert not any(cell.data_type == "f" for row in formulas.iter_rows() for cell in row)


def test_a_label_that_looks_like_a_formula_is_neutralised_too(client, counsellor, survey):
    question = survey.form_fields.first()
    question.label = "=cmd|' /C calc'!A0"
    question.save()
    rows = list(
        csv.reader(io.StringIO(download(client, counsellor, "survey_admin:export_csv", survey).content.decode()))
    )
    assert rows[0][1] == "'=cmd|' /C calc'!A0"


def test_an_empty_survey_exports_only_the_headings(client, counsellor, survey):
    rows = list(
        csv.reader(io.StringIO(download(client, counsellor, "survey_admin:export_csv", survey).content.decode()))
    )
    assert len(rows) == 1
    sheet = openpyxl.load_workbook(io.BytesIO(download(client, counsellor, "survey_admin:export_xlsx", survey).content))
    assert sheet.active.max_row == 1


@pytest.mark.parametrize(("value", "expected"), [("plain", "plain"), ("=1", "'=1"), ("a=1", "a=1"), ("", "")])
def test_neutralise(value, expected):
    assert neutralise(value) == expected
