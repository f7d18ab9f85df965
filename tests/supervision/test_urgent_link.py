import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_signed_in_page_links_to_the_urgent_page(client, trainee):
    client.force_login(trainee)
    for url in [reverse("home:my_page"), reverse("account_profile"), reverse("account_change_password")]:
        html = client.get(url).content.decode()
        assert f'href="{reverse("supervision:urgent")}"' in html, url


def test_anonymous_visitors_get_no_urgent_link(client):
    html = client.get(reverse("account_login")).content.decode()
    assert reverse("supervision:urgent") not in html
