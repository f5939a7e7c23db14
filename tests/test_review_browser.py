"""The review page in a real browser: headless Chromium from the system (Debian's package).

These tests load a page built from the seeds, check the highlights of a known record,
use the filters, search and keyboard, correct records, reload, export the gold file and
score it with ``pactparse eval``. Under CI (``CI`` set) a missing browser is a failure,
never a skip: ``.ci/run`` installs it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pactparse
from pactparse import cli
from pactparse.evaluation.gold import load_gold
from pactparse.review import page as review_page
from support.browser import chromium_or_reason, open_browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _gold_lines(name: str) -> list[dict[str, Any]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


FOOTBALL = _gold_lines("nopact1.jsonl")[0]["text"]


def _error_row(id: str, type: str, message: str, text: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": id,
        "ok": False,
        "pact": None,
        "error": {"type": type, "message": message},
    }
    if text is not None:
        row["text"] = text
    return row


@pytest.fixture(scope="module")
def rows_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rows of the seeds (seed-05 flagged for review), three no-pact rows and an error row.

    The no-pact rows are written here, not extracted, so that the tests do not hang on
    what the offline backend decides about a text."""
    items = [{"id": g["id"], "text": g["text"]} for g in _gold_lines("seeds.jsonl")]
    rows = [json.loads(row.to_json()) for row in pactparse.extract_many(items, include_text=True)]
    for row in rows:
        # only seed-05 is flagged, whatever the offline backend doubts today
        if row["pact"] is not None:
            row["pact"]["review"] = []
        if row["id"] == "seed-05":
            row["pact"]["review"] = [{"field": "status", "why": "status read from a hedged verb"}]
    rows += [
        _error_row(
            "np-football", "NoPactFound", "a football club's pact is no security pact", FOOTBALL
        ),
        _error_row("np-weather", "NoPactFound", "no pact here", "The weather was fine on Tuesday."),
        _error_row(
            "np-french",
            "UnsupportedLanguage",
            "the text is in French; use an LLM backend",
            "Le Mali et le Niger ont signé un pacte de défense.",
        ),
        _error_row("line-18", "InputError", "line 18 is empty", None),
    ]
    path = tmp_path_factory.mktemp("review") / "rows.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page_file(rows_file: Path) -> Path:
    page = rows_file.with_name("review.html")
    assert cli.main(["review", str(rows_file), "-o", str(page)]) == 0
    return page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = chromium_or_reason()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI, but {reason}", pytrace=False)
        pytest.skip(reason)
    with open_browser(viewport={"width": 1280, "height": 900}) as context:
        yield context


@pytest.fixture
def page(browser: Any, page_file: Path) -> Iterator[Any]:
    """The page, opened with no decisions stored from an earlier test."""
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(page_file.as_uri())
    tab.evaluate("localStorage.clear()")
    tab.reload()
    tab.wait_for_selector("html[data-ready]")
    yield tab
    tab.close()
    assert errors == []


def show(page: Any, record_id: str) -> None:
    """Select a record through the search box."""
    page.fill("#q", record_id)
    page.wait_for_function(
        "id => document.querySelector('#detail h2')?.textContent === id", arg=record_id
    )


def marked(page: Any, field: str) -> list[str]:
    """The highlighted pieces of text over which a span of ``field`` lies."""
    return page.eval_on_selector_all(
        f"#text mark[data-fields~={field}]", "marks => marks.map(m => m.textContent)"
    )


def count(page: Any) -> int:
    return int(page.inner_text("#count").split(" of ")[0].replace(",", ""))


def test_a_known_record_has_every_span_highlighted_by_field(page: Any, rows_file: Path) -> None:
    show(page, "seed-08")
    assert marked(page, "party") == ["Australia", "Tuvalu"]
    assert marked(page, "adversary") == ["China"]
    assert "".join(marked(page, "rationale")).startswith("aimed at countering China")
    row = next(r for r in map(json.loads, rows_file.open()) if r["id"] == "seed-08")
    text = row["text"]
    for provision in row["pact"]["provisions"]:
        start, end = provision["span"]
        pieces = page.eval_on_selector_all(
            f"#text mark[data-categories~={provision['category']}]",
            "marks => marks.map(m => m.textContent)",
        )
        assert text[start:end] in "".join(pieces) or text[start:end] == "".join(pieces)
    # a highlight reached by keyboard shows its normalised value
    page.focus("#text mark[data-fields~=adversary]")
    tip = page.inner_text("#tip")
    assert page.is_visible("#tip") and "China" in tip and "CHN" in tip and "state" in tip
    page.focus("#text mark[data-categories~=migration_mobility] >> nth=-1")
    assert "280" in page.inner_text("#text mark.on") or "migration" in page.inner_text("#tip")


def test_review_reasons_come_first_and_errors_show_their_message(page: Any) -> None:
    show(page, "seed-05")
    order = page.evaluate(
        "() => [...document.querySelectorAll('#detail > *')].map(e => e.className || e.id)"
    )
    assert order.index("flags") < order.index("text")
    assert "status: status read from a hedged verb" in page.inner_text(".flags")
    show(page, "np-football")
    box = page.text_content(".errorbox")
    assert "NoPactFound" in box and "no security pact" in box
    assert page.inner_text("#text") == FOOTBALL
    show(page, "line-18")
    assert "InputError" in page.text_content(".errorbox")


