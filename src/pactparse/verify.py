"""Verification: turn a backend's draft into Pact fields, and list what fails.

Every backend's draft passes through here, and every value ends up in the summary's own
words at its span:

* **Actors are grounded as actors, not as strings.** A name, alias or code ("United
  States", "Republic of Korea", "BHR") is resolved with the actor table
  (``normalize.actors``); the actor is then looked for among the actors the text
  mentions, in any form the table knows ("the U.S.", "Seoul", "Bahraini"), or, for a
  summary in another language, by the country's name in that language ("l'Allemagne").
  The record's ``mention`` and ``span`` are the text's first mention of that actor. Only
  an actor the text does not mention, or one the table does not know and the text does
  not contain, is a problem.
* **Phrases** (provisions, rationale, date hints, the name) are aligned with the text
  (exact, normalised, character alignment; provisions and rationale also token by token,
  ``grounding.align_phrase``), and the record keeps the words of the summary at the
  span, not the model's wording.
* **Dates in context**: a date hint's value is computed in the tense of the clause
  where the hint stands ("are set to sign … on Friday" is the next Friday), as the
  offline scanner computes it (``normalize.dates.normalize_in_context``).

Whatever cannot be verified becomes a :class:`Problem`. ``Problem.reask`` says whether
a corrected answer could change the record: the pipeline re-asks a model only for
those, and flags all that are left in the record's warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TypeVar

from .draft import Draft
from .grounding import Alignment, align_phrase, ground
from .html_text import ShownText
from .normalize.actors import ActorMention, ActorTable, ResolvedActor
from .normalize.amounts import parse_amount
from .normalize.dates import normalize_in_context
from .schema import (
    Actor,
    ActorKind,
    DateHint,
    Grounding,
    Provision,
    RationaleItem,
    TraceStep,
)

__all__ = ["Problem", "Verified", "grounded_in_source", "trace_in_source", "verify_draft"]

_PROPER_NAME = re.compile(r"[A-Z0-9]")
_NAME_WRAPPING = re.compile(r"""\A(?:the\s+)?["'“”‘’«»]*|["'“”‘’«»]*\Z""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing verification could not accept: where, what, and why.

    ``reask`` is False for a problem a corrected answer would not change the record
    for (the record already holds the best reading): it is flagged, never re-asked.
    """

    field: str
    value: str
    why: str
    reask: bool = True

    def __str__(self) -> str:
        return f"{self.field}: {self.value!r} {self.why}"


@dataclass(slots=True)
class Verified:
    """The verified parts of a Pact (everything but source and provenance)."""

    name: str | None
    parties: list[Actor] = field(default_factory=list)
    adversaries: list[Actor] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    date_hints: list[DateHint] = field(default_factory=list)
    rationale: list[RationaleItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Summary:
    """The text being verified, with what is computed once about it."""

    def __init__(self, text: str, table: ActorTable) -> None:
        self.text = text
        self.table = table

    @cached_property
    def mentions(self) -> list[ActorMention]:
        return self.table.find_all(self.text)

    @cached_property
    def _first_by_key(self) -> dict[str, ActorMention]:
        first: dict[str, ActorMention] = {}
        for m in self.mentions:
            first.setdefault(m.actor.key, m)
        return first

    def first_mention(self, actor: ResolvedActor) -> tuple[str, tuple[int, int]] | None:
        """The text's first mention of ``actor``, in any form the table knows."""
        m = self._first_by_key.get(actor.key)
        if m is not None:
            return m.text, (m.start, m.end)
        for name in self.table.foreign_names(actor):
            alignment = ground(name, self.text)
            if (
                alignment.span is not None
                and alignment.score >= 0.99
                and self.actor_at(alignment.span) is None  # "Congo" inside "DR Congo"
            ):
                start, end = alignment.span
                return self.text[start:end], alignment.span
        return None

    def actor_at(self, span: tuple[int, int] | None) -> ResolvedActor | None:
        """The actor of a mention that covers ``span`` in the text, if any."""
        if span is None:
            return None
        for m in self.mentions:
            if m.start <= span[0] and span[1] <= m.end:
                return m.actor
        return None

    def words_at(self, alignment: Alignment, value: str) -> str:
        """The summary's words at the alignment's span (``value`` when ungrounded)."""
        if alignment.span is None:
            return value
        start, end = alignment.span
        return self.text[start:end]


def _actor(mention: str, where: str, summary: _Summary, problems: list[Problem]) -> Actor | None:
    if not mention.strip():
        problems.append(
            Problem(where, mention, "is empty; name the actor as the text does", reask=False)
        )
        return None
    resolved = summary.table.resolve(mention, context=summary.text)
    if resolved is not None:
        found = summary.first_mention(resolved)
        if found is not None:
            words, span = found
            return Actor(
                name=resolved.name,
                code=resolved.code,
                kind=resolved.kind,
                mention=words,
                span=span,
                grounding=Grounding.EXACT,
            )
    alignment = ground(mention, summary.text)
    other = summary.actor_at(alignment.span)
    if other is not None and (resolved is None or other.key != resolved.key):
        # the words are part of another actor's mention: "Congo" inside "DR Congo"
        alignment = Alignment(None, Grounding.UNGROUNDED, 0.0)
    words = summary.words_at(alignment, mention.strip())
    if alignment.grounding is Grounding.UNGROUNDED:
        who = f"{resolved.name} is" if resolved is not None else "it is"
        problems.append(
            Problem(
                where,
                mention,
                f"is not mentioned in the summary ({who} in no form the summary uses); "
                "list only actors the summary names",
            )
        )
    elif resolved is None:
        resolved = summary.table.resolve(words, context=summary.text)
    if resolved is None:
        problems.append(
            Problem(
                where,
                mention,
                "is not a known country, organisation or armed group; "
                "kept under the summary's own words",
                reask=False,
            )
        )
        resolved = ResolvedActor(code=None, name=words, kind=ActorKind.NON_STATE)
    return Actor(
        name=resolved.name,
        code=resolved.code,
        kind=resolved.kind,
        mention=words,
        span=alignment.span,
        grounding=alignment.grounding,
    )


def _actors(
    mentions: list[str], role: str, summary: _Summary, problems: list[Problem]
) -> list[Actor]:
    actors: list[Actor] = []
    seen: set[str] = set()
    for i, mention in enumerate(mentions):
        actor = _actor(mention, f"{role}[{i}]", summary, problems)
        if actor is not None and actor.key not in seen:
            seen.add(actor.key)
            actors.append(actor)
    return actors


def _phrase(
    value: str,
    where: str,
    remedy: str,
    summary: _Summary,
    problems: list[Problem],
    *,
    by_words: bool = True,
) -> tuple[str, Alignment]:
    """The summary's words for ``value`` and where they stand; a value that does not
    align becomes a problem (``remedy`` says what to do instead). ``by_words`` allows
    token alignment (a swapped word): for descriptions, not for names and dates, where
    another word is another name or another date."""
    align = align_phrase if by_words else ground
    alignment = align(value, summary.text)
    if alignment.grounding is Grounding.UNGROUNDED:
        problems.append(Problem(where, value, f"does not occur in the summary; {remedy}"))
    return summary.words_at(alignment, value), alignment


def _name(raw: str | None, summary: _Summary, problems: list[Problem]) -> str | None:
    name = _NAME_WRAPPING.sub("", raw.strip()) if raw else None
    if not name:
        return None
    if not _PROPER_NAME.search(name):
        problems.append(
            Problem("name", name, "is a generic phrase, not a proper name; use null", reask=False)
        )
        return None
    words, alignment = _phrase(
        name, "name", "copy it or use null", summary, problems, by_words=False
    )
    return None if alignment.grounding is Grounding.UNGROUNDED else words


def verify_draft(
    draft: Draft,
    text: str,
    *,
    reference_date: dt.date | None = None,
    table: ActorTable | None = None,
) -> Verified:
    """Ground, resolve and normalise ``draft`` against ``text``; collect the problems."""
    summary = _Summary(text, table or ActorTable.default())
    problems: list[Problem] = []

    name = _name(draft.name, summary, problems)
    parties = _actors(draft.parties, "parties", summary, problems)
    adversaries = _actors(draft.adversaries, "adversaries", summary, problems)
    party_keys = {a.key for a in parties}
    for i, adversary in enumerate(adversaries):
        if adversary.key in party_keys:
            problems.append(
                Problem(
                    f"adversaries[{i}]",
                    adversary.mention,
                    f"is also a party ({adversary.name}); an actor is either a signatory "
                    "or a target of the pact, not both (kept as a party only)",
                )
            )
    adversaries = [a for a in adversaries if a.key not in party_keys]

    provisions: list[Provision] = []
    seen_provisions: set[tuple[str, str]] = set()
    for i, p in enumerate(draft.provisions):
        remedy = "copy the words that state the commitment"
        words, at = _phrase(p.text, f"provisions[{i}].text", remedy, summary, problems)
        if (p.category.value, words) in seen_provisions:
            continue
        seen_provisions.add((p.category.value, words))
        provisions.append(
            Provision(
                category=p.category,
                text=words,
                amount=parse_amount(words),
                span=at.span,
                grounding=at.grounding,
            )
        )

    date_hints: list[DateHint] = []
    seen_hints: set[str] = set()
    for i, hint in enumerate(draft.date_hints):
        where, remedy = f"date_hints[{i}]", "copy it exactly"
        words, at = _phrase(hint, where, remedy, summary, problems, by_words=False)
        if words in seen_hints:
            continue
        seen_hints.add(words)
        start = at.span[0] if at.span is not None else None
        kind, value = normalize_in_context(words, text, start, reference_date)
        date_hints.append(
            DateHint(text=words, type=kind, value=value, span=at.span, grounding=at.grounding)
        )

    rationale: list[RationaleItem] = []
    seen_reasons: set[str] = set()
    for i, phrase in enumerate(draft.rationale):
        remedy = "copy a short phrase from it"
        words, at = _phrase(phrase, f"rationale[{i}]", remedy, summary, problems)
        if words not in seen_reasons:
            seen_reasons.add(words)
            rationale.append(RationaleItem(text=words, span=at.span, grounding=at.grounding))

    return Verified(
        name=name,
        parties=parties,
        adversaries=adversaries,
        provisions=provisions,
        date_hints=date_hints,
        rationale=rationale,
        problems=problems,
    )


_Value = TypeVar("_Value", Actor, Provision, DateHint, RationaleItem)


def grounded_in_source(verified: Verified, source: str, shown: ShownText) -> Verified:
    """``verified``, grounded in the text ``shown`` that markup or a JSON object
    (``source``) holds, with its spans moved into ``source``: a value written otherwise
    there ("Canada&#8217;s", "Chile\\u2019s") is fuzzy."""

    def moved(value: _Value) -> _Value:
        if value.span is None:
            return value
        start, end = shown.source_span(value.span)
        words = value.mention if isinstance(value, Actor) else value.text
        exact = value.grounding is Grounding.EXACT and source[start:end] == words
        grounding = Grounding.EXACT if exact else Grounding.FUZZY
        return value.model_copy(update={"span": (start, end), "grounding": grounding})

    return replace(
        verified,
        parties=[moved(a) for a in verified.parties],
        adversaries=[moved(a) for a in verified.adversaries],
        provisions=[moved(p) for p in verified.provisions],
        date_hints=[moved(h) for h in verified.date_hints],
        rationale=[moved(r) for r in verified.rationale],
    )


def trace_in_source(trace: Sequence[TraceStep], shown: ShownText | None) -> list[TraceStep]:
    """The decision trace with its spans moved from the text ``shown`` into its source
    (as it is, for plain text: ``shown`` None)."""
    if shown is None:
        return list(trace)
    return [
        step
        if step.span is None
        else step.model_copy(update={"span": shown.source_span(step.span)})
        for step in trace
    ]
