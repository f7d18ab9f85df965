"""lms.bounds: header-safe text and plain-word search queries (property tests with Hypothesis)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lms.bounds import MAX_SEARCH_TERMS, header_safe, search_terms, validate_single_line


@given(st.text())
def test_header_safe_is_always_one_line_without_controls(text):
    safe = header_safe(text)
    assert not any(ch in safe for ch in "\r\n\x0b\x0c\x85\u2028\u2029\x00\t")
    assert len(safe) <= 200 and safe == safe.strip()


def test_header_safe_keeps_ordinary_text():
    assert header_safe("Kollegaveiledning – Blindern, rom 3") == "Kollegaveiledning – Blindern, rom 3"


@pytest.mark.parametrize("value", ["a\rb", "a\nb", "a\u2028b", "a\x00b"])
def test_validate_single_line_refuses_breaks_and_controls(value):
    with pytest.raises(ValidationError):
        validate_single_line(value)


def test_validate_single_line_accepts_one_line():
    validate_single_line("Gruppe 2: «aktiv lytting» (del 1)")


@given(st.text())
def test_search_terms_are_plain_words(text):
    terms = search_terms(text)
    assert all(word.isalnum() for word in terms.split())
    assert len(terms.split()) <= MAX_SEARCH_TERMS
    assert not {"AND", "OR", "NOT", "NEAR"} & set(terms.split())


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("javascript:alert(1)", "javascript alert 1"),
        ('"unbalanced', "unbalanced"),
        ("peer NEAR support", "peer near support"),
        ("støtte* OR (likeperson", "støtte or likeperson"),
        ("", ""),
    ],
)
def test_search_terms_examples(raw, clean):
    assert search_terms(raw) == clean
