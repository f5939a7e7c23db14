"""How one chat-completions request travels, and when the transport gives up on a server.

* The request is posted with the openai client's own ``post`` and its answer is read
  as a stream, so that the ``timeout`` option bounds the **whole** request, from
  sending it to the last byte of the answer: a server that trickles its answer a byte
  at a time is cut off (``httpx`` alone only bounds each read).
* The answer's size is bounded too (:func:`body_limit`): a completion capped at
  ``max_tokens`` tokens is never megabytes long.
* :class:`ConnectWatch` counts connections refused in a row, by any request of the
  backend: after ``max_connect_failures`` of them with no answer in between, the server
  is taken to be down and :class:`~pactparse.errors.BackendUnusable` stops the batch
  (instead of every input spending its whole retry budget on a server that is not there).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx2
from openai._constants import RAW_RESPONSE_HEADER
from openai._types import RequestOptions
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from ...errors import BackendUnusable, TransientBackendError
from .errors import ConnectFailed, NotACompletion

__all__ = [
    "STREAMED",
    "ConnectWatch",
    "async_timed_out",
    "body_limit",
    "parse_completion",
    "read_body",
    "read_body_async",
    "request_deadline",
]

#: Request options that make the openai client hand back the answer unread (streamed).
STREAMED: RequestOptions = {"headers": {RAW_RESPONSE_HEADER: "stream"}}

_MIN_BODY = 1 << 20
_BYTES_PER_TOKEN = 64


def body_limit(max_tokens: int) -> int:
    """The largest answer accepted: 1 MiB, or 64 bytes per allowed token if more."""
    return max(_MIN_BODY, max_tokens * _BYTES_PER_TOKEN)


def _too_long(where: str, limit: int) -> TransientBackendError:
    return TransientBackendError(
        f"the answer from {where} is over {limit:,} bytes, far more than the max_tokens "
        "option allows; the server sent something else than a completion"
    )


def _timed_out(where: str, seconds: float) -> httpx2.ReadTimeout:
    return httpx2.ReadTimeout(
        f"no complete answer from {where} within {seconds:g} s (the timeout option, "
        "--timeout in the CLI, bounds each whole request)"
    )


def _usable(data: Any) -> bool:
    """Whether a body that strays from OpenAI's shape can still be read as a completion:
    an object whose ``choices`` (if any) hold objects with a ``message`` object, and
    whose ``usage`` (if any) is an object."""
    if not isinstance(data, dict):
        return False
    choices = data.get("choices", [])
    if not isinstance(choices, list) or not isinstance(data.get("usage") or {}, dict):
        return False
    return all(isinstance(c, dict) and isinstance(c.get("message"), dict) for c in choices)


def parse_completion(body: bytes) -> ChatCompletion:
    """The answer as a ChatCompletion: validated by pydantic-core in one pass, or, for a
    server whose answer strays from OpenAI's shape, built leniently as the SDK does.

    A body that is not JSON raises ``json.JSONDecodeError``, one that is not UTF-8
    ``UnicodeDecodeError``, and JSON that is not a completion :class:`NotACompletion`
    (each a transient failure)."""
    try:
        return ChatCompletion.model_validate_json(body)
    except ValidationError:
        data = json.loads(body)
        if not _usable(data):
            raise NotACompletion(
                "a JSON body that is not a chat completion (choices, message or usage "
                "have the wrong types)"
            ) from None
        return ChatCompletion.construct(**data)


def request_deadline(timeout: float) -> float:
    return time.monotonic() + timeout


def read_body(
    response: httpx2.Response, *, deadline: float, timeout: float, limit: int, where: str
) -> bytes:
    """The whole body of a streamed ``response``, by ``deadline`` (a monotonic time).

    Raises ``httpx2.ReadTimeout`` past the deadline, and a transient error past ``limit``
    bytes; the response is closed either way."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _too_long(where, limit)
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise _timed_out(where, timeout)
    finally:
        response.close()
    return b"".join(chunks)


async def read_body_async(response: httpx2.Response, *, limit: int, where: str) -> bytes:
    """Async twin of :func:`read_body`; the caller bounds the time (``asyncio.timeout``)."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise _too_long(where, limit)
            chunks.append(chunk)
    finally:
        await response.aclose()
    return b"".join(chunks)


def async_timed_out(where: str, seconds: float) -> httpx2.ReadTimeout:
    return _timed_out(where, seconds)


class ConnectWatch:
    """Connections refused in a row, across every request of one backend.

    The server is taken to be down after ``limit`` refusals in a row over at least
    ``down_for`` seconds, with no answer in between: a burst of refusals from many
    requests at once (a server restarting) does not end a job, a server that stays
    away does, within seconds instead of every input's whole retry budget."""

    def __init__(
        self, limit: int, *, down_for: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.down_for = down_for
        self._clock = clock
        self._count = 0
        self._since = 0.0
        self._lock = threading.Lock()

    def answered(self) -> None:
        """The server answered (with anything at all): it is up."""
        with self._lock:
            self._count = 0

    def refused(self, exc: ConnectFailed) -> ConnectFailed | BackendUnusable:
        """Count one failure to connect; what to raise for it."""
        now = self._clock()
        with self._lock:
            if self._count == 0:
                self._since = now
            self._count += 1
            count, lasted = self._count, now - self._since
        if count < self.limit or lasted < self.down_for:
            return exc
        return BackendUnusable(
            f"{exc} — {count} connections in a row failed over {lasted:.0f} s, so the server "
            "is taken to be down; start it (or fix --base-url), then run again (the "
            "max_connect_failures option sets how many failures in a row are tolerated)"
        )
