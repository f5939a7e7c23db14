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

_SLOT = re.compile(r"/\*@(style|script|data|rest|title)@\*/")
#: Records placed before the script (drawn at once); the rest follow it.
FIRST_SCREEN = 200


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _actor_codes() -> dict[str, str]:
    """Code → canonical name of every state and coded organisation of the actor table,
    so that a correction typed as "japan" or "aus" becomes the code ``JPN``/``AUS``."""
    table = orjson.loads(
        resources.files("pactparse.normalize").joinpath("data/actors.json").read_bytes()
    )
    return {
        actor["code"]: actor["name"]
        for group in ("states", "organizations")
        for actor in table.get(group, [])
        if actor.get("code")
    }


_GROUNDING = {"exact": "e", "fuzzy": "f", "ungrounded": "u"}


def _located(value: dict[str, Any], key: str, text: str | None) -> list[Any]:
    """``[words, start, end, grounding]``; words null when the text at the span is them
    (exact grounding), which is most values: the page reads them from the text."""
    span = value.get("span") or (None, None)
    words = value.get(key)
    if text is not None and span[0] is not None and text[span[0] : span[1]] == words:
        words = None
    return [words, span[0], span[1], _GROUNDING.get(value.get("grounding", ""), "u")]


def _page_pact(pact: dict[str, Any], text: str | None) -> dict[str, Any]:
    """A pact as compact as the page can read it (10,000 records must load in a second).

    Keys: ``n`` name, ``s`` status, ``v`` event, ``a`` parties and ``x`` adversaries
    (``[name, code, kind, *located mention]``), ``c`` provisions (``[category,
    *located text, amount value, amount unit]``), ``h`` date hints (``[type, value,
    *located text]``), ``r`` rationale (located text), ``w`` review (``[field, why]``),
    ``W`` warnings, ``b`` backend, ``m`` model."""
    provenance = pact.get("provenance") or {}

    def actors(key: str) -> list[list[Any]]:
        return [
            [a["name"], a.get("code"), a["kind"], *_located(a, "mention", text)]
            for a in pact.get(key) or []
        ]

    provisions = []
    for p in pact.get("provisions") or []:
        amount = p.get("amount") or {}
        provisions.append(
            [p["category"], *_located(p, "text", text), amount.get("value"), amount.get("unit")]
        )
    return {
        "n": pact.get("name"),
        "s": pact.get("status"),
        "v": pact.get("event"),
        "a": actors("parties"),
        "x": actors("adversaries"),
        "c": provisions,
        "h": [
            [d["type"], d.get("value"), *_located(d, "text", text)]
            for d in pact.get("date_hints") or []
        ],
        "r": [_located(r, "text", text) for r in pact.get("rationale") or []],
        "w": [[item["field"], item["why"]] for item in pact.get("review") or []],
        "W": provenance.get("warnings") or [],
        "b": provenance.get("backend"),
        "m": provenance.get("model"),
    }


def page_records(results: Sequence[ResultRow]) -> list[list[Any]]:
    """The records as the page reads them: ``[id, line, text, reference date, pact, error]``
    (pact compact, see :func:`_page_pact`; error ``[type, message]``)."""
    records: list[list[Any]] = []
    for result in results:
        pact, error = result.pact, result.error
        records.append(
            [
                result.id,
                result.line,
                result.text,
                result.reference_date,
                None if pact is None else _page_pact(pact, result.text),
                None if error is None else [error.get("type"), error.get("message")],
            ]
        )
    return records


def _fingerprint(records: Sequence[list[Any]]) -> str:
    """Names the data set (its ids and texts, not the records) for the browser's storage,
    so that corrections survive a reload and a page rebuilt after a new extraction."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(orjson.dumps(record[:3]))
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
            "actors": _actor_codes(),
        },
        "records": records[:FIRST_SCREEN],
    }
    slots = {
        "style": _asset("review.css"),
        "script": _asset("review.js").replace("</script", "<\\/script"),
        "data": _script_json(data),
        "rest": _script_json(records[FIRST_SCREEN:]),
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
