"""The content blocks counsellors compose pages from: one class per component, each with its own template.

Deliberately small. Every block renders through a template in `templates/blocks/`, so no block ever prints its raw
value, and there is no RawHTMLBlock: everything an editor writes renders inert (docs/security.md#inert-content).
Headings are a block of their own (h2/h3 only), so the page title stays the one <h1> and the outline stays in order.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# Rich text features editors get in running text: no headings (HeadingBlock), no embeds, no raw HTML.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
# Inside callouts, FAQ answers and the like: even less.
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul"]


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
        template = "blocks/heading.html"


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
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
        template = "blocks/call_to_action.html"


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Link list")
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
        template = "blocks/callout.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
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
