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
from typing import Any

from .draft import Draft
from .grounding import ground
from .normalize.actors import ActorTable, ResolvedActor
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


def _locate(
    value: str, where: str, remedy: str, text: str, problems: list[Problem]
) -> dict[str, Any]:
    """Where ``value`` stands in ``text``, as ``span``/``grounding`` fields; a value that
    cannot be found becomes a problem (``remedy`` says what to do instead)."""
    alignment = ground(value, text)
    if alignment.grounding is Grounding.UNGROUNDED:
        problems.append(Problem(where, value, f"does not occur in the summary; {remedy}"))
    return {"span": alignment.span, "grounding": alignment.grounding}


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
        located = _locate(mention, where, "copy the actor's name from it", text, problems)
        resolved = table.resolve(mention, context=text)
        if resolved is None:
            problems.append(
                Problem(
                    where,
                    mention,
                    "is not a known country, organisation or armed group; "
                    "write the country or organisation as the summary names it",
                )
            )
            resolved = ResolvedActor(code=None, name=mention.strip(), kind=ActorKind.NON_STATE)
        actor = Actor(
            name=resolved.name, code=resolved.code, kind=resolved.kind, mention=mention, **located
        )
        if actor.key not in seen:
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
        remedy = "copy the words that state the commitment"
        located = _locate(p.text, f"provisions[{i}].text", remedy, text, problems)
        if (p.category.value, p.text) in seen_provisions:
            continue
        seen_provisions.add((p.category.value, p.text))
        provisions.append(
            Provision(category=p.category, text=p.text, amount=parse_amount(p.text), **located)
        )

    date_hints: list[DateHint] = []
    for i, hint in enumerate(dict.fromkeys(draft.date_hints)):
        located = _locate(hint, f"date_hints[{i}]", "copy it exactly", text, problems)
        kind, value = normalize_date_hint(hint, reference_date)
        date_hints.append(DateHint(text=hint, type=kind, value=value, **located))

    rationale = [
        RationaleItem(
            text=phrase,
            **_locate(phrase, f"rationale[{i}]", "copy a short phrase from it", text, problems),
        )
        for i, phrase in enumerate(dict.fromkeys(draft.rationale))
    ]

    return Verified(
        name=name,
        parties=parties,
        adversaries=adversaries,
        provisions=provisions,
        date_hints=date_hints,
        rationale=rationale,
        problems=problems,
    )
