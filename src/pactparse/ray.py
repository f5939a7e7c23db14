"""Ray Data: extraction on more than one machine (``pip install 'pactparse[ray]'``).

:class:`PactExtractor` is a callable class for :meth:`ray.data.Dataset.map_batches`:
Ray starts it once per worker (so each worker builds one backend and keeps it) and
calls it with batches of rows, as a pandas DataFrame, a pyarrow Table or a dict of
numpy arrays, with a ``text`` column and, optionally, ``id`` and ``reference_date``
(``YYYY-MM-DD``, a date, or null). It returns the batch in the same format with four
columns more or replaced: ``id``, ``ok``, ``pact`` and ``error``; ``pact`` and ``error``
are JSON text (with ``pyarrow`` batches, typed string columns: the same Parquet schema
in every file, even a batch without errors), the same objects ``pactparse extract``
writes in a row (:func:`decode_rows` turns them back into objects for JSON Lines)::

    import ray
    from pactparse.ray import PactExtractor

    ds = ray.data.read_json("summaries/")
    rows = ds.map_batches(
        PactExtractor,
        fn_constructor_kwargs={"backend": "rules"},
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=8),
    )
    rows.write_parquet("pacts/")

Each row is extracted by the same :class:`~pactparse.batch.engine.Extractor` as the CLI
runs, so a row equals the CLI's row for the same input line. Give an ``id`` column:
without one, a row's id is ``line-N`` with N its position in its batch (Ray does not
number rows across a dataset), and so is the N of an input error's "line N".
``examples/ray_extract.py`` reads a folder of JSON Lines and writes JSON Lines or
Parquet, on a laptop or a cluster (``docs/batch.md``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from .backends.base import Backend
from .backends.registry import get_backend
from .batch.engine import Extractor
from .batch.lines import line_from
from .batch.rows import error_json
from .errors import ConfigurationError
from .pipeline import ExtractOptions

__all__ = ["OUTPUT_COLUMNS", "PactExtractor", "decode_rows"]

#: The columns :class:`PactExtractor` adds to a batch (``id`` is replaced when given).
OUTPUT_COLUMNS = ("id", "ok", "pact", "error")


def _date_text(value: Any) -> str | None:
    """A reference date as ``YYYY-MM-DD`` from what a column may hold (text, date, null)."""
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if hasattr(value, "isoformat"):  # pandas.Timestamp, numpy.datetime64 via pandas
        return str(value.isoformat())[:10]
    text = str(value)
    return text or None


def _plain(value: Any) -> Any:
    """A cell as a plain Python value (numpy scalars and pandas' missing values)."""
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


class PactExtractor:
    """Extracts each row of a batch; see the module documentation.

    ``backend`` is a registered name (default: ``$PACTPARSE_BACKEND``, else ``rules``)
    built once per Ray worker with ``backend_options``; ``options`` are
    :class:`~pactparse.pipeline.ExtractOptions` fields.
    """

    def __init__(
        self,
        backend: str | None = None,
        *,
        backend_options: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.backend: Backend = get_backend(backend, **dict(backend_options or {}))
        self.options = ExtractOptions(**dict(options or {}))
        self._extractor = Extractor(self.backend, self.options)

    def __call__(self, batch: Any) -> Any:
        columns = _columns(batch)
        if "text" not in columns:
            raise ConfigurationError(
                f"the batch has no 'text' column (it has {', '.join(columns) or 'none'}); "
                "rename the column of summaries to 'text'"
            )
        texts = columns["text"]
        ids = columns.get("id")
        dates = columns.get("reference_date")
        out: dict[str, list[Any]] = {name: [] for name in OUTPUT_COLUMNS}
        for index, text in enumerate(texts):
            item: dict[str, Any] = {"text": _plain(text)}
            if ids is not None and _plain(ids[index]) is not None:
                item["id"] = _plain(ids[index])
            if dates is not None:
                item["reference_date"] = _date_text(_plain(dates[index]))
            record = line_from(item, index + 1, max_chars=self.options.max_chars)
            row = self._extractor.run(record)
            out["id"].append(row.id)
            out["ok"].append(row.ok)
            pact = row.pact
            out["pact"].append(
                None if pact is None else pact.__pydantic_serializer__.to_json(pact).decode()
            )
            out["error"].append(None if row.error is None else json.dumps(error_json(row.error)))
        return _with_columns(batch, out)

    def __del__(self) -> None:
        backend = getattr(self, "backend", None)
        if backend is not None:
            backend.close()


def _columns(batch: Any) -> dict[str, Any]:
    """The columns of a pandas DataFrame, a pyarrow Table or a dict of arrays, by name."""
    if isinstance(batch, Mapping):
        return dict(batch)
    if hasattr(batch, "column_names") and hasattr(batch, "column"):  # pyarrow.Table
        return {name: batch.column(name).to_pylist() for name in batch.column_names}
    if hasattr(batch, "columns") and hasattr(batch, "__getitem__"):  # pandas.DataFrame
        return {str(name): batch[name].tolist() for name in batch.columns}
    raise ConfigurationError(
        f"a batch of type {type(batch).__name__} cannot be read; use batch_format='pandas', "
        "'pyarrow' or 'numpy' with map_batches"
    )


def _with_columns(batch: Any, out: dict[str, list[Any]]) -> Any:
    """``batch`` with the columns of ``out`` added (or replaced), in the batch's format."""
    if isinstance(batch, Mapping):
        import numpy as np

        merged = dict(batch)
        for name, values in out.items():
            merged[name] = np.array(values, dtype=bool if name == "ok" else object)
        return merged
    if hasattr(batch, "column_names") and hasattr(batch, "column"):
        import pyarrow as pa

        types = {"id": pa.string(), "ok": pa.bool_(), "pact": pa.string(), "error": pa.string()}
        table = batch
        for name, values in out.items():
            column = pa.array(values, type=types[name])
            if name in table.column_names:
                table = table.set_column(table.column_names.index(name), name, column)
            else:
                table = table.append_column(name, column)
        return table
    import pandas as pd

    frame = batch.copy()
    for name, values in out.items():  # typed: a batch whose errors are all null stays text
        frame[name] = pd.Series(values, index=frame.index, dtype=bool if name == "ok" else "string")
    return frame


def decode_rows(batch: Any) -> Any:
    """A pandas batch whose ``pact`` and ``error`` columns hold objects instead of JSON
    text: written as JSON Lines, each line is then the CLI's row."""
    frame = batch.copy()
    for name in ("pact", "error"):
        frame[name] = [json.loads(v) if isinstance(v, str) else None for v in frame[name]]
    return frame[[*OUTPUT_COLUMNS, *(c for c in frame.columns if c not in OUTPUT_COLUMNS)]]
