from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from pactparse import BackendError, cli
from pactparse.batch.rows import iter_rows
from pactparse.draft import Draft
from pactparse.evaluation.metrics import Scores
from pactparse.testing import FakeBackend
from support.backends import ScriptedBackend
from support.gold import gold_record

SUMMARIES = [
    "Mali, Niger and Burkina Faso have signed a security pact.",
    "France and Germany have signed a defence pact.",
    "Japan and India are set to sign a security pact.",
]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACTPARSE_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("PACTPARSE_BACKEND", "PACTPARSE_DEBUG", "CI"):
        monkeypatch.delenv(name, raising=False)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def rows_of(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def use_backend(monkeypatch: pytest.MonkeyPatch, backend: Any) -> list[dict[str, Any]]:
    """Make every --backend name resolve to ``backend``; returns the options it was given."""
    given: list[dict[str, Any]] = []

    def fake_get_backend(name: str | None = None, **options: Any) -> Any:
        given.append({"name": name, **options})
        return backend

    monkeypatch.setattr(cli, "get_backend", fake_get_backend)
    return given


# --------------------------------------------------------------------------- extract


def test_extract_text_file_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", SUMMARIES)
    code, out, err = run(["extract", str(src)], capsys)
    assert code == 0
    rows = rows_of(out)
    assert [(r["id"], r["ok"], r["error"]) for r in rows] == [
        ("line-1", True, None),
        ("line-2", True, None),
        ("line-3", True, None),
    ]
    assert [p["code"] for p in rows[0]["pact"]["parties"]] == ["MLI", "NER", "BFA"]
    assert rows[0]["pact"]["source"]["id"] == "line-1"
    assert "3 rows in" in err and "3 ok, 0 failed" in err


def test_extract_bad_lines_are_rows_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "a", "text": "France and Germany have signed a defence pact."}\n'
        b"\n"
        b"{not json\n"
        b'{"id": "b"}\n'
        b'{"id": "c", "text": ["list"]}\n'
        b'{"id": "d", "text": "x", "reference_date": "yesterday"}\n'
        b"\xff\xfe\x00binary\n"
        b'{"id": "e", "text": "' + b"y" * 30_000 + b'"}\n'
        b'{"text": "Japan and India are set to sign a security pact."}\n'
    )
    code, out, err = run(["extract", str(src)], capsys)
    assert code == 1
    rows = rows_of(out)
    assert [r["id"] for r in rows] == [
        "a",
        "line-2",
        "line-3",
        "b",
        "c",
        "d",
        "line-7",
        "e",
        "line-9",
    ]
    assert [r["ok"] for r in rows] == [True] + [False] * 7 + [True]
    errors = [r["error"] for r in rows if not r["ok"]]
    assert all(e["type"] == "InputError" for e in errors)
    assert errors[0]["message"] == "line 2 is empty"
    assert errors[1]["message"].startswith("line 3 is not valid JSON")
    assert errors[2]["message"].startswith('line 4 has no "text"')
    assert errors[3]["message"].startswith("line 5: text must be a string")
    assert errors[4]["message"].startswith("line 6: reference_date 'yesterday' is not a date")
    assert "line 7 is not UTF-8 text" in errors[5]["message"]
    assert "30,000 characters long" in errors[6]["message"]
    assert "failed (InputError 7)" in err


def test_extract_stdin_and_format_detection(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "\n" + json.dumps({"id": "x", "text": SUMMARIES[1]}) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    code, out, _ = run(["extract", "-"], capsys)
    assert code == 1  # line 1 is empty
    assert [r["id"] for r in rows_of(out)] == ["line-1", "x"]


def test_input_format_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", ['{"text": "France and Germany have signed a pact."}'])
    code, out, _ = run(["extract", str(src), "--input-format", "text"], capsys)
    assert code == 0
    (row,) = rows_of(out)
    # Read as a summary, braces and all (not as a JSON Lines record with its own id): the
    # prose the JSON object holds is read, and the record says so.
    assert row["id"] == "line-1"
    assert [p["code"] for p in row["pact"]["parties"]] == ["FRA", "DEU"]
    assert any("a JSON object" in w for w in row["pact"]["provenance"]["warnings"])


def test_reference_date_flag_and_per_line_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(
        tmp_path / "in.jsonl",
        [
            json.dumps({"text": SUMMARIES[1]}),
            json.dumps({"text": SUMMARIES[1], "reference_date": "2023-05-06"}),
            json.dumps({"text": SUMMARIES[1], "reference_date": None}),
        ],
    )
    code, out, _ = run(["extract", str(src), "--reference-date", "2024-02-01"], capsys)
    assert code == 0
    dates = [r["pact"]["source"]["reference_date"] for r in rows_of(out)]
    assert dates == ["2024-02-01", "2023-05-06", "2024-02-01"]


def test_bad_reference_date_flag_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["extract", "x.txt", "--reference-date", "13/01/2024"])
    assert exit_.value.code == 2
    assert "is not a date; write YYYY-MM-DD" in capsys.readouterr().err


