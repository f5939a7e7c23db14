"""Fast cue matching: try a pattern only where one of its first letters starts a word.

The offline backend runs some two hundred cue patterns over each summary. Scanning the
whole text with each one costs tens of microseconds apiece; but every cue starts
at a word boundary with a few possible letters ("counter…", "deter…", "against"),
so an index of word starts by their first three characters lets each pattern be tried
at the handful of positions where it can match. The letters each pattern can start
with are read from the compiled pattern itself, so the lexicon is written once.

Patterns are matched against the ASCII-lower-cased text, spaces made " " (same length
and offsets as the original), so their literals are written in lower case.

Which cue fired: a :class:`CueSet` knows the id and the decision of each of its
patterns (the lexicon's rows). ``CueSet.first(text)`` gives the first cue that fires as
a :class:`CueHit` (``id``, ``decides``, ``start``, ``end``, ``index``, ``match``) and
``CueSet.hits(doc)`` all of them, left to right, without overlap; ``Doc.finditer_set``
yields the same as (index, match) pairs.

The first letters are read with the private ``re._parser``; when that fails (a pattern
that does not start with a word boundary and a literal, or regex internals that
changed), the set falls back to a full scan: every position, every pattern in order,
with the same results, only slower.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress
from typing import Any

try:
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - private modules of another Python: full scans
    sre = sre_parse = None

__all__ = ["CueHit", "CueSet", "Doc", "lower"]

# Unicode space characters (what \\s matches besides " "), mapped to " " for the index.
_SPACES = "".join(chr(c) for c in range(0x3000 + 1) if chr(c).isspace() and chr(c) != " ")
_ASCII_LOWER = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + _SPACES,
    "abcdefghijklmnopqrstuvwxyz" + " " * len(_SPACES),
)
#: A word: its start is a word start (``\\b\\w``).
_WORD = re.compile(r"\w+")
_START = re.Match.start
_K = 3


# The ASCII ones among them: an ASCII text needs no more than str.lower and these.
_ASCII_SPACES = "".join(c for c in _SPACES if c.isascii())
_TO_SPACE = str.maketrans(_ASCII_SPACES, " " * len(_ASCII_SPACES))


def lower(text: str) -> str:
    """ASCII letters lower-cased and every space character made " ": offsets unchanged."""
    if text.isascii():  # most summaries: str.lower is ASCII lower-casing there, and faster
        low = text.lower()
        for space in _ASCII_SPACES:  # ("in" is faster than a regex or a translation)
            if space in low:
                return low.translate(_TO_SPACE)
        return low
    return text.translate(_ASCII_LOWER)


def _single_char(op: Any, av: Any) -> set[str] | None:
    """The characters one item can match, when it is a literal, a literal set or a space."""
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        chars: set[str] = set()
        for o, v in av:
            if o is sre.LITERAL:
                chars.add(chr(v))
            elif o is sre.CATEGORY and v is sre.CATEGORY_SPACE:
                chars.add(" ")
            else:
                return None
        return chars
    return None


def _seq_prefixes(items: Any) -> set[str] | None:
    """Every literal prefix (up to two letters) a match of ``items`` must start with.

    None when a match may start with anything (a character class, an empty match).
    """
    partials = {""}
    for index, (op, av) in enumerate(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        chars = _single_char(op, av)
        if chars is not None:
            partials = {p + c for p in partials for c in chars}
        elif (
            op in (sre.MAX_REPEAT, sre.MIN_REPEAT)
            and av[0] >= 1
            and len(av[2]) == 1
            and (one := _single_char(*av[2][0])) is not None
        ):
            # "\s+": at least one space; what follows it is unknown
            return {(p + c)[:_K] for p in partials for c in one}
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
    """The letters a word must start with for ``pattern`` to match there, or None
    (then the pattern is tried at every position)."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        items = list(parsed.data)
        if not items or items[0] != (sre.AT, sre.AT_BOUNDARY):
            return None
        prefixes = _seq_prefixes(items)
    except Exception:  # private API: fall back to a full scan if it ever changes
        return None
    if prefixes is None or not all(p[0].isalnum() for p in prefixes):
        return None
    return frozenset(prefixes)


#: What :class:`Doc` needs to find where a pattern may match: its three-letter prefixes,
#: and its shorter ones ("a ").
_Plan = tuple[frozenset[str], tuple[str, ...]]
#: Each pattern's plan (None: a full scan), by the pattern's id, with the pattern itself
#: (it keeps the id from being reused, and is checked): hashing a compiled pattern
#: hashes its whole program, some microseconds for a large one, on every lookup.
_PLANS: dict[int, tuple[re.Pattern[str], _Plan | None]] = {}
#: What a :class:`Doc` keeps of a pattern: the pattern and the word starts where it may
#: match (None: a full scan).
_Positions = tuple[re.Pattern[str], list[int] | None]
#: No word start (shared: the position lists of a Doc are never modified).
_NOWHERE: list[int] = []


