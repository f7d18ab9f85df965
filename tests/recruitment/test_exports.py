"""CSV/XLSX exports of the pipeline: the visible applications only, no interview notes, no formulas."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from recruitment import services
from recruitment.admin_views import neutralise
from recruitment.models import Application

pytestmark = pytest.mark.django_db


def test_csv_export_neutralises_formulas_and_is_scoped(client, world):
    Application.objects.filter(pk=world.app_a.pk).update(study_programme='=HYPERLINK("http://evil")', languages="+1")
    client.force_login(world.coordinator_a)
    response = client.get(reverse("recruitment_applications:index") + "?export=csv")
    content = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in content
    assert ",'+1," in content
    assert "Applicant Alma" in content and "Applicant Cid" in content
    assert "Applicant Bo" not in content
    assert "I want to help" not in content  # motivation is not exported


def test_xlsx_export_has_no_formula_cells(client, world):
    Application.objects.filter(pk=world.app_a.pk).update(study_programme="=1+1")
    client.force_login(world.coordinator_a)
    response = client.get(reverse("recruitment_applications:index") + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'=1+1" in [cell.value for cell in cells]


@pytest.mark.parametrize("value", ["=1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise(value):
    assert neutralise(value) == "'" + value


def test_neutralise_leaves_plain_text_and_numbers():
    assert neutralise("Nursing") == "Nursing"
    assert neutralise(5) == 5


def test_slot_export_lists_free_and_booked_times(client, world):
    services.slot_book(slot=world.slot_a, application=world.app_a, actor=world.applicant_a)
    client.force_login(world.coordinator_a)
    response = client.get(reverse("recruitment_slots:index") + "?export=csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 3  # heading, booked slot_a, free slot_a2
    assert sum("Applicant Alma" in line for line in lines) == 1
