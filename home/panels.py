"""What "My page" shows besides who you are. Higher apps add to it through two Wagtail hooks.

Panels — a section of their own (my training, my certificates, my supervision):

    from wagtail import hooks
    from home.hooks import MY_PAGE_PANELS_HOOK
    from home.panels import Panel

    @hooks.register(MY_PAGE_PANELS_HOOK)
    def add_training_panel(request, panels):
        panels.append(Panel(name="training", title=_("My training"), order=100,
                            template_name="courses/panels/my_training.html", context={...}))

Role links — a link in the "What you can do" card of one role (e.g. supervision admin for advisors):

    from home.hooks import MY_PAGE_ROLE_LINKS_HOOK
    from home.panels import RoleLink

    @hooks.register(MY_PAGE_ROLE_LINKS_HOOK)
    def add_supervision_links(request, links):
        links[roles.ADVISORS].append(RoleLink(label=_("Supervision groups"), url=reverse("..."), order=10))

`links` maps every role the user has to its list; roles the user lacks are absent, so `links.get(role)` is the test.
A hook must keep its queries constant in the amount of data (prefetch, aggregate) — My page has a query-count test
and the whole page stays within 12 queries (docs/decisions/0163): read the user's roles from `user.role_names`
(cached on the user), share a fact two panels need through the request (as `supervision.views.engagement_periods`),
skip the queries when the person has no part in the panel, and take user-independent facts from home.structure.
"""

from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from wagtail import hooks

from .hooks import MY_PAGE_PANELS_HOOK, MY_PAGE_ROLE_LINKS_HOOK


@dataclass
class Panel:
    name: str
    title: str
    template_name: str
    order: int = 500
    context: dict[str, Any] = field(default_factory=dict)

    def render(self, request) -> str:
        return render_to_string(self.template_name, {**self.context, "panel": self, "request": request}, request)


@dataclass
class RoleLink:
    label: str
    url: str
    description: str = ""
    order: int = 500


def get_my_page_panels(request) -> list[Panel]:
    panels: list[Panel] = []
    for fn in hooks.get_hooks(MY_PAGE_PANELS_HOOK):
        fn(request, panels)
    return sorted(panels, key=lambda panel: (panel.order, panel.name))


def get_my_page_role_links(request, role_names) -> dict[str, list[RoleLink]]:
    links: dict[str, list[RoleLink]] = {name: [] for name in role_names}
    for fn in hooks.get_hooks(MY_PAGE_ROLE_LINKS_HOOK):
        fn(request, links)
    return {name: sorted(items, key=lambda link: (link.order, str(link.label))) for name, items in links.items()}
