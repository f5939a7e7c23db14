"""Issue 11: every mistake answered in one line, fail fast when the whole job cannot
work, keys never printed, and the rough edges a new user ran into."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pactparse import cli
from pactparse.batch import BatchStats
from pactparse.batch.rows import Row, iter_rows
from pactparse.errors import InputError, NoPactFound
from support.backends import ScriptedBackend
from support.faultserver import FaultServer

SUMMARY = "France and Kenya have signed a security pact."
KEY = "sk-test-0123456789abcdefSECRET"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACTPARSE_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("PACTPARSE_BACKEND", "PACTPARSE_DEBUG", "CI", "PACTPARSE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PACTPARSE_BASE_URL", "PACTPARSE_MODEL"):
        monkeypatch.delenv(name, raising=False)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def openai_args(url: str, *extra: str) -> list[str]:
    return ["--backend", "openai", "--base-url", url, "--model", "stub", "--no-cache", *extra]


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("pactparse: error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# --------------------------------------------------------------------------- fail fast


@pytest.mark.parametrize(
    ("status", "said"),
    [((401, "Unauthorized"), "authentication failed"), ((404, "Not Found"), "not found")],
)
def test_a_job_stops_at_the_first_401_or_404_keeping_rows_and_printing_the_resume_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], status: tuple[int, str], said: str
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY] * 40)
    out = tmp_path / "out.jsonl"
    with FaultServer() as server:
        # the first 5 lines are answered, then the server starts refusing the key
        code, _, err = run(["extract", str(src), "-o", str(out), *openai_args(server.url)], capsys)
        assert code == 0
        out.write_bytes(b"".join(out.read_bytes().splitlines(keepends=True)[:5]))
        server.status = status
        code, _, err = run(
            ["extract", str(src), "-o", str(out), "--resume", *openai_args(server.url)], capsys
        )
        served = server.served.total()
    assert code == 2
    assert said in one_line_error(err)
    assert served <= 40 + 16  # not one request per remaining line, each retried
    assert len(list(iter_rows(out))) == 5  # no error row written for the other 35
    assert "5 rows are in" in err
    resume = err.rstrip().splitlines()[-1].split()
    assert resume[:2] == ["pactparse", "extract"] and "--resume" in resume


def test_nothing_listening_stops_the_job_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    src = write(tmp_path / "in.txt", [SUMMARY] * 64)
    out = tmp_path / "out.jsonl"
    args = openai_args(f"http://127.0.0.1:{port}/v1", "--concurrency", "8")
    code, _, err = run(["extract", str(src), "-o", str(out), *args], capsys)
    assert code == 2
    line = one_line_error(err)
    assert "could not connect" in line and "connections in a row failed" in line
    assert not out.exists() or out.read_bytes() == b""


def test_a_base_url_without_a_scheme_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY])
    code, _, err = run(["extract", str(src), *openai_args("localhost:8000")], capsys)
    assert code == 2
    assert "http://localhost:8000" in one_line_error(err)


def test_the_progress_line_says_when_and_why_the_job_is_retrying() -> None:
    import io

    from rich.console import Console

    from pactparse.batch.limits import RateLimiter
    from pactparse.batch.progress import RichProgress

    now = [100.0]
    limiter = RateLimiter(clock=lambda: now[0])
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=200)
    progress = RichProgress(buffer, 2000, status=limiter.retry_status, console=console)
    limiter.retrying("HTTP 429", 2.0)
    limiter.retrying("could not connect to http://127.0.0.1:9/v1", 4.0)
    progress.update(BatchStats())
    progress.close()
    shown = buffer.getvalue()
    assert "retrying: could not connect to http://127.0.0.1:9/v1 (2 retries so far" in shown
    assert "0 errors" in shown
    now[0] += 60
    assert limiter.retry_status() is None  # long over: the line goes back to normal


def test_the_summary_counts_the_retries_of_rows_that_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY] * 3)
    with FaultServer(faults={"server_error": 1.0}) as server:
        args = openai_args(server.url, "--max-retries", "1", "--concurrency", "1")
        args += ["-O", "max_retry_seconds=30"]
        code, _, err = run(["extract", str(src), "-o", str(tmp_path / "o.jsonl"), *args], capsys)
    assert code == 1
    assert "3 retries" in err and "3 failed (TransientBackendError 3)" in err


# --------------------------------------------------------------------------- secrets


def test_a_key_given_with_O_is_not_in_the_resume_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [f"France and Kenya have signed pact {i}." for i in range(20)]
    src = write(tmp_path / "in.txt", lines)
    out = tmp_path / "out.jsonl"

    def interrupt(text: str) -> None:
        if text.endswith("pact 12."):
            raise KeyboardInterrupt

    monkeypatch.setattr(cli, "get_backend", lambda name=None, **o: ScriptedBackend(fail=interrupt))
    argv = ["extract", str(src), "-o", str(out), "--concurrency", "1", "-O", f"api_key={KEY}"]
    code, _, err = run([*argv, f"--backend-option=api_key={KEY}", f"-Oapi_key={KEY}"], capsys)
    assert code == 130
    assert KEY not in err and "SECRET" not in err
    assert "-O api_key was left out" in err
    resume = next(line for line in err.splitlines() if "--resume" in line)
    assert "api_key" not in resume


def test_a_debug_traceback_of_a_wrongly_typed_key_holds_no_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY])
    args = ["extract", str(src), "--backend", "openai", "--model", "m", "--debug"]
    code, _, err = run([*args, "-O", "api_key=[98765, 43210]"], capsys)
    assert code == 2 and "Traceback" in err
    assert "98765" not in err and "43210" not in err


def test_a_key_the_server_echoes_never_reaches_a_row_or_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACTPARSE_API_KEY", KEY)
    src = write(tmp_path / "in.txt", [SUMMARY] * 3)
    out = tmp_path / "out.jsonl"
    with FaultServer(status=(401, "Unauthorized")) as server:
        code, stdout, err = run(
            ["extract", str(src), "-o", str(out), "--debug", *openai_args(server.url)], capsys
        )
    assert code == 2
    assert "Bearer ***" in err
    for text in (stdout, err, out.read_text() if out.exists() else ""):
        assert KEY not in text and "SECRET" not in text


def test_error_rows_are_scrubbed_of_anything_shaped_like_a_key() -> None:
    row = Row("a", 1, error=RuntimeError(f"server said: Authorization: Bearer {KEY}"))
    assert KEY.encode() not in row.to_json()
    assert b"Bearer ***" in row.to_json()


# --------------------------------------------------------------------------- file problems


def test_output_into_a_missing_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY])
    code, _, err = run(["extract", str(src), "-o", str(tmp_path / "no" / "o.jsonl")], capsys)
    assert code == 2
    assert "does not exist; create it (mkdir -p" in one_line_error(err)


def test_a_read_only_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file no one may write (a read-only file; also for root, who may write others)."""
    src = write(tmp_path / "in.txt", [SUMMARY])
    out = Path("/proc/version")  # exists, not writable by anyone
    code, _, err = run(["extract", str(src), "-o", str(out), "--force"], capsys)
    assert code == 2
    assert one_line_error(err).startswith("pactparse: error: cannot write output /proc/version")


