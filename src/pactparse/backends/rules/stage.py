"""The pact's status (the most advanced stage the lead sentence asserts) and its event."""

from __future__ import annotations

from ...schema import Event, Status
from .cues import AMENDMENT, STAGE_CUES, STAGES
from .text import Layout

__all__ = ["find_event", "find_status"]


def find_status(text: str, layout: Layout, lead: tuple[int, int]) -> tuple[Status, int | None]:
    """The stage stated by the earliest stage cue of the lead sentence, and where it is.

    The lead sentence states the primary pact; when it has no cue, the following
    sentences are read in order. Cues in clauses about another agreement are skipped.
    Without any cue the pact is only ``proposed``: nothing more is asserted.
    """
    spans = [lead] + [s for s in layout.sentences if s[0] >= lead[1]]
    for start, end in spans:
        for index, m in layout.doc.finditer_set(STAGE_CUES, start, end):
            if not layout.compares(m.start()):
                return STAGES[index][1], m.start()
    return Status.PROPOSED, None


def find_event(text: str, layout: Layout, accession: bool) -> Event:
    if accession:
        return Event.ACCESSION
    for m in layout.doc.finditer(AMENDMENT):
        if not layout.compares(m.start()) or m.group(0).lower().startswith("replac"):
            return Event.AMENDMENT
    return Event.NEW_PACT
