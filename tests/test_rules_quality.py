"""The offline backend against the annotated files: the issue's targets as floors.

These are regression guards for general rules, measured with the spec's scoring on
the gold files in fixtures/. A change that drops a score below its target fails here.
``holdout2.jsonl`` to ``holdout6.jsonl`` do not reach every target (they were written
blind to the rules): their floors sit just under their current scores instead.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pactparse import Pact, extract
from pactparse.errors import NoRecord
from pactparse.evaluation.gold import GoldAnnotation, load_gold
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
        # holdout4-11 (a contract whose parties stand in a later sentence) is still
        # NoPactFound: a record needs a signatory (its status, event and provisions miss).
        "parties": 0.95,
        "adversaries": 0.74,
        "provisions": 0.70,
        "date_hints": 0.88,
        "rationale": 0.62,
        "status": 0.88,
        "event": 0.82,
        "name": 0.83,
    },
    # Blind when first scored (parties 0.86, status 0.73, exact party sets 0.70, review
    # precision 0.56 at coverage 0.40); then used to find general rules.
    "holdout6.jsonl": {
        "parties": 0.96,
        "adversaries": 0.78,
        "provisions": 0.67,
        "date_hints": 0.95,
        "rationale": 0.53,
        "status": 0.92,
        "event": 0.84,
        "name": 0.87,
    },
    # Still blind: scored once, no rule written for it. A regression guard only.
    "holdout5.jsonl": {
        "parties": 0.83,
        "adversaries": 0.60,
        "provisions": 0.62,
        "date_hints": 0.86,
        "rationale": 0.53,
        "status": 0.86,
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
    # Blind when first scored (holdout10: parties 0.79, status 0.88; holdout11: parties
    # 0.84, status 0.84); then used to find general rules.
    "holdout10.jsonl": {
        "parties": 0.85,
        "adversaries": 0.75,
        "provisions": 0.60,
        "date_hints": 0.87,
        "rationale": 0.48,
        "status": 0.94,
        "event": 0.86,
        "name": 0.70,
    },
    "holdout11.jsonl": {
        "parties": 0.82,
        "adversaries": 0.63,
        "provisions": 0.70,
        "date_hints": 0.76,
        "rationale": 0.79,
        "status": 0.82,
        "event": 0.82,
        "name": 0.74,
    },
    # Blind when first scored (parties 0.81, status 0.68, event 0.64); then used to find
    # general rules.
    "holdout12.jsonl": {
        "parties": 0.90,
        "adversaries": 0.78,
        "provisions": 0.75,
        "date_hints": 0.86,
        "rationale": 0.74,
        "status": 0.94,
        "event": 0.86,
        "name": 0.74,
    },
    # Blind when first scored (parties 0.85, status 0.88, event 0.84, name 0.68); then used
    # to find general rules.
    "holdout14.jsonl": {
        "parties": 0.86,
        "adversaries": 0.88,
        "provisions": 0.83,
        "date_hints": 0.90,
        "rationale": 0.76,
        "status": 0.96,
        "event": 0.88,
        "name": 0.76,
    },
    # Blind when first scored (parties 0.79, provisions 0.53, status 0.52, name 0.60); then
    # used to find general rules.
    "holdout17.jsonl": {
        "parties": 0.92,
        "adversaries": 0.80,
        "provisions": 0.65,
        "date_hints": 0.70,
        "rationale": 0.45,
        "status": 0.70,
        "event": 0.70,
        "name": 0.74,
    },
    # Blind when first scored (parties 0.79, provisions 0.69, status 0.68, name 0.48); then
    # used to find general rules.
    "holdout19.jsonl": {
        "parties": 0.86,
        "adversaries": 0.80,
        "provisions": 0.71,
        "date_hints": 0.80,
        "rationale": 0.66,
        "status": 0.82,
        "event": 0.82,
        "name": 0.78,
    },
    # Blind when first scored (parties 0.59, provisions 0.55, status 0.68, name 0.60); then
    # used to find general rules.
    "holdout21.jsonl": {
        "parties": 0.78,
        "adversaries": 0.54,
        "provisions": 0.56,
        "date_hints": 0.75,
        "rationale": 0.50,
        "status": 0.74,
        "event": 0.74,
        "name": 0.66,
    },
    # Blind when first scored (parties 0.84, provisions 0.67, status 0.80, name 0.68); a
    # development file since.
    "holdout23.jsonl": {
        "parties": 0.87,
        "adversaries": 0.87,
        "provisions": 0.64,
        "date_hints": 0.77,
        "rationale": 0.77,
        "status": 0.90,
        "event": 0.78,
        "name": 0.78,
    },
    # Blind when first scored (parties 0.73, adversaries 0.50, provisions 0.53, status 0.76,
    # event 0.72, name 0.64); a development file since.
    "holdout25.jsonl": {
        "parties": 0.90,
        "adversaries": 0.58,
        "provisions": 0.55,
        "date_hints": 0.74,
        "rationale": 0.55,
        "status": 0.96,
        "event": 0.92,
        "name": 0.72,
    },
    # Blind when first scored (parties 0.67, adversaries 0.33, status 0.56, event 0.72,
    # name 0.64); a development file since.
    "holdout27.jsonl": {
        "parties": 0.70,
        "adversaries": 0.40,
        "provisions": 0.55,
        "date_hints": 0.61,
        "rationale": 0.55,
        "status": 0.62,
        "event": 0.80,
        "name": 0.64,
    },
    # Blind when first scored (parties 0.91, adversaries 0.71, status 0.84, event 0.88,
    # name 0.64); a development file since.
    "holdout29.jsonl": {
        "parties": 0.90,
        # 0.68 until "Italy's invasion of Albania" was read as the adversary of the
        # Anglo-Turkish talks that began days after it (the annotator: none; decisions.md)
        "adversaries": 0.66,
        "provisions": 0.64,
        "date_hints": 0.66,
        "rationale": 0.48,
        "status": 0.82,
        "event": 0.86,
        "name": 0.62,
    },
    # Blind when first scored (parties 0.74, adversaries 0.50, status 0.56, event 0.72,
    # name 0.68); a development file since.
    "holdout31.jsonl": {
        "parties": 0.77,
        "adversaries": 0.40,
        "provisions": 0.56,
        "date_hints": 0.66,
        "rationale": 0.64,
        "status": 0.66,
        "event": 0.74,
        "name": 0.70,
    },
    # Blind when first scored (parties 0.85, adversaries 0.70, status 0.48, event 0.76,
    # name 0.68); a development file since.
    "holdout33.jsonl": {
        "parties": 0.90,
        "adversaries": 0.74,
        "provisions": 0.55,
        "date_hints": 0.58,
        "rationale": 0.35,
        "status": 0.86,
        "event": 0.86,
        "name": 0.70,
    },
    # Blind when first scored (parties 0.80, adversaries 0.60, status 0.76, event 0.64,
    # name 0.80); a development file since.
    "holdout35.jsonl": {
        "parties": 0.80,
        "adversaries": 0.58,
        "provisions": 0.51,
        "date_hints": 0.70,
        "rationale": 0.54,
        "status": 0.86,
        "event": 0.66,
        "name": 0.82,
    },
}


@pytest.mark.parametrize("name", sorted(LATER_HOLDOUT_FLOORS))
def test_rules_backend_keeps_its_later_holdout_scores(name: str) -> None:
    result = _scores(name).to_json()
    for field, floor in LATER_HOLDOUT_FLOORS[name].items():
        value = result[field]["f1"] if isinstance(result[field], dict) else result[field]
        assert value >= floor, (field, result[field])


PACT_FILES = [
    "seeds.jsonl",
    "dev.jsonl",
    "holdout.jsonl",
    "holdout2.jsonl",
    "holdout3.jsonl",
    "holdout4.jsonl",
    "holdout5.jsonl",
    "holdout6.jsonl",
]


def _runs(name: str) -> list[tuple[GoldAnnotation, Pact | None]]:
    records = load_gold(FIXTURES / name)
    return [(r.gold, _extract(r.text, r.reference_date, r.id)) for r in records]


def test_review_is_honest_on_the_gold_files() -> None:
    """Records with an empty review have the exact party set and the right status
    (precision), and at least half the records have an empty review (coverage)."""
    runs = [run for name in PACT_FILES for run in _runs(name)]
    clean = [(gold, pact) for gold, pact in runs if pact is not None and not pact.review]
    right = [
        1
        for gold, pact in clean
        if {p.key for p in pact.parties} == set(gold.parties) and pact.status == gold.status
    ]
    assert len(right) / len(clean) >= 0.95
    assert len(clean) / len(runs) >= 0.55


def test_no_pact_is_said_of_texts_without_one_and_hardly_of_pacts() -> None:
    texts = [
        json.loads(line)["text"]
        for line in (FIXTURES / "nopact1.jsonl").read_text().splitlines()
        if line.strip()
    ]
    said = sum(1 for text in texts if _extract(text, None, "x") is None)
    assert said / len(texts) >= 0.95
    # Written blind later (first runs 16/20, 10/20, 19/20, 15/20, 14/20, 14/20, 14/20, 16/20,
    # 17/20, 14/20, 19/20, 15/20, 15/20 and 17/20), then used to find general rules.
    later = [
        json.loads(line)["text"]
        for name in (
            "nopact5.jsonl",
            "nopact6.jsonl",
            "nopact7.jsonl",
            "nopact9.jsonl",
            "nopact12.jsonl",
            "nopact14.jsonl",
            "nopact16.jsonl",
            "nopact18.jsonl",
            "nopact20.jsonl",
            "nopact22.jsonl",
            "nopact24.jsonl",
            "nopact26.jsonl",
            "nopact28.jsonl",
            "nopact30.jsonl",
        )
        for line in (FIXTURES / name).read_text().splitlines()
        if line.strip()
    ]
    assert sum(1 for text in later if _extract(text, None, "x") is None) / len(later) >= 0.85
    runs = [run for name in PACT_FILES for run in _runs(name)]
    assert sum(1 for _, pact in runs if pact is None) / len(runs) <= 0.01


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
