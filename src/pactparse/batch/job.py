"""An extraction job: an input file in, an output file of rows out, resumable.

This is what ``pactparse extract`` runs; the CLI only parses its arguments into an
:class:`ExtractJob`. :func:`run_extract` reads the input as a stream, skips the
lines a resumed output already answers, extracts the rest (inline, or on the async
engine for concurrent backends), writes each row durably, shows progress and
returns the counts. A :class:`StopRequest` (what the CLI sets on Ctrl-C or SIGTERM)
stops it cleanly between two rows, and so does a ``KeyboardInterrupt``: every row
finished in order is kept and the returned :class:`JobResult` says it was interrupted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import sys
import threading
from collections.abc import AsyncGenerator, Callable, Iterator
from contextlib import aclosing, closing, suppress
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Literal, TextIO

from ..backends.base import Backend
from ..errors import ConfigurationError, InputError, PactParseError
from ..pipeline import ExtractOptions
from .cache import ResultCache
from .engine import BatchOptions, Extractor, aextract_many, attach_limiter, runs_inline
from .limits import RateLimiter
from .lines import InputFormat, Line, count_lines, open_lines
from .output import ResumePoint, open_sink, output_error, prepare_output
from .progress import make_progress, wants_progress
from .rows import Row, Wording
from .summary import BatchStats
from .workers import DEFAULT_INLINE_ROWS, WorkerPool, auto_workers, merge_stats

__all__ = ["ExtractJob", "JobResult", "StopRequest", "run_extract"]

#: The inline path buffers rows up to this size per write (whole lines only).
_INLINE_BUFFER = 1 << 16


#: How often a concurrent job looks for a stop request while no row completes.
_STOP_POLL = 0.05


class StopRequest:
    """Asks a running job to stop at the next row boundary.

    Safe to set from a signal handler or another thread; ``signum`` records which
    signal asked, if one did.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self.signum: int | None = None

    def set(self, signum: int | None = None) -> None:
        self.signum = signum
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True, slots=True)
class ExtractJob:
    """Where a job reads and writes, and how it treats an existing output."""

    input: str
    output: Path | None = None
    input_format: InputFormat = "auto"
    reference_date: dt.date | None = None
    resume: bool = False
    force: bool = False
    #: None: a progress bar only on a terminal, never in CI.
    progress: bool | None = None
    #: Each row ends with ``"text"``, the summary it answers (``--include-text``).
    include_text: bool = False
    fsync_interval: float = 5.0
    #: Rewrites error rows' messages (the CLI puts them in its own terms).
    wording: Wording | None = None


@dataclass(slots=True)
class JobResult:
    stats: BatchStats
    resume_point: ResumePoint = field(default_factory=ResumePoint)
    interrupted: bool = False
    #: The problem of the whole job that ended it early (rows written before are kept).
    stopped: PactParseError | None = None
    #: Rows this run wrote whole (fewer than ``stats.rows`` when a write failed).
    written: int = 0

    @property
    def rows_in_output(self) -> int:
        return self.resume_point.rows + self.written


def _skip_done(records: Iterator[Line], point: ResumePoint, output: Path) -> Iterator[Line]:
    """The records the output does not answer yet; checks the output fits this input."""
    last_line = 0
    for record in records:
        last_line = record.line
        if not point.is_done(record.line):
            yield record
            continue
        if point.ordered and record.line == point.rows and record.id != point.last_id:
            raise ConfigurationError(
                f"output {output} has {point.rows:,} rows, the last for id {point.last_id!r}, "
                f"but input line {record.line} has id {record.id!r}: it was written from another "
                "input. Give the same input, or pass --force to start over"
            )
    if point.rows and point.last_line > last_line:
        raise ConfigurationError(
            f"output {output} answers input line {point.last_line:,} but the input has only "
            f"{last_line:,} lines: it was written from another input. Give the same input, "
            "or pass --force to start over"
        )


def _prepare(job: ExtractJob, ordered: bool) -> ResumePoint:
    if job.resume and job.force:
        raise ConfigurationError(
            "--resume and --force contradict each other: --resume finishes the job that "
            "wrote the output, --force starts it over; pass one of them"
        )
    if job.output is None:
        if job.resume:
            raise ConfigurationError("--resume needs an output file: add -o OUT.jsonl")
        return ResumePoint(ordered=ordered)
    if job.input != "-" and job.output.resolve() == Path(job.input).resolve():
        raise ConfigurationError("the output file is the input file; choose another -o")
    return prepare_output(job.output, resume=job.resume, force=job.force, ordered=ordered)


def _first(records: Iterator[Line], name: str) -> Iterator[Line]:
    """``records`` unchanged; raises :class:`InputError` now if there are none at all."""
    first = next(records, None)
    if first is None:
        where = "standard input" if name == "-" else f"input {name}"
        raise InputError(f"{where} is empty: there is no line to extract from")
    return itertools.chain((first,), records)


