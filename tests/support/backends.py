"""Small backends for batch tests: answers made from the text, with chosen delays and faults."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import ClassVar

from pactparse.backends.base import Backend, Feedback, Proposal, Request
from pactparse.draft import Draft
from pactparse.schema import Usage

from .faultserver import default_draft

__all__ = ["ScriptedBackend", "draft_for"]


def draft_for(text: str) -> Draft:
    """A draft that verifies against ``text`` (its known country names are the parties)."""
    return Draft.model_validate(default_draft(text))


class ScriptedBackend(Backend):
    """Answers from the text after ``delay(text)`` seconds; ``fail(text)`` may raise instead.

    Counts calls per text and the most calls in flight at once.
    """

    name: ClassVar[str] = "scripted"
    default_concurrency: ClassVar[int] = 8
    prompt_version: ClassVar[str | None] = "scripted-1"
    cacheable: ClassVar[bool] = True

    def __init__(
        self,
        *,
        delay: Callable[[str], float] = lambda text: 0.0,
        fail: Callable[[str], None] = lambda text: None,
        tokens: int = 10,
    ) -> None:
        self.delay = delay
        self.fail = fail
        self.tokens = tokens
        self.calls: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def _enter(self, text: str) -> None:
        with self._lock:
            self.calls[text] += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _answer(self, request: Request) -> Proposal:
        self.fail(request.text)
        draft = draft_for(request.text)
        usage = Usage(prompt_tokens=self.tokens, completion_tokens=self.tokens)
        return Proposal(draft=draft, raw=draft.model_dump_json(), usage=usage, model="script")

    def propose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        self._enter(request.text)
        try:
            time.sleep(self.delay(request.text))
            return self._answer(request)
        finally:
            self._leave()

    async def apropose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        self._enter(request.text)
        try:
            await asyncio.sleep(self.delay(request.text))
            return self._answer(request)
        finally:
            self._leave()
