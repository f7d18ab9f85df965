"""Streams with every block type of a page body and of a module body, as the database stores them (raw JSON), for the
block library's rendering, migration and browser tests."""

import uuid

from wagtail.documents.models import Document
from wagtail.documents.tests.utils import get_test_document_file
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

NAMESPACE = uuid.UUID("0b5d7c44-5f4e-4d7a-9f0e-180180180180")


def _id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def image() -> Image:
    return Image.objects.create(title="Campus", file=get_test_image_file())


def document() -> Document:
    return Document.objects.create(title="Listening guide", file=get_test_document_file())


def shared_blocks(prefix: str, image_id: int, language: str = "en") -> list[dict]:
    """The four blocks pages and modules share, with texts in `language` ("en" or "nb")."""
    nb = language == "nb"
    return [
        {
            "type": "heading",
            "id": _id(prefix, language, "heading"),
            "value": {"text": "Å lytte" if nb else "Listening", "level": "h2"},
        },
        {
            "type": "paragraph",
            "id": _id(prefix, language, "paragraph"),
            "value": "<p>Lytt først, <b>så</b> snakk.</p>" if nb else "<p>Listen first, <b>then</b> talk.</p>",
        },
        {
            "type": "image",
            "id": _id(prefix, language, "image"),
            "value": {
                "image": image_id,
                "alt_text": "To studenter på en benk" if nb else "Two students on a bench",
                "caption": "Campus om våren" if nb else "Campus in spring",
            },
        },
        {
            "type": "callout",
            "id": _id(prefix, language, "callout"),
            "value": {
                "tone": "important",
                "title": "Hvis noen er i fare" if nb else "If someone is in danger",
                "text": "<p>Ring 113.</p><ol><li>Ring</li><li>Si fra</li></ol>"
                if nb
                else "<p>Call 113.</p><ol><li>Call</li><li>Tell</li></ol>",
            },
        },
    ]


def page_body(image_id: int, language: str = "en") -> list[dict]:
    """Every block type of home's BodyBlock."""
    link = {"label": "Create an account", "page": None, "url": "/accounts/signup/", "description": ""}
    return [
        *shared_blocks("page", image_id, language),
        {
            "type": "call_to_action",
            "id": _id("page", language, "cta"),
            "value": {"heading": "Join", "text": "Next course in September.", "link": link},
        },
        {
            "type": "link_list",
            "id": _id("page", language, "links"),
            "value": {
                "heading": "Links",
                "links": [{"type": "item", "id": _id("page", language, "l1"), "value": link}],
            },
        },
        {
            "type": "quote",
            "id": _id("page", language, "quote"),
            "value": {"quote": "Being heard helped.", "attribution": "A student"},
        },
        {
            "type": "faq",
            "id": _id("page", language, "faq"),
            "value": {
                "heading": "Questions",
                "items": [
                    {
                        "type": "item",
                        "id": _id("page", language, "q1"),
                        "value": {"question": "Is it paid?", "answer": "<p>No.</p>"},
                    }
                ],
            },
        },
    ]


def module_body(image_id: int, document_id: int, language: str = "en", video: bool = True) -> list[dict]:
    """Every block type of courses' ModuleBodyBlock (the video only with `video`: rendering it asks the embed
    provider). Reflection ids are the same in both languages, as the module's save aligns them."""
    blocks = [
        *shared_blocks("module", image_id, language),
        {
            "type": "document",
            "id": _id("module", language, "document"),
            "value": {"document": document_id, "title": "Listening guide", "description": "Two pages."},
        },
        {
            "type": "case_study",
            "id": _id("module", language, "case"),
            "value": {"title": "Kari", "story": "<p>Kari stops coming.</p>", "questions": ["What do you say?"]},
        },
        {
            "type": "reflection",
            "id": _id("module", "reflection"),
            "value": {"prompt": "When were you listened to?", "guidance": "A few sentences."},
        },
    ]
    if video:
        blocks.append(
            {
                "type": "video",
                "id": _id("module", language, "video"),
                "value": {
                    "title": "Active listening",
                    "video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "transcript": "<p>What is said in the video.</p>",
                },
            }
        )
    return blocks
