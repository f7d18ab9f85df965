from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "certificates" / "locale" / "nb" / "LC_MESSAGES"


def test_every_string_has_a_bokmal_translation():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert [entry.msgid for entry in po if not entry.msgstr or "fuzzy" in entry.flags] == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    assert {entry.msgid: entry.msgstr for entry in po} == {entry.msgid: entry.msgstr for entry in mo if entry.msgid}
