"""Input files users actually have (issue 8, item 3; issue 11): JSON arrays, CSV with a
text column, files in other encodings, pretty-printed JSON — read as records or refused
up front in one line, never read line by line into empty records."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from pactparse import cli, extract
from pactparse.backends.openai import OpenAIBackend
from pactparse.batch import BatchOptions, ExtractJob, run_extract
from pactparse.batch.lines import BadLine, InputLine, Line, read_lines
from pactparse.batch.rows import iter_rows
from pactparse.errors import ConfigurationError, InputError
from pactparse.pipeline import ExtractOptions, resolve_backend
from support.backends import ScriptedBackend

SUMMARY = "France and Kenya have signed a security pact."
OTHER = "Japan and India have signed a defence pact."


def read(raw: bytes, **kwargs: Any) -> list[Line]:
    return list(read_lines(io.BytesIO(raw), **kwargs))  # type: ignore[arg-type]


def message(record: Line) -> str:
    assert isinstance(record, BadLine), record
    return str(record.error)


# --------------------------------------------------------------------------- JSON arrays


@pytest.mark.parametrize("name", ["in.json", "in.txt", "in.jsonl", None])
def test_a_pretty_printed_json_array_is_read_as_records(name: str | None) -> None:
    items = [
        {"id": "a", "text": SUMMARY, "reference_date": "2024-03-01"},
        {"id": 7, "text": OTHER},
        OTHER,
    ]
    records = read(json.dumps(items, indent=2).encode(), name=name)
    assert [type(r) for r in records] == [InputLine] * 3
    first, second, third = records
    assert isinstance(first, InputLine) and isinstance(second, InputLine)
    assert (first.id, first.text, first.reference_date) == ("a", SUMMARY, dt.date(2024, 3, 1))
    assert (second.id, second.line) == ("7", 2)
    assert (third.id, third.line) == ("line-3", 3)


def test_a_minified_array_longer_than_a_line_may_be_is_still_read() -> None:
    items = [{"text": f"{SUMMARY} {i}"} for i in range(40_000)]  # ~2 MB on one line
    records = read(json.dumps(items).encode(), name="big.json")
    assert len(records) == 40_000 and all(isinstance(r, InputLine) for r in records)


def test_bad_items_of_an_array_are_error_records_naming_the_item() -> None:
    raw = json.dumps([{"text": SUMMARY}, 5, {"id": "x"}, {"text": ""}]).encode()
    records = read(raw, name="in.json")
    assert isinstance(records[0], InputLine)
    assert message(records[1]) == 'item 2 is a number, not an object such as {"text": "..."}'
    assert message(records[2]).startswith('item 3 has no "text"')
    assert message(records[3]) == "item 4 is empty"


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b'[{"text": "a"},\n  {"text": ', "is not valid JSON (unexpected end of data"),
        (b'{\n  "text": "France and Kenya signed."\n}\n', "pretty-printed JSON"),
    ],
    ids=["broken-array", "pretty-object"],
)
def test_json_that_cannot_be_records_is_refused_up_front(raw: bytes, said: str) -> None:
    with pytest.raises(InputError, match=said.replace("(", r"\(")):
        read(raw, name="in.json")


# --------------------------------------------------------------------------- CSV


def test_a_csv_with_a_text_column_is_read_with_the_csv_module() -> None:
    raw = (
        "id,Text,reference_date,source\r\n"
        f'a1,"{SUMMARY}",2024-03-01,x\r\n'
        f'a2,"{OTHER}\nIt was, they said, ""historic"".",,y\r\n'
        ",,,\r\n"
        f',"{SUMMARY}",,z\r\n'
    ).encode("utf-8-sig")
    records = read(raw, name="news.csv")
    assert len(records) == 4
    one, two, empty, four = records
    assert isinstance(one, InputLine) and one.reference_date == dt.date(2024, 3, 1)
    assert isinstance(two, InputLine) and two.id == "a2"
    assert two.text == f'{OTHER}\nIt was, they said, "historic".'
    assert message(empty) == "row 3 is empty"
    assert isinstance(four, InputLine) and four.id == "line-4" and four.line == 4


def test_a_tsv_is_tab_separated() -> None:
    records = read(f"text\tid\n{SUMMARY}\tt1\n".encode(), name="news.tsv")
    assert [(r.id, r.text) for r in records if isinstance(r, InputLine)] == [("t1", SUMMARY)]


def test_a_csv_without_a_text_column_is_refused_naming_its_columns() -> None:
    with pytest.raises(InputError, match=r"has no 'text' column \(its columns: 'id', 'body'\)"):
        read(b"id,body\n1,hello\n", name="news.csv")


def test_a_csv_is_streamed() -> None:
    class Endless(io.RawIOBase):
        def __init__(self) -> None:
            self.rows = 0
            self.pending = b""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            if not self.pending:
                self.pending = b"text\n" if self.rows == 0 else f'"{SUMMARY}"\n'.encode()
                self.rows += 1
            n = min(len(buffer), len(self.pending))
            buffer[:n] = self.pending[:n]
            self.pending = self.pending[n:]
            return n

    raw = Endless()
    stream = io.BufferedReader(raw, buffer_size=4096)
    records = read_lines(stream, name="endless.csv")
    first = [next(records) for _ in range(100)]
    assert all(isinstance(r, InputLine) for r in first)
    assert raw.rows < 5_000


# --------------------------------------------------------------------------- encodings


def test_utf16_is_refused_up_front_saying_the_encoding() -> None:
    for raw in (f"{SUMMARY}\n{OTHER}\n".encode("utf-16"), f"{SUMMARY}\n".encode("utf-16-le")):
        with pytest.raises(InputError, match=r"is UTF-16 text; .* iconv -f UTF-16 -t UTF-8"):
            read(raw, name="in.txt")


def test_a_latin1_line_says_latin1_not_binary() -> None:
    records = read(f"{SUMMARY}\nZürich and Genève signed a pact on défense.\n".encode("latin-1"))
    assert isinstance(records[0], InputLine)
    assert "looks like Latin-1 / Windows-1252 text" in message(records[1])
    assert "binary" not in message(records[1])


def test_a_binary_line_is_still_called_binary() -> None:
    records = read(SUMMARY.encode() + b"\n\x00\x01\x02\xff\xfe\x89PNG\n")
    assert "binary data?" in message(records[1])


# --------------------------------------------------------------------------- through the CLI


def test_the_cli_reads_json_and_csv_and_refuses_the_rest_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACTPARSE_CACHE_DIR", str(tmp_path / "cache"))
    arr = tmp_path / "news.json"
    arr.write_text(json.dumps([{"id": "a", "text": SUMMARY}, {"id": "b", "text": OTHER}], indent=2))
    table = tmp_path / "news.csv"
    table.write_text(f'id,text\nc,"{SUMMARY}"\n')
    for path, ids in ((arr, ["a", "b"]), (table, ["c"])):
        code = cli.main(["extract", str(path)])
        out, _ = capsys.readouterr()
        assert code == 0
        assert [json.loads(line)["id"] for line in out.splitlines()] == ids
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,x\n")
    code = cli.main(["extract", str(bad)])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and err.startswith("pactparse: error: input ")


# --------------------------------------------------------------------------- resume


def test_unordered_resume_after_more_than_256_lines(tmp_path: Path) -> None:
    """The done-set grows by doubling: its length is not the last line done."""
    src = tmp_path / "in.txt"
    src.write_text("".join(f"France and Kenya have signed pact {i}.\n" for i in range(500)))
    out = tmp_path / "out.jsonl"
    batch = BatchOptions(ordered=False, concurrency=4)
    job = ExtractJob(input=str(src), output=out, progress=False)
    run_extract(job, backend=ScriptedBackend(), batch=batch)
    rows = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(rows[:300]))  # as if killed after 300 rows
    for _ in range(2):  # every later resume works too
        again = ExtractJob(input=str(src), output=out, progress=False, resume=True)
        result = run_extract(again, backend=ScriptedBackend(), batch=batch)
        assert result.stopped is None
    assert sorted(r["line"] for r in iter_rows(out)) == list(range(1, 501))


# --------------------------------------------------------------------------- the library


@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"reference_date": "10/10/2021"}, "reference_date must be a datetime.date"),
        ({"reference_date": 20211010}, "reference_date must be"),
        ({"id": ["a"]}, "id must be a string, not list"),
        ({"options": {"max_reasks": -1}}, "invalid ExtractOptions: max_reasks"),
        ({"options": 3}, "options must be ExtractOptions"),
        ({"backend": 3}, "backend must be a Backend or a backend's name"),
    ],
)
def test_wrong_arguments_are_configuration_errors_whatever_the_text(
    kwargs: dict[str, Any], said: str
) -> None:
    for text in (SUMMARY, "France and Kenya signed a pact in February."):  # with a date to resolve
        with pytest.raises(ConfigurationError, match=said):
            extract(text, **kwargs)


def test_arguments_in_their_usual_spellings_are_taken() -> None:
    text = "France and Kenya signed a security pact in February."
    pact = extract(text, reference_date="2021-10-10", id=5, options={"max_reasks": 0})
    assert pact.source.reference_date == dt.date(2021, 10, 10)
    assert pact.source.id == "5"
    moment = dt.datetime(2021, 10, 10, 12, 0)
    assert extract(text, reference_date=moment).source.reference_date == dt.date(2021, 10, 10)


def test_extract_options_refuses_bad_values_as_a_configuration_error() -> None:
    with pytest.raises(
        ConfigurationError, match="on_unverified: Input should be 'flag' or 'raise'"
    ):
        ExtractOptions(on_unverified="ignore")  # type: ignore[arg-type]


def test_a_backend_named_in_each_call_is_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTPARSE_MODEL", "stub")
    monkeypatch.setenv("PACTPARSE_BASE_URL", "http://127.0.0.1:9/v1")
    first = resolve_backend("openai")
    assert isinstance(first, OpenAIBackend)
    assert resolve_backend("openai") is first
    monkeypatch.setenv("PACTPARSE_MODEL", "another")  # another configuration, another backend
    second = resolve_backend("openai")
    assert second is not first and second.model == "another"
