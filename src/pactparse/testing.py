"""Test doubles for code that uses pactparse: no model, no network, no patching.

* :class:`FakeBackend` proposes canned answers in order (drafts, raw strings, functions);
* :class:`ScriptedBackend` answers every request with a function of it, after a chosen
  delay, and may fail on purpose: for batch code (concurrency, retries, the cache);
* :func:`override_backend` swaps the backend inside code under test, the way
  pydantic-ai's ``Agent.override`` swaps the model: every ``extract``/``extract_many``
  call that names a backend, or names none, gets this one while the block runs.

::

    from pactparse import Draft, extract
    from pactparse.testing import FakeBackend, override_backend

    draft = Draft(name=None, status="signed", event="new_pact", parties=["Mali", "Niger"],
                  adversaries=[], provisions=[], date_hints=[], rationale=[])
    with override_backend(FakeBackend([draft])):
        pact = code_under_test()          # calls extract(text, backend="openai") inside

Answers are given in order, one per call (the last one repeats), so re-asks can be
tested too: give a bad draft first and a good one second. ``calls`` records every
request and the feedback it came with.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import ClassVar

from .backends.base import Backend, Feedback, Proposal, Request
from .backends.chat.parsing import parse_draft
from .backends.registry import backend_override
from .draft import Draft
from .schema import Usage

__all__ = ["FakeBackend", "ScriptedBackend", "override_backend"]

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
            raise LookupError(
                "FakeBackend was given no answers: pass it a Draft, a string or a function"
            )
        self.calls.append((request, tuple(feedback)))
        answer = self._answers[min(len(self.calls) - 1, len(self._answers) - 1)]
        if isinstance(answer, str):
            return parse_draft(answer)
        draft = answer(request) if callable(answer) else answer
        return Proposal(draft=draft, raw=draft.model_dump_json())


class ScriptedBackend(Backend):
    """Answers ``answer(request)`` after ``delay(text)`` seconds; ``fail(text)`` may raise
    instead (a :class:`~pactparse.errors.TransientBackendError`, say).

    Counts calls per text and the most calls in flight at once, so batch code can be
    tested for concurrency, retries and caching. Each answer reports ``tokens`` prompt
    and completion tokens.
    """

    name: ClassVar[str] = "scripted"
    default_concurrency: ClassVar[int] = 8
    prompt_version: ClassVar[str | None] = "scripted-1"
    cacheable: ClassVar[bool] = True

    def __init__(
        self,
        answer: Callable[[Request], Draft],
        *,
        delay: Callable[[str], float] = lambda text: 0.0,
        fail: Callable[[str], None] = lambda text: None,
        tokens: int = 10,
    ) -> None:
        self.answer = answer
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
        draft = self.answer(request)
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


@contextmanager
def override_backend(backend: Backend) -> Iterator[Backend]:
    """Within the block, every backend looked up by name or by default is ``backend``.

    Calls that pass a :class:`Backend` instance keep it. The override is held in a
    context variable, so it covers the current thread and the asyncio tasks it starts,
    and it nests.
    """
    with backend_override(backend):
        yield backend
