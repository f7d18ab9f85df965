"""allauth's pages say what the header says, and the footer links to the verify page (issue 12, item 6)."""

import pytest
from django.test import Client
from django.utils import translation

from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "log_in", "sign_up", "remember"),
    [("en", "Log in", "Sign up", "Remember me"), ("nb", "Logg inn", "Registrer deg", "Husk meg")],
)
def test_login_and_signup_pages_use_the_headers_words(home_page, language, log_in, sign_up, remember):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        login = client.get("/accounts/login/").content.decode()
        signup = client.get("/accounts/signup/").content.decode()
    for stock in ("Sign In", "Sign Up", "Remember Me", "Logg Inn"):
        assert stock not in login and stock not in signup
    assert f"<h1>{log_in}</h1>" in login.replace("\n", "").replace("  ", "")
    assert remember in login
    assert f"<h1>{sign_up}</h1>" in signup.replace("\n", "").replace("  ", "")


def test_forgot_password_follows_the_fields_not_the_password_label(home_page):
    login = Client(HTTP_ACCEPT_LANGUAGE="en").get("/accounts/login/").content.decode()
    password = login.index('name="password"')
    assert password < login.index("Forgot your password?") < login.index('type="submit"', password)
    assert login.count("/accounts/password/reset/") == 1


def test_login_still_works_with_remember_me(home_page):
    user = UserFactory(email="ingrid@example.org")
    user.set_password("a-long-test-password")
    user.save()
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "a-long-test-password", "remember": "on"}
    )
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close() is False


@pytest.mark.parametrize(("language", "label"), [("en", "Verify a certificate"), ("nb", "Sjekk et kursbevis")])
def test_the_footer_links_to_the_verify_page(home_page, language, label):
    with translation.override(language):
        content = Client(HTTP_ACCEPT_LANGUAGE=language).get("/").content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    assert f'<a href="/verify/">{label}</a>' in footer
