"""pactparse.ray on a local Ray (two CPUs): the same rows as ``pactparse extract``."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import ray

from pactparse.cli import main
from pactparse.ray import PactExtractor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def local_ray() -> Iterator[None]:
    """One local Ray for the session (starting one takes seconds)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()


def example() -> Any:
    spec = importlib.util.spec_from_file_location(
        "ray_extract", ROOT / "examples" / "ray_extract.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_lines() -> list[dict[str, Any]]:
    with (ROOT / "fixtures" / "seeds.jsonl").open() as f:
        seeds = [json.loads(line) for line in f if line.strip()]
    lines = [
        {"id": s["id"], "text": s["text"], "reference_date": s.get("reference_date")} for s in seeds
    ]
    lines.append({"id": "no-pact", "text": "The weather in Paris was mild on Sunday afternoon."})
    lines.append({"id": "empty", "text": ""})
    return lines


def comparable(row: dict[str, Any]) -> dict[str, Any]:
    """A row without its time taken; an input error's "line N" is the line in the file for
    the CLI, the position in its batch for Ray (documented), so N is left out."""
    row = {key: row[key] for key in ("id", "ok", "pact", "error")}
    if row["pact"] is not None:
        row["pact"]["provenance"].pop("latency_ms")
    if row["error"] is not None:
        row["error"]["message"] = re.sub(r"\bline \d+", "line N", row["error"]["message"])
    return row


def decoded(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``PactExtractor`` (``pact`` and ``error`` as JSON text) as the CLI's."""
    loads = {k: json.loads(row[k]) if isinstance(row[k], str) else None for k in ("pact", "error")}
    return comparable({**row, **loads})


def cli_rows(tmp_path: Path, lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    src = tmp_path / "all.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "cli.jsonl"
    main(["extract", str(src), "-o", str(out), "--backend", "rules", "-q"])
    rows = [comparable(json.loads(line)) for line in out.read_text().splitlines()]
    return {row["id"]: row for row in rows}


def test_the_example_writes_the_cli_rows_as_json_lines_and_parquet(
    tmp_path: Path, local_ray: None
) -> None:
    lines = seed_lines()
    folder = tmp_path / "in"
    folder.mkdir()
    half = len(lines) // 2
    for name, part in (("a.jsonl", lines[:half]), ("b.jsonl", lines[half:])):
        (folder / name).write_text("".join(json.dumps(line) + "\n" for line in part))
    expected = cli_rows(tmp_path, lines)

    script = example()
    rows = script.extract(str(folder), workers=2, cpus_per_worker=0.5, batch_size=5).materialize()
    script.write(rows, str(tmp_path / "json"))
    written = [
        comparable(json.loads(line))
        for path in sorted((tmp_path / "json").iterdir())
        for line in path.read_text().splitlines()
    ]
    assert len(written) == len(lines)
    assert {row["id"]: row for row in written} == expected

    script.write(rows, str(tmp_path / "pq"), "parquet")
    table = pq.read_table(tmp_path / "pq").to_pylist()
    assert {row["id"]: decoded(row) for row in table} == expected


def test_a_pandas_or_pyarrow_batch_keeps_its_format_and_columns(tmp_path: Path) -> None:
    lines = seed_lines()[:3]
    expected = cli_rows(tmp_path, lines)
    extractor = PactExtractor("rules")
    frame = pd.DataFrame(lines).assign(source="wire")
    done = extractor(frame)
    assert isinstance(done, pd.DataFrame) and list(done["source"]) == ["wire"] * 3
    table = extractor(pa.Table.from_pylist(lines))
    assert isinstance(table, pa.Table)
    for rows in (done.to_dict("records"), table.to_pylist()):
        assert {row["id"]: decoded(row) for row in rows} == expected


def test_a_batch_without_text_says_which_column_to_give() -> None:
    from pactparse.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="'text'"):
        PactExtractor("rules")(pd.DataFrame({"summary": ["Mali and Niger signed a pact."]}))
