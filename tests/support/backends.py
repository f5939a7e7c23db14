"""Small backends for batch tests: answers made from the text, with chosen delays and faults."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from pactparse import testing
from pactparse.backends.base import Request
from pactparse.draft import Draft
from pactparse.errors import ConfigurationError

from .faultserver import default_draft

__all__ = ["ScriptedBackend", "TripwireBackend", "draft_for"]


def draft_for(text: str) -> Draft:
    """A draft that verifies against ``text`` (its known country names are the parties)."""
    return Draft.model_validate(default_draft(text))


def _answer(request: Request) -> Draft:
    return draft_for(request.text)


class ScriptedBackend(testing.ScriptedBackend):
    """:class:`pactparse.testing.ScriptedBackend` answering :func:`draft_for` the text."""

    def __init__(self, answer: Callable[[Request], Draft] = _answer, **kwargs: Any) -> None:
        super().__init__(answer, **kwargs)


class TripwireBackend(testing.FakeBackend):
    """Answers :func:`draft_for` the text, except for a text containing one of the words:
    ``CONFIG`` raises a ConfigurationError, ``BUG`` a plain RuntimeError (a bug), and
    ``CRASH`` ends the process at once (a worker dying). Picklable, for worker processes."""

    def __init__(self) -> None:
        super().__init__([_answer])

    def propose(self, request: Request, feedback: Any = ()) -> Any:
        if "CONFIG" in request.text:
            raise ConfigurationError("the tripwire backend needs configuring")
        if "BUG" in request.text:
            raise RuntimeError("a bug in the tripwire backend")
        if "CRASH" in request.text:
            os._exit(9)
        return super().propose(request, feedback)
