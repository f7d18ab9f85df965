"""The institutions page: every active institution under its peer-support status, and the contact form that emails
the programme (site settings) — with its honeypot, time-trap, replay guard, rate limit and header-safe fields."""

import time
from io import StringIO

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, SiteSettings
from lms.models import Institution
from network.models import InstitutionsPage
from tests.lms.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def stamp(age=60.0, nonce="n-1"):
    return signing.dumps({"t": time.time() - age, "n": nonce}, salt="network.contact", compress=False)


def request_data(**overrides):
    data = {
        "institution": "Oslo School of Architecture",
        "name": "Nora Nordmann",
        "email": "nora@aho.example",
        "role": "Student welfare officer",
        "message": "We would like to start peer support next autumn.",
        "hp_website": "",
        "hp_stamp": stamp(),
    }
    data.update(overrides)
    return data


class TestInstitutionsPageType(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(InstitutionsPage, {HomePage})
        self.assertAllowedSubpageTypes(InstitutionsPage, {})


def test_the_founding_institutions_are_being_established():
    founding = Institution.objects.filter(slug__in=["bi", "kristiania", "uio", "oslomet"])
    assert {i.peer_support for i in founding} == {Institution.PeerSupport.ESTABLISHING}


def test_page_lists_active_institutions_by_status(client, institutions_page):
    InstitutionFactory(name="Kjeller College", peer_support="established")
    InstitutionFactory(name="Sandvika School", peer_support="not_yet")
    InstitutionFactory(name="Closed College", is_active=False, peer_support="established")
    response = client.get(institutions_page.url)
    assert response.status_code == 200
    groups = {str(label): [i.name for i in items] for label, items in response.context["groups"]}
    assert list(groups) == ["Established", "Being established", "Not yet"]
    assert groups["Established"] == ["Kjeller College"]
    assert "University of Oslo" in groups["Being established"]
    assert "Sandvika School" in groups["Not yet"]
    html = response.content.decode()
    assert "Closed College" not in html
    assert "programme@example.org" in html


def test_queries_are_flat_with_more_institutions(client, institutions_page):
    counts = []
    for extra in (2, 60):
        for _ in range(extra):
            InstitutionFactory()
        client.get(institutions_page.url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(institutions_page.url)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_a_request_is_emailed_to_the_programme_with_reply_to(client, institutions_page, mailoutbox):
    response = client.post(institutions_page.url, request_data())
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["programme@example.org"]
    assert mail.reply_to == ["nora@aho.example"]
    assert mail.subject == "Establishing peer support: Oslo School of Architecture"
    assert "We would like to start peer support next autumn." in mail.body
    assert "Student welfare officer" in mail.body
    assert "Thank you! We have received your message" in client.get(response["Location"]).content.decode()


def test_a_signed_in_user_may_send_too(client, institutions_page, coordinator, mailoutbox):
    client.force_login(coordinator)
    assert client.post(institutions_page.url, request_data()).status_code == 302
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hp_website": "http://spam.example"}, "Please leave the last field empty"),
        ({"hp_stamp": "forged"}, "has expired"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"message": "x" * 2001}, "at most 2000 characters"),
        ({"institution": "Evil\r\nBcc: victim@example.org"}, "on one line"),
        ({"name": ""}, "This field is required"),
    ],
    ids=["honeypot", "stamp", "email", "too-long", "header-injection", "missing-name"],
)
def test_bad_input_sends_nothing_and_says_why(client, institutions_page, mailoutbox, overrides, message):
    response = client.post(institutions_page.url, request_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert mailoutbox == []


def test_too_fast_is_refused(client, institutions_page, mailoutbox):
    response = client.post(institutions_page.url, request_data(hp_stamp=stamp(age=0.2)))
    assert response.status_code == 400
    assert mailoutbox == []


def test_the_same_form_posted_twice_sends_one_email(client, institutions_page, mailoutbox):
    data = request_data()
    client.post(institutions_page.url, data)
    again = client.post(institutions_page.url, data)
    assert again.status_code == 302
    assert len(mailoutbox) == 1


@override_settings(NETWORK_CONTACT_RATE_LIMIT="2/3600")
def test_too_many_requests_from_one_client_are_refused(client, institutions_page, mailoutbox):
    for n in range(2):
        client.post(institutions_page.url, request_data(hp_stamp=stamp(nonce=f"n{n}")))
    response = client.post(institutions_page.url, request_data(hp_stamp=stamp(nonce="n3")), follow=True)
    assert "Many messages have come from your network" in response.content.decode()
    assert len(mailoutbox) == 2


def test_without_a_programme_email_there_is_no_form(client, institutions_page, mailoutbox):
    settings_row = SiteSettings.objects.get()
    settings_row.contact_email = ""
    settings_row.save()
    html = client.get(institutions_page.url).content.decode()
    assert 'name="hp_stamp"' not in html
    response = client.post(institutions_page.url, request_data())
    assert response.status_code == 400
    assert mailoutbox == []


def test_institution_admin_edits_the_status(client, administrator):
    client.force_login(administrator)
    uio = Institution.objects.get(slug="uio")
    response = client.post(
        reverse("institutions:edit", args=[uio.pk]),
        {
            "name": uio.name,
            "short_name": uio.short_name,
            "slug": uio.slug,
            "city": uio.city,
            "is_active": "on",
            "peer_support": "established",
        },
    )
    assert response.status_code == 302
    uio.refresh_from_db()
    assert uio.peer_support == "established"


def test_seed_demo_puts_the_institutions_page_in_the_menu():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    page = InstitutionsPage.objects.get()
    assert page.live and page.show_in_menus and page.slug == "institutions"
