"""The person's privacy pages and the administrator's export: who may use them, and what they do."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.models import AuditEvent
from privacy.models import ErasureRequest
from privacy.services import erasures_execute_due
from tests.lms.factories import TEST_PASSWORD, UserFactory
from tests.lms.helpers import login_with_totp

pytestmark = pytest.mark.django_db

DELETE = reverse("privacy:delete_account")
MY_DATA = reverse("privacy:my_data")


def sign_in(client, user):
    """Signed in, and just confirmed the password on allauth's reauthentication page."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302


class TestMyData:
    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.get(MY_DATA)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]

    def test_the_page_lists_the_sections_and_links_the_download(self, client, trainee):
        client.force_login(trainee)
        page = client.get(MY_DATA).content.decode()
        assert "Download your data (JSON)" in page and trainee.email in page
        assert "What is not included, and why" in page

    def test_the_download_is_json_about_the_signed_in_person_only(self, client, trainee):
        other = UserFactory(role="Trainees")
        client.force_login(trainee)
        response = client.get(MY_DATA, {"format": "json"})
        assert response["Content-Type"].startswith("application/json")
        assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
        data = json.loads(response.content)
        assert data["person"]["email"] == trainee.email
        assert other.email not in response.content.decode()

    def test_each_export_is_audited(self, client, trainee):
        client.force_login(trainee)
        client.get(MY_DATA, {"format": "json"})
        event = AuditEvent.objects.get(action="personal_data.exported")
        assert event.actor == trainee and event.detail["by_administrator"] is False

    def test_post_is_refused(self, client, trainee):
        client.force_login(trainee)
        assert client.post(MY_DATA).status_code == 405


class TestAdministratorExport:
    def url(self, person):
        return reverse("privacy_admin:export_person", args=[person.pk])

    def test_an_administrator_exports_a_person_audited_with_who(self, client, administrator, trainee):
        login_with_totp(client, administrator.email)
        response = client.get(self.url(trainee))
        assert response.status_code == 200
        assert json.loads(response.content)["person"]["email"] == trainee.email
        event = AuditEvent.objects.get(action="personal_data.exported")
        assert (event.actor, event.object_id, event.detail["by_administrator"]) == (
            administrator,
            str(trainee.pk),
            True,
        )

    def test_the_user_listing_links_the_export(self, client, administrator, trainee):
        login_with_totp(client, administrator.email)
        page = client.get(reverse("wagtailusers_users:index")).content.decode()
        assert self.url(trainee) in page

    @pytest.mark.parametrize("role", ["Coordinators", "Advisors", "Counsellors"])
    def test_other_staff_may_not(self, client, role, trainee):
        staff = UserFactory(role=role, with_totp=True)
        login_with_totp(client, staff.email)
        assert client.get(self.url(trainee)).status_code in (302, 403)
        assert not AuditEvent.objects.filter(action="personal_data.exported").exists()

    def test_a_trainee_may_not(self, client, trainee):
        other = UserFactory(role="Trainees")
        client.force_login(trainee)
        assert client.get(self.url(other)).status_code in (302, 403)

    def test_an_unknown_person_is_404(self, client, administrator):
        login_with_totp(client, administrator.email)
        assert client.get(reverse("privacy_admin:export_person", args=[999999])).status_code == 404


class TestDeleteAccount:
    def test_anonymous_is_sent_to_sign_in(self, client):
        assert client.get(DELETE).status_code == 302

    def test_posting_needs_a_fresh_sign_in(self, client, trainee):
        client.force_login(trainee)  # signed in, but no authentication recorded in this session
        response = client.post(DELETE, {"certificate_choice": "keep", "confirm": "on"})
        assert response.status_code == 302 and "reauthenticate" in response["Location"]
        assert not ErasureRequest.objects.exists()

    def test_after_confirming_the_password_the_request_goes_through(self, client, trainee):
        client.force_login(trainee)
        asked = client.post(DELETE, {"certificate_choice": "keep", "confirm": "on"})
        response = client.post(asked["Location"], {"password": TEST_PASSWORD}, follow=True)
        assert response.status_code == 200
        assert ErasureRequest.objects.pending().filter(user=trainee).count() == 1

    def test_a_wrong_password_erases_nothing(self, client, trainee):
        client.force_login(trainee)
        asked = client.post(DELETE, {"certificate_choice": "keep", "confirm": "on"})
        client.post(asked["Location"], {"password": "not-my-password"})
        assert not ErasureRequest.objects.exists()

    def test_a_request_waits_14_days_and_is_confirmed_by_email(
        self, client, trainee, django_capture_on_commit_callbacks
    ):
        sign_in(client, trainee)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(DELETE, {"certificate_choice": "withdraw", "confirm": "on"}, follow=True)
        erasure = ErasureRequest.objects.get(user=trainee)
        assert erasure.certificate_choice == "withdraw"
        assert timedelta(days=13, hours=23) < erasure.execute_after - timezone.now() <= timedelta(days=14)
        assert "Your account will be deleted on" in response.content.decode()
        assert [m.to for m in mail.outbox] == [[trainee.email]]
        assert AuditEvent.objects.filter(action="account.erasure_requested", actor=trainee).exists()

    def test_the_email_is_in_the_persons_language(self, client, django_capture_on_commit_callbacks):
        person = UserFactory(role="Trainees", language="nb")
        sign_in(client, person)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(DELETE, {"certificate_choice": "keep", "confirm": "on"})
        assert mail.outbox[0].subject == "Kontoen din blir slettet"

    @pytest.mark.parametrize(
        "data, message",
        [
            ({"confirm": "on"}, "Choose what happens to your certificates."),
            ({"certificate_choice": "keep"}, "Tick the box to confirm"),
            ({"certificate_choice": "burn", "confirm": "on"}, "Select a valid choice"),
        ],
    )
    def test_bad_input_says_why_and_saves_nothing(self, client, trainee, data, message):
        sign_in(client, trainee)
        response = client.post(DELETE, data)
        assert response.status_code == 400 and message in response.content.decode()
        assert not ErasureRequest.objects.exists()

    def test_cancelling_keeps_the_account(self, client, trainee):
        sign_in(client, trainee)
        client.post(DELETE, {"certificate_choice": "keep", "confirm": "on"})
        client.post(DELETE, {"action": "cancel"})
        assert not ErasureRequest.objects.pending().exists()
        assert erasures_execute_due(now=timezone.now() + timedelta(days=15)) == 0
        trainee.refresh_from_db()
        assert not trainee.is_erased

    def test_the_periodic_job_erases_after_the_waiting_period_only(self, client, trainee):
        sign_in(client, trainee)
        client.post(DELETE, {"certificate_choice": "keep", "confirm": "on"})
        assert erasures_execute_due(now=timezone.now() + timedelta(days=13)) == 0
        assert erasures_execute_due(now=timezone.now() + timedelta(days=14, minutes=1)) == 1
        assert erasures_execute_due(now=timezone.now() + timedelta(days=15)) == 0  # idempotent
        trainee.refresh_from_db()
        assert trainee.is_erased and not trainee.is_active
        assert ErasureRequest.objects.get(user=trainee).executed_at is not None

    def test_asking_twice_keeps_one_request(self, client, trainee):
        sign_in(client, trainee)
        client.post(DELETE, {"certificate_choice": "keep", "confirm": "on"})
        client.post(DELETE, {"certificate_choice": "keep", "confirm": "on"})
        assert ErasureRequest.objects.filter(user=trainee).count() == 1
