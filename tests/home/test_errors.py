"""Styled, translated error pages; the 500 page needs neither a request context nor the database."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_unknown_address_gets_the_styled_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_404_page_is_translated(client, home_page):
    client.cookies["django_language"] = "nb"
    response = client.get("/no-such-page/")
    assert "Vi fant ikke den siden" in response.content.decode()


def test_404_page_has_one_h1(client, home_page):
    assert client.get("/no-such-page/").content.decode().count("<h1") == 1


@pytest.mark.django_db
def test_500_page_renders_without_touching_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_500_page_is_translated():
    with translation.override("nb"):
        response = server_error(RequestFactory().get("/"))
    assert "Noe gikk galt hos oss" in response.content.decode()


def test_500_page_renders_without_a_database_at_all(settings):
    """No django_db mark: any query would raise."""
    response = server_error(RequestFactory().get("/"))
    assert '<html lang="en">' in response.content.decode()
