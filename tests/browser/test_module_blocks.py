"""A module page with every content block of the shared library and of training (video aside: it asks the embed
provider), in English and Bokmål, in a real browser: axe-clean, one h1, the callout a note (docs/decisions/0020).
Screenshots: .screenshots/module-blocks-<lang>.png."""

import pytest
from django.conf import settings

from tests.courses import block_streams
from tests.courses.factories import build_course, enrol, modules_of, publish
from tests.lms.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(
    ("language", "tone", "title", "heading"),
    [("en", "Important:", "If someone is in danger", "Listening"), ("nb", "Viktig:", "Hvis noen er i fare", "Å lytte")],
    ids=["en", "nb"],
)
def test_a_module_with_every_block(page, axe, screenshot, live_server, language, tone, title, heading):
    image, document = block_streams.image(), block_streams.document()
    course = build_course(modules=1, title="Peer support basics")
    module = modules_of(course)[0]
    module.body = block_streams.module_body(image.pk, document.pk, video=False)
    module.body_nb = block_streams.module_body(image.pk, document.pk, "nb", video=False)
    module.title_nb = "Modul 1"
    publish(module)
    trainee = UserFactory(role="Trainees", language=language)
    enrol(trainee, course)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(trainee.email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    page.goto(module.url)

    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert page.locator("main aside").count() == 0
    note = page.get_by_role("note")
    text = note.text_content()  # the tone is set in capitals by CSS; the words are as written
    assert note.count() == 1 and tone in text and title in text
    assert page.locator("h2.block-heading").first.inner_text() == heading
    assert page.locator("figure.block-image img").evaluate("img => img.complete && img.naturalWidth > 0")
    axe(page)
    screenshot(page, f"module-blocks-{language}")
