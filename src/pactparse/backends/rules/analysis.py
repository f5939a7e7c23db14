"""One pass over a summary: the offline backend's reading, start to finish."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ...draft import Draft, DraftProvision
from ...normalize.actors import ActorMention, ActorTable
from ...normalize.dates import find_date_hints
from ...normalize.introduced import introduced_leaders
from ...schema import ActorKind
from .cues import PACT_NOUN, STAGE_CUES, table_pattern
from .live_blog import STAMP_NOTE, entry_stamp
from .markup import unmarked
from .naming import find_name
from .provisions import find_provisions
from .rationale import find_rationale
from .roles import Roles, find_roles, lead_sentence
from .stage import find_event, find_status
from .text import Layout
from .trace import Step

__all__ = ["Reading", "analyse"]

# "(Photo: Chinese Foreign Ministry)": who took a picture is no actor of the pact.
_CREDIT = table_pattern("credit")
# "Keywords: politics, Cameroon, Russia": a record's field of subjects.
_SUBJECT_FIELD = table_pattern("subject_field")
# "U.S.-mediated talks", "Libya's UN-recognised government": a go-between or a third
# party, never a party or an adversary.
_GO_BETWEEN = table_pattern("go_between_suffix")
# "the steamer Australia": a ship named after a state is no actor.
_VESSEL = table_pattern("vessel_before")
# "Air Canada", "Qatar Airways": a state's name in a company's name is no actor.
_COMPANY_BEFORE = table_pattern("company_name_before")
_COMPANY_AFTER = table_pattern("company_name_after")


@dataclass(frozen=True, slots=True)
class Reading:
    """The draft, and how each of its fields was decided."""

    text: str
    layout: Layout
    lead: tuple[int, int]
    mentions: list[ActorMention]
    roles: Roles
    draft: Draft
    steps: tuple[Step, ...]


def _first_mentions(mentions: list[ActorMention], chosen: tuple[ActorMention, ...]) -> list[str]:
    """The text of each chosen actor's first mention (the spec's ``mention``)."""
    first: dict[str, str] = {}
    for m in mentions:
        first.setdefault(m.actor.key, m.text)
    return [first[m.actor.key] for m in chosen]


def _pairs_states(mentions: list[ActorMention]) -> bool:
    """True when ``mentions`` are two or more states and nothing else."""
    return len({m.actor.key for m in mentions}) >= 2 and all(
        m.actor.kind is ActorKind.STATE for m in mentions
    )


def _made_by(mention: ActorMention, text: str, name_span: tuple[int, int]) -> bool:
    """True when the name at ``name_span`` opens with the organisation of ``mention`` and
    goes on with words of its own before its treaty word."""
    start, end = name_span
    return (
        mention.start == start
        and mention.actor.kind is ActorKind.ORGANIZATION
        and len(text[mention.end : end].split()) >= 2
    )


def _about_the_pact(
    layout: Layout,
    lead: tuple[int, int],
    status: Step,
    roles: Roles,
    mentions: list[ActorMention],
) -> Callable[[int], bool]:
    """Whether a sentence tells of the pact: the lead, and a sentence that names a party,
    an adversary, a pact noun or a step (a stage cue), or goes on from one that does ("It
    was renewed in 1905"); a date elsewhere, in a header, a table or another story, is no
    date of the pact."""
    keys = {m.actor.key for m in (*roles.parties, *roles.adversaries)}
    told = {layout.sentence_of(m.start) for m in mentions if m.actor.key in keys}
    told.add(layout.sentence_of(lead[0]))
    if status.span is not None:
        told.add(layout.sentence_of(status.span[0]))

    @cache
    def about(index: int) -> bool:
        start, end = layout.sentences[index]
        return (
            index in told
            or layout.doc.search(PACT_NOUN, start, end) is not None
            or STAGE_CUES.first(layout.doc, start, end) is not None
            or (index > 0 and bool(_REFERS_BACK.match(layout.text, start)) and about(index - 1))
        )

    return about


# The words that open a sentence going on about what the one before told.
_REFERS_BACK = re.compile(r"(?:It|They|Both|The\s+two|This|These)\b")


def analyse(text: str, reference_date: dt.date | None, table: ActorTable) -> Reading:
    marked = unmarked(text)
    text = marked.text
    layout = Layout(text)
    lead = lead_sentence(text, layout)
    status, event, status_step = find_status(text, layout, lead)
    all_mentions = [
        m
        for m in introduced_leaders(text, table.find_all(text), table.titles)
        if not _GO_BETWEEN.match(text, m.end)
        and not _VESSEL.search(text, max(0, m.start - 16), m.start)
        and not _COMPANY_BEFORE.search(text, max(0, m.start - 20), m.start)
        and not _COMPANY_AFTER.match(text, m.end)
    ]
    # Actors in a photo credit or a record's field of subjects are no actors of the pact.
    asides = [m.span() for m in layout.doc.finditer(_CREDIT)] if "(" in text else []
    if ":" in text:
        asides += [m.span() for m in _SUBJECT_FIELD.finditer(text)]
    if asides:
        all_mentions = [m for m in all_mentions if not any(s <= m.start < e for s, e in asides)]
    roles = find_roles(text, layout, all_mentions, lead, event)
    accession_org = roles.accession.organization if roles.accession else None
    name, name_span, name_step = find_name(text, layout, lead, all_mentions, roles.accession)
    # An organisation whose member suspends its part ("Armenia has frozen its participation
    # in the CSTO") names the pact and stays a party, as one joined does.
    suspended = name_step.rule == "name.suspended_organization"
    if name_span is not None and accession_org is None and not suspended:
        # Actors inside the pact's name ("Washington Declaration") are not actors, unless
        # the name pairs states ("Franco-Spanish Treaty", "US-Japan Security Treaty") or
        # opens with the organisation that makes the pact ("African Union Non-Aggression
        # and Common Defence Pact"; the "ANZUS Treaty" is the organisation's own).
        inside = [
            m
            for m in all_mentions
            if m.start < name_span[1] and name_span[0] < m.end and not _made_by(m, text, name_span)
        ]
        if inside and not _pairs_states(inside):
            mentions = [m for m in all_mentions if m not in inside]
            roles = find_roles(text, layout, mentions, lead, event)
    party_keys = {m.actor.key for m in roles.parties}
    hints = [h for h in find_date_hints(text, reference_date) if not layout.compares(h.start)]
    about = _about_the_pact(layout, lead, status_step, roles, all_mentions)
    hints = [h for h in hints if about(layout.sentence_of(h.start))]
    stamp = entry_stamp(text, layout, reference_date)
    if stamp is not None and not any(h.start < stamp.end and stamp.start < h.end for h in hints):
        hints = sorted([*hints, stamp], key=lambda h: h.start)
    event_kind, event_step = find_event(text, layout, lead, roles.accession)
    steps: list[Step] = [status_step, event_step, name_step, *roles.steps]
    provisions = find_provisions(text, layout, all_mentions, party_keys, name_span, steps)
    rationale = find_rationale(text, layout, steps)
    if marked.marks:
        provisions = [
            DraftProvision(category=p.category, text=marked.before_mark(p.text)) for p in provisions
        ]
        rationale = [marked.before_mark(phrase) for phrase in rationale]
    steps += [
        Step("date_hints", h.text, "date_hints.entry_time", (h.start, h.end), STAMP_NOTE)
        if h is stamp
        else Step(
            "date_hints", h.text, "date_hints.scanner", (h.start, h.end), "a temporal expression"
        )
        for h in hints
    ]
    draft = Draft(
        name=name,
        status=status,
        event=event_kind,
        parties=_first_mentions(all_mentions, roles.parties),
        adversaries=_first_mentions(all_mentions, roles.adversaries),
        provisions=provisions,
        date_hints=[h.text for h in hints],
        rationale=rationale,
    )
    return Reading(text, layout, lead, all_mentions, roles, draft, tuple(steps))
