"""Extraction in worker processes (``--workers N``): the same rows as one process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pactparse.backends.rules import RulesBackend
from pactparse.batch import BatchOptions, ExtractJob, run_extract
from pactparse.batch.lines import Line, line_from
from pactparse.batch.rows import iter_rows
from pactparse.batch.workers import WorkerPool, auto_workers
from pactparse.errors import BackendError, ConfigurationError
from pactparse.pipeline import ExtractOptions
from pactparse.testing import FakeBackend
from support.backends import TripwireBackend

ROOT = Path(__file__).resolve().parent.parent


def seed_texts() -> list[str]:
    with (ROOT / "fixtures" / "seeds.jsonl").open() as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def comparable(row: dict[str, Any]) -> dict[str, Any]:
    """A row without what differs between two runs (time taken, ``line`` of unordered rows)."""
    row = dict(row)
    row.pop("line", None)
    if row["pact"] is not None:
        row["pact"]["provenance"].pop("latency_ms")
    return row


def one_process_rows(records: list[Line], backend: Any) -> list[dict[str, Any]]:
    from pactparse.batch.engine import Extractor

    extractor = Extractor(backend, ExtractOptions())
    return [comparable(json.loads(extractor.run(r).to_json())) for r in records]


def pool_rows(pool: WorkerPool, records: list[Line]) -> list[dict[str, Any]]:
    data = b"".join(chunk.data for chunk in pool.run(records))
    return [comparable(json.loads(line)) for line in data.splitlines()]


def records_of(texts: list[str]) -> list[Line]:
    return [line_from(text, i) for i, text in enumerate(texts, start=1)]


def once_a_worker_started(pool: WorkerPool, records: list[Line], first: int) -> Iterator[Line]:
    """``records``, all but the ``first`` held back until the pool has started a worker:
    the job's process extracts while its workers start, so without this a short input
    could be done before any worker is up."""
    yield from records[:first]
    deadline = time.monotonic() + 60
    while pool.started == 0:
        assert time.monotonic() < deadline, "no worker started"
        time.sleep(0.01)
    yield from records[first:]


def test_a_pool_gives_one_process_rows_in_input_order() -> None:
    texts = seed_texts()
    records = records_of([texts[i % len(texts)] for i in range(150)] + ["", "not a pact at all"])
    backend = RulesBackend()
    pool = WorkerPool(backend, ExtractOptions(), workers=2, chunk_rows=7)
    data = b"".join(chunk.data for chunk in pool.run(once_a_worker_started(pool, records, 10)))
    assert [comparable(json.loads(line)) for line in data.splitlines()] == one_process_rows(
        records, backend
    )
    assert pool.started == 1  # the job's process is the other one
    assert 10 <= pool.extracted_here <= len(records) - 14  # a worker had two chunks at least


def test_an_unordered_pool_gives_each_row_once_with_its_line() -> None:
    texts = seed_texts()
    records = records_of([texts[i % len(texts)] for i in range(100)])
    pool = WorkerPool(RulesBackend(), ExtractOptions(), workers=2, chunk_rows=3, ordered=False)
    data = b"".join(chunk.data for chunk in pool.run(once_a_worker_started(pool, records, 5)))
    lines = sorted(json.loads(line)["line"] for line in data.splitlines())
    assert lines == list(range(1, 101))
    assert 5 <= pool.extracted_here <= 100 - 6


def test_a_pool_that_only_feeds_starts_every_worker_and_extracts_nothing_here() -> None:
    texts = seed_texts()
    records = records_of([texts[i % len(texts)] for i in range(60)])
    backend = RulesBackend()
    pool = WorkerPool(backend, ExtractOptions(), workers=2, chunk_rows=5, extract_here=False)
    assert pool_rows(pool, records) == one_process_rows(records, backend)
    assert pool.started == 2 and pool.extracted_here == 0


def test_the_job_process_extracts_half_chunks_beside_its_workers() -> None:
    """A worker gets chunks of 4; this process extracts chunks of 2 (while the worker
    starts, and whenever it holds two chunks): never a row twice, never one left out."""
    texts = seed_texts()
    records = records_of([texts[i % len(texts)] for i in range(40)])
    pool = WorkerPool(RulesBackend(), ExtractOptions(), workers=2, chunk_rows=4)
    chunks = list(pool.run(once_a_worker_started(pool, records, 3)))
    sizes = [chunk.stats.rows for chunk in chunks]
    assert sum(sizes) == 40
    assert set(sizes[:-1]) == {2, 4}  # only the last chunk may be shorter
    assert 2 * sizes[:-1].count(2) <= pool.extracted_here <= 2 * sizes.count(2)


def test_a_bug_in_a_worker_is_an_error_row_and_reported() -> None:
    seen: list[BaseException] = []
    records = records_of(["Mali and Niger signed a pact.", "BUG Mali and Chad signed a pact."])
    pool = WorkerPool(
        TripwireBackend(),
        ExtractOptions(),
        workers=2,
        on_unexpected=seen.append,
        extract_here=False,
    )
    rows = pool_rows(pool, records)
    assert [r["ok"] for r in rows] == [True, False]
    assert rows[1]["error"]["type"] == "RuntimeError"
    assert len(seen) == 1 and "in a worker process" in "".join(seen[0].__notes__)


def test_a_configuration_error_in_a_worker_stops_the_job() -> None:
    records = records_of(["Mali and Niger signed a pact."] * 5 + ["CONFIG Mali and Chad met."])
    pool = WorkerPool(TripwireBackend(), ExtractOptions(), workers=2, extract_here=False)
    with pytest.raises(ConfigurationError, match="needs configuring"):
        pool_rows(pool, records)


def test_a_worker_that_dies_stops_the_job_with_what_to_do() -> None:
    records = records_of(["Mali and Niger signed a pact."] * 5 + ["CRASH Mali and Chad met."])
    pool = WorkerPool(TripwireBackend(), ExtractOptions(), workers=2, extract_here=False)
    with pytest.raises(BackendError, match="--resume"):
        pool_rows(pool, records)


def test_a_backend_that_cannot_be_copied_is_refused_with_what_to_do() -> None:
    backend = FakeBackend([lambda request: None])  # a lambda does not pickle
    with pytest.raises(ConfigurationError, match="--workers 1"):
        WorkerPool(backend, ExtractOptions(), workers=2)


def test_every_core_by_default_only_for_a_backend_cheaper_than_its_cache() -> None:
    assert auto_workers(RulesBackend()) == len(os.sched_getaffinity(0))
    from support.backends import ScriptedBackend

    assert auto_workers(ScriptedBackend()) == 1


def test_workers_do_not_combine_with_concurrency(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Mali and Niger signed a pact.\n")
    with pytest.raises(ConfigurationError, match="--concurrency"):
        run_extract(
            ExtractJob(input=str(src), output=tmp_path / "out.jsonl"),
            backend=RulesBackend(),
            batch=BatchOptions(ordered=True, concurrency=4),
            workers=2,
        )


def test_a_job_with_workers_writes_one_process_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pactparse.batch.job.DEFAULT_INLINE_ROWS", 20)
    texts = seed_texts()
    lines = [texts[i % len(texts)] for i in range(200)]
    src = tmp_path / "in.txt"
    src.write_text("\n".join(lines) + "\n")
    outs = {}
    for workers in (1, 2):
        out = outs[workers] = tmp_path / f"out{workers}.jsonl"
        result = run_extract(
            ExtractJob(input=str(src), output=out), backend=RulesBackend(), workers=workers
        )
        assert result.stats.rows == 200 and result.stats.ok + result.stats.failures <= 200
    assert [comparable(r) for r in iter_rows(outs[2])] == [
        comparable(r) for r in iter_rows(outs[1])
    ]


def test_killed_with_workers_then_resumed(tmp_path: Path) -> None:
    """kill -9 of the job mid-run: its workers end too, and --resume finishes the output
    exactly as one uninterrupted process would have written it."""
    texts = seed_texts()
    n = 5_000
    src = tmp_path / "in.txt"
    src.write_text("".join(texts[i % len(texts)] + "\n" for i in range(n)))
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "pactparse.cli", "extract", str(src), "-o", str(out)]
    command += ["--workers", "2", "--resume"]
    env = {**os.environ, "PACTPARSE_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    children = wait_for_workers(first.pid)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    killed_at = out.read_bytes().count(b"\n")
    assert killed_at < n, "the job finished before it could be killed"
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in children if alive(pid)], "workers outlived their job"

    second = subprocess.run(command, env=env, capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr.decode()
    assert b"resumed after" in second.stderr
    distinct = {text: one_process_rows(records_of([text]), RulesBackend())[0] for text in texts}
    rows = [comparable(r) for r in iter_rows(out)]
    assert len(rows) == n
    for number, row in enumerate(rows, start=1):
        expected = json.loads(json.dumps(distinct[texts[(number - 1) % len(texts)]]))
        expected["id"] = f"line-{number}"
        if expected["pact"] is not None:
            expected["pact"]["source"]["id"] = f"line-{number}"
        assert row == expected, number


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its dead parent's reaper does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


def descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        found = [int(p) for p in children.read_text().split()]
    except FileNotFoundError:
        return []
    return found + [d for child in found for d in descendants(child)]


def wait_for_workers(pid: int) -> list[int]:
    """The processes job ``pid`` started, once its workers run (after its first 1,000 rows)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = descendants(pid)
        if len(found) >= 3:  # a worker, the fork server and its resource tracker
            time.sleep(0.3)  # let them extract a few chunks
            return descendants(pid)
        time.sleep(0.02)
    raise AssertionError("the job started no workers")


