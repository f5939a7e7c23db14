"""Worker processes (``--workers N``) against one process, on the offline rules backend.

Each round runs, back to back on the same rows (a shared machine swings between runs, so
compare the ratios within a round, and look at the spread of the rounds):

* ``pactparse extract --workers 1`` and ``--workers N`` (N = 2 … cores): rows/s and ratio;
* N independent one-process jobs, each on 1/N of the rows, at the same time: what this
  machine gives N processes right now (on a shared machine, often far from N×); the
  pool's rows/s against theirs is what the design itself loses.

Then the job process's ceiling: its own CPU per row when worker processes extract every
row (``extract_here=False``, the rules backend in the workers), in this process. Feeding
and writing is all the job's process does on a large machine, so one job tops out at
``1 / that cost`` rows/s whatever the cores; below that, N cores give about
``N × one process`` less what feeding takes from the job's own share.

    .venv/bin/python benchmarks/bench_workers.py [--rows 40000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_offline import seed_texts, write_input
from common import machine, report

from pactparse.backends.rules import RulesBackend
from pactparse.batch.lines import open_lines
from pactparse.batch.workers import WorkerPool
from pactparse.pipeline import ExtractOptions


def cli(src: Path, out: Path, workers: int) -> list[str]:
    command = [sys.executable, "-m", "pactparse.cli", "extract", str(src), "-o", str(out)]
    return [*command, "--backend", "rules", "--no-cache", "-q", "--force", f"--workers={workers}"]


def run_cli(src: Path, out: Path, workers: int) -> float:
    """Wall seconds of one ``pactparse extract`` run."""
    started = time.perf_counter()
    subprocess.run(cli(src, out, workers), check=True)
    return time.perf_counter() - started


def split(src: Path, tmp: Path, processes: int) -> list[Path]:
    """``src`` cut into ``processes`` consecutive shares."""
    lines = src.read_text().splitlines(keepends=True)
    share = -(-len(lines) // processes)
    parts = []
    for k in range(processes):
        part = tmp / f"share-{k}.txt"
        part.write_text("".join(lines[k * share : (k + 1) * share]))
        parts.append(part)
    return parts


def independent(parts: list[Path]) -> float:
    """Wall seconds of one-process jobs started together, one per share."""
    started = time.perf_counter()
    running = [subprocess.Popen(cli(part, Path(f"{part}.out"), 1)) for part in parts]
    for process in running:
        if process.wait() != 0:
            raise SystemExit("pactparse extract failed")
    return time.perf_counter() - started


def feeding_cost(src: Path, out: Path, rows: int, workers: int) -> float:
    """The job process's own CPU seconds per row (reading, sending, collecting, writing)
    when ``workers`` processes extract every row (``extract_here=False``)."""
    pool = WorkerPool(RulesBackend(), ExtractOptions(), workers=workers, extract_here=False)
    started = time.process_time()
    written = 0
    with open_lines(src) as records, out.open("wb") as sink:
        for chunk in pool.run(records):
            sink.write(chunk.data)
            written += chunk.stats.rows
    spent = time.process_time() - started
    assert written == rows
    return spent / rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"# --workers, rules backend, {args.rows:,} rows, {args.rounds} rounds — {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.txt"
        write_input(src, args.rows, seed_texts())
        out = Path(tmp) / "out.jsonl"
        counts = sorted({2, cores} - {1})
        shares = {n: split(src, Path(tmp), n) for n in counts}
        ratios: dict[str, list[float]] = {}
        base = 0.0
        for number in range(1, args.rounds + 1):
            print(f"# round {number}")
            base = args.rows / run_cli(src, out, 1)
            report("one process (--workers 1)", f"{base:,.0f} rows/s", 1.0, "itself")
            for workers in counts:
                rate = args.rows / run_cli(src, out, workers)
                alone = args.rows / independent(shares[workers])
                target = "≥ 1.7 on 2 cores" if workers == 2 else None
                rows = (
                    (f"--workers {workers}", rate, rate / base, "--workers 1", target),
                    (f"{workers} independent jobs", alone, alone / base, "--workers 1", None),
                    (f"--workers {workers} vs them", rate, rate / alone, "them", None),
                )
                for name, value, ratio, against, goal in rows:
                    report(name, f"{value:,.0f} rows/s", ratio, against, goal)
                    ratios.setdefault(name, []).append(ratio)
        print(f"# ranges over {args.rounds} rounds")
        for name, values in ratios.items():
            low, mid, high = min(values), statistics.median(values), max(values)
            print(f"{name:<46} ratio {low:.2f}–{high:.2f} (median {mid:.2f})")
        per_row = feeding_cost(src, out, args.rows, cores)
        report(
            "job process CPU per row (workers extract all)",
            f"{per_row * 1e6:,.1f} µs/row",
            per_row * base,
            "one process's time per row",
        )
        ceiling = 1 / per_row
        on16 = 15 * base + max(0.0, 1 - 15 * base * per_row) * base
        print(
            f"# one job's ceiling ≈ {ceiling:,.0f} rows/s (its own CPU per row, at "
            f"{ceiling / base:,.0f} workers); on 16 cores: ≈ {on16:,.0f} rows/s "
            f"({on16 / base:.1f}× one process at this run's speed: 15 workers, and what "
            "feeding them leaves the job's process to extract)"
        )


if __name__ == "__main__":
    main()
