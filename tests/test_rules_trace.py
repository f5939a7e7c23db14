"""The offline backend's decision trace and ``pactparse explain``.

Every field of a rules record names the cue or strategy that decided it and the words
it fired on; the party strategies are named functions, each tested on an invented
sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactparse import cli, extract
from pactparse.explain import explain
from pactparse.normalize.actors import ActorTable
from pactparse.pipeline import ExtractOptions
from pactparse.schema import Pact

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEEDS = [json.loads(line) for line in (FIXTURES / "seeds.jsonl").read_text().splitlines()]
TRACE = ExtractOptions(trace=True)
#: The strategies and cue families a step may name.
RULE_FAMILIES = {
    "status": ("stage.",),
    "event": ("event.",),
    "name": ("name.",),
    "parties": ("parties.",),
    "adversaries": ("adversaries.",),
    "provisions": ("provision.",),
    "date_hints": ("date_hints.",),
    "rationale": ("rationale.",),
}


def traced(text: str) -> Pact:
    return extract(text, options=TRACE)


def party_rules(text: str) -> dict[str, str]:
    trace = traced(text).provenance.trace
    assert trace is not None
    return {s.value or "": s.rule for s in trace if s.field == "parties"}


def test_the_trace_is_kept_only_when_asked() -> None:
    text = SEEDS[0]["text"]
    assert extract(text).provenance.trace is None
    assert traced(text).provenance.trace


@pytest.mark.parametrize("seed", SEEDS, ids=[s["id"] for s in SEEDS])
def test_every_field_of_a_seed_is_decided_by_a_named_rule_on_real_words(
    seed: dict[str, str],
) -> None:
    text = seed["text"]
    pact = traced(text)
    trace = pact.provenance.trace
    assert trace is not None
    for step in trace:
        assert step.rule.startswith(RULE_FAMILIES[step.field]), step
        if step.span is not None:
            start, end = step.span
            assert 0 <= start < end <= len(text) and text[start:end].strip(), step
    by_field = {f: [s for s in trace if s.field == f] for f in RULE_FAMILIES}
    # one step per status, event and name; one per actor, provision and phrase
    assert [s.value for s in by_field["status"]] == [pact.status.value]
    assert [s.value for s in by_field["event"]] == [pact.event.value]
    assert [s.value for s in by_field["name"]] == [pact.name]
    assert [s.value for s in by_field["parties"]] == [a.key for a in pact.parties]
    assert [s.value for s in by_field["adversaries"]] == [a.key for a in pact.adversaries]
    assert sorted(s.value or "" for s in by_field["provisions"]) == sorted(
        p.category.value for p in pact.provisions
    )
    assert [s.value for s in by_field["rationale"]] == [r.text for r in pact.rationale]
    assert [s.value for s in by_field["date_hints"]] == [h.text for h in pact.date_hints]
    # an actor's span holds a mention of that actor; a phrase's span is the phrase
    for step in by_field["parties"] + by_field["adversaries"]:
        assert step.span is not None
        assert extract_actor_key(text[step.span[0] : step.span[1]]) in (step.value, None)
    for step in by_field["rationale"] + by_field["date_hints"]:
        assert step.span is not None and text[step.span[0] : step.span[1]] == step.value


def extract_actor_key(mention: str) -> str | None:
    """The key the actor table gives ``mention`` alone (None when it needs context)."""
    found = ActorTable.default().find_all(mention)
    return found[0].actor.key if found else None


@pytest.mark.parametrize("seed", SEEDS, ids=[s["id"] for s in SEEDS])
def test_explain_says_why_each_field_of_a_seed_came_out(seed: dict[str, str]) -> None:
    text = seed["text"]
    account = explain(text)
    pact = traced(text)
    for field in RULE_FAMILIES:
        assert f"\n{field}: " in "\n" + account
    trace = pact.provenance.trace
    assert trace is not None
    for step in trace:
        assert step.rule in account
        if step.span is not None:
            words = " ".join(text[step.span[0] : step.span[1]].split())
            assert f'"{words[:80]}' in account
    for party in pact.parties:
        assert f"{party.name} ({party.code})" in account or party.name in account


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Poland and Lithuania signed a mutual defence pact on Monday.",
            {"POL": "parties.subject_list", "LTU": "parties.subject_list"},
        ),
        (
            "Estonia signed a security agreement with Finland and Sweden.",
            {
                "EST": "parties.subject_list",
                "FIN": "parties.with_object",
                "SWE": "parties.with_object",
            },
        ),
        (
            "A defence agreement between Chile and Peru was concluded on Friday.",
            {"CHL": "parties.between", "PER": "parties.between"},
        ),
        (
            "Washington warned Hungary and Serbia against forming a military alliance.",
            {"HUN": "parties.warned_against", "SRB": "parties.warned_against"},
        ),
        (
            "Romania will sign agreements to buy 200 tanks from South Korea.",
            {"ROU": "parties.subject_list", "KOR": "parties.seller"},
        ),
        (
            "Kenya and Uganda said that after talks in Kampala they signed a border accord.",
            {"KEN": "parties.pronoun_subject", "UGA": "parties.pronoun_subject"},
        ),
        (
            "Kenya signed a border security accord that also covers Uganda.",
            {"KEN": "parties.subject_list", "UGA": "parties.lead_fallback"},
        ),
        (
            "Ghana joined the Accra Initiative, whose members Togo, Benin and Burkina Faso "
            "pledged to share intelligence.",
            {
                "TGO": "parties.accession_members",
                "BEN": "parties.accession_members",
                "BFA": "parties.accession_members",
                "GHA": "parties.accession_joiners",
            },
        ),
        (
            "Denmark joined NATO on Thursday.",
            {"NATO": "parties.accession_organization", "DNK": "parties.accession_joiners"},
        ),
    ],
)
def test_each_party_strategy_is_named_when_it_decides(text: str, expected: dict[str, str]) -> None:
    assert party_rules(text) == expected


def test_status_names_its_stage_cue_and_quotes_it() -> None:
    text = "Chile and Peru are set to sign a defence pact."
    trace = traced(text).provenance.trace
    assert trace is not None
    (step,) = [s for s in trace if s.field == "status"]
    assert (step.value, step.rule) == ("planned", "stage.planned")
    assert step.span is not None and text[step.span[0] : step.span[1]] == "are set to"


def test_a_status_without_a_cue_says_it_is_a_default() -> None:
    trace = traced("A mutual defence pact for Chile and Peru.").provenance.trace
    assert trace is not None
    (step,) = [s for s in trace if s.field == "status"]
    assert (step.rule, step.span) == ("stage.none", None)


def test_cli_explain_text_and_file_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "Chile and Peru are set to sign a defence pact."]) == 0
    out = capsys.readouterr().out
    assert "status: planned" in out and 'stage.planned: "are set to"' in out
    path = tmp_path / "in.jsonl"
    rows = [
        {"text": "x"},
        {"text": "Chile and Peru signed a defence pact on Friday.", "reference_date": "2024-03-09"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert cli.main(["explain", "--file", str(path), "--line", "2"]) == 0
    out = capsys.readouterr().out
    assert "parties: Chile (CHL), Peru (PER)" in out and "on Friday" in out


def test_cli_explain_without_a_text_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain"]) == 2
    assert "give the summary as TEXT or --file F --line N" in capsys.readouterr().err
    assert cli.main(["explain", "--file", "missing.txt", "--line", "3"]) == 2
