"""Search shows live pages the visitor may view, and never the titles of private pages.

docs/security.md#what-visitors-may-see
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.home.factories import StandardPageFactory
from tests.lms.factories import UserFactory


@pytest.fixture
def pages(home_page):
    public = StandardPageFactory(parent=home_page, title="Supervision explained publicly")
    members = StandardPageFactory(parent=home_page, title="Supervision handbook for members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    advisors_only = StandardPageFactory(parent=home_page, title="Supervision notes guide for advisors")
    restriction = PageViewRestriction.objects.create(page=advisors_only, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Advisors"))
    child_of_private = StandardPageFactory(parent=members, title="Supervision checklist inside members area")
    draft = StandardPageFactory(parent=home_page, title="Supervision draft", live=False)
    return {"public": public, "members": members, "advisors": advisors_only, "child": child_of_private, "draft": draft}


def search(client, query="supervision"):
    return client.get(reverse("home:search"), {"q": query})


def test_search_finds_public_pages(client, pages):
    response = search(client)
    assert pages["public"].title in response.content.decode()


def test_search_never_shows_a_login_only_title_to_anonymous_visitors(client, pages):
    html = search(client).content.decode()
    assert pages["members"].title not in html
    assert pages["child"].title not in html


def test_search_never_shows_a_group_only_title_to_anonymous_visitors(client, pages):
    assert pages["advisors"].title not in search(client).content.decode()


def test_search_never_shows_drafts(client, pages):
    assert pages["draft"].title not in search(client).content.decode()


def test_search_shows_login_only_pages_to_signed_in_users(client, pages, trainee):
    client.force_login(trainee)
    html = search(client).content.decode()
    assert pages["members"].title in html
    assert pages["child"].title in html


def test_search_hides_group_pages_from_users_outside_the_group(client, pages, trainee):
    client.force_login(trainee)
    assert pages["advisors"].title not in search(client).content.decode()


def test_search_shows_group_pages_to_members_of_the_group(client, pages, advisor):
    client.force_login(advisor)
    assert pages["advisors"].title in search(client).content.decode()


def test_search_without_a_query_shows_the_form_only(client, home_page):
    response = client.get(reverse("home:search"))
    assert response.status_code == 200
    assert response.context["page_obj"] is None


def test_search_query_count_is_flat_with_the_number_of_private_sections(
    client, home_page, django_assert_max_num_queries
):
    for n in range(15):
        page = StandardPageFactory(parent=home_page, title=f"Private supervision {n}")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    with django_assert_max_num_queries(12):
        search(client)


def test_search_counts_results_in_the_page_heading(client, pages):
    response = search(client)
    assert response.context["page_obj"].paginator.count == 1


def test_superusers_see_group_pages(client, pages):
    client.force_login(UserFactory(is_superuser=True, with_totp=True))
    assert pages["advisors"].title in search(client).content.decode()
