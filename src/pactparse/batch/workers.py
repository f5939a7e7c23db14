"""Extraction in several processes: every core for a CPU-bound backend (``--workers N``).

The offline ``rules`` backend spends about a millisecond of pure Python per summary,
so one process uses one core whatever the concurrency. :class:`WorkerPool` runs the
same :class:`~pactparse.batch.engine.Extractor` in N processes: the job's own and
N − 1 worker processes it starts, each worker with its own copy of the backend (sent
once, pickled) and its own handle on the cache:

* the job's process reads the input, sends chunks of records to the workers (each
  worker has its own pipe and at most two chunks: one at work, one waiting), writes
  the rows and, whenever every worker has its two chunks and no answer waits, extracts
  a half-size chunk itself: N processes on N cores, none of them waiting for a core
  while the job's process feeds the others (a job's process that only fed N workers
  competed with them for the N cores);
* a worker sends back each chunk's rows already encoded as output lines, with their
  counts (:class:`~pactparse.batch.summary.BatchStats`), so the job's process does
  little per row of a worker (that cost bounds how many workers pay off: on a large
  machine the job's process extracts less and less, and feeding is all it does at
  about 1 / (its cost per row); see ``benchmarks/bench_workers.py``);
* rows are released in input order (a reorder buffer of at most ``8 × workers``
  chunks keeps memory flat), or as chunks complete with ``ordered=False``: the output
  is what one process writes, so ``--resume`` works as before;
* a worker ignores Ctrl-C (the job stops between two chunks and drops the chunks in
  flight; ``--resume`` redoes them) and ends when its pipe closes, so workers do not
  outlive a job killed with ``kill -9``;
* the job extracts the first :data:`DEFAULT_INLINE_ROWS` rows in its own process
  before it starts a pool (a short input never starts processes), and then goes on
  extracting while a thread starts the workers (half a second for the first, which
  starts the fork server): no core waits for them.

A :class:`~pactparse.errors.ConfigurationError` in a worker stops the job, as it does
in one process; a worker that dies (out of memory, a crash in native code) stops it
with a :class:`~pactparse.errors.BackendError` saying how to go on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, fields
from itertools import islice
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from ..backends.base import Backend
from ..errors import BackendError, ConfigurationError
from ..pipeline import ExtractOptions
from .cache import ResultCache
from .engine import Extractor
from .lines import InputLine, Line
from .rows import Wording
from .summary import BatchStats

__all__ = ["DEFAULT_INLINE_ROWS", "WorkerChunk", "WorkerPool", "auto_workers", "merge_stats"]

#: Rows a job extracts in its own process before it starts workers (about a second of
#: the rules backend: more than starting the workers costs).
DEFAULT_INLINE_ROWS = 1_000
#: Rows per chunk sent to a worker (about 60 ms of the rules backend).
DEFAULT_CHUNK_ROWS = 64
#: Chunks a worker holds at once: one at work, one waiting (a worker never waits for the
#: job's process, which may be descheduled on a busy machine). A worker reads its pipe on
#: a thread of its own, so the job never blocks sending while the worker sends rows back.
_PER_WORKER = 2
#: Most chunks between the oldest unwritten one and the newest sent, per process: room for
#: the job's own chunks while an earlier one is still at a slower worker (with 4 the job's
#: process slept 6% of a run on 2 cores, waiting for room).
_WINDOW_PER_WORKER = 8


def machine_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def auto_workers(backend: Backend) -> int:
    """The default number of worker processes for ``backend``: every core for a backend
    that is cheaper than a cache lookup (CPU-bound and local, like ``rules``), else one
    (a model or a server is better served by ``--concurrency``)."""
    return 1 if backend.cacheable else machine_cores()


@dataclass(frozen=True, slots=True)
class WorkerChunk:
    """Consecutive rows, already encoded as output lines, and their counts."""

    data: bytes
    stats: BatchStats


def merge_stats(into: BatchStats, part: BatchStats) -> None:
    """Add the counts of ``part`` (a chunk's) to ``into`` (the job's)."""
    for spec in fields(BatchStats):
        if spec.name in {"started", "finished", "resumed"}:
            continue
        mine = getattr(into, spec.name)
        setattr(into, spec.name, mine + getattr(part, spec.name))


# --------------------------------------------------------------------------- the worker side


@dataclass(frozen=True, slots=True)
class _Setup:
    backend: Backend
    options: ExtractOptions
    cache_path: Path | None
    with_line: bool
    include_text: bool = False
    wording: Wording | None = None


@dataclass(frozen=True, slots=True)
class _Done:
    seq: int
    chunk: WorkerChunk
    #: Exceptions that were not pactparse's own (bugs in a backend), traceback as a note.
    unexpected: tuple[BaseException, ...]


@dataclass(frozen=True, slots=True)
class _Fatal:
    error: BaseException


def _portable(exc: BaseException) -> BaseException:
    """``exc`` with its traceback as a note, in a form that survives pickling."""
    text = "".join(traceback.format_exception(exc))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    exc.add_note(f"in a worker process:\n{text}")
    return exc


def _encode(extractor: Extractor, records: list[Line], setup: _Setup) -> WorkerChunk:
    stats = BatchStats()
    parts = []
    for record in records:
        row = extractor.run(record)
        parts.append(row.to_json(with_line=setup.with_line, wording=setup.wording))
        stats.add(row)
    return WorkerChunk(b"".join(parts), stats)


#: A record as sent to a worker: an :class:`InputLine` as a plain tuple (a frozen
#: dataclass pickles through Python code, ten times slower), a :class:`BadLine` as is.
_Packed = tuple[int, str, str, dt.date | None] | Line


def _pack(records: list[Line]) -> list[_Packed]:
    return [
        (r.line, r.id, r.text, r.reference_date) if isinstance(r, InputLine) else r for r in records
    ]


def _unpack(packed: list[_Packed]) -> list[Line]:
    return [InputLine(*r) if isinstance(r, tuple) else r for r in packed]


def _read_ahead(conn: Connection, inbox: queue.SimpleQueue[bytes | None]) -> None:
    """Take every chunk off the pipe as soon as it arrives (then None at its end), so the
    job never blocks sending while this worker sends its rows back."""
    try:
        while True:
            inbox.put(conn.recv_bytes())
    except (EOFError, OSError):
        inbox.put(None)


def _serve(conn: Connection, setup: _Setup) -> None:
    """A worker process: extract the chunks that arrive on ``conn`` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the job decides when to stop
    cache = ResultCache(setup.cache_path) if setup.cache_path is not None else None
    unexpected: list[BaseException] = []
    extractor = Extractor(
        setup.backend,
        setup.options,
        cache=cache,
        on_unexpected=lambda exc: unexpected.append(_portable(exc)),
        include_text=setup.include_text,
    )
    inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    threading.Thread(target=_read_ahead, args=(conn, inbox), daemon=True).start()
    try:
        while True:
            message = inbox.get()
            if message is None:  # the job ended (or was killed): so do we
                return
            seq, packed = pickle.loads(message)
            try:
                chunk = _encode(extractor, _unpack(packed), setup)
            except ConfigurationError as exc:
                conn.send_bytes(pickle.dumps(_Fatal(_portable(exc))))
                return
            conn.send_bytes(pickle.dumps(_Done(seq, chunk, tuple(unexpected))))
            unexpected.clear()
    except (BrokenPipeError, ConnectionResetError):
        return
    finally:
        setup.backend.close()
        if cache is not None:
            cache.close()


