"""Shared helpers of the benchmark scripts: summaries to extract, timing, printing."""

from __future__ import annotations

import os
import platform
import sys

COUNTRIES = (
    "France", "Germany", "Japan", "India", "Brazil", "Kenya", "Mali", "Niger",
    "Chad", "Peru", "Chile", "Spain", "Italy", "Poland", "Norway", "Sweden",
)  # fmt: skip


def summary(i: int) -> str:
    """A distinct summary per i that the stub server answers with a verifiable draft."""
    a = COUNTRIES[i % len(COUNTRIES)]
    b = COUNTRIES[(i * 7 + 3) % len(COUNTRIES)]
    if a == b:
        b = COUNTRIES[(i + 1) % len(COUNTRIES)]
    return (
        f"{a} and {b} have signed security pact number {i} to deepen defense cooperation, "
        f"hold joint exercises and share intelligence, officials said on Tuesday."
    )


def machine() -> str:
    return f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs"


def report(name: str, value: str, ratio: float, baseline: str, target: str | None = None) -> None:
    verdict = ""
    if target is not None:
        verdict = f"  (target {target})"
    print(f"{name:<46} {value:>22}   ratio {ratio:6.3f} vs {baseline}{verdict}")
    sys.stdout.flush()
