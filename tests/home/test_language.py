"""The language switcher, and the switch to a person's preferred language when they log in."""

from django.conf import settings
from django.urls import reverse

from tests.lms.factories import TEST_PASSWORD, UserFactory


def log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})


def test_logging_in_sets_the_language_cookie_to_the_preferred_language(client, db):
    user = UserFactory(role="Trainees", language="nb")
    response = log_in(client, user)
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nb"


def test_pages_after_login_are_in_the_preferred_language(client, home_page):
    log_in(client, UserFactory(role="Trainees", language="nb"))
    assert "Min side" in client.get(reverse("home:my_page")).content.decode()


def test_english_speakers_get_english_after_login_even_from_a_norwegian_session(client, home_page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    log_in(client, UserFactory(role="Trainees", language="en"))
    assert "Welcome," in client.get(reverse("home:my_page")).content.decode()


def test_a_failed_login_leaves_the_language_alone(client, db):
    user = UserFactory(role="Trainees", language="nb")
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password-123"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_language_switcher_sets_the_cookie_and_returns_to_the_page(client, home_page):
    response = client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nb"


def test_a_page_in_nb_shows_norwegian_text(client, home_page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    html = client.get("/").content.decode()
    assert '<html lang="nb">' in html
    assert "Hopp til hovedinnholdet" in html
    assert "Trenger du hjelp nå?" in html


def test_the_switcher_offers_the_other_language(client, home_page):
    html = client.get("/").content.decode()
    assert 'name="language" value="nb"' in html
