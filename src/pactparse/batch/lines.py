"""Input records, read as a stream.

An input file (UTF-8) holds summaries in one of four formats:

* **text** — each line is the summary itself;
* **JSON Lines** — each line is an object with ``text`` and, optionally, ``id`` and
  ``reference_date`` (``"YYYY-MM-DD"`` or null). Other keys are ignored, so the
  spec's gold files (which add ``gold``) are valid input;
* **JSON** — one array of such objects (or of summary strings), e.g. pretty-printed;
* **CSV** — a header row naming a ``text`` column and, optionally, ``id`` and
  ``reference_date`` columns (read with the standard :mod:`csv` module; ``.tsv``
  files are tab-separated).

The format is taken from the file name (``.csv``/``.tsv`` are CSV, ``.jsonl`` and
``.ndjson`` JSON Lines) and otherwise from the first non-blank character: ``[`` is a
JSON array, ``{`` JSON Lines (a lone ``{`` on the first line is one pretty-printed
object, refused with what to do), anything else text. A file in UTF-16 is refused
up front, saying so, instead of being read line by line into broken records.

Every record is numbered from 1 (a line; a CSV data row; an item of the array): an
:class:`InputLine` when it can be extracted from, a :class:`BadLine` carrying an
:class:`~pactparse.errors.InputError` that names it when it cannot (empty, not JSON,
no ``text``, binary, far too long…). Text, JSON Lines and CSV are streamed: memory
stays flat however long the input is, and a line longer than ``max_line_bytes`` is
skipped over without being held in memory. A JSON array is read whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

import orjson

from ..errors import ConfigurationError, InputError
from ..inputs import DEFAULT_MAX_CHARS, check_reference_date, check_text, open_binary

__all__ = [
    "CSV_SUFFIXES",
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

InputFormat = Literal["auto", "text", "jsonl", "json", "csv"]
_Format = Literal["text", "jsonl", "json", "csv"]

#: File names ending in one of these are read as JSON Lines (unless they hold an array).
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: File names ending in one of these are read as CSV (tab-separated for .tsv).
CSV_SUFFIXES = (".csv", ".tsv")

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


def detect_format(name: str | None, first_line: bytes | None) -> _Format:
    """The format of a file from its name and its first bytes.

    ``.csv``/``.tsv`` names are CSV. Otherwise the first non-blank character of
    ``first_line`` (the file's first bytes or first non-blank line, None when there is
    none; a UTF-8 byte-order mark and blanks are skipped) decides: ``[`` is a JSON
    array, ``{`` JSON Lines, anything else text — except that a ``.jsonl``/``.ndjson``
    name is JSON Lines unless it holds an array.
    """
    lowered = (name or "").lower()
    if lowered.endswith(CSV_SUFFIXES):
        return "csv"
    start = first_line.removeprefix(_BOM).lstrip() if first_line is not None else b""
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{") or lowered.endswith(JSONL_SUFFIXES):
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


def _where(name: str | None) -> str:
    return "standard input" if name is None else f"input {name}"


def _looks_utf16(head: bytes) -> bool:
    """A byte-order mark, or zero bytes in every other place (ASCII text in UTF-16)."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = head[:4096]
    if len(sample) < 16:
        return False
    even, odd = sample[0::2], sample[1::2]
    for zeros, other in ((even, odd), (odd, even)):
        if zeros.count(0) > 0.6 * len(zeros) and other.count(0) < 0.05 * len(other):
            return True
    return False


def _refuse_utf16(head: bytes, name: str | None) -> None:
    """Raise :class:`InputError` when ``head`` (the first bytes) is UTF-16 text."""
    if _looks_utf16(head):
        file = name or "FILE"
        raise InputError(
            f"{_where(name)} is UTF-16 text; pactparse reads UTF-8: convert it first, "
            f"e.g. iconv -f UTF-16 -t UTF-8 {file} > {file}.utf8"
        )


class _Stream(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


class _Rewound:
    """A binary stream whose first bytes were read to sniff them, and are read again."""

    def __init__(self, head: bytes, stream: _Stream) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        head, self._head = self._head, b""
        if size < 0:
            return head + self._stream.read()
        if len(head) >= size:
            self._head = head[size:]
            return head[:size]
        return head + self._stream.read(size - len(head))

    def readline(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._stream.readline(size)
        end = self._head.find(b"\n") + 1 or len(self._head)
        if 0 <= size < end:
            end = size
        line, self._head = self._head[:end], self._head[end:]
        if line.endswith(b"\n") or (0 <= size <= len(line)) or self._head:
            return line
        return line + self._stream.readline(size - len(line) if size >= 0 else -1)


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
    number: int,
    id_: str,
    text: str,
    reference_date: dt.date | None,
    max_chars: int,
    where: str | None = None,
) -> Line:
    where = where or f"line {number}"
    if not text.strip():
        return _bad(number, id_, f"{where} is empty")
    try:
        check_text(text, max_chars=max_chars)
    except InputError as exc:
        return _bad(number, id_, f"{where}: {exc}")
    return InputLine(number, id_, text, reference_date)


_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D}


def _encoding_hint(data: bytes) -> str:
    """What a line that is not UTF-8 probably is, and how to convert it."""
    if not any(b in _CONTROL for b in data):
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return (
                ": it looks like Latin-1 / Windows-1252 text; convert the file to UTF-8, "
                "e.g. iconv -f WINDOWS-1252 -t UTF-8 IN > OUT"
            )
    return " (binary data?); each line must be a summary or a JSON object"


def _decode(number: int, data: bytes) -> str | BadLine:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _bad(
            number, _line_id(number), f"line {number} is not UTF-8 text{_encoding_hint(data)}"
        )


def _text_record(number: int, data: bytes, reference_date: dt.date | None, max_chars: int) -> Line:
    text = _decode(number, data)
    if isinstance(text, BadLine):
        return text
    return _checked(number, _line_id(number), text, reference_date, max_chars)


def _fields(
    number: int,
    data: Mapping[str, object],
    reference_date: dt.date | None,
    max_chars: int,
    where: str | None = None,
) -> Line:
    """A record from a JSON object (or any mapping) with ``text``, ``id``, ``reference_date``.

    ``where`` names it in messages (default ``line N``)."""
    where = where or f"line {number}"
    id_ = _line_id(number)
    raw_id = data.get("id")
    if raw_id is not None:
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
            return _bad(number, id_, f"{where}: id must be a string, not {type(raw_id).__name__}")
        if raw_id == "":
            return _bad(number, id_, f"{where}: id is empty; give an id or leave it out")
        id_ = str(raw_id)
    if "text" not in data:
        return _bad(
            number,
            id_,
            f'{where} has no "text"; each record needs {{"text": "<summary>"}}',
        )
    text = data["text"]
    if not isinstance(text, str):
        return _bad(number, id_, f"{where}: text must be a string, not {_json_type(text)}")
    if data.get("reference_date") is not None:
        try:
            reference_date = check_reference_date(data["reference_date"])
        except ConfigurationError:
            return _bad(
                number,
                id_,
                f"{where}: reference_date {data['reference_date']!r} is not a date; "
                "write it as YYYY-MM-DD or null",
            )
    return _checked(number, id_, text, reference_date, max_chars, where)


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
    """Records from a binary stream, in order, streamed (a JSON array is read whole).

    ``name`` (a file name) helps :func:`detect_format` when ``format`` is ``"auto"``.
    ``reference_date`` applies to records that give none of their own. Raises
    :class:`~pactparse.errors.InputError` (when the first record is asked for) for a file
    that cannot be read in any format: UTF-16 text, one pretty-printed JSON object, a
    JSON document that does not parse, a CSV file without a ``text`` column.
    """
    limit = max_line_bytes or default_max_line_bytes(max_chars)
    head = stream.read(_CHUNK)
    _refuse_utf16(head, name)
    source = _Rewound(head, stream)
    chosen = detect_format(name, head) if format == "auto" else format
    if chosen == "json":
        yield from _json_records(source.read(), name, reference_date, max_chars)
        return
    if chosen == "csv":
        delimiter = "\t" if (name or "").lower().endswith(".tsv") else ","
        yield from _csv_records(source, name, delimiter, reference_date, max_chars, limit)
        return
    if chosen == "jsonl":
        _refuse_pretty_object(head, name)
    make = _jsonl_record if chosen == "jsonl" else _text_record
    for line in _physical_lines(source, limit):  # type: ignore[arg-type]
        if line.data is None:
            yield _too_long(line, limit)
        else:
            yield make(line.number, line.data, reference_date, max_chars)


def _refuse_pretty_object(head: bytes, name: str | None) -> None:
    """A first non-blank line that is only ``{`` opens one pretty-printed object, not
    JSON Lines."""
    first = head.removeprefix(_BOM).lstrip().split(b"\n", 1)[0]
    if first.strip() == b"{":
        file = name or "FILE"
        raise InputError(
            f"{_where(name)} holds pretty-printed JSON, not one JSON object per line; write "
            f"one object per line (jq -c . {file}) or put the objects in an array [...]"
        )


def _json_records(
    data: bytes, name: str | None, reference_date: dt.date | None, max_chars: int
) -> Iterator[Line]:
    """Records from a JSON document: an array of objects like JSON lines, or of strings."""
    try:
        document = orjson.loads(data.removeprefix(_BOM))
    except orjson.JSONDecodeError as exc:
        raise InputError(
            f"{_where(name)} starts like a JSON array but is not valid JSON ({exc.msg} at "
            f"line {exc.lineno}, column {exc.colno}); fix it, or give one summary per line"
        ) from None
    if not isinstance(document, list):
        raise InputError(
            f"{_where(name)} is {_json_type(document)}, not an array of objects such as "
            '[{"text": "..."}]'
        )
    for number, item in enumerate(document, start=1):
        where = f"item {number}"
        if isinstance(item, str):
            yield _checked(number, _line_id(number), item, reference_date, max_chars, where)
        elif isinstance(item, dict):
            yield _fields(number, item, reference_date, max_chars, where)
        else:
            yield _bad(
                number,
                _line_id(number),
                f'{where} is {_json_type(item)}, not an object such as {{"text": "..."}}',
            )


def _decoded_lines(source: _Rewound, name: str | None, limit: int) -> Iterator[str]:
    """The lines of ``source`` as text, line endings kept (what :mod:`csv` wants)."""
    number = 0
    while line := source.readline(limit + 1):
        number += 1
        if number == 1:
            line = line.removeprefix(_BOM)
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(
                f"{_where(name)}: line {number} is not UTF-8 text{_encoding_hint(line)}"
            ) from None


def _csv_records(
    source: _Rewound,
    name: str | None,
    delimiter: str,
    reference_date: dt.date | None,
    max_chars: int,
    limit: int,
) -> Iterator[Line]:
    """Records from CSV with a header row naming a ``text`` column (``id``,
    ``reference_date`` optional; an empty cell is a missing value)."""
    csv.field_size_limit(max(csv.field_size_limit(), limit))
    reader = csv.reader(_decoded_lines(source, name, limit), delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
        if header is None:
            return
        columns = [c.strip().lower() for c in header]
        if "text" not in columns:
            shown = ", ".join(repr(c) for c in header[:10]) or "none"
            raise InputError(
                f"{_where(name)} has no 'text' column (its columns: {shown}); name the column "
                "that holds the summaries 'text' (optional: 'id', 'reference_date')"
            )
        for number, cells in enumerate(reader, start=1):
            if not any(c.strip() for c in cells):
                yield _bad(number, _line_id(number), f"row {number} is empty")
                continue
            row = {k: v for k, v in zip(columns, cells, strict=False) if v != "" or k == "text"}
            row.setdefault("text", "")
            yield _fields(number, row, reference_date, max_chars, f"row {number}")
    except csv.Error as exc:
        raise InputError(
            f"{_where(name)} is not readable as CSV near line {reader.line_num:,}: {exc}"
        ) from None


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
        stdin = sys.stdin
        if stdin is None or stdin.closed:
            raise InputError(
                "standard input is closed; pipe the summaries in (cat FILE | pactparse "
                "extract -) or give the file instead of -"
            )
        yield read_lines(
            stdin.buffer, format=format, reference_date=reference_date, max_chars=max_chars
        )
        return
    path = Path(path)
    with open_binary(path, "input file", give="give a file of summaries") as stream:
        yield read_lines(
            stream,
            name=path.name,
            format=format,
            reference_date=reference_date,
            max_chars=max_chars,
        )


def count_lines(path: str | Path) -> int | None:
    """The number of lines in a regular file (a fast scan), or None for stdin, pipes and
    files whose records are not lines (CSV, JSON)."""
    if str(path) == "-" or str(path).lower().endswith((*CSV_SUFFIXES, ".json")):
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
