"""The bad-input sweep of issue 11: every bad input gives records, error rows with a
clear message, or one line on standard error with a documented exit status — never a
traceback, never exit 3 (an internal error) for a user's mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactparse import cli

SUMMARY = "France and Kenya have signed a security pact."

#: name -> (file name, bytes); each is given to `pactparse extract FILE`.
FILES: dict[str, tuple[str, bytes]] = {
    "empty": ("in.txt", b""),
    "blank lines": ("in.txt", b"\n \n\t\n"),
    "only a BOM": ("in.txt", b"\xef\xbb\xbf"),
    "binary": ("in.bin", bytes(range(256)) * 40),
    "png": ("in.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
    "gzip": ("in.jsonl.gz", b"\x1f\x8b\x08\x00" + bytes(range(256))),
    "utf-16": ("in.txt", f"{SUMMARY}\n{SUMMARY}\n".encode("utf-16")),
    "utf-16-be no bom": ("in.txt", f"{SUMMARY}\n".encode("utf-16-be")),
    "latin-1": ("in.txt", "Zürich and Genève signed a défense pact.\n".encode("latin-1")),
    "cp1252 quotes": ("in.txt", b"\x93France and Kenya\x94 signed a pact.\n"),
    "json array pretty": ("in.txt", json.dumps([{"text": SUMMARY}], indent=2).encode()),
    "json array of numbers": ("in.json", b"[1, 2, 3]"),
    "json object pretty": ("in.json", json.dumps({"text": SUMMARY}, indent=2).encode()),
    "json object with a list": ("in.json", b'{"items": [{"text": "a"}]}'),
    "json broken": ("in.json", b'[{"text": "a"'),
    "json scalar": ("in.json", b'"just a string"'),
    "json null": ("in.json", b"null"),
    "jsonl wrong types": ("in.jsonl", b'{"text": 5}\n{"text": null}\n{"id": {}, "text": "x"}\n'),
    "jsonl arrays": ("in.jsonl", b'["a"]\n[1]\n'),
    "jsonl bad dates": ("in.jsonl", b'{"text": "x", "reference_date": "soon"}\n'),
    "jsonl truncated": ("in.jsonl", b'{"text": "France and Kenya'),
    "jsonl deep nesting": ("in.jsonl", b"[" * 100_000 + b"\n"),
    "csv without text": ("in.csv", b"id,body\n1,hello\n"),
    "csv header only": ("in.csv", b"id,text\n"),
    "csv empty": ("in.csv", b""),
    "csv ragged": ("in.csv", f'text,id\n"{SUMMARY}"\n"{SUMMARY}",a,b,c\n,\n'.encode()),
    "csv unterminated quote": ("in.csv", b'text\n"France and Kenya\n'),
    "csv not utf-8": ("in.csv", "text\nZürich signed\n".encode("latin-1")),
    "tsv": ("in.tsv", f"id\ttext\n1\t{SUMMARY}\n".encode()),
    "very long line": ("in.txt", b"pact " * 400_000 + b"\n"),
    "no newline at end": ("in.txt", SUMMARY.encode()),
    "crlf": ("in.txt", f"{SUMMARY}\r\n{SUMMARY}\r\n".encode()),
    "lone cr": ("in.txt", f"{SUMMARY}\r{SUMMARY}\r".encode()),
    "nul in line": ("in.txt", f"{SUMMARY}\x00\n".encode()),
    "control characters": ("in.txt", b"\x01\x02\x03\x04\x05\x06 France\n"),
    "lone surrogate escape": ("in.jsonl", b'{"text": "\\ud800 France and Kenya signed."}\n'),
    "url": ("in.txt", b"https://example.com/a\n"),
    "html": ("in.txt", b"<html><body>France and Kenya signed</body></html>\n"),
    "code": ("in.txt", b"def f(x): return x\n"),
    "a number": ("in.txt", b"12345\n"),
    "emoji": ("in.txt", "🤝🤝🤝🤝\n".encode()),
    "french": ("in.txt", "La France et le Kenya ont signé un pacte de sécurité.\n".encode()),
    "ok": ("in.txt", f"{SUMMARY}\n".encode()),
}

#: extra command lines, each with a valid input (INPUT) and output (OUT) to use
ARGUMENTS: dict[str, list[str]] = {
    "missing input": ["extract", "nope.txt"],
    "input is a directory": ["extract", "."],
    "output is a directory": ["extract", "INPUT", "-o", "."],
    "output in a missing directory": ["extract", "INPUT", "-o", "no/such/dir/o.jsonl"],
    "output is the input": ["extract", "INPUT", "-o", "INPUT"],
    "output is not writable": ["extract", "INPUT", "-o", "/proc/version", "--force"],
    "output disk full": ["extract", "INPUT", "-o", "/dev/full", "--force"],
    "resume without output": ["extract", "INPUT", "--resume"],
    "resume and force": ["extract", "INPUT", "-o", "OUT", "--resume", "--force"],
    "resume of a foreign file": ["extract", "INPUT", "-o", "FOREIGN", "--resume"],
    "existing output": ["extract", "INPUT", "-o", "FOREIGN"],
    "unordered resume of ordered": ["extract", "INPUT", "-o", "DONE", "--resume", "--unordered"],
    "unknown backend": ["extract", "INPUT", "--backend", "nope"],
    "openai without model": ["extract", "INPUT", "--backend", "openai"],
    "openai bad base url": [
        "extract",
        "INPUT",
        "--backend",
        "openai",
        "--model",
        "m",
        "--base-url",
        "localhost:8000",
    ],
    "unknown option": ["extract", "INPUT", "--backend", "openai", "--model", "m", "-O", "t=1"],
    "option of wrong type": [
        "extract",
        "INPUT",
        "--backend",
        "openai",
        "--model",
        "m",
        "-O",
        "max_tokens=lots",
    ],
    "option for the rules backend": ["extract", "INPUT", "-O", "model=x"],
    "key env unset": ["extract", "INPUT", "--backend", "openai", "--api-key-env", "NOPE_KEY"],
    "bad reference date": ["extract", "INPUT", "--reference-date", "yesterday"],
    "zero concurrency": ["extract", "INPUT", "--concurrency", "0"],
    "negative timeout": ["extract", "INPUT", "--timeout", "-1"],
    "bad input format": ["extract", "INPUT", "--input-format", "xml"],
    "max chars zero": ["extract", "INPUT", "--max-chars", "0"],
    "O without equals": ["extract", "INPUT", "-O", "oops"],
    "eval missing gold": ["eval", "nope.jsonl"],
    "eval of a summaries file": ["eval", "INPUT"],
    "no command": [],
    "unknown command": ["frobnicate"],
    "backends unknown": ["backends", "nope"],
}


def check(code: int, err: str) -> None:
    assert "Traceback" not in err, err
    assert code in (0, 1, 2), (code, err)
    if code == 2:  # one line says what is wrong (argparse: after its usage line)
        errors = [line for line in err.splitlines() if line.startswith("pactparse: error:")]
        assert len(errors) == 1 or (len(errors) == 0 and "usage:" in err), err


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACTPARSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    for name in ("PACTPARSE_BACKEND", "PACTPARSE_DEBUG", "CI", "PACTPARSE_MODEL", "NOPE_KEY"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("case", FILES)
def test_every_bad_file_gives_rows_or_one_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, data = FILES[case]
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out.jsonl"
    try:
        code = cli.main(["extract", str(src), "-o", str(out)])
    except SystemExit as exit:  # argparse
        code = int(exit.code or 0)
    _, err = capsys.readouterr()
    check(code, err)
    if code != 2:
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert rows, case
        for row in rows:
            if not row["ok"]:
                assert row["error"]["message"].strip(), row
                assert row["error"]["type"] in {"InputError", "NoPactFound", "UnsupportedLanguage"}


@pytest.mark.parametrize("case", ARGUMENTS)
def test_every_bad_command_line_gives_one_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.txt"
    src.write_text(SUMMARY + "\n")
    (tmp_path / "foreign.jsonl").write_text("this is not a row\n")
    done = tmp_path / "done.jsonl"
    cli.main(["extract", str(src), "-o", str(done)])
    capsys.readouterr()
    names = {"INPUT": str(src), "OUT": str(tmp_path / "o.jsonl"), "FOREIGN": "foreign.jsonl"}
    names["DONE"] = str(done)
    argv = [names.get(word, word) for word in ARGUMENTS[case]]
    try:
        code = cli.main(argv)
    except SystemExit as exit:  # argparse: usage errors
        code = int(exit.code or 0)
    _, err = capsys.readouterr()
    check(code, err)
    assert code == 2, (case, err)
