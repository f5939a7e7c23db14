"""Actor normalisation: mentions of states, organisations and armed groups to codes.

Two entry points on :class:`ActorTable` (load the packaged table once with
:meth:`ActorTable.default`):

* :meth:`ActorTable.resolve` maps one mention as a model would write it ("the US",
  "U.K.", "Papua New Guineans", "the Kremlin", "President Zelenskyy",
  "Islamist insurgencies") to a :class:`ResolvedActor`, or ``None`` when the mention
  is unknown or ambiguous.
* :meth:`ActorTable.find_all` scans a summary and returns every actor mention, left to
  right, non-overlapping, longest match first, with exact character spans.

Nothing here guesses: every surface form is listed in the curated data file
``data/actors.json`` (pycountry's fuzzy search is never used at run time, it maps
Niger to Nigeria and "EU" to Réunion). Two more ways in serve models' answers:
:meth:`ActorTable.resolve` takes a code in capitals ("BHR", "BH", "NATO"), and, as a
last resort, a country's name in another language from pycountry's ISO 3166-1
translations ("Allemagne", "l'Allemagne", "Deutschland"; names two countries share
are left out); :meth:`ActorTable.foreign_names` lists them for grounding an actor in a
summary written in another language. They are loaded on first use (about 0.6 s) and
never scanned for in running text.

The data file
-------------
``actors.json`` is one JSON object::

    {"states": [{"code": "USA",                  # ISO 3166-1 alpha-3 (XKX for Kosovo)
                 "name": "United States",        # canonical English name (also matched)
                 "names": ["the United States", "the United States of America"],
                 "short": ["the US", "the U.S.", "America"],
                 "demonyms": ["American", "Americans"],
                 "capitals": ["Washington"],
                 "metonyms": ["the White House", "the Pentagon"],
                 "leaders": ["Joe Biden", "Biden"]}, ...],
     "unrecognized": [{"name": "Somaliland", ...same forms, no code}, ...],
     "organizations": [{"code": "EU" | null, "name": "European Union",
                        "names": [...], "leaders": [...],
                        "context": ["the bloc"]}, ...],
     "titles": ["president", "prime minister", ...],
     "non_state": {"nouns": {"insurgencies": "insurgents", ...},
                   "modifiers": ["islamist", "jihadist", ...],
                   "stop_words": ["the", "with", ...],
                   "groups": [{"name": "houthis", "adjective": "houthi",
                               "names": ["the Houthis", "Houthi"]}, ...],
                   "demonym_groups": {"heads": ["Army", "Forces", ...],
                                      "state_forces": ["Armed Forces", ...]}},
     "exclusions": ["South China Sea", "Latin America", ...],
     "ambiguous": {"names": ["Korea", "Congolese", ...], "leaders": ["Rutte", ...]}}

Every list entry is a surface form. Conventions:

* A leading ``"the "`` marks a form that takes the article: the article is optional
  when matching and, when present in the text, is part of the mention ("the US",
  "the Philippines", "the Kremlin"). For other forms a preceding "the" is left out.
* Case: a form without lower-case letters ("US", "U.S.", "NATO", "DPRK", "M23")
  matches only exactly as written, so "us" or "un" never match. Other forms match when
  every word that is capitalised in the form is capitalised in the text ("Papua New
  Guinea", "PAPUA NEW GUINEA"; not "papua new guinea"); lower-case forms (titles,
  group nouns) match in any case. Mixed spellings ("Aukus", "Nato") are listed.
* Spaces and hyphens are interchangeable ("Guinea-Bissau" = "Guinea Bissau",
  "Kim Jong Un" = "Kim Jong-un"); straight and curly apostrophes are equal. Accented
  forms are listed with their unaccented spelling ("Türkiye", "Turkiye").
* ``exclusions`` are matched in the same scan; an excluded match consumes its text and
  yields nothing (so "South China Sea" never yields China, "Latin America" never the
  United States, "New Guinea" never Guinea). ``ambiguous`` forms do the same and make
  :meth:`ActorTable.resolve` return ``None``; ambiguous ``leaders`` additionally take
  the actor of a title prefix ("NATO Secretary-General Mark Rutte" -> NATO).
* ``context`` forms of an organisation resolve only when the same text (for
  :meth:`ActorTable.resolve`: the ``context`` argument) names that organisation:
  "the bloc" -> EU when "EU"/"European Union" occurs, "the alliance" -> NATO when
  NATO occurs; otherwise they yield nothing.
* The same surface form (after the normalisation above) may belong to one actor only;
  loading a table with an undeclared clash raises ``ValueError``.

Matching
--------
All forms compile into one trie-shaped regular expression, built once per table (about
0.3 s, cached by :meth:`ActorTable.default`), so a scan is a single ``finditer`` pass.
:meth:`ActorTable.find_all` takes about 60-70 µs for a 700-character summary, half of it
in the regex pass. Matches are then composed by named rules (``_RULES``, per kind of match):

* ``[state/org form] title [leader]`` is one mention: "US President" (form ``title``),
  "Ukrainian President Volodymyr Zelenskyy", "EU foreign policy chief Josep Borrell"
  (form ``leader``). ``title leader`` is one mention too ("President Joe Biden"). The
  prefix decides the actor; a bare title yields nothing.
* Non-state actors: a group noun (insurgents, insurgency, militants, rebels, jihadists,
  terrorists, militias, separatists, extremists, guerrillas, pirates, bandits, gangs,
  armed groups ...) with up to two preceding modifier words (capitalised words, or
  listed modifiers such as "jihadist", "armed") is one mention, named in lower case
  with the noun's person plural: "Islamist insurgencies" -> "islamist insurgents",
  "al-Shabab militants" -> "al-shabab militants". Abstract nouns ("rebellion",
  "terrorism") are not actors. Named groups (Hamas, al-Shabab, Islamic State, ...)
  resolve to their lower-case canonical name.

Decisions
---------
* Congo: bare "Congo", "Republic of the Congo", "Congo-Brazzaville" and "Brazzaville"
  are COG; "DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa" and
  "Kinshasa" are COD (canonical names "Republic of the Congo" and "DR Congo").
  "Congolese" is ambiguous.
* Turkey: the canonical name is "Türkiye" (the ISO 3166 / UN short name since 2022);
  "Turkey", "Turkish", "Turks" and "Ankara" resolve to TUR.
* Korea: "North Korea"/"DPRK"/"Pyongyang" are PRK, "South Korea"/"ROK"/"Seoul" are
  KOR; bare "Korea", "Korean" and "the Koreas" are ambiguous.
* "Dominican" is the Dominican Republic (DOM); Dominica (DMA) is named only by its name.
* "Georgia" is the country (GEO). "Brussels" is ambiguous (Belgium, the EU, NATO).
* Organisation leaders act for the organisation: Stoltenberg -> NATO, von der Leyen,
  Borrell and Kallas -> EU, Guterres -> UN. Rutte (Dutch prime minister until 2024,
  then NATO Secretary-General) is ambiguous unless a title prefix decides.
* Taiwan (TWN) and Kosovo (XKX) are states with codes; the Holy See (VAT) and
  Palestine (PSE) are included as UN observer states.
* Every ISO 3166-1 entry is a state record, territories included (Cook Islands COK,
  Niue NIU, Puerto Rico PRI, Hong Kong HKG, Western Sahara ESH, with its SADR names);
  ``scripts/update_actor_table.py`` adds what a new pycountry release lists.
* States the news names that have no ISO code and little recognition (Somaliland,
  Transnistria, Abkhazia, South Ossetia, Northern Cyprus) are ``unrecognized``: kind
  ``state``, code null, so their key is the lower-cased name ("somaliland"), as the
  spec codes "an actor with no code". Nagorno-Karabakh (dissolved in 2024), Donetsk
  and Luhansk are left as places.
* A demonym followed by one or two capitalised words and a group head (Army, Forces,
  Front, Movement, Militia, Guard) names an armed group, a non-state actor named by
  those words in lower case: "Khalifa Haftar's Libyan National Army" -> "libyan
  national army", "Syrian Democratic Forces" -> "syrian democratic forces". The
  state's own forces are listed under ``state_forces`` ("Ukrainian Armed Forces",
  "Iranian Revolutionary Guard" stay the state) and a demonym with the head alone
  ("the Syrian Army") is the state. "Afghan National Army" reads as a group too: the
  words cannot tell a state's national army from a rebel one.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any, Final

from pactparse.normalize.words import trie_pattern
from pactparse.schema import ActorKind

__all__ = ["ActorMention", "ActorTable", "ForeignNames", "ResolvedActor", "foreign_names"]


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    """An actor as the contract codes it."""

    code: str | None
    """ISO 3166-1 alpha-3 for a state, the organisation code, or None."""
    name: str
    """Canonical English name; lower-case normalised group name for a non-state actor."""
    kind: ActorKind

    @property
    def key(self) -> str:
        """What tells actors apart, as :attr:`pactparse.schema.Actor.key` does: the code,
        else the lower-cased name."""
        return self.code if self.code is not None else self.name.lower()


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor mention found in a text."""

    start: int
    end: int
    text: str
    """``text[start:end]`` of the scanned text, exactly as written."""
    actor: ResolvedActor
    form: str
    """name | short | demonym | capital | metonym | leader | title | organization | context
    ("the alliance", "the bloc": a word that refers back) | non_state"""


