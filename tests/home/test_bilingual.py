"""Information pages in Bokmål and English: the reader's language, the note, hreflang, sitemap, footer, the
remembered choice and search per language (login-only pages never shown). docs/decisions/0100."""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from home.i18n import CURRENT, MISSING
from tests.home.factories import StandardPageFactory
from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db


def bokmal_page(parent, title, title_nb, introduction_nb, **fields):
    page = StandardPageFactory(parent=parent, title=title, **fields)
    page.title_nb = title_nb
    page.introduction_nb = introduction_nb
    page.body_nb = json.dumps([{"type": "paragraph", "value": f"<p>{introduction_nb} Brødtekst.</p>"}])
    page.save()
    return page


@pytest.fixture
def translated(home_page):
    return bokmal_page(
        home_page,
        "Active listening for beginners",
        "Aktiv lytting for nybegynnere",
        "<p>Om lytting, åpne spørsmål og stillhet i samtaler.</p>",
        introduction="<p>About listening, open questions and silence.</p>",
        slug="active-listening",
    )


def nb(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    return client


def test_a_bokmal_reader_sees_the_bokmal_page(client, translated):
    html = nb(client).get(translated.url).content.decode()
    assert "<h1" in html and "Aktiv lytting for nybegynnere" in html
    assert "Om lytting, åpne spørsmål og stillhet i samtaler." in html
    assert "Active listening for beginners" not in html
    assert "finnes ikke på bokmål ennå" not in html


def test_an_english_reader_sees_the_english_page(client, translated):
    html = client.get(translated.url).content.decode()
    assert "Active listening for beginners" in html and "Aktiv lytting" not in html


def test_lang_in_the_address_overrides_the_cookie(client, translated):
    html = nb(client).get(translated.url + "?lang=en").content.decode()
    assert "Active listening for beginners" in html
    assert '<html lang="en">' in html
    assert "Aktiv lytting for nybegynnere" in client.get(translated.url + "?lang=nb").content.decode()


def test_an_untranslated_page_shows_english_with_a_note_and_a_link(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Only in English", slug="only-english")
    html = nb(client).get(page.url).content.decode()
    assert "Denne siden finnes ikke på bokmål ennå, så den vises på engelsk." in html
    assert f'href="{page.url}?lang=en"' in html
    assert '<h1 lang="en">Only in English</h1>' in html


def test_hreflang_alternates_name_both_languages(client, translated):
    html = client.get(translated.url).content.decode()
    full = translated.get_full_url()
    assert f'<link rel="alternate" hreflang="en" href="{full}?lang=en">' in html
    assert f'<link rel="alternate" hreflang="nb" href="{full}?lang=nb">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{full}">' in html


def test_an_untranslated_page_has_no_bokmal_alternate(client, home_page):
    page = StandardPageFactory(parent=home_page, title="English only", slug="english-only")
    html = client.get(page.url).content.decode()
    assert 'hreflang="nb"' not in html and 'hreflang="en"' in html


def test_the_sitemap_lists_both_languages(client, translated):
    xml = client.get(reverse("home:sitemap")).content.decode()
    assert f"<loc>{translated.get_full_url()}</loc>" in xml
    assert f"<loc>{translated.get_full_url()}?lang=nb</loc>" in xml


def test_the_menu_shows_bokmal_titles(client, translated):
    html = nb(client).get("/").content.decode()
    assert f'<a href="{translated.url}">Aktiv lytting for nybegynnere</a>' in html


def test_the_footer_shows_bokmal_labels_and_falls_back_to_english(client, site_settings):
    site_settings.emergency_numbers_nb = json.dumps(
        [{"type": "number", "value": {"label": "Medisinsk nødhjelp", "number": "113", "note": ""}}]
    )
    site_settings.save()
    assert "Medisinsk nødhjelp" in nb(client).get("/").content.decode()
    assert "Medisinsk nødhjelp" not in client.get("/?lang=en").content.decode()
    site_settings.emergency_numbers_nb = "[]"
    site_settings.save()
    assert 'href="tel:113"' in nb(client).get("/").content.decode()


def test_switching_language_is_remembered_on_the_profile(client):
    user = UserFactory(language="en")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "nb"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nb"


def test_switching_language_anonymously_sets_only_the_cookie(client):
    response = client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nb"


def test_an_unknown_language_changes_nothing(client):
    user = UserFactory(language="en")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"


def test_translation_state_of_an_information_page(translated, home_page):
    assert translated.translation_status == CURRENT
    assert StandardPageFactory(parent=home_page, title="New").translation_status == MISSING


# --- Search ---------------------------------------------------------------------------------------------------


@pytest.fixture
def search_pages(home_page, translated):
    members = bokmal_page(
        home_page, "Listening in the members area", "Lytting for medlemmer", "<p>Lytting bak innlogging.</p>"
    )
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    advisors = bokmal_page(home_page, "Listening for advisors", "Lytting for veiledere", "<p>Lytting i gruppe.</p>")
    restriction = PageViewRestriction.objects.create(page=advisors, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Advisors"))
    return {"public": translated, "members": members, "advisors": advisors}


def search(client, query):
    """The main content of the search page (the menu names pages too)."""
    html = client.get(reverse("home:search"), {"q": query}).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_bokmal_search_finds_bokmal_words(client, search_pages):
    html = search(nb(client), "lytting")
    assert "Aktiv lytting for nybegynnere" in html


def test_a_bokmal_search_never_shows_login_only_pages_to_visitors(client, search_pages):
    html = search(nb(client), "lytting")
    assert "Lytting for medlemmer" not in html and "Lytting for veiledere" not in html


def test_a_bokmal_search_shows_login_only_pages_to_those_who_may_see_them(client, search_pages):
    client.force_login(UserFactory(role="Trainees"))
    html = search(nb(client), "lytting")
    assert "Lytting for medlemmer" in html and "Lytting for veiledere" not in html


def test_an_english_search_finds_english_words_not_bokmal_ones(client, search_pages):
    assert "Active listening for beginners" in search(client, "listening")
    assert "Active listening for beginners" not in search(client, "nybegynnere")


def test_an_english_search_never_shows_login_only_pages(client, search_pages):
    html = search(client, "listening")
    assert "members area" not in html and "for advisors" not in html


def test_a_bokmal_search_does_not_find_english_only_words(client, search_pages):
    assert "Aktiv lytting for nybegynnere" not in search(nb(client), "beginners")


@pytest.mark.postgres_only
def test_postgresql_stems_bokmal_words(client, search_pages):
    # "lyttingen" and "lytting" share the stem under the norwegian configuration; SQLite matches substrings only.
    assert "Aktiv lytting for nybegynnere" in search(nb(client), "lyttingen")


# --- Search in the body (StreamField) -------------------------------------------------------------------------------


def body_page(parent, title, title_nb, body_nb, **fields):
    page = StandardPageFactory(parent=parent, title=title, **fields)
    page.title_nb = title_nb
    page.introduction_nb = "<p>En side om samtaler.</p>"
    page.body_nb = json.dumps(body_nb)
    page.save()
    return page


@pytest.fixture
def body_pages(home_page):
    public = body_page(
        home_page,
        "Silence in conversations",
        "Stillhet i samtaler",
        [
            {"type": "paragraph", "value": "<p>Tål <strong>pausene</strong> i en samtale om eksamensangst.</p>"},
            {
                "type": "callout",
                "value": {"tone": "info", "title": "Husk", "text": "<p>Kollokviegruppa kan også hjelpe.</p>"},
            },
        ],
        slug="silence",
    )
    members = body_page(
        home_page,
        "Silence for members",
        "Stillhet for medlemmer",
        [{"type": "paragraph", "value": "<p>Eksamensangst bak innlogging.</p>"}],
        slug="silence-members",
    )
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    return {"public": public, "members": members}


def test_a_bokmal_search_finds_words_only_in_the_body(client, body_pages):
    html = search(nb(client), "eksamensangst")
    assert "Stillhet i samtaler" in html


def test_a_bokmal_search_finds_words_in_a_block_with_several_texts(client, body_pages):
    assert "Stillhet i samtaler" in search(nb(client), "kollokviegruppa")


def test_every_word_must_match_somewhere_in_the_page(client, body_pages):
    assert "Stillhet i samtaler" in search(nb(client), "stillhet eksamensangst")
    assert "Stillhet i samtaler" not in search(nb(client), "eksamensangst nybegynnere")


def test_a_bokmal_body_search_never_shows_login_only_pages_to_visitors(client, body_pages):
    html = search(nb(client), "eksamensangst")
    assert "Stillhet for medlemmer" not in html


def test_a_bokmal_body_search_shows_login_only_pages_to_members(client, body_pages):
    client.force_login(UserFactory(role="Trainees"))
    assert "Stillhet for medlemmer" in search(nb(client), "eksamensangst")


def test_block_names_and_markup_are_not_searched(client, body_pages):
    for word in ("paragraph", "callout", "strong", "heading"):
        assert "Stillhet i samtaler" not in search(nb(client), word), word


def test_an_english_search_does_not_find_bokmal_body_words(client, body_pages):
    assert "Silence in conversations" not in search(client, "eksamensangst")


@pytest.mark.postgres_only
def test_postgresql_stems_bokmal_words_in_the_body(client, body_pages):
    # "pausene" (the pauses) and "pause" share the stem under the norwegian configuration.
    assert "Stillhet i samtaler" in search(nb(client), "pause")
