"""The JSON schema a model fills: the :class:`~pactparse.draft.Draft`, in OpenAI's strict dialect.

OpenAI structured outputs (``strict: true``) accept a subset of JSON Schema: every
object lists all its properties in ``required`` and sets ``additionalProperties:
false``, optional values are unions with ``null``, and keywords such as ``default``,
``format``, ``minLength`` or ``pattern`` are refused. Grammar-constrained servers
(llama.cpp, vLLM) accept the same schema. ``$ref``s are inlined so that simple
schema-to-grammar converters need no reference resolution.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from ...draft import Draft

__all__ = ["SCHEMA_NAME", "draft_json_schema", "strict_json_schema"]

#: The name sent with the schema (json_schema mode) and as the function name (tools mode).
SCHEMA_NAME = "pact_draft"

# Keywords OpenAI's strict mode refuses, or that only add noise for a model.
_DROPPED = frozenset(
    {
        "default",
        "title",
        "format",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "examples",
    }
)


def _resolve(node: Any, defs: dict[str, Any]) -> Any:
    """Inline every local ``$ref`` (``#/$defs/Name``); siblings of a ``$ref`` are kept."""
    if isinstance(node, list):
        return [_resolve(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        prefix = "#/$defs/"
        if not isinstance(ref, str) or not ref.startswith(prefix) or ref[len(prefix) :] not in defs:
            raise ValueError(f"cannot inline $ref {ref!r}")
        target = _resolve(defs[ref[len(prefix) :]], defs)
        siblings = {k: _resolve(v, defs) for k, v in node.items() if k != "$ref"}
        return {**target, **siblings}
    return {k: _resolve(v, defs) for k, v in node.items() if k != "$defs"}


def _strict(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: _strict(sub) for name, sub in value.items()}
        else:
            out[key] = _strict(value)
    if out.get("type") == "object" or "properties" in out:
        out["type"] = "object"
        out["properties"] = out.get("properties", {})
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    return out


def strict_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema rewritten into the strict dialect (refs inlined)."""
    defs = schema.get("$defs", {})
    strict: dict[str, Any] = _strict(_resolve(schema, defs))
    return strict


@cache
def _draft_schema_json() -> str:
    return json.dumps(strict_json_schema(Draft.model_json_schema()))


def draft_json_schema() -> dict[str, Any]:
    """The strict JSON schema of :class:`~pactparse.draft.Draft` (a fresh copy each call)."""
    schema: dict[str, Any] = json.loads(_draft_schema_json())
    return schema
