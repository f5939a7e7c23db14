"""Rows that carry their text, reading an output file back, and the review page's HTML."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest

import pactparse
from pactparse import InputError, cli
from pactparse.results import read_results
from pactparse.review import build_page, page_records

PACT = "Mali and Niger have signed a defence pact to counter jihadist insurgents."
NOT_A_PACT = "The weather was fine on Tuesday."


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACTPARSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PACTPARSE_BACKEND", raising=False)


def rows_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def page_data(html: str) -> dict[str, Any]:
    """The records embedded in a page: the first screen's and the rest."""
    head = re.search(r'<script id="pp-data" type="application/json">(.*?)</script>', html, re.S)
    rest = re.search(r'<script id="pp-rest" type="application/json">(.*?)</script>', html, re.S)
    assert head is not None and rest is not None
    data: dict[str, Any] = json.loads(head.group(1))
    data["records"] += json.loads(rest.group(1))
    return data


# --------------------------------------------------------------------------- include_text


def test_extract_many_keeps_the_text_only_when_asked() -> None:
    rows = list(pactparse.extract_many([PACT, NOT_A_PACT, "   "], include_text=True))
    assert [row.text for row in rows] == [PACT, NOT_A_PACT, None]  # a blank line has no text
    assert rows[1].error_type == "NoPactFound"
    assert json.loads(rows[0].to_json())["text"] == PACT
    assert json.loads(rows[1].to_json())["text"] == NOT_A_PACT
    assert "text" not in json.loads(rows[2].to_json())
    plain = list(pactparse.extract_many([PACT]))
    assert plain[0].text is None
    assert "text" not in json.loads(plain[0].to_json())


def test_aextract_many_keeps_the_text_too() -> None:
    async def collect() -> list[pactparse.batch.rows.Row]:
        return [row async for row in pactparse.aextract_many([PACT], include_text=True)]

    rows = asyncio.run(collect())
    assert rows[0].text == PACT and rows[0].ok


def test_cli_include_text_on_every_row_it_can(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text(f"{PACT}\n{NOT_A_PACT}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(source), "-o", str(out), "--include-text", "-q"]) == 0
    rows = rows_of(out)
    assert [row["text"] for row in rows] == [PACT, NOT_A_PACT]
    assert list(rows[0])[-1] == "text"  # the row format stays: text comes last
    assert rows[1]["error"]["type"] == "NoPactFound"
    again = tmp_path / "plain.jsonl"
    assert cli.main(["extract", str(source), "-o", str(again), "-q"]) == 0
    assert all("text" not in row for row in rows_of(again))


# --------------------------------------------------------------------------- reading rows back


@pytest.fixture
def extracted(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": PACT, "reference_date": "2024-03-01"})
        + "\n"
        + json.dumps({"id": "b", "text": NOT_A_PACT})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(source), "-o", str(out), "-q"]) == 0
    return out, source


def test_texts_are_joined_from_the_input_line_by_line(extracted: tuple[Path, Path]) -> None:
    out, source = extracted
    results = read_results(out, source)
    assert [(r.id, r.line, r.text) for r in results] == [("a", 1, PACT), ("b", 2, NOT_A_PACT)]
    assert results[0].reference_date == "2024-03-01"
    assert results[1].error is not None and results[1].error["type"] == "NoPactFound"
    assert [r.text for r in read_results(out)] == [None, None]  # no input, no text


def test_an_input_the_output_was_not_written_from_is_refused(
    extracted: tuple[Path, Path], tmp_path: Path
) -> None:
    out, _ = extracted
    other_ids = tmp_path / "other.jsonl"
    other_ids.write_text(
        json.dumps({"id": "x", "text": PACT}) + "\n" + json.dumps({"id": "b", "text": "y"}) + "\n"
    )
    with pytest.raises(InputError, match=r"has id 'a' but line 1 .* has id 'x'"):
        read_results(out, other_ids)
    edited = tmp_path / "edited.jsonl"
    edited.write_text(
        json.dumps({"id": "a", "text": PACT + " Later."})
        + "\n"
        + json.dumps({"id": "b", "text": NOT_A_PACT})
        + "\n"
    )
    with pytest.raises(InputError, match="extracted from another text"):
        read_results(out, edited)
    short = tmp_path / "short.jsonl"
    short.write_text(json.dumps({"id": "a", "text": PACT}) + "\n")
    with pytest.raises(InputError, match="answers input line 2"):
        read_results(out, short)


def test_an_unordered_output_is_joined_by_its_line_numbers(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text(f"{NOT_A_PACT}\n{PACT}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    rows = [
        {
            "line": 2,
            "id": "line-2",
            "ok": False,
            "pact": None,
            "error": {"type": "X", "message": "m"},
        },
        {
            "line": 1,
            "id": "line-1",
            "ok": False,
            "pact": None,
            "error": {"type": "X", "message": "m"},
        },
    ]
    out.write_text("".join(json.dumps(row) + "\n" for row in rows))
    assert [r.text for r in read_results(out, source)] == [PACT, NOT_A_PACT]


def test_a_file_that_is_not_rows_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "ok": true, "pact": null, "error": null}\nnot json\n')
    with pytest.raises(InputError, match=r"bad.jsonl:2 is not a JSON row"):
        read_results(bad)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "t", "gold": None}) + "\n")
    with pytest.raises(InputError, match=r'not a pactparse row .*"id" and "ok"'):
        read_results(gold)
    with pytest.raises(InputError, match="does not exist"):
        read_results(tmp_path / "missing.jsonl")


