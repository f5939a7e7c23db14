"""Ray Data on this machine against the CLI, on the same rows: Ray's overhead per row.

The same JSON Lines (``--rows``, 100,000 by default, in four files) go through
``pactparse extract --workers N`` (one file: the four concatenated) and through
``examples/ray_extract.py``'s pipeline on a local Ray with N actors (rules backend
both). Printed: rows/s of each, their ratio, and Ray's overhead per row
(``(Ray's wall - the CLI's wall) / rows × N``, in CPU-microseconds per row), with and
without starting Ray itself.

    .venv/bin/python benchmarks/bench_ray.py [--rows 100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_offline import seed_texts
from common import machine, report

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"# Ray Data local vs the CLI, {args.rows:,} rows, {args.workers} workers — {machine()}")
    texts = seed_texts()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        lines = [
            json.dumps({"id": f"r{i}", "text": texts[i % len(texts)]}) + "\n"
            for i in range(args.rows)
        ]
        quarter = -(-args.rows // 4)
        for k in range(4):
            (folder / f"part-{k}.jsonl").write_text("".join(lines[k * quarter : (k + 1) * quarter]))
        whole = Path(tmp) / "all.jsonl"
        whole.write_text("".join(lines))

        command = [sys.executable, "-m", "pactparse.cli", "extract", str(whole)]
        command += ["-o", str(Path(tmp) / "cli.jsonl"), "--backend", "rules", "-q"]
        command += ["--workers", str(args.workers)]
        started = time.perf_counter()
        subprocess.run(command, check=True)
        cli = time.perf_counter() - started

        import ray

        spec = importlib.util.spec_from_file_location(
            "ray_extract", ROOT / "examples" / "ray_extract.py"
        )
        assert spec is not None and spec.loader is not None
        example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(example)
        started = time.perf_counter()
        ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False)
        ready = time.perf_counter()
        cpus = max(0.1, (args.workers - 1) / args.workers)  # leave a CPU for reading
        rows = example.extract(
            str(folder), workers=args.workers, cpus_per_worker=cpus, batch_size=1024
        )
        example.write(rows, str(Path(tmp) / "ray"))
        done = time.perf_counter()
        ray.shutdown()

    with_start, without = done - started, done - ready
    report("CLI --workers", f"{args.rows / cli:,.0f} rows/s", 1.0, "itself")
    report(
        "Ray local (Ray started)",
        f"{args.rows / without:,.0f} rows/s",
        cli / without,
        "CLI --workers",
    )
    report(
        "Ray local (start included)",
        f"{args.rows / with_start:,.0f} rows/s",
        cli / with_start,
        "CLI --workers",
    )
    overhead = (without - cli) / args.rows * args.workers
    print(
        f"# Ray's overhead ≈ {overhead * 1e6:,.0f} CPU-µs per row (start of Ray: "
        f"{ready - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
