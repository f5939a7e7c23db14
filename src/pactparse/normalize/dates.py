"""Temporal expressions: find them in a summary and normalise them to TIMEX3-style values.

Two entry points share one grammar, a table of branches (``_BRANCHES``: each a name,
its pattern, how its type and value are read, and the check its match must pass),
compiled into a single regex once at import:

* :func:`find_date_hints` scans a whole summary and returns every plausible temporal
  expression, left to right and non-overlapping, with exact character spans.
* :func:`normalize_date_hint` classifies one expression (as found by the scanner, or as
  copied from the text by a model) and computes its value. For every hint the scanner
  returns, ``normalize_date_hint(hint.text, reference_date, future=...)`` gives the
  same type and value (``future`` as the scanner read it from the sentence).

Speed: the scanner does not run the grammar at every position. It looks for trigger
words (" year", " since", "-year", a capitalised month or weekday, a year; plain
literal scans), walks back from each over words that can open a hint ("as early as the
second half of next year") and tries the grammar only there; the result equals a full
regex search (a test checks this). About 40 µs for a 640-character summary.

No third-party date library is used: ``dateparser`` and friends invent missing days
and years and read "60 years" as a date. The rules here never invent a day or a year.

Types (:class:`pactparse.schema.DateType`)
------------------------------------------
``date``
    An expression that names a calendar point or period: full dates ("April 4, 2023"),
    month + year, a month alone ("in February"), years ("by 2027", "through 2018"),
    year ranges, decades, seasons with a year, and weekdays ("on Thursday"). A month
    or weekday without a year is still a ``date``: the reference date only fills in
    the missing year/week.
``duration``
    A length of time: "over 60 years", "nearly two years", "for 20 years",
    "five-year", "30 days", "two weeks".
``relative``
    Deictic expressions computed from the document date ("last month", "this year",
    "next week", "earlier this month", "later this year", "the second half of next
    year", "by the end of the year", "two years ago", "today", "this morning", "last
    night"), as the spec lists
    "next week" as relative; and expressions anchored to an event ("ahead of the war's
    second anniversary", "a week after Israel's strike on Hamas leaders in Qatar",
    "days before Donald Trump's inauguration", "since World War II", "Weeks later",
    "the second anniversary of Russia's full-scale invasion"), whose value is always
    ``None``.

Values and decisions
--------------------
* Calendar values: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``; missing year →
  ``XXXX-MM`` / ``XXXX-MM-DD``; day ranges ``2023-07-11/2023-07-12`` ("July 11-12,
  2023"); halves ``YYYY-H1``/``YYYY-H2``; quarters ``YYYY-Q1``..``Q4``; seasons
  ``YYYY-SP``/``SU``/``FA``/``WI``; decades ``199`` ("the 1990s"); ISO weeks
  ``YYYY-Www`` ("next week").
* Modifiers that only narrow a period are dropped: "in late February" → ``2024-02``,
  "early 2025" → ``2025``, "by the end of the year" → ``2024``, "mid-March 2023" →
  ``2023-03``. Halves and quarters are kept ("the second half of next year" →
  ``2025-H2``). Approximators on durations are dropped too: "in over 60 years" →
  ``P60Y``, "nearly two years" → ``P2Y``.
* Year ranges ("fiscal years 2019 through 2028", "from 2019 to 2028", "between 2019
  and 2028") are ``date`` with the ISO 8601 interval value ``2019/2028``.
  A one-sided bound keeps its year: "through 2018" → ``2018``, "by 2027" → ``2027``,
  "since 2014" → ``2014``.
* Durations: ``P{n}Y``/``M``/``W``/``D``, hours ``PT{n}H``; decades and centuries are
  written in years (``P10Y``, ``P100Y``); "a year" (after "for", "within", "nearly",
  …) is 1. Rates are not durations: "per year", "a year" after a quantity ("£3
  billion a year", "280 people per year") are amounts, and "a 75-year-old leader" is
  an age; neither is returned.
* Weekdays need a reference date; without one the value is ``None`` (not the TIMEX
  ``XXXX-WXX-4`` form, which carries no usable information for the records). With
  one, "on Thursday" is the most recent Thursday on or before the reference date
  (news convention), or the next one on/after it when ``future=True``. "last
  Thursday" is strictly before, "next Thursday" strictly after, "this Thursday" on or
  after the reference date.
* A month (or month and day) without a year uses the same rule: with a reference date
  it is the most recent such month on or before the reference month ("in February"
  with reference 2024-03-08 → ``2024-02``; "in December" with reference 2024-01-10 →
  ``2023-12``), or the next one on/after it when ``future=True``. Without a reference
  date the year is ``XXXX``.
* :func:`find_date_hints` decides ``future`` from the words before the expression: a
  future cue ("will", "plans", "set to", "expected", "scheduled", "due in", …) in its
  clause (since the last comma) means future; else a past cue ("was", "met", "said", a
  word in -ed) there means past; else a future cue earlier in the sentence means future.
  "are set to sign the Treaty of Nancy on Friday" is future; "The pact, which will take
  effect in 30 days, was signed on Thursday" is past.
* Deictic expressions ("last month", "this year", "by the end of the year") have a
  value only with a reference date, else ``None``. A possessive ("last year's war")
  modifies a noun and is not returned by the scanner.
* Event-anchored relatives ("a week after …", "days before …", "ahead of …",
  "the second anniversary of …", "since World War II") extend over the anchor phrase
  up to the next clause boundary: , ; : ( ) ! ? or a quote, a sentence-final period
  (not the period of an abbreviation such as "U.S."), or a conjunction/relative word
  (" and", " but", " while", " which", " where", " as", " amid", " in favor of", an
  infinitive " to <verb>"), at most 12 words. "since" anchors only to a proper name
  ("since World War II", "since Russia's invasion") or "the start/end/outbreak/… of";
  "since the coups" is not returned.
* "last/next/this" + a month or season ("last March", "this summer") is ``relative``
  like the other deictic expressions; "the next decade", "the past year" are durations.
* Not returned by the scanner (precision over recall): a bare year used as a modifier
  without a preposition ("a 2007 declaration", "Vision 2030"), unquantified spans
  ("for decades", "within months", "in recent years"), a month name without a
  preposition, modifier or year ("May" may be the verb), a weekday followed by a
  name ("Good Friday Agreement"), "100-Year Partnership" (a capitalised unit is part of
  a name). Hints not about the pact ("riots last year") are returned: the caller
  decides which hints are about the pact.
* An expression that :func:`normalize_date_hint` cannot parse at all is ``relative``
  with value ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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
from pactparse.schema import DateType

__all__ = [
    "DateMatch",
    "date_is_future",
    "find_date_hints",
    "normalize_date_hint",
    "normalize_in_context",
]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One temporal expression found in a text; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    type: DateType
    value: str | None


# --------------------------------------------------------------------------- lexicon

_MONTHS: dict[str, int] = {**MONTHS, **MONTH_ABBREVIATIONS}
_SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    "twentieth|twenty-fifth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|"
    "seventy-fifth|eightieth|ninetieth|hundredth|\\d+(?:st|nd|rd|th)"
)


def _words(text: str) -> list[str]:
    return text.split()


# --------------------------------------------------------------------------- grammar
#
# The grammar is matched against a lower-cased copy of the text with case-sensitive
# patterns (fast paths in ``re`` for literal-led alternatives); what depends on case
# (a capitalised month or weekday, "since" + a proper name, "100-Year Partnership")
# is checked afterwards on the original text by the branch's ``check``.

_NUMW_ALT = rf"{NUMBER_WORD_PATTERN}|(?:a\s+|one\s+)?hundred"
_NUMW = rf"(?:{_NUMW_ALT})\b"
_NUM = rf"(?:(?<![\d,.-])\d+(?:\.\d+)?(?![\d,])|{_NUMW})"
_UNITS = r"(?:hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))\b"
_PREP = (
    r"(?:in|on|by|at(?!\s+(?:least|most)\b)|as\s+(?:early\s+as|late\s+as|soon\s+as|of)"
    r"|since|until|till|through(?:out)?|from|for|between|before|after|during|within|over|under|across"
    r"|no\s+later\s+than|not\s+later\s+than|starting|beginning|ending|spanning|lasting)\s+"
)
# Modifiers narrowing a calendar period; dropped from the value except halves/quarters.
_MODC = (
    r"(?:(?:the\s+)?(?:(?:very\s+)?(?:early|late)|(?:middle|end|start|beginning|close"
    r"|rest|remainder|turn|(?:first|second)\s+half|(?:first|second|third|fourth|last)"
    r"\s+quarter)\s+of)\s+|mid-?\s*)"
)
_YEAR = (
    r"(?<![\d,.$€£¥])(?:1[89]\d\d|20\d\d)(?!\d|[,.]\d|-(?:year|old)|\s*%"
    r"|\s*(?:percent|per\s+cent)\b)"
)
_MONTH_FULL = trie_pattern(MONTHS)
_MONTH = rf"(?:{_MONTH_FULL}|{trie_pattern(MONTH_ABBREVIATIONS)}\.?)"
_WEEKDAY = trie_pattern(WEEKDAYS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_SEASON = trie_pattern(_SEASONS)
_AMOD = (
    r"(?:just|only|barely|a\s+mere|mere|about|around|roughly|some|nearly|almost"
    r"|less\s+than|more\s+than|over|under|at\s+least|within)\s+"
)
_QNUM = rf"(?:{_NUM}|an?\b|a\s+few|a\s+couple\s+of|several|many)"
_DMOD = (
    r"(?:over|nearly|almost|about|around|approximately|roughly|some|more\s+than"
    r"|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|just\s+over|just\s+under"
    r"|just|only|another|an\s+additional|a\s+further"
    r"|the\s+(?:next|past|last|coming|first|following))\s+"
)
_DUR_END = (
    r"(?![\w-])(?!\s+(?:old|ago|after|before|later|earlier|prior|ahead|since|of\s+age)\b)"
    r"(?!\s+(?:a|an|per|each|every)\s+(?:year|month|week|day)\b)"
)

# --------------------------------------------------------------------------- branches
#
# The grammar is one table: each branch has its name, its pattern, how its value is
# read and what its match must satisfy on the original text. The handlers below read
# a matched expression (lower-cased by the scanner, as written by a caller of
# normalize_date_hint); the value helpers they call are in the "values" section.

_Reading = tuple[DateType, str | None]
_UNREADABLE: _Reading = (DateType.RELATIVE, None)


def _read_range(text: str, ref: dt.date | None, future: bool) -> _Reading:
    years = _YEAR_VALUE_RE.findall(text)
    ok = len(years) >= 2 and int(years[0]) <= int(years[1])
    return DateType.DATE, f"{years[0]}/{years[1]}" if ok else None


def _read_iso(text: str, ref: dt.date | None, future: bool) -> _Reading:
    m = _ISO_RE.search(text)
    return (DateType.DATE, "-".join(g for g in m.groups() if g)) if m else _UNREADABLE


def _read_full(text: str, ref: dt.date | None, future: bool) -> _Reading:
    return DateType.DATE, _value_full(text, ref, future)


def _read_month_year(text: str, ref: dt.date | None, future: bool) -> _Reading:
    month_m = _MONTH_VALUE_RE.search(text)
    year_m = _YEAR_VALUE_RE.search(text)
    if month_m is None or year_m is None:
        return _UNREADABLE
    return DateType.DATE, f"{year_m.group(1)}-{_month_num(month_m.group(1)):02d}"


def _read_season(text: str, ref: dt.date | None, future: bool) -> _Reading:
    season_m = _SEASON_VALUE_RE.search(text)
    if season_m is None:
        return _UNREADABLE
    code = _SEASONS[season_m.group(1).lower()]
    year_m = _YEAR_VALUE_RE.search(text)
    if year_m is not None:
        return DateType.DATE, f"{year_m.group(1)}-{code}"
    if ref is None:
        return DateType.RELATIVE, None
    delta = {"last": -1, "next": 1}.get(_rel_word(text) or "", 0)
    return DateType.RELATIVE, f"{ref.year + delta:04d}-{code}"


def _read_decade(text: str, ref: dt.date | None, future: bool) -> _Reading:
    decade_m = _DECADE_VALUE_RE.search(text)
    return (DateType.DATE, decade_m.group(1)) if decade_m else _UNREADABLE


def _read_year(text: str, ref: dt.date | None, future: bool) -> _Reading:
    year_m = _YEAR_VALUE_RE.search(text)
    return (DateType.DATE, year_m.group(1) + _period_suffix(text)) if year_m else _UNREADABLE


def _read_month(text: str, ref: dt.date | None, future: bool) -> _Reading:
    month_m = _MONTH_VALUE_RE.search(text)
    if month_m is None:
        return _UNREADABLE
    month = _month_num(month_m.group(1))
    rel = _rel_word(text[: month_m.start()])
    kind_type = DateType.RELATIVE if rel in ("last", "next", "this") else DateType.DATE
    if ref is None:
        return kind_type, None if kind_type is DateType.RELATIVE else f"XXXX-{month:02d}"
    return kind_type, f"{_year_for(month, None, ref, rel, future):04d}-{month:02d}"


def _read_weekday(text: str, ref: dt.date | None, future: bool) -> _Reading:
    return DateType.DATE, _value_weekday(text, ref, future)


def _read_deictic(text: str, ref: dt.date | None, future: bool) -> _Reading:
    return DateType.RELATIVE, _value_deictic(text, ref)


def _read_ago(text: str, ref: dt.date | None, future: bool) -> _Reading:
    return DateType.RELATIVE, _value_ago(text, ref)


def _read_duration(text: str, ref: dt.date | None, future: bool) -> _Reading:
    return DateType.DURATION, _duration_value(text)


def _read_no_value(text: str, ref: dt.date | None, future: bool) -> _Reading:
    """Vague spans and event-anchored relatives: ``relative``, never a value."""
    return DateType.RELATIVE, None


def _any_case(text: str, start: int, end: int) -> bool:
    return True


def _capital_month(text: str, start: int, end: int) -> bool:
    return _CAPITAL_MONTH_RE.search(text, start, end) is not None


def _capital_weekday(text: str, start: int, end: int) -> bool:
    """A capitalised weekday not followed by a name ("Good Friday Agreement" is a name)."""
    return (
        _CAPITAL_WEEKDAY_RE.search(text, start, end) is not None
        and _NAME_FOLLOWS_RE.match(text, end) is None
    )


def _since_anchored(text: str, start: int, end: int) -> bool:
    """A bare "since" anchors only to a proper name or "the start/end/... of"."""
    bare = text[start:end].lower().rstrip() == "since"
    return not bare or _SINCE_ANCHOR_RE.match(text, end) is not None


def _lower_case_unit(text: str, start: int, end: int) -> bool:
    """Not "100-Year Partnership": a capitalised unit is part of a name."""
    return _CAPITAL_UNIT_RE.search(text, start, end) is None


@dataclass(frozen=True, slots=True)
class _Branch:
    """One branch of the grammar."""

    name: str
    """The empty group that ends the branch's pattern: ``match.lastgroup``."""
    pattern: str
    read: Callable[[str, dt.date | None, bool], _Reading]
    """Type and value of a match: ``read(text, reference_date, future)``."""
    check: Callable[[str, int, int], bool] = _any_case
    """What a match ``text[start:end]`` must satisfy in the original (not lower-cased) text."""
    capital: bool = False
    """``check`` asks for a capital, which :func:`normalize_date_hint` relaxes."""
    tense: bool = False
    """The value depends on the tense of the clause (``future``)."""
    anchored: bool = False
    """The scanner extends a match over its anchor phrase."""


