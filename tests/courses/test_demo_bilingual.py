"""Every demo page and module exists in both languages, and the Bokmål is its own text, not the English."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page

from courses.models import CoursePage, ModulePage, TrainingIndexPage
from home.i18n import CURRENT, TranslatedContent
from home.models import HomePage, SiteSettings, StandardPage
from network.models import InstitutionsPage
from survey.models import SurveyPage


@pytest.fixture
def seeded(db, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)


def words(html) -> set[str]:
    return set(re.findall(r"\w{4,}", re.sub(r"<[^>]+>", " ", str(html)).lower()))


def assert_own_text(english, bokmal, what):
    assert bokmal and str(bokmal).strip(), f"{what}: no Bokmål"
    assert str(bokmal) != str(english), f"{what}: the Bokmål is the English"
    shared = words(english) & words(bokmal)
    # Names and numbers are shared (Ola, 113, SiO); the running text is not.
    assert len(shared) <= max(3, len(words(english)) // 5), f"{what}: shares {sorted(shared)}"


def stream_text(stream) -> str:
    return " ".join(" ".join(map(str, block.block.get_searchable_content(block.value))) for block in stream)


def test_every_demo_page_has_both_languages(seeded):
    pages = [p.specific for p in Page.objects.live().exclude(depth=1)]
    translatable = [p for p in pages if isinstance(p, TranslatedContent)]
    assert {type(p) for p in pages} == {type(p) for p in translatable}, "a demo page type has no Bokmål fields"
    assert {type(p) for p in translatable} >= {
        HomePage,
        StandardPage,
        TrainingIndexPage,
        CoursePage,
        ModulePage,
        SurveyPage,
        InstitutionsPage,
    }
    for page in translatable:
        assert page.translation_status == CURRENT, page.title
        assert_own_text(page.title, page.title_nb, f"{page.title} (title)")
        for name in page.translated_fields[1:]:
            english, bokmal = getattr(page, name), getattr(page, f"{name}_nb")
            if hasattr(english, "raw_data"):
                assert len(bokmal) == len(english), f"{page.title}: {name} has another number of blocks"
                english, bokmal = stream_text(english), stream_text(bokmal)
            assert_own_text(english, bokmal, f"{page.title} ({name})")


def test_every_demo_quiz_is_translated_question_by_question(seeded):
    modules = list(ModulePage.objects.live().order_by("path"))
    assert len(modules) == 7
    for module in modules:
        questions = module.quiz_snapshot_source()
        assert len(questions) == 4
        for question in questions:
            texts = question["nb"]
            assert_own_text(question["prompt"], texts["prompt"], f"{module.title}: {question['prompt']}")
            if question["type"] == "scenario":
                assert_own_text(question["case"], texts["case"], f"{module.title}: case")
            for choice in question["choices"]:
                translated = texts["choices"][choice["id"]]
                assert translated["text"] and translated["text"] != choice["text"] or choice["text"] == "113"
                assert translated["feedback"] and translated["feedback"] != choice["feedback"]


def test_the_footer_has_bokmal_labels(seeded):
    site_settings = SiteSettings.objects.get()
    for name in ("emergency_numbers", "help_services", "footer_links"):
        english, bokmal = getattr(site_settings, name), getattr(site_settings, f"{name}_nb")
        assert len(bokmal) == len(english), name
    assert site_settings.tagline_nb and site_settings.tagline_nb != site_settings.tagline


def test_the_demo_reads_in_bokmal(client, seeded):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    html = client.get("/").content.decode()
    for label in ("Hva er likepersonstøtte?", "Bli likeperson", "Opplæring", "Medisinsk nødhjelp", "Legevakt"):
        assert label in html, label
    course = CoursePage.objects.get()
    assert "Opplæring for likepersoner, september 2026" in client.get(course.url).content.decode()


def test_the_survey_and_institutions_pages_read_in_bokmal(client, seeded):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    menu = client.get("/").content.decode()
    assert "Spørreundersøkelse" in menu and "Utdanningsinstitusjoner" in menu
    assert ">Survey<" not in menu and ">Institutions<" not in menu
    survey = client.get(SurveyPage.objects.get().url).content.decode()
    assert '<h1 lang="nb">Spørreundersøkelse</h1>' in survey
    assert "Vi bygger opp et nettverk for likepersonstøtte" in survey
    assert "not yet in Bokmål" not in survey.lower()
    institutions = client.get(InstitutionsPage.objects.get().url).content.decode()
    assert '<h1 lang="nb">Utdanningsinstitusjoner</h1>' in institutions
    assert "Vi hjelper gjerne flere studiesteder" in institutions
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(InstitutionsPage.objects.get().url).content.decode()
    assert '<h1 lang="en">Institutions</h1>' in english and "Vi hjelper gjerne" not in english


def test_a_second_seed_keeps_a_counsellors_translation(seeded):
    page = StandardPage.objects.get(slug="get-help-now")
    page.title_nb = "Hjelp med en gang"
    page.save_revision().publish()
    call_command("seed_demo", verbosity=0)
    page.refresh_from_db()
    assert page.title_nb == "Hjelp med en gang"


def test_a_second_seed_keeps_the_survey_and_institutions_translations(seeded):
    for model in (SurveyPage, InstitutionsPage):
        page = model.objects.get()
        page.title_nb = "Eget navn"
        page.save_revision().publish()
    call_command("seed_demo", verbosity=0)
    for model in (SurveyPage, InstitutionsPage):
        assert model.objects.get().title_nb == "Eget navn"