def test_filters_and_search_narrow_the_list(page: Any, rows_file: Path) -> None:
    rows = [json.loads(line) for line in rows_file.open()]
    assert count(page) == len(rows)
    page.select_option("#f-review", "flagged")
    assert count(page) == 1 and page.inner_text("#detail h2") == "seed-05"
    page.select_option("#f-review", "")
    page.select_option("#f-kind", "nopact")
    assert count(page) == 3
    page.select_option("#f-kind", "")
    page.select_option("#f-errtype", "InputError")
    assert count(page) == 1
    page.select_option("#f-errtype", "")
    expected = sum(
        1
        for r in rows
        if r["pact"] and any(p["category"] == "military_aid" for p in r["pact"]["provisions"])
    )
    page.select_option("#f-category", "military_aid")
    assert count(page) == expected > 0
    page.select_option("#f-category", "")
    page.select_option("#f-status", "planned")
    assert count(page) == sum(1 for r in rows if r["pact"] and r["pact"]["status"] == "planned")
    page.select_option("#f-status", "")
    page.fill("#q", "tuvalu")
    page.wait_for_function("document.querySelector('#count').textContent.startsWith('1 of')")


def test_keyboard_moves_between_records(page: Any) -> None:
    assert page.inner_text("#detail h2") == "seed-01"
    page.focus("#list")
    page.keyboard.press("j")
    page.keyboard.press("ArrowDown")
    assert page.inner_text("#detail h2") == "seed-03"
    page.keyboard.press("k")
    assert page.inner_text("#detail h2") == "seed-02"
    page.keyboard.press("n")  # the next record that needs review
    assert page.inner_text("#detail h2") == "seed-05"
    page.keyboard.press("a")
    assert page.inner_text("#state") == "accepted"
    page.keyboard.press("n")
    assert "No record in this list needs review" in page.inner_text("#msg")


def test_corrections_survive_a_reload_and_export_as_gold_for_eval(
    page: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    show(page, "seed-01")
    page.click("#accept")
    show(page, "seed-08")
    page.click("#edit")
    page.select_option("#c-status", "planned")  # a deliberate change, to see it scored
    page.fill("#c-adversaries", "china, Islamist insurgents")  # a name becomes its code
    assert page.inner_text("#c-adversaries-seen") == (
        "→ CHN (China), islamist insurgents (no code)"
    )
    page.uncheck("input[name=c-prov][value=climate_resilience]")
    page.click("#c-save")
    assert page.inner_text("#state") == "corrected"
    show(page, "np-football")
    page.click("#nopact")

    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert page.inner_text("#progress").startswith("3 of")
    page.select_option("#f-decided", "done")
    assert count(page) == 3

    with page.expect_download() as download:
        page.click("#export")
    gold_path = tmp_path / "gold.jsonl"
    download.value.save_as(gold_path)
    lines = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["seed-01", "seed-08", "np-football"]
    seeds = {g["id"]: g for g in _gold_lines("seeds.jsonl")}
    assert lines[0]["text"] == seeds["seed-01"]["text"]
    corrected = lines[1]["gold"]
    assert corrected["status"] == "planned"
    assert corrected["adversaries"] == ["CHN", "islamist insurgents"]
    assert "climate_resilience" not in corrected["provisions"]
    assert corrected["parties"] == ["AUS", "TUV"]
    assert lines[2]["gold"] is None and lines[2]["text"] == FOOTBALL

    # the exported file is a gold file that `pactparse eval` reads and scores as it is:
    # the pact lines field by field, the confirmed no-pact line in the no-pact rate
    assert [record.id for record in load_gold(gold_path)] == ["seed-01", "seed-08", "np-football"]
    assert cli.main(["eval", str(gold_path), "--json", "--no-cache"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["n"] == 2
    assert scores["no_pact"]["total"] == 1
    assert scores["status"] == 0.5  # seed-08 was corrected to "planned"; rules say "signed"
    assert scores["parties"]["f1"] == 1.0
    # gold adversaries: seed-01's CHN (accepted), seed-08's CHN and the added insurgents
    assert scores["adversaries"]["r"] == pytest.approx(2 / 3, abs=1e-3)


def test_records_after_the_first_screen_are_read_and_keep_their_decisions(
    browser: Any, rows_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_page, "FIRST_SCREEN", 3)  # seed-08 comes after the script
    page_path = tmp_path / "split.html"
    assert cli.main(["review", str(rows_file), "-o", str(page_path)]) == 0
    total = len(rows_file.read_text(encoding="utf-8").splitlines())
    tab = browser.new_page()
    tab.goto(page_path.as_uri())
    tab.evaluate("localStorage.clear()")
    tab.reload()
    tab.wait_for_selector("html[data-ready]")
    assert count(tab) == total
    show(tab, "seed-08")
    tab.click("#accept")
    tab.reload()
    tab.wait_for_selector("html[data-ready]")
    assert tab.inner_text("#progress").startswith("1 of")
    show(tab, "seed-08")
    assert tab.inner_text("#state") == "accepted"
    assert [json.loads(line)["id"] for line in tab.evaluate("pactparseReview.goldLines()")] == [
        "seed-08"
    ]
    tab.close()
