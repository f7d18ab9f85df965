"""Every catalogue in the repository (locale/ and <app>/locale/) is complete, and its committed .mo matches."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from home.management.commands.compilemessages_py import project_catalogues

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUES = project_catalogues(BASE_DIR)
IDS = [str(path.relative_to(BASE_DIR)) for path in CATALOGUES]


def entries(catalogue) -> dict:
    """(context, msgid, plural) -> translation(s), for the translated entries a .mo carries."""
    result = {}
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        translation = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        result[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = translation
    return result


def test_the_root_catalogue_is_found():
    assert BASE_DIR / "locale/nb/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=IDS)
def test_every_msgid_is_translated(po_path):
    po = polib.pofile(str(po_path))
    missing = [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and (not all(entry.msgstr_plural.values()) if entry.msgid_plural else not entry.msgstr.strip())
    ]
    assert missing == [], f"{len(missing)} untranslated in {po_path}: {missing[:10]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=IDS)
def test_no_entry_is_fuzzy(po_path):
    po = polib.pofile(str(po_path))
    assert not po.metadata_is_fuzzy, f"the header of {po_path} is marked fuzzy"
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert fuzzy == [], f"fuzzy in {po_path}: {fuzzy[:10]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=IDS)
def test_the_committed_mo_matches_the_po(po_path, tmp_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make compilemessages`"
    fresh = tmp_path / "fresh.mo"
    polib.pofile(str(po_path)).save_as_mofile(str(fresh))
    assert entries(polib.mofile(str(mo_path))) == entries(polib.mofile(str(fresh))), (
        f"{mo_path} is out of date: run `make compilemessages`"
    )


@pytest.mark.parametrize("po_path", CATALOGUES, ids=IDS)
def test_placeholders_survive_translation(po_path):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    po = polib.pofile(str(po_path))
    broken = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            # A plural form may leave out the count ("one result"), but may never invent a name: it would crash.
            known = set(placeholder.findall(entry.msgid)) | set(placeholder.findall(entry.msgid_plural))
            if any(not set(placeholder.findall(text)) <= known for text in entry.msgstr_plural.values()):
                broken.append(entry.msgid)
        elif set(placeholder.findall(entry.msgstr)) != set(placeholder.findall(entry.msgid)):
            broken.append(entry.msgid)
    assert broken == [], broken


def test_the_nb_catalogue_is_used_at_run_time():
    with translation.override("nb"):
        assert translation.gettext("Skip to main content") == "Hopp til hovedinnholdet"
