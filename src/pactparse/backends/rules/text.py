"""Sentence and clause layout of a summary, with character offsets.

The offline backend reasons clause by clause: a cue in a clause that compares the
pact with another one ("similar to the one signed by the U.K."), or that speaks of
other actors only, says nothing about the primary pact.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from typing import NamedTuple

from .cues import COMPARISON, table_pattern
from .scan import Doc

__all__ = ["TICKER_LABEL", "Clause", "Layout", "before_member_list"]

# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) and
# whitespace, before an upper-case letter, a digit or an opening quote, or a bullet
# before one ("…North Korea. • Japan: …").
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]?\s+(?:[•▪·]\s*)?(?=[\"“‘(]?[A-Z0-9])")
# "U.S." or "Mr." before the period, or a middle initial ("James N. Mattis"): an
# abbreviation, not a sentence end, unless the next word typically starts a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|No|Jr|Sr|vs|Gov|Sen|Rep)"
    r"|(?<=[a-z]\s)[A-Z])$"
)
_SENTENCE_STARTERS = frozenset(
    "The This That These Those It Its He She They We In On At A An But However Meanwhile "
    "Officials Under Both After Before While Some Analysts Experts".split()
)
# Clause boundaries inside a sentence: a comma or semicolon, or a subordinating word.
# Written to start with one character class (",", ";", ":" or a space) so that ``re``
# skips the other characters fast; it matches what
#   [,;:]\s+(?!\d)|\s+(?=(?:while|whereas|although|though|but)\b)|\s+[—–-]{1,2}\s+
# matches (the lookbehinds tell which alternative the first character opened; after
# the spaces a word or a dash must follow, so giving some spaces back never helps).
_CLAUSE_END = re.compile(
    r"[,;:\s](?:(?<=[,;:])\s+(?!\d)"
    r"|(?<=\s)\s*+(?:(?=(?:while|whereas|although|though|but)\b)|[—–-]{1,2}\s+))"
)
# A clause that only extends the previous one ("…ties, including military cooperation").
_CONTINUATION = table_pattern("continuation")
# Clauses about another agreement or another deal (the lexicon's table "comparison").
_COMPARISON = COMPARISON


class Clause(NamedTuple):
    """A clause of a sentence (a named tuple: a summary has a dozen, made quickly)."""

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


# A question or exclamation mark before a blank line ends a sentence, whatever the next
# paragraph starts with ("…aimed at China?\n\nu/diplomat_op · 140 points").
_PARAGRAPH_END = re.compile(r"[!?][\"”’')\]]?[ \t]*\n[ \t]*\n\s*")


# A pipe or bullet between spaces ends a segment of a ticker's crawl ("BREAKING | MALI
# QUITS G5 SAHEL | FRENCH TROOPS …"): see _crawl.
_SEPARATOR = r"[ \t]+[|•▪][ \t]+"
_SEGMENT_END = re.compile(_SEPARATOR + r"(?=[\"“‘(]?[A-Z0-9])")
# A table row's first cell is a date ("2024-05-28 | Peru; Chile | …", "Sep 2017 | …").
_DATE_CELL = re.compile(r"[ \t]*(?:\d|[A-Z][a-z]{2,8}\.? \d{4}\b)")
#: "BREAKING NEWS", "JUST IN": a ticker's label (the lexicon's table "ticker_label"); a
#: segment that is only a label asserts nothing.
TICKER_LABEL = table_pattern("ticker_label")


def _crawl(text: str, line: str) -> bool:
    """True for a line of a ticker's crawl: it opens with a ticker's label or is mostly in
    capitals, and it is no table row (which starts with a pipe or a date cell, or has as
    many pipes as another line, its header)."""
    first = re.split(_SEPARATOR, line.strip(), maxsplit=1)[0]
    letters = [c for c in line if c.isalpha()]
    if not (
        TICKER_LABEL.fullmatch(first) or sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    ):
        return False
    if line.lstrip().startswith("|") or _DATE_CELL.match(line):
        return False
    pipes = line.count("|")
    return pipes == 0 or sum(1 for other in text.splitlines() if other.count("|") == pipes) == 1


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
        for m in _PARAGRAPH_END.finditer(text):
            if not any(s <= m.end() and e > m.start() for s, e in found):
                found.append((m.start() + 1, m.end()))
        found.sort()
    if "|" in text or "•" in text or "▪" in text:
        crawls: dict[int, bool] = {}  # by the line's start: is it a crawl?
        for m in _SEGMENT_END.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if line_start not in crawls:
                line_end = text.find("\n", m.end())
                line = text[line_start : line_end if line_end >= 0 else len(text)]
                crawls[line_start] = _crawl(text, line)
            if crawls[line_start]:
                found.append((m.start(), m.end()))
        found.sort()
    return found


class Layout:
    """Sentences and clauses of one text."""

    __slots__ = (
        "_clause_starts",
        "_compared",
        "_compared_from",
        "_sentence_starts",
        "clauses",
        "doc",
        "sentences",
        "text",
    )

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
        continuation = _CONTINUATION.match
        for index, (s_start, s_end) in enumerate(self.sentences):
            # the pieces between clause ends, each merged into the one before when it
            # only continues it
            cursor = s_start
            merged: list[list[int]] = []
            for m in _CLAUSE_END.finditer(text, s_start, s_end):
                if merged and continuation(text, cursor):
                    merged[-1][1] = m.start()
                else:
                    merged.append([cursor, m.start()])
                cursor = m.end()
            if merged and continuation(text, cursor):
                merged[-1][1] = s_end
            else:
                merged.append([cursor, s_end])
            for c_start, c_end in merged:
                marker = None
                if markers:
                    i = bisect_left(markers, c_start)
                    marker = markers[i] if i < len(markers) and markers[i] < c_end else None
                self.clauses.append(Clause(c_start, c_end, index, marker))
        self._clause_starts = [c.start for c in self.clauses]
        # Where :meth:`compares` is true: from a clause's comparison marker to the next
        # clause's start (the last clause's to the end), as ``clause_of`` assigns offsets.
        compared: list[tuple[int, int]] = []
        for i, clause in enumerate(self.clauses):
            if clause.comparison_from is not None:
                upto = self._clause_starts[i + 1] if i + 1 < len(self.clauses) else sys.maxsize
                if clause.comparison_from < upto:
                    compared.append((clause.comparison_from, upto))
        self._compared = compared
        self._compared_from = [lo for lo, _ in compared]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self._sentence_starts, pos) - 1)

    def clause_of(self, pos: int) -> Clause:
        return self.clauses[max(0, bisect_right(self._clause_starts, pos) - 1)]

    def asks(self, sentence: int) -> bool:
        """True when the sentence is a question ("Was it aimed at China?"): it asserts no
        target and no reason."""
        start, end = self.sentences[sentence]
        return self.text[start:end].rstrip().endswith("?")

    def compares(self, pos: int) -> bool:
        """``clause_of(pos).compares(pos)``: a summary without comparisons answers at once."""
        if not self._compared:
            return False if self.clauses else self.clause_of(pos).compares(pos)
        i = bisect_right(self._compared_from, pos) - 1
        return i >= 0 and pos < self._compared[i][1]


# A title's last "of" and the capitalised words after it ("… Pact of Germany"), and the rest
# of a list of names right after it (", Italy and Japan").
_LAST_OF = re.compile(r"\s+of\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)$")
_LIST_NAME = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_LIST_REST = re.compile(rf",\s+{_LIST_NAME}(?:,\s+{_LIST_NAME})*,?\s+and\s+(?:the\s+)?[A-Z]")


def before_member_list(text: str, start: int, end: int, actors: Collection[int]) -> int:
    """Where the title ``text[start:end]`` ends when its last "of" opens a list of actors
    that runs on after it ("the Three-Power Pact of Germany, Italy and Japan": its
    members, no part of the title): before that "of"; else ``end``. ``actors``: where
    the text's actor mentions start."""
    last_of = _LAST_OF.search(text, start, end)
    if last_of is None or not _LIST_REST.match(text, end):
        return end
    named = last_of.start(1)
    if named in actors or (text.startswith("the ", named) and named + 4 in actors):
        return last_of.start()
    return end
