"""Align a value a backend extracted with the input text: where it stands, and how well.

:func:`ground` tries, in order, and stops at the first success:

1. **Exact** — the value occurs verbatim (``str.find``) and on word boundaries: a value
   that starts (ends) with a letter or digit must not be glued to a letter or digit in
   the text, so "Niger" is *not* found inside "Nigeria". The text at the span equals the
   value, so the grounding is ``exact`` and the score ``1.0``. When the value occurs
   several times, the occurrence whose start is nearest to ``near`` wins (the first one
   when ``near`` is not given).

2. **Normalised** — both sides are normalised (accents removed, casefolded, whitespace
   collapsed, quotes, apostrophes and dashes unified, other punctuation dropped) and the
   value is searched in the normalised text on word boundaries. A map from normalised
   positions back to the original offsets gives a span in the *original* text that
   covers the matched words. The text at that span does not equal the value, so this
   is ``fuzzy`` with the fixed score :data:`NORMALISED_SCORE` (0.99): "the us" finds
   "the U.S.", "Turkiye" finds "Türkiye", "it’s" finds "it's".

3. **Fuzzy** — the normalised text is split into tokens; windows of the value's token
   count (minus 2 to plus 2 tokens) slide over them and each window is scored against
   the normalised value with :class:`difflib.SequenceMatcher` ``ratio()``. The best
   window is accepted as ``fuzzy`` when its score is at least :data:`FUZZY_THRESHOLD`;
   the span covers the window's whole tokens.

4. Otherwise the value is ``ungrounded``: no span, and the score is the best
   similarity seen in step 3 (0.0 when step 3 did not run). Step 3 scores windows
   best-first by an upper bound and stops early once no remaining window can reach the
   threshold, so below the threshold this is the best *seen*, a lower bound on the best.

``FUZZY_THRESHOLD = 0.90`` — the similarity (``SequenceMatcher.ratio`` on normalised
strings) a window needs to count as the value. What it lets through and what it stops:

=====================================  =====================  =======
value                                  text has               ratio
=====================================  =====================  =======
"Alliance of Sahel States"             "the Alliance of ..."  0.92 ✓ (dropped article)
"Autralia"                             "Australia"            0.94 ✓ (typo)
"Phillipines"                          "Philippines"          0.91 ✓ (typo)
"Papua New Guinean"                    "Papua New Guineans"   0.97 ✓ (inflection)
"Australia"                            "Austria"              0.88 ✗ (another country)
"Nigeria"                              "Niger"                0.83 ✗ (another country)
"Zambia"                               "Gambia"               0.83 ✗ (another country)
"North Korea"                          "South Korea"          0.82 ✗ (another country)
"Papua New Guinea"                     "Guinea"               0.55 ✗ (another country)
=====================================  =====================  =======

0.85 would let "Austria" stand for "Australia"; a wrongly grounded actor is worse
than a flagged one, so the threshold sits above the closest pair of country names.

Phrases (provisions, rationale, date hints) go through :func:`align_phrase`, which
adds a fifth step when :func:`ground` fails: **token alignment**, as LangExtract aligns
extractions with their source. The value and the text are split into normalised
words; a window of the text's words that holds the value's words in order is accepted
when it misses at most one of a 2-5 word value (a swapped word, "joint naval drills"
for "joint military drills") or a quarter of a longer one, is not much longer than the
value, and the words matched are not all stop words. The span covers the text's words
from the first matched word to the last, and the text's word in place of a value word
swapped at either edge ("exchange intelligence" -> "share intelligence"), so the
record can hold the summary's own words. Its score is the share of the value's words
matched (shown as ``fuzzy``).

Cost: step 1 is a ``str.find`` loop; the normalised text is computed once per text
(small LRU cache); step 3 prunes windows with ``real_quick_ratio``/``quick_ratio``
before the full ``ratio`` and is skipped for texts over :data:`MAX_FUZZY_TEXT_CHARS`,
values over :data:`MAX_FUZZY_VALUE_CHARS` and values longer than the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .schema import Grounding

__all__ = [
    "FUZZY_THRESHOLD",
    "MAX_FUZZY_TEXT_CHARS",
    "MAX_FUZZY_VALUE_CHARS",
    "NORMALISED_SCORE",
    "Alignment",
    "align_phrase",
    "ground",
]

FUZZY_THRESHOLD: float = 0.90
"""Minimum ``SequenceMatcher.ratio`` for a fuzzy alignment (see the module docstring)."""

NORMALISED_SCORE: float = 0.99
"""Score of a match that differs only in case, spacing, accents or punctuation."""

MAX_FUZZY_TEXT_CHARS: int = 20_000
"""Texts longer than this are not searched with the (slower) fuzzy window alignment."""

MAX_FUZZY_VALUE_CHARS: int = 1_000
"""Values longer than this are not searched with the fuzzy window alignment."""

_WINDOW_SLACK = 2  # windows of the value's token count, minus/plus this many tokens
_MIN_SCORED = 20  # windows always scored (best bounds first), for an informative score


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where a value stands in the text and how it was found.

    ``span`` is ``(start, end)`` in the original text (slice semantics), ``None`` when
    ungrounded. ``score`` is 1.0 for exact, the similarity for fuzzy, and the best
    similarity seen for ungrounded.
    """

    span: tuple[int, int] | None
    grounding: Grounding
    score: float