@pytest.mark.parametrize("concurrency", ["1", "4"])
def test_a_full_disk_keeps_whole_rows_and_prints_the_resume_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], concurrency: str
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY] * 5)
    code, _, err = run(
        ["extract", str(src), "-o", "/dev/full", "--force", "--concurrency", concurrency], capsys
    )
    assert code == 2
    line = one_line_error(err)
    assert "writing output /dev/full failed: No space left on device" in line
    assert "no row was kept" in line


def test_a_disk_that_fills_mid_run_says_how_many_rows_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pactparse.batch import output

    real = output.RowSink._write_all
    calls = [0]

    def fill_up(self: Any, data: bytes) -> None:
        calls[0] += 1
        if calls[0] > 3:
            raise OSError(28, "No space left on device")
        real(self, data)

    monkeypatch.setattr(output.RowSink, "_write_all", fill_up)
    monkeypatch.setattr(cli, "get_backend", lambda name=None, **o: ScriptedBackend())
    src = write(tmp_path / "in.txt", [SUMMARY] * 10)
    out = tmp_path / "o.jsonl"
    code, _, err = run(["extract", str(src), "-o", str(out), "--concurrency", "2"], capsys)
    assert code == 2
    assert "the 3 rows written before are whole and kept" in one_line_error(err)
    assert err.rstrip().endswith("--resume") and "3 rows are in" in err
    monkeypatch.setattr(output.RowSink, "_write_all", real)
    code, _, _ = run(
        ["extract", str(src), "-o", str(out), "--concurrency", "2", "--resume"], capsys
    )
    assert code == 0 and len(list(iter_rows(out))) == 10


def test_stdin_closed(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pactparse.cli", "extract", "-"],
        capture_output=True,
        env={**os.environ, "PACTPARSE_CACHE_DIR": str(tmp_path)},
        preexec_fn=lambda: os.close(0),
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode().startswith("pactparse: error: standard input is closed")


def test_a_reader_that_goes_away_is_not_a_failed_row(tmp_path: Path) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY] * 50_000)
    command = f"{sys.executable} -m pactparse.cli extract {src} | head -1; "
    command += 'echo "status=${PIPESTATUS[0]}"'
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        env={**os.environ, "PACTPARSE_CACHE_DIR": str(tmp_path)},
        timeout=60,
    )
    out = result.stdout.decode().splitlines()
    assert json.loads(out[0])["ok"] is True
    assert out[-1] == "status=141"
    assert result.stderr == b""


