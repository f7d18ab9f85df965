import pytest

from tests.home.factories import HomePageFactory, SiteSettingsFactory, StandardPageFactory


@pytest.fixture
def home_page(db):
    return HomePageFactory()


@pytest.fixture
def site_settings(home_page):
    return SiteSettingsFactory()


@pytest.fixture
def info_page(home_page):
    return StandardPageFactory(parent=home_page, title="What is peer support?", slug="what-is-peer-support")
