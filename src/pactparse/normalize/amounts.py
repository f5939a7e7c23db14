"""Amounts of money and counted quantities: find them in a summary, normalise them.

:func:`find_amounts` returns every amount in a text, left to right and non-overlapping,
with exact character spans; :func:`parse_amount` returns the first amount of a phrase
(e.g. a provision's text) as a :class:`pactparse.schema.Amount`.

Money
-----
* Symbols: ``€`` EUR, ``$`` USD, ``US$`` USD, ``£`` GBP, ``¥`` JPY (the yen; "yuan" or
  ``CNY`` for the renminbi), ``A$``/``AU$`` AUD, ``C$``/``CA$`` CAD, ``NZ$`` NZD,
  ``HK$`` HKD, ``S$`` SGD, ``₹`` INR; ISO 4217 codes before or after the number
  ("EUR 3 billion", "3 billion EUR"); currency words after it ("3 billion euros",
  "500 million Australian dollars", "pounds", "yen", "yuan"). A bare "dollars" is USD.
* Scales: thousand, million, billion, trillion and the abbreviations k, m, mn, bn, b, tn
  ("€3bn"); thousand separators ("4,800"). Values are exact decimals converted to
  ``float`` ("€1.1 billion" → ``1100000000.0``).
* The unit is the ISO 4217 code. Money per period gets the period as a suffix:
  "£3 billion a year" → ``{3e9, "GBP/year"}`` ("per year", "a year", "each year",
  "annually" → ``/year``; likewise ``/month``, ``/week``, ``/day``). The rate words
  are part of the span.
* Approximators and bounds ("up to €3 billion", "more than C$3 billion", "about") are
  not part of the value or the span: the amount is the number stated.

Quantities
----------
* A number and a noun with a rate: "280 people per year" → ``{280, "people/year"}``,
  "1,000 visas a year" → ``{1000, "visas/year"}``. Up to two words may stand between
  the number and the noun (the longest reading wins: "two aircraft carriers" →
  ``carriers``) ("1,000 new work visas a year" → ``visas/year``). A number after a hyphen is
  part of a designation, not a count ("F-16 fighter jets", "S-400 systems").
* Counted military quantities without a rate: a number, up to two modifiers and a
  military noun ("about 4,800 troops" → ``{4800, "troops"}``, "three French-built
  frigates" → ``{3, "frigates"}``, "four additional military sites" → ``{4, "sites"}``).
  The unit is the noun as written, lower-cased. Number words one to twenty and the
  tens up to ninety are read.
* Not amounts: years ("in 2016"), dates, percentages ("30%", "30 percent"), ordinals
  ("31st member"), time spans ("over five years" is a date hint, not an amount), and
  counts of non-military things without a rate ("three landlocked countries").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pactparse.normalize.words import (
    NUMBER_WORD_PATTERN,
    NUMBER_WORDS,
    number_word_value,
    trie_pattern,
)
from pactparse.schema import Amount

__all__ = ["AmountMatch", "find_amounts", "parse_amount"]


@dataclass(frozen=True, slots=True)
class AmountMatch:
    """One amount found in a text; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    amount: Amount


_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "u.s.$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "a$": "AUD",
    "au$": "AUD",
    "aud$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "can$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
}
_CODE_ALIASES: dict[str, str] = {"RMB": "CNY"}
_WORDS: dict[str, str] = {
    "euro": "EUR",
    "dollar": "USD",
    "us dollar": "USD",
    "u.s. dollar": "USD",
    "american dollar": "USD",
    "australian dollar": "AUD",
    "canadian dollar": "CAD",
    "new zealand dollar": "NZD",
    "hong kong dollar": "HKD",
    "singapore dollar": "SGD",
    "pound": "GBP",
    "pound sterling": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rouble": "RUB",
    "ruble": "RUB",
    "swiss franc": "CHF",
}
_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
_PERIODS: dict[str, str] = {
    "year": "year",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "month": "month",
    "monthly": "month",
    "week": "week",
    "weekly": "week",
    "day": "day",
    "daily": "day",
}

