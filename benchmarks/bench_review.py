"""The review page on 10,000 records: size, build time, first paint and interaction in Chromium.

Records come from the offline backend on the annotated seeds, dev and no-pact files
(each summary extracted once), copied with a distinct suffix per copy (the spans do
not move; the sha256 is recomputed) up to N rows; every third pact gets a review
reason, so that the "needs review" filter has work to do. The page is opened from disk
in the system's headless Chromium (``/usr/bin/chromium``, driven by Playwright) with a
fresh profile each time, and the script reports:

* first screen: from navigation start to the first frame after the list and the first
  record are drawn (the first 200 records come before the page's script, the others
  after it), read from ``performance.now()`` in the page;
* all read: until every record is read and the filters count them all;
* first contentful paint, from the browser's paint timing;
* wall: from ``page.goto`` in Python until every record is read;
* filter + search and next-record latency.

    .venv/bin/python benchmarks/bench_review.py [--rows 10000] [--runs 3]

Target: first paint under 2 s.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from pactparse import extract_many
from pactparse.inputs import sha256_of
from pactparse.results import ResultRow
from pactparse.review import build_page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support.browser import open_browser  # noqa: E402

SOURCES = ("seeds.jsonl", "dev.jsonl", "nopact1.jsonl")


def base_rows() -> list[dict[str, Any]]:
    items = []
    for name in SOURCES:
        for line in (ROOT / "fixtures" / name).read_bytes().splitlines():
            if line.strip():
                data = orjson.loads(line)
                items.append({"id": data["id"], "text": data["text"]})
    return [orjson.loads(row.to_json()) for row in extract_many(items, include_text=True)]


def many_rows(n: int) -> list[ResultRow]:
    base = base_rows()
    rows = []
    for i in range(n):
        row = copy.deepcopy(base[i % len(base)])
        row["id"] = f"r{i + 1:05d}"
        row["text"] = f"{row['text']} (copy {i + 1})"
        pact = row["pact"]
        if pact is not None:
            pact["source"]["sha256"] = sha256_of(row["text"])
            if i % 3 == 0:
                pact["review"] = [{"field": "status", "why": "status read from a hedged verb"}]
        rows.append(ResultRow(row, i + 1, row["text"], None))
    return rows


def measure(page_path: Path, runs: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {
        "first": [],
        "ready": [],
        "fcp": [],
        "wall": [],
        "filter": [],
        "next": [],
    }
    for _ in range(runs):
        with open_browser(viewport={"width": 1280, "height": 800}) as browser:
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_selector("html[data-ready]")
            found["wall"].append((time.perf_counter() - start) * 1000)
            page.wait_for_function("window.pactparseReview.timing.firstPaint !== null")
            timing = page.evaluate("window.pactparseReview.timing")
            found["first"].append(timing["firstPaint"])
            found["ready"].append(timing["ready"])
            fcp = page.evaluate(
                "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
            )
            if fcp is not None:
                found["fcp"].append(fcp)
            found["filter"].append(
                page.evaluate(
                    """() => {
                      const t = performance.now();
                      document.getElementById('q').value = 'mali';
                      const f = document.getElementById('f-review');
                      f.value = 'flagged';
                      f.dispatchEvent(new Event('change'));
                      return performance.now() - t;
                    }"""
                )
            )
            page.focus("#list")
            start = time.perf_counter()
            for _ in range(50):
                page.keyboard.press("j")
            page.evaluate("0")
            found["next"].append((time.perf_counter() - start) * 1000 / 50)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    rows = many_rows(args.rows)
    start = time.perf_counter()
    html = build_page(rows)
    build_ms = (time.perf_counter() - start) * 1000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.html"
        path.write_text(html, encoding="utf-8")
        print(
            f"{args.rows:,} records: page {path.stat().st_size / 2**20:.1f} MiB, "
            f"built in {build_ms:,.0f} ms"
        )
        found = measure(path, args.runs)
    for name, label in (
        ("first", "navigation → first screen painted (list + first record)"),
        ("ready", "navigation → all records read"),
        ("fcp", "first contentful paint"),
        ("wall", "page.goto → ready, from Python"),
        ("filter", "search 'mali' + 'needs review' filter over all records"),
        ("next", "next record (j), per key press incl. driver round trip"),
    ):
        values = found[name]
        if values:
            print(
                f"  {label}: median {statistics.median(values):,.0f} ms "
                f"(runs: {', '.join(f'{v:,.0f}' for v in values)})"
            )
    worst = max(found["first"] + found["fcp"])
    print(
        f"first paint target < 2,000 ms: worst {worst:,.0f} ms "
        f"({worst / 2000:.2f} of the target) {'✔' if worst < 2000 else '✘'}"
    )


if __name__ == "__main__":
    main()
