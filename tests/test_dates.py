"""Date hints: normalisation rules, the scanner's spans, and recall on the gold texts."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from pactparse.normalize.dates import (
    DateMatch,
    find_date_hints,
    normalize_date_hint,
    normalize_in_context,
)
from pactparse.schema import DateType

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLD_FILES = ("seeds.jsonl", "dev.jsonl")

D, DUR, REL = DateType.DATE, DateType.DURATION, DateType.RELATIVE
REF = dt.date(2024, 3, 8)  # a Friday


def hints(text: str, ref: dt.date | None = None) -> list[tuple[str, DateType, str | None]]:
    found = find_date_hints(text, ref)
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type, m.value) for m in found]


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # calendar expressions
        ("in February", REF, (D, "2024-02")),
        ("in February", None, (D, "XXXX-02")),
        ("on April 4, 2023", None, (D, "2023-04-04")),
        ("on April 4, 2023", REF, (D, "2023-04-04")),
        ("4 April 2023", None, (D, "2023-04-04")),
        ("Sept. 25, 2023", None, (D, "2023-09-25")),
        ("2023-04-04", None, (D, "2023-04-04")),
        ("on July 11-12, 2023", None, (D, "2023-07-11/2023-07-12")),
        ("July 11-12", None, (D, "XXXX-07-11/XXXX-07-12")),
        ("in May 2022", None, (D, "2022-05")),
        ("In 2016", None, (D, "2016")),
        ("by 2027", None, (D, "2027")),
        ("through 2018", None, (D, "2018")),
        ("since 2014", None, (D, "2014")),
        ("mid-2025", None, (D, "2025")),
        ("the first quarter of 2025", None, (D, "2025-Q1")),
        ("in the second half of 2025", None, (D, "2025-H2")),
        ("in the spring of 2025", None, (D, "2025-SP")),
        ("the 1990s", None, (D, "199")),
        # modifiers narrowing a period are dropped
        ("in late February", REF, (D, "2024-02")),
        ("in late February", None, (D, "XXXX-02")),
        ("early March 2023", None, (D, "2023-03")),
        ("by the end of 2030", None, (D, "2030")),
        # ranges are ISO 8601 intervals
        ("fiscal years 2019 through 2028", None, (D, "2019/2028")),
        ("from 2019 to 2028", None, (D, "2019/2028")),
        ("between 2019 and 2021", None, (D, "2019/2021")),
        # durations
        ("over 60 years", None, (DUR, "P60Y")),
        ("in over 60 years", None, (DUR, "P60Y")),
        ("nearly two years", None, (DUR, "P2Y")),
        ("for ten years", None, (DUR, "P10Y")),
        ("ten-year", None, (DUR, "P10Y")),
        ("five-year", None, (DUR, "P5Y")),
        ("over five years", None, (DUR, "P5Y")),
        ("for 20 years", None, (DUR, "P20Y")),
        ("30 days", None, (DUR, "P30D")),
        ("two weeks", None, (DUR, "P2W")),
        ("six months", None, (DUR, "P6M")),
        ("within a year", None, (DUR, "P1Y")),
        ("48 hours", None, (DUR, "PT48H")),
        ("two decades", None, (DUR, "P20Y")),
        ("twenty-five years", None, (DUR, "P25Y")),
        ("1.5 years", None, (DUR, "P1.5Y")),
        # deictic: computed from the reference date only
        ("last month", REF, (REL, "2024-02")),
        ("last month", dt.date(2024, 1, 15), (REL, "2023-12")),
        ("last month", None, (REL, None)),
        ("earlier this month", REF, (REL, "2024-03")),
        ("this year", REF, (REL, "2024")),
        ("next year", REF, (REL, "2025")),
        ("last year", REF, (REL, "2023")),
        ("later this year", REF, (REL, "2024")),
        ("the second half of next year", REF, (REL, "2025-H2")),
        ("as early as the second half of next year", REF, (REL, "2025-H2")),
        ("the second half of next year", None, (REL, None)),
        ("by the end of the year", REF, (REL, "2024")),
        ("by the end of the year", None, (REL, None)),
        ("next week", REF, (REL, "2024-W11")),
        ("next week", None, (REL, None)),
        ("last week", dt.date(2024, 1, 3), (REL, "2023-W52")),
        ("this quarter", REF, (REL, "2024-Q1")),
        ("today", REF, (REL, "2024-03-08")),
        ("two years ago", REF, (REL, "2022")),
        ("this summer", REF, (REL, "2024-SU")),
        ("in the coming weeks", REF, (REL, None)),
        # anchored to an event: relative, no value
        ("ahead of the war's second anniversary", REF, (REL, None)),
        ("a week after Israel's strike on Hamas leaders in Qatar", REF, (REL, None)),
        ("days before Donald Trump's inauguration", REF, (REL, None)),
        (
            "two weeks after Azerbaijan's lightning offensive retook Nagorno-Karabakh",
            None,
            (REL, None),
        ),
        ("30 days after both countries complete their ratification procedures", None, (REL, None)),
        ("almost a year after Nauru cut ties with Taiwan", None, (REL, None)),
        ("since World War II", None, (REL, None)),
        ("Weeks later", None, (REL, None)),
        ("days later", None, (REL, None)),
        ("the second anniversary of Russia's full-scale invasion", REF, (REL, None)),
        ("the war's second anniversary", None, (REL, None)),
        ("shortly after the summit", None, (REL, None)),
        # nothing recognisable
        ("soon", REF, (REL, None)),
        ("", None, (REL, None)),
    ],
)
def test_normalize(text: str, ref: dt.date | None, expected: tuple[DateType, str | None]) -> None:
    assert normalize_date_hint(text, ref) == expected


def test_weekday_resolution_both_directions() -> None:
    wed = dt.date(2024, 6, 19)  # a Wednesday
    # past (default): the most recent such day on or before the reference date
    assert normalize_date_hint("on Thursday", wed) == (D, "2024-06-13")
    assert normalize_date_hint("on Wednesday", wed) == (D, "2024-06-19")
    assert normalize_date_hint("on Tuesday", wed) == (D, "2024-06-18")
    # future: the next one on or after it
    assert normalize_date_hint("on Thursday", wed, future=True) == (D, "2024-06-20")
    assert normalize_date_hint("on Wednesday", wed, future=True) == (D, "2024-06-19")
    assert normalize_date_hint("on Tuesday", wed, future=True) == (D, "2024-06-25")
    # last / next / this
    assert normalize_date_hint("last Wednesday", wed) == (D, "2024-06-12")
    assert normalize_date_hint("next Wednesday", wed) == (D, "2024-06-26")
    assert normalize_date_hint("this Friday", wed) == (D, "2024-06-21")
    # across a month and a year boundary
    assert normalize_date_hint("on Saturday", dt.date(2024, 1, 2)) == (D, "2023-12-30")


def test_weekday_without_reference_date_has_no_value() -> None:
    assert normalize_date_hint("on Thursday") == (D, None)
    assert normalize_date_hint("on Thursday", future=True) == (D, None)
    assert normalize_date_hint("next Thursday") == (D, None)


def test_month_without_year_is_resolved_in_the_direction_of_the_tense() -> None:
    jan = dt.date(2024, 1, 10)
    assert normalize_date_hint("in December", jan) == (D, "2023-12")
    assert normalize_date_hint("in December", jan, future=True) == (D, "2024-12")
    assert normalize_date_hint("in January", jan) == (D, "2024-01")
    assert normalize_date_hint("in February", dt.date(2024, 11, 2), future=True) == (
        D,
        "2025-02",
    )
    assert normalize_date_hint("on April 4", REF) == (D, "2023-04-04")
    assert normalize_date_hint("on April 4", REF, future=True) == (D, "2024-04-04")
    assert normalize_date_hint("on April 4") == (D, "XXXX-04-04")
    assert normalize_date_hint("last March", REF) == (REL, "2023-03")
    assert normalize_date_hint("next March", REF) == (REL, "2025-03")


def test_never_invents_a_day_or_a_year() -> None:
    assert normalize_date_hint("in May 2022")[1] == "2022-05"  # no day
    assert normalize_date_hint("in January")[1] == "XXXX-01"  # no year
    assert normalize_date_hint("by 2027")[1] == "2027"
    assert normalize_date_hint("over 60 years") == (DUR, "P60Y")  # not a date
    assert normalize_date_hint("February 30, 2024") == (D, None)  # no such day


def test_normalize_accepts_text_with_extra_words() -> None:
    assert normalize_date_hint("signed in December 2023 in Vilnius") == (D, "2023-12")


def test_normalize_relaxes_capitalisation() -> None:
    assert normalize_date_hint("on thursday", REF) == (D, "2024-03-07")
    assert normalize_date_hint("in february 2024") == (D, "2024-02")
    assert find_date_hints("signed on thursday in february", REF) == []


# --------------------------------------------------------------------------- find


def test_find_spans_include_the_preposition() -> None:
    text = (
        "Sweden became the 32nd member of NATO on Thursday, after an accession process "
        "that took nearly two years. Stockholm applied in May 2022, but the last "
        "ratification was completed in late February."
    )
    assert hints(text, REF) == [
        ("on Thursday", D, "2024-03-07"),
        ("nearly two years", DUR, "P2Y"),
        ("in May 2022", D, "2022-05"),
        ("in late February", D, "2024-02"),
    ]


def test_find_calendar_forms() -> None:
    text = (
        "In 2016, the two signed a memorandum covering fiscal years 2019 through 2028; "
        "the previous one ran through 2018. A brigade will be stationed there by 2027, "
        "the first such deployment since World War II. The deal was signed on "
        "September 25, 2023, and amended on Monday, March 4, 2024."
    )
    assert hints(text) == [
        ("In 2016", D, "2016"),
        ("fiscal years 2019 through 2028", D, "2019/2028"),
        ("through 2018", D, "2018"),
        ("by 2027", D, "2027"),
        ("since World War II", REL, None),
        ("on September 25, 2023", D, "2023-09-25"),
        ("on Monday, March 4, 2024", D, "2024-03-04"),
    ]


def test_find_durations() -> None:
    text = (
        "the most significant update to their pact in over 60 years; a five-year "
        "agreement and two ten-year deals; A$100 million over five years; ties for "
        "20 years; it will protect the waters for ten years."
    )
    assert hints(text) == [
        ("in over 60 years", DUR, "P60Y"),
        ("five-year", DUR, "P5Y"),
        ("ten-year", DUR, "P10Y"),
        ("over five years", DUR, "P5Y"),
        ("for 20 years", DUR, "P20Y"),
        ("for ten years", DUR, "P10Y"),
    ]


def test_find_deictic_expressions() -> None:
    ref = dt.date(2024, 2, 22)
    text = (
        "The deal, signed earlier this month, follows talks last month. More aid will "
        "come this year, a review next year and deployments as early as the second half "
        "of next year; data sharing starts by the end of the year and talks resume next "
        "week, with a deal in the coming weeks."
    )
    assert hints(text, ref) == [
        ("earlier this month", REL, "2024-02"),
        ("last month", REL, "2024-01"),
        ("this year", REL, "2024"),
        ("next year", REL, "2025"),
        ("as early as the second half of next year", REL, "2025-H2"),
        ("by the end of the year", REL, "2024"),
        ("next week", REL, "2024-W09"),
        ("in the coming weeks", REL, None),
    ]
    assert [v for _, _, v in hints(text)] == [None] * 8


def test_find_anchored_relatives_extend_to_the_clause_boundary() -> None:
    text = (
        "Zelenskyy aims to rally support ahead of the war's second anniversary, while "
        "others wait. It came a week after Israel's strike on Hamas leaders in Qatar. "
        "The signing came days before Donald Trump's inauguration, as Kyiv sought "
        "support. The pact will take effect 30 days after both countries complete their "
        "ratification procedures, officials said. It comes weeks after Ethiopia signed a "
        "memorandum with the breakaway region of Somaliland to gain access to the sea. "
        "The announcement came days before a senior U.S. delegation was due in Honiara "
        "to raise concerns. Talks came two weeks after Azerbaijan's lightning offensive "
        "retook Nagorno-Karabakh and triggered an exodus. They signed in December 2024, "
        "almost a year after Nauru cut ties with Taiwan and switched recognition."
    )
    assert [t for t, _, _ in hints(text)] == [
        "ahead of the war's second anniversary",
        "a week after Israel's strike on Hamas leaders in Qatar",
        "days before Donald Trump's inauguration",
        "30 days after both countries complete their ratification procedures",
        "weeks after Ethiopia signed a memorandum with the breakaway region of Somaliland",
        "days before a senior U.S. delegation was due in Honiara",
        "two weeks after Azerbaijan's lightning offensive retook Nagorno-Karabakh",
        "in December 2024",
        "almost a year after Nauru cut ties with Taiwan",
    ]
    assert all(ty is REL and v is None for t, ty, v in hints(text) if "December" not in t)


def test_find_anniversary_and_later() -> None:
    text = (
        "They signed in Kyiv on Saturday, the second anniversary of Russia's full-scale "
        "invasion. Weeks later, planes landed. The EU signed a similar deal days later."
    )
    assert hints(text, dt.date(2024, 2, 25)) == [
        ("on Saturday", D, "2024-02-24"),
        ("the second anniversary of Russia's full-scale invasion", REL, None),
        ("Weeks later", REL, None),
        ("days later", REL, None),
    ]


def test_find_anchor_is_capped() -> None:
    text = "It came days after " + " ".join(["word"] * 30)
    (found,) = find_date_hints(text)
    assert found.text == "days after " + " ".join(["word"] * 12)


def test_find_reads_the_tense_for_weekdays_and_months() -> None:
    thursday = dt.date(2025, 5, 8)
    text = "Macron and Tusk are set to sign the Treaty of Nancy on Friday."
    assert hints(text, thursday) == [("on Friday", D, "2025-05-09")]
    text = "Macron and Tusk signed the Treaty of Nancy on Friday."
    assert hints(text, thursday) == [("on Friday", D, "2025-05-02")]
    text = "Macron said on Tuesday that he plans to visit the country in February."
    assert hints(text, thursday) == [("on Tuesday", D, "2025-05-06"), ("in February", D, "2026-02")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The pact, which will take effect in 30 days, was signed on Wednesday.", "2025-05-07"),
        ("The leaders will meet in Paris on Thursday.", "2025-05-08"),
        ("The leaders will meet in Paris, and sign the pact on Friday.", "2025-05-09"),
        ("Relations are strained due to the coups, and talks began on Friday.", "2025-05-02"),
        ("The deal is expected to be signed on Monday.", "2025-05-12"),
    ],
)
def test_find_tense_cues(text: str, value: str) -> None:
    thursday = dt.date(2025, 5, 8)
    assert find_date_hints(text, thursday)[-1].value == value


def test_find_without_reference_date() -> None:
    text = "Finland joined NATO on Thursday. The pact was signed last month, in February."
    assert hints(text) == [
        ("on Thursday", D, None),
        ("last month", REL, None),
        ("in February", D, "XXXX-02"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Australia will allow 280 people per year to migrate from Tuvalu.",
        "Britain will provide at least £3 billion a year in military aid.",
        "It offers 1,000 visas a year to Pacific islanders.",
        "The talks were led by a 75-year-old leader.",
        "He is 75 years old.",
        "Finland formally became NATO's 31st member.",
        'They signed a "100-Year Partnership" in Kyiv.',
        "The Good Friday Agreement ended the conflict.",
        "Relations have soured since the coups in the region.",
        "The EU may need to double its aid, the minister said.",
        "It raises defense spending by 30% and adds 4,800 troops.",
        "A report was released in 2,027 copies.",
        "The alliance holds drills twice a year.",
        "a next-generation fighter jet",
    ],
)
def test_find_does_not_return_rates_ages_ordinals_or_names(text: str) -> None:
    assert find_date_hints(text, REF) == []


def test_possessive_deictic_is_not_a_hint() -> None:
    text = "Shusha was recaptured during last year's war, and the deal was signed last year."
    assert hints(text, REF) == [("last year", REL, "2023")]


def test_find_returns_dataclasses_left_to_right_without_overlap() -> None:
    text = "In 2014 and again on April 3, 2023 (nearly nine years later), and in February."
    found = find_date_hints(text)
    assert all(isinstance(m, DateMatch) for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert [m.text for m in found] == [
        "In 2014",
        "on April 3, 2023",
        "nearly nine years later",
        "in February",
    ]


def test_find_handles_text_edges_and_other_whitespace() -> None:
    assert hints("Weeks later") == [("Weeks later", REL, None)]
    assert hints("signed in 2016") == [("in 2016", D, "2016")]
    assert hints("signed\nin May\u00a02022.") == [("in May\u00a02022", D, "2022-05")]
    assert find_date_hints("") == []
    assert find_date_hints("No dates here at all.") == []


# --------------------------------------------------------------------------- gold texts


def _gold_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name in GOLD_FILES:
        with (FIXTURES / name).open(encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def _ref(row: dict[str, object]) -> dt.date | None:
    value = row.get("reference_date")
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W_]+", re.sub(r"['’]s\b", "", text).casefold()))


def _overlaps(a: str, b: str) -> bool:
    """The spec's rule: shared tokens >= half the tokens of the shorter text."""
    ta, tb = _tokens(a), _tokens(b)
    shared = (ta & tb).total()
    return shared > 0 and 2 * shared >= min(ta.total(), tb.total())


