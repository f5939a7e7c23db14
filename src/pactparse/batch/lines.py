"""Input records, read one line at a time.

An input file holds one summary a line, in one of two formats:

* **text** — each line is the summary itself;
* **JSON Lines** — each line is an object with ``text`` and, optionally, ``id`` and
  ``reference_date`` (``"YYYY-MM-DD"`` or null). Other keys are ignored, so the
  spec's gold files (which add ``gold``) are valid input.

The format is taken from the file name (``.jsonl`` and ``.ndjson`` are JSON Lines)
and otherwise, for standard input and every other name, from the first non-empty
line: JSON Lines when it starts with ``{``, text otherwise.

Every physical line becomes exactly one record, numbered from 1: an
:class:`InputLine` when it can be extracted from, a :class:`BadLine` carrying an
:class:`~pactparse.errors.InputError` that names the line when it cannot (empty,
not JSON, no ``text``, binary, far too long…). Reading never loads the whole file:
memory stays flat however long the input is, and a line longer than
``max_line_bytes`` is skipped over without being held in memory.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

import orjson

from ..errors import InputError
from ..inputs import DEFAULT_MAX_CHARS, check_text

__all__ = [
    "JSONL_SUFFIXES",
    "BadLine",
    "InputFormat",
    "InputLine",
    "Line",
    "count_lines",
    "default_max_line_bytes",
    "detect_format",
    "line_from",
    "open_lines",
    "read_lines",
]

InputFormat = Literal["auto", "text", "jsonl"]

#: File names ending in one of these are read as JSON Lines without looking inside.
JSONL_SUFFIXES = (".jsonl", ".ndjson")

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class InputLine:
    """One usable input line: its 1-based ``line`` number, ``id``, ``text`` and date."""

    line: int
    id: str
    text: str
    reference_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class BadLine:
    """One input line that cannot be extracted from, and why."""

    line: int
    id: str
    error: InputError


Line = InputLine | BadLine


def _line_id(line: int) -> str:
    return f"line-{line}"


def default_max_line_bytes(max_chars: int) -> int:
    """The longest line held in memory: room for ``max_chars`` characters JSON-escaped."""
    return max(1 << 20, max_chars * 8)


def detect_format(name: str | None, first_line: bytes | None) -> Literal["text", "jsonl"]:
    """``jsonl`` for a ``.jsonl``/``.ndjson`` name, else by the first non-empty line.

    ``first_line`` is the first line that is not blank (None when there is none): a line
    starting with ``{`` (after blanks and a UTF-8 byte-order mark) means JSON Lines.
    """
    if name is not None and name.lower().endswith(JSONL_SUFFIXES):
        return "jsonl"
    if first_line is not None and first_line.removeprefix(_BOM).lstrip().startswith(b"{"):
        return "jsonl"
    return "text"


# --------------------------------------------------------------------------- line reading


@dataclass(frozen=True, slots=True)
class _Physical:
    number: int
    data: bytes | None  # None: longer than the limit, skipped
    size: int


def _physical_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[_Physical]:
    """Split on ``\\n`` only (a ``\\r`` before it is dropped); over-long lines are skipped."""
    number = 0
    while True:
        data = stream.readline(max_line_bytes + 1)
        if not data:
            return
        number += 1
        if len(data) > max_line_bytes and not data.endswith(b"\n"):
            size = len(data)
            while True:  # skip the rest of the line without keeping it
                rest = stream.readline(_CHUNK)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _Physical(number, None, size)
            continue
        if data.endswith(b"\n"):
            data = data[:-1]
            if data.endswith(b"\r"):
                data = data[:-1]
        if number == 1 and data.startswith(_BOM):
            data = data[len(_BOM) :]
        yield _Physical(number, data, len(data))


def _peek_format(
    lines: Iterator[_Physical], name: str | None
) -> tuple[Literal["text", "jsonl"], list[_Physical]]:
    """Detect the format from the first non-empty line; returns the lines read to find it."""
    seen: list[_Physical] = []
    if name is not None and name.lower().endswith(JSONL_SUFFIXES):
        return "jsonl", seen
    for line in lines:
        seen.append(line)
        if line.data is None or line.data.strip():
            first = line.data if line.data is not None else b""
            return detect_format(name, first), seen
        if len(seen) >= 10_000:  # ten thousand blank lines: no point looking further
            break
    return "text", seen


# --------------------------------------------------------------------------- records


def _too_long(line: _Physical, max_line_bytes: int) -> BadLine:
    return BadLine(
        line.number,
        _line_id(line.number),
        InputError(
            f"line {line.number} is {line.size:,} bytes long, over the limit of "
            f"{max_line_bytes:,}; put one summary on each line"
        ),
    )


def _bad(number: int, id_: str, message: str) -> BadLine:
    return BadLine(number, id_, InputError(message))


def _checked(
    number: int, id_: str, text: str, reference_date: dt.date | None, max_chars: int
) -> Line:
    if not text.strip():
        return _bad(number, id_, f"line {number} is empty")
    try:
        check_text(text, max_chars=max_chars)
    except InputError as exc:
        return _bad(number, id_, f"line {number}: {exc}")
    return InputLine(number, id_, text, reference_date)


def _decode(number: int, data: bytes) -> str | BadLine:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _bad(
            number,
            _line_id(number),
            f"line {number} is not UTF-8 text (binary data?); "
            "each line must be a summary or a JSON object",
        )


def _text_record(number: int, data: bytes, reference_date: dt.date | None, max_chars: int) -> Line:
    text = _decode(number, data)
    if isinstance(text, BadLine):
        return text
    return _checked(number, _line_id(number), text, reference_date, max_chars)


def _parse_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(value)


def _fields(
    number: int, data: Mapping[str, object], reference_date: dt.date | None, max_chars: int
) -> Line:
    """A record from a JSON object (or any mapping) with ``text``, ``id``, ``reference_date``."""
    id_ = _line_id(number)
    raw_id = data.get("id")
    if raw_id is not None:
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
            return _bad(
                number, id_, f"line {number}: id must be a string, not {type(raw_id).__name__}"
            )
        if raw_id == "":
            return _bad(number, id_, f"line {number}: id is empty; give an id or leave it out")
        id_ = str(raw_id)
    if "text" not in data:
        return _bad(
            number,
            id_,
            f'line {number} has no "text"; each JSON line needs {{"text": "<summary>"}}',
        )
    text = data["text"]
    if not isinstance(text, str):
        return _bad(
            number,
            id_,
            f"line {number}: text must be a string, not {_json_type(text)}",
        )
    if data.get("reference_date") is not None:
        try:
            reference_date = _parse_date(data["reference_date"])
        except ValueError:
            return _bad(
                number,
                id_,
                f"line {number}: reference_date {data['reference_date']!r} is not a date; "
                "write it as YYYY-MM-DD or null",
            )
    return _checked(number, id_, text, reference_date, max_chars)


def _json_type(value: object) -> str:
    return {
        type(None): "null",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _jsonl_record(number: int, data: bytes, reference_date: dt.date | None, max_chars: int) -> Line:
    if not data.strip():
        return _bad(number, _line_id(number), f"line {number} is empty")
    text = _decode(number, data)
    if isinstance(text, BadLine):
        return text
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return _bad(
            number,
            _line_id(number),
            f"line {number} is not valid JSON ({exc.msg} at column {exc.colno}); "
            'each line must be one JSON object such as {"text": "<summary>"}',
        )
    if not isinstance(obj, dict):
        return _bad(
            number,
            _line_id(number),
            f'line {number} is {_json_type(obj)}, not a JSON object such as {{"text": "..."}}',
        )
    return _fields(number, obj, reference_date, max_chars)


def read_lines(
    stream: BinaryIO,
    *,
    name: str | None = None,
    format: InputFormat = "auto",
    reference_date: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_line_bytes: int | None = None,
) -> Iterator[Line]:
    """Records from a binary stream, one per physical line, in order, streamed.

    ``name`` (a file name) helps :func:`detect_format` when ``format`` is ``"auto"``.
    ``reference_date`` applies to lines that give none of their own.
    """
    limit = max_line_bytes or default_max_line_bytes(max_chars)
    lines = _physical_lines(stream, limit)
    seen: list[_Physical] = []
    if format == "auto":
        format, seen = _peek_format(lines, name)
    make = _jsonl_record if format == "jsonl" else _text_record
    for source in (seen, lines):
        for line in source:
            if line.data is None:
                yield _too_long(line, limit)
            else:
                yield make(line.number, line.data, reference_date, max_chars)


@contextmanager
def open_lines(
    path: str | Path,
    *,
    format: InputFormat = "auto",
    reference_date: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Iterator[Line]]:
    """Open ``path`` (``"-"`` for standard input) and read its records, closing it after.

    Raises :class:`~pactparse.errors.InputError` when the file cannot be opened.
    """
    if str(path) == "-":
        yield read_lines(
            sys.stdin.buffer, format=format, reference_date=reference_date, max_chars=max_chars
        )
        return
    path = Path(path)
    try:
        stream = path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(f"input file {path} does not exist; check the path") from exc
    except IsADirectoryError as exc:
        raise InputError(f"input {path} is a directory; give a file of summaries") from exc
    except OSError as exc:
        raise InputError(f"cannot read input file {path}: {exc.strerror or exc}") from exc
    with stream:
        yield read_lines(
            stream,
            name=path.name,
            format=format,
            reference_date=reference_date,
            max_chars=max_chars,
        )


def count_lines(path: str | Path) -> int | None:
    """The number of records in a regular file (a fast scan), or None for stdin/pipes."""
    if str(path) == "-":
        return None
    path = Path(path)
    try:
        if not path.is_file():
            return None
        count = 0
        last = b"\n"
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                count += chunk.count(b"\n")
                last = chunk[-1:]
        return count + (last != b"\n")
    except OSError:
        return None


# --------------------------------------------------------------------------- library inputs


def line_from(
    item: str | Mapping[str, object] | Line,
    position: int,
    *,
    reference_date: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Line:
    """A record from what a library caller passes to ``extract_many``.

    A string is a summary (id ``line-N``, N = ``position``, 1-based); a mapping reads like
    a JSON line (``text``, optional ``id`` and ``reference_date``); a record passes as is.
    """
    if isinstance(item, InputLine | BadLine):
        return item
    if isinstance(item, str):
        return _checked(position, _line_id(position), item, reference_date, max_chars)
    if isinstance(item, Mapping):
        return _fields(position, item, reference_date, max_chars)
    return _bad(
        position,
        _line_id(position),
        f"item {position} is {type(item).__name__}; pass a summary string or "
        'a mapping such as {"text": "...", "id": "..."}',
    )
