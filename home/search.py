"""Search in Bokmål: every Bokmål text of a page (its title and each `<field>_nb` of `translated_fields`: the
introduction, the body's StreamField blocks, a module's summary...), with PostgreSQL's `norwegian` text-search
configuration (so "lytting" also finds "lyttingen"), or every word as a case-insensitive substring on SQLite.

English keeps Wagtail's search index. Only translated page types with Bokmål text are searched, and only within the
queryset given (the pages this visitor may see: home.visibility), so login-only pages never appear.

StreamField text: the block values only (never block type names, ids or HTML tags). PostgreSQL takes the strings
and objects under every "value" member of the JSON (`jsonb_path_query_array`) into `jsonb_to_tsvector`; SQLite reads
the same strings in Python, from the pages this visitor may see, one query per page type.
"""

from __future__ import annotations

import json

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorCombinable, SearchVectorField
from django.db import connection
from django.db.models import Func
from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from .i18n import TranslatedContent

STREAM_VALUES = """strict $.**.value ? (@.type() == "string" || @.type() == "object")"""


def _bokmal_models():
    return [
        model
        for model in get_page_models()
        if issubclass(model, TranslatedContent) and not model._meta.abstract and model.search_fields != []
    ]


def searched_fields(model) -> tuple[list[str], list[str]]:
    """The model's Bokmål text fields and its Bokmål StreamFields."""
    texts, streams = [], []
    stored = {field.name: field for field in model._meta.get_fields()}
    for name in model.translated_fields:
        field = stored.get(f"{name}_nb")
        if field is not None:
            (streams if isinstance(field, StreamField) else texts).append(field.name)
    return texts, streams


def stream_text_vector(name):
    """PostgreSQL: the tsvector of a StreamField's block values under the norwegian configuration (empty, never
    NULL, so that it combines with the other fields' vector)."""

    class StreamTextVector(SearchVectorCombinable, Func):
        template = (
            "COALESCE(jsonb_to_tsvector('norwegian'::regconfig, jsonb_path_query_array((%(expressions)s)::jsonb, "
            "'" + STREAM_VALUES.replace("'", "''") + "'), '[\"string\"]'), ''::tsvector)"
        )

    return StreamTextVector(name, output_field=SearchVectorField())


def stream_strings(data) -> list[str]:
    """The texts of a StreamField's JSON: strings under a "value" member, and the strings inside object values."""
    found: list[str] = []

    def strings(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                strings(value)
        elif isinstance(node, list):
            for value in node:
                strings(value)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "value" and isinstance(value, str | dict):
                    strings(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def _stream_data(value):
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        return [dict(item) for item in raw]
    if isinstance(value, str):
        try:
            return json.loads(value) if value else []
        except ValueError:
            return []
    return value or []


def _matching_ids(model, query: str, visible) -> list[int]:
    texts, streams = searched_fields(model)
    if not texts and not streams:
        return []
    queryset = model.objects.exclude(title_nb="").filter(pk__in=visible.values("pk"))
    if connection.vendor == "postgresql":
        # One vector over all the fields, so that the words of a query may be found in different fields.
        vectors = [SearchVector(*texts, config="norwegian")] if texts else []
        vectors += [stream_text_vector(name) for name in streams]
        vector = vectors[0]
        for other in vectors[1:]:
            vector = vector + other
        search_query = SearchQuery(query, config="norwegian", search_type="plain")
        return list(queryset.annotate(nb_search=vector).filter(nb_search=search_query).values_list("pk", flat=True))
    words = [word.casefold() for word in query.split()]
    matches = []
    for pk, *values in queryset.values_list("pk", *texts, *streams):
        parts = [strip_tags(value or "") for value in values[: len(texts)]]
        for value in values[len(texts) :]:
            parts.extend(strip_tags(text) for text in stream_strings(_stream_data(value)))
        haystack = " ".join(parts).casefold()
        if all(word in haystack for word in words):
            matches.append(pk)
    return matches


def search_bokmal(visible, query: str):
    """The pages of `visible` whose Bokmål text matches `query`, in tree order."""
    ids = [pk for model in _bokmal_models() for pk in _matching_ids(model, query, visible)]
    return visible.filter(pk__in=ids).order_by("path").specific()