def test_gold_recall_floor(capsys: pytest.CaptureFixture[str]) -> None:
    gold_total = gold_found = predicted = predicted_matching = 0
    missed: list[str] = []
    for row in _gold_rows():
        text = row["text"]
        assert isinstance(text, str)
        gold = row["gold"]
        assert isinstance(gold, dict)
        golds: list[str] = gold["date_hints"]
        found = [m.text for m in find_date_hints(text, _ref(row))]
        gold_total += len(golds)
        predicted += len(found)
        for g in golds:
            if any(_overlaps(g, p) for p in found):
                gold_found += 1
            else:
                missed.append(f"{row['id']}: {g}")
        predicted_matching += sum(any(_overlaps(g, p) for g in golds) for p in found)
    recall = gold_found / gold_total
    precision = predicted_matching / predicted
    with capsys.disabled():
        print(
            f"\ndate hints on gold texts: recall {recall:.3f} ({gold_found}/{gold_total}), "
            f"precision {precision:.3f} ({predicted_matching}/{predicted})"
        )
    assert recall >= 0.90, missed


def test_gold_values_come_from_normalize_date_hint_in_the_clause_tense() -> None:
    """The scanner's value is the one :func:`normalize_in_context` gives the same text at
    the same place: the tense is read from the clause, not guessed either way."""
    checked = 0
    for row in _gold_rows():
        text, ref = row["text"], _ref(row)
        assert isinstance(text, str)
        for m in find_date_hints(text, ref):
            assert (m.type, m.value) == normalize_in_context(m.text, text, m.start, ref), m
            checked += 1
    assert checked > 50


