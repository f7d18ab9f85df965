"""The site's own pages and its settings. Feature apps add their own page types under the home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from .blocks import BodyBlock, EmergencyNumberBlock, LinkBlock
from .i18n import TranslatedContent
from .routing import FastRouteMixin
from .structure import StructureCachedPage

TRANSLATION_HELP = _(
    "The Bokmål version of this page. Leave it empty to show the English to Bokmål readers, with a note. "
    "Publishing a translation goes through the same review as the English."
)


def translation_tab(*names):
    """The admin tab where counsellors write the Bokmål version of a page's translated fields."""
    return ObjectList(
        [HelpPanel(content=TRANSLATION_HELP), *[FieldPanel(name) for name in names]], heading=_("Norsk (bokmål)")
    )


def tabs(content_panels, translation, *extra):
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            translation,
            *extra,
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


INTRODUCTION_FEATURES = ["bold", "italic", "link"]


class HomePage(FastRouteMixin, StructureCachedPage, TranslatedContent, Page):
    """The root of the site: an introduction and a body. There is one per site."""

    introduction = RichTextField(_("introduction"), blank=True, features=INTRODUCTION_FEATURES)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    introduction_nb = RichTextField(_("introduction (Bokmål)"), blank=True, features=INTRODUCTION_FEATURES)
    body_nb = StreamField(BodyBlock(), blank=True, verbose_name=_("body (Bokmål)"))

    translated_fields = ("title", "introduction", "body")
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    edit_handler = tabs(content_panels, translation_tab("title_nb", "introduction_nb", "body_nb"))
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    # Plus the page types of higher apps that name the home page in their own parent_page_types (see below).
    subpage_types = ["home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def clean_subpage_models(cls):
        """StandardPage, and every page type that explicitly names HomePage among its parent_page_types.

        Feature apps (e.g. the courses' TrainingIndexPage) declare where they live; the home app, lower in the
        dependency order, never names them. Page types without explicit parent_page_types are not allowed here.
        """
        if cls._clean_subpage_models is None:
            own = super().clean_subpage_models()
            others = [
                model
                for model in get_page_models()
                if model not in own
                and getattr(model, "parent_page_types", None) is not None
                and cls in model.clean_parent_page_models()
            ]
            cls._clean_subpage_models = [*own, *others]
        return cls._clean_subpage_models


class StandardPage(TranslatedContent, Page):
    """An information page ("What is peer support", "Privacy"...): introduction, body, optional subpages."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=INTRODUCTION_FEATURES,
        help_text=_("One or two sentences that say what the page is about. Also shown in search results."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    introduction_nb = RichTextField(_("introduction (Bokmål)"), blank=True, features=INTRODUCTION_FEATURES)
    body_nb = StreamField(BodyBlock(), blank=True, verbose_name=_("body (Bokmål)"))

    translated_fields = ("title", "introduction", "body")
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    edit_handler = tabs(content_panels, translation_tab("title_nb", "introduction_nb", "body_nb"))
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    show_in_menus_default = True

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and where to get help: shown in every page's footer."""

    organisation_name = models.CharField(_("organisation name"), max_length=150, default="Peer Support Academy")
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_("A short line under the organisation name in the footer."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    emergency_numbers = StreamField(
        [("number", EmergencyNumberBlock())],
        blank=True,
        verbose_name=_("emergency numbers"),
        help_text=_("Shown first in the footer under “Need help now?”, e.g. 113 and 116 117."),
    )
    help_services = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("help services"),
        help_text=_("Other places to get help, e.g. student health services and counselling."),
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Links at the bottom of every page, e.g. privacy and contact."),
    )
    # Bokmål versions: empty means Bokmål readers see the English (home.i18n.localized).
    tagline_nb = models.CharField(_("tagline (Bokmål)"), max_length=200, blank=True)
    emergency_numbers_nb = StreamField(
        [("number", EmergencyNumberBlock())], blank=True, verbose_name=_("emergency numbers (Bokmål)")
    )
    help_services_nb = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("help services (Bokmål)"))
    footer_links_nb = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links (Bokmål)"))

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("tagline"), FieldPanel("contact_email")],
            heading=_("Organisation"),
        ),
        FieldPanel("emergency_numbers"),
        FieldPanel("help_services"),
        FieldPanel("footer_links"),
        MultiFieldPanel(
            [
                FieldPanel("tagline_nb"),
                FieldPanel("emergency_numbers_nb"),
                FieldPanel("help_services_nb"),
                FieldPanel("footer_links_nb"),
            ],
            heading=_("Norsk (bokmål)"),
        ),
    ]

    class Meta:
        verbose_name = _("Site settings")
