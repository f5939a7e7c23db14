"""Many extractions: bounded concurrency, a reorder buffer, a cache, shared limits.

:func:`aextract_many` runs up to ``concurrency`` extractions at once on one event
loop and yields a :class:`~pactparse.batch.rows.Row` per input, as each completes (or in
input order with ``ordered=True``). :func:`extract_many` is its synchronous twin:
with one extraction at a time it runs inline, without an event loop or threads
(the fast path of the offline ``rules`` backend); otherwise it drives the async
engine on a background thread.

Every input gives exactly one row: errors of one input (bad text, a backend that
failed after its retries, an answer that never verified) become that input's error
row. Only a :class:`~pactparse.errors.ConfigurationError` (no API key, unknown
model…), which no other input could escape either, stops the whole run.

Memory stays flat: inputs are pulled lazily, and at most ``window`` rows are in
flight or waiting in the reorder buffer (when the oldest input is slow, the engine
stops taking new ones instead of buffering without bound).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import queue
import threading
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
)
from contextlib import aclosing, suppress
from dataclasses import dataclass, replace
from typing import Any, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

from ..backends.base import Backend
from ..errors import ConfigurationError, PactParseError, TransientBackendError
from ..pipeline import ExtractOptions, aextract, extract, resolve_backend
from ..schema import Pact
from .cache import ResultCache, cache_key, is_cacheable
from .limits import RateLimiter
from .lines import BadLine, InputLine, Line, line_from
from .rows import Row

__all__ = [
    "BatchOptions",
    "Extractor",
    "InputItem",
    "aextract_many",
    "attach_limiter",
    "extract_many",
]

#: What ``extract_many`` accepts: summaries, JSON-line-like mappings, or records.
InputItem: TypeAlias = str | Mapping[str, Any] | Line


class BatchOptions(BaseModel):
    """How a batch runs. Unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    concurrency: int | None = Field(
        default=None,
        ge=1,
        description="Extractions at once; default: the backend's default_concurrency",
    )
    ordered: bool = Field(
        default=False, description="Yield rows in input order instead of as they complete"
    )
    requests_per_minute: float | None = Field(default=None, gt=0)
    tokens_per_minute: float | None = Field(default=None, gt=0)
    window: int | None = Field(
        default=None,
        ge=1,
        description="Most rows in flight or waiting for an earlier one; default 16 × concurrency",
    )


def effective_concurrency(backend: Backend, batch: BatchOptions) -> int:
    return batch.concurrency or max(1, backend.default_concurrency)


def _window(concurrency: int, batch: BatchOptions) -> int:
    return batch.window or max(256, 16 * concurrency)


def attach_limiter(backend: Backend, limiter: RateLimiter) -> Callable[[], None] | None:
    """Give ``limiter`` to a backend that consults one around each HTTP request.

    Returns a function that detaches it again, or None when the backend takes no
    limiter (the engine then gates each extraction itself). A backend opts in on the
    seam (``takes_limiter`` and :meth:`~pactparse.backends.base.Backend.use_limiter`);
    one that already has a limiter of its own (given when it was created) keeps it.
    """
    if not backend.takes_limiter:
        return None
    previous = backend.use_limiter(limiter)
    if previous is not None:
        backend.use_limiter(previous)
        return lambda: None

    def detach() -> None:
        backend.use_limiter(None)

    return detach


# --------------------------------------------------------------------------- one input


@dataclass(slots=True)
class _Flight:
    done: asyncio.Event
    pact: Pact | None = None


