"""The institutions page, in the main menu. Idempotent: an existing page is left as it is."""

from home.demo import get_home_page

from .models import InstitutionsPage

SLUG = "institutions"


def seed(context) -> None:
    home = get_home_page()
    if InstitutionsPage.objects.exists():
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
    context.log("Institutions page: created.")
