"""Panels on "My page". Higher apps add their own through the `construct_my_page_panels` hook.

    from wagtail import hooks
    from home.panels import Panel

    @hooks.register("construct_my_page_panels")
    def add_training_panel(request, panels):
        panels.append(Panel(name="training", title=_("My training"), order=100,
                            template_name="courses/panels/my_training.html", context={...}))

A hook must keep its queries constant in the amount of data (prefetch, aggregate) — My page has a query-count test.
"""

from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from wagtail import hooks


@dataclass
class Panel:
    name: str
    title: str
    template_name: str
    order: int = 500
    context: dict[str, Any] = field(default_factory=dict)

    def render(self, request) -> str:
        return render_to_string(self.template_name, {**self.context, "panel": self, "request": request}, request)


def get_my_page_panels(request) -> list[Panel]:
    panels: list[Panel] = []
    for fn in hooks.get_hooks("construct_my_page_panels"):
        fn(request, panels)
    return sorted(panels, key=lambda panel: (panel.order, panel.name))
