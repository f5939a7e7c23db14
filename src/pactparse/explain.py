"""A readable account of one summary: each field, its value, and why.

``pactparse explain`` prints it; :func:`explain` gives it to library callers. It
extracts with ``ExtractOptions(trace=True)`` and writes, field by field, the value
and the cue or named strategy that decided it, quoting the words it fired on
(``provenance.trace``), then the record's ``review``. A text that holds no record
gets the backend's reason instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .backends.base import Backend
from .batch.lines import BadLine, open_lines
from .errors import InputError, NoRecord
from .pipeline import ExtractOptions, extract
from .schema import Pact, TraceStep

__all__ = ["explain", "line_of_file", "render_explanation"]

_FIELDS = (
    "status",
    "event",
    "name",
    "parties",
    "adversaries",
    "provisions",
    "date_hints",
    "rationale",
)
_QUOTE_MAX = 90


def _quote(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return "(no words: a default)"
    words = " ".join(text[span[0] : span[1]].split())
    if len(words) > _QUOTE_MAX:
        words = words[: _QUOTE_MAX - 1] + "…"
    return f'"{words}" [{span[0]}:{span[1]}]'


def _values(pact: Pact, field: str) -> list[str]:
    """The field's values as the record states them."""
    if field == "status":
        return [pact.status.value]
    if field == "event":
        return [pact.event.value]
    if field == "name":
        return [pact.name] if pact.name else []
    if field in ("parties", "adversaries"):
        actors = pact.parties if field == "parties" else pact.adversaries
        return [f"{a.name} ({a.code})" if a.code else a.name for a in actors]
    if field == "provisions":
        return [p.category.value for p in pact.provisions]
    if field == "date_hints":
        return [h.text for h in pact.date_hints]
    return [r.text for r in pact.rationale]


def _lines(pact: Pact, text: str) -> Iterator[str]:
    steps = pact.provenance.trace
    for field in _FIELDS:
        values = _values(pact, field)
        yield f"{field}: {', '.join(values) if values else '(none)'}"
        if steps is None:
            continue
        for step in (s for s in steps if s.field == field):
            yield f"  - {_step(step, text)}"
    review = pact.review
    yield "review: " + ("nothing to check" if not review else f"{len(review)} thing(s) to check")
    for item in review:
        yield f"  - {item.field}: {item.why}"
    if steps is None:
        yield f"(backend {pact.provenance.backend!r} does not say how it decided each field)"


def _step(step: TraceStep, text: str) -> str:
    value = f"{step.value} " if step.value is not None else "(none) "
    note = f" — {step.note}" if step.note else ""
    return f"{value}by {step.rule}: {_quote(text, step.span)}{note}"


def render_explanation(pact: Pact, text: str) -> str:
    """The account of ``pact``, extracted from ``text`` with ``trace=True``."""
    return "\n".join(_lines(pact, text)) + "\n"


def explain(
    text: str,
    *,
    backend: Backend | str | None = None,
    reference_date: dt.date | None = None,
) -> str:
    """Extract ``text`` with the decision trace and say why each field came out as it did.

    A text with no record (``NoPactFound``, ``UnsupportedLanguage``) is explained by
    the backend's reason; other errors propagate as from :func:`~pactparse.extract`.
    """
    try:
        pact = extract(
            text,
            backend=backend,
            reference_date=reference_date,
            options=ExtractOptions(trace=True),
        )
    except NoRecord as exc:
        return f"no record: {type(exc).__name__}: {exc}\n"
    return render_explanation(pact, text)


def line_of_file(
    path: str, line: int, reference_date: dt.date | None = None
) -> tuple[str, dt.date | None]:
    """The summary on 1-based ``line`` of an input file (text or JSON Lines, as
    ``pactparse extract`` reads it) and its reference date."""
    if line < 1:
        raise InputError(f"--line must be 1 or more, not {line}")
    with open_lines(path, reference_date=reference_date) as lines:
        for record in lines:
            if record.line == line:
                if isinstance(record, BadLine):
                    raise record.error
                return record.text, record.reference_date
    raise InputError(f"{path} has fewer than {line} lines; check --line")
