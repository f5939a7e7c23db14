"""Small backends for batch tests: answers made from the text, with chosen delays and faults."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pactparse import testing
from pactparse.backends.base import Request
from pactparse.draft import Draft

from .faultserver import default_draft

__all__ = ["ScriptedBackend", "draft_for"]


def draft_for(text: str) -> Draft:
    """A draft that verifies against ``text`` (its known country names are the parties)."""
    return Draft.model_validate(default_draft(text))


def _answer(request: Request) -> Draft:
    return draft_for(request.text)


class ScriptedBackend(testing.ScriptedBackend):
    """:class:`pactparse.testing.ScriptedBackend` answering :func:`draft_for` the text."""

    def __init__(self, answer: Callable[[Request], Draft] = _answer, **kwargs: Any) -> None:
        super().__init__(answer, **kwargs)
