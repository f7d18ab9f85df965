import pytest

from network.models import InstitutionsPage
from tests.home.factories import HomePageFactory, SiteSettingsFactory


@pytest.fixture
def home_page(db):
    return HomePageFactory()


@pytest.fixture
def institutions_page(home_page):
    SiteSettingsFactory(contact_email="programme@example.org")
    page = InstitutionsPage(title="Institutions", slug="institutions", introduction="<p>Where we are.</p>")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page
