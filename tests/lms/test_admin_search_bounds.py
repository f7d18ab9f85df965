"""Every search box in the Wagtail admin answers whatever an administrator types (issue 15: the database search
backend is SQLite FTS5 or PostgreSQL tsquery, and their syntax — quotes, parentheses, NEAR, `*`, NUL — answered 500).

The listings are found from the URL configuration, not listed by hand: every admin route without arguments whose
view takes a `q` search, plus the page search, the page explorer and the choosers. Run on SQLite and PostgreSQL."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from lms.search_backend import BoundedSearchMixin
from tests.home.factories import HomePageFactory, StandardPageFactory
from tests.home.test_search_bounds import HOSTILE

pytestmark = pytest.mark.django_db

EXTRA = [
    "wagtailadmin_pages:search",
    "wagtailadmin_choose_page_search",
    "wagtailimages_chooser:choose_results",
    "wagtaildocs_chooser:choose_results",
]


def _admin_listing_names():
    names = []

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
                route = prefix + str(entry.pattern)
                if route.startswith("admin/") and (entry.name in ("index", "index_results", "listing_results")):
                    names.append(f"{namespace}{entry.name}")

    walk(get_resolver().url_patterns, "", "")
    return sorted(set(names))


LISTINGS = _admin_listing_names()


def test_the_walk_finds_the_admin_listings_with_a_search_box():
    # Ours (institutions, Feide realms, audit, certificates, supervision, recruitment) and Wagtail's own.
    for expected in ("wagtailimages:index", "wagtaildocs:index", "wagtailusers_users:index", "feide_realms:index"):
        assert expected in LISTINGS, expected
    assert len(LISTINGS) >= 15


@pytest.fixture
def admin_client(client, administrator):
    home_page = HomePageFactory()
    StandardPageFactory(parent=home_page, title="Peer support in supervision", slug="peer-support")
    client.force_login(administrator)
    return client


def _searchable_urls(client):
    urls = []
    for name in LISTINGS:
        url = reverse(name)
        if client.get(url, {"q": "peer"}).status_code == 200:
            urls.append(url)
    urls += [reverse("wagtailadmin_explore", args=[1])]
    return urls


def test_hostile_queries_answer_on_every_admin_search(admin_client):
    urls = _searchable_urls(admin_client)
    failures = []
    for url in urls:
        for query in HOSTILE:
            status = admin_client.get(url, {"q": query}).status_code
            if status >= 500:
                failures.append((url, query, status))
    assert failures == []


@pytest.mark.parametrize("name", EXTRA)
def test_hostile_queries_answer_on_the_page_search_and_the_choosers(admin_client, name):
    url = reverse(name)
    statuses = {query: admin_client.get(url, {"q": query}).status_code for query in HOSTILE}
    assert [query for query, status in statuses.items() if status >= 500] == []


def test_the_bounded_backend_still_finds_by_the_words_of_a_hostile_query(admin_client):
    backend = get_search_backend()
    titles = [page.title for page in backend.search('"peer" (support*)', Page.objects.live())]
    assert titles == [page.title for page in backend.search("peer support", Page.objects.live())]
    assert "Peer support in supervision" in titles


def test_the_configured_backend_is_the_bounded_one():
    assert isinstance(get_search_backend(), BoundedSearchMixin)
