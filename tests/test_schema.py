"""The Pact record: validation, vocabularies, the JSON round trip and the JSON Schema."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from pactparse import Actor, Pact, Provision, extract
from pactparse.draft import Draft
from pactparse.schema import Grounding

TEXT = (
    "Mali, Niger, and Burkina Faso have signed a security pact called the Alliance of "
    "Sahel States, pledging to come to each other's aid if attacked."
)


def test_record_round_trips_through_json() -> None:
    pact = extract(TEXT)
    again = Pact.model_validate_json(pact.model_dump_json())
    assert again == pact
    assert json.loads(pact.model_dump_json())["parties"][0]["code"] == "MLI"


def test_every_extracted_value_carries_span_and_grounding() -> None:
    pact = extract(TEXT)
    values = [(a.mention, a.span, a.grounding) for a in pact.parties + pact.adversaries]
    values += [(p.text, p.span, p.grounding) for p in pact.provisions]
    values += [(r.text, r.span, r.grounding) for r in pact.rationale]
    assert values
    for value, span, grounding in values:
        assert grounding is Grounding.EXACT
        assert span is not None and TEXT[span[0] : span[1]] == value


def test_invalid_vocabulary_fails_with_the_allowed_values() -> None:
    with pytest.raises(ValidationError) as info:
        Provision(category="alliance", text="x")  # type: ignore[arg-type]
    message = str(info.value)
    assert "mutual_defense" in message and "category" in message


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Actor(name="Mali", code="MLI", kind="state", mention="Mali", colour="red")  # type: ignore[call-arg]


def test_span_and_grounding_must_agree() -> None:
    with pytest.raises(ValidationError, match="ungrounded value has no span"):
        Actor(name="Mali", code="MLI", kind="state", mention="Mali", span=(0, 4))
    with pytest.raises(ValidationError, match="needs a span"):
        Actor(name="Mali", code="MLI", kind="state", mention="Mali", grounding="exact")


def test_json_schema_lists_the_controlled_vocabularies() -> None:
    schema = json.dumps(Pact.model_json_schema())
    for value in ("signed", "accession", "non_state", "third_party_restrictions", "fuzzy"):
        assert f'"{value}"' in schema


def test_draft_schema_is_what_a_model_fills() -> None:
    props = Draft.model_json_schema()["properties"]
    assert set(props) == {
        "name",
        "status",
        "event",
        "parties",
        "adversaries",
        "provisions",
        "date_hints",
        "rationale",
        "no_pact",
    }
