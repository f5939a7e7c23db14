"""A strong model's natural wording costs no re-ask, no warning and no score.

The fake natural-style model (``support/natural.py``, hand-written model answers on
127.0.0.1) answers gold summaries worded as strong models write; the same answers
copied exactly are the baseline. ``benchmarks/bench_natural.py`` runs every gold file
it may read; this test runs three of them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pactparse.normalize.actors import ActorTable
from support.natural import (
    NaturalModelServer,
    exact_answer,
    gold_records,
    natural_answer,
    natural_server,
    run,
)

FILES = ("seeds", "dev", "holdout")


@pytest.fixture(scope="module")
def server() -> Iterator[NaturalModelServer]:
    with natural_server(FILES) as s:
        yield s


def test_the_natural_answers_are_worded_otherwise(server: NaturalModelServer) -> None:
    table = ActorTable.default()
    records = gold_records(FILES)
    changed = [
        r.id
        for r in records
        if natural_answer(r, table)["parties"] != exact_answer(r, table)["parties"]
    ]
    assert len(changed) >= len(records) // 2


def test_natural_answers_score_as_exact_copies_without_reasks_warnings_or_tokens(
    server: NaturalModelServer,
) -> None:
    records = gold_records(FILES)
    exact = run(server, "exact", records)
    natural = run(server, "natural", records)
    exact_fields = exact.field_scores()
    for field, value in natural.field_scores().items():
        assert value >= 0.99 * exact_fields[field], field
    assert natural.failed == 0
    assert natural.reasked <= 0.05 * natural.n
    assert natural.warned <= 0.05 * natural.n
    assert natural.tokens <= 1.15 * exact.tokens
