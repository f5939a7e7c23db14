"""Rows as tables: one row per output row (pacts), and long tables of actors and provisions.

``pactparse export OUT.jsonl --format csv|parquet`` writes the three tables; the library's
:func:`to_dataframe` gives one of them to pandas users. CSV needs nothing beyond the
standard library; Parquet needs pyarrow and data frames need pandas, both in the
``tables`` extra (``pip install 'pactparse[tables]'``).

In the pacts table, lists are joined into one cell: codes with ``;`` (``"AUS;TUV"``),
phrases with `` | ``. Error rows are kept (``ok`` false, with ``error_type`` and
``error_message``), so that no-pact rows can be counted; their pact columns are empty.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .batch.rows import Row, error_json
from .errors import ConfigurationError
from .results import ResultRow, read_results
from .schema import Pact

if TYPE_CHECKING:
    import pandas

__all__ = ["COLUMNS", "Tables", "build_tables", "export_tables", "to_dataframe"]

TableName = Literal["pacts", "actors", "provisions"]

#: Each table's columns and their types ("str", "int", "float", "bool").
COLUMNS: dict[str, dict[str, str]] = {
    "pacts": {
        "id": "str",
        "line": "int",
        "ok": "bool",
        "error_type": "str",
        "error_message": "str",
        "name": "str",
        "status": "str",
        "event": "str",
        "parties": "str",
        "party_names": "str",
        "adversaries": "str",
        "adversary_names": "str",
        "provisions": "str",
        "n_provisions": "int",
        "date_hints": "str",
        "date_values": "str",
        "rationale": "str",
        "needs_review": "bool",
        "review": "str",
        "warnings": "str",
        "backend": "str",
        "model": "str",
        "reference_date": "str",
        "sha256": "str",
        "text": "str",
    },
    "actors": {
        "id": "str",
        "line": "int",
        "role": "str",
        "position": "int",
        "name": "str",
        "code": "str",
        "kind": "str",
        "mention": "str",
        "start": "int",
        "end": "int",
        "grounding": "str",
    },
    "provisions": {
        "id": "str",
        "line": "int",
        "position": "int",
        "category": "str",
        "text": "str",
        "amount_value": "float",
        "amount_unit": "str",
        "start": "int",
        "end": "int",
        "grounding": "str",
    },
}


@dataclass(slots=True)
class Tables:
    """The three tables as lists of dicts (keys: :data:`COLUMNS`)."""

    pacts: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    provisions: list[dict[str, Any]]

    def table(self, name: TableName) -> list[dict[str, Any]]:
        if name not in COLUMNS:
            raise ConfigurationError(
                f"table {name!r} is not one of {', '.join(COLUMNS)}; pass table='pacts', "
                "'actors' or 'provisions'"
            )
        rows: list[dict[str, Any]] = getattr(self, name)
        return rows


RowLike = Row | Pact | Mapping[str, Any] | ResultRow


def _codes(actors: list[dict[str, Any]]) -> str:
    return ";".join(a["code"] if a.get("code") else a["name"].lower() for a in actors)


def _span(value: Mapping[str, Any]) -> tuple[int | None, int | None]:
    span = value.get("span")
    return (span[0], span[1]) if span else (None, None)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _as_result(item: RowLike, position: int) -> ResultRow:
    """Any of the row shapes a caller may hold, as an output row read back."""
    if isinstance(item, ResultRow):
        return item
    if isinstance(item, Pact):
        data = item.to_json_dict()
        row = {"id": item.source.id or f"line-{position}", "ok": True, "pact": data}
        return ResultRow(row, position, None, data["source"]["reference_date"])
    if isinstance(item, Row):
        pact = None if item.pact is None else item.pact.to_json_dict()
        error = None if item.error is None else error_json(item.error)
        row = {"id": item.id, "ok": item.ok, "pact": pact, "error": error}
        ref = None if pact is None else pact["source"]["reference_date"]
        return ResultRow(row, item.line, item.text, ref)
    if isinstance(item, Mapping):
        data = dict(item)
        line, text, found = data.get("line"), data.get("text"), data.get("pact")
        source = found.get("source") or {} if isinstance(found, dict) else {}
        return ResultRow(
            data,
            line if isinstance(line, int) else position,
            text if isinstance(text, str) else None,
            source.get("reference_date"),
        )
    raise ConfigurationError(
        f"row {position} is {type(item).__name__}; pass rows from extract_many, Pact records, "
        "dicts read from an output file, or the file's path"
    )


def _pact_row(result: ResultRow) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS["pacts"])
    row.update(id=result.id, line=result.line, ok=result.pact is not None, text=result.text)
    row["reference_date"] = result.reference_date
    error = result.error
    if error is not None:
        row.update(error_type=error.get("type"), error_message=error.get("message"))
    pact = result.pact
    if pact is None:
        return row
    provenance = pact.get("provenance") or {}
    review = pact.get("review") or []
    warnings = provenance.get("warnings") or []
    row.update(
        name=pact.get("name"),
        status=pact.get("status"),
        event=pact.get("event"),
        parties=_codes(pact["parties"]),
        party_names="; ".join(a["name"] for a in pact["parties"]),
        adversaries=_codes(pact["adversaries"]),
        adversary_names="; ".join(a["name"] for a in pact["adversaries"]),
        provisions=";".join(_unique(p["category"] for p in pact["provisions"])),
        n_provisions=len(pact["provisions"]),
        date_hints=" | ".join(d["text"] for d in pact["date_hints"]),
        date_values=";".join(d["value"] or "" for d in pact["date_hints"]),
        rationale=" | ".join(r["text"] for r in pact["rationale"]),
        needs_review=bool(review or warnings),
        review=" | ".join(f"{item['field']}: {item['why']}" for item in review),
        warnings=" | ".join(warnings),
        backend=provenance.get("backend"),
        model=provenance.get("model"),
        sha256=(pact.get("source") or {}).get("sha256"),
    )
    return row


def _actor_rows(result: ResultRow, pact: Mapping[str, Any]) -> Iterable[dict[str, Any]]:
    for role, key in (("party", "parties"), ("adversary", "adversaries")):
        for position, actor in enumerate(pact[key], start=1):
            start, end = _span(actor)
            yield {
                "id": result.id,
                "line": result.line,
                "role": role,
                "position": position,
                "name": actor["name"],
                "code": actor.get("code"),
                "kind": actor["kind"],
                "mention": actor["mention"],
                "start": start,
                "end": end,
                "grounding": actor["grounding"],
            }


def _provision_rows(result: ResultRow, pact: Mapping[str, Any]) -> Iterable[dict[str, Any]]:
    for position, provision in enumerate(pact["provisions"], start=1):
        start, end = _span(provision)
        amount = provision.get("amount") or {}
        yield {
            "id": result.id,
            "line": result.line,
            "position": position,
            "category": provision["category"],
            "text": provision["text"],
            "amount_value": amount.get("value"),
            "amount_unit": amount.get("unit"),
            "start": start,
            "end": end,
            "grounding": provision["grounding"],
        }


def build_tables(rows: Iterable[RowLike]) -> Tables:
    """The three tables of ``rows`` (rows from ``extract_many``, :class:`Pact` records,
    or dicts read from an output file)."""
    tables = Tables([], [], [])
    for position, item in enumerate(rows, start=1):
        result = _as_result(item, position)
        tables.pacts.append(_pact_row(result))
        pact = result.pact
        if pact is not None:
            tables.actors.extend(_actor_rows(result, pact))
            tables.provisions.extend(_provision_rows(result, pact))
    return tables


def _rows_of(rows: Iterable[RowLike] | str | Path) -> Iterable[RowLike]:
    return read_results(rows) if isinstance(rows, str | Path) else rows


def to_dataframe(
    rows: Iterable[RowLike] | str | Path, *, table: TableName = "pacts"
) -> pandas.DataFrame:
    """One table of ``rows`` as a pandas DataFrame (needs ``pactparse[tables]``).

    ``rows`` are what :func:`~pactparse.extract_many` yields, :class:`Pact` records, dicts
    read from an output file, or the path of an output file; ``table`` is ``"pacts"`` (one
    row per row), ``"actors"`` or ``"provisions"`` (long tables keyed by ``id`` and
    ``line``).

        df = pactparse.to_dataframe(pactparse.extract_many(texts))
        df[df.needs_review]
    """
    try:
        import pandas
    except ImportError as exc:
        raise ConfigurationError(
            "to_dataframe needs pandas: pip install 'pactparse[tables]'"
        ) from exc
    records = build_tables(_rows_of(rows)).table(table)
    frame = pandas.DataFrame.from_records(records, columns=list(COLUMNS[table]))
    types = {"int": "Int64", "float": "Float64", "bool": "boolean", "str": "string"}
    return frame.astype({name: types[kind] for name, kind in COLUMNS[table].items()})


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(path: Path, name: str, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS[name])
        for record in records:
            writer.writerow([_cell(record[column]) for column in COLUMNS[name]])


def _write_parquet(path: Path, name: str, records: list[dict[str, Any]]) -> None:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ConfigurationError(
            "writing Parquet needs pyarrow: pip install 'pactparse[tables]' (or use CSV)"
        ) from exc
    types = {
        "str": pyarrow.string(),
        "int": pyarrow.int64(),
        "float": pyarrow.float64(),
        "bool": pyarrow.bool_(),
    }
    schema = pyarrow.schema([(column, types[kind]) for column, kind in COLUMNS[name].items()])
    pyarrow.parquet.write_table(pyarrow.Table.from_pylist(records, schema=schema), path)


def export_tables(
    output: str | Path,
    input: str | Path | None = None,
    *,
    format: Literal["csv", "parquet"] = "csv",
    directory: str | Path | None = None,
) -> list[Path]:
    """Write the tables of the output file ``output`` (texts joined from ``input`` when
    given) as ``DIR/STEM.pacts.EXT``, ``STEM.actors.EXT``, ``STEM.provisions.EXT``;
    returns the paths written. ``directory`` defaults to ``output``'s."""
    if format not in ("csv", "parquet"):
        raise ConfigurationError(f"format {format!r} is not csv or parquet")
    output = Path(output)
    tables = build_tables(read_results(output, input))
    folder = Path(directory) if directory is not None else output.parent
    folder.mkdir(parents=True, exist_ok=True)
    write = _write_csv if format == "csv" else _write_parquet
    paths = []
    for name in COLUMNS:
        path = folder / f"{output.stem}.{name}.{format}"
        write(path, name, tables.table(name))  # type: ignore[arg-type]
        paths.append(path)
    return paths
