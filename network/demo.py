"""The institutions page, in the main menu, in English and Bokmål. Idempotent: an existing page is left as it is,
except that it gets the Bokmål version when it has none (a counsellor's translation is kept)."""

from home.demo import get_home_page

from .models import InstitutionsPage

SLUG = "institutions"
BOKMAL = {
    "title_nb": "Utdanningsinstitusjoner",
    "introduction_nb": (
        "<p>BI, Høyskolen Kristiania, Universitetet i Oslo og OsloMet er i gang med å bygge opp likepersonstøtte. "
        "Prosjektmedarbeiderne der rekrutterer likepersoner blant egne studenter og fra andre studiesteder i "
        "hovedstadsområdet.</p>"
    ),
    "contact_introduction_nb": "<p>Vi hjelper gjerne flere studiesteder med å starte et nettverk for likepersoner.</p>",
}


def add_bokmal(page) -> None:
    """Give the page its Bokmål text where it has none."""
    if page.title_nb:
        return
    for name, value in BOKMAL.items():
        setattr(page, name, value)
    page.save_revision().publish()


def seed(context) -> None:
    home = get_home_page()
    existing = InstitutionsPage.objects.first()
    if existing is not None:
        add_bokmal(existing)
        context.log("Institutions page: already there.")
        return
    page = InstitutionsPage(
        title="Institutions",
        slug=SLUG,
        introduction=(
            "<p>BI, Kristiania University College, the University of Oslo and OsloMet are establishing peer "
            "support. Project staff there recruit peer supporters from their own institution and from other "
            "institutions in Oslo, Kjeller and Sandvika.</p>"
        ),
        contact_introduction="<p>We are glad to help more institutions start a peer support network.</p>",
        show_in_menus=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    add_bokmal(page)
    context.log("Institutions page: created.")
