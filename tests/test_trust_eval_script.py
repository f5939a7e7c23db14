"""``scripts/trust_eval.py`` lists each gold record with its review (invented lines)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.gold import gold_record

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "trust_eval.py"


def test_each_line_is_marked_against_its_gold(tmp_path: Path) -> None:
    text = "Poland and Lithuania signed a mutual defence treaty in Vilnius."
    lines = [
        gold_record("right", text, ["LTU", "POL"]),
        gold_record("wrong", text, ["LTU", "POL", "LVA"]),
        gold_record("none", "Oslo had a mild, sunny weekend.", None),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0].startswith("right ok  parties=['LTU', 'POL']")
    assert out[1].startswith("wrong BAD ")
    assert out[2].startswith("none: NoPactFound: ")
    assert all("review=" in line for line in out[:2])
