"""The audit log screens: rows open their detail, times in Europe/Oslo with the zone named, the detail in the
CSV/XLSX export, headings that are labels (once), inert CSV cells, flat query counts."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.models import AuditEvent
from tests.lms.spreadsheets import csv_rows, xlsx_rows

EXPECTED_HEADINGS = [
    "Time (Europe/Oslo)",
    "Action",
    "Actor",
    "Object type",
    "Object id",
    "Object",
    "IP address",
    "Detail",
    "Event id",
]


def event(**fields):
    values = {"action": "test.thing", "actor_label": "a@example.org", "detail": {"course": "x"}, **fields}
    values.setdefault("created_at", datetime(2026, 12, 18, 15, 0, tzinfo=UTC))
    return AuditEvent.objects.create(**values)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_each_row_links_to_its_detail_in_oslo_time(admin_client, db):
    row = event()
    html = admin_client.get(reverse("audit_log:index")).content.decode()
    assert f'href="{reverse("audit_log:inspect", args=[row.pk])}"' in html
    assert "2026-12-18 16:00 CET (Europe/Oslo)" in html


def test_inspect_shows_oslo_time_with_the_zone_and_the_detail(admin_client, db):
    row = event(detail={"course": "september", "count": 2})
    html = admin_client.get(reverse("audit_log:inspect", args=[row.pk])).content.decode()
    assert "2026-12-18 16:00 CET (Europe/Oslo)" in html
    assert "+00:00" not in html
    assert "&quot;course&quot;: &quot;september&quot;" in html


def test_summer_time_is_named_too(admin_client, db):
    row = event(created_at=datetime(2026, 6, 1, 10, 0, tzinfo=UTC))
    html = admin_client.get(reverse("audit_log:inspect", args=[row.pk])).content.decode()
    assert "2026-06-01 12:00 CEST (Europe/Oslo)" in html


def test_csv_export_has_labels_once_oslo_times_the_detail_and_no_formulas(admin_client, db):
    event(object_label='=HYPERLINK("http://evil.example")', detail={"reason": "+1 day"})
    response = admin_client.get(reverse("audit_log:index") + "?export=csv")
    rows = csv_rows(response)
    assert rows[0] == EXPECTED_HEADINGS
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Time (Europe/Oslo)"] == "2026-12-18 16:00:00"
    assert record["Object"] == '\'=HYPERLINK("http://evil.example")'
    assert record["Detail"] == '{"reason": "+1 day"}'


def test_xlsx_export_has_labels_once_and_oslo_times(admin_client, db):
    event()
    response = admin_client.get(reverse("audit_log:index") + "?export=xlsx")
    rows = xlsx_rows(response)
    assert list(rows[0]) == EXPECTED_HEADINGS
    assert rows[1][0] == datetime(2026, 12, 18, 16, 0)
    assert rows[1][7] == '{"course": "x"}'


@pytest.mark.parametrize("role", ["Trainees", "Counsellors", "Advisors", "Coordinators"])
def test_other_roles_reach_neither_the_list_nor_the_export(client, db, user_factory, role):
    row = event()
    client.force_login(user_factory(role=role, with_totp=role != "Trainees"))
    for url in (reverse("audit_log:index") + "?export=csv", reverse("audit_log:inspect", args=[row.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)


def _list_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("suffix", ["", "?q=test", "?export=csv"])
def test_audit_list_query_count_does_not_grow_with_the_rows(admin_client, db, suffix):
    url = reverse("audit_log:index") + suffix
    for _ in range(3):
        event()
    _list_queries(admin_client, url)  # the first request of a session stores its refresh stamp (decision 0160)
    small = _list_queries(admin_client, url)
    for _ in range(40):
        event()
    assert _list_queries(admin_client, url) == small