def _plan(pattern: re.Pattern[str]) -> _Plan | None:
    known = _PLANS.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    starts = _starts(pattern)
    plan = None
    if starts is not None:
        keys = frozenset(p for p in starts if len(p) == _K)
        plan = keys, tuple(sorted(p for p in starts if len(p) < _K))
    _PLANS[id(pattern)] = (pattern, plan)
    return plan


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue that fired: its id and decision, where, and the match itself."""

    id: str
    decides: str
    start: int
    end: int
    #: The index of the cue's pattern in its set.
    index: int
    match: re.Match[str]


class CueSet:
    """Patterns tried in order of priority at each word start (see :meth:`Doc.finditer_set`).

    At a word start only the patterns that can start with its first letters are tried,
    so a set of twenty cue patterns costs about one scan. ``ids`` and ``decides`` name
    each pattern (the lexicon's cue ids; by default "#0", "#1", …). When the first
    letters of a pattern cannot be read, :attr:`indexed` is False and the set is
    matched by a full scan instead.
    """

    __slots__ = ("_by_key", "_memo", "_short", "decides", "ids", "indexed", "patterns")

    def __init__(
        self,
        patterns: Sequence[re.Pattern[str]],
        ids: Sequence[str] | None = None,
        decides: Sequence[str] | None = None,
    ) -> None:
        self.patterns = tuple(patterns)
        self.ids = tuple(ids) if ids is not None else tuple(f"#{i}" for i in range(len(patterns)))
        self.decides = tuple(decides) if decides is not None else self.ids
        if not len(self.ids) == len(self.decides) == len(self.patterns):
            raise ValueError("CueSet: one id and one decision per pattern")
        by_key: dict[str, list[int]] = {}
        self._short: list[tuple[str, int]] = []
        self.indexed = True
        for i, pattern in enumerate(self.patterns):
            starts = _starts(pattern)
            if starts is None:
                self.indexed = False
                break
            for prefix in starts:
                if len(prefix) == _K:
                    by_key.setdefault(prefix, []).append(i)
                else:
                    self._short.append((prefix, i))
        self._by_key = {key: tuple(sorted(set(ids))) for key, ids in by_key.items()}
        self._memo: dict[str, tuple[int, ...]] = {}

    def candidates(self, key: str) -> tuple[int, ...]:
        """Indexes of the patterns that may match at a word starting with ``key``."""
        ids = self._memo.get(key)
        if ids is None:
            ids = self._by_key.get(key, ())
            extra = [i for prefix, i in self._short if key.startswith(prefix)]
            if extra:
                ids = tuple(sorted({*ids, *extra}))
            if len(self._memo) < 100_000:  # bounded: keys are three characters
                self._memo[key] = ids
        return ids

    def hits(self, doc: Doc, start: int = 0, end: int | None = None) -> Iterator[CueHit]:
        """The cues that fire in ``doc``, left to right, without overlap."""
        for i, m in doc.finditer_set(self, start, end):
            yield CueHit(self.ids[i], self.decides[i], m.start(), m.end(), i, m)

    def first(self, text: str | Doc, start: int = 0, end: int | None = None) -> CueHit | None:
        """The first cue that fires (the earliest; at one position the earliest pattern)."""
        doc = text if isinstance(text, Doc) else Doc(text)
        return next(self.hits(doc, start, end), None)


class Doc:
    """A summary prepared for cue matching: its lower-cased text and word-start index.

    What a pattern or cue set needs of the index (the positions where it may match) is
    worked out on its first use and kept for the next (a summary is read by a few
    dozen patterns, some of them several times).
    """

    __slots__ = (
        "_cue_words",
        "_index",
        "_keys",
        "_ordered_keys",
        "_positions",
        "_starts",
        "low",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = low = lower(text)
        # Word starts by their first three characters (a short word with what follows
        # it: "in " for "in", "a r" for "a response").
        starts = list(map(_START, _WORD.finditer(low)))
        keys = [low[pos : pos + _K] for pos in starts]
        index: dict[str, list[int]] = {}
        for key, pos in zip(keys, starts, strict=True):
            index.setdefault(key, []).append(pos)
        self._index = index
        self._ordered_keys: list[str] | None = None  # the index's keys in order, when needed
        self._starts = starts
        self._keys = keys
        # Keyed by the pattern's (cue set's) id, with the pattern itself to check it:
        # hashing a compiled pattern hashes its whole program.
        self._positions: dict[int, _Positions] = {}
        self._cue_words: dict[int, tuple[CueSet, list[int], list[tuple[int, ...]]]] = {}

    def _positions_of(self, pattern: re.Pattern[str]) -> list[int] | None:
        """The word starts where ``pattern`` may match, in order (not to be modified), or
        None: it is matched by a full scan."""
        known = self._positions.get(id(pattern))
        if known is None or known[0] is not pattern:
            known = self._candidates(pattern)
        return known[1]

    def _candidates(self, pattern: re.Pattern[str]) -> _Positions:
        """(``pattern``, its positions): worked out on the first use in this text."""
        plan = _plan(pattern)
        if plan is None:
            known: _Positions = (pattern, None)
            self._positions[id(pattern)] = known
            return known
        keys, short = plan
        index = self._index
        positions: list[int]
        if len(keys) <= 4 and not short:  # most patterns: a few keys, often none here
            lists = [index[key] for key in keys if key in index]
            if not lists:
                positions = _NOWHERE
            elif len(lists) == 1:
                positions = lists[0]  # in order already (not to be modified)
            else:  # each word start has one key: no position twice
                positions = sorted([pos for at in lists for pos in at])
            known = (pattern, positions)
            self._positions[id(pattern)] = known
            return known
        common = index.keys() & keys if len(keys) < len(index) else keys.intersection(index)
        if short:  # a short prefix ("a "): every key that begins with it
            found = [pos for key in common for pos in index[key]]
            ordered = self._ordered_keys
            if ordered is None:
                ordered = self._ordered_keys = sorted(index)
            for prefix in short:  # the keys that begin with it stand together in order
                for i in range(bisect_left(ordered, prefix), len(ordered)):
                    if not ordered[i].startswith(prefix):
                        break
                    found += index[ordered[i]]
            positions = sorted(set(found))
        elif len(common) == 1:
            positions = index[next(iter(common))]  # in order already (not to be modified)
        else:  # each word start has one key: no position twice
            positions = sorted([pos for key in common for pos in index[key]])
        known = (pattern, positions)
        self._positions[id(pattern)] = known
        return known

    def finditer(
        self, pattern: re.Pattern[str], start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Like ``pattern.finditer(self.low, start, end)``, trying only plausible positions."""
        low = self.low
        end = len(low) if end is None else end
        positions = self._positions_of(pattern)
        if positions is None:
            yield from pattern.finditer(low, start, end)
            return
        match = pattern.match
        after = start
        for i in range(bisect_left(positions, start), len(positions)):
            pos = positions[i]
            if pos >= end:
                return
            if pos < after:
                continue
            m = match(low, pos, end)
            if m is not None:
                after = max(m.end(), pos + 1)
                yield m

    def _words_for(self, cues: CueSet) -> tuple[list[int], list[tuple[int, ...]]]:
        """The word starts where some pattern of ``cues`` may match, with those patterns."""
        known = self._cue_words.get(id(cues))
        if known is not None and known[0] is cues:
            return known[1], known[2]
        keys = self._keys
        found: list[tuple[int, ...] | None] = list(map(cues._memo.get, keys))
        if None in found:  # words the set has not seen yet
            found = [
                cues.candidates(key) if ids is None else ids
                for ids, key in zip(found, keys, strict=True)
            ]
        positions = list(compress(self._starts, found))
        candidates: list[tuple[int, ...]] = [ids for ids in found if ids]
        self._cue_words[id(cues)] = (cues, positions, candidates)
        return positions, candidates

    def finditer_set(
        self, cues: CueSet, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, re.Match[str]]]:
        """Non-overlapping matches of any pattern of ``cues``, left to right.

        Yields (index of the pattern, match). At one position the earliest pattern of
        the set that matches wins, as in an alternation of them all.
        """
        low = self.low
        if end is None:
            end = len(low)
        if not cues.indexed:
            yield from _full_scan(cues.patterns, low, start, end)
            return
        positions, candidates = self._words_for(cues)
        patterns = cues.patterns
        after = start
        for j in range(bisect_left(positions, start), len(positions)):
            pos = positions[j]
            if pos >= end:
                return
            if pos < after:
                continue
            for i in candidates[j]:
                m = patterns[i].match(low, pos, end)
                if m is not None:
                    after = max(m.end(), pos + 1)
                    yield i, m
                    break

    def search(
        self, pattern: re.Pattern[str], start: int = 0, end: int | None = None
    ) -> re.Match[str] | None:
        """The first match of :meth:`finditer` (``pattern.search`` on the lower-cased text)."""
        low = self.low
        end = len(low) if end is None else end
        positions = self._positions_of(pattern)
        if positions is None:
            return pattern.search(low, start, end)
        match = pattern.match
        for i in range(bisect_left(positions, start), len(positions)):
            pos = positions[i]
            if pos >= end:
                return None
            m = match(low, pos, end)
            if m is not None:
                return m
        return None


def _full_scan(
    patterns: Sequence[re.Pattern[str]], low: str, start: int, end: int
) -> Iterator[tuple[int, re.Match[str]]]:
    """Every position, every pattern in order: what an alternation of them all finds."""
    pos = start
    while pos <= end:
        for i, pattern in enumerate(patterns):
            m = pattern.match(low, pos, end)
            if m is not None:
                yield i, m
                pos = max(m.end(), pos + 1)
                break
        else:
            pos += 1
