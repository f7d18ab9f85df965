"""Which pages a request may see: live pages outside every view restriction that the request does not pass.

Wagtail's `.live()` alone shows the titles of login-only pages in search and menus
(docs/security.md#what-visitors-may-see). Here the restrictions the visitor fails are excluded with their whole
subtree; anonymous visitors therefore get exactly `.live().public()`. Cost: no query for the restrictions while the
cached index is warm (home.structure), plus one for the user's groups if a group restriction exists.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .structure import restriction_index


class RestrictedSection:
    """The root of a private section (what the menu and search exclude): its page id and tree path."""

    __slots__ = ("path", "pk")

    def __init__(self, pk: int, path: str):
        self.pk = pk
        self.path = path


def failed_restriction_pages(request) -> list[RestrictedSection]:
    """The roots of the private sections this request may not see (from the cached restriction index)."""

    restrictions = restriction_index()["restrictions"]
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    group_ids = None
    failed = []
    for restriction in restrictions:
        if restriction["type"] == PageViewRestriction.LOGIN:
            passes = authenticated
        elif restriction["type"] == PageViewRestriction.GROUPS:
            if authenticated and user.is_superuser:
                passes = True
            elif authenticated:
                if group_ids is None:
                    group_ids = set(user.groups.values_list("pk", flat=True))
                passes = any(group_id in group_ids for group_id in restriction["groups"])
            else:
                passes = False
        else:
            # Shared passwords are switched off (WAGTAIL_PRIVATE_PAGE_OPTIONS); never list such pages.
            passes = False
        if not passes:
            failed.append(RestrictedSection(restriction["page_id"], restriction["path"]))
    return failed


def visible_pages(request, queryset=None, failed=None):
    """`queryset` (default: all pages) narrowed to live pages this request may view (`failed`: the sections it fails,
    when already known)."""
    queryset = (queryset if queryset is not None else Page.objects.all()).live()
    hidden = Q()
    for page in failed if failed is not None else failed_restriction_pages(request):
        hidden |= Q(path__startswith=page.path)
    return queryset.exclude(hidden) if hidden else queryset
