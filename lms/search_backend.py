"""The Wagtail search backend: the database backend (SQLite FTS5, PostgreSQL full text) with every query string
reduced to plain words by `lms.bounds.search_terms` first.

One place for every search that reaches the index: the site search, the admin page search and explorer, image and
document listings, choosers and any indexed model's admin listing (Wagtail's generic views call the backend directly
with the raw `q`). Their query syntax — quotes, parentheses, NEAR, `*`, `:`, NUL — can then no longer raise a database
error (issue 15). Query objects built in code (wagtail.search.query) pass unchanged."""

from modelsearch.backends.database import SearchBackend as database_backend

from .bounds import search_terms


class BoundedSearchMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            query = search_terms(query)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


_classes: dict[type, type] = {}


def SearchBackend(params):  # noqa: N802 (the name Wagtail imports from a backend module)
    backend = database_backend(params)  # picks the class for the connection's vendor
    cls = type(backend)
    if cls not in _classes:
        _classes[cls] = type(f"Bounded{cls.__name__}", (BoundedSearchMixin, cls), {})
    backend.__class__ = _classes[cls]
    return backend
