"""Verification: turn a backend's draft into Pact fields, and list what fails.

Every backend's draft passes through here. Each string is grounded in the summary
(``pactparse.grounding``), actors are resolved to codes (``normalize.actors``), date
hints get TIMEX3-style values (``normalize.dates``) and provision texts their
amounts (``normalize.amounts``). Whatever cannot be verified becomes a
:class:`Problem`: the pipeline sends problems back to a model as a re-ask, and
flags the ones left at the end in the record's warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .draft import Draft
from .grounding import ground
from .normalize.actors import ActorTable
from .normalize.amounts import parse_amount
from .normalize.dates import normalize_date_hint
from .schema import (
    Actor,
    ActorKind,
    DateHint,
    Grounding,
    Provision,
    RationaleItem,
)

__all__ = ["Problem", "Verified", "verify_draft"]

_PROPER_NAME = re.compile(r"[A-Z0-9]")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing verification could not accept: where, what, and why."""

    field: str
    value: str
    why: str

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


def _actors(
    mentions: list[str], role: str, text: str, table: ActorTable, problems: list[Problem]
) -> list[Actor]:
    actors: list[Actor] = []
    seen: set[str] = set()
    for i, mention in enumerate(mentions):
        where = f"{role}[{i}]"
        if not mention.strip():
            problems.append(Problem(where, mention, "is empty; name the actor as the text does"))
            continue
        alignment = ground(mention, text)
        resolved = table.resolve(mention, context=text)
        if alignment.grounding is Grounding.UNGROUNDED:
            problems.append(
                Problem(
                    where, mention, "does not occur in the summary; copy the actor's name from it"
                )
            )
        if resolved is None:
            problems.append(
                Problem(
                    where,
                    mention,
                    "is not a known country, organisation or armed group; "
                    "write the country or organisation as the summary names it",
                )
            )
            actor = Actor(
                name=mention.strip(),
                code=None,
                kind=ActorKind.NON_STATE,
                mention=mention,
                span=alignment.span,
                grounding=alignment.grounding,
            )
        else:
            actor = Actor(
                name=resolved.name,
                code=resolved.code,
                kind=resolved.kind,
                mention=mention,
                span=alignment.span,
                grounding=alignment.grounding,
            )
        if actor.key in seen:
            continue
        seen.add(actor.key)
        actors.append(actor)
    return actors


def verify_draft(
    draft: Draft,
    text: str,
    *,
    reference_date: dt.date | None = None,
    table: ActorTable | None = None,
) -> Verified:
    """Ground, resolve and normalise ``draft`` against ``text``; collect the problems."""
    table = table or ActorTable.default()
    problems: list[Problem] = []

    name = draft.name.strip() if draft.name else None
    if name and not _PROPER_NAME.search(name):
        problems.append(Problem("name", name, "is a generic phrase, not a proper name; use null"))
        name = None
    elif name and ground(name, text).grounding is Grounding.UNGROUNDED:
        problems.append(Problem("name", name, "does not occur in the summary; copy it or use null"))
        name = None

    parties = _actors(draft.parties, "parties", text, table, problems)
    adversaries = _actors(draft.adversaries, "adversaries", text, table, problems)
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
        alignment = ground(p.text, text)
        if alignment.grounding is Grounding.UNGROUNDED:
            problems.append(
                Problem(
                    f"provisions[{i}].text",
                    p.text,
                    "does not occur in the summary; copy the words that state the commitment",
                )
            )
        key = (p.category.value, p.text)
        if key in seen_provisions:
            continue
        seen_provisions.add(key)
        provisions.append(
            Provision(
                category=p.category,
                text=p.text,
                amount=parse_amount(p.text),
                span=alignment.span,
                grounding=alignment.grounding,
            )
        )

    date_hints: list[DateHint] = []
    for i, hint in enumerate(dict.fromkeys(draft.date_hints)):
        alignment = ground(hint, text)
        if alignment.grounding is Grounding.UNGROUNDED:
            problems.append(
                Problem(f"date_hints[{i}]", hint, "does not occur in the summary; copy it exactly")
            )
        kind, value = normalize_date_hint(hint, reference_date)
        date_hints.append(
            DateHint(
                text=hint,
                type=kind,
                value=value,
                span=alignment.span,
                grounding=alignment.grounding,
            )
        )

    rationale: list[RationaleItem] = []
    for i, phrase in enumerate(dict.fromkeys(draft.rationale)):
        alignment = ground(phrase, text)
        if alignment.grounding is Grounding.UNGROUNDED:
            problems.append(
                Problem(
                    f"rationale[{i}]",
                    phrase,
                    "does not occur in the summary; copy a short phrase from it",
                )
            )
        rationale.append(
            RationaleItem(text=phrase, span=alignment.span, grounding=alignment.grounding)
        )

    return Verified(
        name=name,
        parties=parties,
        adversaries=adversaries,
        provisions=provisions,
        date_hints=date_hints,
        rationale=rationale,
        problems=problems,
    )
