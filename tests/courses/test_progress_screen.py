"""The training progress report: search by name or email (within what the viewer may see), export headings that are
labels written once, times in Europe/Oslo with the zone named, and a flat query count while searching."""

import io
from datetime import UTC, datetime

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from courses.models import Enrollment, ModuleCompletion
from tests.courses.factories import build_course, enrol, modules_of
from tests.courses.test_queries import capture, make_trainees
from tests.lms.factories import InstitutionFactory, UserFactory
from tests.lms.spreadsheets import csv_rows, xlsx_rows

HEADINGS = [
    "Trainee",
    "Email",
    "Institution",
    "Course",
    "Status",
    "Modules done",
    "Modules",
    "Percent",
    "Last activity (Europe/Oslo)",
    "Quiz attempts",
    "Completed (Europe/Oslo)",
]


@pytest.fixture
def course(db):
    return build_course(modules=2)


def names_found(client, query):
    html = client.get(reverse("courses_admin:progress"), {"q": query}).content.decode()
    return {name for name in ("Ingrid Hansen", "Amir Nilsen") if name in html}


@pytest.fixture
def two_trainees(course):
    enrol(
        UserFactory(role="Trainees", full_name="Ingrid Hansen", preferred_name="Ingi", email="ih@uio.example"), course
    )
    enrol(UserFactory(role="Trainees", full_name="Amir Nilsen", email="amir@oslomet.example"), course)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hansen", {"Ingrid Hansen"}),
        ("INGI", {"Ingrid Hansen"}),
        ("oslomet.example", {"Amir Nilsen"}),
        ("nobody-matches", set()),
        ("", {"Ingrid Hansen", "Amir Nilsen"}),
    ],
)
def test_search_by_name_preferred_name_or_email(client, administrator, two_trainees, query, expected):
    client.force_login(administrator)
    assert names_found(client, query) == expected


def test_search_never_reaches_beyond_the_coordinators_institution(client, course):
    mine, theirs = InstitutionFactory(), InstitutionFactory()
    enrol(UserFactory(role="Trainees", institution=theirs, full_name="Other Student"), course)
    client.force_login(UserFactory(role="Coordinators", with_totp=True, institution=mine))
    html = client.get(reverse("courses_admin:progress"), {"q": "Other"}).content.decode()
    assert "Other Student" not in html


def test_search_applies_to_the_export(client, administrator, two_trainees):
    client.force_login(administrator)
    response = client.get(reverse("courses_admin:progress"), {"q": "amir", "export": "csv"})
    rows = csv_rows(response)
    assert [row[0] for row in rows[1:]] == ["Amir Nilsen"]


def test_csv_headings_are_labels_once_and_times_are_in_oslo(client, administrator, course):
    enrollment = enrol(UserFactory(role="Trainees", full_name="=cmd|calc"), course)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        last_activity_at=datetime(2026, 12, 18, 15, 0, tzinfo=UTC), completed_at=datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    )
    client.force_login(administrator)
    response = client.get(reverse("courses_admin:progress"), {"export": "csv"})
    rows = csv_rows(response)
    assert rows[0] == HEADINGS
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Last activity (Europe/Oslo)"] == "2026-12-18 16:00:00"
    assert record["Completed (Europe/Oslo)"] == "2026-07-01 10:30:00"
    assert record["Trainee"] == "'=cmd|calc"


def test_the_listing_shows_oslo_times_with_the_zone_whatever_the_viewers_time_zone(client, administrator, course):
    enrollment = enrol(UserFactory(role="Trainees"), course)
    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=datetime(2026, 12, 18, 15, 0, tzinfo=UTC))
    profile = UserProfile.get_for_user(administrator)
    profile.current_time_zone = "America/New_York"
    profile.save()
    client.force_login(administrator)
    html = client.get(reverse("courses_admin:progress")).content.decode()
    assert "2026-12-18 16:00 CET (Europe/Oslo)" in html


def test_xlsx_headings_and_oslo_times(client, administrator, course):
    enrollment = enrol(UserFactory(role="Trainees"), course)
    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=datetime(2026, 12, 18, 15, 0, tzinfo=UTC))
    client.force_login(administrator)
    response = client.get(reverse("courses_admin:progress"), {"export": "xlsx"})
    rows = xlsx_rows(response)
    assert list(rows[0]) == HEADINGS
    assert rows[1][8] == datetime(2026, 12, 18, 16, 0)


def test_searching_is_flat_from_10_to_500_trainees(client, db, administrator):
    course = build_course(modules=4)
    modules = modules_of(course)
    client.force_login(administrator)

    def fetch():
        assert client.get(reverse("courses_admin:progress"), {"q": "example"}).status_code == 200

    make_trainees(course, modules, 10)
    small = capture(fetch)
    make_trainees(course, modules, 490)
    assert len(capture(fetch)) == len(small)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_exported_cell_says_what_the_row_holds_in_csv_and_xlsx(client, administrator, language):
    """The export reads tuples, not model instances (lms.exports.ValuesExportMixin): each column still holds the
    institution's name, the course title, the status label in the viewer's admin language, numbers as numbers in
    XLSX, and a formula-like name as inert text (an apostrophe in CSV, a text cell in XLSX)."""
    course_page = build_course(modules=4, title="Active listening")
    modules = modules_of(course_page)
    name = "=cmd|' /C calc'!A0"
    trainee = UserFactory(role="Trainees", full_name=name, institution=InstitutionFactory(name="OsloMet"))
    enrollment = enrol(trainee, course_page)
    ModuleCompletion.objects.create(enrollment=enrollment, module=modules[0], module_title=modules[0].title)
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = language
    profile.save()
    with translation.override(language):
        status = str(Enrollment.Status(enrollment.status).label)
    client.force_login(administrator)
    url = reverse("courses_admin:progress")
    csv_row = csv_rows(client.get(url, {"export": "csv"}))[1]
    assert csv_row[:8] == ["'" + name, trainee.email, "OsloMet", "Active listening", status, "1", "4", "25"]
    response = client.get(url, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert [cell.value for cell in cells[:8]] == [name, trainee.email, "OsloMet", "Active listening", status, 1, 4, 25]
    assert cells[0].data_type == "s"  # stored as text: a spreadsheet shows it, never runs it
    assert language == "en" or status != "Active"  # the Bokmål case is a translation, not the English label


def test_an_error_code_or_formula_as_a_name_is_a_text_cell_in_xlsx(client, administrator, course):
    for name in ("#N/A", "=1+1"):
        enrol(UserFactory(role="Trainees", full_name=name), course)
    client.force_login(administrator)
    response = client.get(reverse("courses_admin:progress"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}
    assert names == {"#N/A": "s", "=1+1": "s"}
