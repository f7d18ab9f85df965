"""seed_demo builds the page tree and fills the site settings; a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from home import demo_content
from home.models import HomePage, SiteSettings, StandardPage


@pytest.fixture
def seeded(db):
    call_command("seed_demo", verbosity=0)


def test_seed_creates_the_information_pages(seeded):
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {spec["slug"] for spec in demo_content.PAGES} <= slugs


def test_seed_makes_the_home_page_the_site_root(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["page"].specific_class is HomePage


def test_seeded_pages_render(client, seeded):
    for page in StandardPage.objects.live():
        assert client.get(page.url).status_code == 200, page.url


def test_no_url_of_the_project_shadows_a_seeded_page(client, seeded):
    """A Django URL at a page's path wins over Wagtail and hides the page (the application form once sat at
    /become-a-peer-supporter/, the demo's information page)."""
    for page in Page.objects.live().public().exclude(depth=1).specific():
        if not page.url:
            continue
        response = client.get(page.url)
        if response.status_code != 200:
            continue  # login-only pages (training modules) answer otherwise to a visitor
        served = response.context.get("page") if response.context else None
        assert served is not None and served.pk == page.pk, page.url


def test_seed_fills_the_site_settings(seeded):
    site_settings = SiteSettings.objects.get()
    numbers = [block.value["number"] for block in site_settings.emergency_numbers]
    assert {"113", "116 117"} <= set(numbers)
    assert site_settings.contact_email


def test_seed_twice_creates_no_duplicates(seeded):
    before = (Page.objects.count(), SiteSettings.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Page.objects.count(), SiteSettings.objects.count()) == before


def test_seed_keeps_what_editors_changed(seeded):
    page = StandardPage.objects.get(slug="get-help-now")
    page.title = "Help, right now"
    page.save_revision().publish()
    call_command("seed_demo", verbosity=0)
    assert StandardPage.objects.get(slug="get-help-now").title == "Help, right now"


def test_seed_dry_run_saves_nothing(db):
    pages = Page.objects.count()
    call_command("seed_demo", "--dry-run", verbosity=0)
    assert Page.objects.count() == pages


def test_seed_prints_the_demo_logins(db, capsys):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "trainee@example.org" in out.getvalue()
    assert "peer-support-demo" in out.getvalue()


def test_get_help_page_gives_the_emergency_numbers(client, seeded):
    html = client.get(StandardPage.objects.get(slug="get-help-now").url).content.decode()
    for number in ("113", "116 117"):
        assert number in html