class Extractor:
    """Turns one record into one row: cache lookup, extraction, error capture.

    ``on_unexpected`` sees exceptions that are not pactparse's own (bugs in a backend),
    which still become error rows. ``include_text`` keeps each input's text in its row.
    """

    def __init__(
        self,
        backend: Backend,
        options: ExtractOptions,
        *,
        cache: ResultCache | None = None,
        limiter: RateLimiter | None = None,
        gate: bool = False,
        on_unexpected: Callable[[BaseException], None] | None = None,
        include_text: bool = False,
    ) -> None:
        self.backend = backend
        self.include_text = include_text
        self.options = options
        self.cache = cache if cache is not None and is_cacheable(backend) else None
        self.limiter = limiter
        self.gate = gate and limiter is not None
        self._on_unexpected = on_unexpected
        self._flights: dict[str, _Flight] = {}

    def _key(self, record: InputLine) -> str | None:
        if self.cache is None:
            return None
        return cache_key(record.text, self.backend, record.reference_date, self.options)

    def _call(self, record: InputLine) -> dict[str, Any]:
        """The arguments of ``extract``/``aextract`` for ``record`` besides its text."""
        return {
            "backend": self.backend,
            "reference_date": record.reference_date,
            "id": record.id,
            "options": self.options,
        }

    def _failed(self, record: InputLine, exc: Exception) -> Row:
        if isinstance(exc, ConfigurationError):
            raise exc
        if not isinstance(exc, PactParseError) and self._on_unexpected is not None:
            self._on_unexpected(exc)
        return Row(record.id, record.line, error=exc)

    def _with_text(self, row: Row, record: Line) -> Row:
        if self.include_text and isinstance(record, InputLine):
            return replace(row, text=record.text)
        return row

    def run(self, record: Line) -> Row:
        """Synchronously: one row for ``record``."""
        return self._with_text(self._run(record), record)

    async def arun(self, record: Line) -> Row:
        """Asynchronously: one row for ``record``; identical texts in flight share one call."""
        return self._with_text(await self._arun(record), record)

    def _run(self, record: Line) -> Row:
        if isinstance(record, BadLine):
            return Row(record.id, record.line, error=record.error)
        key = self._key(record)
        if key is not None and self.cache is not None:
            hit = self.cache.get(key, id=record.id)
            if hit is not None:
                return Row(record.id, record.line, pact=hit, cached=True)
        try:
            pact = extract(record.text, **self._call(record))
        except Exception as exc:
            return self._failed(record, exc)
        if key is not None and self.cache is not None:
            self.cache.put(key, pact)
        return Row(record.id, record.line, pact=pact)

    async def _arun(self, record: Line) -> Row:
        if isinstance(record, BadLine):
            return Row(record.id, record.line, error=record.error)
        key = self._key(record)
        if key is None or self.cache is None:
            return await self._extract(record)
        while True:
            hit = self.cache.get(key, id=record.id)
            if hit is not None:
                return Row(record.id, record.line, pact=hit, cached=True)
            flight = self._flights.get(key)
            if flight is None:
                break
            await flight.done.wait()  # then look in the cache again (it failed: try ourselves)
        flight = self._flights[key] = _Flight(asyncio.Event())
        try:
            row = await self._extract(record)
            if row.pact is not None:
                self.cache.put(key, row.pact)
            return row
        finally:
            del self._flights[key]
            flight.done.set()

    async def _extract(self, record: InputLine) -> Row:
        limiter = self.limiter
        estimate = 0
        if self.gate and limiter is not None:
            estimate = len(record.text) // 3 + 800  # system prompt + summary + answer
            await limiter.acquire(estimate)
        try:
            pact = await aextract(record.text, **self._call(record))
        except TransientBackendError as exc:
            overloaded = exc.status_code == 429 or exc.retry_after is not None
            if self.gate and limiter is not None and overloaded:
                limiter.backoff(exc.retry_after)  # the backend could not tell the limiter itself
            return self._failed(record, exc)
        except Exception as exc:
            return self._failed(record, exc)
        if limiter is not None:
            usage = pact.provenance.usage
            limiter.settle(estimate, usage.prompt_tokens + usage.completion_tokens)
            limiter.success()
        return Row(record.id, record.line, pact=pact)


# --------------------------------------------------------------------------- the async engine