_BRANCHES: tuple[_Branch, ...] = (
    # fiscal years 2019 through 2028 / from 2019 to 2028 / between 2019 and 2028
    _Branch(
        "rng",
        rf"(?:fiscal\s+)?(?:years?\s+)?{_YEAR}\s*(?:(?:through|to|until|till)\s+|[-–—]\s*)"
        rf"{_YEAR}|(?<=between\s)(?:fiscal\s+)?(?:years\s+)?{_YEAR}\s+and\s+{_YEAR}",
        _read_range,
    ),
    _Branch(
        "iso",
        r"(?<!\d)(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?(?![\d-])",
        _read_iso,
    ),
    _Branch(
        "full",
        rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY}(?:\s*[-–]\s*{_DAY})?(?:,?\s+{_YEAR})?"
        rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)",
        _read_full,
        _capital_month,
        capital=True,
        tense=True,
    ),
    _Branch(
        "monyear",
        rf"(?:{_MODC})?{_MONTH},?\s+(?:of\s+)?{_YEAR}",
        _read_month_year,
        _capital_month,
        capital=True,
    ),
    _Branch(
        "season",
        rf"(?:{_MODC})?(?:(?:the\s+)?{_SEASON}(?:\s+of)?\s+{_YEAR}"
        rf"|(?:this|last|next|the\s+coming|coming)\s+{_SEASON}\b(?!['’]s))",
        _read_season,
    ),
    _Branch("decade", rf"(?:the\s+)?(?:{_MODC})?(?<!\d)(?:1[89]|20)\d0s\b", _read_decade),
    _Branch("year", rf"(?(p)(?:{_MODC})?|{_MODC})(?:fiscal\s+(?:year\s+)?)?{_YEAR}", _read_year),
    _Branch(
        "month",
        rf"(?(p)(?:{_MODC})?|(?:{_MODC}|(?:last|next|this|coming)\s+))"
        rf"{_MONTH_FULL}\b(?!['’]s)",
        _read_month,
        _capital_month,
        capital=True,
        tense=True,
    ),
    _Branch(
        "weekday",
        rf"(?:(?:last|next|this|coming|early|late)\s+)?{_WEEKDAY}"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b",
        _read_weekday,
        _capital_weekday,
        capital=True,
        tense=True,
    ),
    _Branch(
        "deictic",
        r"(?:this|yesterday|tomorrow)\s+(?:morning|afternoon)\b|last\s+night\b"
        rf"|(?:(?:earlier|later)\s+|{_MODC})?(?<!the\s)(?:this|last|next|current)\s+"
        r"(?:week|month|year|quarter|decade)\b(?!['’]s|-)"
        rf"|{_MODC}the\s+(?:week|month|year)\b(?!['’]s)"
        r"|(?:today|yesterday|tomorrow)\b(?!['’]s)",
        _read_deictic,
    ),
    _Branch(
        "vague",
        r"the\s+(?:coming|next\s+few|past\s+few|last\s+few)\s+(?:days|weeks|months|years)\b",
        _read_no_value,
    ),
    _Branch("ago", rf"(?:{_AMOD})?{_QNUM}\s+{_UNITS}\s+ago\b", _read_ago),
    _Branch(
        "later",
        rf"(?:{_AMOD})?(?:{_QNUM}\s+)?{_UNITS}\s+"
        r"(?:later|earlier|afterwards?|after\s+that|before\s+that)\b",
        _read_no_value,
    ),
    # Event-anchored heads; the scanner adds the anchor phrase.
    _Branch(
        "anchor",
        rf"(?:(?:{_AMOD})?(?:{_QNUM}\s+)?{_UNITS}\s+"
        r"(?:after|before|prior\s+to|ahead\s+of|since|following)"
        r"|(?:shortly|soon|just|immediately|right|hours|moments|minutes"
        r"|the\s+(?:day|week|month|year|night|morning)|a\s+(?:day|week|month|year))"
        r"\s+(?:after|before|following)"
        r"|ahead\s+of|the\s+eve\s+of|the\s+(?:run|lead)-up\s+to"
        r"|the\s+(?:days|weeks|months|hours)\s+(?:before|after|since|following"
        r"|leading\s+up\s+to)"
        rf"|(?:marking\s+|to\s+mark\s+)?the\s+(?:(?:{_ORDINALS})\s+)?anniversary\s+of"
        r")\s+|(?<=since\s)(?(p)(?=\S)|(?!))",
        _read_no_value,
        _since_anchored,
        anchored=True,
    ),
    _Branch(
        "duration",
        rf"(?:{_DMOD})?{_NUM}\s+{_UNITS}(?:['’]?\s+time\b)?{_DUR_END}"
        rf"|(?(p)(?:{_DMOD})?|{_DMOD})an?\s+{_UNITS}{_DUR_END}"
        rf"|the\s+(?:next|past|last|coming)\s+(?:year|month|week|decade|century)\b{_DUR_END}"
        rf"|(?(p)(?!)|(?<![\w-])(?:\d+|{_NUMW})-(?:year|month|week|day|decade|hour)s?(?![\w-]))",
        _read_duration,
        _lower_case_unit,
    ),
)
# Each branch's pattern ends in an empty group named after it: ``match.lastgroup``.
_HINT_RE = re.compile(
    rf"(?<!\w)(?P<p>{_PREP})?+(?:"
    + "|".join(f"(?:{b.pattern})(?P<{b.name}>)" for b in _BRANCHES)
    + ")"
)
_BRANCH_OF: dict[str, _Branch] = {b.name: b for b in _BRANCHES}


