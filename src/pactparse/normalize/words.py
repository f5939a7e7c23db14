"""English words several modules read, written once: month and weekday names, number
words, and the builder of trie-shaped regular expressions for word lists.

:mod:`~pactparse.normalize.dates`, :mod:`~pactparse.normalize.amounts`,
:mod:`~pactparse.normalize.actors` and the rules backend's ``naming`` build their
patterns from these, so a spelling added here reaches all of them.

Names are lower case; :func:`capitalized` gives the forms a case-sensitive pattern
needs ("January", "Jan").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

__all__ = [
    "CALENDAR_NAME_PATTERN",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "NUMBER_WORDS",
    "NUMBER_WORD_PATTERN",
    "WEEKDAYS",
    "capitalized",
    "number_word_value",
    "trie_pattern",
]

MONTHS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "january": 1,
        "february": 2,
        "march": 3,
        "april": 4,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "september": 9,
        "october": 10,
        "november": 11,
        "december": 12,
    }
)
"""Full month names -> month number."""

MONTH_ABBREVIATIONS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
"""Abbreviated month names (without their period) -> month number; "may" is a full name."""

WEEKDAYS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
    }
)
"""Weekday names -> :meth:`datetime.date.weekday` number."""

_UNITS: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS: Final = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS: Final = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

NUMBER_WORDS: Final[Mapping[str, int]] = MappingProxyType(
    {
        **{word: n for n, word in enumerate(_UNITS, 1)},
        **{word: n for n, word in enumerate(_TEENS, 10)},
        **{word: 10 * n for n, word in enumerate(_TENS, 2)},
    }
)
"""Number words one to ninety -> their value; compounds ("twenty-one") are read by
:func:`number_word_value`."""


def trie_pattern(
    words: Iterable[str], char: Callable[[str, int], str] | None = None, *, bare: bool = False
) -> str:
    """One regular-expression alternation for all ``words``, shaped as a trie: at each node
    the longer continuations come first, so the longest word matches first and the engine
    rejects a branch on its first character.

    ``char(ch, depth)`` writes one character (default: the character, escaped). An
    alternation is always inside a group, so the result can be concatenated as it is;
    ``bare`` leaves the top-level alternation without one, for a pattern of its own
    (``re`` scans faster for a pattern whose alternatives each start with a literal).
    """
    write = char if char is not None else _literal
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branches(node: dict[str, Any], depth: int) -> list[str]:
        return [write(ch, depth) + emit(kid, depth + 1) for ch, kid in sorted(node.items()) if ch]

    def emit(node: dict[str, Any], depth: int) -> str:
        alternatives = branches(node, depth)
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "|".join(branches(trie, 0)) if bare else emit(trie, 0)


def _literal(ch: str, depth: int) -> str:
    return re.escape(ch)


def capitalized(words: Iterable[str]) -> list[str]:
    """Each word with a capital first letter ("january" -> "January")."""
    return [w[:1].upper() + w[1:] for w in words]


CALENDAR_NAME_PATTERN: Final = rf"{trie_pattern(capitalized((*MONTHS, *WEEKDAYS)))}\b"
"""A month's or a weekday's name with its capital ("March", "Tuesday"), as a whole word."""


NUMBER_WORD_PATTERN: Final = (
    f"{trie_pattern(_TENS)}(?:-{trie_pattern(_UNITS)})?|{trie_pattern((*_TEENS, *_UNITS))}"
)
"""Lower-case number words one to ninety-nine ("seven", "seventeen", "twenty-one"), longest
first; no word boundary at the end."""

_NUMBER_PARTS_RE: Final = re.compile(r"[\s-]+")


def number_word_value(words: str) -> int:
    """The value of a number written in words ("twenty-one", "a hundred", "one hundred");
    0 when it holds no number word. Case-insensitive."""
    total = 0
    for part in _NUMBER_PARTS_RE.split(words.lower()):
        if part == "hundred":
            total = max(total, 1) * 100
        else:
            total += NUMBER_WORDS.get(part, 0)
    return total