# --------------------------------------------------------------------------- the job side


def _context(start_method: str | None) -> Any:
    if start_method == "fork":
        raise ConfigurationError("start_method='fork' is not supported: use forkserver or spawn")
    if start_method is None:
        methods = multiprocessing.get_all_start_methods()
        start_method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        context.set_forkserver_preload([__name__])
    return context


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    outstanding: int = 0


class WorkerPool:
    """Extracts records in ``workers`` processes, this one included; see the module
    documentation.

    ``backend`` must pickle (it is copied into each worker once); ``cache`` is shared
    through its file. ``extract_here=False`` keeps this process to feeding and
    collecting (``workers`` processes are then all started). ``start_method`` is
    multiprocessing's: by default ``forkserver`` where there is one (a worker holds
    nothing of the job's process but its own pipe, and starts in milliseconds once the
    server runs), else ``spawn``; never ``fork``
    (a forked worker would hold the job's end of its pipe open).
    """

    def __init__(
        self,
        backend: Backend,
        options: ExtractOptions,
        *,
        workers: int,
        cache: ResultCache | None = None,
        ordered: bool = True,
        chunk_rows: int = DEFAULT_CHUNK_ROWS,
        on_unexpected: Callable[[BaseException], None] | None = None,
        start_method: str | None = None,
        include_text: bool = False,
        wording: Wording | None = None,
        extract_here: bool = True,
    ) -> None:
        if workers < 2:
            raise ConfigurationError(f"a pool needs 2 or more workers, not {workers}")
        try:
            pickle.dumps(backend)
        except Exception as exc:
            raise ConfigurationError(
                f"backend {backend.name!r} cannot be copied into worker processes "
                f"({type(exc).__name__}: {exc}); use workers=1 (--workers 1) and "
                "concurrency (--concurrency N) instead"
            ) from exc
        self.workers = workers
        self.ordered = ordered
        self._setup = _Setup(
            backend,
            options,
            cache.path if cache is not None and cache.disabled is None else None,
            with_line=not ordered,
            include_text=include_text,
            wording=wording,
        )
        self._chunk_rows = chunk_rows
        self._on_unexpected = on_unexpected
        self._context = _context(start_method)
        #: The extractor of this process (None: it only feeds the workers).
        self._here = (
            Extractor(
                backend,
                options,
                cache=cache,
                on_unexpected=on_unexpected,
                include_text=include_text,
            )
            if extract_here
            else None
        )
        #: Worker processes started by the last run (0 when it stayed in this process).
        self.started = 0
        #: Rows the last run extracted in this process.
        self.extracted_here = 0

    def run(self, records: Iterable[Line]) -> Generator[WorkerChunk, None, None]:
        """One chunk of rows after another, covering every record once. Close the
        iterator to stop early: the workers are stopped and the chunks in flight dropped."""
        self.started = self.extracted_here = 0
        arrivals: queue.SimpleQueue[_Worker | BaseException] = queue.SimpleQueue()
        launcher = threading.Thread(target=self._start, args=(arrivals,), daemon=True)
        launcher.start()
        workers: list[_Worker] = []
        try:
            yield from self._distribute(iter(records), workers, arrivals)
        finally:
            launcher.join()
            with contextlib.suppress(BaseException):
                _arrived(arrivals, workers)
            self._stop(workers)

    # -- processes -------------------------------------------------------------------------

    def _start(self, arrivals: queue.SimpleQueue[_Worker | BaseException]) -> None:
        """Start the workers (on a thread of their own: meanwhile this process extracts),
        each put in ``arrivals`` once started, or the error that stopped starting them."""
        try:
            for _ in range(self.workers - (self._here is not None)):
                mine, theirs = self._context.Pipe(duplex=True)
                process = self._context.Process(
                    target=_serve, args=(theirs, self._setup), daemon=True, name="pactparse-worker"
                )
                process.start()
                theirs.close()
                arrivals.put(_Worker(process, mine))
                self.started += 1  # after: a worker counted is one the loop will find
        except BaseException as exc:
            arrivals.put(exc)

    @staticmethod
    def _stop(workers: list[_Worker]) -> None:
        for worker in workers:
            worker.conn.close()  # the worker sees the pipe close and ends
        for worker in workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():  # stuck in a long extraction: do not wait for it
                worker.process.terminate()
                worker.process.join(timeout=5)

    # -- the loop --------------------------------------------------------------------------

    def _distribute(
        self,
        source: Iterator[Line],
        workers: list[_Worker],
        arrivals: queue.SimpleQueue[_Worker | BaseException],
    ) -> Iterator[WorkerChunk]:
        """The chunks in order; ``workers`` grows as they arrive (the caller stops them)."""
        window = _WINDOW_PER_WORKER * self.workers
        sent = 0  # chunks sent or extracted here so far (the next one's number)
        released = 0  # ordered: chunks yielded so far
        waiting: dict[int, WorkerChunk] = {}
        exhausted = False
        while True:
            _arrived(arrivals, workers)
            while workers and not exhausted and sent - released < window:
                worker = min(workers, key=lambda w: w.outstanding)
                if worker.outstanding >= _PER_WORKER:
                    break
                records = list(islice(source, self._chunk_rows))
                if not records:
                    exhausted = True
                    break
                self._send(worker, sent, records)
                sent += 1
            busy = [w.conn for w in workers if w.outstanding]
            spare = self._here is not None and not exhausted and sent - released < window
            if busy:
                ready = wait(busy, timeout=0 if spare else None)
            elif spare:
                ready = []
            elif exhausted:
                return
            else:  # this process only feeds, and no worker has started yet
                workers.append(_arrival(arrivals.get()))
                continue
            if not ready:
                # every worker has its chunks and no answer waits: extract one here,
                # half the size so that this process is soon back to feed them
                records = list(islice(source, max(1, self._chunk_rows // 2)))
                if not records:
                    exhausted = True
                    continue
                assert self._here is not None
                chunks = [(sent, _encode(self._here, records, self._setup))]
                self.extracted_here += len(records)
                sent += 1
            else:
                chunks = [self._collect(w) for w in workers if w.conn in ready]
            for seq, chunk in chunks:
                if not self.ordered:
                    released += 1
                    yield chunk
                    continue
                waiting[seq] = chunk
                while released in waiting:
                    yield waiting.pop(released)
                    released += 1

    def _collect(self, worker: _Worker) -> tuple[int, WorkerChunk]:
        """The next answer of ``worker`` (which has one ready), as (its number, its rows)."""
        done = self._receive(worker)
        worker.outstanding -= 1
        for exc in done.unexpected:
            if self._on_unexpected is not None:
                self._on_unexpected(exc)
        return done.seq, done.chunk

    @staticmethod
    def _send(worker: _Worker, seq: int, records: list[Line]) -> None:
        try:
            worker.conn.send_bytes(pickle.dumps((seq, _pack(records))))
        except OSError as exc:
            raise _died(worker) from exc
        worker.outstanding += 1

    @staticmethod
    def _receive(worker: _Worker) -> _Done:
        try:
            message: Any = pickle.loads(worker.conn.recv_bytes())
        except (EOFError, OSError) as exc:
            raise _died(worker) from exc
        if isinstance(message, _Fatal):
            raise message.error
        assert isinstance(message, _Done)
        return message


def _arrival(item: _Worker | BaseException) -> _Worker:
    """A started worker, or the error that stopped starting them raised."""
    if isinstance(item, BaseException):
        raise item
    return item


def _arrived(arrivals: queue.SimpleQueue[_Worker | BaseException], workers: list[_Worker]) -> None:
    """Add to ``workers`` those started since the last look."""
    while True:
        try:
            item = arrivals.get_nowait()
        except queue.Empty:
            return
        workers.append(_arrival(item))


def _died(worker: _Worker) -> BackendError:
    with contextlib.suppress(Exception):
        worker.process.join(timeout=1)
    code = worker.process.exitcode
    how = f"exit status {code}" if code is not None and code >= 0 else f"signal {-(code or 0)}"
    return BackendError(
        f"a worker process ended unexpectedly ({how}; out of memory?); the rows written so "
        "far are kept: rerun with --resume to finish, with fewer --workers if memory is short"
    )