class _Source:
    """Hands out (position, record) pairs from a sync or async iterable, one at a time."""

    def __init__(
        self,
        items: Iterable[InputItem] | AsyncIterable[InputItem],
        reference_date: dt.date | None,
        max_chars: int,
    ) -> None:
        self._sync: Iterator[InputItem] | None = None
        self._async: AsyncIterator[InputItem] | None = None
        if isinstance(items, AsyncIterable):
            self._async = aiter(items)
        else:
            self._sync = iter(items)
        self._lock = asyncio.Lock()
        self._position = 0
        self._reference_date = reference_date
        self._max_chars = max_chars

    def _record(self, item: InputItem) -> tuple[int, Line]:
        seq = self._position
        self._position += 1
        record = line_from(
            item, seq + 1, reference_date=self._reference_date, max_chars=self._max_chars
        )
        return seq, record

    async def take(self) -> tuple[int, Line] | None:
        if self._sync is not None:
            try:
                item = next(self._sync)
            except StopIteration:
                return None
            return self._record(item)
        assert self._async is not None
        async with self._lock:
            try:
                item = await anext(self._async)
            except StopAsyncIteration:
                return None
            return self._record(item)


_Result = tuple[int, Row] | BaseException | None


async def _engine(
    source: _Source,
    work: Callable[[Line], Awaitable[Row]],
    *,
    concurrency: int,
    window: int,
    ordered: bool,
) -> AsyncGenerator[Row, None]:
    results: asyncio.Queue[_Result] = asyncio.Queue()
    slots = asyncio.Semaphore(window)

    async def worker() -> None:
        try:
            while True:
                await slots.acquire()
                taken = await source.take()
                if taken is None:
                    slots.release()
                    return
                seq, record = taken
                results.put_nowait((seq, await work(record)))
        except asyncio.CancelledError:
            raise
        except BaseException as exc:  # a fatal error: stop the whole run with it
            results.put_nowait(exc)
        finally:
            results.put_nowait(None)

    tasks = [asyncio.create_task(worker()) for _ in range(concurrency)]
    alive = len(tasks)
    pending: dict[int, Row] = {}
    expected = 0
    try:
        while alive:
            result = await results.get()
            if result is None:
                alive -= 1
                continue
            if isinstance(result, BaseException):
                raise result
            seq, row = result
            if not ordered:
                slots.release()
                yield row
                continue
            pending[seq] = row
            while expected in pending:
                ready = pending.pop(expected)
                expected += 1
                slots.release()
                yield ready
        assert not pending, "rows left in the reorder buffer"
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def aextract_many(
    inputs: Iterable[InputItem] | AsyncIterable[InputItem],
    *,
    backend: Backend | str | None = None,
    options: ExtractOptions | None = None,
    batch: BatchOptions | None = None,
    reference_date: dt.date | None = None,
    cache: ResultCache | None = None,
    limiter: RateLimiter | None = None,
    on_unexpected: Callable[[BaseException], None] | None = None,
    include_text: bool = False,
) -> AsyncGenerator[Row, None]:
    """Extract from many inputs at once; yields one :class:`Row` per input.

    ``inputs`` are summaries (id ``line-N``, N the 1-based position), mappings like a
    JSON input line (``text``, optional ``id``, ``reference_date``) or
    :class:`~pactparse.batch.lines.InputLine`. Rows come as they complete, each with its
    input's ``id`` and ``line``; ``BatchOptions(ordered=True)`` yields them in input
    order. ``cache`` (a :class:`~pactparse.batch.cache.ResultCache`) skips texts
    extracted before; ``limiter`` shares rate limits and backoff with other runs (one
    is made from ``batch``'s limits otherwise). ``include_text=True`` keeps each input's
    text in its row (``row.text``, written as ``"text"``), so that the rows alone are
    enough to review the records.

    Close the iterator if you stop early (``contextlib.aclosing``), so that the
    extractions in flight are cancelled at once.

        async for row in pactparse.aextract_many(texts, backend="openai"):
            print(row.id, row.ok)
    """
    engine = resolve_backend(backend)
    owned = not isinstance(backend, Backend)  # made here from a name: closed here
    options = options or ExtractOptions()
    batch = batch or BatchOptions()
    concurrency = effective_concurrency(engine, batch)
    if limiter is None:
        limiter = RateLimiter(
            requests_per_minute=batch.requests_per_minute,
            tokens_per_minute=batch.tokens_per_minute,
        )
    detach = attach_limiter(engine, limiter)
    extractor = Extractor(
        engine,
        options,
        cache=cache,
        limiter=limiter,
        gate=detach is None and limiter.limited,
        on_unexpected=on_unexpected,
        include_text=include_text,
    )
    source = _Source(inputs, reference_date, options.max_chars)
    try:
        async with aclosing(
            _engine(
                source,
                extractor.arun,
                concurrency=concurrency,
                window=_window(concurrency, batch),
                ordered=batch.ordered,
            )
        ) as rows:
            async for row in rows:
                yield row
    finally:
        if detach is not None:
            detach()
        if owned:
            await engine.aclose()


