"""An application waiting for an answer is not a dead end: My application names whom to write to (issue 12)."""

import pytest
from django.urls import reverse

from tests.home.factories import SiteSettingsFactory

pytestmark = pytest.mark.django_db


def test_my_application_names_the_institution_contact(client, world):
    world.inst_a.contact_name = "Coordinator Anna at Inst A"
    world.inst_a.contact_email = "peer@inst-a.example"
    world.inst_a.save()
    client.force_login(world.applicant_a)
    html = client.get(reverse("recruitment:mine"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Coordinator Anna at Inst A" in html
    assert 'href="mailto:peer@inst-a.example"' in html


def test_my_application_falls_back_to_the_site_contact(client, world):
    SiteSettingsFactory(contact_email="counsellors@example.org")
    client.force_login(world.applicant_a)
    html = client.get(reverse("recruitment:mine"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="mailto:counsellors@example.org"' in html
