from __future__ import annotations

import datetime as dt
import io
import json
from itertools import islice
from pathlib import Path

import pytest

from pactparse.batch.lines import (
    BadLine,
    InputLine,
    Line,
    count_lines,
    detect_format,
    line_from,
    open_lines,
    read_lines,
)
from pactparse.errors import InputError

SUMMARY = "Mali, Niger and Burkina Faso have signed a security pact."


def read(data: bytes | str, **kwargs: object) -> list[Line]:
    raw = data.encode() if isinstance(data, str) else data
    return list(read_lines(io.BytesIO(raw), **kwargs))  # type: ignore[arg-type]


def message(record: Line) -> str:
    assert isinstance(record, BadLine), record
    return str(record.error)


# --------------------------------------------------------------------------- format detection


@pytest.mark.parametrize(
    ("name", "first", "expected"),
    [
        ("a.jsonl", b"not json at all", "jsonl"),
        ("a.NDJSON", None, "jsonl"),
        ("a.txt", b'{"text": "x"}', "jsonl"),
        ("a.txt", b"Mali signed", "text"),
        (None, b'  {"text": "x"}', "jsonl"),
        (None, b"\xef\xbb\xbf{", "jsonl"),
        (None, None, "text"),
    ],
)
def test_detect_format(name: str | None, first: bytes | None, expected: str) -> None:
    assert detect_format(name, first) == expected


def test_auto_format_looks_past_blank_lines() -> None:
    records = read("\n\n" + json.dumps({"text": SUMMARY, "id": "a"}) + "\n")
    assert [r.line for r in records] == [1, 2, 3]
    assert message(records[0]) == "line 1 is empty"
    assert records[2] == InputLine(3, "a", SUMMARY)


def test_explicit_format_overrides_detection() -> None:
    (record,) = read('{"text": "x"}\n', format="text")
    assert isinstance(record, InputLine)
    assert record.text == '{"text": "x"}'


# --------------------------------------------------------------------------- text lines


def test_text_lines_one_record_each_with_line_ids() -> None:
    records = read(f"{SUMMARY}\r\n\n   \n{SUMMARY}")
    assert [r.id for r in records] == ["line-1", "line-2", "line-3", "line-4"]
    assert records[0] == InputLine(1, "line-1", SUMMARY)
    assert message(records[1]) == "line 2 is empty"
    assert message(records[2]) == "line 3 is empty"
    assert records[3] == InputLine(4, "line-4", SUMMARY)


def test_text_keeps_everything_but_the_line_ending() -> None:
    (record,) = read(f"  {SUMMARY}  \r\n")
    assert isinstance(record, InputLine)
    assert record.text == f"  {SUMMARY}  "


def test_byte_order_mark_is_dropped() -> None:
    (record,) = read(b"\xef\xbb\xbf" + SUMMARY.encode())
    assert isinstance(record, InputLine)
    assert record.text == SUMMARY


def test_binary_line_is_an_error_row() -> None:
    records = read(SUMMARY.encode() + b"\n\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\n" + SUMMARY.encode())
    assert isinstance(records[0], InputLine)
    assert "not UTF-8 text" in message(records[1])
    assert message(records[1]).startswith("line 2")
    assert isinstance(records[-1], InputLine)


def test_control_characters_are_binary() -> None:
    (record,) = read("abc\x00\x01\x02\x03\x04 def\n")
    assert "binary" in message(record)


def test_text_over_max_chars_is_an_error_row() -> None:
    (record,) = read("x" * 101, max_chars=100)
    assert message(record).startswith("line 1: the summary is 101 characters long")


def test_line_over_byte_limit_is_skipped_without_holding_it() -> None:
    data = SUMMARY + "\n" + "y" * 5000 + "\n" + SUMMARY + "\n"
    records = read(data, max_line_bytes=1000)
    assert len(records) == 3
    assert message(records[1]) == (
        "line 2 is 5,001 bytes long, over the limit of 1,000; put one summary on each line"
    )
    assert records[2] == InputLine(3, "line-3", SUMMARY)


def test_over_long_last_line_without_newline() -> None:
    records = read(SUMMARY + "\n" + "z" * 3000, max_line_bytes=1000)
    assert "line 2 is 3,000 bytes long" in message(records[1])


def test_reference_date_applies_to_text_lines() -> None:
    (record,) = read(SUMMARY, reference_date=dt.date(2024, 3, 1))
    assert isinstance(record, InputLine)
    assert record.reference_date == dt.date(2024, 3, 1)


# --------------------------------------------------------------------------- JSON lines