# --------------------------------------------------------------------------- the page


def test_the_page_is_one_file_with_nothing_to_fetch(extracted: tuple[Path, Path]) -> None:
    out, source = extracted
    html = build_page(read_results(out, source))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    records = page_data(html)["records"]
    assert [r[0] for r in records] == ["a", "b"]
    assert records[0][2] == PACT and records[1][5][0] == "NoPactFound"


def test_exact_values_are_read_from_the_text_and_others_are_kept(
    extracted: tuple[Path, Path],
) -> None:
    out, source = extracted
    results = read_results(out, source)
    compact = page_records(results)[0][4]
    mali = compact["a"][0]
    assert mali[:3] == ["Mali", "MLI", "state"]
    assert mali[3] is None and PACT[mali[4] : mali[5]] == "Mali" and mali[6] == "e"
    # without the text, the words themselves are kept
    no_text = page_records(read_results(out))[0][4]
    assert no_text["a"][0][3] == "Mali"


def test_text_that_looks_like_markup_cannot_break_out_of_the_page(tmp_path: Path) -> None:
    evil = "Mali and Niger signed a pact </script><script>alert(1)</script> <!-- x"
    rows = list(pactparse.extract_many([evil], include_text=True))
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(row.to_json() for row in rows))
    html = build_page(read_results(out), title="<b>title</b>")
    assert "alert(1)</script>" not in html and "<!-- x" not in html
    assert "<b>title</b>" not in html and "&lt;b&gt;title&lt;/b&gt;" in html
    assert page_data(html)["records"][0][2] == evil  # and the text survives intact


def test_cli_review_writes_the_page(
    extracted: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, source = extracted
    page = tmp_path / "r.html"
    assert cli.main(["review", str(out), str(source), "-o", str(page)]) == 0
    assert "2 records" in capsys.readouterr().err
    assert page_data(page.read_text(encoding="utf-8"))["records"][0][2] == PACT


def test_cli_review_of_a_wrong_input_is_a_usage_error(
    extracted: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = extracted
    other = tmp_path / "other.txt"
    other.write_text("one\n")
    code = cli.main(["review", str(out), str(other), "-o", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert code == 2 and "give the input out.jsonl was written from" in err
    assert "Traceback" not in err and not (tmp_path / "r.html").exists()
