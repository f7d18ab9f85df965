"""What a visitor sees when they type something hostile into the search (issue 15 item 4): a normal results page,
axe-clean in en and nb. Screenshots: .screenshots/reliability-search-<lang>.png."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", verbosity=0)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_hostile_search_answers_with_a_normal_page(page, axe, screenshot, demo_site, live_server, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    response = page.goto("/search/?q=%22peer+support%22+javascript%3Aalert(1)+NEAR(*")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert page.locator("input[name=q]").input_value() == '"peer support" javascript:alert(1) NEAR(*'
    axe(page)
    screenshot(page, f"reliability-search-{language}")
