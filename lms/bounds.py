"""Bounds on what users may put in: text that reaches an email header or a calendar line, and search queries.

Two layers for header text (docs/decisions/0123): forms refuse line breaks with a clear message
(`validate_single_line`), and the email and calendar boundaries flatten whatever still arrives (`header_safe`), so an
old row with a line break can never make `send_mail` raise BadHeaderError and lose a notification.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Line and paragraph separators a mail or iCalendar parser may treat as a line break, plus the other C0/C1 controls.
_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def has_line_break(value: str) -> bool:
    return bool(_BREAKS.search(value or ""))


def validate_single_line(value: str) -> None:
    """Form and model validator: one line, no control characters."""
    if has_line_break(value) or _CONTROLS.search(value or ""):
        raise ValidationError(
            _("Write this on one line: line breaks and control characters are not allowed here."),
            code="line_break",
        )


def header_safe(value, max_length: int = 200) -> str:
    """`value` as one line fit for an email Subject or a calendar SUMMARY: breaks become spaces, controls go,
    runs of spaces collapse, and it is cut to `max_length` characters."""
    text = _CONTROLS.sub("", _BREAKS.sub(" ", str(value or "")).replace("\t", " "))
    text = " ".join(text.split())
    return text[:max_length]


# --- search ------------------------------------------------------------------------------------------------------

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 12
_SEARCH_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def search_terms(raw: str | None) -> str:
    """A search query reduced to plain words: letters and digits (any script), at most MAX_SEARCH_TERMS words.

    Whatever the visitor types (quotes, parentheses, `*`, `:`, `javascript:alert(1)`, NEAR, unbalanced anything),
    the database search receives words only, so neither SQLite FTS5 nor PostgreSQL's tsquery parser can fail on it.
    Operator words in capitals are lowered, which the search treats as ordinary words."""
    text = unicodedata.normalize("NFKC", (raw or "")[: MAX_SEARCH_LENGTH * 2])
    words = []
    for word in re.findall(r"[^\W_]+", text):
        if word in _SEARCH_OPERATORS:
            word = word.lower()
        words.append(word)
        if len(words) >= MAX_SEARCH_TERMS:
            break
    return " ".join(words)[:MAX_SEARCH_LENGTH].strip()