def test_auto_workers_keep_a_backend_that_cannot_be_copied_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pactparse.batch.job.DEFAULT_INLINE_ROWS", 2)
    from support.backends import draft_for

    backend = FakeBackend([lambda request: draft_for(request.text)])  # a lambda: no pickle
    src = tmp_path / "in.txt"
    src.write_text("Mali and Niger signed a pact.\n" * 6)
    out = tmp_path / "out.jsonl"
    result = run_extract(ExtractJob(input=str(src), output=out), backend=backend, workers="auto")
    assert result.stats.ok == 6 and len(backend.calls) == 6  # all extracted here
    with pytest.raises(ConfigurationError, match="--workers 1"):
        run_extract(ExtractJob(input=str(src), output=out, force=True), backend=backend, workers=2)


def test_chunks_and_answers_larger_than_a_pipe_flow_both_ways() -> None:
    """Chunks of about a megabyte each way: the job never blocks sending to a worker that
    is sending its rows back (each worker reads its pipe on a thread of its own)."""
    sentence = "Mali and Niger signed a security pact in Niamey on Tuesday, officials said. "
    long_text = sentence * 150  # about 11,000 characters
    records = records_of([long_text + f" Pact {i}." for i in range(140)])
    options = ExtractOptions(trace=True)
    pool = WorkerPool(RulesBackend(), options, workers=2, chunk_rows=64, extract_here=False)
    rows = [json.loads(line) for c in pool.run(records) for line in c.data.splitlines()]
    assert [r["id"] for r in rows] == [f"line-{i}" for i in range(1, 141)]
