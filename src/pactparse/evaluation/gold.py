"""Gold files: JSON Lines of annotated summaries, as described in the spec.

One line::

    {"id": "seed-08", "text": "...", "reference_date": null,
     "gold": {"name": null, "status": "signed", "event": "new_pact",
              "parties": ["AUS", "TUV"], "adversaries": ["CHN"],
              "provisions": ["security_guarantee"], "date_hints": [],
              "rationale": ["countering China's influence in the Pacific"]}}

Gold actors are codes (``"AUS"``, ``"NATO"``); a non-state actor without a code is
its lowercase name (``"islamist insurgents"``). A text that holds no pact has
``"gold": null``. A text in another language than English says so in ``"language"``
(ISO 639-1, e.g. ``"fr"``). Unknown keys are rejected, so a typo in an annotation
fails loudly instead of silently scoring as empty.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError
from ..schema import Event, ProvisionCategory, Status

__all__ = ["GoldAnnotation", "GoldRecord", "load_gold"]


class _GoldModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldAnnotation(_GoldModel):
    """The annotated primary pact of one summary, in scoring terms."""

    name: str | None = None
    status: Status
    event: Event
    parties: list[str] = Field(default_factory=list)
    adversaries: list[str] = Field(default_factory=list)
    provisions: list[ProvisionCategory] = Field(default_factory=list)
    date_hints: list[str] = Field(default_factory=list)
    rationale: list[str] = Field(default_factory=list)


class GoldRecord(_GoldModel):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    reference_date: dt.date | None = None
    #: None: the text holds no pact (the right answer is NoPactFound).
    gold: GoldAnnotation | None
    #: The text's language (ISO 639-1); None or "en" for English.
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")

    @property
    def english(self) -> bool:
        return self.language in (None, "en")


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "line"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold file; blank lines are skipped.

    Raises :class:`~pactparse.errors.InputError` naming ``file:line`` and what is wrong
    when the file cannot be read, a line is not a JSON object, does not match the gold
    format, or repeats an earlier id.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"gold file {path} is not UTF-8 text: {exc.reason}") from exc

    records: list[GoldRecord] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); "
                "each line must be one JSON object"
            ) from exc
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected a JSON object, got {type(data).__name__}")
        try:
            record = GoldRecord.model_validate(data)
        except ValidationError as exc:
            raise InputError(f"{where}: not a gold record: {_describe(exc)}") from exc
        if record.id in seen:
            raise InputError(f"{where}: id {record.id!r} already used on line {seen[record.id]}")
        seen[record.id] = number
        records.append(record)
    return records
