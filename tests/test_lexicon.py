"""The offline backend's lexicon (backends/rules/data/lexicon.toml): every cue fires on
its own invented example, the loader rejects malformed data, and cue sets report which
cue fired (falling back to a full scan when a pattern's first letters cannot be read)."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from pactparse.backends.rules import scan
from pactparse.backends.rules.cues import (
    CUE_SETS,
    LEXICON,
    STAGE_CUES,
    grouped_pattern,
    table_pattern,
)
from pactparse.backends.rules.lexicon import LexiconError, load_lexicon
from pactparse.backends.rules.scan import CueSet, Doc

CUES = [(table, cue) for table in LEXICON.tables.values() for cue in table.rows]


@pytest.mark.parametrize(("table", "cue"), CUES, ids=[cue.id for _, cue in CUES])
def test_each_example_fires_its_own_cue_first(table: Any, cue: Any) -> None:
    hit = table.first(cue.example)
    assert hit is not None, f"no cue of {table.name} fires on {cue.example!r}"
    assert (hit.id, hit.decides) == (cue.id, cue.decides)
    assert cue.pattern.search(cue.example[: hit.end] if table.scope == "before" else cue.example)


def test_cue_sets_report_the_id_decision_and_span_of_the_cue_that_fired() -> None:
    text = "Peru and Chile are set to sign a pact."
    hit = STAGE_CUES.first(text)
    assert hit is not None
    assert (hit.id, hit.decides) == ("stage.planned.set_to", "planned")
    assert text[hit.start : hit.end] == "are set to"
    # "to sign" is what the parties are set to do, not a signing: sign_a does not fire.
    assert [h.id for h in STAGE_CUES.hits(Doc(text))] == ["stage.planned.set_to"]
    both = "Peru and Chile are set to sign a pact, and Bolivia signed one."
    assert [h.id for h in STAGE_CUES.hits(Doc(both))] == [
        "stage.planned.set_to",
        "stage.signed.signed",
    ]


def test_every_shipped_cue_set_is_indexed_by_first_letters() -> None:
    # A set that is not indexed still works (full scan) but costs the offline speed.
    assert all(cues.indexed for cues in CUE_SETS.values())


def test_vocabularies_are_expanded_where_patterns_name_them() -> None:
    pact_noun = LEXICON.table("pact_noun")
    assert [m.group(0) for m in pact_noun.pattern.finditer("memoranda, cease-fires and pacts")] == [
        "memoranda",
        "cease-fires",
        "pacts",
    ]
    assert "defence" in LEXICON.words("list_gap_word")
    # a vocabulary's entry may name another vocabulary ("froze its participation in")
    suspended = LEXICON.table("suspended_membership")
    assert suspended.pattern.search("Peru has frozen its participation in the pact")


# --- the loader --------------------------------------------------------------------


def _data() -> dict[str, Any]:
    return {
        "vocabularies": {"verb": ["sign(?:s|ed)?", "ink(?:s|ed)?"]},
        "tables": {
            "stage": {
                "template": r"\b(?:{rows})\b",
                "rows": [
                    {
                        "id": "stage.signed",
                        "decides": "signed",
                        "pattern": "{verb}",
                        "example": "They signed a pact.",
                    },
                    {
                        "id": "stage.talks",
                        "decides": "negotiating",
                        "pattern": r"in\s+talks",
                        "example": "They are in talks.",
                    },
                ],
            }
        },
    }


def test_the_loader_compiles_rows_into_their_template_in_order() -> None:
    table = load_lexicon(_data()).table("stage")
    assert table.pattern.pattern == r"\b(?:(?:sign(?:s|ed)?|ink(?:s|ed)?)|in\s+talks)\b"
    assert [c.id for c in table.rows] == ["stage.signed", "stage.talks"]
    hit = table.first("They are in talks and inked nothing.")
    assert hit is not None and hit.id == "stage.talks"


def test_a_text_table_reports_its_earliest_cue_then_the_earlier_row() -> None:
    data = _data()
    data["tables"]["stage"]["scope"] = "text"
    table = load_lexicon(data).table("stage")
    assert table.cues is None
    hit = table.first("They are in talks and signed.")
    assert hit is not None and (hit.id, hit.start) == ("stage.talks", 9)
    data["tables"]["stage"]["rows"][1]["pattern"] = "sign"
    both = load_lexicon(data).table("stage").first("They signed.")
    assert both is not None and both.id == "stage.signed"
    assert load_lexicon(data).table("stage").first("Nothing here.") is None


def test_a_case_sensitive_table_keeps_the_case_of_its_patterns() -> None:
    data = _data()
    data["tables"]["stage"]["rows"][1]["pattern"] = "Talks"
    assert load_lexicon(data).table("stage").pattern.search("in talks") is not None
    data["tables"]["stage"]["case_sensitive"] = True
    table = load_lexicon(data).table("stage")
    assert table.pattern.search("in talks") is None
    assert table.pattern.search("Talks began") is not None


def test_a_grouped_pattern_names_what_each_match_decides() -> None:
    stage_phrase = LEXICON.table("stage_phrase")
    grouped = grouped_pattern("stage_phrase")
    for cue in stage_phrase.rows:
        m = grouped.search(cue.example)
        assert m is not None and m.lastgroup == cue.decides
        assert m.span() == stage_phrase.pattern.search(cue.example).span()  # type: ignore[union-attr]


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(_data())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tables"]["stage"]["rows"][0].pop("example"), "example"),
        (lambda d: d["tables"]["stage"]["rows"][0].update(example=" "), "example"),
        (lambda d: d["tables"]["stage"]["rows"][1].update(id="stage.signed"), "duplicate cue id"),
        (lambda d: d["tables"]["stage"]["rows"][1].update(pattern="{nouns}"), "unknown vocabulary"),
        (lambda d: d["tables"]["stage"].update(template=r"\b{nouns}{rows}"), "unknown vocabulary"),
        (
            lambda d: (
                d["vocabularies"].update(loop=["a{loop}"]),
                d["tables"]["stage"]["rows"][1].update(pattern="{loop}"),
            ),
            "refers to itself",
        ),
        (lambda d: d["tables"]["stage"]["rows"][1].update(id="talks.x"), "table's name"),
        (lambda d: d["tables"]["stage"]["rows"][1].update(pattern="(unclosed"), "does not compile"),
        (lambda d: d["tables"]["stage"]["rows"][1].update(why="typo"), "unknown keys"),
        (lambda d: d["tables"]["stage"]["rows"][1].pop("decides"), "decides"),
        (lambda d: d["tables"]["stage"].update(template=r"\bx\b"), "{rows}"),
        (lambda d: d["tables"]["stage"].update(case_sensitive="yes"), "case_sensitive"),
        (lambda d: d["tables"]["stage"].update(scope="line"), "scope"),
    ],
)
def test_the_loader_rejects_malformed_rows(change: Any, message: str) -> None:
    with pytest.raises(LexiconError, match=re.escape(message)):
        load_lexicon(_broken(change))


# --- the full-scan fallback --------------------------------------------------------

TEXT = "Oslo quietly signed a pact; Bern loudly refused it, and Rome signs nothing."


def _pairs(cues: CueSet, text: str) -> list[tuple[int, str]]:
    return [(i, m.group(0)) for i, m in Doc(text).finditer_set(cues)]


def test_a_pattern_whose_start_cannot_be_read_falls_back_to_a_full_scan() -> None:
    patterns = [re.compile(r"\b(?:signs?|signed)\b", re.I), re.compile(r"[a-z]+ly\b", re.I)]
    cues = CueSet(patterns, ids=["sign", "manner"], decides=["signed", "manner"])
    assert not cues.indexed
    alternation = re.compile(r"(\b(?:signs?|signed)\b)|([a-z]+ly\b)", re.I)
    expected = [(0 if m.group(1) else 1, m.group(0)) for m in alternation.finditer(TEXT.lower())]
    assert _pairs(cues, TEXT) == expected
    assert [h.id for h in cues.hits(Doc(TEXT))] == ["manner", "sign", "manner", "sign"]


def test_the_fallback_works_when_regex_internals_change(monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = [re.compile(r"\b(?:signs?|signed)\b", re.I), re.compile(r"\b(?:pact|it)\b", re.I)]
    indexed = CueSet(patterns)
    assert indexed.indexed

    class ChangedParser:
        @staticmethod
        def parse(*args: object) -> object:
            raise TypeError("the private parser changed")

    scan._starts.cache_clear()
    monkeypatch.setattr(scan, "sre_parse", ChangedParser)
    try:
        fallback = CueSet(patterns)
        assert not fallback.indexed
        assert _pairs(fallback, TEXT) == _pairs(indexed, TEXT) != []
        assert [m.group(0) for m in Doc(TEXT).finditer(patterns[1])] == ["pact", "it"]
    finally:
        scan._starts.cache_clear()


# Tables read by a regular-expression search at every position: their templates start with
# a space or a punctuation mark (matched right after another cue), or a row starts with a
# number. Any other table must be found through the word index.
_FULL_SCAN_TABLES = frozenset(
    {
        "agent", "apposition_noun", "broker_verb", "commitment", "company_name_after",
        "company_partner",
        "competing_offer", "continuation", "credit", "led_by_suffix",
        "go_between_suffix", "hostile_act", "members_next_sentence", "members_of", "modelled_on",
        "not_a_pact", "noun_between",
        "other_pact_after",
        "pact_after", "pact_to", "passive", "purpose_conjunct", "stage_noun", "subject_field",
        "target_gap", "terms_members", "ticker_label", "economic_bloc",
        "unnamed_others",
    }
)  # fmt: skip


def test_every_other_table_is_found_through_the_word_index() -> None:
    # A row that opens with a lookbehind group ("(?:(?<=, )|(?<=was ))no agreement") cannot
    # be planned, and its whole table is then read at every position of every text.
    unplanned = {name for name in LEXICON.tables if scan._plan(table_pattern(name)) is None}
    assert unplanned == _FULL_SCAN_TABLES
