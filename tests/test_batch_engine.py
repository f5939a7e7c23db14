from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import aclosing, closing
from pathlib import Path

import pytest

import pactparse
from pactparse import BackendError, ConfigurationError, ExtractOptions
from pactparse.batch import BatchOptions, ResultCache
from pactparse.batch.lines import InputLine
from support.backends import ScriptedBackend

COUNTRIES = ["France", "Germany", "Japan", "India", "Brazil", "Kenya", "Mali", "Niger"]


def summary(i: int) -> str:
    a, b = COUNTRIES[i % 8], COUNTRIES[(i + 3) % 8]
    return f"{a} and {b} have signed defence pact number {i}."


def test_public_api_exports_batch_functions() -> None:
    assert "extract_many" in pactparse.__all__
    assert "aextract_many" in pactparse.__all__


# --------------------------------------------------------------------------- rows and order


async def test_rows_come_as_they_complete_with_ids() -> None:
    # the first input is the slowest: unordered rows overtake it
    backend = ScriptedBackend(delay=lambda text: 0.2 if "number 0." in text else 0.0)
    texts = [summary(i) for i in range(6)]
    rows = [row async for row in pactparse.aextract_many(texts, backend=backend)]
    assert sorted(r.id for r in rows) == [f"line-{i}" for i in range(1, 7)]
    assert rows[-1].id == "line-1"
    assert all(r.ok for r in rows)
    by_id = {r.id: r for r in rows}
    pact = by_id["line-2"].pact
    assert pact is not None and pact.source.id == "line-2"
    assert [p.code for p in pact.parties] == ["DEU", "BRA"]


async def test_ordered_rows_follow_input_order() -> None:
    rng = random.Random(3)
    delays = {summary(i): rng.uniform(0, 0.03) for i in range(40)}
    backend = ScriptedBackend(delay=delays.__getitem__)
    rows = [
        row
        async for row in pactparse.aextract_many(
            [summary(i) for i in range(40)],
            backend=backend,
            batch=BatchOptions(ordered=True, concurrency=8),
        )
    ]
    assert [r.line for r in rows] == list(range(1, 41))
    assert backend.max_in_flight == 8


async def test_concurrency_is_bounded_and_default_comes_from_backend() -> None:
    backend = ScriptedBackend(delay=lambda text: 0.01)
    rows = [
        r async for r in pactparse.aextract_many([summary(i) for i in range(50)], backend=backend)
    ]
    assert len(rows) == 50
    assert backend.max_in_flight == ScriptedBackend.default_concurrency


async def test_reorder_window_bounds_what_is_held() -> None:
    """A stuck first input stops the engine from taking more than `window` inputs."""
    taken = 0
    release = asyncio.Event()

    def items() -> Iterator[str]:
        nonlocal taken
        for i in range(10_000):
            taken += 1
            yield summary(i)

    backend = ScriptedBackend()
    original = backend.apropose

    async def apropose(request, feedback=()):  # type: ignore[no-untyped-def]
        if "number 0." in request.text:
            await release.wait()
        return await original(request, feedback)

    backend.apropose = apropose  # type: ignore[method-assign]
    rows = pactparse.aextract_many(
        items(), backend=backend, batch=BatchOptions(ordered=True, concurrency=4, window=20)
    )
    async with aclosing(rows):
        first = asyncio.ensure_future(anext(rows))
        await asyncio.sleep(0.2)
        assert not first.done()
        assert taken <= 20 + 1
        release.set()
        assert (await first).line == 1
        count = 1
        async for _ in rows:
            count += 1
    assert count == 10_000


async def test_bad_inputs_become_error_rows_in_place() -> None:
    backend = ScriptedBackend()
    inputs: list[object] = [
        summary(1),
        "",
        {"id": "m", "text": summary(2)},
        {"id": "no-text"},
        42,
        "\x00\x01\x02\x03 binary",
    ]
    rows = [
        r
        async for r in pactparse.aextract_many(
            inputs,  # type: ignore[arg-type]
            backend=backend,
            batch=BatchOptions(ordered=True),
        )
    ]
    assert [(r.id, r.ok, r.error_type) for r in rows] == [
        ("line-1", True, None),
        ("line-2", False, "InputError"),
        ("m", True, None),
        ("no-text", False, "InputError"),
        ("line-5", False, "InputError"),
        ("line-6", False, "InputError"),
    ]


