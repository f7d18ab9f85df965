"""The one block library (docs/decisions/0020, 0180): pages and modules share the heading, text, image and callout
blocks and their templates; every block of both streams offers the block picker a description and a preview; each
shared block renders the same in a page and in a module, in English and in Bokmål."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from courses.blocks import ModuleBodyBlock, QuizQuestionsBlock
from courses.models import ModulePage
from home import blocks
from home.blocks import BodyBlock
from home.models import HomePage, StandardPage
from tests.courses import block_streams
from tests.courses.factories import build_course, enrol, modules_of, publish

SHARED = ["heading", "paragraph", "image", "callout"]
PAGE_BLOCKS = list(BodyBlock.base_blocks)
MODULE_BLOCKS = list(ModuleBodyBlock.base_blocks)
# Rendering a video asks the embed provider (network); a document preview would need a document in the library.
NOT_PREVIEWED = {"video", "document"}
LANGUAGES = ["en", "nb"]

# What each shared block shows, per language (block_streams.shared_blocks).
EXPECTED = {
    ("heading", "en"): ['<h2 class="block-heading">Listening</h2>'],
    ("heading", "nb"): ['<h2 class="block-heading">Å lytte</h2>'],
    ("paragraph", "en"): ['<div class="prose"><p>Listen first, <b>then</b> talk.</p></div>'],
    ("paragraph", "nb"): ['<div class="prose"><p>Lytt først, <b>så</b> snakk.</p></div>'],
    ("image", "en"): ['<figure class="block-image">', 'alt="Two students on a bench"', "<figcaption>Campus in spring"],
    ("image", "nb"): ['alt="To studenter på en benk"', "<figcaption>Campus om våren</figcaption>"],
    ("callout", "en"): [
        '<div class="callout callout--important" role="note">',
        '<span class="callout__tone" lang="en">Important:</span> If someone is in danger</p>',
        "<ol><li>Call</li><li>Tell</li></ol>",
    ],
    ("callout", "nb"): [
        '<div class="callout callout--important" role="note">',
        '<span class="callout__tone" lang="nb">Viktig:</span> Hvis noen er i fare</p>',
        "<ol><li>Ring</li><li>Si fra</li></ol>",
    ],
}


@pytest.fixture
def image(db):
    return block_streams.image()


def render_in(stream_block, raw: dict, language: str) -> str:
    child = stream_block.child_blocks[raw["type"]]
    with translation.override(language):
        return str(child.render(child.to_python(raw["value"])))


@pytest.mark.parametrize("name", SHARED)
def test_modules_use_the_shared_block_classes(name):
    assert type(ModuleBodyBlock().child_blocks[name]) is type(BodyBlock().child_blocks[name])
    assert type(BodyBlock().child_blocks[name]).__module__ == "home.blocks"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", SHARED)
def test_each_shared_block_renders_the_same_in_a_page_and_a_module(image, name, language):
    raw = next(item for item in block_streams.shared_blocks("x", image.pk, language) if item["type"] == name)
    in_page = render_in(BodyBlock(), raw, language)
    assert render_in(ModuleBodyBlock(), raw, language) == in_page
    for fragment in EXPECTED[(name, language)]:
        assert fragment in in_page
    assert "<aside" not in in_page


@pytest.mark.parametrize(
    ("tone", "english", "bokmal"),
    [
        ("info", "Information", "Informasjon"),
        ("important", "Important", "Viktig"),
        ("confidentiality", "Confidentiality", "Taushetsplikt"),
    ],
)
def test_the_callout_says_its_tone_in_words_in_both_languages(tone, english, bokmal):
    block = blocks.CalloutBlock()
    value = block.to_python({"tone": tone, "title": "", "text": "<p>Kept private.</p>"})
    with translation.override("en"):
        html_en = block.render(value)
    with translation.override("nb"):
        html_nb = block.render(value)
    assert f'<span class="callout__tone" lang="en">{english}</span>' in html_en
    assert f'<span class="callout__tone" lang="nb">{bokmal}</span>' in html_nb
    for html in (html_en, html_nb):
        assert html.lstrip().startswith(f'<div class="callout callout--{tone}" role="note">') and "<aside" not in html


def test_the_callout_escapes_its_title():
    block = blocks.CalloutBlock()
    html = block.render(block.to_python({"tone": "info", "title": "<script>x</script>", "text": "<p>t</p>"}))
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("stream", "name"),
    [("page", name) for name in PAGE_BLOCKS] + [("module", name) for name in MODULE_BLOCKS],
)
def test_every_block_has_an_icon_and_a_description_for_the_picker(stream, name):
    block = {"page": BodyBlock, "module": ModuleBodyBlock}[stream]().child_blocks[name]
    assert block.meta.icon != "placeholder"
    with translation.override("nb"):
        description_nb = str(block.get_description())
    with translation.override("en"):
        description_en = str(block.get_description())
    assert description_en and description_nb and description_nb != description_en


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("stream", "name"),
    [("page", name) for name in PAGE_BLOCKS]
    + [("module", name) for name in MODULE_BLOCKS if name not in NOT_PREVIEWED and name not in SHARED],
)
def test_every_block_previews_in_the_editors_language(db, image, stream, name, language):
    block = {"page": BodyBlock, "module": ModuleBodyBlock}[stream]().child_blocks[name]
    assert block.is_previewable
    with translation.override(language):
        html = str(block.render(block.get_preview_value()))
    expected = {
        "heading": ("What a peer supporter does", "Hva en likeperson gjør"),
        "paragraph": ("<b>listens</b>", "<b>lytter</b>"),
        "image": ("Two students talking on a bench", "To studenter som snakker sammen på en benk"),
        "call_to_action": ("Become a peer supporter", "Bli likeperson"),
        "link_list": ("Where to get help", "Her får du hjelp"),
        "callout": ("Important:</span> If someone is in danger", "Viktig:</span> Hvis noen er i fare"),
        "quote": ("Being listened to", "Å bli lyttet til"),
        "faq": ("Is it confidential?", "Er det konfidensielt?"),
        "case_study": ("A friend who stops coming to lectures", "En venn som slutter å komme på forelesninger"),
        "reflection": ("When did someone really listen to you?", "Når lyttet noen virkelig til deg?"),
    }[name][LANGUAGES.index(language)]
    assert expected in html


def test_the_image_preview_shows_the_oldest_library_image(image):
    html = str(blocks.ImageBlock().render(blocks.ImageBlock().get_preview_value()))
    assert "<img" in html and 'alt="Two students talking on a bench"' in html


def test_the_image_preview_without_images_shows_the_caption_only(db):
    html = str(blocks.ImageBlock().render(blocks.ImageBlock().get_preview_value()))
    assert "<img" not in html and "Peer support happens where students are." in html


def preview_url(model, field: str, name: str) -> str:
    block = model._meta.get_field(field).stream_block.child_blocks[name]
    return f"{reverse('wagtailadmin_block_preview')}?id={block.definition_prefix}"


@pytest.mark.parametrize(
    ("model", "field", "name"),
    [(ModulePage, "body", "callout"), (ModulePage, "body_nb", "case_study"), (HomePage, "body", "faq")],
    ids=["module-callout", "module-nb-case-study", "home-faq"],
)
def test_the_admin_block_preview_renders_with_the_site_stylesheet(client, counsellor, model, field, name):
    client.force_login(counsellor)
    response = client.get(preview_url(model, field, name))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/static/css/site.css"' in html or "css/site." in html
    assert '<div class="container">' in html and f"block-{name}" in html


def test_the_admin_block_preview_is_for_signed_in_editors_only(client, db):
    response = client.get(preview_url(StandardPage, "body", "callout"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login")


def test_trainees_cannot_use_the_admin_block_preview(client, trainee):
    client.force_login(trainee)
    response = client.get(preview_url(StandardPage, "body", "callout"))
    assert response.status_code in (302, 403)
    assert "callout" not in response.content.decode()


def test_a_module_shows_its_callout_as_a_note_in_english_and_bokmal(client, image, trainee):
    course = build_course(modules=1)
    module = modules_of(course)[0]
    module.body = block_streams.shared_blocks("m", image.pk)
    module.body_nb = block_streams.shared_blocks("m", image.pk, "nb")
    module.title_nb = "Modul én"
    publish(module)
    enrol(trainee, course)
    client.force_login(trainee)
    html_en = client.get(module.url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    html_nb = client.get(module.url).content.decode()
    for language, html in (("en", html_en), ("nb", html_nb)):
        for name in SHARED:
            for fragment in EXPECTED[(name, language)]:
                assert fragment in html
        assert "<aside" not in html


@pytest.mark.parametrize("name", [*QuizQuestionsBlock.base_blocks, *sorted(NOT_PREVIEWED)])
def test_quiz_questions_video_and_document_are_not_previewed(name):
    """A question's template shows the answer key (docs/security.md#inert-content): the picker never renders one."""
    stream = QuizQuestionsBlock() if name in QuizQuestionsBlock.base_blocks else ModuleBodyBlock()
    assert stream.child_blocks[name].is_previewable is False
