"""A mistyped certificate code gets a message naming the group of four to check (issue 12, item 6)."""

import random

import pytest
from django.test import Client
from django.utils import translation

from certificates import codes
from certificates.services import certificate_suspend


def mistype(code: str, index: int) -> str:
    return code[:index] + next(s for s in codes.ALPHABET if s != code[index]) + code[index + 1 :]


def test_a_valid_code_has_no_problem():
    assert codes.diagnose(codes.format_code(codes.generate()).lower()) is None


def test_a_short_code_is_a_length_problem():
    assert codes.diagnose(codes.generate()[:27]) == codes.Problem("length", length=27)


def test_a_symbol_never_used_names_its_group():
    code = codes.generate()
    problem = codes.diagnose(code[:9] + "U" + code[10:])
    assert (problem.kind, problem.symbol, problem.groups) == ("symbol", "U", (3,))


def test_one_mistyped_symbol_is_almost_always_placed_among_the_named_groups():
    rng = random.Random(12)
    placed = named_alone = 0
    for _ in range(200):
        index = rng.randrange(codes.CODE_LENGTH)
        problem = codes.diagnose(mistype(codes.generate(), index))
        assert problem.kind == "check"
        assert len(problem.groups) <= 3
        placed += index // 4 + 1 in problem.groups
        named_alone += problem.groups == (index // 4 + 1,)
    assert placed >= 180  # when more than three groups could be fixed, none is named
    assert named_alone >= 50


@pytest.mark.django_db
def test_the_verify_form_names_the_group(monkeypatch):
    code = codes.generate()
    monkeypatch.setattr(codes, "diagnose", lambda raw: codes.Problem("check", length=28, groups=(5,)))
    with translation.override("en"):
        response = Client().get("/verify/", {"code": mistype(code, 17)})
    assert response.status_code == 400
    assert "Group 5 looks wrong" in response.content.decode()
    assert "28 letters" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("groups", "expected"),
    [((2, 6), "in group 2 or group 6"), ((1, 4, 7), "in group 1, 4 or 7"), ((), "Check each group of four")],
)
def test_the_verify_address_names_the_candidate_groups(monkeypatch, groups, expected):
    code = codes.format_code(mistype(codes.generate(), 3))
    monkeypatch.setattr(codes, "diagnose", lambda raw: codes.Problem("check", length=28, groups=groups))
    response = Client().get(f"/verify/{code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert expected in response.content.decode()


@pytest.mark.django_db
def test_a_foreign_symbol_and_a_short_code_are_explained_in_bokmal():
    code = codes.generate()
    with translation.override("nb"):
        foreign = Client().get("/verify/", {"code": code[:26] + "UU"}, HTTP_ACCEPT_LANGUAGE="nb")
        short = Client().get("/verify/", {"code": code[:20]}, HTTP_ACCEPT_LANGUAGE="nb")
    assert "Gruppe 7" in foreign.content.decode()
    assert "20" in short.content.decode() and "28" in short.content.decode()


@pytest.mark.django_db
def test_the_suspended_glyph_is_an_svg_not_a_character_the_fonts_lack(client, certificate, coordinator):
    certificate_suspend(certificate=certificate, actor=coordinator, reason="Checked")
    body = client.get(f"/verify/{certificate.display_code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    banner = body[body.index('class="banner-status"') :][:800]
    assert '<svg class="glyph glyph--pause"' in banner and 'aria-hidden="true"' in banner
    assert "⏸" not in body and "⌛" not in body
