"""The Batch API path's client-side cost per record, against the online path.

Both paths extract the same summaries with the openai backend from the same fake server
(``tests/support/fakebatchapi.py``, in its own process so that its work is not counted):
online, ``run_extract`` with 16 requests at once; by batch, ``run_batch_api`` (write the
requests, upload, poll, download, replay every answer through the pipeline, write the
rows). What is compared is the CPU time of this process per record: the provider's own
time (hours for a real batch) is not the client's cost.

    .venv/bin/python benchmarks/bench_batch_api.py [--records 5000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import TESTS, machine, report, summary

from pactparse.backends.openai import OpenAIBackend
from pactparse.batch import ExtractJob, run_extract
from pactparse.batch.provider_batch import BatchApiOptions, run_batch_api

_SERVER = (
    "import sys, time; sys.path.insert(0, sys.argv[1]); "
    "from support.fakebatchapi import FakeBatchAPI\n"
    "with FakeBatchAPI() as api:\n"
    "    print(api.url, flush=True); time.sleep(3600)"
)


def cpu_per_record(records: int, run: object) -> tuple[float, float]:
    """CPU seconds of this process per record, and wall seconds, of ``run()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()  # type: ignore[operator]
    return (time.process_time() - cpu) / records, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=5_000)
    args = parser.parse_args()
    print(f"# Batch API vs online, client side, {args.records:,} records — {machine()}")
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(TESTS)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.jsonl"
            with src.open("w") as f:
                for i in range(args.records):
                    f.write(json.dumps({"id": f"r{i}", "text": summary(i)}) + "\n")

            def backend() -> OpenAIBackend:
                return OpenAIBackend(model="stub", base_url=url, timeout=30)

            def online() -> None:
                job = ExtractJob(input=str(src), output=Path(tmp) / "online.jsonl", force=True)
                run_extract(job, backend=backend())

            def batch() -> None:
                job = ExtractJob(
                    input=str(src), output=Path(tmp) / "batch.jsonl", force=True, progress=False
                )
                api = BatchApiOptions(poll_interval=0.05, batch_size=min(args.records, 20_000))
                run_batch_api(job, backend=backend(), api=api)

            warm = Path(tmp) / "warm.jsonl"  # first use compiles the verifier's patterns
            warm.write_text("".join(src.read_text().splitlines(keepends=True)[:20]))
            run_extract(
                ExtractJob(input=str(warm), output=Path(tmp) / "w.jsonl"), backend=backend()
            )
            online_cpu, online_wall = cpu_per_record(args.records, online)
            batch_cpu, batch_wall = cpu_per_record(args.records, batch)
            report(
                "online: client CPU per record",
                f"{online_cpu * 1e3:,.3f} ms",
                1.0,
                "itself",
            )
            report(
                "Batch API: client CPU per record",
                f"{batch_cpu * 1e3:,.3f} ms",
                batch_cpu / online_cpu,
                "online",
            )
            print(
                f"# wall (fake server, no queueing): online {online_wall:.1f} s, "
                f"batch {batch_wall:.1f} s"
            )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