_APOSTROPHES = frozenset("'‘’‛ʼ`´")
_QUOTES = frozenset('"“”„‟«»')
_DASHES = frozenset("-‐‑‒–—―−")


@dataclass(frozen=True, slots=True)
class _Normalised:
    """A normalised string and, for each of its characters, the original offset."""

    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span covering normalised characters ``[start, end)``."""
        return self.offsets[start], self.offsets[end - 1] + 1


def _normalise(text: str) -> _Normalised:
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for i, char in enumerate(text):
        if char.isspace():
            pending_space = bool(out)
            continue
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for c in part.casefold():
                if c in _APOSTROPHES:
                    c = "'"
                elif c in _QUOTES:
                    c = '"'
                elif c in _DASHES:
                    c = "-"
                elif unicodedata.category(c).startswith("P"):
                    continue
                if pending_space:
                    out.append(" ")
                    offsets.append(i - 1)
                    pending_space = False
                out.append(c)
                offsets.append(i)
    return _Normalised("".join(out), tuple(offsets))


@lru_cache(maxsize=16)
def _normalise_text(text: str) -> _Normalised:
    return _normalise(text)


@lru_cache(maxsize=16)
def _tokens(normalised: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in re.finditer(r"\S+", normalised))


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _on_boundaries(haystack: str, start: int, end: int) -> bool:
    """Whether ``haystack[start:end]`` is not glued to letters/digits on either side."""
    if start > 0 and _is_word_char(haystack[start]) and _is_word_char(haystack[start - 1]):
        return False
    return not (
        end < len(haystack) and _is_word_char(haystack[end - 1]) and _is_word_char(haystack[end])
    )


def _occurrences(needle: str, haystack: str) -> list[int]:
    """Starts of ``needle`` in ``haystack`` on word boundaries, in order."""
    found: list[int] = []
    start = haystack.find(needle)
    while start != -1:
        if _on_boundaries(haystack, start, start + len(needle)):
            found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _nearest(starts: list[int], near: int | None) -> int:
    if near is None:
        return starts[0]
    return min(starts, key=lambda s: (abs(s - near), s))


def ground(value: str, text: str, *, near: int | None = None) -> Alignment:
    """Align ``value`` with ``text``: exact, then normalised, then fuzzy, else ungrounded.

    ``near`` is an offset in ``text``; when the value occurs several times (or several
    fuzzy windows score the same) the one starting nearest to it is chosen.
    """
    if not value.strip():
        return Alignment(None, Grounding.UNGROUNDED, 0.0)

    starts = _occurrences(value, text)
    if starts:
        start = _nearest(starts, near)
        return Alignment((start, start + len(value)), Grounding.EXACT, 1.0)

    norm_value = _normalise(value).text
    if not norm_value:
        return Alignment(None, Grounding.UNGROUNDED, 0.0)
    norm_text = _normalise_text(text)

    norm_starts = _occurrences(norm_value, norm_text.text)
    if norm_starts:
        spans = [norm_text.original_span(s, s + len(norm_value)) for s in norm_starts]
        best_span = spans[0] if near is None else min(spans, key=lambda sp: abs(sp[0] - near))
        return Alignment(best_span, Grounding.FUZZY, NORMALISED_SCORE)

    if (
        len(text) > MAX_FUZZY_TEXT_CHARS
        or len(value) > MAX_FUZZY_VALUE_CHARS
        or len(norm_value) > len(norm_text.text)
    ):
        return Alignment(None, Grounding.UNGROUNDED, 0.0)

    score, span = _best_window(norm_value, norm_text, near)
    if span is not None and score >= FUZZY_THRESHOLD:
        return Alignment(span, Grounding.FUZZY, round(score, 4))
    return Alignment(None, Grounding.UNGROUNDED, round(score, 4))


def _best_window(
    norm_value: str, norm_text: _Normalised, near: int | None
) -> tuple[float, tuple[int, int] | None]:
    """The best-scoring token window of the normalised text and its original span.

    Windows are scored best-first by their ``quick_ratio`` upper bound. Scoring stops
    once no remaining window can beat the best found, or can reach the threshold and
    :data:`_MIN_SCORED` windows have been scored. So an accepted window is the true
    best; below the threshold the score is the best of the windows scored.
    """
    tokens = _tokens(norm_text.text)
    n_value = norm_value.count(" ") + 1
    sizes = range(max(1, n_value - _WINDOW_SLACK), n_value + _WINDOW_SLACK + 1)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(norm_value)

    candidates: list[tuple[float, int, int, int]] = []  # (-bound, start, end, i)
    for first in range(len(tokens)):
        for size in sizes:
            last = first + size - 1
            if last >= len(tokens):
                break
            start, end = tokens[first][0], tokens[last][1]
            matcher.set_seq1(norm_text.text[start:end])
            bound = matcher.quick_ratio()
            if bound > 0.0:
                candidates.append((-bound, start, end, len(candidates)))
    candidates.sort()

    best_score = 0.0
    best_span: tuple[int, int] | None = None
    best_distance = 0
    for scored, (neg_bound, start, end, _) in enumerate(candidates):
        bound = -neg_bound
        if bound < best_score or (bound < FUZZY_THRESHOLD and scored >= _MIN_SCORED):
            break
        matcher.set_seq1(norm_text.text[start:end])
        score = matcher.ratio()
        if score < best_score:
            continue
        span = norm_text.original_span(start, end)
        distance = abs(span[0] - near) if near is not None else 0
        if (
            score > best_score
            or best_span is None
            or (distance, span[0]) < (best_distance, best_span[0])
        ):
            best_score, best_span, best_distance = score, span, distance
    return best_score, best_span


_STOP_WORDS = frozenset(
    """a an and as at by for from in into of on or over the their its to with""".split()
)
_PHRASE_SLACK = 1  # a window may hold this many words the value does not (or a quarter)


def align_phrase(value: str, text: str, *, near: int | None = None) -> Alignment:
    """:func:`ground`, then token alignment for a phrase that a model worded a little
    differently (see the module docstring)."""
    alignment = ground(value, text, near=near)
    if alignment.grounding is not Grounding.UNGROUNDED or len(text) > MAX_FUZZY_TEXT_CHARS:
        return alignment
    words = _normalise(value).text.split()
    if len(words) < 2 or len(value) > MAX_FUZZY_VALUE_CHARS:
        return alignment
    norm_text = _normalise_text(text)
    found = _token_window(words, norm_text, near)
    if found is None:
        return alignment
    share, span = found
    return Alignment(span, Grounding.FUZZY, round(share, 4))


def _token_window(
    words: list[str], norm_text: _Normalised, near: int | None
) -> tuple[float, tuple[int, int]] | None:
    """The best window of the text's words aligned with ``words``, if one is close enough."""
    tokens = _tokens(norm_text.text)
    text_words = [norm_text.text[a:b] for a, b in tokens]
    n = len(words)
    missing = 1 if n <= 5 else n // 4
    longest = n + max(_PHRASE_SLACK, n // 4)
    wanted = set(words)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)
    # (matched, -extra, -distance, first, last, value words before/after the match)
    best: tuple[int, int, int, int, int, int, int] | None = None
    for first in range(len(text_words)):
        if text_words[first] not in wanted:
            continue
        matcher.set_seq1(text_words[first : first + longest])
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        matched = sum(b.size for b in blocks)
        if matched < n - missing:
            continue
        if all(words[b.b + k] in _STOP_WORDS for b in blocks for k in range(b.size)):
            continue
        last = first + blocks[-1].a + blocks[-1].size - 1
        extra = (last - first + 1) - matched
        if extra > max(_PHRASE_SLACK, n // 4):
            continue
        start = norm_text.offsets[tokens[first][0]]
        dist = abs(start - near) if near is not None else 0
        lead = blocks[0].b if blocks[0].a == 0 else 0
        trail = n - (blocks[-1].b + blocks[-1].size)
        key = (matched, -extra, -dist, first, last, lead, trail)
        if best is None or key[:3] > best[:3]:
            best = key
    if best is None:
        return None
    matched, _, _, first, last, lead, trail = best
    # a value word swapped at an edge stands for the text's word there
    first, last = max(0, first - lead), min(len(tokens) - 1, last + trail)
    span = norm_text.original_span(tokens[first][0], tokens[last][1])
    return matched / n, span
