"""How the offline backend decided each field: one step per decision.

Every field the rules backend fills is decided by a named cue or strategy on some
words of the text. The reading records each decision as a :class:`Step` (a plain
tuple, cheap enough to record always); ``review`` is derived from the steps, and
``ExtractOptions(trace=True)`` keeps them in the record as
:class:`~pactparse.schema.TraceStep`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ...schema import TraceStep

__all__ = ["Step", "to_trace"]


class Step(NamedTuple):
    #: The field decided ("parties", "status", …).
    field: str
    #: What was decided: an actor key, a status, a category, a phrase.
    value: str | None
    #: The cue or named strategy that decided it ("parties.subject_list").
    rule: str
    #: The words that decided it, as offsets into the text (None: a default).
    span: tuple[int, int] | None
    #: What else a reader needs to follow the decision ("the list before 'signed'").
    note: str | None = None


def to_trace(steps: Iterable[Step]) -> tuple[TraceStep, ...]:
    return tuple(
        TraceStep(field=s.field, value=s.value, rule=s.rule, span=s.span, note=s.note)
        for s in steps
    )
