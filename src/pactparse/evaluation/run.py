"""Evaluation runs: extract every summary of a gold file and score the records.

``pactparse eval`` is a thin layer over :func:`evaluate_file`; a failed extraction
scores as a record with nothing in it (every gold value missed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..backends.base import Backend
from ..batch.cache import ResultCache
from ..batch.engine import BatchOptions, extract_many
from ..batch.lines import InputLine
from ..batch.rows import Row
from ..errors import NoRecord
from ..pipeline import ExtractOptions
from ..schema import Usage
from .gold import GoldRecord, load_gold
from .metrics import FieldMiss, Outcome, Scores, record_misses, score

__all__ = ["FileEvaluation", "evaluate_file", "outcome"]


def outcome(row: Row) -> Outcome:
    """What the backend answered in ``row``, in scoring terms."""
    if row.pact is not None:
        return row.pact
    return row.error if isinstance(row.error, NoRecord) else None


@dataclass(frozen=True, slots=True)
class FileEvaluation:
    """The records extracted from one gold file, and their scores."""

    path: Path
    golds: list[GoldRecord]
    rows: list[Row]
    scores: Scores

    @property
    def usage(self) -> Usage:
        total = Usage()
        for row in self.rows:
            if row.pact is not None:
                total += row.pact.provenance.usage
        return total

    @property
    def latency_ms(self) -> float:
        return sum(row.pact.provenance.latency_ms for row in self.rows if row.pact is not None)

    @property
    def failed(self) -> list[Row]:
        """Rows with neither a record nor an honest no-record answer."""
        return [row for row in self.rows if outcome(row) is None]

    def misses(self) -> Iterator[tuple[str, list[FieldMiss]]]:
        """Each record that misses something, with its misses field by field."""
        for gold, row in zip(self.golds, self.rows, strict=True):
            found = record_misses(gold, outcome(row))
            if found:
                yield gold.id, found


def evaluate_file(
    path: str | Path,
    *,
    backend: Backend,
    options: ExtractOptions | None = None,
    batch: BatchOptions | None = None,
    cache: ResultCache | None = None,
    on_unexpected: Callable[[BaseException], None] | None = None,
) -> FileEvaluation:
    """Extract every record of the gold file at ``path`` and score them.

    Raises :class:`~pactparse.errors.InputError` when the gold file is unreadable.
    """
    path = Path(path)
    golds = load_gold(path)
    inputs = [
        InputLine(line=n, id=g.id, text=g.text, reference_date=g.reference_date)
        for n, g in enumerate(golds, start=1)
    ]
    batch = (batch or BatchOptions()).model_copy(update={"ordered": True})
    rows = list(
        extract_many(
            inputs,
            backend=backend,
            options=options,
            batch=batch,
            cache=cache,
            on_unexpected=on_unexpected,
        )
    )
    scores = score(golds, [outcome(row) for row in rows])
    return FileEvaluation(path=path, golds=golds, rows=rows, scores=scores)