async def test_backend_failures_are_error_rows_and_the_rest_go_on() -> None:
    def fail(text: str) -> None:
        if "number 3." in text:
            raise BackendError("HTTP 400 from the server: bad request")
        if "number 5." in text:
            raise KeyError("a bug in a backend")

    seen: list[BaseException] = []
    rows = [
        r
        async for r in pactparse.aextract_many(
            [summary(i) for i in range(8)],
            backend=ScriptedBackend(fail=fail),
            batch=BatchOptions(ordered=True),
            on_unexpected=seen.append,
        )
    ]
    assert [r.error_type for r in rows] == [None] * 3 + ["BackendError", None, "KeyError"] + [
        None
    ] * 2
    assert len(seen) == 1 and isinstance(seen[0], KeyError)


async def test_configuration_error_stops_the_run() -> None:
    def fail(text: str) -> None:
        raise ConfigurationError("no API key")

    with pytest.raises(ConfigurationError, match="no API key"):
        async for _ in pactparse.aextract_many(
            [summary(i) for i in range(100)], backend=ScriptedBackend(fail=fail)
        ):
            pass


async def test_async_iterable_input() -> None:
    async def texts() -> AsyncIterator[str]:
        for i in range(20):
            await asyncio.sleep(0)
            yield summary(i)

    rows = [r async for r in pactparse.aextract_many(texts(), backend=ScriptedBackend())]
    assert sorted(r.line for r in rows) == list(range(1, 21))


async def test_closing_early_cancels_work_in_flight() -> None:
    backend = ScriptedBackend(delay=lambda text: 0.0 if "number 0." in text else 30)
    started = time.monotonic()
    rows = pactparse.aextract_many([summary(i) for i in range(50)], backend=backend)
    async with aclosing(rows):
        first = await anext(rows)
    assert first.line == 1
    assert time.monotonic() - started < 5
    await asyncio.sleep(0.05)
    assert backend.in_flight == 0


# --------------------------------------------------------------------------- the cache


async def test_identical_texts_are_extracted_once(tmp_path: Path) -> None:
    backend = ScriptedBackend(delay=lambda text: 0.05)
    cache = ResultCache.in_dir(tmp_path)
    inputs = [{"id": f"r{i}", "text": summary(i % 3)} for i in range(12)]
    rows = [
        r
        async for r in pactparse.aextract_many(
            inputs, backend=backend, cache=cache, batch=BatchOptions(concurrency=12)
        )
    ]
    assert len(rows) == 12 and all(r.ok for r in rows)
    assert sum(backend.calls.values()) == 3  # concurrent duplicates waited for the first
    assert sum(r.cached for r in rows) == 9
    for row in rows:
        assert row.pact is not None and row.pact.source.id == row.id
    # a second run takes everything from the cache
    again = ScriptedBackend()
    rows = [r async for r in pactparse.aextract_many(inputs, backend=again, cache=cache)]
    assert not again.calls and all(r.cached for r in rows)


async def test_failed_leader_lets_a_duplicate_try_itself(tmp_path: Path) -> None:
    attempts = 0

    def fail(text: str) -> None:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise BackendError("flaky")

    backend = ScriptedBackend(delay=lambda text: 0.02, fail=fail)
    rows = [
        r
        async for r in pactparse.aextract_many(
            [summary(1)] * 3,
            backend=backend,
            cache=ResultCache.in_dir(tmp_path),
            batch=BatchOptions(ordered=True),
        )
    ]
    assert [r.ok for r in rows] == [False, True, True]
    assert attempts == 2


def test_rules_backend_is_not_cached(tmp_path: Path) -> None:
    cache = ResultCache.in_dir(tmp_path)
    rows = list(pactparse.extract_many([summary(1)] * 3, backend="rules", cache=cache))
    assert all(r.ok and not r.cached for r in rows)
    assert len(cache) == 0


# --------------------------------------------------------------------------- the sync twin


def test_extract_many_inline_for_concurrency_one() -> None:
    backend = ScriptedBackend()
    threads: set[int] = set()
    original = backend.propose

    def propose(request, feedback=()):  # type: ignore[no-untyped-def]
        threads.add(threading.get_ident())
        return original(request, feedback)

    backend.propose = propose  # type: ignore[method-assign]
    rows = list(
        pactparse.extract_many(
            [summary(i) for i in range(5)], backend=backend, batch=BatchOptions(concurrency=1)
        )
    )
    assert [r.line for r in rows] == [1, 2, 3, 4, 5]
    assert threads == {threading.get_ident()}  # no worker threads, no event loop


