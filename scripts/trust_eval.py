"""List each record of gold files with its review, for tuning the offline backend's flags.

``pactparse eval`` prints the scores (review precision and coverage, the no-pact rates);
this script shows the record behind them, one line each::

    python scripts/trust_eval.py fixtures/holdout6.jsonl fixtures/nopact1.jsonl

Each line is marked ``ok`` (exact party set and right status), ``BAD`` (a pact read
wrong) or ``NOP`` (a record for a text that holds none), with the record's parties and
status against the gold and its review; no-record answers are printed as they came.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pactparse import extract
from pactparse.errors import NoRecord
from pactparse.evaluation.gold import GoldRecord, load_gold


def line_for(item: GoldRecord) -> str:
    try:
        pact = extract(item.text, reference_date=item.reference_date, id=item.id)
    except NoRecord as exc:
        return f"{item.id}: {type(exc).__name__}: {exc}"
    gold = item.gold
    keys = sorted(p.key for p in pact.parties)
    ok = gold is not None and keys == sorted(gold.parties) and pact.status == gold.status
    mark = "ok " if ok else ("NOP" if gold is None else "BAD")
    review = [f"{i.field}: {i.why}" for i in pact.review]
    return (
        f"{item.id} {mark} parties={keys} gold={None if gold is None else sorted(gold.parties)}"
        f" status={pact.status.value}/{None if gold is None else gold.status.value}"
        f" review={review}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    for path in args.files:
        for item in load_gold(path):
            print(line_for(item))
    return 0


if __name__ == "__main__":
    sys.exit(main())
