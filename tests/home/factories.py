import factory
import wagtail_factories
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from home import blocks
from home.models import HomePage, SiteSettings, StandardPage


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.HeadingBlock

    text = factory.Sequence(lambda n: f"Section {n}")
    level = "h2"


class CalloutBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.CalloutBlock

    tone = "confidentiality"
    title = "What you say stays between you"
    text = factory.LazyFunction(lambda: RichText("<p>Peer supporters keep it to themselves.</p>"))


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.QuoteBlock

    quote = "It is about students helping students."
    attribution = "A peer supporter"


def _home_parent():
    return Page.get_first_root_node()


class HomePageFactory(wagtail_factories.PageFactory):
    """The site's home page, made the root of the default site (replacing Wagtail's welcome page)."""

    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    title = "Peer Support Academy"
    slug = factory.Sequence(lambda n: f"home-{n}")
    introduction = "<p>Students helping students.</p>"
    body = wagtail_factories.StreamFieldFactory(
        {"heading": factory.SubFactory(HeadingBlockFactory), "callout": factory.SubFactory(CalloutBlockFactory)}
    )
    parent = factory.LazyFunction(_home_parent)

    @factory.post_generation
    def as_site_root(self, create, extracted, **kwargs):
        if create and extracted is not False:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                Site.objects.create(hostname="testserver", root_page=self, is_default_site=True, site_name="PSA")
            else:
                site.root_page = self
                site.save()
            # The page may have cached the site roots of before it became one (its url would be None).
            self.__dict__.pop("_wagtail_cached_site_root_paths", None)


class StandardPageFactory(wagtail_factories.PageFactory):
    """An information page; give it `parent=` (a HomePage or StandardPage)."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Information page {n}")
    slug = factory.Sequence(lambda n: f"information-{n}")
    introduction = "<p>What this page is about.</p>"
    show_in_menus = True
    body = wagtail_factories.StreamFieldFactory(
        {"heading": factory.SubFactory(HeadingBlockFactory), "quote": factory.SubFactory(QuoteBlockFactory)}
    )


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    organisation_name = "Peer Support Academy"
    contact_email = "peersupport@example.org"
    emergency_numbers = factory.LazyFunction(
        lambda: [("number", {"label": "Medical emergency", "number": "113", "note": ""})]
    )
