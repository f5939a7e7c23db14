"""Worker processes (``--workers N``) against one process, on the offline rules backend.

* rows/s of ``pactparse extract --workers N`` for N = 2 … cores, against ``--workers 1``
  on the same rows, in this run (the machine swings; compare the ratios);
* N independent one-process jobs, each on 1/N of the rows, at the same time: what this
  machine gives N processes right now (on a shared machine, often far from N×); the
  pool's rows/s against theirs is what the design itself loses;
* the job process's own CPU per row with workers (reading, sending chunks, writing the
  rows the workers encoded): it bounds the rows/s one job can reach, so how far the design
  goes on a larger machine is ``min(cores × one worker's rows/s, 1 / that cost)``.

    .venv/bin/python benchmarks/bench_workers.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_offline import seed_texts, write_input
from common import machine, report

_LAUNCHER = (
    "import os, subprocess, sys; p = subprocess.Popen(sys.argv[1:]); "
    "_, status, usage = os.wait4(p.pid, 0); "
    "print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime)"
)


def run_cli(src: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds of one run, and the CPU seconds of its own process (workers excluded)."""
    command = [sys.executable, "-m", "pactparse.cli", "extract", str(src), "-o", str(out)]
    command += ["--backend", "rules", "--no-cache", "-q", "--force", "--workers", str(workers)]
    started = time.perf_counter()
    launched = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *command], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    code, cpu = launched.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"pactparse extract failed with exit status {code}")
    return wall, float(cpu)


def independent(src: Path, tmp: Path, rows: int, processes: int) -> float:
    """Wall seconds of ``processes`` one-process jobs started together, each on its share."""
    lines = src.read_text().splitlines(keepends=True)
    share = -(-rows // processes)
    commands = []
    for k in range(processes):
        part = tmp / f"share-{k}.txt"
        part.write_text("".join(lines[k * share : (k + 1) * share]))
        command = [sys.executable, "-m", "pactparse.cli", "extract", str(part)]
        command += ["-o", f"{part}.out", "--backend", "rules", "--no-cache", "-q", "--force"]
        commands.append([*command, "--workers", "1"])
    started = time.perf_counter()
    running = [subprocess.Popen(command) for command in commands]
    for process in running:
        if process.wait() != 0:
            raise SystemExit("pactparse extract failed")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"# --workers on the rules backend, {args.rows:,} rows — {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.txt"
        write_input(src, args.rows, seed_texts())
        out = Path(tmp) / "out.jsonl"
        one, _ = run_cli(src, out, 1)
        base = args.rows / one
        report("one process (--workers 1)", f"{base:,.0f} rows/s", 1.0, "itself")
        for workers in sorted({2, cores} - {1}):
            wall, own_cpu = run_cli(src, out, workers)
            rate = args.rows / wall
            report(
                f"--workers {workers}",
                f"{rate:,.0f} rows/s",
                rate / base,
                "--workers 1",
                "≥ 1.7 on 2 cores" if workers == 2 else None,
            )
            alone = args.rows / independent(src, Path(tmp), args.rows, workers)
            report(
                f"{workers} independent one-process jobs",
                f"{alone:,.0f} rows/s",
                alone / base,
                "--workers 1 (what the machine gives)",
            )
            report(f"--workers {workers} vs them", f"{rate:,.0f} rows/s", rate / alone, "them")
        # less what a run of the first 1,000 rows alone costs (start-up, rows done inline)
        head = Path(tmp) / "head.txt"
        write_input(head, 1_000, seed_texts())
        _, head_cpu = run_cli(head, out, cores)
        per_row = max(0.0, own_cpu - head_cpu) / (args.rows - 1_000)
        ceiling = 1 / per_row if per_row else float("inf")
        report(
            "job process CPU per row (with workers)",
            f"{per_row * 1e6:,.1f} µs/row",
            per_row * base,
            "one worker's time per row",
        )
        print(
            f"# one job's ceiling ≈ {ceiling:,.0f} rows/s (its own CPU per row); "
            f"on 16 cores: ≈ {min(16 * base, ceiling):,.0f} rows/s "
            f"({min(16.0, ceiling / base):.1f}× one process at this run's speed)"
        )


if __name__ == "__main__":
    main()
