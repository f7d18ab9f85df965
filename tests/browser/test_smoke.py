import pytest

from home.demo import get_home_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_renders_and_passes_axe(page, axe, screenshot):
    get_home_page()
    page.goto("/")
    assert page.locator("h1").count() == 1
    axe(page)
    screenshot(page, "smoke-home")
