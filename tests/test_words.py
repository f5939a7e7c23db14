"""The shared word lists and the trie builder (pactparse.normalize.words)."""

from __future__ import annotations

import re

import pytest

from pactparse.normalize.words import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORD_PATTERN,
    NUMBER_WORDS,
    WEEKDAYS,
    capitalized,
    number_word_value,
    trie_pattern,
)


def _match(pattern: str, text: str) -> str | None:
    m = re.match(pattern, text)
    return m.group() if m else None


def test_the_longest_word_matches_first() -> None:
    pattern = trie_pattern(["sep", "sept", "september"])
    assert _match(pattern, "september 4") == "september"
    assert _match(pattern, "sept. 4") == "sept"
    assert _match(pattern, "sep 4") == "sep"


def test_a_trie_can_be_concatenated_and_written_by_the_caller() -> None:
    words = ["us", "un"]
    assert re.fullmatch(trie_pattern(words) + "!", "un!")
    upper = trie_pattern(words, lambda ch, depth: f"[{ch}{ch.upper()}]")
    assert re.fullmatch(upper, "Us") and not re.fullmatch(upper, "ux")


def test_a_bare_trie_has_literal_led_alternatives() -> None:
    pattern = trie_pattern(["Jan", "Jun", "Feb"], bare=True)
    assert pattern == "Feb|J(?:an|un)"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seven", 7),
        ("Seventeen", 17),
        ("twenty-one", 21),
        ("a hundred", 100),
        ("one hundred", 100),
        ("ninety nine", 99),
        ("several", 0),
    ],
)
def test_number_words_are_read(words: str, value: int) -> None:
    assert number_word_value(words) == value


def test_the_number_word_pattern_takes_whole_compounds() -> None:
    pattern = rf"(?:{NUMBER_WORD_PATTERN})\b"
    for word, value in NUMBER_WORDS.items():
        assert re.fullmatch(pattern, word), word
        assert number_word_value(word) == value
    assert _match(pattern, "sixty-six years") == "sixty-six"
    assert _match(pattern, "seventeen") == "seventeen"


def test_calendar_names() -> None:
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert {MONTH_ABBREVIATIONS[a] for a in ("sep", "sept")} == {9}
    assert sorted(WEEKDAYS.values()) == list(range(7))
    assert capitalized(["january", "may"]) == ["January", "May"]
