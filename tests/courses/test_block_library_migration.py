"""The block library merge (home 0005, courses 0007) on a database with every block type of a page body and of a
module body, in English and Bokmål, on the page tables and on revisions.

Modules now use home's heading, text, image and callout blocks under the names and structures they always had, so
the stored JSON needs no conversion (docs/decisions/0180). This test proves it: the old definitions read the data,
the migrations leave every byte of it as it was, and the new definitions read and render all of it."""

import json

import pytest
from django.db import connection
from wagtail.models import Revision

from courses.models import ModulePage
from home.models import StandardPage
from tests.courses import block_streams
from tests.courses.factories import build_course, home_page, modules_of
from tests.home.factories import StandardPageFactory
from tests.migrating import migrate, migrate_to_newest

BEFORE = [("home", "0004_bokmal_content"), ("courses", "0006_bokmal_content")]
PAGE_TYPES = ["heading", "paragraph", "image", "callout", "call_to_action", "link_list", "quote", "faq"]
MODULE_TYPES = ["heading", "paragraph", "image", "callout", "document", "case_study", "reflection", "video"]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def stored(table: str, pk: int) -> list:
    """The body and body_nb columns as the database holds them (no block definition involved)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT body, body_nb FROM {table} WHERE page_ptr_id = %s", [pk])  # noqa: S608 - fixed names
        row = cursor.fetchone()
    return [json.loads(value) if isinstance(value, str) else value for value in row]


def revision_contents(pks) -> dict:
    """Every revision of the pages: its id and its content (the streams inside are JSON text)."""
    revisions = Revision.objects.filter(object_id__in=[str(pk) for pk in pks])
    return dict(revisions.values_list("pk", "content"))


def test_every_block_survives_the_block_library_migrations():
    image, document = block_streams.image(), block_streams.document()
    page = StandardPageFactory(parent=home_page(), body=[])
    page.body = block_streams.page_body(image.pk)
    page.body_nb = block_streams.page_body(image.pk, "nb")
    page.title_nb = "Informasjon"
    page.save_revision().publish()
    module = modules_of(build_course(modules=1))[0]
    module.body = block_streams.module_body(image.pk, document.pk)
    module.body_nb = block_streams.module_body(image.pk, document.pk, "nb")
    module.save_revision().publish()
    # Every block type of each stream is in the data.
    assert [item["type"] for item in stored("home_standardpage", page.pk)[0]] == PAGE_TYPES
    assert [item["type"] for item in stored("courses_modulepage", module.pk)[1]] == MODULE_TYPES
    before = {
        "page": stored("home_standardpage", page.pk),
        "module": stored("courses_modulepage", module.pk),
        "revisions": revision_contents([page.pk, module.pk]),
    }
    assert all(json.loads(content["body"]) for content in before["revisions"].values())
    try:
        old = migrate(BEFORE)
        # The definitions before the merge read every block of the data (nothing was written for the new ones only).
        old_module = old.get_model("courses", "ModulePage").objects.get(pk=module.pk)
        old_page = old.get_model("home", "StandardPage").objects.get(pk=page.pk)
        assert [block.block_type for block in old_module.body_nb] == MODULE_TYPES
        assert [block.block_type for block in old_page.body] == PAGE_TYPES
        assert old_module.body[3].value["tone"] == "important"
    finally:
        # Forward again over the data: the merge's migrations run on it.
        migrate_to_newest()

    assert stored("home_standardpage", page.pk) == before["page"]
    assert stored("courses_modulepage", module.pk) == before["module"]
    assert revision_contents([page.pk, module.pk]) == before["revisions"]

    module = ModulePage.objects.get(pk=module.pk)
    page = StandardPage.objects.get(pk=page.pk)
    for stream, types in ((module.body, MODULE_TYPES), (module.body_nb, MODULE_TYPES), (page.body, PAGE_TYPES)):
        assert [block.block_type for block in stream] == types
    # The shared blocks render through the one template each, in a module as in a page.
    for stream in (module.body, page.body):
        html = "".join(str(block) for block in list(stream)[:4])
        assert '<h2 class="block-heading">Listening</h2>' in html
        assert "<p>Listen first, <b>then</b> talk.</p>" in html
        assert 'alt="Two students on a bench"' in html
        assert '<div class="callout callout--important" role="note">' in html
        assert "<ol><li>Call</li><li>Tell</li></ol>" in html
        assert "<aside" not in html
    # Revisions too: the latest revision of each page is read with the new definitions.
    revised = Revision.objects.filter(object_id=str(module.pk)).order_by("-pk").first().as_object()
    assert [block.block_type for block in revised.body_nb] == MODULE_TYPES
    assert "Hvis noen er i fare" in str(revised.body_nb[3])
    revised_page = Revision.objects.filter(object_id=str(page.pk)).order_by("-pk").first().as_object()
    assert [block.block_type for block in revised_page.body_nb] == PAGE_TYPES
