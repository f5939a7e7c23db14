"""Shared helpers of the benchmark scripts: summaries, the clients used as baselines, printing."""

from __future__ import annotations

import asyncio
import os
import platform
import sys
import time
from typing import Any

import httpx2
import openai
import orjson
from stub import TESTS

from pactparse.backends.base import Request
from pactparse.backends.chat.prompt import build_messages
from pactparse.backends.chat.schema_for_models import draft_json_schema

# The stub is the tests' fault server: its country list and drafter are the benchmarks' too.
sys.path.insert(0, str(TESTS))
from support.faultserver import COUNTRIES
from support.faultserver import default_draft as default_draft


def summary(i: int) -> str:
    """A distinct summary per i that the stub server answers with a verifiable draft."""
    a = COUNTRIES[i % len(COUNTRIES)]
    b = COUNTRIES[(i * 7 + 3) % len(COUNTRIES)]
    if a == b:
        b = COUNTRIES[(i + 1) % len(COUNTRIES)]
    return (
        f"{a} and {b} have signed security pact number {i} to deepen defense cooperation, "
        f"hold joint exercises and share intelligence, officials said on Tuesday."
    )


def machine() -> str:
    return f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs"


def report(name: str, value: str, ratio: float, baseline: str, target: str | None = None) -> None:
    verdict = ""
    if target is not None:
        verdict = f"  (target {target})"
    print(f"{name:<46} {value:>22}   ratio {ratio:6.3f} vs {baseline}{verdict}")
    sys.stdout.flush()


def request_body(text: str) -> dict[str, Any]:
    """The chat-completions body the openai backend sends for ``text`` (json_schema mode)."""
    return {
        "model": "stub",
        "messages": build_messages(Request(text)),
        "max_tokens": 700,
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "pact_draft", "strict": True, "schema": draft_json_schema()},
        },
    }


async def drive(texts: list[str], concurrency: int, send: Any) -> float:
    """Wall time of ``await send(text)`` for every text, ``concurrency`` at a time."""
    pending = list(reversed(texts))

    async def worker() -> None:
        while pending:
            await send(pending.pop())

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started


async def bare_client(url: str, texts: list[str], concurrency: int) -> float:
    """The same requests over hand-written HTTP/1.1 keep-alive connections, no library:
    the floor this machine and the stub allow."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    connections: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    for _ in range(concurrency):
        connections.append(await asyncio.open_connection("127.0.0.1", port))
    idle = list(connections)

    async def send(text: str) -> None:
        reader, writer = idle.pop()
        body = orjson.dumps(request_body(text))
        writer.write(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: stub\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        )
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        )
        orjson.loads(await reader.readexactly(length))
        idle.append((reader, writer))

    try:
        await drive(texts[:concurrency], concurrency, send)  # warm up
        return await drive(texts, concurrency, send)
    finally:
        for _, writer in connections:
            writer.close()


async def official_client(url: str, texts: list[str], concurrency: int) -> float:
    """The same requests through the official openai client alone, sent as the openai
    backend sends them (its ``post``, the body serialised with orjson), with nothing
    validated or verified: what the client library costs before pactparse does anything."""
    client = openai.AsyncOpenAI(base_url=url, api_key="not-needed", max_retries=0, timeout=30)

    async def send(text: str) -> None:
        body = orjson.dumps(request_body(text))
        response = await client.post("/chat/completions", content=body, cast_to=httpx2.Response)
        orjson.loads(await response.aread())

    try:
        await drive(texts[:concurrency], concurrency, send)  # warm up
        return await drive(texts, concurrency, send)
    finally:
        await client.close()
