"""Summaries given as a JSON object (a news API's item) are read as the prose of its
fields, and the record's spans still index the JSON as given. The texts are invented."""

from __future__ import annotations

import json

import pytest

from pactparse import ExtractOptions, extract
from pactparse.errors import NoPactFound
from pactparse.json_text import text_of_json
from pactparse.schema import Grounding

API_ITEM = json.dumps(
    {
        "source": {"id": None, "name": "Andes Wire"},
        "author": "Staff reporter",
        "title": "Peru and Chile sign coastal defence pact",
        "description": (
            "Peru and Chile on Monday signed a coastal defence pact under which their navies "
            'will hold joint patrols, the "first of its kind" in the region.'
        ),
        "content": "Chile’s defence minister said it would help deter drug smugglers.",
        "url": "https://www.andeswire.example/2026/03/02/peru-chile-pact",
        "tags": ["Peru", "Chile", "defence and security"],
        "publishedAt": "2026-03-02T09:14:00Z",
    }
)  # json.dumps writes "Chile\\u2019s" and '\\"first of its kind\\"': escapes to decode


def test_a_json_items_prose_is_read_and_its_links_tags_and_dates_are_not() -> None:
    shown = text_of_json(API_ITEM)
    assert shown is not None
    assert shown.text == (
        "Peru and Chile sign coastal defence pact\n"
        "Peru and Chile on Monday signed a coastal defence pact under which their navies "
        'will hold joint patrols, the "first of its kind" in the region.\n'
        "Chile’s defence minister said it would help deter drug smugglers."
    )
    # each character knows where it stands in the JSON, escapes included
    at = shown.text.index("Chile’s")
    start, end = shown.source_span((at, at + len("Chile’s")))
    assert API_ITEM[start:end] == "Chile\\u2019s"
    for i, char in enumerate(shown.text):
        written = API_ITEM[shown.starts[i] : shown.ends[i]]
        assert char == "\n" or json.loads(f'"{written}"') == char


def test_a_record_of_a_json_item_has_spans_into_the_json() -> None:
    pact = extract(API_ITEM, options=ExtractOptions(trace=True))
    assert [a.code for a in pact.parties] == ["PER", "CHL"]
    assert pact.status.value == "signed"
    values = [
        *((a.mention, a) for a in pact.parties),
        *((v.text, v) for v in [*pact.provisions, *pact.date_hints, *pact.rationale]),
    ]
    for words, value in values:
        assert value.span is not None
        assert (API_ITEM[value.span[0] : value.span[1]] == words) == (
            value.grounding is Grounding.EXACT
        )
    assert any("a JSON object" in w for w in pact.provenance.warnings)
    # the decision trace quotes the JSON too
    trace = pact.provenance.trace
    assert trace is not None
    spans = [step.span for step in trace if step.field == "parties" and step.span]
    assert [API_ITEM[s:e] for s, e in spans] == ["Peru", "Chile"]


def test_markup_inside_a_json_string_is_read_through_both() -> None:
    text = json.dumps({"body": "<p>Peru and Chile signed a defence pact on Monday.</p>"})
    pact = extract(text)
    assert [a.code for a in pact.parties] == ["PER", "CHL"]
    span = pact.parties[0].span
    assert span is not None and text[span[0] : span[1]] == "Peru"


@pytest.mark.parametrize(
    "text",
    [
        '{"status": "ok", "totalResults": 0, "articles": []}',
        '{"id": 17, "url": "https://example.org/peru-chile-defence-pact", "tags": ["pact"]}',
    ],
)
def test_a_json_object_without_prose_holds_no_summary(text: str) -> None:
    with pytest.raises(NoPactFound, match="a JSON object holding no summary"):
        extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a {defence} pact.",  # prose with braces
        '["Peru and Chile signed a defence pact."]',  # an array, not an object
        '{"title": "Peru and Chile signed a defence pact."',  # not JSON: cut off
    ],
)
def test_only_a_whole_json_object_is_read_as_one(text: str) -> None:
    assert text_of_json(text) is None
