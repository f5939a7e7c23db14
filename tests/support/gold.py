"""Lines of a gold file, for tests that write one."""

from __future__ import annotations

from typing import Any


def gold_record(id_: str, text: str, parties: list[str] | None) -> dict[str, Any]:
    """A gold line for ``text``: a signed new pact between ``parties``, or, when
    ``parties`` is None, a text that holds no pact (``"gold": null``)."""
    gold = None
    if parties is not None:
        gold = {
            "name": None,
            "status": "signed",
            "event": "new_pact",
            "parties": parties,
            "adversaries": [],
            "provisions": [],
            "date_hints": [],
            "rationale": [],
        }
    return {"id": id_, "text": text, "reference_date": None, "gold": gold}
