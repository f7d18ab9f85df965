"""Each block renders through its own template; links refuse unsafe addresses; no block prints raw values."""

import json

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.blocks import RawHTMLBlock, StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from home import blocks


def render(block, value):
    return block.render(block.to_python(value) if isinstance(value, dict) else value)


def test_heading_block_renders_the_chosen_level():
    html = blocks.HeadingBlock().render({"text": "Who we are", "level": "h3"})
    assert html.strip() == '<h3 class="block-heading">Who we are</h3>'


def test_heading_block_never_offers_h1():
    values = [value for value, _label in blocks.HeadingBlock().child_blocks["level"].field.choices]
    assert "h1" not in values


def test_rich_text_block_has_no_headings_or_embeds():
    features = blocks.RichTextBlock().features
    assert not {"h1", "h2", "h3", "embed", "image"} & set(features)


def test_body_has_no_raw_html_block():
    assert not any(isinstance(child, RawHTMLBlock) for child in blocks.BodyBlock().child_blocks.values())


def test_callout_block_says_its_tone_in_words():
    block = blocks.CalloutBlock()
    value = block.to_python({"tone": "confidentiality", "title": "Between you", "text": "<p>Kept private.</p>"})
    html = block.render(value)
    assert 'class="callout callout--confidentiality"' in html
    assert "Confidentiality" in html


def test_quote_block_escapes_its_text():
    block = blocks.QuoteBlock()
    html = block.render(block.to_python({"quote": "<script>alert(1)</script>", "attribution": ""}))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_faq_block_uses_details_and_summary():
    block = blocks.FAQBlock()
    value = block.to_python(
        {"heading": "Questions", "items": [{"question": "Is it paid?", "answer": "<p>No, it is voluntary.</p>"}]}
    )
    html = block.render(value)
    assert "<details" in html
    assert "<summary>Is it paid?</summary>" in html


def test_link_block_needs_a_page_or_an_address():
    block = blocks.LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Nowhere", "page": None, "url": ""}))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/", "data:text/html,hi", "ftp://x"])
def test_link_block_refuses_unsafe_addresses(url):
    block = blocks.LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Click", "page": None, "url": url}))


@pytest.mark.parametrize("url", ["/accounts/signup/", "https://www.sio.no/", "mailto:a@example.org", "tel:113"])
def test_link_block_accepts_site_paths_and_web_addresses(url):
    block = blocks.LinkBlock()
    cleaned = block.clean(block.to_python({"label": "Go", "page": None, "url": url}))
    assert cleaned["url"] == url


def test_call_to_action_block_renders_a_button_link():
    block = blocks.CallToActionBlock()
    value = block.to_python(
        {"heading": "Ready?", "text": "Sign up.", "link": {"label": "Create an account", "url": "/accounts/signup/"}}
    )
    html = block.render(value)
    assert '<a class="button" href="/accounts/signup/">Create an account</a>' in html


def test_image_block_requires_alt_text():
    assert blocks.ImageBlock().child_blocks["alt_text"].required


def test_image_block_renders_the_alt_text(db):
    image = Image.objects.create(title="Campus", file=get_test_image_file())
    block = blocks.ImageBlock()
    html = block.render({"image": image, "alt_text": "Students talking on a bench", "caption": "Spring"})
    assert 'alt="Students talking on a bench"' in html
    assert "<figcaption>Spring</figcaption>" in html


def test_emergency_number_block_links_a_dialable_number():
    block = blocks.EmergencyNumberBlock()
    html = block.render(block.to_python({"label": "Legevakt", "number": "116 117", "note": ""}))
    assert 'href="tel:116117"' in html


def test_rich_text_from_the_editor_drops_javascript_links():
    """Editors' rich text arrives as Draftail contentstate; its converter keeps only the allowed features and URLs."""

    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "text": "Click here",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 10, "key": 0}],
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}},
    }
    html = ContentstateConverter(blocks.RICH_TEXT_FEATURES).to_database_format(json.dumps(contentstate))
    rendered = blocks.RichTextBlock().render(RichText(html))
    assert "javascript:" not in rendered
