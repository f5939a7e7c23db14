"""A fault-injecting OpenAI-compatible chat-completions server, for tests and benchmarks.

It listens on 127.0.0.1 only (an ephemeral port), runs its own event loop on a
background thread (stdlib ``asyncio.start_server``, no web framework) and is
started and stopped by the test that uses it::

    with FaultServer(faults={"rate_limit": 0.05, "drop": 0.05}, seed=1) as server:
        backend = OpenAIBackend(model="stub", base_url=server.url, timeout=0.5)

Each request draws one outcome: a fault with its configured probability, else a
valid ``chat.completion`` whose message content is a JSON draft made from the
request's summary by ``drafter`` (by default: the country names of
:data:`COUNTRIES` found in the summary become the parties, so verification passes).
``latency`` delays every answer (benchmarks); ``script`` fixes the outcomes of the
first requests; ``served`` counts outcomes and ``log`` has each request's arrival.

Fault kinds (:data:`ISSUE_KINDS` are the sixteen of the outside fault test, issue 11):

``rate_limit``       HTTP 429 with ``Retry-After: <retry_after>`` seconds (no header if None)
``rate_limit_date``  HTTP 429 with ``Retry-After`` as an HTTP date (the current second)
``rate_limit_bare``  HTTP 429 without Retry-After
``server_error``     HTTP 500
``bad_gateway``      HTTP 502 with an HTML page
``unavailable``      HTTP 503
``reset``            the connection is reset (RST) before any header
``truncated``        HTTP 200 whose body stops halfway (Content-Length promises more)
``trickle``          HTTP 200 whose body comes one byte every ``trickle_interval`` seconds
``html``             HTTP 200 with an HTML page
``no_choices``       HTTP 200, a completion without ``choices``
``cut_content``      HTTP 200, a completion whose message content stops mid-draft
``wrong_types``      HTTP 200, a completion whose fields have the wrong types
``length``           HTTP 200, ``finish_reason: "length"`` and the content cut there
``huge``             HTTP 200 with a 5 MB body
``bad_utf8``         HTTP 200 whose body is not valid UTF-8
``slow``             the answer comes ``slow_seconds`` late (longer than the client timeout)
``malformed``        HTTP 200 whose body is not JSON
``drop``             the connection closes without an answer
``garbage``          a valid completion whose message content is not a draft (a re-ask),
                     worded differently each time
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
import re
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import orjson

__all__ = [
    "COUNTRIES",
    "FAULT_KINDS",
    "ISSUE_KINDS",
    "FaultServer",
    "default_draft",
    "pact_summary",
]

#: The sixteen faults of the outside fault test (issue 11).
ISSUE_KINDS = (
    "rate_limit",
    "rate_limit_date",
    "rate_limit_bare",
    "server_error",
    "bad_gateway",
    "unavailable",
    "reset",
    "truncated",
    "trickle",
    "html",
    "no_choices",
    "cut_content",
    "wrong_types",
    "length",
    "huge",
    "bad_utf8",
)
FAULT_KINDS = (*ISSUE_KINDS, "slow", "malformed", "drop", "garbage")

_HTML = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"

#: Names the default drafter recognises, as written in generated summaries.
COUNTRIES = (
    "France",
    "Germany",
    "Japan",
    "India",
    "Brazil",
    "Kenya",
    "Mali",
    "Niger",
    "Chad",
    "Peru",
    "Chile",
    "Spain",
    "Italy",
    "Poland",
    "Norway",
    "Sweden",
    "Finland",
    "Canada",
    "Mexico",
    "Egypt",
)
_COUNTRY = re.compile(r"\b(" + "|".join(COUNTRIES) + r")\b")
_SUMMARY = re.compile(r"<summary>\n(.*)\n</summary>", re.DOTALL)
_ADVERSARY = re.compile(r"\bcounter (\w+)")


def pact_summary(i: int) -> str:
    """The ``i``-th of many distinct summaries whose parties :func:`default_draft` finds."""
    a = COUNTRIES[i % len(COUNTRIES)]
    b = COUNTRIES[(i * 7 + 3) % len(COUNTRIES)]
    if a == b:
        b = COUNTRIES[(i + 1) % len(COUNTRIES)]
    return f"{a} and {b} have signed security pact number {i}."


def default_draft(text: str) -> dict[str, Any]:
    """A draft that verifies against ``text``: its known countries are the parties."""
    adversaries = [m.group(1) for m in _ADVERSARY.finditer(text) if m.group(1) in COUNTRIES]
    parties: list[str] = []
    for match in _COUNTRY.finditer(text):
        name = match.group(1)
        if name not in parties and name not in adversaries:
            parties.append(name)
    return {
        "name": None,
        "status": "signed",
        "event": "new_pact",
        "parties": parties,
        "adversaries": adversaries,
        "provisions": [],
        "date_hints": [],
        "rationale": [],
    }


def _completion_json(
    content: str, model: str, prompt_tokens: int, finish_reason: str = "stop"
) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": 40,
            "total_tokens": prompt_tokens + 40,
        },
    }


def _completion(content: str, model: str, prompt_tokens: int) -> bytes:
    return orjson.dumps(_completion_json(content, model, prompt_tokens))


def _response(
    status: int,
    reason: str,
    body: bytes,
    headers: dict[str, str] | None = None,
    content_type: str = "application/json",
) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", f"Content-Type: {content_type}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _error(status: int, reason: str, message: str, headers: dict[str, str] | None = None) -> bytes:
    body = json.dumps({"error": {"message": message, "type": "fault"}}).encode()
    return _response(status, reason, body, headers)


def _no_choices(draft: str, model: str, n: int) -> bytes:
    body = _completion_json(draft, model, 500)
    del body["choices"]
    return orjson.dumps(body)


def _cut_content(draft: str, model: str, n: int) -> bytes:
    # cut at a point that moves with the request count: a server's fault, not a model's
    # answer, so two faulty answers to the same request are not the same answer
    return orjson.dumps(_completion_json(draft[: len(draft) // 2 - n % 17], model, 500))


def _wrong_types(draft: str, model: str, n: int) -> bytes:
    body = _completion_json(draft, model, 500)
    body["choices"] = [{"index": "zero", "message": ["not", "an", "object"], "finish_reason": 7}]
    body["usage"] = "lots"
    return orjson.dumps(body)


def _length(draft: str, model: str, n: int) -> bytes:
    return orjson.dumps(_completion_json(draft[: len(draft) // 3 - n % 17], model, 500, "length"))


_CONTENT_FAULTS: dict[str, Callable[[str, str, int], bytes]] = {
    "no_choices": _no_choices,
    "cut_content": _cut_content,
    "wrong_types": _wrong_types,
    "length": _length,
}


class FaultServer:
    """See the module documentation. Use as a context manager, or ``start()``/``stop()``."""

    def __init__(
        self,
        *,
        faults: dict[str, float] | None = None,
        seed: int = 0,
        latency: float = 0.0,
        retry_after: float | None = 0.05,
        slow_seconds: float = 2.0,
        trickle_interval: float = 0.1,
        drafter: Callable[[str], dict[str, Any]] = default_draft,
        script: list[str] | None = None,
        status: tuple[int, str] | None = None,
    ) -> None:
        faults = dict(faults or {})
        unknown = set(faults) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}")
        if sum(faults.values()) > 1:
            raise ValueError("fault rates add up to more than 1")
        self.faults = faults
        self.latency = latency
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        self.trickle_interval = trickle_interval
        #: When set, every request is answered with this HTTP status and a body that
        #: echoes the request's Authorization header (as some servers do in a 401).
        self.status = status
        self.drafter = drafter
        self.script = list(script or [])
        self.served: Counter[str] = Counter()
        #: (monotonic arrival time, outcome) of every request
        self.log: list[tuple[float, str]] = []
        self.texts: Counter[str] = Counter()
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self.port = 0

    # -- lifecycle ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FaultServer:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            self._server = loop.run_until_complete(
                asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=512)
            )
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=run, name="faultserver", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fault server did not start")
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is None or self._thread is None:
            return

        async def shutdown() -> None:
            assert self._server is not None
            self._server.close()
            for task in list(self._connections):
                task.cancel()
            await asyncio.gather(*self._connections, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(10)
        self._loop = None

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- serving ------------------------------------------------------------------------

    def _draw(self) -> str:
        with self._lock:
            if self.script:
                return self.script.pop(0)
            x = self._random.random()
        for kind, rate in self.faults.items():
            if x < rate:
                return kind
            x -= rate
        return "ok"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:  # stop(): end quietly
            pass
        finally:
            self._connections.discard(task)
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Serve one request; False when the connection is to be closed."""
        head = await reader.readuntil(b"\r\n\r\n")
        headers = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        request = orjson.loads(body or b"{}")
        outcome = self._draw()
        with self._lock:
            self.served[outcome] += 1
            self.log.append((time.monotonic(), outcome))
        if self.latency:
            await asyncio.sleep(self.latency)

        if self.status is not None:
            code, reason = self.status
            echoed = f"invalid credentials: {headers.get('authorization', '')}"
            writer.write(_error(code, reason, echoed))
            await writer.drain()
            return True
        if outcome == "drop":
            return False
        if outcome == "reset":
            sock = writer.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return False
        simple = self._simple_fault(outcome)
        if simple is not None:
            writer.write(simple)
            await writer.drain()
            return True

        text = self._summary(request)
        model = str(request.get("model", "stub"))
        draft = orjson.dumps(self.drafter(text)).decode()
        prompt_tokens = len(text) // 4 + 500
        if outcome in _CONTENT_FAULTS:
            writer.write(
                _response(200, "OK", _CONTENT_FAULTS[outcome](draft, model, len(self.log)))
            )
            await writer.drain()
            return True
        if outcome == "garbage":
            # worded anew each time: an identical unreadable answer ends the re-asks
            content = f"Sure! Here is the pact you asked for, in prose ({len(self.log)})."
        else:
            content = draft
        payload = _completion(content, model, prompt_tokens=prompt_tokens)
        if outcome == "truncated":
            full = _response(200, "OK", payload)
            writer.write(full[: len(full) - len(payload) // 2])
            await writer.drain()
            return False
        if outcome == "trickle":
            full = _response(200, "OK", payload)
            head_end = full.index(b"\r\n\r\n") + 4
            writer.write(full[:head_end])
            await writer.drain()
            for index in range(head_end, len(full)):
                await asyncio.sleep(self.trickle_interval)
                writer.write(full[index : index + 1])
                await writer.drain()
            return True
        if outcome == "slow":
            await asyncio.sleep(self.slow_seconds)
        if outcome == "ok":
            with self._lock:
                self.texts[text] += 1
        writer.write(_response(200, "OK", payload))
        await writer.drain()
        return True

    def _simple_fault(self, outcome: str) -> bytes | None:
        """The whole answer of a fault that does not depend on the request, if it is one."""
        if outcome == "rate_limit":
            after = {} if self.retry_after is None else {"Retry-After": f"{self.retry_after:g}"}
            return _error(429, "Too Many Requests", "rate limited", after)
        if outcome == "rate_limit_date":
            when = email.utils.formatdate(time.time(), usegmt=True)
            return _error(429, "Too Many Requests", "rate limited", {"Retry-After": when})
        if outcome == "rate_limit_bare":
            return _error(429, "Too Many Requests", "rate limited")
        if outcome == "server_error":
            return _error(500, "Internal Server Error", "internal error")
        if outcome == "bad_gateway":
            return _response(502, "Bad Gateway", _HTML, content_type="text/html")
        if outcome == "unavailable":
            return _error(503, "Service Unavailable", "overloaded")
        if outcome == "malformed":
            return _response(200, "OK", b'{"id": "chatcmpl-x", "choices": [<html>oops')
        if outcome == "html":
            return _response(200, "OK", _HTML, content_type="text/html")
        if outcome == "huge":
            return _response(200, "OK", b'{"id": "' + b"x" * 5_000_000 + b'"}')
        if outcome == "bad_utf8":
            return _response(200, "OK", b'{"id": "chatcmpl-\xff\xfe\xc3\x28", "choices": []}')
        return None

    @staticmethod
    def _summary(request: dict[str, Any]) -> str:
        for message in request.get("messages", []):
            if message.get("role") == "user":
                found = _SUMMARY.search(str(message.get("content", "")))
                if found:
                    return found.group(1)
        return ""
