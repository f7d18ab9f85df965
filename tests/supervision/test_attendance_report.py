"""The attendance report: per supporter, for a group and a period, scoped by role, CSV/XLSX with label headings
and Oslo times, flat query count; and supporters without an engagement period on the advisor's overview."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervision.models import Attendance, Session

from . import factories

pytestmark = pytest.mark.django_db
URL = "/admin/supervision/reports/attendance/"
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def attended(world):
    """Advisor A's group met on 18 December 2026 at 16:00 Oslo time: s1 present, s2 absent."""
    session = factories.SessionFactory(
        advisor=world.advisor_a,
        group=world.group_a,
        starts_at=datetime(2026, 12, 18, 16, 0, tzinfo=OSLO),
        status=Session.Status.HELD,
        topic="=HYPERLINK(evil)",
    )
    Attendance.objects.create(session=session, supporter=world.s1, status="present")
    Attendance.objects.create(session=session, supporter=world.s2, status="absent")
    other = factories.SessionFactory(
        advisor=world.advisor_b, group=world.group_b, starts_at=datetime(2026, 11, 2, 10, 0, tzinfo=OSLO), status="held"
    )
    Attendance.objects.create(session=other, supporter=world.s3, status="late")
    return session


def rows_of(client, user, query=""):
    client.force_login(user)
    response = client.get(URL + "?export=csv" + query)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


class TestScope:
    @pytest.mark.parametrize(
        ("role", "names"),
        [
            ("advisor_a", {"Supporter One", "Supporter Two"}),
            ("coordinator_b", {"Supporter Three"}),
            ("administrator", {"Supporter One", "Supporter Two", "Supporter Three"}),
            ("lead", {"Supporter One", "Supporter Two", "Supporter Three"}),
        ],
    )
    def test_rows_follow_the_rule(self, client, world, attended, role, names):
        assert {row[0] for row in rows_of(client, getattr(world, role))[1:]} == names

    @pytest.mark.parametrize("role", ["counsellor", "s1"])
    def test_others_are_refused(self, client, world, role):
        client.force_login(getattr(world, role))
        assert client.get(URL).status_code == 302

    def test_anonymous_goes_to_login(self, client, world):
        assert "/login" in client.get(URL).url


class TestFiguresAndExport:
    def test_headings_are_labels_once(self, client, world, attended):
        heading = rows_of(client, world.administrator)[0]
        assert heading[0] == "Supporter" and heading[-1] == "Last session (Europe/Oslo)"
        assert len(heading) == len(set(heading)) and not any("_" in cell or "." in cell for cell in heading)

    def test_counts_and_oslo_time(self, client, world, attended):
        rows = {row[0]: row for row in rows_of(client, world.advisor_a)[1:]}
        # present, late, excused, absent, attended, recorded, last session
        assert rows["Supporter One"][3:] == ["1", "0", "0", "0", "1", "1", "2026-12-18 16:00"]
        assert rows["Supporter Two"][3:] == ["0", "0", "0", "1", "0", "1", "2026-12-18 16:00"]

    def test_period_filter_limits_the_counts(self, client, world, attended):
        rows = {row[0]: row for row in rows_of(client, world.administrator, "&starts_on=2026-12-19")[1:]}
        assert rows["Supporter One"][8] == "0"

    def test_group_filter_limits_rows_and_counts(self, client, world, attended):
        rows = rows_of(client, world.administrator, f"&group={world.group_b.pk}")[1:]
        assert [(row[0], row[4]) for row in rows] == [("Supporter Three", "1")]

    def test_screen_names_the_zone(self, client, world, attended):
        client.force_login(world.advisor_a)
        assert "18 Dec 2026, 16:00 Europe/Oslo" in client.get(URL).content.decode()

    def test_xlsx_downloads(self, client, world, attended):
        client.force_login(world.advisor_a)
        response = client.get(URL + "?export=xlsx")
        assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"

    def test_query_count_is_flat(self, client, world, attended):
        client.force_login(world.administrator)
        client.get(URL)
        with CaptureQueriesContext(connection) as small:
            client.get(URL)
        for _ in range(40):
            membership = factories.GroupMembershipFactory(group=world.group_a)
            Attendance.objects.create(session=attended, supporter=membership.supporter, status="late")
        with CaptureQueriesContext(connection) as large:
            client.get(URL)
        assert len(large) == len(small)


class TestSessionExport:
    def test_sessions_export_oslo_time_label_headings_inert_cells(self, client, world, attended):
        client.force_login(world.advisor_a)
        response = client.get(reverse("supervision_sessions:index") + "?export=csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert rows[0][:3] == ["Topic", "Starts (Europe/Oslo)", "Duration (minutes)"]
        row = next(row for row in rows if "HYPERLINK" in row[0])
        assert (row[0], row[1], row[3]) == ("'=HYPERLINK(evil)", "2026-12-18 16:00", "Group")

    def test_supporters_export_headings_are_labels_once(self, client, world):
        client.force_login(world.advisor_a)
        response = client.get(reverse("supervision_supporters:index") + "?export=csv")
        heading = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert len(heading) == len(set(heading)) and not any("_" in cell or "." in cell for cell in heading)


class TestSupportersWithoutAPeriod:
    def test_they_appear_on_the_advisors_overview(self, client, world):
        world.period2.delete()
        client.force_login(world.advisor_a)
        content = client.get(reverse("supervision_supporters:index")).content.decode()
        section = content[content.index("Supporters without an engagement period") :]
        assert "Supporter Two" in section and "Supporter One" not in section