def _branch_of(m: re.Match[str]) -> _Branch:
    """The branch a match of ``_HINT_RE`` took."""
    return _BRANCH_OF[m.lastgroup or ""]


_OTHER_SPACE_RE = re.compile(r"[^\S ]")
_OTHER_SPACES = ("\n", "\t", "\r", "\xa0", "\u2009", "\u202f")

# Triggers: every hint holds one. Scans whose alternatives each start with a literal
# (a leading group defeats the fast paths of ``re``): a word after a space in the
# lower-cased text (" years", " ahead", " since"), after a hyphen ("ten-year", "run-up
# to"), and a year, a capitalised month or weekday in the original text.
_TRIGGER_RE = re.compile(
    r" (?:y(?:ear|esterday)|month|w(?:eek|inter)|d(?:ay|ecade)|centur|hour|quarter"
    r"|a(?:head|nniversar|utumn)|s(?:ince|pring|ummer|hortly|oon)|eve\s+of"
    r"|to(?:day|morrow)|fall|immediately|morning|afternoon|night)"
)
_HYPHEN_TRIGGER_RE = re.compile(r"-(?:year|month|week|day|decade|hour|up\s+to)")
_CAPITAL_TRIGGER_RE = re.compile(
    r"1[89][0-9][0-9]|20[0-9][0-9]|"
    + trie_pattern(capitalized({w[:3] for w in (*MONTHS, *WEEKDAYS)}), bare=True)
)
# Words that can begin a hint, and words that can stand between its start and a trigger.
_STARTERS = frozenset(
    _words(
        """in on by at as no not since until till through throughout from for between before
        after during within over under across starting beginning ending spanning lasting the
        very early late middle end start close rest remainder turn first second third fourth
        last mid fiscal year years this next coming current earlier later today yesterday
        tomorrow just only barely a an mere about around roughly some nearly almost less
        more approximately fewer up another few couple several many shortly soon immediately
        right hours moments minutes days weeks months decades day week month hour decade
        ahead marking to hundred"""
    )
).union(_SEASONS, NUMBER_WORDS, _MONTHS, WEEKDAYS)
_CHAIN = _STARTERS | frozenset(
    _words(
        """of half quarter than least most mark eve run lead further additional following past
        fifth sixth seventh eighth ninth tenth anniversary century centuries morning afternoon
        night"""
    )
)
_LEAD_WORD_RE = re.compile(r"[^\w]*(\w+)")
_CHAIN_MAX_WORDS = 9
_CHUNK_END_PUNCT = frozenset(',.;:!?)]"”')

