"""The strict JSON schema sent to models: OpenAI structured outputs accept it."""

from __future__ import annotations

from typing import Any

from pactparse.backends.chat.schema_for_models import strict_json_schema
from pactparse.backends.openai import draft_json_schema
from pactparse.draft import Draft
from pactparse.schema import Event, ProvisionCategory, Status

# Keywords OpenAI's strict mode refuses (or that pydantic emits and strict mode ignores).
REFUSED = {"default", "format", "minLength", "maxLength", "pattern", "$ref", "$defs", "title"}


def walk(node: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            found += walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += walk(value, f"{path}[{i}]")
    return found


def objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(p, n) for p, n in walk(schema) if n.get("type") == "object"]


def test_every_object_is_closed_and_requires_all_its_properties() -> None:
    schema = draft_json_schema()
    found = objects(schema)
    assert len(found) == 2  # the draft and a provision
    for path, node in found:
        assert node["additionalProperties"] is False, path
        assert sorted(node["required"]) == sorted(node["properties"]), path


def test_no_keyword_strict_mode_refuses() -> None:
    for path, node in walk(draft_json_schema()):
        if path.endswith(".properties"):
            continue  # keys here are field names, not keywords
        assert not REFUSED & set(node), (path, REFUSED & set(node))


def test_enums_carry_every_value_of_the_spec() -> None:
    props = draft_json_schema()["properties"]
    assert props["status"]["enum"] == [s.value for s in Status]
    assert props["event"]["enum"] == [e.value for e in Event]
    category = props["provisions"]["items"]["properties"]["category"]
    assert category["enum"] == [c.value for c in ProvisionCategory]


def test_the_name_is_nullable_as_a_union_with_null() -> None:
    name = draft_json_schema()["properties"]["name"]
    assert {"type": "null"} in name["anyOf"]
    assert {"type": "string"} in name["anyOf"]


def test_the_fields_are_the_drafts_in_order() -> None:
    assert list(draft_json_schema()["properties"]) == list(Draft.model_fields)


def test_each_call_returns_a_fresh_copy() -> None:
    first = draft_json_schema()
    first["properties"].clear()
    assert draft_json_schema()["properties"]


def test_refs_with_sibling_keywords_are_inlined_and_merged() -> None:
    schema = {
        "type": "object",
        "properties": {"x": {"$ref": "#/$defs/X", "description": "an x", "default": 1}},
        "$defs": {"X": {"type": "object", "title": "X", "properties": {"a": {"type": "integer"}}}},
    }
    assert strict_json_schema(schema) == {
        "type": "object",
        "properties": {
            "x": {
                "type": "object",
                "properties": {"a": {"type": "integer"}},
                "required": ["a"],
                "additionalProperties": False,
                "description": "an x",
            }
        },
        "required": ["x"],
        "additionalProperties": False,
    }
