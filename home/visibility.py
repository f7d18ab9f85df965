"""Which pages a request may see: live pages outside every view restriction that the request does not pass.

Wagtail's `.live()` alone shows the titles of login-only pages in search and menus
(docs/security.md#what-visitors-may-see). Here the restrictions the visitor fails are excluded with their whole
subtree; anonymous visitors therefore get exactly `.live().public()`. Cost: one query for the restrictions, plus one
for the user's groups if a group restriction exists.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


def failed_restriction_pages(request) -> list[Page]:
    """The roots of the private sections this request may not see."""
    restrictions = list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    group_ids = None
    failed = []
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            passes = authenticated
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            if authenticated and user.is_superuser:
                passes = True
            elif authenticated:
                if group_ids is None:
                    group_ids = set(user.groups.values_list("pk", flat=True))
                passes = any(group.pk in group_ids for group in restriction.groups.all())
            else:
                passes = False
        else:
            # Shared passwords are switched off (WAGTAIL_PRIVATE_PAGE_OPTIONS); never list such pages.
            passes = False
        if not passes:
            failed.append(restriction.page)
    return failed


def visible_pages(request, queryset=None):
    """`queryset` (default: all pages) narrowed to live pages this request may view."""
    queryset = (queryset if queryset is not None else Page.objects.all()).live()
    hidden = Q()
    for page in failed_restriction_pages(request):
        hidden |= Q(path__startswith=page.path)
    return queryset.exclude(hidden) if hidden else queryset
