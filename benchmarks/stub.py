"""A loopback OpenAI-compatible stub server with a fixed latency, in its own process.

Benchmarks start it with :func:`stub_server` so that the server's work never competes
with the measured client for the interpreter lock. Run directly, it serves until
killed::

    python benchmarks/stub.py --latency 0.1
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"


@contextmanager
def stub_server(latency: float) -> Iterator[str]:
    """Start the stub in a subprocess; yields its base URL (http://127.0.0.1:PORT/v1)."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"the stub server did not start: {url!r}")
        yield url
    finally:
        process.terminate()
        process.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per answer")
    args = parser.parse_args()
    sys.path.insert(0, str(TESTS))
    from support.faultserver import FaultServer

    with FaultServer(latency=args.latency) as server:
        print(server.url, flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
