from home.models import HomePage, SiteSettings, StandardPage
from tests.home.factories import (
    CalloutBlockFactory,
    HeadingBlockFactory,
    HomePageFactory,
    QuoteBlockFactory,
    SiteSettingsFactory,
    StandardPageFactory,
)


def test_home_page_factory_builds_the_site_root(db):
    home = HomePageFactory()
    assert isinstance(home, HomePage)
    assert home.get_site().root_page_id == home.pk


def test_standard_page_factory_builds_a_live_child(home_page):
    page = StandardPageFactory(parent=home_page)
    assert isinstance(page, StandardPage)
    assert page.live and page.get_parent().pk == home_page.pk


def test_page_factories_fill_the_body(home_page):
    page = StandardPageFactory(parent=home_page, body__0__heading__text="Who we are")
    assert page.body[0].block_type == "heading"
    assert page.body[0].value["text"] == "Who we are"


def test_block_factories_build_their_values(db):
    assert HeadingBlockFactory()["level"] == "h2"
    assert CalloutBlockFactory()["tone"] == "confidentiality"
    assert QuoteBlockFactory()["quote"]


def test_site_settings_factory_builds_settings_for_the_default_site(home_page):
    settings = SiteSettingsFactory()
    assert isinstance(settings, SiteSettings)
    assert settings.emergency_numbers[0].value["number"] == "113"
