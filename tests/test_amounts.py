"""Amounts of money and counted quantities."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pactparse.normalize.amounts import AmountMatch, find_amounts, parse_amount
from pactparse.normalize.dates import find_date_hints
from pactparse.schema import Amount

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def amounts(text: str) -> list[tuple[str, float, str]]:
    found = find_amounts(text)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert isinstance(m, AmountMatch)
    return [(m.text, m.amount.value, m.amount.unit) for m in found]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3 billion euros", 3e9, "EUR"),
        ("EUR 3 billion", 3e9, "EUR"),
        ("$38 billion", 38e9, "USD"),
        ("US$2.5bn", 2.5e9, "USD"),
        ("€1.1 billion", 1.1e9, "EUR"),
        ("€3bn", 3e9, "EUR"),
        ("up to €3 billion", 3e9, "EUR"),
        ("more than C$3 billion", 3e9, "CAD"),
        ("CA$ 200 million", 2e8, "CAD"),
        ("A$500 million", 5e8, "AUD"),
        ("A$100 million", 1e8, "AUD"),
        ("AU$40 million", 4e7, "AUD"),
        ("NZ$10 million", 1e7, "NZD"),
        ("¥600 million", 6e8, "JPY"),
        ("3 trillion yen", 3e12, "JPY"),
        ("£250,000", 250_000, "GBP"),
        ("500 million Australian dollars", 5e8, "AUD"),
        ("20 million pounds sterling", 2e7, "GBP"),
        ("5 billion dollars", 5e9, "USD"),
        ("USD 4,500 million", 4.5e9, "USD"),
        # money per period
        ("£3 billion a year", 3e9, "GBP/year"),
        ("€500 million per year", 5e8, "EUR/year"),
        ("NZ$10 million annually", 1e7, "NZD/year"),
        ("$2 million a month", 2e6, "USD/month"),
        # quantities with a rate
        ("280 people per year", 280, "people/year"),
        ("1,000 visas a year", 1000, "visas/year"),
        ("2,000 new work visas a year", 2000, "visas/year"),
        # counted military quantities
        ("about 4,800 troops", 4800, "troops"),
        ("three French-built frigates", 3, "frigates"),
        ("Three French-built frigates", 3, "frigates"),
        ("four additional military sites", 4, "sites"),
        ("two Egyptian military planes", 2, "planes"),
        ("twelve submarines", 12, "submarines"),
        ("1.5 million artillery shells", 1.5e6, "shells"),
    ],
)
def test_parse_amount(text: str, value: float, unit: str) -> None:
    assert parse_amount(text) == Amount(value=value, unit=unit)


def test_value_is_exact() -> None:
    amount = parse_amount("€1.1 billion")
    assert amount is not None and amount.value == 1_100_000_000.0


@pytest.mark.parametrize(
    "text",
    [
        "in 2016",
        "In 2014 troops arrived",
        "on April 4, 2023",
        "30%",
        "30 percent of troops",
        "Finland became NATO's 31st member",
        "all 30 existing allies ratified",
        "three landlocked Sahel countries",
        "the talks lasted over five years",
        "a 75-year-old leader",
        "one of the submarines",
        "twice a year",
        "",
    ],
)
def test_not_amounts(text: str) -> None:
    assert parse_amount(text) is None


def test_find_amounts_spans_and_order() -> None:
    text = (
        "Zelenskyy signed pacts securing up to €3 billion in aid from France and €1.1 "
        "billion from Germany. Athens will buy three French-built frigates worth about "
        "€3 billion, and Britain gives at least £3 billion a year; 280 people per year "
        "may migrate and about 4,800 troops will be stationed by 2027."
    )
    assert amounts(text) == [
        ("€3 billion", 3e9, "EUR"),
        ("€1.1 billion", 1.1e9, "EUR"),
        ("three French-built frigates", 3, "frigates"),
        ("€3 billion", 3e9, "EUR"),
        ("£3 billion a year", 3e9, "GBP/year"),
        ("280 people per year", 280, "people/year"),
        ("4,800 troops", 4800, "troops"),
    ]


def test_a_rate_is_an_amount_and_not_a_date_hint() -> None:
    text = "Australia will allow 280 people per year to migrate from Tuvalu."
    assert amounts(text) == [("280 people per year", 280, "people/year")]
    assert find_date_hints(text) == []
    text = "Britain will keep providing at least £3 billion a year in military aid."
    assert amounts(text) == [("£3 billion a year", 3e9, "GBP/year")]
    assert find_date_hints(text) == []


def test_gold_texts() -> None:
    found: dict[str, list[tuple[str, float, str]]] = {}
    for name in ("seeds.jsonl", "dev.jsonl"):
        with (FIXTURES / name).open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                found[row["id"]] = amounts(row["text"])
    assert found["seed-03"] == [("€150 billion", 1.5e11, "EUR")]
    assert found["seed-08"] == [("280 people per year", 280, "people/year")]
    assert found["dev-05"] == [("¥600 million", 6e8, "JPY")]
    assert found["dev-07"] == [("£3 billion a year", 3e9, "GBP/year")]
    assert found["dev-10"] == [("A$100 million", 1e8, "AUD")]
    assert found["dev-20"] == [("4,800 troops", 4800, "troops")]
    assert found["dev-25"] == [
        ("$38 billion", 3.8e10, "USD"),
        ("$33 billion", 3.3e10, "USD"),
        ("$5 billion", 5e9, "USD"),
    ]
    assert found["dev-26"] == [("C$3 billion", 3e9, "CAD")]
    assert found["dev-31"] == [("A$500 million", 5e8, "AUD")]
    # no year, date, ordinal or percentage anywhere is an amount
    for items in found.values():
        for text, _, unit in items:
            assert not text.isdigit(), text
            assert "%" not in text and unit


def test_speed() -> None:
    with (FIXTURES / "dev.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    start = time.process_time()
    for _ in range(20):
        for text in texts:
            find_amounts(text)
    per_text = (time.process_time() - start) / (20 * len(texts))
    assert per_text < 1e-3  # typically ~25 µs
