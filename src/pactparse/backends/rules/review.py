"""What a person should check in a rules record, derived from how each field was decided.

The reading records which cue or strategy decided each field (``trace.Step``). Some
decisions are sure (the actor list right before "signed"); others are guesses that
are often wrong: a party found only by the fallback, a status read from a hedged
verb or a later sentence, an actor taken as a party right after "countering". Each
such decision becomes a :class:`~pactparse.schema.ReviewItem` saying why. A record
with no item is one the backend stands behind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...schema import ReviewItem
from .analysis import Reading
from .cues import ADVERSARY, STAGE_CUES, STAGES

__all__ = ["review"]

# lexicon: stage.hedge — words that make a stage a guess ("could sign", "reportedly").
_HEDGE = re.compile(
    r"\b(?:could|might|may|would|reportedly|possib\w*|potential\w*|consider\w*|mull\w*"
    r"|weigh\w*|explor\w*|float\w*)\b",
    re.I,
)
# lexicon: role.go_between — actors that help a pact along without being party to it.
_GO_BETWEEN = re.compile(
    r"\b(?:mediat\w*|broker\w*|host(?:s|ed|ing)?|witness\w*|observers?|facilitat\w*"
    r"|guarantor\w*|sponsor\w*|attended|presence\s+of)\b",
    re.I,
)
_NEAR = 40


def _status_doubts(reading: Reading) -> Iterator[ReviewItem]:
    step = next(s for s in reading.steps if s.field == "status")
    if step.span is None:
        yield ReviewItem(field="status", why="no stage cue: the status is a default, not read")
        return
    words = reading.text[step.span[0] : step.span[1]]
    if _HEDGE.search(words):
        yield ReviewItem(field="status", why=f'status read from a hedged word ("{words}")')
    lead_start, lead_end = reading.lead
    if not lead_start <= step.span[0] < lead_end:
        yield ReviewItem(
            field="status",
            why=f'the stage cue ("{words}") is not in the lead sentence: '
            "the pact may be described across sentences",
        )
        return
    others = {
        STAGES[i][1].value
        for i, m in reading.layout.doc.finditer_set(STAGE_CUES, lead_start, lead_end)
        if not reading.layout.compares(m.start()) and not step.span[0] <= m.start() < step.span[1]
    }
    others.discard(step.value or "")
    # A plan or talks next to another plan is common; a hedge or a completion is not.
    others &= {"proposed", "signed"}
    if others:
        yield ReviewItem(
            field="status",
            why=f"the lead sentence also has cues for {', '.join(sorted(others))}",
        )


_RANK = {"proposed": 0, "negotiating": 1, "planned": 2, "signed": 3}


def _later_stage(reading: Reading, status: str) -> Iterator[ReviewItem]:
    """A later sentence that tells of a more advanced stage than the lead: the pact may be
    described across sentences ("They held talks. Later that day they signed…")."""
    layout = reading.layout
    for i, m in layout.doc.finditer_set(STAGE_CUES, reading.lead[1]):
        later = STAGES[i][1].value
        if _RANK[later] > _RANK[status] and not layout.compares(m.start()):
            yield ReviewItem(
                field="status",
                why=f'a later sentence says "{m.group(0)}" ({later}): '
                "the pact may be described across sentences",
            )
            return


def _party_doubts(reading: Reading) -> Iterator[ReviewItem]:
    text = reading.text
    parties = [s for s in reading.steps if s.field == "parties"]
    if parties and all(s.rule == "parties.lead_fallback" for s in parties):
        yield ReviewItem(
            field="parties",
            why="no party was found as a signatory: all were taken by the fallback "
            "(states the lead sentence names)",
        )
    if reading.roles.accession is None and len(parties) < 2:
        yield ReviewItem(field="parties", why="fewer than two parties found")
    if reading.roles.accession is not None and not reading.roles.accession.members:
        yield ReviewItem(
            field="parties", why="the members of the pact joined are not listed in the text"
        )
    for step in parties:
        assert step.span is not None
        start, end = step.span
        cue = ADVERSARY.search(reading.layout.doc.low, max(0, start - _NEAR), start)
        if cue is not None and not reading.layout.compares(cue.start()):
            yield ReviewItem(
                field="parties",
                why=f'{step.value} stands right after "{cue.group(0)}": it may be the target, '
                "not a party",
            )
        window = text[max(0, start - _NEAR) : min(len(text), end + _NEAR)]
        go_between = _GO_BETWEEN.search(window)
        if go_between is not None:
            yield ReviewItem(
                field="parties",
                why=f'{step.value} stands next to "{go_between.group(0)}": it may be a mediator '
                "or host, not a party",
            )


def review(reading: Reading) -> tuple[ReviewItem, ...]:
    """The reasons to check the record read from ``reading`` (empty: none)."""
    status = reading.draft.status
    return (
        *_status_doubts(reading),
        *_later_stage(reading, status.value),
        *_party_doubts(reading),
    )
