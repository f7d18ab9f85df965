"""Page content in English (the source) and Norwegian Bokmål, on one page tree. See docs/decisions/0100.

A translated page keeps its id, its URL and its learning record: the Bokmål text lives in `<field>_nb` fields beside
the English ones, and `localized(obj, name)` picks the text for the active language, falling back to English where
no Bokmål text exists. Quiz structure and keys are never translated (courses.blocks holds the Bokmål texts inside the
same question blocks), so one attempt means the same thing in both languages.

Translation state: `nb_source_digest` is the digest of the English text that the Bokmål text was last written
against; when the English changes without the Bokmål being touched, the translation is "out of date".
"""

from __future__ import annotations

import hashlib
import json

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "en"
TRANSLATION_LANGUAGE = "nb"
CONTENT_LANGUAGES = (SOURCE_LANGUAGE, TRANSLATION_LANGUAGE)
LANGUAGE_QUERY_PARAMETER = "lang"

MISSING = "missing"
OUTDATED = "outdated"
CURRENT = "current"
STATUS_LABELS = {
    MISSING: _("No Bokmål translation"),
    OUTDATED: _("Out of date: the English changed after the translation"),
    CURRENT: _("Translated"),
}


def content_language(language: str | None = None) -> str:
    """`en` or `nb`: the content language for `language` (default: the active one)."""
    language = (language or translation.get_language() or SOURCE_LANGUAGE).lower()
    return TRANSLATION_LANGUAGE if language.startswith(("nb", "no", "nn")) else SOURCE_LANGUAGE


def has_text(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    try:
        return len(value) > 0
    except TypeError:
        return bool(value)


def localized(obj, name: str, language: str | None = None):
    """`obj.<name>_nb` when the content language is Bokmål and it has text, else `obj.<name>`."""
    if content_language(language) == TRANSLATION_LANGUAGE:
        value = getattr(obj, f"{name}_{TRANSLATION_LANGUAGE}", None)
        if has_text(value):
            return value
    return getattr(obj, name, "")


def _stream_text(value) -> object:
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        return [dict(item) for item in raw]
    if hasattr(value, "source"):
        return value.source
    return value


def digest(obj, names) -> str:
    data = [_stream_text(getattr(obj, name, "")) for name in names]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


class TranslatedContent(models.Model):
    """Abstract: the Bokmål title and the translation state of a page. Subclasses list `translated_fields` (the
    English names; each has a `<name>_nb` field) and may add English-only texts to `translation_source_extra`."""

    title_nb = models.CharField(_("title (Bokmål)"), max_length=255, blank=True)
    nb_source_digest = models.CharField(max_length=64, blank=True, editable=False)
    nb_digest = models.CharField(max_length=64, blank=True, editable=False)

    translated_fields: tuple[str, ...] = ("title",)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or any(f"{name}_nb" in update_fields for name in self.translated_fields):
            self.refresh_translation_state()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "nb_source_digest", "nb_digest"}
        return super().save(*args, **kwargs)

    def source_digest(self) -> str:
        return digest(self, self.translated_fields)[:48] + self.translation_source_extra()[:16]

    def translation_digest(self) -> str:
        return digest(self, [f"{name}_nb" for name in self.translated_fields])[:48] + self.translation_extra()[:16]

    def translation_source_extra(self) -> str:
        return ""

    def translation_extra(self) -> str:
        return ""

    def refresh_translation_state(self) -> None:
        """When the Bokmål text changed since the last save, it now translates the current English."""
        current = self.translation_digest()
        if current != self.nb_digest:
            self.nb_digest = current
            self.nb_source_digest = self.source_digest() if self.has_translation() else ""

    def has_translation(self, language: str = TRANSLATION_LANGUAGE) -> bool:
        return language == SOURCE_LANGUAGE or has_text(self.title_nb)

    @property
    def translation_status(self) -> str:
        if not self.has_translation():
            return MISSING
        return CURRENT if self.nb_source_digest == self.source_digest() else OUTDATED

    @property
    def translation_status_label(self) -> str:
        return STATUS_LABELS[self.translation_status]

    def language_alternates(self, request=None) -> list[dict]:
        """hreflang alternates: each content language this page has, and x-default (the negotiated URL)."""
        url = self.get_full_url(request)
        if not url:
            return []
        links = [{"hreflang": code, "href": f"{url}?{LANGUAGE_QUERY_PARAMETER}={code}"} for code in CONTENT_LANGUAGES]
        if not self.has_translation():
            links = links[:1]
        return [*links, {"hreflang": "x-default", "href": url}]

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if not self.has_translation():
            return urls
        extra = []
        for entry in urls:
            extra.append({**entry, "location": f"{entry['location']}?{LANGUAGE_QUERY_PARAMETER}=nb"})
        return [*urls, *extra]