def run_extract(
    job: ExtractJob,
    *,
    backend: Backend,
    options: ExtractOptions | None = None,
    batch: BatchOptions | None = None,
    cache: ResultCache | None = None,
    stderr: TextIO | None = None,
    on_unexpected: Callable[[BaseException], None] | None = None,
    stop: StopRequest | None = None,
    workers: int | Literal["auto"] = 1,
) -> JobResult:
    """Run ``job``; see the module documentation.

    ``workers`` processes extract at once when the backend runs one extraction at a
    time; ``"auto"`` (the CLI's default) is every core for a backend cheaper than a
    cache lookup, like ``rules``, else one (see :mod:`pactparse.batch.workers`; a script
    that starts workers needs the ``if __name__ == "__main__":`` guard of
    multiprocessing).

    Raises :class:`~pactparse.errors.ConfigurationError`,
    :class:`~pactparse.errors.InputError` or :class:`~pactparse.errors.OutputError` for
    problems found before any row is written (missing or empty input, an output that
    exists or cannot be written, bad options). A problem of the whole job found later (the
    backend turned out unusable, the disk filled up, the input stopped being readable)
    ends the job with the rows written so far kept: the result's ``stopped`` holds it.
    A reader that went away (``BrokenPipeError`` on standard output) is raised as is.
    """
    options = options or ExtractOptions()
    batch = batch or BatchOptions(ordered=True)
    stderr = stderr or sys.stderr
    point = _prepare(job, batch.ordered)
    stats = BatchStats(resumed=point.rows)
    result = JobResult(stats=stats, resume_point=point)
    inline = runs_inline(backend, batch)
    limiter = RateLimiter(
        requests_per_minute=batch.requests_per_minute, tokens_per_minute=batch.tokens_per_minute
    )
    pool = _pool(job, backend, options, batch, cache, workers, inline, on_unexpected)

    show = wants_progress(stderr, job.progress)
    if show and job.progress is None and job.output is None:
        show = not sys.stdout.isatty()  # rows and a bar on one screen: rows win
    with open_lines(
        job.input,
        format=job.input_format,
        reference_date=job.reference_date,
        max_chars=options.max_chars,
    ) as records:
        todo = _first(records, job.input)
        if point.rows and job.output is not None:
            todo = _skip_done(todo, point, job.output)
        sink = open_sink(
            job.output,
            with_line=not batch.ordered,
            buffer_bytes=_INLINE_BUFFER if inline else 0,
            fsync_interval=job.fsync_interval,
            wording=job.wording,
        )
        progress = make_progress(
            stderr,
            count_lines(job.input) if show else None,
            enabled=show,
            already=point.rows,
            status=limiter.retry_status,
        )
        detach = attach_limiter(backend, limiter) if inline else None
        try:

            def emit(row: Row) -> None:
                sink.write(row)
                stats.add(row)
                progress.update(stats)

            if inline:
                extractor = Extractor(
                    backend,
                    options,
                    cache=cache,
                    on_unexpected=on_unexpected,
                    include_text=job.include_text,
                )
                head = todo if pool is None else islice(todo, DEFAULT_INLINE_ROWS)
                for record in head:
                    if stop is not None and stop.requested:
                        result.interrupted = True
                        break
                    emit(extractor.run(record))
                if pool is not None and not result.interrupted:
                    with closing(pool.run(todo)) as chunks:
                        for chunk in chunks:
                            sink.write_encoded(chunk.data, chunk.stats.rows)
                            merge_stats(stats, chunk.stats)
                            progress.update(stats)
                            if stop is not None and stop.requested:
                                result.interrupted = True
                                break
            else:
                rows = aextract_many(
                    todo,
                    backend=backend,
                    options=options,
                    batch=batch,
                    cache=cache,
                    limiter=limiter,
                    on_unexpected=on_unexpected,
                    include_text=job.include_text,
                )
                result.interrupted = asyncio.run(_drain(rows, emit, stop))
        except KeyboardInterrupt:
            result.interrupted = True
        except BrokenPipeError:
            raise
        except PactParseError as exc:
            result.stopped = exc
        except OSError as exc:
            result.stopped = output_error(job.output, exc, rows=point.rows + sink.good_rows)
        finally:
            if detach is not None:
                detach()
            stats.retries = max(stats.retries, limiter.retries)
            stats.finish()
            progress.close()
            try:
                sink.close()
            except BrokenPipeError:
                pass
            except OSError as exc:
                result.stopped = result.stopped or output_error(
                    job.output, exc, rows=point.rows + sink.good_rows
                )
            result.written = sink.good_rows
    return result


def _pool(
    job: ExtractJob,
    backend: Backend,
    options: ExtractOptions,
    batch: BatchOptions,
    cache: ResultCache | None,
    workers: int | Literal["auto"],
    inline: bool,
    on_unexpected: Callable[[BaseException], None] | None,
) -> WorkerPool | None:
    """The worker pool of a job, or None when it runs in one process."""
    auto = workers == "auto"
    if workers != "auto" and workers > 1 and not inline:
        raise ConfigurationError(
            "--workers runs one extraction at a time in each process; it does not combine "
            "with --concurrency or request/token limits: drop one of them"
        )
    count = (auto_workers(backend) if inline else 1) if workers == "auto" else workers
    if count < 2:
        return None
    try:
        return WorkerPool(
            backend,
            options,
            workers=count,
            cache=cache,
            ordered=batch.ordered,
            on_unexpected=on_unexpected,
            include_text=job.include_text,
            wording=job.wording,
        )
    except ConfigurationError:
        if auto:  # a backend that cannot be copied runs here
            return None
        raise


async def _drain(
    rows: AsyncGenerator[Row, None], emit: Callable[[Row], None], stop: StopRequest | None
) -> bool:
    """Emit every row; True when ``stop`` ended it early (the work in flight is cancelled)."""

    async def consume() -> None:
        async with aclosing(rows):
            async for row in rows:
                emit(row)

    consumer = asyncio.create_task(consume())
    while not consumer.done():
        if stop is not None and stop.requested:
            consumer.cancel()
            with suppress(asyncio.CancelledError):
                await consumer
            return True
        await asyncio.wait({consumer}, timeout=_STOP_POLL)
    consumer.result()  # a fatal error of the run
    return False
