"""People a text introduces with a state's title, found again by their name.

A leader the actor table does not know is often introduced once ("Salih Jabr, Prime
Minister of Iraq", "Iraq's prime minister, Salih Jabr", "the Iraqi prime minister Salih
Jabr") and named bare afterwards ("Jabr and Bevin signed…"). Each later use of the full
name or of its last word is then a mention of that state, as a known leader's would be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..schema import ActorKind
from .actors import ActorMention, person_title_pattern

__all__ = ["introduced_leaders"]

# A person's name: one to four capitalised words on one line, the last of three letters
# or more ("Salih Jabr", "Ri Yong Ho", "Antony Head").
_NAME = r"(?:[A-Z][\w'’.-]*[ ]+){0,3}[A-Z][\w'’-]{2,}"
_WINDOW = 120


class _Patterns:
    def __init__(self, titles: Iterable[str]) -> None:
        title = person_title_pattern(titles)
        # before the state's name: "Salih Jabr, Prime Minister of " (Iraq)
        self.name_title_of = re.compile(
            rf"(?<![\w'’.-])(?P<name>{_NAME}),\s+(?:the\s+)?(?:(?i:then|former|new)\s+)?"
            rf"{title}\s+of\s+(?:the\s+)?$"
        )
        # before the state's demonym or possessive: "Salih Jabr, the " (Iraqi prime minister)
        self.name_comma = re.compile(rf"(?<![\w'’.-])(?P<name>{_NAME}),\s+(?:the\s+|an?\s+)?$")
        self.then_title = re.compile(rf"(?:['’]s?)?\s+{title}\b")
        # after it: "'s prime minister, Salih Jabr" / " Prime Minister Salih Jabr"
        self.title_name = re.compile(rf"(?:['’]s?)?\s+{title},?\s+(?P<name>{_NAME})\b")
        # after a mention that holds its title ("the Chadian foreign minister"): ", Moussa Faki"
        self.name_after = re.compile(rf",?\s+(?P<name>{_NAME})\b")
        self.title_words = frozenset(w.lower() for t in titles for w in t.split())
        # what may open a name and is no part of it ("Prime Minister Jabr", "Mr Head")
        self.openers = self.title_words | {"mr", "mrs", "ms", "dr"}


_CACHE: dict[tuple[str, ...], _Patterns] = {}


def _patterns(titles: Sequence[str]) -> _Patterns:
    key = tuple(titles)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = _Patterns(titles)
    return found


def _clean_name(name: str, patterns: _Patterns) -> str | None:
    """The name without the titles it opens with ("Prime Minister Jabr" -> "Jabr"), without
    a possessive; None when nothing of a name is left."""
    words = name.split()
    while words and words[0].lower().rstrip(".") in patterns.openers:
        words = words[1:]
    if words:
        words[-1] = re.sub(r"['’]s$", "", words[-1])
    if not words or len(words[-1]) < 3 or words[-1].lower() in patterns.title_words:
        return None
    return " ".join(words)


def _definitions(
    text: str, mentions: Sequence[ActorMention], patterns: _Patterns
) -> list[tuple[str, int, ActorMention]]:
    """(name, where its definition ends, the state's mention) for each person the text
    introduces with a state's title."""
    found: list[tuple[str, int, ActorMention]] = []
    for m in mentions:
        if m.actor.kind is not ActorKind.STATE:
            continue
        before = text[max(0, m.start - _WINDOW) : m.start]
        after = text[m.end : m.end + _WINDOW]
        names: list[tuple[str, int]] = []
        of = patterns.name_title_of.search(before) if m.form != "demonym" else None
        if of is not None:
            names.append((of.group("name"), m.end))
        # a mention that holds a title ("Chadian foreign minister") needs no other
        titled = m.form == "title"
        comma = patterns.name_comma.search(before)
        then_title = patterns.then_title.match(after) if comma is not None and not titled else None
        if comma is not None and (titled or then_title is not None):
            names.append((comma.group("name"), m.end + (then_title.end() if then_title else 0)))
        title_name = (patterns.name_after if titled else patterns.title_name).match(after)
        if title_name is not None:
            names.append((title_name.group("name"), m.end + title_name.end()))
        for name, end in names:
            clean = _clean_name(name, patterns)
            if clean is not None:
                found.append((clean, end, m))
    return found


def introduced_leaders(
    text: str, mentions: Sequence[ActorMention], titles: Sequence[str]
) -> list[ActorMention]:
    """``mentions`` with each later use of a person the text introduces with a state's
    title ("Salih Jabr, Prime Minister of Iraq … Jabr signed") added as a mention of that
    state, left to right. Words already part of a mention stay as they are; a name
    introduced for two states is left out."""
    if "," not in text and not any(m.form == "demonym" for m in mentions):
        return list(mentions)
    patterns = _patterns(titles)
    definitions = _definitions(text, mentions, patterns)
    if not definitions:
        return list(mentions)
    owner: dict[str, ActorMention | None] = {}
    start_of: dict[str, int] = {}
    for name, end, state in definitions:
        for alias in dict.fromkeys((name, name.split()[-1])):
            if alias not in owner:
                owner[alias] = state
            elif (known := owner[alias]) is not None and known.actor != state.actor:
                owner[alias] = None
            start_of[alias] = min(start_of.get(alias, end), end)
    taken = [(m.start, m.end) for m in mentions]
    added: list[ActorMention] = []
    for alias, who in owner.items():
        if who is None:
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
            if hit.start() < start_of[alias]:
                continue
            if any(s < hit.end() and hit.start() < e for s, e in taken):
                continue
            taken.append(hit.span())
            added.append(ActorMention(hit.start(), hit.end(), hit.group(0), who.actor, "leader"))
    return sorted([*mentions, *added], key=lambda m: m.start)
