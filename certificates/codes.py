"""Public certificate codes: 130 random bits from `secrets`, printed in Crockford base32 for people to type.

A code is 26 random symbols (130 bits) followed by 2 check symbols (the 130-bit number modulo 1021, a prime), 28
symbols in all, printed as seven groups of four: ``7QX4-M2KD-…``. The check catches every single mistyped symbol and
every swap of two neighbours before the database is asked. Lookup forgives case, spaces, dashes and the confusions
Crockford base32 defines (I and L read as 1, O as 0). A code is never a primary key, never sequential and never
derived from anything known.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
RANDOM_BITS = 130
RANDOM_SYMBOLS = RANDOM_BITS // 5  # 26
CHECK_MODULUS = 1021  # prime < 32**2, so a single substitution or adjacent swap always changes the check
CHECK_SYMBOLS = 2
CODE_LENGTH = RANDOM_SYMBOLS + CHECK_SYMBOLS  # 28
GROUP = 4
# Anything longer than this is refused before it is even normalised (dashes and spaces included).
MAX_INPUT_LENGTH = 64

_DECODE = {symbol: value for value, symbol in enumerate(ALPHABET)}
_DECODE.update({"I": 1, "L": 1, "O": 0})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def _encode(number: int, length: int) -> str:
    symbols = []
    for _ in range(length):
        number, remainder = divmod(number, 32)
        symbols.append(ALPHABET[remainder])
    return "".join(reversed(symbols))


def _check(number: int) -> str:
    return _encode(number % CHECK_MODULUS, CHECK_SYMBOLS)


def generate() -> str:
    """A new canonical code (28 symbols, no separators) carrying RANDOM_BITS bits from `secrets`."""
    number = secrets.randbits(RANDOM_BITS)
    return _encode(number, RANDOM_SYMBOLS) + _check(number)


def random_part(code: str) -> int:
    """The random number a canonical code carries (for tests and statistics)."""
    number = 0
    for symbol in code[:RANDOM_SYMBOLS]:
        number = number * 32 + _DECODE[symbol]
    return number


def format_code(code: str) -> str:
    """The printed form: groups of four joined by dashes."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize(raw: str | None) -> str | None:
    """The canonical code for what a person typed, or None if it cannot be a code (wrong length, symbol or check)."""
    if not raw or len(raw) > MAX_INPUT_LENGTH:
        return None
    text = _SEPARATORS.sub("", raw).upper()
    if len(text) != CODE_LENGTH:
        return None
    try:
        values = [_DECODE[symbol] for symbol in text]
    except KeyError:
        return None
    canonical = "".join(ALPHABET[value] for value in values)
    if canonical[RANDOM_SYMBOLS:] != _check(random_part(canonical)):
        return None
    return canonical


@dataclass(frozen=True)
class Problem:
    """Why a typed code is not a code, for a message that points at the group(s) to check.

    kind: "length" (`length` symbols, not 28), "symbol" (`symbol` is not in the alphabet) or "check" (the check
    symbols do not match). `groups` (numbered 1-7) are the groups to look at: the group of the foreign symbol, or, for
    a failed check, every group in which changing one symbol makes the code add up (the mistyped one is always among
    them; about half the time it is the only one). Empty when no group can be named.
    """

    kind: str
    length: int = 0
    symbol: str = ""
    groups: tuple[int, ...] = ()


def diagnose(raw: str) -> Problem | None:
    """None if `raw` normalises to a code, else what is wrong with it."""
    text = _SEPARATORS.sub("", raw or "").upper()
    if len(text) != CODE_LENGTH:
        return Problem("length", length=len(text))
    for index, symbol in enumerate(text):
        if symbol not in _DECODE:
            return Problem("symbol", length=len(text), symbol=symbol, groups=(index // GROUP + 1,))
    canonical = "".join(ALPHABET[_DECODE[symbol]] for symbol in text)
    if _adds_up(canonical):
        return None
    fixable = {
        index // GROUP + 1
        for index in range(CODE_LENGTH)
        for symbol in ALPHABET
        if symbol != canonical[index] and _adds_up(canonical[:index] + symbol + canonical[index + 1 :])
    }
    return Problem("check", length=len(text), groups=tuple(sorted(fixable)) if len(fixable) <= 3 else ())


def _adds_up(canonical: str) -> bool:
    return canonical[RANDOM_SYMBOLS:] == _check(random_part(canonical))
