"""Output rows: one per input line, as written by ``pactparse extract``.

The row format is the spec's (``docs`` "A record in JSON Lines")::

    {"id": "seed-08", "ok": true, "pact": {...}, "error": null}
    {"id": "line-3", "ok": false, "pact": null,
     "error": {"type": "InputError", "message": "line 3 is empty"}}

``id`` is the input's own id, else ``line-N`` (N the 1-based line). Rows written
out of input order (``--unordered``) start with ``"line": N``, the input line they
answer, so that a resumed job knows which lines are done even when ids repeat. Rows
of a job asked to include the text (``--include-text``, ``include_text=True``) end
with ``"text": "..."``, the summary they answer (absent on a row for a line that
could not be read as text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..redact import scrub
from ..schema import Pact

__all__ = ["Row", "error_json", "iter_rows"]


#: Rewrites an error row's message (the CLI puts library wording in its own terms).
Wording = Callable[[str], str]


def error_json(error: BaseException, wording: Wording | None = None) -> dict[str, str]:
    """``{"type", "message"}`` of an exception, as written in an error row; no key
    material ever gets into it (:func:`pactparse.redact.scrub`)."""
    message = str(error) or repr(error)
    if wording is not None:
        message = wording(message)
    return {"type": type(error).__name__, "message": scrub(message)}


@dataclass(frozen=True, slots=True)
class Row:
    """The outcome of one input: a pact, or the error that prevented it.

    ``line`` is the input's 1-based line (or position, for a list given to
    ``extract_many``); ``cached`` tells whether the pact came from the cache;
    ``text`` is the summary, kept only when the job was asked to include it.
    """

    id: str
    line: int
    pact: Pact | None = None
    error: Exception | None = None
    cached: bool = False
    text: str | None = None

    def __post_init__(self) -> None:
        if (self.pact is None) == (self.error is None):
            raise ValueError("a row holds exactly one of pact and error")

    @property
    def ok(self) -> bool:
        return self.pact is not None

    @property
    def error_type(self) -> str | None:
        return None if self.error is None else type(self.error).__name__

    def to_json(self, *, with_line: bool = False, wording: Wording | None = None) -> bytes:
        """One JSON line, newline included; ``with_line`` puts ``"line": N`` first,
        ``wording`` rewrites an error's message."""
        head = b'{"line":%d,"id":' % self.line if with_line else b'{"id":'
        tail = b"}\n" if self.text is None else b',"text":%b}\n' % orjson.dumps(self.text)
        if self.pact is not None:
            body = self.pact.__pydantic_serializer__.to_json(self.pact)
            return b"".join(
                (head, orjson.dumps(self.id), b',"ok":true,"pact":', body, b',"error":null', tail)
            )
        assert self.error is not None
        return b"".join(
            (
                head,
                orjson.dumps(self.id),
                b',"ok":false,"pact":null,"error":',
                orjson.dumps(error_json(self.error, wording)),
                tail,
            )
        )


def iter_rows(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of an output file as dicts (complete lines only)."""
    with Path(path).open("rb") as stream:
        for line in stream:
            if line.endswith(b"\n"):
                yield orjson.loads(line)