# --------------------------------------------------------------------------- normalisation

_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014"
_SEP_PATTERN: Final = r"[\s\-" + _DASHES + r"]+"
_APOS_PATTERN: Final = "['\u2019\u02bc\u2018`]"
_SEP_RE: Final = re.compile(_SEP_PATTERN)
_APOS_TABLE: Final = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'"})
_HYPHENS: Final = frozenset("-" + _DASHES)
_MEMO_SIZE: Final = 20_000


def _norm(text: str) -> str:
    """Spaces and hyphens to one space, apostrophes to "'"; case kept."""
    return _SEP_RE.sub(" ", text.translate(_APOS_TABLE)).strip()


def _key(text: str) -> str:
    return _norm(text).lower()


@dataclass(frozen=True, slots=True)
class _Surface:
    """A surface form as listed, for the case rule."""

    norm: str
    exact: bool  # no lower-case letter: must match exactly
    caps: tuple[bool, ...]  # per word: capitalised in the form

    @classmethod
    def of(cls, surface: str) -> _Surface:
        norm = _norm(surface)
        exact = not any(c.islower() for c in norm)
        return cls(norm, exact, tuple(w[:1].isupper() for w in norm.split(" ")))

    def accepts(self, text_norm: str) -> bool:
        if self.exact:
            return text_norm == self.norm
        words = text_norm.split(" ")
        if len(words) != len(self.caps):
            return False
        return all(w[:1].isupper() for w, cap in zip(words, self.caps, strict=True) if cap)


