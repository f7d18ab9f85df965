"""Template tags for the shared layout: the header navigation."""

import uuid

from django import template
from wagtail import hooks
from wagtail.models import Site

from home import structure
from home.contacts import help_contact as find_contact
from home.hooks import HEADER_LINKS_HOOK, PUBLIC_HEADER_LINKS_HOOK
from home.visibility import failed_restriction_pages, visible_pages
from lms import roles

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Pages marked "show in menus" directly under the site's home page that this visitor may see."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    items = []
    if site is not None:
        failed = failed_restriction_pages(request)

        def compute():
            children = site.root_page.get_children().in_menu()
            # Specific pages (one query per page type) so that the menu has their Bokmål titles.
            return list(visible_pages(request, children, failed).order_by("path").defer_streamfields().specific())

        # The menu's pages depend only on the published tree and on which private sections this visitor fails
        # (never on the person), so they are cached per structure version and per set of failed sections.
        failed_ids = "-".join(str(section.pk) for section in failed) or "none"
        items = structure.cached("main-nav", compute, site.pk, site.root_page_id, failed_ids)
    current_path = getattr(context.get("page"), "path", "")
    return {
        "request": request,
        "items": [(item, bool(current_path) and current_path.startswith(item.path)) for item in items],
    }


@register.inclusion_tag("includes/header_links.html", takes_context=True)
def public_header_links(context):
    """Links that higher apps put in the header for visitors who are not signed in (hook
    `construct_public_header_links`, same contract as `construct_header_links`)."""
    request = context.get("request")
    links: list[dict] = []
    user = getattr(request, "user", None)
    if request is not None and not (user is not None and user.is_authenticated):
        for fn in hooks.get_hooks(PUBLIC_HEADER_LINKS_HOOK):
            fn(request, links)
    return {"links": links}


@register.inclusion_tag("includes/header_links.html", takes_context=True)
def header_links(context):
    """Links that higher apps put in the header for signed-in people (hook `construct_header_links`).

    A hook receives `(request, links)` and appends dicts with `url`, `label` and optionally `css_class`;
    it must not query the database (the header is on every page).
    """
    request = context.get("request")
    links: list[dict] = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        for fn in hooks.get_hooks(HEADER_LINKS_HOOK):
            fn(request, links)
    return {"links": links}


@register.simple_tag(takes_context=True)
def organisation_name(context) -> str:
    """The site settings' organisation name, from the structure cache (no query on a warm page); the project's name
    when no site answers the request."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return (structure.organisation_name(site) if site is not None else "") or "Peer Support Academy"


@register.inclusion_tag("includes/help_contact.html", takes_context=True)
def help_contact(context):
    """A "Who to contact" line with a mailto link: the person's institution contact, else the site's (home.contacts)."""
    request = context.get("request")
    return {"contact": find_contact(request) if request is not None else None}


@register.filter
def may_use_admin(user) -> bool:
    """Show Wagtail's user bar (an editing shortcut, not an access control) only to people who may work in the admin:
    superusers and the staff roles. Everyone else skips the bar's two permission queries on every page."""

    return bool(
        user is not None and user.is_authenticated and (user.is_superuser or user.role_names & roles.STAFF_ROLES)
    )


@register.simple_tag
def structure_version():
    """The structure cache's version (home.structure), for `{% cache %}` fragments that follow published content and
    site settings; a fresh token each time the cache does not answer (so nothing stale is ever read)."""

    return structure.version() or uuid.uuid4().hex
