"""Whatever a visitor types into the search, the database search answers (issue 15: on SQLite, FTS5 syntax such as
`javascript:alert(1)` or a quote answered 500). Property test with Hypothesis, run on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.home.factories import StandardPageFactory

HOSTILE = [
    "javascript:alert(1)",
    '"',
    "'",
    "peer\"support'",
    "(peer",
    "peer)",
    "NEAR(peer support)",
    "peer NEAR/2 support",
    "*",
    "peer*",
    "^peer",
    "peer AND OR NOT",
    "title:peer",
    "-peer",
    "støtte 支持 دعم 🙂",
    "\x00peer",
    "a" * 500,
]


@pytest.fixture
def searchable(home_page):
    return StandardPageFactory(parent=home_page, title="Peer support in supervision", slug="peer-support")


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_answer(client, searchable, query):
    response = client.get(reverse("home:search"), {"q": query})
    assert response.status_code == 200


def test_the_words_of_a_hostile_query_still_find_the_page(client, searchable):
    response = client.get(reverse("home:search"), {"q": '"peer" (support*) NEAR'})
    assert response.status_code == 200 and "Peer support in supervision" in response.content.decode()


def test_a_plain_query_still_finds_the_page(client, searchable):
    assert "Peer support in supervision" in client.get(reverse("home:search"), {"q": "peer support"}).content.decode()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(query=st.text(max_size=80))
@example(query="javascript:alert(1)")
@example(query='")(*NEAR')
def test_any_text_answers(client, searchable, query):
    response = client.get(reverse("home:search"), {"q": query})
    assert response.status_code == 200
