"""Header navigation and sitemap: pages in menus under the home page, never private ones to outsiders."""

from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.home.factories import StandardPageFactory


def test_header_lists_menu_pages_under_the_home_page(client, info_page):
    html = client.get("/").content.decode()
    assert f'href="{info_page.url}"' in html


def test_header_leaves_out_pages_not_in_menus(client, home_page):
    hidden = StandardPageFactory(parent=home_page, title="Hidden from menus", show_in_menus=False)
    assert hidden.title not in client.get("/").content.decode()


def test_header_leaves_out_private_pages_for_anonymous_visitors(client, home_page):
    private = StandardPageFactory(parent=home_page, title="Members only corner")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert private.title not in client.get("/").content.decode()


def test_header_marks_the_current_section(client, info_page):
    html = client.get(info_page.url).content.decode()
    assert f'<a href="{info_page.url}" aria-current="page">' in html


def test_sitemap_lists_public_pages(client, info_page):
    response = client.get(reverse("home:sitemap"))
    assert response.status_code == 200
    assert info_page.url in response.content.decode()


def test_sitemap_leaves_out_private_pages(client, home_page):
    private = StandardPageFactory(parent=home_page, title="Private", slug="private-area")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert "private-area" not in client.get(reverse("home:sitemap")).content.decode()


def test_footer_shows_the_emergency_numbers_from_site_settings(client, site_settings):
    html = client.get("/").content.decode()
    assert 'href="tel:113"' in html


def test_footer_always_says_to_call_113(client, home_page):
    assert "call 113" in client.get("/").content.decode()
