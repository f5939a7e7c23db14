"""Everything the offline backend answers, as one JSON line per text: proof that a change
made for speed changed no output.

For every text of the readable fixture files, and every sentence the tests write out
(string literals of tests/test_*.py, with and without a reference date), it prints
``extract(text, backend="rules", options=ExtractOptions(trace=True))`` as JSON (without
``latency_ms``), the same without the trace, or the error's type, message and attempts.
Run it from two checkouts and compare::

    git worktree add /tmp/base <commit>
    PYTHONPATH=/tmp/base/src python scripts/rules_output.py > /tmp/before.txt
    PYTHONPATH=src python scripts/rules_output.py > /tmp/after.txt
    cmp /tmp/before.txt /tmp/after.txt

The texts are read from this checkout (``--root``), so both runs read the same ones.
The fixtures kept blind (see fixtures/README.md) are never read.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pactparse
from pactparse import ExtractOptions

ROOT = Path(__file__).resolve().parent.parent
#: The readable fixture files (not holdout7, holdout9, holdout13, holdout15, holdout16,
#: holdout18, holdout20, holdout22, holdout24, holdout26, holdout28, holdout30, holdout32,
#: holdout34, holdout36, holdout38, holdout40, holdout42, holdout44, holdout46, holdout48,
#: holdout50, holdout52, holdout54, holdout56, holdout58, holdout60, holdout62, holdout64,
#: holdout66, holdout68, holdout70, holdout72, holdout74, holdout76, holdout78, holdout80,
#: holdout82, holdout84, holdout86, holdout88, holdout90, holdout92,
#: nopact2, nopact4, nopact8, nopact10,
#: nopact11, nopact13, nopact15, nopact17, nopact19, nopact21, nopact23,
#: nopact25, nopact27, nopact29, nopact31, nopact33, nopact35, nopact37, nopact39,
#: nopact41, nopact43, nopact45, nopact47, nopact49, nopact51, nopact53, nopact55,
#: nopact57, nopact59, nopact61, nopact63, nopact65, nopact67, nopact69, nopact71, nopact73,
#: nopact75, nopact77, nopact79, nopact81, nopact83, nopact85, nopact87,
#: foreign1: kept blind).
FIXTURES = (
    "seeds",
    "dev",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout8",
    "holdout10",
    "holdout11",
    "holdout12",
    "holdout14",
    "holdout17",
    "holdout19",
    "holdout21",
    "holdout23",
    "holdout25",
    "holdout27",
    "holdout29",
    "holdout31",
    "holdout33",
    "holdout35",
    "holdout37",
    "holdout39",
    "holdout41",
    "holdout43",
    "holdout45",
    "holdout47",
    "holdout49",
    "holdout51",
    "holdout53",
    "holdout55",
    "holdout57",
    "holdout59",
    "holdout61",
    "holdout63",
    "holdout65",
    "holdout67",
    "holdout69",
    "holdout71",
    "holdout73",
    "holdout75",
    "holdout77",
    "holdout79",
    "holdout81",
    "holdout83",
    "holdout85",
    "holdout87",
    "holdout89",
    "holdout91",
    "nopact1",
    "nopact3",
    "nopact5",
    "nopact6",
    "nopact7",
    "nopact9",
    "nopact12",
    "nopact14",
    "nopact16",
    "nopact18",
    "nopact20",
    "nopact22",
    "nopact24",
    "nopact26",
    "nopact28",
    "nopact30",
    "nopact32",
    "nopact34",
    "nopact36",
    "nopact38",
    "nopact40",
    "nopact42",
    "nopact44",
    "nopact46",
    "nopact48",
    "nopact50",
    "nopact52",
    "nopact54",
    "nopact56",
    "nopact58",
    "nopact60",
    "nopact62",
    "nopact64",
    "nopact66",
    "nopact68",
    "nopact70",
    "nopact72",
    "nopact74",
    "nopact76",
    "nopact78",
    "nopact80",
    "nopact82",
    "nopact84",
    "nopact86",
)
#: The reference date given to the tests' sentences on their second reading.
TEST_DATE = dt.date(2024, 5, 17)

_Case = tuple[str, str, dt.date | None]


def fixture_cases(root: Path) -> Iterator[_Case]:
    for name in FIXTURES:
        lines = (root / "fixtures" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            key = f"{name}:{row.get('id') or number}"
            yield key, row["text"], None
            if row.get("reference_date"):
                yield f"{key}:ref", row["text"], dt.date.fromisoformat(row["reference_date"])


def test_sentences(root: Path) -> list[str]:
    """The one-line string literals of the tests that read like a sentence."""
    found: set[str] = set()
    for path in sorted((root / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if 25 <= len(value) <= 2000 and " " in value and "\n" not in value:
                    found.add(value)
    return sorted(found)


def answer(text: str, reference_date: dt.date | None, options: ExtractOptions) -> str:
    try:
        pact = pactparse.extract(
            text, backend="rules", reference_date=reference_date, options=options
        )
    except Exception as exc:  # every error is an answer too
        attempts = [repr(a) for a in getattr(exc, "attempts", ())]
        error = {"error": type(exc).__name__, "message": str(exc), "attempts": attempts}
        return json.dumps(error, ensure_ascii=False)
    record = pact.model_dump(mode="json")
    record["provenance"].pop("latency_ms")
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="where to read the texts")
    args = parser.parse_args()
    cases = list(fixture_cases(args.root))
    for number, sentence in enumerate(test_sentences(args.root)):
        cases += [(f"tests:{number}", sentence, None), (f"tests:{number}:ref", sentence, TEST_DATE)]
    traced, plain = ExtractOptions(trace=True), ExtractOptions()
    for key, text, reference_date in cases:
        for tag, options in (("trace", traced), ("plain", plain)):
            print(key, tag, answer(text, reference_date, options))
    print(f"{len(cases)} texts", file=sys.stderr)


if __name__ == "__main__":
    main()
