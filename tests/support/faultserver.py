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

Fault kinds:

``rate_limit``  HTTP 429 with ``Retry-After: <retry_after>`` seconds (no header if None)
``server_error``  HTTP 500
``slow``        the answer comes ``slow_seconds`` late (longer than the client timeout)
``malformed``   HTTP 200 whose body is not JSON
``truncated``   HTTP 200 whose body stops halfway (Content-Length promises more)
``drop``        the connection closes without an answer
``garbage``     a valid completion whose message content is not a draft (a re-ask),
                worded differently each time
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import orjson

__all__ = ["COUNTRIES", "FAULT_KINDS", "FaultServer", "default_draft"]

FAULT_KINDS = (
    "rate_limit",
    "server_error",
    "slow",
    "malformed",
    "truncated",
    "drop",
    "garbage",
)

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


def _completion(content: str, model: str, prompt_tokens: int) -> bytes:
    return orjson.dumps(
        {
            "id": "chatcmpl-fault",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": 40,
                "total_tokens": prompt_tokens + 40,
            },
        }
    )


def _response(
    status: int, reason: str, body: bytes, headers: dict[str, str] | None = None
) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", "Content-Type: application/json"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


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
        drafter: Callable[[str], dict[str, Any]] = default_draft,
        script: list[str] | None = None,
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

        if outcome == "drop":
            return False
        if outcome == "rate_limit":
            error = json.dumps({"error": {"message": "rate limited", "type": "rate_limit"}})
            writer.write(
                _response(
                    429,
                    "Too Many Requests",
                    error.encode(),
                    {} if self.retry_after is None else {"Retry-After": f"{self.retry_after:g}"},
                )
            )
            await writer.drain()
            return True
        if outcome == "server_error":
            error = json.dumps({"error": {"message": "internal error", "type": "server_error"}})
            writer.write(_response(500, "Internal Server Error", error.encode()))
            await writer.drain()
            return True
        if outcome == "malformed":
            writer.write(_response(200, "OK", b'{"id": "chatcmpl-x", "choices": [<html>oops'))
            await writer.drain()
            return True

        text = self._summary(request)
        model = str(request.get("model", "stub"))
        if outcome == "garbage":
            # worded anew each time: an identical unreadable answer ends the re-asks
            content = f"Sure! Here is the pact you asked for, in prose ({len(self.log)})."
        else:
            content = orjson.dumps(self.drafter(text)).decode()
        payload = _completion(content, model, prompt_tokens=len(text) // 4 + 500)
        if outcome == "truncated":
            full = _response(200, "OK", payload)
            writer.write(full[: len(full) - len(payload) // 2])
            await writer.drain()
            return False
        if outcome == "slow":
            await asyncio.sleep(self.slow_seconds)
        if outcome == "ok":
            with self._lock:
                self.texts[text] += 1
        writer.write(_response(200, "OK", payload))
        await writer.drain()
        return True

    @staticmethod
    def _summary(request: dict[str, Any]) -> str:
        for message in request.get("messages", []):
            if message.get("role") == "user":
                found = _SUMMARY.search(str(message.get("content", "")))
                if found:
                    return found.group(1)
        return ""
