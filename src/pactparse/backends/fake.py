"""A backend for users' own tests: it proposes the drafts it is given.

    from pactparse import extract
    from pactparse.backends.fake import FakeBackend
    from pactparse.draft import Draft

    backend = FakeBackend([Draft(name=None, status="signed", event="new_pact",
                                 parties=["Mali", "Niger"], adversaries=[], provisions=[],
                                 date_hints=[], rationale=[])])
    pact = extract("Mali and Niger have signed a pact.", backend=backend)

Answers are given in order, one per call (the last one repeats), so re-asks can be
tested too: give a bad draft first and a good one second. ``calls`` records every
request and the feedback it came with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from ..draft import Draft
from .base import Backend, Feedback, Proposal, Request

__all__ = ["FakeBackend"]

Answer = Draft | str | Callable[[Request], Draft]


class FakeBackend(Backend):
    """Proposes canned answers: a :class:`Draft`, a raw string (parsed as JSON), or a function."""

    name: ClassVar[str] = "fake"
    supports_reask: ClassVar[bool] = True
    prompt_version: ClassVar[str | None] = "fake"
    cacheable: ClassVar[bool] = False

    def __init__(self, answers: Sequence[Answer] = ()) -> None:
        self._answers = list(answers)
        self.calls: list[tuple[Request, tuple[Feedback, ...]]] = []

    def propose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        if not self._answers:
            raise LookupError("FakeBackend was given no answers")
        self.calls.append((request, tuple(feedback)))
        answer = self._answers[min(len(self.calls) - 1, len(self._answers) - 1)]
        if isinstance(answer, str):
            from ..parsing import parse_draft

            return parse_draft(answer)
        draft = answer(request) if callable(answer) else answer
        return Proposal(draft=draft, raw=draft.model_dump_json())
