"""Page types: where they may live, creation through the real admin form, rendering and previews."""

from wagtail.coreutils import get_dummy_request
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from tests.home.factories import HomePageFactory, StandardPageFactory
from tests.lms.factories import UserFactory


def page_form_data(title, **extra):
    """POST data for the page forms (Wagtail 8 renders StreamFields with JavaScript, so it cannot be scraped)."""
    return nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", None) or title.lower().replace(" ", "-").strip("?"),
            "introduction": rich_text("<p>Would you like to help?</p>"),
            "body": streamfield(
                [
                    ("heading", {"text": "Who we are looking for", "level": "h2"}),
                    ("paragraph", rich_text("<p>A wish to help.</p>")),
                    (
                        "callout",
                        {"tone": "important", "title": "Note", "text": rich_text("<p>Training is in September.</p>")},
                    ),
                    ("quote", {"quote": "Students helping students.", "attribution": ""}),
                ]
            ),
            "body_nb": streamfield([]),  # the Bokmål tab, left empty
            **extra,
        }
    )


class PageTypeTests(WagtailPageTestCase):
    def setUp(self):
        # WagtailPageTestCase shares one dummy request per class, and Wagtail caches site roots on it; each test
        # makes its own home page (a new site root), so each test gets a fresh request.
        self.dummy_request = get_dummy_request()
        # A superuser is staff: the MFA middleware needs an authenticator before the admin opens.
        self.editor = UserFactory(is_superuser=True, is_staff=True, with_totp=True)
        self.client.force_login(self.editor)
        self.home = HomePageFactory()
        self.page = StandardPageFactory(parent=self.home, title="What is peer support?")

    def test_home_page_lives_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_takes_standard_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_home_page_takes_only_page_types_that_name_it_as_their_parent(self):
        for model in HomePage.clean_subpage_models():
            assert model is StandardPage or HomePage in model.clean_parent_page_models(), model

    def test_standard_page_lives_under_home_or_standard_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_standard_page_takes_only_standard_pages(self):
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_a_second_home_page_cannot_be_created(self):
        assert not HomePage.can_create_at(Page.get_first_root_node())

    def test_standard_page_cannot_be_created_at_the_root(self):
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_standard_page_can_be_created_through_the_admin_form(self):
        self.assertCanCreate(self.home, StandardPage, page_form_data("Become a peer supporter"))
        created = StandardPage.objects.get(slug="become-a-peer-supporter")
        assert [block.block_type for block in created.body] == ["heading", "paragraph", "callout", "quote"]

    def test_home_page_can_be_created_through_the_admin_form_when_none_exists(self):
        self.home.delete()
        self.assertCanCreate(Page.get_first_root_node(), HomePage, page_form_data("Peer Support Academy"))

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.home)

    def test_standard_page_renders(self):
        self.assertPageIsRenderable(self.page)

    def test_home_page_is_routable(self):
        self.assertPageIsRoutable(self.home)

    def test_standard_page_is_routable(self):
        self.assertPageIsRoutable(self.page)

    def test_home_page_previews(self):
        self.assertPageIsPreviewable(
            self.home, post_data=page_form_data(self.home.title, slug=self.home.slug), user=self.editor
        )

    def test_standard_page_previews(self):
        self.assertPageIsPreviewable(
            self.page, post_data=page_form_data(self.page.title, slug=self.page.slug), user=self.editor
        )

    def test_home_page_edit_form_opens(self):
        self.assertPageIsEditable(self.home, page_form_data(self.home.title, slug=self.home.slug), user=self.editor)

    def test_standard_page_edit_form_opens(self):
        self.assertPageIsEditable(self.page, page_form_data(self.page.title, slug=self.page.slug), user=self.editor)
