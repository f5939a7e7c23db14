"""The offline rules backend through the CLI: rows per second, and peak memory.

* rows/s of ``pactparse extract`` for 100,000 rows (a subprocess, start-up included),
  against the bare library loop ``extract(text)`` over the same summaries in this
  process (the baseline: the ratio is what reading, writing and the batch machinery
  cost on top of extraction);
* peak resident memory of ``pactparse extract`` for 1,000,000 rows (output to
  /dev/null), against the same for 10,000 rows: streamed input keeps it flat, so the
  ratio should stay close to 1.

    .venv/bin/python benchmarks/bench_offline.py [--rows 100000] [--memory-rows 1000000]

The million-row run takes about as many seconds as the rules backend needs per
thousand rows (roughly 15 minutes on 2 CPUs); ``--memory-rows 0`` skips it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine, report

import pactparse

ROOT = Path(__file__).resolve().parent.parent


def seed_texts() -> list[str]:
    with (ROOT / "fixtures" / "seeds.jsonl").open() as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def write_input(path: Path, rows: int, texts: list[str]) -> None:
    with path.open("w") as f:
        for i in range(rows):
            f.write(texts[i % len(texts)] + "\n")


# Linux counts a forked child's peak RSS from the pages it shares with its parent at
# fork, so a child of this (large) process would report this process's size. A small
# launcher process starts the CLI and reports the CLI's own peak.
_LAUNCHER = (
    "import os, subprocess, sys; p = subprocess.Popen(sys.argv[1:]); "
    "_, status, usage = os.wait4(p.pid, 0); "
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)"
)


def run_cli(src: Path, out: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one ``pactparse extract`` run."""
    command = [sys.executable, "-m", "pactparse.cli", "extract", str(src), "-o", out]
    command += ["--backend", "rules", "--no-cache", "--quiet", "--force"]
    started = time.perf_counter()
    launched = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *command], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    code, maxrss = (int(word) for word in launched.stdout.split())
    if code != 0:
        raise SystemExit(f"pactparse extract failed with exit status {code}")
    return wall, maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    parser.add_argument("--baseline-rows", type=int, default=5_000)
    args = parser.parse_args()
    print(f"# offline rules backend through the CLI — {machine()}")
    texts = seed_texts()
    backend = pactparse.get_backend("rules")
    sample = [texts[i % len(texts)] for i in range(args.baseline_rows)]
    for text in sample[:50]:
        pactparse.extract(text, backend=backend)
    started = time.perf_counter()
    for text in sample:
        pactparse.extract(text, backend=backend)
    library = len(sample) / (time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.txt"
        write_input(src, args.rows, texts)
        wall, _ = run_cli(src, str(Path(tmp) / "out.jsonl"))
        cli_rate = args.rows / wall
        report(
            f"CLI rows/s, {args.rows:,} rows",
            f"{cli_rate:,.0f} rows/s",
            cli_rate / library,
            f"library loop {library:,.0f} rows/s",
        )
        if args.memory_rows:
            small = Path(tmp) / "small.txt"
            write_input(small, 10_000, texts)
            _, rss_small = run_cli(small, os.devnull)
            write_input(src, args.memory_rows, texts)
            wall, rss = run_cli(src, os.devnull)
            report(
                f"peak RSS, {args.memory_rows:,} rows ({wall:,.0f} s)",
                f"{rss:,.1f} MiB",
                rss / rss_small,
                f"10,000 rows {rss_small:,.1f} MiB",
                "~1.0 (flat)",
            )


if __name__ == "__main__":
    main()