def test_jsonl_fields_and_extra_keys_ignored() -> None:
    data = "".join(
        json.dumps(obj) + "\n"
        for obj in (
            {"id": "seed-1", "text": SUMMARY, "reference_date": "2024-02-10", "gold": {"x": 1}},
            {"text": SUMMARY},
            {"id": 7, "text": SUMMARY, "reference_date": None},
        )
    )
    records = read(data, reference_date=dt.date(2020, 1, 1), name="in.jsonl")
    assert records == [
        InputLine(1, "seed-1", SUMMARY, dt.date(2024, 2, 10)),
        InputLine(2, "line-2", SUMMARY, dt.date(2020, 1, 1)),
        InputLine(3, "7", SUMMARY, dt.date(2020, 1, 1)),
    ]


@pytest.mark.parametrize(
    ("line", "expected_id", "expected"),
    [
        ("", "line-1", "line 1 is empty"),
        ("{bad json", "line-1", "line 1 is not valid JSON"),
        ('"just a string"', "line-1", "line 1 is a string, not a JSON object"),
        ("[1, 2]", "line-1", "line 1 is an array, not a JSON object"),
        ('{"id": "a"}', "a", 'line 1 has no "text"'),
        ('{"id": "a", "text": 5}', "a", "line 1: text must be a string, not a number"),
        ('{"id": "a", "text": null}', "a", "line 1: text must be a string, not null"),
        ('{"id": "a", "text": "   "}', "a", "line 1 is empty"),
        ('{"id": ["a"], "text": "x"}', "line-1", "line 1: id must be a string, not list"),
        ('{"id": "", "text": "x"}', "line-1", "line 1: id is empty"),
        (
            json.dumps({"id": "a", "text": SUMMARY, "reference_date": "next week"}),
            "a",
            "line 1: reference_date 'next week' is not a date; write it as YYYY-MM-DD or null",
        ),
        (
            json.dumps({"id": "a", "text": SUMMARY, "reference_date": 20240101}),
            "a",
            "line 1: reference_date 20240101 is not a date",
        ),
    ],
)
def test_bad_json_lines_are_error_records(line: str, expected_id: str, expected: str) -> None:
    (record,) = read(line + "\n", format="jsonl")
    assert isinstance(record, BadLine)
    assert isinstance(record.error, InputError)
    assert record.id == expected_id
    assert str(record.error).startswith(expected)


def test_invalid_utf8_in_jsonl() -> None:
    records = read(b'{"text": "ok"}\n{"text": "\xff\xfe"}\n', name="x.jsonl")
    assert "not UTF-8 text" in message(records[1])


def test_gold_files_are_valid_input() -> None:
    path = Path(__file__).parent.parent / "fixtures" / "seeds.jsonl"
    with open_lines(path) as records:
        got = list(records)
    assert got and all(isinstance(r, InputLine) for r in got)
    assert got[0].id == "seed-01"


# --------------------------------------------------------------------------- files and streaming


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"), open_lines(tmp_path / "nope.txt"):
        pass


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"), open_lines(tmp_path):
        pass


class CountingStream(io.RawIOBase):
    """An endless generated input that counts the bytes read from it."""

    def __init__(self, lines: int) -> None:
        self.lines = lines
        self.produced = 0
        self.bytes_read = 0
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while len(self._pending) < len(buffer) and self.produced < self.lines:
            self.produced += 1
            self._pending += f'{{"id": "r{self.produced}", "text": "{SUMMARY}"}}\n'.encode()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        self.bytes_read += n
        return n


def test_records_are_read_lazily() -> None:
    raw = CountingStream(lines=1_000_000)
    stream = io.BufferedReader(raw, buffer_size=8192)
    first = list(islice(read_lines(stream), 5000))
    assert [r.id for r in first[:2]] == ["r1", "r2"]
    assert len(first) == 5000
    # only about what was asked for was read: nowhere near the million lines
    assert raw.produced < 6000
    assert raw.bytes_read < 6000 * 100


def test_count_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("a\nb\nc")
    assert count_lines(path) == 3
    path.write_text("a\nb\n")
    assert count_lines(path) == 2
    assert count_lines("-") is None


# --------------------------------------------------------------------------- library items


def test_record_from_library_items() -> None:
    assert line_from(SUMMARY, 4) == InputLine(4, "line-4", SUMMARY)
    assert line_from({"text": SUMMARY, "id": "x"}, 2) == InputLine(2, "x", SUMMARY)
    ready = InputLine(9, "nine", SUMMARY)
    assert line_from(ready, 1) is ready
    bad = line_from(42, 3)  # type: ignore[arg-type]
    assert isinstance(bad, BadLine)
    assert "item 3 is int" in str(bad.error)