def test_output_file_refuses_overwrite_then_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", SUMMARIES)
    out = tmp_path / "out.jsonl"
    assert run(["extract", str(src), "-o", str(out)], capsys)[0] == 0
    first = out.read_bytes()
    code, stdout, err = run(["extract", str(src), "-o", str(out)], capsys)
    assert code == 2 and stdout == ""
    assert err.startswith("pactparse: error: output ") and "--resume" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert out.read_bytes() == first
    assert run(["extract", str(src), "-o", str(out), "--force"], capsys)[0] == 0
    assert len(list(iter_rows(out))) == 3


def test_resume_finishes_a_cut_off_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [SUMMARIES[i % 3] + f" Item {i}." for i in range(30)]
    src = write(tmp_path / "in.txt", lines)
    full, cut = tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    run(["extract", str(src), "-o", str(full)], capsys)
    data = full.read_bytes()
    cut.write_bytes(data[: data.index(b"\n", len(data) // 2) + 40])  # 15 rows and a half
    code, _, err = run(["extract", str(src), "-o", str(cut), "--resume"], capsys)
    assert code == 0
    assert "resumed after" in err
    assert [r["id"] for r in iter_rows(cut)] == [f"line-{i}" for i in range(1, 31)]
    assert cut.read_bytes().count(b"\n") == 30


def test_resume_refuses_an_output_of_another_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write(
        tmp_path / "a.jsonl", [json.dumps({"id": f"a{i}", "text": SUMMARIES[0]}) for i in range(4)]
    )
    b = write(
        tmp_path / "b.jsonl", [json.dumps({"id": f"b{i}", "text": SUMMARIES[0]}) for i in range(4)]
    )
    out = tmp_path / "out.jsonl"
    run(["extract", str(a), "-o", str(out)], capsys)
    code, _, err = run(["extract", str(b), "-o", str(out), "--resume"], capsys)
    assert code == 2 and "written from another input" in err
    short = write(tmp_path / "short.jsonl", [json.dumps({"id": "a0", "text": SUMMARIES[0]})])
    code, _, err = run(["extract", str(short), "-o", str(out), "--resume"], capsys)
    assert code == 2 and "the input has only 1 lines" in err


def test_resume_needs_an_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", SUMMARIES)
    code, _, err = run(["extract", str(src), "--resume"], capsys)
    assert code == 2 and "--resume needs an output file" in err


def test_unordered_rows_carry_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", SUMMARIES)
    out = tmp_path / "out.jsonl"
    use_backend(monkeypatch, ScriptedBackend(delay=lambda t: 0.1 if "Mali" in t else 0.0))
    code, _, _ = run(["extract", str(src), "-o", str(out), "--unordered"], capsys)
    assert code == 0
    rows = list(iter_rows(out))
    assert [r["line"] for r in rows] == [2, 3, 1]
    assert list(rows[0]) == ["line", "id", "ok", "pact", "error"]


def test_ctrl_c_keeps_done_rows_and_prints_the_resume_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [f"France and Germany have signed pact {i}." for i in range(20)]
    src = write(tmp_path / "in.txt", lines)
    out = tmp_path / "out.jsonl"

    def interrupt(text: str) -> None:
        if text.endswith("pact 12."):
            raise KeyboardInterrupt

    for concurrency in ("1", "4"):
        out.unlink(missing_ok=True)
        use_backend(monkeypatch, ScriptedBackend(fail=interrupt))
        argv = ["extract", str(src), "-o", str(out), "--concurrency", concurrency, "--no-cache"]
        code, _, err = run(argv, capsys)
        assert code == 130
        assert "interrupted;" in err
        resume = err.strip().splitlines()[-1].strip()
        assert resume.startswith("pactparse extract ") and resume.endswith(" --resume")
        done = list(iter_rows(out))
        assert [r["id"] for r in done] == [f"line-{i}" for i in range(1, len(done) + 1)]
        assert len(done) <= 12
        use_backend(monkeypatch, ScriptedBackend())
        code, _, _ = run(resume.split()[1:], capsys)
        assert code == 0
        assert [r["id"] for r in iter_rows(out)] == [f"line-{i}" for i in range(1, 21)]


def test_progress_bar_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", SUMMARIES)
    code, _, err = run(["extract", str(src), "-o", str(tmp_path / "o.jsonl"), "--progress"], capsys)
    assert code == 0 and "extracting" in err and "3/3" in err
    code, _, err = run(["extract", str(src), "-o", str(tmp_path / "p.jsonl"), "--quiet"], capsys)
    assert code == 0 and err == ""  # not a terminal: no bar; --quiet: no summary


def test_cache_is_used_and_can_be_disabled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", [SUMMARIES[1]] * 3)
    backend = ScriptedBackend()
    use_backend(monkeypatch, backend)
    assert run(["extract", str(src), "--concurrency", "1"], capsys)[0] == 0
    assert sum(backend.calls.values()) == 1
    code, out, err = run(["extract", str(src)], capsys)
    assert sum(backend.calls.values()) == 1 and "from cache 3" in err
    assert [r["pact"]["source"]["id"] for r in rows_of(out)] == ["line-1", "line-2", "line-3"]
    run(["extract", str(src), "--no-cache"], capsys)
    assert sum(backend.calls.values()) == 4
    code, out, _ = run(["cache"], capsys)
    assert code == 0 and "cache.sqlite3 (1 records)" in out
    code, out, _ = run(["cache", "--clear"], capsys)
    assert "removed 1 records" in out


def test_force_rerun_retries_only_the_failed_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The documented way to retry failed rows: rerun with --force; the rows that
    succeeded come back from the cache, only the failed inputs reach the backend."""
    src = write(tmp_path / "in.txt", SUMMARIES)
    out = tmp_path / "out.jsonl"
    down = {"yes": True}

    def outage(text: str) -> None:
        if down["yes"] and text == SUMMARIES[1]:
            raise BackendError("server down")

    backend = ScriptedBackend(fail=outage)
    use_backend(monkeypatch, backend)
    assert run(["extract", str(src), "-o", str(out)], capsys)[0] == 1
    assert [r["ok"] for r in rows_of(out.read_text())] == [True, False, True]
    down["yes"] = False
    backend.calls.clear()
    code, _, err = run(["extract", str(src), "-o", str(out), "--force"], capsys)
    assert code == 0 and "from cache 2" in err
    assert dict(backend.calls) == {SUMMARIES[1]: 1}
    assert [r["ok"] for r in rows_of(out.read_text())] == [True, True, True]


# --------------------------------------------------------------------------- errors and options


def test_unknown_backend_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", SUMMARIES)
    code, out, err = run(["extract", str(src), "--backend", "nope"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("pactparse: error: unknown backend 'nope'; installed backends:")
    assert err.count("\n") == 1


def test_missing_input_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extract", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "does not exist" in err


def test_debug_shows_the_real_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--debug prints the traceback (scrubbed of keys) before the one-line error."""
    code, _, err = run(["extract", str(tmp_path / "nope.txt"), "--debug"], capsys)
    assert code == 2 and "Traceback" in err and "InputError: input file" in err
    code, _, err = run(["--debug", "extract", "x", "--backend", "nope"], capsys)
    assert code == 2 and "Traceback" in err and "ConfigurationError: unknown backend" in err
    monkeypatch.setenv("PACTPARSE_DEBUG", "1")
    code, _, err = run(["extract", "x", "--backend", "nope"], capsys)
    assert code == 2 and "Traceback" in err


def test_internal_errors_are_reported_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "run_extract", broken)
    src = write(tmp_path / "in.txt", SUMMARIES)
    code, _, err = run(["extract", str(src)], capsys)
    assert code == 3 and "internal error: RuntimeError: boom" in err and "--debug" in err


def test_only_given_backend_flags_are_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", SUMMARIES[:1])
    given = use_backend(monkeypatch, ScriptedBackend())
    run(["extract", str(src)], capsys)
    assert given[-1] == {"name": None}
    monkeypatch.setenv("MY_KEY", "sk-test")
    run(
        [
            "extract",
            str(src),
            "--backend",
            "openai",
            "--model",
            "m",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--mode",
            "tools",
            "--timeout",
            "2.5",
            "--max-retries",
            "0",
            "--api-key-env",
            "MY_KEY",
            "-O",
            "seed=7",
            "-O",
            "max-tokens=300",
        ],
        capsys,
    )
    assert given[-1] == {
        "name": "openai",
        "model": "m",
        "base_url": "http://127.0.0.1:9/v1",
        "mode": "tools",
        "timeout": 2.5,
        "max_retries": 0,
        "api_key": "sk-test",
        "seed": 7,
        "max_tokens": 300,
    }


def test_options_a_backend_does_not_take_are_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.txt", SUMMARIES[:1])
    code, _, err = run(["extract", str(src), "--model", "gpt"], capsys)
    assert code == 2 and "backend 'rules' takes no options (got: model)" in err
    code, _, err = run(["extract", str(src), "--backend", "openai", "-O", "colour=red"], capsys)
    assert code == 2 and "invalid options for backend 'openai'" in err


def test_missing_api_key_env_var(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extract", "x", "--api-key-env", "NO_SUCH_VARIABLE_X"], capsys)
    assert code == 2 and "NO_SUCH_VARIABLE_X: that environment variable is not set" in err


def test_extraction_options_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = Draft(
        name=None,
        status="signed",  # type: ignore[arg-type]
        event="new_pact",  # type: ignore[arg-type]
        parties=["Atlantis"],
        adversaries=[],
        provisions=[],
        date_hints=[],
        rationale=[],
    )
    backend = FakeBackend([bad])
    use_backend(monkeypatch, backend)
    src = write(tmp_path / "in.txt", SUMMARIES[1:2])
    code, out, _ = run(
        ["extract", str(src), "--max-reasks", "0", "--on-unverified", "raise", "--no-cache"],
        capsys,
    )
    assert code == 1
    assert rows_of(out)[0]["error"]["type"] == "ExtractionError"
    assert len(backend.calls) == 1


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], capsys)
    assert code == 2 and "extract" in err and "eval" in err


@pytest.mark.parametrize("command", ["extract", "eval", "schema", "cache"])
def test_help_is_useful_on_its_own(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "examples:" in text and f"pactparse {command}" in text
    if command in ("extract", "eval"):
        assert "exit status:" in text and "--backend" in text and "--concurrency" in text
    if command == "extract":
        assert "JSON Lines" in text and "line-N" in text and "--resume" in text


def test_resume_command() -> None:
    assert cli.resume_command(["extract", "in file.txt", "-o", "o.jsonl", "--force"]) == (
        "pactparse extract 'in file.txt' -o o.jsonl --resume"
    )


# --------------------------------------------------------------------------- schema


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Pact" and "provenance" in schema["properties"]
    code, out, _ = run(["schema", "--draft"], capsys)
    assert json.loads(out)["title"] == "Draft"


# --------------------------------------------------------------------------- eval


def gold_line(id_: str, text: str, parties: list[str]) -> str:
    return json.dumps(gold_record(id_, text, parties))


@pytest.fixture
def gold_files(tmp_path: Path) -> tuple[Path, Path]:
    a = write(
        tmp_path / "a.jsonl",
        [
            gold_line("a1", SUMMARIES[1], ["FRA", "DEU"]),
            gold_line("a2", "Chile and Peru have signed a defence pact.", ["CHL", "PER"]),
        ],
    )
    b = write(tmp_path / "b.jsonl", [gold_line("b1", SUMMARIES[1], ["FRA", "USA"])])
    return a, b


def test_eval_table(gold_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["eval", str(gold_files[0])], capsys)
    assert code == 0
    assert "parties" in out and "exact_parties" in out and "n = 2 records" in out
    assert "tokens: 0" in out and "ms/record" in out
    assert "combined" not in out


def test_eval_json_is_exactly_the_scores(
    gold_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["eval", str(gold_files[0]), "--json", "--errors"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) == set(Scores().to_json())
    assert data["n"] == 2
    assert out.count("\n") == 1


def test_eval_several_files_and_errors(
    gold_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["eval", str(gold_files[0]), str(gold_files[1]), "--errors"], capsys)
    assert code == 0
    assert "combined (micro)" in out and "n = 3 records" in out
    assert "b1:" in out and "parties: missing 'USA'" in out and "extra 'DEU'" in out
    code, out, _ = run(["eval", str(gold_files[0]), str(gold_files[1]), "--json"], capsys)
    assert json.loads(out)["n"] == 3


def test_eval_failed_extractions_exit_1(
    gold_files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fail(text: str) -> None:
        if "Chile" in text:
            raise ValueError("model went away")

    use_backend(monkeypatch, ScriptedBackend(fail=fail))
    code, out, err = run(["eval", str(gold_files[0]), "--json"], capsys)
    assert code == 1
    assert "a2: extraction failed: ValueError: model went away" in err
    assert json.loads(out)["parties"]["r"] == 0.5


def test_eval_bad_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "bad.jsonl", ['{"id": "x", "text": "y"}'])
    code, _, err = run(["eval", str(bad)], capsys)
    assert code == 2 and f"{bad}:1: not a gold record" in err


def test_max_chars_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", [SUMMARIES[1], "France and Germany " + "x" * 200])
    code, out, _ = run(["extract", str(src), "--max-chars", "100"], capsys)
    assert code == 1
    rows = rows_of(out)
    assert rows[0]["ok"]
    assert "over the limit of 100" in rows[1]["error"]["message"]