# --------------------------------------------------------------------------- rough edges


def test_resume_and_force_together_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY])
    code, _, err = run(
        ["extract", str(src), "-o", str(tmp_path / "o"), "--resume", "--force"], capsys
    )
    assert code == 2 and "contradict" in one_line_error(err)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"], ids=["empty", "blank-lines"])
def test_an_empty_input_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(content)
    out = tmp_path / "o.jsonl"
    code, _, err = run(["extract", str(src), "-o", str(out)], capsys)
    if content:  # blank lines are lines: each gets its error row
        assert code == 1 and len(list(iter_rows(out))) == 3
    else:
        assert code == 2 and "is empty: there is no line" in one_line_error(err)


def test_ctrl_c_on_stdin_prints_a_resume_command_that_can_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    def interrupt(text: str) -> None:
        if text.endswith("pact 5."):
            raise KeyboardInterrupt

    lines = "".join(f"France and Kenya have signed pact {i}.\n" for i in range(10))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    monkeypatch.setattr(cli, "get_backend", lambda name=None, **o: ScriptedBackend(fail=interrupt))
    out = tmp_path / "o.jsonl"
    code, _, err = run(["extract", "-", "-o", str(out), "--concurrency", "1"], capsys)
    assert code == 130
    assert f"<the same input> | pactparse extract - -o {out} --concurrency 1 --resume" in err


def test_unknown_backend_options_list_the_valid_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY])
    code, _, err = run(
        ["extract", str(src), "--backend", "openai", "--model", "m", "-O", "temp=0.5"], capsys
    )
    line = one_line_error(err)
    assert code == 2 and "temp: unknown option" in line
    assert "temperature" in line and "max_retry_seconds" in line and "pactparse backends" in line


def test_backends_lists_each_backends_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["backends"], capsys)
    assert code == 0
    assert "rules (the default)" in out
    assert "-O max_retry_seconds=..." in out and "--timeout" in out
    code, _, err = run(["backends", "nope"], capsys)
    assert code == 2 and "unknown backend 'nope'" in err


def test_messages_speak_cli_flags_not_library_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", ["France and Kenya have signed a pact. " * 10])
    code, out, _ = run(["extract", str(src), "--max-chars", "50"], capsys)
    message = json.loads(out)["error"]["message"]
    assert "--max-chars N" in message and "ExtractOptions" not in message
    code, _, err = run(["extract", str(src), "--backend", "openai"], capsys)
    assert code == 2 and "--model M" in err and "OpenAIBackend(" not in err


def test_help_and_metadata_point_at_files_that_exist(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).parent.parent
    with pytest.raises(SystemExit):
        cli.main(["eval", "--help"])
    text = capsys.readouterr().out
    assert "gold/" not in text and "fixtures/dev.jsonl" in text
    assert (root / "fixtures" / "dev.jsonl").exists()
    assert (root / "LICENSE").read_text().startswith("MIT License")
    pyproject = (root / "pyproject.toml").read_text()
    for mentioned in ("benchmarks/README.md", "docs/batch.md"):
        assert mentioned not in pyproject or (root / mentioned).exists()


def test_the_summary_speaks_english_and_leaves_out_what_did_not_happen() -> None:
    stats = BatchStats()
    stats.add(Row("a", 1, error=InputError("line 1 is empty")))
    lines = stats.lines()
    assert lines[0].startswith("1 row in ") and "1 failed (InputError 1)" in lines[0]
    assert len(lines) == 1  # no tokens, re-asks or retries of an offline run
    stats.add(Row("b", 2, error=NoPactFound("no pact")))
    assert "2 rows in " in stats.lines()[0] and "1 with no pact (NoPactFound 1)" in stats.lines()[0]


def test_no_pact_rows_do_not_make_the_exit_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARY, "https://example.com/news/1", "id,text,date"])
    code, out, err = run(["extract", str(src)], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["error"]["type"] if r["error"] else None for r in rows] == [
        None,
        "NoPactFound",
        "NoPactFound",
    ]
    assert code == 0 and "2 with no pact" in err


def test_eval_does_not_count_a_no_pact_answer_as_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).parent.parent
    first = json.loads((root / "fixtures" / "seeds.jsonl").read_text().splitlines()[0])
    not_a_summary = {**first, "id": "url", "text": "https://example.com/news/2024/03/01"}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(first) + "\n" + json.dumps(not_a_summary) + "\n")
    code, _, err = run(["eval", str(gold)], capsys)
    assert code == 0, err
    assert "url: extraction failed" not in err