# Case-dependent checks on the original text (the branches' ``check``).
_CAPITAL_MONTH_RE = re.compile(
    rf"\b(?:{trie_pattern(capitalized(MONTHS))}"
    rf"|{trie_pattern(capitalized(MONTH_ABBREVIATIONS))}\b)"
)
_CAPITAL_WEEKDAY_RE = re.compile(rf"\b{trie_pattern(capitalized(WEEKDAYS))}\b")
_NAME_FOLLOWS_RE = re.compile(r"\s+[A-Z]")
_SINCE_ANCHOR_RE = re.compile(
    r"(?:[Tt]he\s+)?[A-Z]|[Tt]he\s+(?:start|end|beginning|outbreak|fall|collapse|launch"
    r"|signing|creation|founding)\s+of\b"
)
_CAPITAL_UNIT_RE = re.compile(r"-(?:Year|Month|Week|Day|Decade|Hour)")

# Where an anchor phrase ends: punctuation, a sentence-final period (not "U.S."),
# a conjunction or relative word, or an infinitive "to <verb>".
_ANCHOR_STOP_RE = re.compile(
    r"[,;:()\[\]!?\"“”]|(?<!\b[A-Z])\.(?=\s|$)"
    r"|\s+(?:and|but|while|whereas|which|who|whom|whose|where|when|as|amid|because"
    r"|so\s+that|in\s+favou?r\s+of|in\s+order\s+to)\b"
    r"|\s+to\s+(?!(?:the|a|an|its|his|her|their|our|this|that|these|those)\b)(?=[a-z])"
)
_ANCHOR_MAX_CHARS = 140
_ANCHOR_MAX_WORDS = 12
_WORD_RE = re.compile(r"\S+")

