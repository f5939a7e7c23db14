"""Human-readable evaluation output: a score table and per-record misses."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from .metrics import PRF, FieldMiss, Scores, combine

__all__ = ["combine", "render_misses", "render_scores"]

_LIST_FIELDS = ("parties", "adversaries", "provisions", "date_hints", "rationale")


def _pct(value: float) -> str:
    return f"{value:.3f}"


def render_scores(scores: Scores, title: str) -> Table:
    """A table: one row per list field (P, R, F1 and the counts), then the accuracies."""
    table = Table(title=title, caption=f"n = {scores.n} records, micro-averaged")
    table.add_column("field")
    table.add_column("P", justify="right")
    table.add_column("R", justify="right")
    table.add_column("F1", justify="right")
    table.add_column("accuracy", justify="right")
    table.add_column("counts", justify="right")
    for name in _LIST_FIELDS:
        prf: PRF = getattr(scores, name)
        table.add_row(
            name,
            _pct(prf.p),
            _pct(prf.r),
            _pct(prf.f1),
            "",
            f"tp {prf.tp} · fp {prf.fp} · fn {prf.fn}",
        )
    table.add_section()
    for name, correct in (
        ("status", scores.status_correct),
        ("event", scores.event_correct),
        ("name", scores.name_correct),
        ("exact_parties", scores.exact_parties_correct),
    ):
        accuracy: float = getattr(scores, name)
        table.add_row(name, "", "", "", _pct(accuracy), f"{correct}/{scores.n}")
    table.add_section()
    clean = scores.review_clean
    table.add_row(
        "review precision",
        "",
        "",
        "",
        _pct(scores.review_precision),
        f"{clean.hits}/{clean.total} right",
    )
    table.add_row(
        "review coverage",
        "",
        "",
        "",
        _pct(scores.review_coverage),
        f"{clean.total}/{scores.n} records clean",
    )
    for name, rate, what in (
        ("no-pact answered", scores.no_pact, "no-pact texts"),
        ("false no-pact", scores.false_no_pact, "pact texts"),
        ("unsupported language", scores.unsupported, "pact texts in other languages"),
    ):
        if rate.total:
            table.add_row(name, "", "", "", _pct(rate.rate), f"{rate.hits}/{rate.total} {what}")
    return table


def _show(value: str | None) -> str:
    return "null" if value is None else repr(value)


def _items(values: Sequence[str]) -> str:
    return ", ".join(repr(v) for v in values)


def render_misses(record_id: str, misses: Sequence[FieldMiss]) -> str:
    """Plain text, one block per record, one line per field and kind of miss."""
    if not misses:
        return f"{record_id}: no misses"
    lines = [f"{record_id}:"]
    for miss in misses:
        if miss.field == "record":
            lines.append(f"  record: {miss.got}; every gold value counts as missed")
            continue
        if miss.missing or miss.extra:
            if miss.missing:
                lines.append(f"  {miss.field}: missing {_items(miss.missing)}")
            if miss.extra:
                lines.append(f"  {miss.field}: extra {_items(miss.extra)}")
        else:
            lines.append(f"  {miss.field}: expected {_show(miss.expected)}, got {_show(miss.got)}")
    return "\n".join(lines)
