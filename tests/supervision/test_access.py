"""Role × route × object: who reaches which supervision screen and which objects."""

import json

import pytest
from django.urls import reverse

from .conftest import SENTINEL
from .factories import AdvisorAssignmentFactory, NoteFactory, OneToOneSessionFactory

pytestmark = pytest.mark.django_db


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


class TestAdvisorsSeeOnlyTheirOwn:
    def test_advisor_a_lists_only_their_supporters(self, client, world):
        content = get(client, world.advisor_a, reverse("supervision_supporters:index")).content.decode()
        assert ("Supporter One" in content, "Supporter Three" in content) == (True, False)

    def test_advisor_a_lists_only_their_sessions(self, client, world):
        content = get(client, world.advisor_a, reverse("supervision_sessions:index")).content.decode()
        assert ("Session of A" in content, "Session of B" in content) == (True, False)

    def test_advisor_a_gets_404_for_advisor_bs_session(self, client, world):
        url = reverse("supervision_admin:session_detail", args=[world.session_b.pk])
        assert get(client, world.advisor_a, url).status_code == 404

    def test_advisor_a_gets_404_editing_advisor_bs_session(self, client, world):
        url = reverse("supervision_sessions:edit", args=[world.session_b.pk])
        assert get(client, world.advisor_a, url).status_code == 404

    def test_advisor_a_gets_404_for_advisor_bs_attendance_screen(self, client, world):
        url = reverse("supervision_admin:session_attendance", args=[world.session_b.pk])
        assert get(client, world.advisor_a, url).status_code == 404

    def test_advisor_a_gets_404_for_advisor_bs_supporter(self, client, world):
        url = reverse("supervision_admin:supporter_detail", args=[world.period3.pk])
        assert get(client, world.advisor_a, url).status_code == 404

    def test_advisor_a_gets_404_for_advisor_bs_note(self, client, world):
        url = reverse("supervision_admin:note_edit", args=[world.note_b.public_id])
        assert get(client, world.advisor_a, url).status_code == 404

    def test_advisor_a_gets_404_for_advisor_bs_group(self, client, world):
        url = reverse("supervision_admin:group_members", args=[world.group_b.pk])
        assert get(client, world.advisor_a, url).status_code == 404

    def test_advisor_a_cannot_add_a_note_on_advisor_bs_session(self, client, world):
        url = reverse("supervision_admin:note_add", args=["session", world.session_b.pk])
        assert get(client, world.advisor_a, url).status_code == 404

    def test_advisor_cannot_plan_a_session_for_someone_elses_group(self, client, world):
        client.force_login(world.advisor_a)
        response = client.get(reverse("supervision_sessions:add"))
        assert "Group B" not in response.content.decode()

    def test_lead_sees_every_supporter(self, client, world):
        content = get(client, world.lead, reverse("supervision_supporters:index")).content.decode()
        assert all(name in content for name in ("Supporter One", "Supporter Two", "Supporter Three"))


class TestCoordinators:
    def test_coordinator_lists_only_their_institution(self, client, world):
        content = get(client, world.coordinator_a, reverse("supervision_supporters:index")).content.decode()
        assert ("Supporter One" in content, "Supporter Three" in content) == (True, False)

    def test_coordinator_sees_counts_and_hours(self, client, world):
        content = get(client, world.coordinator_a, reverse("supervision_supporters:index")).content.decode()
        assert "0 / 6" in content

    def test_coordinator_gets_404_for_another_institution(self, client, world):
        url = reverse("supervision_admin:supporter_detail", args=[world.period3.pk])
        assert get(client, world.coordinator_b, url).status_code == 200
        assert get(client, world.coordinator_a, url).status_code == 404

    def test_coordinator_has_no_session_screens(self, client, world):
        response = get(client, world.coordinator_a, reverse("supervision_sessions:index"))
        assert response.status_code == 302  # Wagtail's "permission denied" redirect

    def test_coordinator_cannot_write_notes(self, client, world):
        url = reverse("supervision_admin:note_add", args=["supporter", world.period1.pk])
        response = get(client, world.coordinator_a, url)
        assert response.status_code == 302


class TestOtherRoles:
    @pytest.mark.parametrize("who", ["counsellor", "s1"])
    def test_no_supporter_listing(self, client, world, who):
        response = get(client, getattr(world, who), reverse("supervision_supporters:index"))
        assert response.status_code == 302

    def test_supporter_is_kept_out_of_the_admin_detail(self, client, world):
        url = reverse("supervision_admin:supporter_detail", args=[world.period1.pk])
        response = get(client, world.s1, url)
        assert response.status_code == 302

    def test_anonymous_is_sent_to_login_from_supporter_pages(self, client, world):
        response = client.get(reverse("supervision:home"))
        assert response.status_code == 302 and "/accounts/login/" in response.url


class TestSupportersSeeOnlyTheirOwn:
    def test_supporter_page_lists_own_upcoming_session(self, client, world):
        content = get(client, world.s1, reverse("supervision:home")).content.decode()
        assert ("Session of A" in content, "Session of B" in content) == (True, False)

    def test_calendar_of_someone_elses_session_is_404(self, client, world):
        url = reverse("supervision:session_calendar", args=[world.session_b.public_id])
        assert get(client, world.s1, url).status_code == 404

    def test_calendar_of_own_session_downloads(self, client, world):
        url = reverse("supervision:session_calendar", args=[world.session_a.public_id])
        response = get(client, world.s1, url)
        assert (response.status_code, response["Content-Type"].split(";")[0]) == (200, "text/calendar")

    def test_my_data_contains_the_notes_about_me_and_not_group_session_notes(self, client, world):
        data = json.loads(get(client, world.s1, reverse("supervision:my_data")).content)
        texts = [note["text"] for note in data["confidential_notes_about_you"]]
        assert texts == [f"{SENTINEL} about s1"]

    def test_my_data_includes_notes_on_my_one_to_one_sessions(self, client, world):
        session = OneToOneSessionFactory(advisor=world.advisor_a, supporter=world.s2)
        NoteFactory(author=world.advisor_a, supporter=None, session=session, text="one-to-one note")
        data = json.loads(get(client, world.s2, reverse("supervision:my_data")).content)
        assert [note["text"] for note in data["confidential_notes_about_you"]] == ["one-to-one note"]

    def test_my_data_of_another_supporter_has_no_notes_about_s1(self, client, world):
        data = json.loads(get(client, world.s3, reverse("supervision:my_data")).content)
        assert [note["text"] for note in data["confidential_notes_about_you"]] == [f"{SENTINEL} by B"]


class TestAssignments:
    """Advisors do not hold "change" on assignments (decision 0056): every edit screen refuses them, the same answer
    for their own supporter's assignment and for anyone else's (so it confirms nothing)."""

    def test_advisor_a_is_refused_editing_an_assignment_of_advisor_bs_supporter(self, client, world):
        assignment = AdvisorAssignmentFactory(advisor=world.advisor_b, supporter=world.s3)
        url = reverse("supervision_assignments:edit", args=[assignment.pk])
        assert get(client, world.advisor_a, url).status_code == 302

    def test_advisor_is_refused_editing_their_own_assignment(self, client, world):
        assignment = AdvisorAssignmentFactory(advisor=world.advisor_a, supporter=world.s1)
        url = reverse("supervision_assignments:edit", args=[assignment.pk])
        response = get(client, world.advisor_a, url)
        assert (response.status_code, response.url) == (302, "/admin/")
