"""Sentence and clause layout of a summary, with character offsets.

The offline backend reasons clause by clause: a cue in a clause that compares the
pact with another one ("similar to the one signed by the U.K."), or that speaks of
other actors only, says nothing about the primary pact.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .cues import COMPARISON, table_pattern
from .scan import Doc

__all__ = ["Clause", "Layout"]

# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) and
# whitespace, before an upper-case letter, a digit or an opening quote.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]?\s+(?=[\"“‘(]?[A-Z0-9])")
# "U.S." or "Mr." before the period: an abbreviation, not a sentence end, unless the
# next word typically starts a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|No|Jr|Sr|vs|Gov|Sen|Rep))$"
)
_SENTENCE_STARTERS = frozenset(
    "The This That These Those It Its He She They We In On At A An But However Meanwhile "
    "Officials Under Both After Before While Some Analysts Experts".split()
)
# Clause boundaries inside a sentence: a comma or semicolon, or a subordinating word.
_CLAUSE_END = re.compile(
    r"[,;:]\s+(?!\d)|\s+(?=(?:while|whereas|although|though|but)\b)|\s+[—–-]{1,2}\s+"
)
# A clause that only extends the previous one ("…ties, including military cooperation").
_CONTINUATION = table_pattern("continuation")
# Clauses about another agreement or another deal (the lexicon's table "comparison").
_COMPARISON = COMPARISON


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    sentence: int
    #: Where the clause starts speaking of another agreement ("similar to the one
    #: signed by…", "separately agreed…"), or None.
    comparison_from: int | None

    def compares(self, pos: int) -> bool:
        """True when ``pos`` lies in the part of the clause about another agreement."""
        return self.comparison_from is not None and pos >= self.comparison_from


# A line break ends a headline, a speaker's turn or a live update ("LIVE: Peru joins
# NATO\n15:02 …") when the line has no end punctuation and does not stop mid-phrase.
_LINE_BREAK = re.compile(r"[ \t]*\n\s*(?=[\"“‘(]?[A-Z0-9])")
_OPEN_LINE_END = re.compile(
    r"(?:[.!?,;:(\-–—]|\b(?:and|or|of|the|a|an|to|by|for|in|on|with|between|at|from|as))$",
    re.IGNORECASE,
)


def _breaks(text: str) -> list[tuple[int, int]]:
    """Where each sentence ends and the next one starts, in order."""
    found = []
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            next_word = re.match(r"[\"“‘(]?(\w+)", text[m.end() :])
            if not next_word or next_word.group(1) not in _SENTENCE_STARTERS:
                continue
        found.append((m.start() + 1, m.end()))
    if "\n" in text:
        for m in _LINE_BREAK.finditer(text):
            line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].rstrip()
            if line and not _OPEN_LINE_END.search(line):
                found.append((m.start(), m.end()))
        found.sort()
    return found


class Layout:
    """Sentences and clauses of one text."""

    __slots__ = ("_clause_starts", "_sentence_starts", "clauses", "doc", "sentences", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.doc = Doc(text)
        self.sentences: list[tuple[int, int]] = []
        start = 0
        for end, next_start in _breaks(text):
            if end < start:
                continue
            self.sentences.append((start, end))
            start = next_start
        if text[start:].strip():
            self.sentences.append((start, len(text.rstrip())))
        self._sentence_starts = [s for s, _ in self.sentences]

        markers = [m.start() for m in self.doc.finditer(_COMPARISON)]
        self.clauses: list[Clause] = []
        for index, (s_start, s_end) in enumerate(self.sentences):
            cursor = s_start
            pieces: list[tuple[int, int]] = []
            for m in _CLAUSE_END.finditer(text, s_start, s_end):
                pieces.append((cursor, m.start()))
                cursor = m.end()
            pieces.append((cursor, s_end))
            merged: list[tuple[int, int]] = []
            for p_start, p_end in pieces:
                if merged and _CONTINUATION.match(text, p_start):
                    merged[-1] = (merged[-1][0], p_end)
                else:
                    merged.append((p_start, p_end))
            for c_start, c_end in merged:
                i = bisect_left(markers, c_start)
                marker = markers[i] if i < len(markers) and markers[i] < c_end else None
                self.clauses.append(Clause(c_start, c_end, index, marker))
        self._clause_starts = [c.start for c in self.clauses]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self._sentence_starts, pos) - 1)

    def clause_of(self, pos: int) -> Clause:
        return self.clauses[max(0, bisect_right(self._clause_starts, pos) - 1)]

    def compares(self, pos: int) -> bool:
        return self.clause_of(pos).compares(pos)
