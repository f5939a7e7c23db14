"""From output rows to the review page (HTML with its CSS, script and records inlined)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from .. import __version__
from ..results import ResultRow, read_results
from ..schema import Event, ProvisionCategory, Status

__all__ = ["build_page", "page_records", "write_review"]

#: Fields of a pact the page shows; ``source`` and most of ``provenance`` are left out.
_PACT_FIELDS = (
    "name",
    "status",
    "event",
    "parties",
    "adversaries",
    "provisions",
    "date_hints",
    "rationale",
    "review",
)
_SLOT = re.compile(r"/\*@(style|script|data|title)@\*/")


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _page_pact(pact: dict[str, Any]) -> dict[str, Any]:
    shown = {key: pact.get(key) for key in _PACT_FIELDS}
    provenance = pact.get("provenance") or {}
    shown["warnings"] = provenance.get("warnings") or []
    shown["backend"] = provenance.get("backend")
    shown["model"] = provenance.get("model")
    return shown


def page_records(results: Sequence[ResultRow]) -> list[dict[str, Any]]:
    """The records as the page reads them: id, line, text, reference date, pact or error."""
    records = []
    for result in results:
        pact = result.pact
        records.append(
            {
                "id": result.id,
                "line": result.line,
                "text": result.text,
                "ref": result.reference_date,
                "pact": None if pact is None else _page_pact(pact),
                "error": result.error,
            }
        )
    return records


def _fingerprint(records: Sequence[dict[str, Any]]) -> str:
    """Names the data set (its ids and texts, not the records) for the browser's storage,
    so that corrections survive a reload and a page rebuilt after a new extraction."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(orjson.dumps([record["id"], record["line"], record["text"]]))
    return digest.hexdigest()[:16]


def _script_json(value: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<`` at all."""
    return orjson.dumps(value).decode("utf-8").replace("<", "\\u003c")


def build_page(results: Sequence[ResultRow], *, title: str = "pactparse review") -> str:
    """The review page for ``results`` as one HTML document (no external resource)."""
    records = page_records(results)
    data = {
        "meta": {
            "title": title,
            "version": __version__,
            "dataset": _fingerprint(records),
            "statuses": [s.value for s in Status],
            "events": [e.value for e in Event],
            "categories": [c.value for c in ProvisionCategory],
        },
        "records": records,
    }
    slots = {
        "style": _asset("review.css"),
        "script": _asset("review.js").replace("</script", "<\\/script"),
        "data": _script_json(data),
        "title": (title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")),
    }
    return _SLOT.sub(lambda match: slots[match.group(1)], _asset("template.html"))


def write_review(
    output: str | Path,
    input: str | Path | None = None,
    *,
    to: str | Path,
    title: str | None = None,
) -> int:
    """Write the review page of the output file ``output`` (texts joined from ``input``
    when its rows carry none) to ``to``; returns the number of records."""
    results = read_results(output, input)
    page = build_page(results, title=title or f"pactparse review · {Path(output).name}")
    Path(to).write_text(page, encoding="utf-8")
    return len(results)
