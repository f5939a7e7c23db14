"""Batch wall time against the ideal N × latency / concurrency.

A loopback stub OpenAI-compatible server (its own process) answers every request
after a fixed latency (100 ms). N = 500 summaries are extracted at concurrency 32;
the ideal is what a perfect client would take, N × latency / concurrency.
Target: at most 1.10× the ideal. Four figures, measured in the same run:

* the batch engine alone (a backend that waits the latency, no HTTP): what
  ``aextract_many`` itself adds;
* ``pactparse.aextract_many`` through the openai backend to the stub: the whole stack;
* the official openai client alone posting the same requests (no validation, no
  verification): what the client library pactparse is built on costs by itself;
* a bare asyncio client (hand-written HTTP/1.1, no library): the floor this machine
  and stub allow.

    .venv/bin/python benchmarks/bench_batch.py [--n 500] [--latency 0.1] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Sequence
from typing import ClassVar

from common import bare_client, default_draft, machine, official_client, report, summary
from stub import stub_server

import pactparse
from pactparse.backends.base import Backend, Feedback, Proposal, Request
from pactparse.backends.openai import OpenAIBackend
from pactparse.batch import BatchOptions
from pactparse.draft import Draft


class SleepingBackend(Backend):
    """Answers after ``latency`` seconds, like a server would, without any HTTP."""

    name: ClassVar[str] = "sleeping"

    def __init__(self, latency: float) -> None:
        self.latency = latency

    def propose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        raise NotImplementedError

    async def apropose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        await asyncio.sleep(self.latency)
        draft = Draft.model_validate(default_draft(request.text))
        return Proposal(draft=draft, raw=draft.model_dump_json())


async def batch(backend: Backend, texts: list[str], concurrency: int) -> float:
    async for _ in pactparse.aextract_many(texts[:concurrency], backend=backend):
        pass  # warm up: connections, caches
    started = time.perf_counter()
    ok = 0
    async for row in pactparse.aextract_many(
        texts, backend=backend, batch=BatchOptions(concurrency=concurrency)
    ):
        ok += row.ok
    wall = time.perf_counter() - started
    assert ok == len(texts), f"only {ok} of {len(texts)} rows ok"
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    n, latency, concurrency = args.n, args.latency, args.concurrency
    texts = [summary(i) for i in range(n)]
    ideal = n * latency / concurrency
    label = f"N={n}, {latency * 1000:.0f} ms, concurrency {concurrency}"
    print(f"# batch wall time, {label} — {machine()}")
    engine = asyncio.run(batch(SleepingBackend(latency), texts, concurrency))
    with stub_server(latency) as url:

        async def through_openai() -> float:
            backend = OpenAIBackend(model="stub", base_url=url, timeout=30)
            try:
                return await batch(backend, texts, concurrency)
            finally:
                await backend.aclose()

        stack = asyncio.run(through_openai())
        sdk = asyncio.run(official_client(url, texts, concurrency))
        floor = asyncio.run(bare_client(url, texts, concurrency))
    baseline = f"ideal {ideal:.3f} s"
    report(
        "engine alone (backend waits the latency)",
        f"{engine:.3f} s",
        engine / ideal,
        baseline,
        "<= 1.10",
    )
    report(
        "aextract_many, openai backend -> stub",
        f"{stack:.3f} s",
        stack / ideal,
        baseline,
        "<= 1.10",
    )
    report("official openai client alone -> stub", f"{sdk:.3f} s", sdk / ideal, baseline)
    report("bare asyncio HTTP client -> stub (floor)", f"{floor:.3f} s", floor / ideal, baseline)


if __name__ == "__main__":
    main()
