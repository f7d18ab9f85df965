"""Routing a request from the site's root page in one query instead of two per level (docs/decisions/0162).

Wagtail's `Page.route` walks the tree one level at a time: a query for the child and one for its specific page, so
/training/course/module/quiz/ costs six. `FastRouteMixin.route` on the root page finds every page on the way at once
by `url_path`, fetches only the deepest page (and, for a module, its course page, which the module views need
anyway), and hands the rest of the path to that page's own `route`, exactly as Wagtail would. Whenever a page on the
way could answer the path itself (a routable page whose own routes match, or a model with its own `route`), it steps
aside and Wagtail's walk runs unchanged.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _routes_itself(model, remaining: list[str], live: bool) -> bool:
    """Would a page of `model`, asked for `remaining`, answer anything but "look in my children"?"""
    if model.route is Page.route:
        return False
    if issubclass(model, RoutablePageMixin) and model.route is RoutablePageMixin.route:
        if not live:
            return False  # a routable page that is not live passes every path to its children
        path = "/" + "".join(f"{part}/" for part in remaining)
        try:
            model.get_resolver().resolve(path)
        except Http404:
            return False
        return True
    return True  # its own `route`: only Wagtail's walk knows


class FastRouteMixin:
    def route(self, request, path_components):
        found = fast_route(self, path_components) if path_components else None
        if found is None:
            return super().route(request, path_components)
        page, remaining = found
        return page.route(request, remaining)


def fast_route(root: Page, components: list[str]):
    """(deepest page on the path, the components left for it), or None to let Wagtail walk."""
    prefixes = []
    url = root.url_path
    for part in components:
        url += f"{part}/"
        prefixes.append(url)
    rows = list(
        Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
        .order_by("depth")
        .values_list("pk", "path", "depth", "url_path", "content_type_id", "live")
    )
    chain = []
    for index, row in enumerate(rows):
        parent_path = chain[-1][1] if chain else root.path
        if row[2] != root.depth + index + 1 or row[3] != prefixes[index] or not row[1].startswith(parent_path):
            return None  # not one unbroken line of pages: let Wagtail decide
        chain.append(row)
    if not chain:
        return None
    # Every page passed on the way (the root included) must hand the rest of the path to its child.
    if issubclass(type(root), RoutablePageMixin) and _routes_itself(type(root), components, root.live):
        return None
    for depth, row in enumerate(chain[:-1], start=1):
        model = ContentType.objects.get_for_id(row[4]).model_class()
        if model is None or _routes_itself(model, components[depth:], row[5]):
            return None
    deepest = chain[-1]
    model = ContentType.objects.get_for_id(deepest[4]).model_class()
    if model is None:
        return None
    queryset = model.route_queryset() if hasattr(model, "route_queryset") else model.objects
    page = queryset.get(pk=deepest[0])
    prepare = getattr(page, "prepare_route", None)
    if prepare is not None and len(chain) > 1:
        prepare(chain[-2][0])
    return page, components[len(chain) :]
