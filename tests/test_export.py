"""Rows as tables: CSV, Parquet and pandas data frames."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pandas
import pyarrow.parquet
import pytest

import pactparse
from pactparse import ConfigurationError, cli
from pactparse.export import COLUMNS, build_tables, export_tables

TUVALU = (
    "Australia and Tuvalu have signed a security pact aimed at countering China's influence, "
    "with Australia providing A$110 million in aid."
)
NOT_A_PACT = "The weather was fine on Tuesday."


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACTPARSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PACTPARSE_BACKEND", raising=False)


@pytest.fixture
def rows_file(tmp_path: Path) -> Path:
    rows = list(pactparse.extract_many([TUVALU, NOT_A_PACT], include_text=True))
    path = tmp_path / "pacts.jsonl"
    path.write_bytes(b"".join(row.to_json() for row in rows))
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def the_pact(path: Path) -> dict[str, Any]:
    pact: dict[str, Any] = json.loads(path.read_text().splitlines()[0])["pact"]
    return pact


def test_csv_tables_hold_one_row_per_row_and_long_actor_and_provision_tables(
    rows_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tables"
    assert cli.main(["export", str(rows_file), "--format", "csv", "-o", str(out)]) == 0
    assert "pacts.pacts.csv" in capsys.readouterr().err
    pacts = read_csv(out / "pacts.pacts.csv")
    pact = the_pact(rows_file)
    assert list(pacts[0]) == list(COLUMNS["pacts"])
    first, second = pacts
    assert first["id"] == "line-1" and first["ok"] == "true" and first["text"] == TUVALU
    assert first["parties"] == ";".join(p["code"] for p in pact["parties"]) == "AUS;TUV"
    assert first["adversaries"] == "CHN"
    assert first["status"] == "signed" and first["event"] == "new_pact"
    assert first["provisions"] == ";".join(dict.fromkeys(p["category"] for p in pact["provisions"]))
    assert first["needs_review"] == ("true" if pact["review"] else "false")
    assert second["ok"] == "false" and second["error_type"] == "NoPactFound"
    assert second["status"] == "" and second["text"] == NOT_A_PACT

    actors = read_csv(out / "pacts.actors.csv")
    assert [(a["role"], a["code"], a["mention"]) for a in actors] == [
        ("party", "AUS", "Australia"),
        ("party", "TUV", "Tuvalu"),
        ("adversary", "CHN", "China"),
    ]
    assert TUVALU[int(actors[1]["start"]) : int(actors[1]["end"])] == "Tuvalu"
    provisions = read_csv(out / "pacts.provisions.csv")
    assert [p["category"] for p in provisions] == [p["category"] for p in pact["provisions"]]
    aid = [p for p in provisions if p["category"] == "military_aid"]
    assert aid and float(aid[0]["amount_value"]) == 110_000_000 and aid[0]["amount_unit"] == "AUD"


def test_parquet_tables_keep_their_types(rows_file: Path) -> None:
    paths = export_tables(rows_file, format="parquet")
    assert [p.name for p in paths] == [
        "pacts.pacts.parquet",
        "pacts.actors.parquet",
        "pacts.provisions.parquet",
    ]
    pacts = pyarrow.parquet.read_table(paths[0])
    assert pacts.schema.field("ok").type == pyarrow.bool_()
    assert pacts.schema.field("line").type == pyarrow.int64()
    assert pacts.column("parties").to_pylist() == ["AUS;TUV", None]
    provisions = pyarrow.parquet.read_table(paths[2])
    assert provisions.schema.field("amount_value").type == pyarrow.float64()
    assert provisions.num_rows == len(the_pact(rows_file)["provisions"])


def test_to_dataframe_takes_rows_pacts_dicts_or_a_path(rows_file: Path) -> None:
    rows = list(pactparse.extract_many([TUVALU, NOT_A_PACT]))
    frame = pactparse.to_dataframe(rows)
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == list(COLUMNS["pacts"])
    assert frame["parties"].tolist()[0] == "AUS;TUV"
    assert frame["ok"].tolist() == [True, False]
    assert str(frame["needs_review"].dtype) == "boolean"
    assert pandas.isna(frame["status"].iloc[1])
    from_path = pactparse.to_dataframe(rows_file)
    assert from_path["text"].tolist() == [TUVALU, NOT_A_PACT]
    assert from_path.drop(columns=["text"]).equals(frame.drop(columns=["text"]))
    dicts = [json.loads(line) for line in rows_file.read_text().splitlines()]
    assert pactparse.to_dataframe(dicts).equals(from_path)
    actors = pactparse.to_dataframe([pactparse.extract(TUVALU, id="t")], table="actors")
    assert actors["id"].tolist() == ["t", "t", "t"]
    assert actors["code"].tolist() == ["AUS", "TUV", "CHN"]


def test_bad_arguments_say_what_to_pass() -> None:
    with pytest.raises(ConfigurationError, match="table 'treaties' is not one of"):
        pactparse.to_dataframe([], table="treaties")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="row 1 is int"):
        build_tables([42])  # type: ignore[list-item]


def test_missing_extras_name_the_extra(monkeypatch: pytest.MonkeyPatch, rows_file: Path) -> None:
    import builtins

    real_import = builtins.__import__

    def no_tables(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in {"pandas", "pyarrow"}:
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tables)
    with pytest.raises(ConfigurationError, match=r"pip install 'pactparse\[tables\]'"):
        pactparse.to_dataframe(rows_file)
    with pytest.raises(ConfigurationError, match=r"Parquet needs pyarrow"):
        export_tables(rows_file, format="parquet")
    assert len(export_tables(rows_file, format="csv")) == 3  # CSV needs neither
