"""The translations report: every translatable page with no Bokmål version or an out-of-date one (home.i18n)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from .i18n import CURRENT, MISSING, OUTDATED, TranslatedContent


def translatable_pages(user) -> list:
    """The translatable pages this user can explore in the admin, in tree order (one query per page type)."""
    root = PagePermissionPolicy().explorable_root_instance(user)
    if root is None:
        return []
    pages = []
    for model in get_page_models():
        if issubclass(model, TranslatedContent) and not model._meta.abstract:
            pages += list(model.objects.descendant_of(root, inclusive=True).filter(depth__gt=1))
    return sorted(pages, key=lambda page: page.path)


def translations_report(request):
    if PagePermissionPolicy().explorable_root_instance(request.user) is None:
        raise PermissionDenied
    pages = translatable_pages(request.user)
    show = request.GET.get("show", "todo")
    counts = {
        status: sum(1 for page in pages if page.translation_status == status) for status in (MISSING, OUTDATED, CURRENT)
    }
    if show != "all":
        pages = [page for page in pages if page.translation_status != CURRENT]
    return render(
        request,
        "wagtailadmin/translations_report.html",
        {"page_title": _("Translations"), "pages": pages, "counts": counts, "show": show},
    )
