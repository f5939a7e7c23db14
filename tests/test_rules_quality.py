"""The offline backend against the annotated files: the issue's targets as floors.

These are regression guards for general rules, measured with the spec's scoring on
the gold files in fixtures/. A change that drops a score below its target fails here.
``holdout2.jsonl`` to ``holdout5.jsonl`` do not reach every target (they were written
blind to the rules): their floors sit just under their current scores instead.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pactparse import Pact, extract
from pactparse.errors import NoRecord
from pactparse.evaluation.gold import load_gold
from pactparse.evaluation.metrics import Scores, score

FIXTURES = Path(__file__).parent.parent / "fixtures"
TARGETS = {
    "parties": 0.95,
    "adversaries": 0.85,
    "provisions": 0.80,
    "date_hints": 0.85,
    "rationale": 0.60,
}
ACCURACY_TARGETS = {"status": 0.85, "event": 0.90, "name": 0.90}


def _extract(text: str, reference_date: dt.date | None, id: str) -> Pact | None:
    try:
        return extract(text, reference_date=reference_date, id=id)
    except NoRecord:
        return None


def _scores(name: str) -> Scores:
    records = load_gold(FIXTURES / name)
    preds = [_extract(r.text, r.reference_date, r.id) for r in records]
    return score([r.gold for r in records], preds)


@pytest.mark.parametrize("name", ["seeds.jsonl", "dev.jsonl", "holdout.jsonl"])
def test_rules_backend_meets_the_targets(name: str) -> None:
    result = _scores(name).to_json()
    for field, floor in TARGETS.items():
        assert result[field]["f1"] >= floor, (field, result[field])
    for field, floor in ACCURACY_TARGETS.items():
        assert result[field] >= floor, (field, result[field])


#: Later holdout files, written blind to the rules and then used to find general rules:
#: floors just under their current scores (they do not reach every target).
LATER_HOLDOUT_FLOORS = {
    "holdout2.jsonl": {
        "parties": 0.95,
        "adversaries": 0.85,
        "provisions": 0.82,
        "date_hints": 0.90,
        "rationale": 0.77,
        "status": 0.93,
        "event": 0.90,
        "name": 0.83,
    },
    "holdout4.jsonl": {
        # holdout4-11 and -18 have no party the rules find: NoPactFound since a record
        # needs a signatory (status, event and provisions of those two count as misses).
        "parties": 0.89,
        "adversaries": 0.72,
        "provisions": 0.68,
        "date_hints": 0.86,
        "rationale": 0.62,
        "status": 0.78,
        "event": 0.78,
        "name": 0.83,
    },
    # Still blind: scored once, no rule written for it. A regression guard only.
    "holdout5.jsonl": {
        "parties": 0.80,
        "adversaries": 0.57,
        "provisions": 0.59,
        "date_hints": 0.84,
        "rationale": 0.50,
        "status": 0.80,
        "event": 0.80,
        "name": 0.77,
    },
    "holdout3.jsonl": {
        "parties": 0.97,
        "adversaries": 0.87,
        "provisions": 0.82,
        "date_hints": 0.85,
        "rationale": 0.72,
        "status": 0.83,
        "event": 0.90,
        "name": 0.93,
    },
}


@pytest.mark.parametrize("name", sorted(LATER_HOLDOUT_FLOORS))
def test_rules_backend_keeps_its_later_holdout_scores(name: str) -> None:
    result = _scores(name).to_json()
    for field, floor in LATER_HOLDOUT_FLOORS[name].items():
        value = result[field]["f1"] if isinstance(result[field], dict) else result[field]
        assert value >= floor, (field, result[field])


def test_seed_file_end_to_end() -> None:
    text = (Path(__file__).parent.parent / "seeds" / "000_f8c08eace574c218.txt").read_text()
    lines = [line for line in text.splitlines() if line.strip()]
    pacts = [extract(line) for line in lines]
    assert len(pacts) == 14
    # the same Sahel pact, told three times, reads the same way each time
    sahel = pacts[8:11]
    assert {tuple(p.code for p in s.parties) for s in sahel} == {("MLI", "NER", "BFA")}
    assert all(
        s.status == "signed" and "mutual_defense" in {p.category for p in s.provisions}
        for s in sahel
    )
    assert all(not p.provenance.warnings for p in pacts)
