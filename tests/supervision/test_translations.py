from pathlib import Path

import polib
from django.utils import translation
from django.utils.translation import gettext

CATALOGUE = Path(__file__).resolve().parents[2] / "supervision" / "locale" / "nb" / "LC_MESSAGES"


def test_catalogue_is_complete_and_not_fuzzy():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert (po.untranslated_entries(), po.fuzzy_entries(), bool(po.metadata_is_fuzzy)) == ([], [], False)


def test_compiled_catalogue_matches_the_po_file():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    assert {e.msgid: e.msgstr for e in po} == {e.msgid: e.msgstr for e in mo if e.msgid}


def test_bokmal_is_used_at_run_time():
    with translation.override("nb"):
        assert gettext("Someone's life or health is in danger") == "Noens liv eller helse er i fare"