_FUTURE_WORDS = frozenset(
    _words(
        """will shall plan plans planning planned expected scheduled intend intends intending
        upcoming forthcoming"""
    )
)
_FUTURE_PHRASES = (
    "set to",
    "due to sign",
    "due to be",
    "due in",
    "is to ",
    "are to ",
    "'ll ",
    "to sign",
    "to visit",
    "to meet",
    "to hold",
    "to finali",
    "to conclude",
    "would sign",
)
_PAST_WORDS = frozenset(
    _words(
        """was were had did held met said became took came went made gave began spoke told
        saw won sought"""
    )
)
_FUTURE_WINDOW = 120

# Helpers that read values out of a matched expression.
_YEAR_VALUE_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_MONTH_VALUE_RE = re.compile(rf"\b({_MONTH})")
_DAY_VALUE_RE = re.compile(r"(?<![\d,])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?![,.]?\d{3})")
_WEEKDAY_VALUE_RE = re.compile(rf"({_WEEKDAY})")
_REL_WORD_RE = re.compile(r"\b(last|next|this|coming|current|earlier|later)\b", re.IGNORECASE)
_HALF_RE = re.compile(r"\b(first|second)\s+half\b", re.IGNORECASE)
_QUARTER_RE = re.compile(r"\b(first|second|third|fourth|last)\s+quarter\b", re.IGNORECASE)
_SEASON_VALUE_RE = re.compile(rf"\b({_SEASON})\b", re.IGNORECASE)
_DECADE_VALUE_RE = re.compile(r"(1[89]\d|20\d)0s")
_UNIT_VALUE_RE = re.compile(
    r"\b(hour|day|week|month|year|decade|centur)(?:s|y|ies)?\b", re.IGNORECASE
)
_NUM_VALUE_RE = re.compile(
    rf"(?<![\d,.])(\d+(?:\.\d+)?)(?![\d,])|\b({_NUMW_ALT})(?=[\s-])", re.IGNORECASE
)
_DX_UNIT_RE = re.compile(r"\b(week|month|year|quarter|decade)\b", re.IGNORECASE)
_TODAY_RE = re.compile(r"\b(today|yesterday|tomorrow)\b", re.IGNORECASE)
_PART_OF_DAY_RE = re.compile(r"\b(this|last)\s+(?:morning|afternoon|night)\b", re.IGNORECASE)
_ISO_RE = re.compile(r"(\d{4})-(\d\d)(?:-(\d\d))?")

