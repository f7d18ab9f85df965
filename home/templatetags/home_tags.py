"""Template tags for the shared layout: the header navigation."""

from django import template
from wagtail import hooks
from wagtail.models import Site

from home.contacts import help_contact as find_contact
from home.hooks import HEADER_LINKS_HOOK, PUBLIC_HEADER_LINKS_HOOK
from home.visibility import visible_pages

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Pages marked "show in menus" directly under the site's home page that this visitor may see."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    items = []
    if site is not None:
        children = site.root_page.get_children().in_menu()
        # Specific pages (one query per page type) so that the menu has their Bokmål titles.
        items = list(visible_pages(request, children).order_by("path").defer_streamfields().specific())
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


@register.inclusion_tag("includes/help_contact.html", takes_context=True)
def help_contact(context):
    """A "Who to contact" line with a mailto link: the person's institution contact, else the site's (home.contacts)."""
    request = context.get("request")
    return {"contact": find_contact(request) if request is not None else None}