_NUMBER = r"(?<![\w.,-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_SCALE = r"(?:\s*(?i:trillion|billion|million|thousand)\b|\s?(?:bn|tn|mn|mln)\b|(?:m|b|k)\b)"
_RATE = (
    r"(?:\s+(?i:a|an|per|each|every)\s+(?i:year|annum|month|week|day)\b"
    r"|\s+(?i:annually|yearly|monthly|weekly|daily)\b)"
)
_SYMBOL = r"(?:(?<![A-Za-z])(?:US|U\.S\.|AUD?|CA|CAN|NZ|HK|[ACS])?\$|€|£|¥|₹)"
_CODE = (
    r"(?:EUR|USD|GBP|JPY|AUD|CAD|NZD|CHF|CNY|INR|KRW|HKD|SGD|RUB|TRY|SAR|AED|PLN|SEK|NOK"
    r"|DKK|RMB)"
)
_WORD = (
    r"(?i:(?:(?:US|U\.S\.|American|Australian|Canadian|New\s+Zealand|Hong\s+Kong"
    r"|Singapore)\s+)?dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yen|yuan|renminbi"
    r"|rupees?|roubles?|rubles?|Swiss\s+francs?)"
)
_MONEY_RE = re.compile(
    rf"(?P<sym>{_SYMBOL})\s?(?P<n1>{_NUMBER})(?P<s1>{_SCALE})?(?P<r1>{_RATE})?"
    rf"|\b(?P<code>{_CODE})\s?(?P<n2>{_NUMBER})(?P<s2>{_SCALE})?(?P<r2>{_RATE})?"
    rf"|(?P<n3>{_NUMBER})(?P<s3>{_SCALE})?\s*(?:(?P<code3>{_CODE})\b|(?P<word>{_WORD})\b)"
    rf"(?P<r3>{_RATE})?"
)

_NUMBER_WORD = rf"(?i:{NUMBER_WORD_PATTERN})\b"
_COUNT = rf"(?:{_NUMBER}|(?<![\w-]){_NUMBER_WORD})"
_COUNT_SCALE = r"(?:\s+(?i:thousand|million|billion)\b)"
# A word between the number and the noun: not a function word, not a number or scale.
_MODIFIER = (
    r"(?:(?!(?i:of|the|and|or|in|to|for|with|from|on|at|by|a|an|its|their|his|her|our"
    r"|this|that|these|those|per|each|every|percent|times|years?|months?|weeks?|days?"
    r"|hours?|decades?)\b)[A-Za-z][\w'-]*\s+)"
)
_MILITARY_NOUN = (
    r"(?:troops?|soldiers?|personnel|servicemen|service\s+members|marines|sailors|airmen"
    r"|officers|police|advisers|advisors|instructors|frigates?|submarines?|warships?"
    r"|ships?|vessels?|destroyers?|corvettes?|carriers?|aircraft|jets?|fighters?|planes?"
    r"|helicopters?|drones?|tanks?|missiles?|rockets?|launchers?|shells?|rounds"
    r"|howitzers?|brigades?|battalions?|divisions?|bases|sites|radars?|systems|boats"
    r"|warheads?|weapons|rifles|vehicles|guns|interceptors?|batteries)"
)
_RATE_NOUN = (
    r"(?!(?i:percent|per|a|an|each|every|times|years?|months?|weeks?|days?|hours?"
    r"|decades?)\b)(?P<rnoun>[A-Za-z][\w-]*)"
)
_QUANTITY_RE = re.compile(
    rf"(?P<rn>{_COUNT})(?P<rs>{_COUNT_SCALE})?\s+{_MODIFIER}{{0,2}}{_RATE_NOUN}"
    rf"(?P<rate>{_RATE})"
    rf"|(?P<mn>{_COUNT})(?P<ms>{_COUNT_SCALE})?\s+{_MODIFIER}{{0,2}}"
    rf"(?P<mnoun>{_MILITARY_NOUN})(?![\w-])"
)
_DIGITS_RE = re.compile(r"[0-9]+")
# Number words after a space, matched on the lower-cased text (trie-shaped: fast in ``re``).
_NUMBER_WORD_TRIGGER_RE = re.compile(rf" {trie_pattern(NUMBER_WORDS)}\b")
_YEAR_LIKE_RE = re.compile(r"(?:1[89]|20)\d\d")
_YEAR_PREPOSITION_RE = re.compile(
    r"(?i:\b(?:in|by|since|until|till|through|from|of|before|after|during|to)\s+)$"
)
_SCALE_WORD_RE = re.compile(r"[a-z]+")
_SPACE_RE = re.compile(r"\s+")


def _decimal(number: str) -> Decimal | None:
    word = number.lower()
    if word[0].isalpha():
        total = number_word_value(word)
        return Decimal(total) if total else None
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only admits decimals
        return None