_ONE_RE = re.compile(r"\b(?:an?|the\s+(?:next|past|last|coming|following))\s", re.IGNORECASE)
_ORDINAL_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
_DURATION_CODES = {
    "hour": ("PT", "H", 1),
    "day": ("P", "D", 1),
    "week": ("P", "W", 1),
    "month": ("P", "M", 1),
    "year": ("P", "Y", 1),
    "decade": ("P", "Y", 10),
    "centur": ("P", "Y", 100),
}


# --------------------------------------------------------------------------- values


def _number(text: str) -> Decimal | None:
    """The first number in ``text`` (digits or an English number word), else None."""
    m = _NUM_VALUE_RE.search(text)
    if m is None:
        if _ONE_RE.search(text):
            return Decimal(1)
        return None
    if m.group(1) is not None:
        try:
            return Decimal(m.group(1))
        except InvalidOperation:  # pragma: no cover - the regex only admits decimals
            return None
    total = number_word_value(m.group(2))
    return Decimal(total) if total else None


def _fmt_number(n: Decimal) -> str:
    return format(n.normalize(), "f") if n == n.to_integral_value() else format(n, "f")


def _duration_value(text: str) -> str | None:
    unit_m = _UNIT_VALUE_RE.search(text)
    if unit_m is None:
        return None
    prefix, code, factor = _DURATION_CODES[unit_m.group(1).lower()]
    if re.search(r"\b(?:a\s+few|several|a\s+couple\s+of|many)\b", text, re.IGNORECASE):
        return None
    n = _number(text[: unit_m.start()])
    if n is None:
        return None
    return f"{prefix}{_fmt_number(n * factor)}{code}"


def _month_num(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _rel_word(text: str) -> str | None:
    m = _REL_WORD_RE.search(text)
    return m.group(1).lower() if m else None


def _year_for(month: int, day: int | None, ref: dt.date, rel: str | None, future: bool) -> int:
    """The year of a month (and day) given without one, relative to ``ref``."""
    here = (ref.month, ref.day if day is not None else 0)
    there = (month, day if day is not None else 0)
    if rel == "last":
        return ref.year if there < here else ref.year - 1
    if rel == "next":
        return ref.year if there > here else ref.year + 1
    if rel in ("this", "coming") or future:
        return ref.year if there >= here else ref.year + 1
    return ref.year if there <= here else ref.year - 1


def _period_suffix(text: str) -> str:
    half = _HALF_RE.search(text)
    if half:
        return "-H1" if half.group(1).lower() == "first" else "-H2"
    quarter = _QUARTER_RE.search(text)
    if quarter:
        return f"-Q{_ORDINAL_QUARTER[quarter.group(1).lower()]}"
    return ""


def _value_full(text: str, ref: dt.date | None, future: bool) -> str | None:
    """``YYYY-MM-DD`` (``XXXX-MM-DD`` without a year); a day range "July 11-12, 2023"
    is the interval ``2023-07-11/2023-07-12``."""
    month_m = _MONTH_VALUE_RE.search(text)
    if month_m is None:
        return None
    month = _month_num(month_m.group(1))
    year_m = _YEAR_VALUE_RE.search(text)
    rest = text[: month_m.start()] + " " + text[month_m.end() : year_m.start() if year_m else None]
    days = [int(d) for d in _DAY_VALUE_RE.findall(rest)[:2]]
    if not days:
        return None
    if year_m is not None:
        year: int | None = int(year_m.group(1))
    elif ref is not None:
        year = _year_for(month, days[0], ref, _rel_word(text), future)
    else:
        year = None
    values: list[str] = []
    for day in days:
        try:
            dt.date(year if year is not None else 2000, month, day)  # 2000: a leap year
        except ValueError:
            return None
        values.append(
            f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
        )
    return "/".join(values)


def _value_weekday(text: str, ref: dt.date | None, future: bool) -> str | None:
    if ref is None:
        return None
    wd_m = _WEEKDAY_VALUE_RE.search(text)
    if wd_m is None:
        return None
    target = WEEKDAYS[wd_m.group(1).lower()]
    rel = _rel_word(text)
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if rel == "last":
        day = ref - dt.timedelta(days=back or 7)
    elif rel == "next":
        day = ref + dt.timedelta(days=ahead or 7)
    elif rel in ("this", "coming") or future:
        day = ref + dt.timedelta(days=ahead)
    else:
        day = ref - dt.timedelta(days=back)
    return day.isoformat()


def _value_deictic(text: str, ref: dt.date | None) -> str | None:
    if ref is None:
        return None
    part_of_day = _PART_OF_DAY_RE.search(text)
    if part_of_day:  # "this morning" (the reference day), "last night" (the day before)
        days_back = 1 if part_of_day.group(1).lower() == "last" else 0
        return (ref - dt.timedelta(days=days_back)).isoformat()
    today = _TODAY_RE.search(text)
    if today:
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[today.group(1).lower()]
        return (ref + dt.timedelta(days=offset)).isoformat()
    unit_m = _DX_UNIT_RE.search(text)
    if unit_m is None:
        return None
    unit = unit_m.group(1).lower()
    rel = _rel_word(text[: unit_m.start()])
    delta = {"last": -1, "next": 1}.get(rel or "", 0)
    if unit == "week":
        return _iso_week(ref + dt.timedelta(weeks=delta))
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, delta)
        return f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, month = _shift_month(ref.year, ref.month, 3 * delta)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        return str(ref.year // 10 + delta)
    return f"{ref.year + delta:04d}{_period_suffix(text)}"


def _value_ago(text: str, ref: dt.date | None) -> str | None:
    if ref is None:
        return None
    unit_m = _UNIT_VALUE_RE.search(text)
    if unit_m is None or re.search(r"\b(?:a\s+few|several|many)\b", text, re.IGNORECASE):
        return None
    n_dec = _number(text[: unit_m.start()])
    if n_dec is None or n_dec != n_dec.to_integral_value():
        return None
    n = int(n_dec)
    unit = unit_m.group(1).lower()
    if unit == "year":
        return f"{ref.year - n:04d}"
    if unit == "decade":
        return f"{ref.year - 10 * n:04d}"
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, -n)
        return f"{year:04d}-{month:02d}"
    if unit == "week":
        return _iso_week(ref - dt.timedelta(weeks=n))
    if unit == "day":
        return (ref - dt.timedelta(days=n)).isoformat()
    return None


