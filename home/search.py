"""Search in Bokmål: the pages' Bokmål title and introduction, with PostgreSQL's `norwegian` text-search
configuration (so "lytting" also finds "lytte"), or every word as a case-insensitive substring on SQLite.

English keeps Wagtail's search index. Only translated page types with Bokmål text are searched, and only within the
queryset given (the pages this visitor may see: home.visibility), so login-only pages never appear.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q

from .i18n import TranslatedContent

SEARCHED_FIELDS = ("title_nb", "introduction_nb")


def _bokmal_models():
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if issubclass(model, TranslatedContent) and not model._meta.abstract and model.search_fields != []
    ]


def _matching_ids(model, query: str) -> list[int]:
    fields = [name for name in SEARCHED_FIELDS if any(f.name == name for f in model._meta.get_fields())]
    if not fields:
        return []
    queryset = model.objects.exclude(title_nb="")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector(*fields, config="norwegian")
        return list(
            queryset.annotate(nb_search=vector)
            .filter(nb_search=SearchQuery(query, config="norwegian", search_type="plain"))
            .values_list("pk", flat=True)
        )
    condition = Q()
    for word in query.split():
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return list(queryset.filter(condition).values_list("pk", flat=True))


def search_bokmal(visible, query: str):
    """The pages of `visible` whose Bokmål text matches `query`, in tree order."""
    ids = [pk for model in _bokmal_models() for pk in _matching_ids(model, query)]
    return visible.filter(pk__in=ids).order_by("path").specific()