def _scale(scale: str | None) -> int:
    if not scale:
        return 1
    m = _SCALE_WORD_RE.search(scale.lower())
    return _SCALES[m.group()] if m else 1


def _rate(rate: str | None) -> str:
    if not rate:
        return ""
    return "/" + _PERIODS[rate.split()[-1].lower()]


def _money(m: re.Match[str]) -> Amount | None:
    if m.group("sym") is not None:
        symbol = m.group("sym").lower().replace(" ", "")
        unit, n, s, r = _SYMBOLS[symbol], m.group("n1"), m.group("s1"), m.group("r1")
    elif m.group("code") is not None:
        code = m.group("code")
        unit = _CODE_ALIASES.get(code, code)
        n, s, r = m.group("n2"), m.group("s2"), m.group("r2")
    else:
        code = m.group("code3")
        if code is not None:
            unit = _CODE_ALIASES.get(code, code)
        else:
            word = _SPACE_RE.sub(" ", m.group("word").lower())
            unit = _WORDS.get(word) or _WORDS[word[:-1]]  # plural "dollars" → "dollar"
        n, s, r = m.group("n3"), m.group("s3"), m.group("r3")
    value = _decimal(n)
    if value is None:
        return None
    return Amount(value=float(value * _scale(s)), unit=unit + _rate(r))


def _is_year(text: str, m: re.Match[str], group: str) -> bool:
    """A bare year after a preposition ("in 2016 troops …") is not a count."""
    number = m.group(group)
    if _YEAR_LIKE_RE.fullmatch(number) is None:
        return False
    return _YEAR_PREPOSITION_RE.search(text, max(0, m.start() - 12), m.start()) is not None


def _quantity(text: str, m: re.Match[str]) -> Amount | None:
    if m.group("rn") is not None:
        number, scale, unit = m.group("rn"), m.group("rs"), m.group("rnoun").lower()
        unit += _rate(m.group("rate"))
        group = "rn"
    else:
        number, scale = m.group("mn"), m.group("ms")
        unit = _SPACE_RE.sub(" ", m.group("mnoun").lower())
        group = "mn"
    if _is_year(text, m, group):
        return None
    value = _decimal(number)
    if value is None:
        return None
    return Amount(value=float(value * _scale(scale)), unit=unit)


def _money_at(text: str, digit: int) -> re.Match[str] | None:
    """A money match holding the number that starts at ``digit``, if any.

    The currency stands at most a few characters before the number ("A$500",
    "€ 3", "US$2.5bn", "EUR 3 billion") or after it ("3 billion euros").
    """
    chunk = text.rfind(" ", 0, digit) + 1
    starts = list(range(chunk, digit + 1))
    if chunk >= 2 and digit - chunk <= 1:
        previous = text.rfind(" ", 0, chunk - 1) + 1
        if chunk - previous <= 6:
            starts.insert(0, previous)
    for start in starts:
        m = _MONEY_RE.match(text, start)
        if m is not None and m.end() > digit:
            return m
    return None


def find_amounts(text: str) -> list[AmountMatch]:
    """All amounts of money and counted quantities in ``text``, left to right."""
    numbers = [(m.start(), True) for m in _DIGITS_RE.finditer(text)]
    # number words ("three French-built frigates"); " " + text: a word at the very
    # start also follows a space, and the padded offset of the space is the word's.
    numbers.extend((m.start(), False) for m in _NUMBER_WORD_TRIGGER_RE.finditer(" " + text.lower()))
    if not numbers:
        return []
    numbers.sort()
    found: list[AmountMatch] = []
    pos = 0
    for number, is_digit in numbers:
        if number < pos:
            continue
        if is_digit and (money := _money_at(text, number)) is not None:
            if money.start() >= pos and (amount := _money(money)) is not None:
                found.append(AmountMatch(money.start(), money.end(), money.group(), amount))
                pos = money.end()
            continue
        m = _QUANTITY_RE.match(text, number)
        if m is not None and (amount := _quantity(text, m)) is not None:
            found.append(AmountMatch(m.start(), m.end(), m.group(), amount))
            pos = m.end()
    return found


def parse_amount(text: str) -> Amount | None:
    """The first amount in ``text`` (a phrase such as a provision's words), else None."""
    found = find_amounts(text)
    return found[0].amount if found else None
