import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "supervision_sessions:index",
        "supervision_sessions:add",
        "supervision_supporters:index",
        "supervision_groups:index",
        "supervision_assignments:index",
        "wagtailadmin_home",
    ],
)
def test_advisor_reaches_admin_screens(client, world, url_name):
    client.force_login(world.advisor_a)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
