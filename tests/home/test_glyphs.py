"""Status glyphs always render: no template, stylesheet or user-facing Python string draws a symbol character that
the site's fonts may lack (⏸ drew as an empty box); they use templates/includes/glyph.html (inline SVG) instead."""

import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

ROOT = Path(settings.BASE_DIR)
# Dingbats, miscellaneous symbols and technical, geometric shapes, arrows, emoji.
SYMBOLS = re.compile("[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")


def shipped_files():
    for app in [*settings.PROJECT_APPS, "templates", "static"]:
        folder = ROOT / app
        for path in folder.rglob("*"):
            if path.suffix in {".html", ".txt", ".css", ".js"} and "migrations" not in path.parts:
                yield path


def test_no_template_or_stylesheet_draws_a_symbol_character():
    found = []
    for path in shipped_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "{#" in line or line.lstrip().startswith(("/*", "//", "#")):
                continue
            if SYMBOLS.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert found == []


def test_each_glyph_is_an_inline_svg_hidden_from_screen_readers():
    for name in ("check", "cross", "pause", "hourglass", "arrow-left", "arrow-right"):
        html = render_to_string("includes/glyph.html", {"name": name})
        assert html.startswith(f'<svg class="glyph glyph--{name}"') and 'aria-hidden="true"' in html
        assert "<path" in html or "<rect" in html, name