# --------------------------------------------------------------------------- the sync twin


def runs_inline(backend: Backend, batch: BatchOptions) -> bool:
    """Whether a batch runs one at a time in the caller's thread (no event loop)."""
    return effective_concurrency(backend, batch) == 1 and not (
        batch.requests_per_minute or batch.tokens_per_minute
    )


def extract_many(
    inputs: Iterable[InputItem],
    *,
    backend: Backend | str | None = None,
    options: ExtractOptions | None = None,
    batch: BatchOptions | None = None,
    reference_date: dt.date | None = None,
    cache: ResultCache | None = None,
    limiter: RateLimiter | None = None,
    on_unexpected: Callable[[BaseException], None] | None = None,
    include_text: bool = False,
) -> Iterator[Row]:
    """Synchronous twin of :func:`aextract_many`; same arguments, same rows.

        for row in pactparse.extract_many(["Mali and Niger signed a pact.", ...]):
            print(row.id, row.pact.status if row.ok else row.error)

    Close the generator if you stop early (``contextlib.closing``) to stop the
    extractions in flight at once.
    """
    engine = resolve_backend(backend)
    owned = not isinstance(backend, Backend)  # made here from a name: closed here
    options = options or ExtractOptions()
    batch = batch or BatchOptions()
    if runs_inline(engine, batch) and limiter is None:
        extractor = Extractor(
            engine,
            options,
            cache=cache,
            on_unexpected=on_unexpected,
            include_text=include_text,
        )
        try:
            for position, item in enumerate(inputs, start=1):
                record = line_from(
                    item, position, reference_date=reference_date, max_chars=options.max_chars
                )
                yield extractor.run(record)
        finally:
            if owned:
                engine.close()
        return

    async def rows() -> AsyncGenerator[Row, None]:
        try:
            async with aclosing(
                aextract_many(
                    inputs,
                    backend=engine,
                    options=options,
                    batch=batch,
                    reference_date=reference_date,
                    cache=cache,
                    limiter=limiter,
                    on_unexpected=on_unexpected,
                    include_text=include_text,
                )
            ) as inner:
                async for row in inner:
                    yield row
        finally:
            if owned:
                await engine.aclose()

    yield from _bridge(rows, maxsize=_window(effective_concurrency(engine, batch), batch))


_DONE = object()


def _bridge(make: Callable[[], AsyncGenerator[Row, None]], *, maxsize: int) -> Iterator[Row]:
    """Run an async row iterator on a private event loop in a thread; yield its rows."""
    handoff: queue.Queue[Any] = queue.Queue(maxsize=maxsize)
    started = threading.Event()
    state: dict[str, Any] = {}

    async def pump() -> None:
        state["task"] = asyncio.current_task()
        state["loop"] = asyncio.get_running_loop()
        started.set()
        try:
            async with aclosing(make()) as rows:
                async for row in rows:
                    try:
                        handoff.put_nowait(row)
                    except queue.Full:
                        await asyncio.to_thread(handoff.put, row)
        except asyncio.CancelledError:
            return
        except BaseException as exc:
            handoff.put(exc)
            return
        handoff.put(_DONE)

    thread = threading.Thread(target=asyncio.run, args=(pump(),), daemon=True)
    thread.start()
    started.wait()
    try:
        while True:
            item = handoff.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        # Stop a pump still running (the caller closed early); one that has ended may
        # have closed its loop already, which then refuses the call.
        with suppress(RuntimeError):
            state["loop"].call_soon_threadsafe(state["task"].cancel)
        while thread.is_alive():  # unblock a pump waiting on a full queue
            with suppress(queue.Empty):
                handoff.get_nowait()
            thread.join(0.01)
