"""The provider's Batch API (``--batch-api``) against a fake Batch API server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pactparse.backends.openai import OpenAIBackend
from pactparse.batch import ExtractJob, StopRequest, run_extract
from pactparse.batch.provider_batch import BatchApiOptions, run_batch_api, state_paths
from pactparse.batch.rows import iter_rows
from pactparse.errors import BackendError, ConfigurationError
from support.fakebatchapi import FakeBatchAPI

TEXTS = [
    "Mali and Niger signed a security pact on Tuesday.",
    "France and Germany signed a WRONG defence pact.",
    "Chad and Peru signed a DENIED pact.",
    "Japan and India signed a FLAKY pact.",
    "",
    "Spain and Italy have signed a defence accord.",
    "Norway and Sweden signed a security pact counter Finland.",
]
FAST = BatchApiOptions(poll_interval=0.01, batch_size=3)


def write_input(path: Path, texts: list[str] = TEXTS) -> Path:
    path.write_text(
        "".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )
    return path


def backend(api: FakeBatchAPI, **options: Any) -> OpenAIBackend:
    settings: dict[str, Any] = {
        "model": "stub",
        "base_url": api.url,
        "timeout": 5,
        "max_retries": 0,
    }
    return OpenAIBackend(**{**settings, **options})


def comparable(row: dict[str, Any]) -> dict[str, Any]:
    """A row without its time taken, and of an error only its type (the provider's words
    differ between its Batch API and its online answers)."""
    if row["pact"] is not None:
        row["pact"]["provenance"].pop("latency_ms")
    if row["error"] is not None:
        row["error"] = row["error"]["type"]
    return row


def batch_rows(
    tmp_path: Path, api: FakeBatchAPI, options: BatchApiOptions = FAST
) -> list[dict[str, Any]]:
    src = write_input(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    run_batch_api(
        ExtractJob(input=str(src), output=out),
        backend=backend(api),
        api=options,
        sleep=lambda seconds: None,
    )
    return [comparable(r) for r in iter_rows(out)]


def online_rows(tmp_path: Path, api: FakeBatchAPI) -> list[dict[str, Any]]:
    src = write_input(tmp_path / "in-online.jsonl")
    out = tmp_path / "online.jsonl"
    online = backend(api, max_retries=1, sleep=lambda seconds: None)
    run_extract(ExtractJob(input=str(src), output=out), backend=online)
    return [comparable(r) for r in iter_rows(out)]


def test_batches_give_the_online_rows_and_bill_each_request_once(tmp_path: Path) -> None:
    with FakeBatchAPI() as api:
        rows = batch_rows(tmp_path, api)
        assert all(n == 1 for n in api.answered.values()), api.answered
        # parts 1 and 2 need a second round (a re-ask; a 500 sent again), part 3 does not
        rounds = sorted(
            (b["metadata"]["part"], b["metadata"]["round"]) for b in api.batches.values()
        )
        assert rounds == [("0", "1"), ("0", "2"), ("1", "1"), ("1", "2"), ("2", "1")]
    with FakeBatchAPI() as api:
        assert rows == online_rows(tmp_path, api)
    assert [r["ok"] for r in rows] == [True, True, False, True, False, True, True]
    assert rows[1]["pact"]["provenance"]["reasks"] == 1
    assert rows[2]["error"] == "BackendError" and rows[4]["error"] == "InputError"
    assert not state_paths(tmp_path / "out.jsonl")[1].exists(), "answers left behind"


def test_reasks_can_go_online(tmp_path: Path) -> None:
    with FakeBatchAPI() as api:
        rows = batch_rows(tmp_path, api, FAST.model_copy(update={"reask_online": True}))
        rounds = sorted(
            (b["metadata"]["part"], b["metadata"]["round"]) for b in api.batches.values()
        )
    # the re-ask went online; the 500 is still sent again in a follow-up batch
    assert rounds == [("0", "1"), ("1", "1"), ("1", "2"), ("2", "1")]
    assert rows[1]["ok"] and rows[1]["pact"]["provenance"]["reasks"] == 1
    assert all(n == 1 for n in api.answered.values())


def test_an_expired_batch_sends_only_its_unanswered_requests_again(tmp_path: Path) -> None:
    texts = [f"Mali and Niger signed security pact number {i}." for i in range(6)]
    with FakeBatchAPI(outcomes=["expired"]) as api:
        src = write_input(tmp_path / "in.jsonl", texts)
        out = tmp_path / "out.jsonl"
        run_batch_api(
            ExtractJob(input=str(src), output=out),
            backend=backend(api),
            api=BatchApiOptions(poll_interval=0.01),
            sleep=lambda seconds: None,
        )
        sizes = [
            api.files[b["input_file_id"]]["content"].count(b"\n") for b in api.batches.values()
        ]
    assert sizes == [6, 3]
    assert [r["ok"] for r in iter_rows(out)] == [True] * 6
    assert all(n == 1 for n in api.answered.values()) and len(api.answered) == 6


def test_a_failed_batch_stops_the_job_and_resume_sends_it_again(tmp_path: Path) -> None:
    src = write_input(tmp_path / "in.jsonl", TEXTS[:1])
    out = tmp_path / "out.jsonl"
    with FakeBatchAPI(outcomes=["failed"]) as api:
        job = ExtractJob(input=str(src), output=out)
        with pytest.raises(BackendError, match=r"failed .*invalid_request.*--resume"):
            run_batch_api(job, backend=backend(api), api=FAST, sleep=lambda s: None)
        resumed = ExtractJob(input=str(src), output=out, resume=True)
        run_batch_api(resumed, backend=backend(api), api=FAST, sleep=lambda s: None)
        assert len(api.batches) == 2
    assert [r["ok"] for r in iter_rows(out)] == [True]


def test_a_state_file_is_never_overwritten_by_accident(tmp_path: Path) -> None:
    src = write_input(tmp_path / "in.jsonl", TEXTS[:1])
    out = tmp_path / "out.jsonl"
    with FakeBatchAPI(outcomes=["failed"]) as api:
        job = ExtractJob(input=str(src), output=out)
        with pytest.raises(BackendError):
            run_batch_api(job, backend=backend(api), api=FAST, sleep=lambda s: None)
        with pytest.raises(ConfigurationError, match="--resume"):
            run_batch_api(job, backend=backend(api), api=FAST, sleep=lambda s: None)
        other = OpenAIBackend(model="other", base_url=api.url)
        resumed = ExtractJob(input=str(src), output=out, resume=True)
        with pytest.raises(ConfigurationError, match="model"):
            run_batch_api(resumed, backend=other, api=FAST, sleep=lambda s: None)


def test_a_stop_request_keeps_the_batches_for_resume(tmp_path: Path) -> None:
    src = write_input(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    stop = StopRequest()
    with FakeBatchAPI() as api:
        result = run_batch_api(  # stops when it first waits for the batches
            ExtractJob(input=str(src), output=out),
            backend=backend(api),
            api=FAST,
            stop=stop,
            sleep=lambda seconds: stop.set(),
        )
        assert result.interrupted and result.stats.rows == 0
        submitted = len(api.batches)
        result = run_batch_api(
            ExtractJob(input=str(src), output=out, resume=True),
            backend=backend(api),
            api=FAST,
            sleep=lambda s: None,
        )
        assert not result.interrupted and result.stats.rows == len(TEXTS)
        assert submitted > 0 and all(n == 1 for n in api.answered.values())


def test_the_cli_refuses_batch_api_without_what_it_needs(tmp_path: Path) -> None:
    from pactparse.cli import main

    src = write_input(tmp_path / "in.jsonl", TEXTS[:1])
    assert main(["extract", str(src), "--backend", "rules", "--batch-api", "-o", "x.jsonl"]) == 2
    base = ["extract", str(src), "--backend", "openai", "--model", "m", "--batch-api"]
    assert main([*base, "--base-url", "http://127.0.0.1:9/v1"]) == 2  # no -o


def check_paid_once(api: FakeBatchAPI, out: Path) -> None:
    """One file and one batch per part and round, each request answered once, every row."""
    per_round = [(b["metadata"]["part"], b["metadata"]["round"]) for b in api.batches.values()]
    assert len(per_round) == len(set(per_round)) == 5, per_round
    assert len([f for f in api.files.values() if f["purpose"] == "batch"]) == 5
    assert all(n == 1 for n in api.answered.values()), api.answered
    rows = list(iter_rows(out))
    assert [r["id"] for r in rows] == [f"r{i}" for i in range(len(TEXTS))]
    assert [r["ok"] for r in rows] == [True, True, False, True, False, True, True]


@pytest.mark.parametrize("step", ["upload", "create", "poll", "download"])
def test_an_answer_lost_at_any_step_is_never_paid_twice(tmp_path: Path, step: str) -> None:
    """The server did the work but its answer never came (a dropped connection): the
    client looks before it uploads or creates again."""
    src = write_input(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    with FakeBatchAPI(drop=step) as api:
        client = backend(api, max_retries=2, sleep=lambda seconds: None)
        job = ExtractJob(input=str(src), output=out)
        run_batch_api(job, backend=client, api=FAST, sleep=lambda seconds: None)
        assert api.drop is None, "the answer was never dropped"
        check_paid_once(api, out)


@pytest.mark.parametrize("step", ["create"])
def test_killed_at_a_step_then_resumed_pays_nothing_twice(tmp_path: Path, step: str) -> None:
    """kill -9 while the server has created the batch (or is sending its answers) but
    the client has not kept what it got; --resume finds the batch instead of paying twice."""
    src = write_input(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PACTPARSE_CACHE_DIR": str(tmp_path / "cache")}
    with FakeBatchAPI(hold=step) as api:
        command = [sys.executable, "-m", "pactparse.cli", "extract", str(src), "-o", str(out)]
        command += ["--backend", "openai", "--base-url", api.url, "--model", "stub", "--resume"]
        command += ["--batch-api", "--batch-size", "3", "--poll-interval", "0.01"]
        first = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
        assert api.held.wait(30), first.communicate(timeout=5)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        api.release()
        second = subprocess.run(command, env=env, capture_output=True, timeout=60)
        assert second.returncode == 1, second.stderr.decode()  # rows failed: DENIED, empty
        check_paid_once(api, out)
