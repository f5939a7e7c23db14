"""One pass over a summary: the offline backend's reading, start to finish."""

from __future__ import annotations

import datetime as dt

from ...draft import Draft
from ...normalize.actors import ActorMention, ActorTable
from ...normalize.dates import find_date_hints
from .naming import find_name
from .provisions import find_provisions
from .rationale import find_rationale
from .roles import find_roles, lead_sentence
from .stage import find_event, find_status
from .text import Layout

__all__ = ["analyse"]


def _first_mentions(mentions: list[ActorMention], chosen: tuple[ActorMention, ...]) -> list[str]:
    """The text of each chosen actor's first mention (the spec's ``mention``)."""
    first: dict[str, str] = {}
    for m in mentions:
        first.setdefault(m.actor.key, m.text)
    return [first[m.actor.key] for m in chosen]


def analyse(text: str, reference_date: dt.date | None, table: ActorTable) -> Draft:
    layout = Layout(text)
    lead = lead_sentence(text, layout)
    status, event_start = find_status(text, layout, lead)
    all_mentions = table.find_all(text)
    roles = find_roles(text, layout, all_mentions, lead, event_start)
    accession_org = roles.accession.organization if roles.accession else None
    name, name_span = find_name(text, layout, lead, all_mentions, roles.accession)
    if name_span is not None and accession_org is None:
        # Actors inside the pact's name ("Washington Declaration") are not actors.
        inside = [m for m in all_mentions if name_span[0] <= m.start < name_span[1]]
        if inside:
            mentions = [m for m in all_mentions if m not in inside]
            roles = find_roles(text, layout, mentions, lead, event_start)
    party_keys = {m.actor.key for m in roles.parties}
    date_hints = [
        h.text for h in find_date_hints(text, reference_date) if not layout.compares(h.start)
    ]
    return Draft(
        name=name,
        status=status,
        event=find_event(text, layout, roles.accession is not None),
        parties=_first_mentions(all_mentions, roles.parties),
        adversaries=_first_mentions(all_mentions, roles.adversaries),
        provisions=find_provisions(text, layout, all_mentions, party_keys, name_span),
        date_hints=date_hints,
        rationale=find_rationale(text, layout),
    )