def test_speed_on_a_700_character_summary() -> None:
    rows = _gold_rows()
    text = " ".join(str(r["text"]) for r in rows[15:17])[:700]
    ref = dt.date(2024, 3, 8)
    find_date_hints(text, ref)
    runs = 200
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(runs):
            find_date_hints(text, ref)
        best = min(best, (time.process_time() - start) / runs)
    # typically well under 100 µs; the bound is loose for slow, shared CI machines
    assert best < 1e-3


def _reference_scan(text: str) -> list[str]:
    """The scanner without its trigger/candidate shortcut: a plain regex search."""
    from pactparse.normalize import dates

    low = dates._OTHER_SPACE_RE.sub(" ", dates._lower(text))
    out: list[str] = []
    pos = 0
    while (m := dates._HINT_RE.search(low, pos)) is not None:
        branch, (start, end) = dates._branch_of(m), m.span()
        if not branch.check(text, start, end):
            pos = start + 1
            continue
        if branch.anchored:
            anchor_end = dates._anchor_end(text, end)
            if anchor_end == end:
                pos = start + 1
                continue
            end = anchor_end
        else:
            end = start + len(low[start:end].rstrip())
        out.append(text[start:end])
        pos = end
    return out


EXTRA_TEXTS = [
    "The two have been allies for decades and in recent years grew closer.",
    "It is the first time in 30 years; for the first time since 1945.",
    "a 10-year deal on the 75th anniversary of NATO, two years after Russia's invasion began",
    "within 30 days, by March, troops will march. Theresa May said so.",
    "over the next decade and the past year, at the end of last year, late last year",
    "the pact, valid for an initial period of 10 years; eight hours of talks; 30-day notice",
    "signed on 12 June; March 2022 plan; Monday's meeting; in 10 days' time",
    "the Sept. 11 attacks; COVID-19; Resolution 2231; F-35 jets; the 2024-2028 plan",
    "relations soured since the 2014 annexation of Crimea and since the end of the Cold War",
    "(2019-2028) budget; mid-2025; early 2026; the 1990s; in the spring of 2025",
    "The ministers met shortly after the summit in Vilnius and again days later.",
    "It will be signed tomorrow, not today, and ratified in the coming months.",
]


def test_scanner_shortcut_finds_what_a_full_search_finds() -> None:
    texts = [str(r["text"]) for r in _gold_rows()] + EXTRA_TEXTS
    for text in texts:
        assert [m.text for m in find_date_hints(text)] == _reference_scan(text), text


def test_parts_of_a_day_are_relative_to_the_reference_day() -> None:
    text = (
        "The ministers met this morning, signed the pact this afternoon and dined last night; "
        "the envoy left yesterday afternoon. A dark night fell."
    )
    assert hints(text, REF) == [
        ("this morning", REL, "2024-03-08"),
        ("this afternoon", REL, "2024-03-08"),
        ("last night", REL, "2024-03-07"),
        ("yesterday afternoon", REL, "2024-03-07"),
    ]
