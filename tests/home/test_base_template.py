"""The shared layout: skip link, landmarks, one h1, no resources from other hosts, header by login state."""

import re

import pytest
from django.urls import reverse

PAGES = ["/", "/search/", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_skip_link_to_main(client, home_page, path):
    html = client.get(path).content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_landmarks(client, home_page, path):
    html = client.get(path).content.decode()
    for tag in ("<header", "<nav", "<main", "<footer"):
        assert html.count(tag) >= 1, tag
    assert html.count("<main") == 1


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_exactly_one_h1(client, home_page, path):
    assert client.get(path).content.decode().count("<h1") == 1


@pytest.mark.parametrize("path", PAGES)
def test_no_page_loads_anything_from_another_host(client, home_page, path):
    html = client.get(path).content.decode()
    external = re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', html)
    # Links (<a href>) may point elsewhere; stylesheets, scripts, images and icons may not. hreflang alternates
    # (<link rel="alternate">) are absolute by definition and load nothing.
    loaded = [
        m
        for m in re.findall(r"<(?:link|script|img)[^>]+>", html)
        if re.search(r'(?:src|href)="(?:https?:)?//', m) and 'rel="alternate"' not in m
    ]
    assert loaded == [], loaded
    assert all("<a" not in item for item in external)


def test_header_offers_login_and_signup_to_visitors(client, home_page):
    html = client.get("/").content.decode()
    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html


def test_header_shows_the_signed_in_users_name_my_page_and_log_out(client, home_page, trainee):
    client.force_login(trainee)
    html = client.get("/").content.decode()
    assert trainee.get_short_name() in html
    assert f'href="{reverse("home:my_page")}"' in html
    assert f'action="{reverse("account_logout")}"' in html
    assert f'href="{reverse("account_login")}"' not in html


def test_messages_are_shown_in_a_status_region(client, home_page, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("account_profile"),
        {"full_name": "Ingrid Hansen", "preferred_name": "", "institution": "", "language": "en"},
        follow=True,
    )
    html = response.content.decode()
    assert '<div class="messages" role="status">' in html
    assert "Your profile was saved." in html


def test_page_title_names_the_page_and_the_site(client, info_page):
    html = client.get(info_page.url).content.decode()
    assert "<title>What is peer support? · Peer Support Academy</title>" in html
