"""The offline backend ``rules``: no model, no network, deterministic and fast.

It reads a summary with general rules of news English: the lead sentence states
the primary pact; the actor list before its event verb, and after "with" or
"between", are the parties; cue words state the stage, the event, what the pact
is aimed at, its commitments and its reasons. Its draft goes through the same
verification as any model's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from ...normalize.actors import ActorTable
from ..base import Backend, Feedback, Proposal, Request
from .analysis import analyse
from .nopact import no_pact_reason
from .review import review
from .trace import to_trace

__all__ = ["RulesBackend"]


class RulesBackend(Backend):
    name: ClassVar[str] = "rules"
    prompt_version: ClassVar[str | None] = "rules-1"
    #: Extraction takes about a millisecond: a cache lookup would cost as much.
    cacheable: ClassVar[bool] = False
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})
    reviews_itself: ClassVar[bool] = True

    def __init__(self) -> None:
        self._table = ActorTable.default()

    def propose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        reading = analyse(request.text, request.reference_date, self._table)
        reason = no_pact_reason(reading)
        if reason is not None:
            return Proposal(draft=None, no_pact=reason)
        trace = to_trace(reading.steps) if request.trace else ()
        return Proposal(draft=reading.draft, review=review(reading), trace=trace)

    async def apropose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        # Pure CPU work in microseconds: a thread hop would cost more than the work.
        return self.propose(request, feedback)
