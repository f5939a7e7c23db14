"""A strong model's natural answers against the same answers copied word for word.

A fake model server (``tests/support/natural.py``: HAND-WRITTEN MODEL ANSWERS, on
127.0.0.1) answers every summary of the gold files it may read (seeds, dev, holdout,
holdout2..holdout6; never the blind holdout7, nopact2, foreign1) with the gold record:
once copied exactly from the text, once worded as strong models write (canonical names,
ISO codes, light paraphrase, shifted boundaries). Both go through ``pactparse.extract``
with the ``openai`` backend. Printed: re-ask rate, warning rate and tokens of each
style, and each field's score in the natural run as a share of the exact run's, with
the issue's targets::

    .venv/bin/python benchmarks/bench_natural.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.natural import Run, gold_records, natural_server, run

MAX_REASKED = 0.05
MAX_WARNED = 0.05
MAX_TOKEN_RATIO = 1.15
MIN_FIELD_RATIO = 0.99


def _ratio(a: float, b: float) -> float:
    return 1.0 if a == b else (a / b if b else 0.0)


def main() -> int:
    records = gold_records()
    with natural_server() as server:
        exact = run(server, "exact", records)
        natural = run(server, "natural", records)

    def line(name: str, r: Run) -> str:
        return (
            f"{name:8} {r.n:4} records  re-asked {r.reasked / r.n:6.1%}  "
            f"with a warning {r.warned / r.n:6.1%}  failed {r.failed:3}  "
            f"tokens {r.tokens:8} ({r.tokens / r.n:.0f}/record)"
        )

    print(line("exact", exact))
    print(line("natural", natural))
    print(f"\n{'field':14} {'exact':>7} {'natural':>8} {'ratio':>7}")
    ok = True
    exact_fields = exact.field_scores()
    for field, value in natural.field_scores().items():
        ratio = _ratio(value, exact_fields[field])
        ok &= ratio >= MIN_FIELD_RATIO
        print(f"{field:14} {exact_fields[field]:7.4f} {value:8.4f} {ratio:7.3f}")
    token_ratio = natural.tokens / exact.tokens
    checks = {
        f"every field >= {MIN_FIELD_RATIO} of exact-copy": ok,
        f"re-asked <= {MAX_REASKED:.0%}": natural.reasked / natural.n <= MAX_REASKED,
        f"with a warning <= {MAX_WARNED:.0%}": natural.warned / natural.n <= MAX_WARNED,
        f"tokens <= {MAX_TOKEN_RATIO}x exact-copy ({token_ratio:.3f}x)": (
            token_ratio <= MAX_TOKEN_RATIO
        ),
    }
    print()
    for check, met in checks.items():
        print(f"{'met ' if met else 'MISSED'} {check}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
