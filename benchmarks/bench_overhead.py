"""Per-record library overhead of pactparse versus instructor, on the same stub server.

Overhead is the time a record takes beyond the server's latency: the client-side
work of building the request, sending it, parsing and checking the answer (and, for
pactparse, verifying and grounding every value). The server's latency is what a
client with no library sees: a bare asyncio HTTP client, measured in the same run,
takes the stub's fixed delay plus loopback, the stub's own work and this machine's
wake-up time (several milliseconds on this VM after each idle wait); that floor is
subtracted from both libraries, and the uncorrected figures are printed too. Both
libraries make the same call —
the same messages, a JSON-schema ``response_format``, a pydantic model of the same
shape (pactparse's ``Draft``) — to a loopback stub in its own process, measured in
the same run:

* sequentially: one record after the other (latency 20 ms, N = 200);
* concurrently: asyncio with a semaphore of 32 for instructor (its own batch recipe),
  ``aextract_many(concurrency=32)`` for pactparse (latency 100 ms, N = 500).

Target: pactparse's overhead at most 0.5× instructor's. instructor is a benchmark-only
dependency: ``pip install instructor`` (the ``bench`` extra).

    .venv/bin/python benchmarks/bench_overhead.py
"""

from __future__ import annotations

import argparse
import asyncio
import time

from common import bare_client, machine, report, summary
from stub import stub_server

import pactparse
from pactparse.backends.base import Request
from pactparse.backends.chat.prompt import build_messages
from pactparse.backends.openai import OpenAIBackend
from pactparse.batch import BatchOptions
from pactparse.draft import Draft

try:
    import instructor
    import openai
except ImportError as exc:  # pragma: no cover - a benchmark-only dependency
    raise SystemExit(
        f"this benchmark needs instructor ({exc}); install it with: "
        ".venv/bin/pip install instructor   (or the project's bench extra)"
    ) from None


def instructor_client(url: str) -> instructor.AsyncInstructor:
    raw = openai.AsyncOpenAI(base_url=url, api_key="not-needed", max_retries=0, timeout=30)
    return instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)


async def close(client: instructor.AsyncInstructor) -> None:
    raw = getattr(client, "client", None)
    if raw is not None:
        await raw.close()


async def instructor_one(client: instructor.AsyncInstructor, text: str) -> Draft:
    draft: Draft = await client.chat.completions.create(
        model="stub",
        response_model=Draft,
        messages=build_messages(Request(text)),  # type: ignore[arg-type]
        max_retries=0,
        temperature=0.0,
        max_tokens=700,
    )
    return draft


async def sequential(url: str, texts: list[str]) -> tuple[float, float, float]:
    backend = OpenAIBackend(model="stub", base_url=url, timeout=30)
    client = instructor_client(url)
    for text in texts[:5]:  # warm up both
        await pactparse.aextract(text, backend=backend)
        await instructor_one(client, text)
    started = time.perf_counter()
    for text in texts:
        await pactparse.aextract(text, backend=backend)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        await instructor_one(client, text)
    theirs = time.perf_counter() - started
    await backend.aclose()
    await close(client)
    floor = await bare_client(url, texts, 1)
    return ours, theirs, floor


async def concurrent(url: str, texts: list[str], concurrency: int) -> tuple[float, float, float]:
    backend = OpenAIBackend(model="stub", base_url=url, timeout=30)
    client = instructor_client(url)
    batch = BatchOptions(concurrency=concurrency)
    async for _ in pactparse.aextract_many(texts[:concurrency], backend=backend, batch=batch):
        pass
    await asyncio.gather(*(instructor_one(client, t) for t in texts[:concurrency]))

    started = time.perf_counter()
    ok = 0
    async for row in pactparse.aextract_many(texts, backend=backend, batch=batch):
        ok += row.ok
    ours = time.perf_counter() - started
    assert ok == len(texts)

    semaphore = asyncio.Semaphore(concurrency)

    async def limited(text: str) -> Draft:
        async with semaphore:
            return await instructor_one(client, text)

    started = time.perf_counter()
    await asyncio.gather(*(limited(t) for t in texts))
    theirs = time.perf_counter() - started
    await backend.aclose()
    await close(client)
    floor = await bare_client(url, texts, concurrency)
    return ours, theirs, floor


def compare(name: str, ours_ms: float, theirs_ms: float, floor_ms: float) -> None:
    """Report pactparse's overhead against instructor's, beyond the bare client's floor."""
    report(
        name,
        f"{ours_ms - floor_ms:.2f} ms/record",
        (ours_ms - floor_ms) / (theirs_ms - floor_ms),
        f"instructor {theirs_ms - floor_ms:.2f} ms/record",
        "<= 0.5",
    )
    print(
        f"  (uncorrected: pactparse {ours_ms:.2f}, instructor {theirs_ms:.2f} ms/record, "
        f"ratio {ours_ms / theirs_ms:.3f}; bare-client floor {floor_ms:.2f} ms/record)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n-sequential", type=int, default=200)
    parser.add_argument("--latency-sequential", type=float, default=0.02)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    print(f"# per-record overhead, pactparse vs instructor {instructor.__version__} — {machine()}")

    texts = [summary(i) for i in range(args.n_sequential)]
    latency = args.latency_sequential
    with stub_server(latency) as url:
        times = asyncio.run(sequential(url, texts))
    ours_ms, theirs_ms, floor_ms = ((t / len(texts) - latency) * 1000 for t in times)
    compare(f"sequential, N={len(texts)}, {latency * 1000:.0f} ms", ours_ms, theirs_ms, floor_ms)

    texts = [summary(i) for i in range(args.n)]
    latency, c = args.latency, args.concurrency
    with stub_server(latency) as url:
        times = asyncio.run(concurrent(url, texts, c))
    ideal = len(texts) * latency / c
    ours_ms, theirs_ms, floor_ms = ((t - ideal) * c / len(texts) * 1000 for t in times)
    compare(
        f"concurrent {c}, N={len(texts)}, {latency * 1000:.0f} ms", ours_ms, theirs_ms, floor_ms
    )
    ours, theirs, floor = times
    print(
        f"  (wall: pactparse {ours:.3f} s, instructor {theirs:.3f} s, "
        f"bare client {floor:.3f} s, ideal {ideal:.3f} s)"
    )


if __name__ == "__main__":
    main()
