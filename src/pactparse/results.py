"""An output file read back: its rows, each with the summary it answers when known.

``pactparse review`` and ``pactparse export`` start here. A row's text comes from the
row itself (written by ``extract --include-text``) or from the input file the output
was written from, matched line by line: row *k* of an ordered output answers input
line *k*; a row of an unordered output names its line (``"line": N``). The match is
checked (the ids must agree, and a record's ``source.sha256`` must be the text's), so
a wrong input file is an error that says so, never a record shown beside another text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .batch.lines import InputLine, open_lines
from .errors import InputError
from .inputs import open_binary, sha256_of

__all__ = ["ResultRow", "read_results"]


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One row of an output file: the row as written, its input line, its text if known."""

    row: dict[str, Any]
    line: int
    text: str | None
    reference_date: str | None

    @property
    def id(self) -> str:
        return str(self.row.get("id"))

    @property
    def pact(self) -> dict[str, Any] | None:
        pact = self.row.get("pact")
        return pact if isinstance(pact, dict) else None

    @property
    def error(self) -> dict[str, Any] | None:
        error = self.row.get("error")
        return error if isinstance(error, dict) else None


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    give = "give a file written by `pactparse extract`"
    with open_binary(path, "output file", give=give) as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise InputError(
                    f"{path}:{number} is not a JSON row ({exc}); give a file written by "
                    "`pactparse extract`"
                ) from exc
            if not isinstance(data, dict) or "id" not in data or "ok" not in data:
                raise InputError(
                    f'{path}:{number} is not a pactparse row (no "id" and "ok"); give a file '
                    "written by `pactparse extract`"
                )
            yield number, data


def _input_lines(path: str | Path) -> dict[int, InputLine | None]:
    """The input's usable lines by number (None for a line that is not a summary)."""
    lines: dict[int, InputLine | None] = {}
    with open_lines(path) as records:
        for record in records:
            lines[record.line] = record if isinstance(record, InputLine) else None
    return lines


def read_results(output: str | Path, input: str | Path | None = None) -> list[ResultRow]:
    """The rows of ``output`` with their texts (from the rows, else from ``input``).

    Raises :class:`~pactparse.errors.InputError` when a file cannot be read, a line is
    not a row, or ``input`` is not the file ``output`` was written from.
    """
    output = Path(output)
    source = _input_lines(input) if input is not None else {}
    results: list[ResultRow] = []
    for position, (number, row) in enumerate(_rows(output), start=1):
        line = row.get("line")
        line = line if isinstance(line, int) else position
        text = row.get("text") if isinstance(row.get("text"), str) else None
        pact = row.get("pact") if isinstance(row.get("pact"), dict) else None
        source_info = pact.get("source", {}) if pact is not None else {}
        reference_date = source_info.get("reference_date")
        if input is not None:
            record = source.get(line)
            if line not in source:
                raise InputError(
                    f"{output}:{number} answers input line {line}, but {input} has only "
                    f"{len(source):,} lines: give the input {output.name} was written from"
                )
            if record is not None:
                if record.id != row.get("id"):
                    raise InputError(
                        f"{output}:{number} has id {row.get('id')!r} but line {line} of {input} "
                        f"has id {record.id!r}: give the input {output.name} was written from"
                    )
                if text is None:
                    text = record.text
                if reference_date is None and record.reference_date is not None:
                    reference_date = record.reference_date.isoformat()
        sha = source_info.get("sha256")
        if text is not None and isinstance(sha, str) and sha != sha256_of(text):
            raise InputError(
                f"{output}:{number} ({row.get('id')!r}) was extracted from another text than "
                f"line {line} of {input or output}: give the input it was written from"
            )
        results.append(ResultRow(row, line, text, reference_date))
    return results