# --------------------------------------------------------------------------- atoms

_ACTOR: Final = 0  # a state, organisation or named group
_TITLE: Final = 1  # a title word ("President"): glue for compositions, nothing alone
_NOUN: Final = 2  # a non-state group noun ("insurgents"); value = normalised head
_CONTEXT: Final = 3  # "the bloc": value = the organisation code it may stand for
_SKIP: Final = 4  # exclusion or ambiguous form: consumes its text, yields nothing
_AMBIG_LEADER: Final = 5  # an ambiguous leader: takes the actor of a title prefix


@dataclass(slots=True)
class _Atom:
    role: int
    form: str
    actor: ResolvedActor | None
    value: str = ""
    takes_the: bool = False
    surfaces: list[_Surface] = field(default_factory=list)
    origin: str = ""

    def case_ok(self, text: str) -> bool:
        norm = _norm(text)
        return any(s.accepts(norm) for s in self.surfaces)


@dataclass(slots=True)
class _Hit:
    start: int  # the atom itself
    end: int
    the_start: int  # start of a preceding "the " when present, else == start
    atom: _Atom

    @property
    def mention_start(self) -> int:
        return self.the_start if self.atom.takes_the else self.start


def _trie_pattern(keys: Iterable[str], *, first_literal: bool) -> str:
    """One regular expression for all keys; at each node longer continuations come first.

    Letters match in either case, except the first character of each key when
    ``first_literal``: the caller then lists each key with the first characters it may
    start with. Explicit ``[Xx]`` classes and literal first characters, not
    ``re.IGNORECASE``: the engine rejects an alternative starting with a literal or a
    class in one step, but tries every case-folded literal in full.
    """

    def char(ch: str, depth: int) -> str:
        if ch == " ":
            return _SEP_PATTERN
        if ch == "'":
            return _APOS_PATTERN
        upper = ch.upper()
        if (depth > 0 or not first_literal) and upper != ch and len(upper) == 1:
            return f"[{re.escape(ch)}{re.escape(upper)}]"
        return re.escape(ch)

    return r"(?<!\w)(" + trie_pattern(keys, char) + r")(?!\w)"


# --------------------------------------------------------------------------- data helpers


def _strs(obj: Mapping[str, Any], name: str, where: str) -> list[str]:
    value = obj.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"actor table: {where}.{name} must be a list of non-empty strings")
    return value


def _str(obj: Mapping[str, Any], name: str, where: str) -> str:
    value = obj.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"actor table: {where}.{name} must be a non-empty string")
    return value


def _records(obj: Mapping[str, Any], name: str, where: str) -> list[Mapping[str, Any]]:
    value = obj.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"actor table: {where}.{name} must be a list of objects")
    return value


_POSSESSIVE_RE: Final = re.compile(r"['\u2019]s?\Z")
_ELIDED_RE: Final = re.compile(r"\A(?:l|d)['\u2019]", re.IGNORECASE)  # "l'Allemagne"
# after a demonym: 1-3 capitalised words, the last one a group head
_GROUP_TAIL: Final = (
    r"(?P<words>(?:[ \t]+(?!(?:{heads})\b)[A-Z][\w'\u2019\-]*){{1,2}}[ \t]+(?:{heads}))\b"
)
_LEADING_THE_RE: Final = re.compile(r"the\s+", re.IGNORECASE)
_STRIP: Final = " \t\r\n\"'“”‘’«»()[]{}<>,;:!?*"
_TOKEN_RE: Final = re.compile(r"[^\W\d_][\w'\u2019\-" + _DASHES + r"]*\Z")
_PARTS_RE: Final = re.compile(r"[\-" + _DASHES + r"]+")


