"""Template side of bilingual content (home.i18n): the text in the reader's language, its `lang`, hreflang links,
and the note shown when a page has no translation yet."""

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator

from home import i18n

register = template.Library()


@register.filter
def localized(obj, name):
    """`{{ page|localized:"title" }}`: the Bokmål text for Bokmål readers where it exists, else the English."""
    if obj is None:
        return ""
    return i18n.localized(obj, name)


@register.filter
def content_lang(obj, name="title"):
    """The language code of what `localized` shows for this field, for a `lang` attribute."""
    if (
        obj is not None
        and i18n.content_language() == i18n.TRANSLATION_LANGUAGE
        and i18n.has_text(getattr(obj, f"{name}_nb", None))
    ):
        return i18n.TRANSLATION_LANGUAGE
    return i18n.SOURCE_LANGUAGE


@register.simple_tag
def specific_ancestors(page):
    """The breadcrumb ancestors of `page` below the root, as specific pages (so their Bokmål titles are there): one
    query per page type, never per page."""
    if page is None or not getattr(page, "pk", None):
        return []
    return list(page.get_ancestors().defer_streamfields().specific()[1:])


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context, page=None):
    page = page or context.get("page")
    request = context.get("request")
    links = page.language_alternates(request) if hasattr(page, "language_alternates") else []
    return {"links": links}


@register.inclusion_tag("includes/translation_note.html", takes_context=True)
def translation_note(context, page=None):
    """ "Not yet in Bokmål" with a link, for a Bokmål reader of a page without a translation."""
    page = page or context.get("page")
    request = context.get("request")
    show = bool(
        page is not None
        and hasattr(page, "has_translation")
        and i18n.content_language() == i18n.TRANSLATION_LANGUAGE
        and not page.has_translation()
    )
    url = ""
    if show and request is not None:
        url = f"{request.path}?{i18n.LANGUAGE_QUERY_PARAMETER}={i18n.SOURCE_LANGUAGE}"
    return {"show": show, "english_url": url}


@register.filter
def head_title(page):
    """The `<title>` text of a page: its SEO title (English only) for English readers, its localized title else."""
    if page is None:
        return ""
    if i18n.content_language() == i18n.TRANSLATION_LANGUAGE and i18n.has_text(getattr(page, "title_nb", None)):
        return page.title_nb
    return getattr(page, "seo_title", "") or getattr(page, "title", "")


@register.simple_tag
def lang_attr(obj, name="title"):
    """` lang="en"` where the text shown is English under a Bokmål interface (so screen readers switch voice)."""

    shown = content_lang(obj, name)
    if shown != i18n.content_language():
        return format_html(' lang="{}"', shown)
    return ""


@register.filter
def search_summary(page):
    """A search result's line: the Bokmål introduction for Bokmål readers where there is one, else the search
    description or the introduction (as before)."""

    if i18n.content_language() == i18n.TRANSLATION_LANGUAGE and i18n.has_text(getattr(page, "introduction_nb", "")):
        return Truncator(strip_tags(page.introduction_nb)).words(30)
    if getattr(page, "search_description", ""):
        return page.search_description
    return Truncator(strip_tags(getattr(page, "introduction", "") or "")).words(30)
