"""Counts of a batch, and the summary printed at its end."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from ..errors import NoRecord
from .rows import Row

__all__ = ["BatchStats"]


@dataclass(slots=True)
class BatchStats:
    """What a batch did. Tokens, re-asks and retries count work done in this run only
    (rows from the cache cost nothing and are counted as ``cached``)."""

    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    rows: int = 0
    ok: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    #: Honest "no record" answers (NoPactFound, UnsupportedLanguage) by type: not failures.
    no_record: Counter[str] = field(default_factory=Counter)
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasks: int = 0
    retries: int = 0
    latency_ms: float = 0.0
    #: Rows already in the output before this run (``--resume``).
    resumed: int = 0

    def add(self, row: Row) -> None:
        self.rows += 1
        if row.pact is None:
            counter = self.no_record if isinstance(row.error, NoRecord) else self.failed
            counter[row.error_type or "Error"] += 1
            return
        self.ok += 1
        if row.cached:
            self.cached += 1
            return
        provenance = row.pact.provenance
        self.prompt_tokens += provenance.usage.prompt_tokens
        self.completion_tokens += provenance.usage.completion_tokens
        self.reasks += provenance.reasks
        self.retries += provenance.retries
        self.latency_ms += provenance.latency_ms

    def finish(self) -> None:
        if self.finished is None:
            self.finished = time.monotonic()

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    @property
    def wall(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        wall = self.wall
        return self.rows / wall if wall > 0 else 0.0

    def lines(self) -> list[str]:
        """The end-of-run summary, a few plain lines."""

        def kinds(counts: Counter[str]) -> str:
            if not counts:
                return ""
            return " (" + ", ".join(f"{kind} {n:,}" for kind, n in counts.most_common()) + ")"

        no_record = sum(self.no_record.values())
        out = [
            f"{self.rows:,} rows in {self.wall:.1f} s ({self.rate:,.1f} rows/s): "
            f"{self.ok:,} ok, "
            + (f"{no_record:,} with no pact{kinds(self.no_record)}, " if no_record else "")
            + f"{self.failures:,} failed{kinds(self.failed)}"
        ]
        details = [
            f"tokens {self.prompt_tokens + self.completion_tokens:,} "
            f"({self.prompt_tokens:,} prompt + {self.completion_tokens:,} completion)",
            f"re-asks {self.reasks:,}",
            f"retries {self.retries:,}",
        ]
        if self.cached:
            details.append(f"from cache {self.cached:,}")
        if self.resumed:
            details.append(f"resumed after {self.resumed:,} rows already written")
        out.append(" · ".join(details))
        return out