class ActorTable:
    """The curated actor table, compiled for resolution and scanning.

    Build it from the parsed JSON document described in the module docstring, or use
    :meth:`default` for the packaged table.
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._atoms: dict[str, _Atom] = {}
        self._by_code: dict[str, ResolvedActor] = {}
        self._group_adjective: dict[str, str] = {}  # group alias key -> adjective
        self._group_names: dict[str, ResolvedActor] = {}  # canonical group name key -> actor
        self._modifiers: frozenset[str] = frozenset()
        self._stop_words: frozenset[str] = frozenset()
        self._state_forces: frozenset[str] = frozenset()
        self._group_tail: re.Pattern[str] | None = None
        self._load(data)
        self._memo: dict[str, _Atom | None] = {}
        #: resolve()'s answers that did not depend on the context, by mention.
        self._resolved: dict[str, ResolvedActor | None] = {}
        self._last_found: tuple[str, tuple[ActorMention, ...]] | None = None
        self._regex = re.compile(_trie_pattern(self._strict_keys(), first_literal=True))

    @classmethod
    def default(cls) -> ActorTable:
        """The packaged table (``data/actors.json``), loaded and compiled once."""
        return _default_table()

    # ------------------------------------------------------------------ public API

    def by_code(self, code: str) -> ResolvedActor | None:
        """The state or coded organisation with this code ("USA", "EU"), if any."""
        return self._by_code.get(code)

    def resolve(self, mention: str, context: str | None = None) -> ResolvedActor | None:
        """One mention as a model wrote it -> its actor, or None if unknown or ambiguous.

        Case-insensitive; tolerant of a leading "the", a trailing possessive and
        surrounding punctuation. Context-dependent forms ("the bloc", "the alliance")
        resolve only when ``context`` (the full summary) names the organisation.
        A longer phrase resolves when it mentions exactly one actor ("Russian
        aggression" -> Russia); two different actors make it ambiguous.

        An answer found without reading the context holds for every context: it is kept
        for the next call with the same mention.
        """
        if isinstance(mention, str) and mention in self._resolved:
            return self._resolved[mention]
        codes = _LazyCodes(self, context)
        actor = self._resolve(mention, codes)
        if codes.unread and isinstance(mention, str):
            if len(self._resolved) >= _MEMO_SIZE:
                self._resolved.clear()
            self._resolved[mention] = actor
        return actor

    def _resolve(self, mention: str, codes: _LazyCodes) -> ResolvedActor | None:
        text = self._clean(mention)
        if not text:
            return None
        coded = self._by_answer_code(text)
        if coded is not None:
            return coded
        for candidate in dict.fromkeys((text, text.rstrip(".").rstrip())):
            key = _key(candidate)
            atom = self._atoms.get(key)
            if atom is not None:
                return self._atom_actor(atom, codes)
            if key in self._group_names:
                return self._group_names[key]
        for strict in (True, False):
            found = self._armed_groups(text, self._scan(text, strict=strict, codes=codes))
            actors = {m.actor for m in found}
            if len(actors) == 1:
                return actors.pop()
            if actors:
                return None
        code = foreign_names().codes.get(_key(_ELIDED_RE.sub("", text)))
        return self._by_code.get(code) if code is not None else None

    def find_all(self, text: str) -> list[ActorMention]:
        """Every actor mention in ``text``, left to right, non-overlapping, longest first.

        The last text's mentions are kept: a backend and verification scan the same
        summary one after the other."""
        last = self._last_found
        if last is not None and last[0] == text:
            return list(last[1])
        found = self._armed_groups(text, self._scan(text, strict=True, codes=None))
        self._last_found = (text, tuple(found))
        return found

    def _by_answer_code(self, text: str) -> ResolvedActor | None:
        """A code as a model may answer it: ISO 3166-1 alpha-3 ("BHR") or alpha-2 ("BH"),
        or an organisation's code ("NATO", "AES"), written in capitals."""
        if not text.isupper() or not text.isalpha():
            return None
        actor = self._by_code.get(text)
        if actor is None and len(text) == 2:
            actor = self._by_code.get(foreign_names().alpha3.get(text, ""))
        return actor

    def _armed_groups(self, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """A state's demonym, capitalised words and a group head ("Libyan National Army",
        "Syrian Democratic Forces") name an armed group, not the state: a non-state
        actor named by those words in lower case. The state's own forces ("Ukrainian
        Armed Forces", listed as ``state_forces``) and a bare "Syrian Army" stay the
        state. A demonym before a named group ("Sudanese Rapid Support Forces") gives
        way to the group."""
        tail = self._group_tail
        if tail is None or not any(m.form == "demonym" for m in mentions):
            return mentions
        out: list[ActorMention] = []
        skip_until = -1
        for i, m in enumerate(mentions):
            if m.start < skip_until:
                continue
            match = tail.match(text, m.end) if m.form == "demonym" else None
            if match is None or _key(match.group("words")) in self._state_forces:
                out.append(m)
                continue
            inside = [n for n in mentions[i + 1 :] if n.start < match.end()]
            if any(n.actor.kind is not ActorKind.NON_STATE for n in inside):
                out.append(m)
            elif not inside:
                name = _key(text[m.start : match.end()])
                actor = ResolvedActor(None, name, ActorKind.NON_STATE)
                out.append(_mention(text, m.start, match.end(), actor, "non_state"))
                skip_until = match.end()
        return out

    def foreign_names(self, actor: ResolvedActor) -> tuple[str, ...]:
        """The state's name in the languages pycountry ships ("Allemagne", "Deutschland"
        for Germany), for grounding an actor in a summary in another language."""
        return foreign_names().names.get(actor.code or "", ())

    # ------------------------------------------------------------------ loading

    def _add(
        self,
        surface: str,
        role: int,
        form: str,
        actor: ResolvedActor | None,
        value: str = "",
        origin: str = "",
    ) -> None:
        text = surface.strip()
        takes_the = False
        if text[:4].lower() == "the " and len(text) > 4:
            text, takes_the = text[4:].strip(), True
        key = _key(text)
        atom = self._atoms.get(key)
        if atom is None:
            atom = _Atom(role, form, actor, value, takes_the, origin=origin)
            self._atoms[key] = atom
        elif (atom.role, atom.actor, atom.value) != (role, actor, value):
            raise ValueError(
                f"actor table: {surface!r} ({origin}) clashes with {atom.origin};"
                " list it under 'ambiguous' if it is ambiguous"
            )
        atom.takes_the = atom.takes_the or takes_the
        atom.surfaces.append(_Surface.of(text))

    def _load(self, data: Mapping[str, Any]) -> None:
        state_forms = (
            ("names", "name"),
            ("short", "short"),
            ("demonyms", "demonym"),
            ("capitals", "capital"),
            ("metonyms", "metonym"),
            ("leaders", "leader"),
        )
        for rec in _records(data, "states", "root"):
            code = _str(rec, "code", "states[]")
            where = f"states[{code}]"
            actor = ResolvedActor(code, _str(rec, "name", where), ActorKind.STATE)
            if code in self._by_code:
                raise ValueError(f"actor table: duplicate code {code}")
            self._by_code[code] = actor
            self._add_forms(rec, actor, state_forms, where)
        for rec in _records(data, "unrecognized", "root"):
            where = f"unrecognized[{_str(rec, 'name', 'unrecognized[]')}]"
            actor = ResolvedActor(None, _str(rec, "name", where), ActorKind.STATE)
            self._add_forms(rec, actor, state_forms, where)

        for rec in _records(data, "organizations", "root"):
            self._load_organization(rec)

        for surface in _strs(data, "titles", "root"):
            self._add(surface, _TITLE, "title", None, origin="titles")

        non_state = data.get("non_state", {})
        if not isinstance(non_state, dict):
            raise ValueError("actor table: non_state must be an object")
        nouns = non_state.get("nouns", {})
        if not isinstance(nouns, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in nouns.items()
        ):
            raise ValueError("actor table: non_state.nouns must map strings to strings")
        for surface, head in nouns.items():
            self._add(surface, _NOUN, "non_state", None, head.lower(), "non_state.nouns")
        self._modifiers = frozenset(m.lower() for m in _strs(non_state, "modifiers", "non_state"))
        self._stop_words = frozenset(w.lower() for w in _strs(non_state, "stop_words", "non_state"))
        groups = non_state.get("demonym_groups", {})
        if not isinstance(groups, dict):
            raise ValueError("actor table: non_state.demonym_groups must be an object")
        heads = _strs(groups, "heads", "non_state.demonym_groups")
        self._state_forces = frozenset(
            _key(f) for f in _strs(groups, "state_forces", "non_state.demonym_groups")
        )
        self._group_tail = (
            re.compile(_GROUP_TAIL.format(heads="|".join(map(re.escape, heads)))) if heads else None
        )
        for rec in _records(non_state, "groups", "non_state"):
            name = _str(rec, "name", "non_state.groups[]").lower()
            where = f"non_state.groups[{name}]"
            adjective = str(rec.get("adjective") or name).lower()
            actor = ResolvedActor(None, name, ActorKind.NON_STATE)
            surfaces = _strs(rec, "names", where)
            if not surfaces:
                raise ValueError(f"actor table: {where} lists no names")
            for surface in surfaces:
                self._add(surface, _ACTOR, "non_state", actor, origin=where)
                bare = surface[4:] if surface[:4].lower() == "the " else surface
                self._group_adjective[_key(bare)] = adjective
            # the lower-case canonical name resolves, but is not matched in running text
            self._group_names.setdefault(_key(name), actor)

        for surface in _strs(data, "exclusions", "root"):
            self._add(surface, _SKIP, "", None, origin="exclusions")
        ambiguous = data.get("ambiguous", {})
        if not isinstance(ambiguous, dict):
            raise ValueError("actor table: ambiguous must be an object")
        for surface in _strs(ambiguous, "names", "ambiguous"):
            self._add(surface, _SKIP, "", None, origin="ambiguous.names")
        for surface in _strs(ambiguous, "leaders", "ambiguous"):
            self._add(surface, _AMBIG_LEADER, "leader", None, origin="ambiguous.leaders")

    def _add_forms(
        self,
        rec: Mapping[str, Any],
        actor: ResolvedActor,
        forms: tuple[tuple[str, str], ...],
        where: str,
    ) -> None:
        self._add(actor.name, _ACTOR, "name", actor, origin=where)
        for name, form in forms:
            for surface in _strs(rec, name, where):
                self._add(surface, _ACTOR, form, actor, origin=f"{where}.{name}")

    def _load_organization(self, rec: Mapping[str, Any]) -> None:
        name = _str(rec, "name", "organizations[]")
        where = f"organizations[{name}]"
        code = rec.get("code")
        if code is not None and not isinstance(code, str):
            raise ValueError(f"actor table: {where}.code must be a string or null")
        actor = ResolvedActor(code, name, ActorKind.ORGANIZATION)
        if code is not None:
            if code in self._by_code:
                raise ValueError(f"actor table: duplicate code {code}")
            self._by_code[code] = actor
        self._add(name, _ACTOR, "organization", actor, origin=where)
        for surface in _strs(rec, "names", where):
            self._add(surface, _ACTOR, "organization", actor, origin=f"{where}.names")
        for surface in _strs(rec, "leaders", where):
            self._add(surface, _ACTOR, "leader", actor, origin=f"{where}.leaders")
        for surface in _strs(rec, "context", where):
            if code is None:
                raise ValueError(f"actor table: {where} has context forms but no code")
            self._add(surface, _CONTEXT, "context", None, code, f"{where}.context")

    # ------------------------------------------------------------------ resolution helpers

    @staticmethod
    def _clean(mention: str) -> str:
        text = mention.strip(_STRIP)
        text = _POSSESSIVE_RE.sub("", text).strip(_STRIP)
        match = _LEADING_THE_RE.match(text)
        if match is not None and match.end() < len(text):
            text = text[match.end() :]
        return text

    def _atom_actor(self, atom: _Atom, codes: _LazyCodes) -> ResolvedActor | None:
        if atom.role == _ACTOR:
            return atom.actor
        if atom.role == _NOUN:
            return ResolvedActor(None, atom.value, ActorKind.NON_STATE)
        if atom.role == _CONTEXT and atom.value in codes.get():
            return self._by_code[atom.value]
        return None

    # ------------------------------------------------------------------ scanning

    def _strict_keys(self) -> Iterator[str]:
        """Each key with the first characters its surfaces allow ("US": "U" only)."""
        for key, atom in self._atoms.items():
            first, upper = key[:1], key[:1].upper()
            if len(upper) == 1 and upper != first:
                yield upper + key[1:]
                if not all(s.exact or s.caps[0] for s in atom.surfaces):
                    yield key
            else:
                yield key

    @functools.cached_property
    def _loose_regex(self) -> re.Pattern[str]:
        """Case-insensitive variant, only for resolve()'s fallback."""
        return re.compile(_trie_pattern(self._atoms, first_literal=False))

    def _lookup(self, surface: str) -> _Atom | None:
        """The atom of a matched surface when its case is right (memoised)."""
        memo = self._memo
        try:
            return memo[surface]
        except KeyError:
            pass
        atom = self._atoms.get(_key(surface))
        if atom is not None and not atom.case_ok(surface):
            atom = None
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[surface] = atom
        return atom

    def _scan(self, text: str, *, strict: bool, codes: _LazyCodes | None) -> list[ActorMention]:
        """Collect the atoms the trie finds, compose them left to right (each hit by the
        first rule of its role that takes it, see ``_RULES``), then place the context
        forms whose organisation is named."""
        hits = self._collect(text, strict=strict)
        if not hits:
            return []
        scan = _Composition(text, hits)
        i = 0
        while i < len(hits):
            atom = hits[i].atom
            if atom.role == _ACTOR and scan.next_to(i) is None:
                # Most hits: no title or group noun follows, so the rules of an actor come
                # down to the plain actor (what _compose would find, without the calls).
                if atom.actor is not None:
                    scan.add(hits[i].mention_start, hits[i].end, atom.actor, atom.form)
                i += 1
                continue
            i += self._compose(scan, i)
        return self._place_context_forms(scan, codes)

    def _collect(self, text: str, *, strict: bool) -> list[_Hit]:
        """Every atom in ``text`` with its case right (``strict``) or in any case, with the
        start of a "the" before it when it takes one."""
        lookup = self._lookup if strict else self._lookup_any_case
        regex = self._regex if strict else self._loose_regex
        hits: list[_Hit] = []
        for m in regex.finditer(text):
            atom = lookup(m.group(1))
            if atom is None:
                continue
            start, end = m.span(1)
            the_start = start
            if atom.takes_the or atom.role == _CONTEXT:
                the_start = _article_start(text, start)
            hits.append(_Hit(start, end, the_start, atom))
        return hits

    def _lookup_any_case(self, surface: str) -> _Atom | None:
        return self._atoms.get(_key(surface))

    def _compose(self, scan: _Composition, index: int) -> int:
        """Apply the first rule that takes the hit at ``index``; the hits it used (a bare
        title, an exclusion, an ambiguous form or a context form without "the" uses its
        own hit and yields nothing)."""
        for rule in _RULES[scan.hits[index].atom.role]:
            used = rule(self, scan, index)
            if used:
                return used
        return 1

    # Rules: each reads the hits from ``index`` on, adds what it composes to the scan
    # and returns how many hits it used, or 0 when it does not apply.

    def _titled_actor(self, scan: _Composition, index: int) -> int:
        """``[state/org form] title [leader]`` is one mention of the prefix's actor: "US
        President" (form ``title``), "Ukrainian President Volodymyr Zelenskyy" (``leader``).
        """
        hit = scan.hits[index]
        actor = hit.atom.actor
        if actor is None or actor.kind is ActorKind.NON_STATE or hit.atom.form == "leader":
            return 0
        title = scan.next_to(index)
        if title is None or title.atom.role != _TITLE:
            return 0
        leader = scan.next_to(index + 1)
        if leader is not None and _is_leader(leader.atom) and leader.atom.actor in (None, actor):
            scan.add(hit.mention_start, leader.end, actor, "leader")
            return 3
        scan.add(hit.mention_start, title.end, actor, "title")
        return 2

    def _named_group(self, scan: _Composition, index: int) -> int:
        """A named group before a group noun is one group: "Houthi rebels" -> "houthi
        rebels" (the group's adjective and the noun's person plural)."""
        hit = scan.hits[index]
        actor = hit.atom.actor
        if actor is None or actor.kind is not ActorKind.NON_STATE:
            return 0
        noun = scan.next_to(index)
        if noun is None or noun.atom.role != _NOUN:
            return 0
        adjective = self._group_adjective.get(_key(scan.text[hit.start : hit.end]))
        name = f"{adjective or actor.name} {noun.atom.value}"
        actor = ResolvedActor(None, name, ActorKind.NON_STATE)
        scan.add(hit.mention_start, noun.end, actor, "non_state")
        return 2

    def _plain_actor(self, scan: _Composition, index: int) -> int:
        """A state, organisation or named group form alone."""
        hit = scan.hits[index]
        if hit.atom.actor is None:
            return 0
        scan.add(hit.mention_start, hit.end, hit.atom.actor, hit.atom.form)
        return 1

    def _title_leader(self, scan: _Composition, index: int) -> int:
        """``title leader`` is one mention of the leader's actor ("President Joe Biden")."""
        leader = scan.next_to(index)
        if leader is None or leader.atom.role != _ACTOR or leader.atom.form != "leader":
            return 0
        if leader.atom.actor is None:
            return 0
        scan.add(scan.hits[index].start, leader.end, leader.atom.actor, "leader")
        return 2

    def _group_noun(self, scan: _Composition, index: int) -> int:
        """A group noun with its modifiers ("Islamist insurgencies"); it replaces the
        mentions its modifiers overlap."""
        mention = self._non_state(scan.text, scan.hits, index, scan.out)
        if mention is not None:
            scan.out.append(mention)
        return 1

    def _context_form(self, scan: _Composition, index: int) -> int:
        """A context form after "the" ("the bloc"): kept aside until the text is read."""
        hit = scan.hits[index]
        if hit.the_start == hit.start:
            return 0
        scan.pending.append((len(scan.out), hit))
        return 1

    def _place_context_forms(
        self, scan: _Composition, codes: _LazyCodes | None
    ) -> list[ActorMention]:
        """The context forms whose organisation the text (or the ``resolve`` context)
        names, put back where they stood; the others yield nothing."""
        out = scan.out
        if not scan.pending:
            return out
        present = codes.get() if codes is not None else set()
        present = present | {m.actor.code for m in out if m.actor.code is not None}
        for index, hit in reversed(scan.pending):
            org = self._by_code.get(hit.atom.value)
            if org is not None and org.code in present:
                out.insert(index, _mention(scan.text, hit.the_start, hit.end, org, hit.atom.form))
        return out

    def _non_state(
        self, text: str, hits: list[_Hit], index: int, out: list[ActorMention]
    ) -> ActorMention | None:
        """A group noun with up to two modifier words before it."""
        noun = hits[index]
        start = noun.start
        if start > 0 and text[start - 1] in _HYPHENS:  # "counter-insurgency"
            return None
        mod_start = start
        pos = start
        for _ in range(2):
            k = pos
            while k > 0 and text[k - 1].isspace():
                k -= 1
            if k == pos or k == 0:
                break
            j = k
            while j > 0 and not text[j - 1].isspace():
                j -= 1
            if not self._is_modifier(text[j:k]):
                break
            mod_start = pos = j
        # Modifiers may swallow whole state/organisation matches ("Somali pirates"),
        # never part of one or a title, exclusion or other form.
        for prev in reversed(hits[:index]):
            if prev.end <= mod_start:
                break
            if prev.start >= mod_start and prev.atom.role == _ACTOR:
                continue
            mod_start = _next_token(text, prev.end, start)
            break
        while out and out[-1].end > mod_start:
            out.pop()
        words = [self._modifier_name(tok) for tok in text[mod_start:start].split()]
        name = " ".join([*words, noun.atom.value])
        actor = ResolvedActor(None, name, ActorKind.NON_STATE)
        return _mention(text, mod_start, noun.end, actor, "non_state")

    def _is_modifier(self, token: str) -> bool:
        if _TOKEN_RE.match(token) is None:
            return False
        low = token.translate(_APOS_TABLE).lower()
        if low.endswith(("'s", "'")) or low in self._stop_words:
            return False
        if low in self._modifiers:
            return True
        return any(p[:1].isupper() or p.lower() in self._modifiers for p in _PARTS_RE.split(token))

    def _modifier_name(self, token: str) -> str:
        adjective = self._group_adjective.get(_key(token))
        return adjective if adjective is not None else token.translate(_APOS_TABLE).lower()


@dataclass(slots=True)
class _Composition:
    """What :meth:`ActorTable._scan` has composed so far from the hits of one text."""

    text: str
    hits: list[_Hit]
    out: list[ActorMention] = field(default_factory=list)
    pending: list[tuple[int, _Hit]] = field(default_factory=list)
    """Context forms after "the", with the place in ``out`` they would take."""

    def next_to(self, index: int) -> _Hit | None:
        """The hit after ``hits[index]`` when only whitespace stands between them."""
        if index + 1 >= len(self.hits):
            return None
        nxt = self.hits[index + 1]
        return nxt if _adjacent(self.text, self.hits[index], nxt) else None

    def add(self, start: int, end: int, actor: ResolvedActor, form: str) -> None:
        self.out.append(_mention(self.text, start, end, actor, form))


_Rule = Callable[[ActorTable, _Composition, int], int]

#: The rules tried, in order, on a hit of each atom role (see ``ActorTable._compose``).
#: Exclusions and ambiguous forms (names, leaders) have none: they consume their text.
_RULES: Final[dict[int, tuple[_Rule, ...]]] = {
    _ACTOR: (ActorTable._titled_actor, ActorTable._named_group, ActorTable._plain_actor),
    _TITLE: (ActorTable._title_leader,),
    _NOUN: (ActorTable._group_noun,),
    _CONTEXT: (ActorTable._context_form,),
    _SKIP: (),
    _AMBIG_LEADER: (),
}


class _LazyCodes:
    """The actor codes named in a resolve() context, computed on first use."""

    __slots__ = ("_codes", "_context", "_table")

    def __init__(self, table: ActorTable, context: str | None) -> None:
        self._table = table
        self._context = context
        self._codes: set[str] | None = None

    @property
    def unread(self) -> bool:
        """True while the codes have not been asked for (the answer ignored the context)."""
        return self._codes is None

    def get(self) -> set[str]:
        if self._codes is None:
            found = self._table.find_all(self._context) if self._context else []
            self._codes = {m.actor.code for m in found if m.actor.code is not None}
        return self._codes


def _article_start(text: str, start: int) -> int:
    """Start of a "the" right before ``start`` (whitespace between), else ``start``."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == start or j < 3 or text[j - 3 : j].lower() != "the":
        return start
    if j > 3 and (text[j - 4].isalnum() or text[j - 4] == "_"):
        return start
    return j - 3


def _is_leader(atom: _Atom) -> bool:
    return atom.role == _AMBIG_LEADER or (atom.role == _ACTOR and atom.form == "leader")


def _adjacent(text: str, left: _Hit, right: _Hit) -> bool:
    """Only whitespace between two matches."""
    return right.start > left.end and text[left.end : right.start].isspace()


def _next_token(text: str, pos: int, limit: int) -> int:
    """Start of the first whitespace-delimited token at or after ``pos`` (at most ``limit``)."""
    while pos < limit and not text[pos].isspace():
        pos += 1
    while pos < limit and text[pos].isspace():
        pos += 1
    return pos


def _mention(text: str, start: int, end: int, actor: ResolvedActor, form: str) -> ActorMention:
    return ActorMention(start, end, text[start:end], actor, form)


@functools.cache
def _default_table() -> ActorTable:
    resource = files("pactparse.normalize") / "data" / "actors.json"
    return ActorTable(json.loads(resource.read_text(encoding="utf-8")))


@dataclass(frozen=True, slots=True)
class ForeignNames:
    """Country names in other languages, from pycountry's ISO 3166-1 translations."""

    names: dict[str, tuple[str, ...]]
    """alpha-3 code -> its names in every shipped language (English excluded)."""
    codes: dict[str, str]
    """normalised foreign name -> alpha-3, for names that belong to one country only."""
    alpha3: dict[str, str]
    """alpha-2 -> alpha-3."""


@functools.cache
def foreign_names() -> ForeignNames:
    """Loaded on first use (about 0.6 s: some 160 gettext catalogues)."""
    import gettext
    import os

    import pycountry

    locales = pycountry.LOCALES_DIR
    names: dict[str, set[str]] = {}
    for lang in sorted(os.listdir(locales)):
        if not os.path.exists(os.path.join(locales, lang, "LC_MESSAGES", "iso3166-1.mo")):
            continue
        catalogue = gettext.translation("iso3166-1", locales, languages=[lang])
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                english = getattr(country, attr, None)
                if not english:
                    continue
                local = catalogue.gettext(english)
                if local != english and len(local) >= 4 and not any(c in local for c in ",()"):
                    names.setdefault(country.alpha_3, set()).add(local)
    owners: dict[str, set[str]] = {}
    for code, forms in names.items():
        for form in forms:
            owners.setdefault(_key(form), set()).add(code)
    return ForeignNames(
        names={code: tuple(sorted(forms, key=len, reverse=True)) for code, forms in names.items()},
        codes={key: next(iter(c)) for key, c in owners.items() if len(c) == 1},
        alpha3={c.alpha_2: c.alpha_3 for c in pycountry.countries},
    )
