import re

import pytest

from certificates import codes


def test_100000_codes_have_no_collisions():
    generated = {codes.generate() for _ in range(100_000)}
    assert len(generated) == 100_000


def test_every_code_carries_at_least_128_random_bits():
    assert codes.RANDOM_BITS >= 128
    assert all(len(code) == codes.CODE_LENGTH for code in (codes.generate() for _ in range(1000)))


def test_random_part_spans_the_full_130_bits():
    # Over many codes the highest bit is set about half the time: the random part is not truncated.
    top = sum(codes.random_part(codes.generate()) >> (codes.RANDOM_BITS - 1) for _ in range(2000))
    assert 800 < top < 1200


def test_generator_uses_secrets(monkeypatch):
    calls = []
    monkeypatch.setattr(codes.secrets, "randbits", lambda bits: calls.append(bits) or 12345)
    codes.generate()
    assert calls == [codes.RANDOM_BITS]


def test_printed_form_is_seven_groups_of_four():
    assert re.fullmatch(r"([0-9A-Z]{4}-){6}[0-9A-Z]{4}", codes.format_code(codes.generate()))


def test_normalize_forgives_case_spaces_and_dashes():
    code = codes.generate()
    typed = " " + codes.format_code(code).lower().replace("-", " ") + " "
    assert codes.normalize(typed) == code


def test_normalize_reads_i_l_as_one_and_o_as_zero():
    code = codes.generate()
    while "1" not in code[: codes.RANDOM_SYMBOLS] or "0" not in code[: codes.RANDOM_SYMBOLS]:
        code = codes.generate()
    typed = code.replace("1", "l", 1).replace("0", "O", 1)
    assert codes.normalize(typed) == code


@pytest.mark.parametrize("position", [0, 5, 13, 25, 26, 27])
def test_a_single_mistyped_symbol_is_refused(position):
    code = codes.generate()
    replacement = "2" if code[position] != "2" else "3"
    assert codes.normalize(code[:position] + replacement + code[position + 1 :]) is None


def test_swapping_two_neighbours_is_refused():
    code = codes.generate()
    index = next(i for i in range(codes.RANDOM_SYMBOLS - 1) if code[i] != code[i + 1])
    swapped = code[:index] + code[index + 1] + code[index] + code[index + 2 :]
    assert codes.normalize(swapped) is None


@pytest.mark.parametrize("raw", ["", "ABC", "U" * 28, "!" * 28, "A" * 200, "<script>"])
def test_malformed_and_over_long_input_is_refused(raw):
    assert codes.normalize(raw) is None
