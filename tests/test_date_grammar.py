"""The date grammar is one table of branches (name, pattern, reading, check); each
branch is taken by an invented expression and reads it as its row says."""

from __future__ import annotations

import datetime as dt

import pytest

from pactparse.normalize import dates
from pactparse.normalize.dates import normalize_date_hint
from pactparse.schema import DateType

REF = dt.date(2025, 5, 8)  # a Thursday

EXAMPLES = {
    "rng": ("from 2019 to 2028", DateType.DATE, "2019/2028"),
    "iso": ("on 2024-03-05", DateType.DATE, "2024-03-05"),
    "full": ("on March 4, 2023", DateType.DATE, "2023-03-04"),
    "monyear": ("in late February 2024", DateType.DATE, "2024-02"),
    "season": ("this summer", DateType.RELATIVE, "2025-SU"),
    "decade": ("in the 1990s", DateType.DATE, "199"),
    "year": ("by 2027", DateType.DATE, "2027"),
    "month": ("in February", DateType.DATE, "2025-02"),
    "weekday": ("on Tuesday", DateType.DATE, "2025-05-06"),
    "deictic": ("next month", DateType.RELATIVE, "2025-06"),
    "vague": ("the coming weeks", DateType.RELATIVE, None),
    "ago": ("two years ago", DateType.RELATIVE, "2023"),
    "later": ("three days later", DateType.RELATIVE, None),
    "anchor": ("ahead of the summit", DateType.RELATIVE, None),
    "duration": ("for twenty-one years", DateType.DURATION, "P21Y"),
}


def test_every_branch_has_an_example() -> None:
    assert [b.name for b in dates._BRANCHES] == list(EXAMPLES)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_branch_takes_its_example(name: str) -> None:
    text, kind, value = EXAMPLES[name]
    m = dates._HINT_RE.search(text.lower())
    assert m is not None and dates._branch_of(m).name == name
    assert normalize_date_hint(text, REF) == (kind, value)


def test_tense_and_capital_rows() -> None:
    assert {b.name for b in dates._BRANCHES if b.tense} == {"full", "month", "weekday"}
    assert {b.name for b in dates._BRANCHES if b.capital} == {
        "full",
        "monyear",
        "month",
        "weekday",
    }
    # a capital is asked of the scanner, relaxed for a hint a model wrote in lower case
    assert dates.find_date_hints("signed on thursday", REF) == []
    assert normalize_date_hint("on thursday", REF) == (DateType.DATE, "2025-05-08")