def test_extract_many_concurrent_in_a_background_loop() -> None:
    backend = ScriptedBackend(delay=lambda text: 0.05)
    started = time.monotonic()
    rows = list(
        pactparse.extract_many(
            [summary(i) for i in range(40)],
            backend=backend,
            batch=BatchOptions(concurrency=20, ordered=True),
        )
    )
    assert [r.line for r in rows] == list(range(1, 41))
    assert time.monotonic() - started < 1.0  # 40 × 50 ms sequentially would be 2 s
    assert backend.max_in_flight == 20


def test_extract_many_closed_early_stops_the_loop() -> None:
    backend = ScriptedBackend(delay=lambda text: 0.0 if "number 0." in text else 30)
    started = time.monotonic()
    with closing(
        pactparse.extract_many(
            [summary(i) for i in range(30)], backend=backend, batch=BatchOptions(concurrency=4)
        )
    ) as rows:
        assert next(rows).line == 1
    assert time.monotonic() - started < 5


def test_extract_many_raises_configuration_errors() -> None:
    def fail(text: str) -> None:
        raise ConfigurationError("no model")

    with pytest.raises(ConfigurationError):
        list(
            pactparse.extract_many(
                ["Mali and Niger signed a pact."], backend=ScriptedBackend(fail=fail)
            )
        )


def test_extract_options_reach_the_pipeline() -> None:
    from pactparse.testing import FakeBackend
    from support.backends import draft_for

    bad = draft_for("France").model_copy(update={"parties": ["Atlantis"]})
    backend = FakeBackend([bad])
    rows = list(
        pactparse.extract_many(
            [InputLine(1, "a", "France and Germany signed a pact.")],
            backend=backend,
            options=ExtractOptions(max_reasks=1, on_unverified="raise"),
        )
    )
    assert rows[0].error_type == "ExtractionError"
    assert len(backend.calls) == 2


def test_a_backend_made_from_a_name_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[str] = []

    class Closing(ScriptedBackend):
        def close(self) -> None:
            closed.append("close")

    monkeypatch.setattr("pactparse.pipeline.get_backend", lambda name=None: Closing())
    list(pactparse.extract_many([summary(1)], backend="x", batch=BatchOptions(concurrency=1)))
    list(pactparse.extract_many([summary(1)] * 3, backend="x", batch=BatchOptions(concurrency=2)))
    given = Closing()
    list(pactparse.extract_many([summary(1)], backend=given))
    assert closed == ["close", "close"]  # the caller's own backend stays open


# --------------------------------------------------------------------------- shared limiter


def test_the_job_limiter_is_lent_to_the_openai_backend_and_taken_back() -> None:
    from pactparse.backends.openai import OpenAIBackend
    from pactparse.batch.engine import attach_limiter
    from pactparse.batch.limits import RateLimiter

    backend = OpenAIBackend(model="m", base_url="http://127.0.0.1:9/v1", api_key="x")
    job = RateLimiter(requests_per_minute=60)
    detach = attach_limiter(backend, job)
    assert detach is not None
    assert backend.use_limiter(None) is job  # lent for the job
    backend.use_limiter(job)
    detach()
    assert backend.use_limiter(None) is None  # taken back afterwards

    own = RateLimiter()
    mine = OpenAIBackend(model="m", base_url="http://127.0.0.1:9/v1", api_key="x", limiter=own)
    keep = attach_limiter(mine, job)
    assert keep is not None
    keep()
    assert mine.use_limiter(None) is own  # a limiter given at creation is kept


def test_a_backend_without_the_hook_is_gated_by_the_engine() -> None:
    from pactparse.batch.engine import attach_limiter
    from pactparse.batch.limits import RateLimiter

    assert attach_limiter(ScriptedBackend(), RateLimiter()) is None


def test_many_short_sync_batches_end_cleanly() -> None:
    """Regression: a sync batch ending while its background loop closed could raise
    "Event loop is closed" (about 1 run in 200 before the fix)."""
    backend = ScriptedBackend()
    texts = [summary(1), summary(2)]
    for _ in range(2000):
        rows = list(
            pactparse.extract_many(texts, backend=backend, batch=BatchOptions(concurrency=8))
        )
        assert [r.ok for r in rows] == [True, True]