def _classify(
    kind: str, text: str, ref: dt.date | None, future: bool
) -> tuple[DateType, str | None]:
    """Type and value of ``text``, an expression of grammar branch ``kind``."""
    return _BRANCH_OF[kind].read(text, ref, future)


# --------------------------------------------------------------------------- public API


def _lower(text: str) -> str:
    """``text.lower()`` with the same length, so offsets carry over."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def normalize_date_hint(
    text: str, reference_date: dt.date | None = None, *, future: bool = False
) -> tuple[DateType, str | None]:
    """Classify one temporal expression and compute its TIMEX3-style value.

    ``reference_date`` is the document date, needed for weekdays, deictic expressions
    ("last month") and to give a year to a month named without one. ``future`` picks
    the next matching weekday/month on or after the reference date instead of the
    most recent one on or before it. Text that holds no recognisable expression is
    ``relative`` with value ``None``. See the module docstring for the rules.

    The case checks of the scanner (a capitalised month or weekday) are relaxed when
    nothing else matches, so "on thursday" as a model may write it is still a weekday.
    """
    low = _lower(text)
    first: re.Match[str] | None = None
    pos = 0
    while (m := _HINT_RE.search(low, pos)) is not None:
        branch = _branch_of(m)
        if branch.check(text, m.start(), m.end()):
            return branch.read(m.group(), reference_date, future)
        if first is None and branch.capital:
            first = m
        pos = m.start() + 1
    if first is not None and first.lastgroup is not None:
        return _classify(first.lastgroup, first.group(), reference_date, future)
    return _bare_value(low, reference_date, future)


_BARE_MONTH_RE = re.compile(rf"{_MONTH}\Z")
_BARE_YEAR_RE = re.compile(r"(1[89]\d\d|20\d\d)\Z")
_BARE_PART_RE = re.compile(
    r"(?:(?P<p1>[qh][1-4])(?:\s+(?P<y1>(?:1[89]|20)\d\d))?"
    r"|(?P<y2>(?:1[89]|20)\d\d)[\s-]+(?P<p2>[qh][1-4]))\Z"
)


def _bare_value(low: str, ref: dt.date | None, future: bool) -> tuple[DateType, str | None]:
    """A value as models write it without a preposition: a bare month ("February",
    "Feb."), a bare year ("2014"), a quarter or half ("Q3 2024", "2024 Q3", "H2",
    "Q1"); anything else is ``relative`` with value ``None``.

    A month or a quarter without a year takes its year from the reference date and the
    tense, as "in February" does; without a reference date the year is ``XXXX``.
    """
    bare = low.strip(" \t\n.,;:")
    if _BARE_MONTH_RE.match(bare):
        return _classify("month", bare, ref, future)
    if _BARE_YEAR_RE.match(bare):
        return DateType.DATE, bare
    part = _BARE_PART_RE.match(bare)
    if part is None:
        return DateType.RELATIVE, None
    code = (part.group("p1") or part.group("p2")).upper()
    year = part.group("y1") or part.group("y2")
    if code[0] == "H" and code[1] not in "12":
        return DateType.RELATIVE, None
    if year is None:
        if ref is None:
            return DateType.DATE, f"XXXX-{code}"
        # as for a month named alone: the latest such period begun by the reference
        # date, or (future) the next one not yet over
        months = 3 if code[0] == "Q" else 6
        month = int(code[1]) * months if future else (int(code[1]) - 1) * months + 1
        year = f"{_year_for(month, None, ref, None, future):04d}"
    return DateType.DATE, f"{year}-{code}"


#: The last text :func:`_spaced_lower` was given, and its answer: the scanner and then
#: verification (once per date hint) read the same summary.
_LAST_LOWERED: tuple[str, str] = ("", "")


def _spaced_lower(text: str) -> str:
    """:func:`_lower`, every whitespace character a space (offsets unchanged)."""
    global _LAST_LOWERED
    last = _LAST_LOWERED
    if last[0] == text:
        return last[1]
    low = _lower(text)
    if any(space in low for space in _OTHER_SPACES):
        low = _OTHER_SPACE_RE.sub(" ", low)
    _LAST_LOWERED = (text, low)
    return low


def date_is_future(text: str, start: int) -> bool:
    """Whether the expression at ``text[start:]`` is read in the future tense: the rule
    :func:`find_date_hints` applies (a future cue in its clause, else a past cue there
    means past, else a future cue earlier in the sentence)."""
    return _is_future(_spaced_lower(text), start)


def normalize_in_context(
    hint: str, text: str, start: int | None, reference_date: dt.date | None
) -> tuple[DateType, str | None]:
    """Type and value of ``hint`` standing at ``start`` in ``text``, in the tense of its
    clause there (as :func:`find_date_hints` reads it). ``start`` None (the hint is not
    in the text) reads it in the past, the news convention."""
    future = reference_date is not None and start is not None and date_is_future(text, start)
    return normalize_date_hint(hint, reference_date, future=future)


def _anchor_end(text: str, pos: int) -> int:
    """End of the anchor phrase that starts at ``pos`` (see the module docstring)."""
    limit = min(len(text), pos + _ANCHOR_MAX_CHARS)
    stop = _ANCHOR_STOP_RE.search(text, pos, limit)
    end = stop.start() if stop else limit
    words = list(_WORD_RE.finditer(text, pos, end))
    if not words:
        return pos
    if len(words) > _ANCHOR_MAX_WORDS:
        return words[_ANCHOR_MAX_WORDS - 1].end()
    if stop is None and limit < len(text) and words[-1].end() == limit:
        # cut mid-word by the character cap: drop the partial word
        return words[-2].end() if len(words) > 1 else pos
    return words[-1].end()


def _has_future_cue(words: list[str], window: str) -> bool:
    return not _FUTURE_WORDS.isdisjoint(words) or any(p in window for p in _FUTURE_PHRASES)


def _is_future(low: str, start: int) -> bool:
    """Whether the expression at ``start`` is in a future context (see the docstring).

    A future cue ("will", "set to", "plans", …) in its clause (since the last comma)
    means future; else a past cue ("was", "met", a word in -ed) there means past; else
    a future cue earlier in the sentence means future.
    """
    lo = max(0, start - _FUTURE_WINDOW)
    sentence = low.rfind(". ", lo, start)
    window = low[sentence + 2 if sentence != -1 else lo : start]
    comma = window.rfind(", ")
    clause = window[comma + 2 :] if comma != -1 else window
    words = clause.split()
    if _has_future_cue(words, clause):
        return True
    if not _PAST_WORDS.isdisjoint(words) or any(w.endswith("ed") for w in words):
        return False
    return comma != -1 and _has_future_cue(window[:comma].replace(",", " ").split(), window)


def _candidate_starts(low: str, trigger: int, floor: int) -> list[int]:
    """Where a hint holding the trigger at ``trigger`` may begin, farthest first.

    ``low`` is the lower-cased text with every whitespace character a space. Walks back
    from the trigger's chunk over chunks that can be part of a hint ("as early as the
    second half of next year"), never past ``floor`` (the end of the previous hint)
    nor over a chunk ending in punctuation.
    """
    starts: list[int] = []
    chunk = low.rfind(" ", 0, trigger) + 1
    for _ in range(_CHAIN_MAX_WORDS):
        if chunk < floor:
            break
        lead = _LEAD_WORD_RE.match(low, chunk)
        if lead is None:
            break
        word = lead.group(1)
        if word in _STARTERS or word[0].isdigit():
            starts.append(lead.start(1))
        elif word not in _CHAIN:
            break
        j = chunk - 2  # the last character of the previous chunk
        while j >= 0 and low[j] == " ":
            j -= 1
        if j < 0 or low[j] in _CHUNK_END_PUNCT:
            break
        chunk = low.rfind(" ", 0, j) + 1
    starts.reverse()
    return starts


def _triggers(text: str, low: str) -> list[int]:
    """Sorted positions of the triggers; ``low`` is the lower-cased ``text``."""
    # " " + low: a trigger at the very start also follows a space; the offset of the
    # space in the padded text is the offset of the word in ``low``.
    found = [m.start() for m in _TRIGGER_RE.finditer(" " + low)]
    found.extend(m.start() + 1 for m in _HYPHEN_TRIGGER_RE.finditer(low))
    found.extend(m.start() for m in _CAPITAL_TRIGGER_RE.finditer(text))
    found.sort()
    return found


def find_date_hints(text: str, reference_date: dt.date | None = None) -> list[DateMatch]:
    """All plausible temporal expressions in ``text``, left to right, non-overlapping.

    Spans include a leading preposition ("on Thursday", "in over 60 years", "by 2027")
    and, for event-anchored relatives, the anchor phrase ("a week after Israel's strike
    on Hamas leaders in Qatar"). The grammar and the classifier are those of
    :func:`normalize_date_hint`: ``normalize_date_hint(m.text, reference_date,
    future=...)`` gives the same type and value, ``future`` being read from the
    sentence (see the module docstring).
    """
    low = _spaced_lower(text)
    found: list[DateMatch] = []
    pos = 0
    failed: set[int] = set()
    match = _HINT_RE.match
    for t in _triggers(text, low):
        if t < pos:
            continue
        for start in _candidate_starts(low, t, pos):
            if start in failed:
                continue
            m = match(low, start)
            branch = None if m is None or m.end() <= t else _branch_of(m)
            if m is None or branch is None or not branch.check(text, start, m.end()):
                failed.add(start)
                continue
            end = m.end()
            if branch.anchored:
                anchor_end = _anchor_end(text, end)
                if anchor_end == end:  # "ahead of" with nothing after it
                    failed.add(start)
                    continue
                end = anchor_end
            else:
                end = start + len(low[start:end].rstrip())
            future = reference_date is not None and branch.tense and _is_future(low, start)
            kind_type, value = branch.read(low[start:end], reference_date, future)
            found.append(DateMatch(start, end, text[start:end], kind_type, value))
            pos = end
            break
    return found
