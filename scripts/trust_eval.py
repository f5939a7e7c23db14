"""Review precision/coverage and no-pact rates of the offline backend on gold files.

A helper for tuning the rules backend (``pactparse eval`` reports the same figures
once the lead's scoring lands). Usage::

    python scripts/trust_eval.py fixtures/holdout6.jsonl fixtures/nopact1.jsonl

Lines whose ``gold`` is null are no-pact texts. For pact texts it prints the spec's
scores, ``exact_parties``, review precision (records with an empty review whose party
set and status are right) and coverage (share of records with an empty review), and
the share wrongly answered NoPactFound; for no-pact texts, the share answered so.
``-v`` lists each record's misses and review.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from pactparse import extract
from pactparse.errors import NoRecord
from pactparse.evaluation.gold import GoldAnnotation
from pactparse.evaluation.metrics import score
from pactparse.schema import Pact


@dataclass
class Line:
    id: str
    text: str
    reference_date: dt.date | None
    gold: GoldAnnotation | None


def read(path: Path) -> list[Line]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        d = json.loads(raw)
        ref = dt.date.fromisoformat(d["reference_date"]) if d.get("reference_date") else None
        gold = GoldAnnotation(**d["gold"]) if d.get("gold") is not None else None
        out.append(Line(d["id"], d["text"], ref, gold))
    return out


def run(line: Line) -> Pact | NoRecord:
    try:
        return extract(line.text, reference_date=line.reference_date, id=line.id)
    except NoRecord as exc:
        return exc


def right(gold: GoldAnnotation, pact: Pact) -> bool:
    keys = {p.key for p in pact.parties}
    return keys == set(gold.parties) and pact.status == gold.status


def report(path: Path, verbose: bool) -> dict[str, object]:
    lines = read(path)
    results = [run(line) for line in lines]
    out: dict[str, object] = {"file": path.name}
    pact_lines = [(ln, r) for ln, r in zip(lines, results, strict=True) if ln.gold is not None]
    none_lines = [(ln, r) for ln, r in zip(lines, results, strict=True) if ln.gold is None]
    if pact_lines:
        golds = [ln.gold for ln, _ in pact_lines if ln.gold is not None]
        preds = [r if isinstance(r, Pact) else None for _, r in pact_lines]
        s = score(golds, preds).to_json()
        out.update({k: (v["f1"] if isinstance(v, dict) else v) for k, v in s.items()})
        clean = [(ln, r) for ln, r in pact_lines if isinstance(r, Pact) and not r.review]
        good = sum(
            1
            for ln, r in clean
            if ln.gold is not None and isinstance(r, Pact) and right(ln.gold, r)
        )
        out["review_precision"] = good / len(clean) if clean else 0.0
        out["review_coverage"] = len(clean) / len(pact_lines)
        out["nopact_on_pacts"] = sum(1 for _, r in pact_lines if isinstance(r, NoRecord)) / len(
            pact_lines
        )
        out["n"] = len(pact_lines)
    if none_lines:
        out["nopact_on_nopacts"] = sum(1 for _, r in none_lines if isinstance(r, NoRecord)) / len(
            none_lines
        )
        out["n_nopact"] = len(none_lines)
    if verbose:
        for ln, r in zip(lines, results, strict=True):
            if isinstance(r, NoRecord):
                print(f"  {ln.id}: {type(r).__name__}: {r}")
                continue
            ok = ln.gold is not None and right(ln.gold, r)
            mark = "ok " if ok else ("NOP" if ln.gold is None else "BAD")
            print(
                f"  {ln.id} {mark} parties={sorted(p.key for p in r.parties)}"
                f" gold={None if ln.gold is None else sorted(ln.gold.parties)}"
                f" status={r.status.value}/{None if ln.gold is None else ln.gold.status.value}"
                f" review={[i.field + ': ' + i.why for i in r.review]}"
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for path in args.files:
        result = report(path, args.verbose)
        print(
            json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()})
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
