"""Every class the shared templates use (templates/, lms/templates/) is styled by static/css/site.css.

The allauth templates and the base layout were written side by side; this keeps them on one vocabulary (docs/ui.md)
instead of classes that look styled in the template and do nothing in the browser.
"""

import re
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [BASE_DIR / "templates", BASE_DIR / "lms" / "templates"]

# Classes that are hooks on purpose (for tests, print styles or a later page-specific rule), not components.
HOOKS = {
    "account-nav__who",  # the "signed in as" item in the header
    "brand__name",  # the organisation name next to the logo
    "page",  # <article class="page"> on standard pages
    "template-error",  # body class of the 500 page
    "site-footer__help",  # the help-numbers column of the footer
    "link-list--plain",  # documented modifier; ul.link-list is already plain
}
# What is left of modifiers built in the template: alert--{% if %}danger{% else %}{{ level }}, callout--{{ tone }},
# role-card--{{ role }}, glyph--{{ name }} (a name's colour, where it has one, is a .glyph--<name> rule).
# The alert levels and callout tones are checked by their own test below.
DYNAMIC_STEMS = {"alert--", "danger", "callout--", "role-card--", "glyph--"}


def css_classes() -> set[str]:
    css = re.sub(r"/\*.*?\*/", "", (BASE_DIR / "static/css/site.css").read_text(), flags=re.S)
    return set(re.findall(r"\.([a-zA-Z][\w-]*)", css))


# Templates of the Wagtail admin (extending Wagtail's own) use Wagtail's admin CSS, not site.css.


def template_classes() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            if {"admin", "wagtailadmin"} & set(path.relative_to(folder).parts):
                # Wagtail admin screens (lms/admin/user_erase.html, the wagtailadmin/ overrides) use Wagtail's classes
                continue
            for value in re.findall(r'class="([^"]*)"', path.read_text()):
                # Drop template logic; what remains are literal class names (and the stems of dynamic ones).
                literal = re.sub(r"{%.*?%}|{{.*?}}", " ", value)
                for name in literal.split():
                    used.setdefault(name, set()).add(str(path.relative_to(BASE_DIR)))
    return used


def test_every_template_class_is_styled_by_site_css():
    styled = css_classes()
    unstyled = {
        name: sorted(paths)
        for name, paths in template_classes().items()
        if name not in styled and name not in HOOKS | DYNAMIC_STEMS
    }
    assert unstyled == {}, f"classes with no rule in static/css/site.css: {unstyled}"


def test_the_alert_levels_and_callout_tones_are_styled():
    styled = css_classes()
    expected = {"alert--info", "alert--success", "alert--warning", "alert--danger", "callout--important"}
    expected |= {"callout--confidentiality"}
    assert expected <= styled, expected - styled


def test_the_hook_list_is_not_stale():
    used = template_classes()
    assert {name for name in HOOKS if name not in used} == set()
