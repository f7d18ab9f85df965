"""The content blocks counsellors compose pages from: one class per component, each with its own template.

Deliberately small. Every block renders through a template in `templates/blocks/`, so no block ever prints its raw
value, and there is no RawHTMLBlock: everything an editor writes renders inert (docs/security.md#inert-content).
Headings are a block of their own (h2/h3 only), so the page title stays the one <h1> and the outline stays in order.

This is the one block library: training modules (courses.blocks.ModuleBodyBlock) use the heading, text, image and
callout blocks from here under the same names, so a module's stored stream and a page's mean the same thing
(docs/decisions/0180). Each block has a `description` and a `preview_value` for the block picker's preview, which
renders through `templates/wagtailcore/shared/block_preview.html` with the site's stylesheet.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

# Rich text features editors get in running text: no headings (HeadingBlock), no embeds, no raw HTML.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
# Inside callouts, FAQ answers and the like, and training texts (transcripts, cases): even less. Numbered lists are
# in because module callouts have always allowed them (stored content keeps them).
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


# The block picker's previews. Meta.preview_value is a callable (a staticmethod, as Wagtail reads it from an instance
# of Meta) where the value must be built when the preview is shown: rich text in the editor's language, an image
# from the library.
def _rich_text(html) -> RichText:
    return RichText(str(html))


def _text_preview() -> RichText:
    return _rich_text(
        _(
            "<p>A peer supporter <b>listens</b> first, and helps a fellow student find the right "
            '<a href="/get-help-now/">help</a> when it is needed.</p>'
        )
    )


def _image_preview() -> dict:
    """The oldest image of the library (none yet: the caption alone)."""
    return {
        "image": get_image_model().objects.order_by("pk").first(),
        "alt_text": _("Two students talking on a bench"),
        "caption": _("Peer support happens where students are."),
    }


def _callout_preview() -> dict:
    return {
        "tone": "important",
        "title": _("If someone is in danger"),
        "text": _rich_text(_("<p>Call 113 at once. Then tell your supervisor.</p>")),
    }


def _faq_preview() -> dict:
    return {
        "heading": _("Questions and answers"),
        "items": [
            {
                "question": _("Is it confidential?"),
                "answer": _rich_text(_("<p>Yes. What you tell a peer supporter stays between you.</p>")),
            }
        ],
    }


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A section heading (h2) or a subheading (h3). The page title is the only main heading.")
        preview_value = {"text": _("What a peer supporter does"), "level": "h2"}
        template = "blocks/heading.html"


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        description = _("Running text with bold, italic, links and lists.")
        preview_value = staticmethod(_text_preview)
        template = "blocks/rich_text.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("An image from the library, with alternative text for people who cannot see it.")
        preview_value = staticmethod(_image_preview)
        template = "blocks/image.html"


# An address on this site ("/accounts/signup/") or an external http(s), mailto: or tel: address. Never javascript:.
link_url_validator = RegexValidator(
    r"^(/(?!/)\S*|https?://\S+|mailto:\S+|tel:[+0-9 ]+)$",
    _("Enter an address that starts with /, https://, http://, mailto: or tel:."),
)


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address: exactly one of the two."""

    label = blocks.CharBlock(label=_("Link text"), max_length=100)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Address"),
        max_length=500,
        required=False,
        validators=[link_url_validator],
        help_text=_("An external address (https://…), or a path on this site such as /accounts/signup/."),
    )
    description = blocks.CharBlock(label=_("Description"), max_length=200, required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        description = _("A link to a page of the site or to an external address.")
        preview_value = {"label": _("Create an account"), "url": "/accounts/signup/"}
        template = "blocks/link.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an address (one of the two).")
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=400, required=False)
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        description = _("A short invitation with one button.")
        preview_value = {
            "heading": _("Become a peer supporter"),
            "text": _("The next course starts in September."),
            "link": {"label": _("Create an account"), "url": "/accounts/signup/"},
        }
        template = "blocks/call_to_action.html"


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Link list")
        description = _("A list of links, each with an optional description.")
        preview_value = {
            "heading": _("Where to get help"),
            "links": [
                {"label": _("Get help now"), "url": "/get-help-now/", "description": ""},
                {"label": _("Create an account"), "url": "/accounts/signup/", "description": ""},
            ],
        }
        template = "blocks/link_list.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[
            ("info", _("Information")),
            ("important", _("Important")),
            ("confidentiality", _("Confidentiality")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        description = _("A highlighted note that says its tone in words: information, important or confidentiality.")
        preview_value = staticmethod(_callout_preview)
        template = "blocks/callout.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A quotation, with who said it.")
        preview_value = {
            "quote": _("Being listened to made the week manageable again."),
            "attribution": _("A student"),
        }
        template = "blocks/quote.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        description = _("Frequently asked questions, each answer folded under its question.")
        preview_value = staticmethod(_faq_preview)
        template = "blocks/faq.html"


class BodyBlock(blocks.StreamBlock):
    """The body of home and standard pages."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    link_list = LinkListBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    faq = FAQBlock()


class EmergencyNumberBlock(blocks.StructBlock):
    """A phone number in the footer's "Need help now?" list, e.g. 113 (medical emergency)."""

    label = blocks.CharBlock(label=_("Service"), max_length=80)
    number = blocks.CharBlock(label=_("Phone number"), max_length=30)
    note = blocks.CharBlock(label=_("When to call"), max_length=120, required=False)

    class Meta:
        icon = "mobile-alt"
        label = _("Emergency number")
        template = "blocks/emergency_number.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["tel"] = "".join(ch for ch in value["number"] if ch.isdigit() or ch == "+")
        return context
