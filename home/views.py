from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.i18n import set_language as django_set_language

from lms import roles
from lms.bounds import search_terms

from . import structure
from .i18n import TRANSLATION_LANGUAGE, content_language
from .panels import get_my_page_panels, get_my_page_role_links
from .search import search_bokmal
from .visibility import visible_pages

# What each role is for, in a sentence: the heading of its card on My page.
ROLE_SUMMARIES = {
    roles.TRAINEES: _(
        "You are training to become a peer supporter, or you already are one. Your courses, certificates and "
        "supervision appear on this page as they open to you."
    ),
    roles.COUNSELLORS: _("You write and look after the pages and the training content of the programme."),
    roles.ADVISORS: _("You lead supervision and follow up the peer supporters assigned to you."),
    roles.COORDINATORS: _("You follow the peer supporters at your institution: their progress and certificates."),
    roles.ADMINISTRATORS: _("You manage users, roles and institutions, and you can read the audit log."),
}

SEARCH_PAGE_SIZE = 10
SEARCH_MAX_QUERY_LENGTH = 200


@login_required
@require_GET
def my_page(request):
    """The signed-in landing page: who you are, what each of your roles lets you do, and the apps' panels."""
    user = request.user
    structure.attach_institution(user)  # "About you" and the help contact, without a query on a warm cache
    role_names = [name for name in roles.ALL_ROLES if name in user.role_names]
    role_links = get_my_page_role_links(request, role_names)
    context = {
        "role_labels": [roles.ROLE_LABELS[name] for name in role_names],
        "role_cards": [
            {
                "name": name,
                "label": roles.ROLE_LABELS[name],
                "summary": ROLE_SUMMARIES[name],
                "links": role_links.get(name, []),
            }
            for name in role_names
        ],
        "panels": [(panel, panel.render(request)) for panel in get_my_page_panels(request)],
    }
    return render(request, "home/my_page.html", context)


@require_GET
def search(request):
    """Full-text search over the live pages this visitor may view (never the titles of private pages)."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY_LENGTH]
    results = None
    page_obj = None
    if query:
        # Plain words only: quotes, parentheses, NEAR, * … would be FTS5 or tsquery syntax (lms.bounds).
        terms = search_terms(query)
        if not terms:
            results = []
        elif content_language() == TRANSLATION_LANGUAGE:
            results = search_bokmal(visible_pages(request), terms)
        else:
            results = visible_pages(request).specific().search(terms, operator="and")
        page_obj = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "page_obj": page_obj})


def set_language(request):
    """Django's `set_language`; for a signed-in person the choice is also their preferred language (profile), so
    it follows them to other devices and to emails, PDFs and calendar invitations."""

    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = getattr(request, "user", None)
    if (
        request.method == "POST"
        and user is not None
        and user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and user.language != language
    ):
        user.language = language
        user.save(update_fields=["language"])
    return response
