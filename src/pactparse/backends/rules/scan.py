"""Fast cue matching: try a pattern only where one of its first letters starts a word.

The offline backend runs some fifty cue patterns over each summary. Scanning the
whole text with each one costs tens of microseconds apiece; but every cue starts
at a word boundary with a few possible letters ("counter…", "deter…", "against"),
so an index of word starts by their first two letters lets each pattern be tried
at the handful of positions where it can match. The letters each pattern can start
with are read from the compiled pattern itself, so the lexicon is written once.

Patterns are matched against the ASCII-lower-cased text (same length and offsets as
the original), so they are written in lower case and compiled without IGNORECASE.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["Doc", "lower"]

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WORD_START = re.compile(r"\b\w")
_K = 2


def lower(text: str) -> str:
    """Lower-case ASCII letters only, so that every offset stays the same."""
    return text.translate(_ASCII_LOWER)


def _seq_prefixes(items: Any) -> set[str] | None:
    """Every literal prefix (up to two letters) a match of ``items`` must start with.

    None when a match may start with anything (a character class, an empty match).
    """
    partials = {""}
    for index, (op, av) in enumerate(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            partials = {p + chr(av) for p in partials}
        elif op is sre.IN and all(o is sre.LITERAL for o, _ in av):
            partials = {p + chr(v) for p in partials for _, v in av}
        elif op is sre.BRANCH:
            subs: set[str] = set()
            for branch in av[1]:
                got = _seq_prefixes(branch)
                if got is None:
                    return None
                subs |= got
            return {(p + s)[:_K] for p in partials for s in subs}
        elif op is sre.SUBPATTERN:
            got = _seq_prefixes(av[-1])
            if got is None:
                return None
            return {(p + s)[:_K] for p in partials for s in got}
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:
            rest = items[index + 1 :]
            with_it = _seq_prefixes(av[2])
            without = _seq_prefixes(rest)
            if with_it is None or without is None:
                return None
            return {(p + s)[:_K] for p in partials for s in with_it | without}
        else:
            break
        if all(len(p) >= _K for p in partials):
            break
    if "" in partials:
        return None
    return {p[:_K] for p in partials}


@cache
def _starts(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The letters a word must start with for ``pattern`` to match there, or None."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # private API: fall back to a full scan if it ever changes
        return None
    items = list(parsed.data)
    if not items or items[0] != (sre.AT, sre.AT_BOUNDARY):
        return None
    prefixes = _seq_prefixes(items)
    if prefixes is None or not all(p[0].isalnum() for p in prefixes):
        return None
    return frozenset(prefixes)


class Doc:
    """A summary prepared for cue matching: its lower-cased text and word-start index."""

    __slots__ = ("_index", "_positions", "low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = lower(text)
        index: defaultdict[str, list[int]] = defaultdict(list)
        low = self.low
        for m in _WORD_START.finditer(low):
            pos = m.start()
            index[low[pos]].append(pos)
            index[low[pos : pos + 2]].append(pos)
        self._index = index
        self._positions: dict[re.Pattern[str], list[int]] = {}

    def _candidates(self, pattern: re.Pattern[str], starts: frozenset[str]) -> list[int]:
        positions = self._positions.get(pattern)
        if positions is None:
            index = self._index
            positions = sorted({p for s in starts for p in index.get(s, ())})
            self._positions[pattern] = positions
        return positions

    def finditer(
        self, pattern: re.Pattern[str], start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Like ``pattern.finditer(self.low, start, end)``, trying only plausible positions."""
        end = len(self.low) if end is None else end
        starts = _starts(pattern)
        if starts is None:
            yield from pattern.finditer(self.low, start, end)
            return
        positions = self._candidates(pattern, starts)
        after = start
        for i in range(bisect_left(positions, start), len(positions)):
            pos = positions[i]
            if pos >= end:
                return
            if pos < after:
                continue
            m = pattern.match(self.low, pos, end)
            if m is not None:
                after = max(m.end(), pos + 1)
                yield m

    def search(
        self, pattern: re.Pattern[str], start: int = 0, end: int | None = None
    ) -> re.Match[str] | None:
        return next(self.finditer(pattern, start, end), None)
