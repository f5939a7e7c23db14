"""Lenient parsing of a model's raw answer into a :class:`~pactparse.draft.Draft`.

Weak servers wrap JSON in Markdown fences, add prose before or after it, or emit
``<think>…</think>`` reasoning first. This module finds the JSON object, validates it
against the draft schema, and turns every problem into one precise message
(field, value, why) that can be sent back to the model. Control characters inside
strings (a literal newline in a quoted phrase) are accepted: the meaning is plain and a
re-ask for them would cost a whole answer. An answer whose ``no_pact`` holds a reason
(and that lists no party) is the model saying the text holds no pact: a proposal with
that reason and no draft.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from ...draft import Draft
from ...schema import Usage
from ..base import Proposal

__all__ = ["extract_json_object", "parse_answer", "parse_draft", "validation_messages"]

_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)


def extract_json_object(raw: str) -> Any:
    """The first JSON value in ``raw``, tolerating fences, prose and think blocks.

    Raises ``ValueError`` with a readable reason when there is none.
    """
    text = _THINK.sub("", raw).strip()
    candidates = [m.group(1).strip() for m in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder(strict=False)
    last_error = "the answer is empty"
    for candidate in candidates:
        start = candidate.find("{")
        while start != -1:
            try:
                value, _ = decoder.raw_decode(candidate, start)
                return value
            except json.JSONDecodeError as exc:
                # some messages end in "at" ("Invalid control character at")
                reason = exc.msg.removesuffix(" at")
                last_error = f"invalid JSON: {reason} at character {exc.pos}"
            start = candidate.find("{", start + 1)
        if candidate and "{" not in candidate:
            last_error = "the answer contains no JSON object"
    raise ValueError(last_error)


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(record)"


def validation_messages(exc: ValidationError) -> list[str]:
    """One line per schema violation: field, offending value, and why."""
    messages = []
    for err in exc.errors(include_url=False):
        where = _loc(tuple(err["loc"]))
        if err["type"] == "missing":
            messages.append(f"field `{where}` is missing; it is required")
            continue
        value = json.dumps(err.get("input"), ensure_ascii=False, default=str)
        if len(value) > 120:
            value = value[:117] + "..."
        messages.append(f"field `{where}` has value {value}: {err['msg']}")
    return messages


_NULL_WORDS = frozenset({"null", "none", "nil", "n/a", "na", "no", "false", "undefined", "empty"})
_LETTERS = re.compile(r"[^\W\d_]")


def _no_pact_reason(data: dict[str, Any]) -> str | None:
    """The model's reason when its answer says the text holds no pact.

    Grammar-constrained weak models fill every field: a ``no_pact`` of "null", "none"
    or a few symbols is no reason, and neither is one beside a list of parties (the
    answer contradicts itself; its draft is verified instead)."""
    reason = data.get("no_pact")
    if not isinstance(reason, str):
        return None
    reason = reason.strip()
    if len(_LETTERS.findall(reason)) < 3 or reason.lower().strip(" .") in _NULL_WORDS:
        return None
    return None if data.get("parties") else reason


def parse_draft(raw: str, *, usage: Usage | None = None, model: str | None = None) -> Proposal:
    """Parse a raw answer; a failed parse is a proposal with no draft and its errors."""
    usage = usage or Usage()
    try:
        data = extract_json_object(raw)
    except ValueError as exc:
        return Proposal(draft=None, raw=raw, errors=(str(exc),), usage=usage, model=model)
    if not isinstance(data, dict):
        return Proposal(
            draft=None,
            raw=raw,
            errors=("the answer must be one JSON object with the draft's fields",),
            usage=usage,
            model=model,
        )
    no_pact = _no_pact_reason(data)
    if no_pact is not None:
        return Proposal(draft=None, raw=raw, usage=usage, model=model, no_pact=no_pact)
    try:
        draft = Draft.model_validate(data)
    except ValidationError as exc:
        return Proposal(
            draft=None, raw=raw, errors=tuple(validation_messages(exc)), usage=usage, model=model
        )
    return Proposal(draft=draft, raw=raw, usage=usage, model=model)


def parse_answer(
    raw: str | None,
    *,
    finish_reason: str | None,
    max_tokens: int,
    usage: Usage,
    model: str | None,
    refusal: str | None = None,
) -> Proposal:
    """A chat model's answer as a proposal, for every backend that asks one.

    An answer cut off at ``max_tokens``, stopped by a content filter, refused or empty
    is a proposal with one error the model can act on when re-asked; any other answer
    goes to :func:`parse_draft`.
    """

    def failed(error: str) -> Proposal:
        return Proposal(draft=None, raw=raw, errors=(error,), usage=usage, model=model)

    cut_off = (
        f"the answer was cut off at max_tokens={max_tokens} before the JSON object was "
        "complete; return a shorter JSON object (fewer, shorter phrases, no repetition)"
    )
    if finish_reason == "length":
        return failed(cut_off)
    if finish_reason == "content_filter":
        return failed("the server's content filter stopped the answer")
    if refusal:
        return failed(f"the model refused: {refusal}")
    if raw is None or not raw.strip():
        return failed("the answer is empty; return the JSON object")
    proposal = parse_draft(raw, usage=usage, model=model)
    if proposal.draft is None and usage.completion_tokens >= max_tokens:
        # Some servers report "stop"/"tool_calls" although the cap cut the answer.
        return failed(cut_off)
    return proposal
