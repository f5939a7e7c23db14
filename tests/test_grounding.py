from __future__ import annotations

import pytest

from pactparse.grounding import (
    FUZZY_THRESHOLD,
    MAX_FUZZY_TEXT_CHARS,
    NORMALISED_SCORE,
    Alignment,
    ground,
)
from pactparse.schema import Grounding

TEXT = (
    "Australia and Papua New Guinea are set to sign a new security pact to counter "
    "China’s growing influence, and Australia will offer citizenship to Papua New Guineans."
)


def _at(text: str, alignment: Alignment) -> str:
    assert alignment.span is not None
    start, end = alignment.span
    return text[start:end]


def test_exact_match_is_first_occurrence() -> None:
    a = ground("Australia", TEXT)
    assert a == Alignment((0, 9), Grounding.EXACT, 1.0)


def test_exact_match_nearest_to_near() -> None:
    second = TEXT.index("Australia", 1)
    a = ground("Australia", TEXT, near=second - 5)
    assert a.grounding is Grounding.EXACT
    assert a.span == (second, second + len("Australia"))
    # near the start, the first occurrence wins again
    assert ground("Australia", TEXT, near=0).span == (0, 9)


def test_exact_requires_word_boundaries() -> None:
    # "Niger" occurs verbatim only inside "Nigeria": not an exact match of the word Niger
    text = "Nigeria signed the pact."
    a = ground("Niger", text)
    assert a.grounding is Grounding.UNGROUNDED
    assert a.span is None


def test_case_whitespace_and_curly_quotes_are_fuzzy_with_original_span() -> None:
    a = ground("papua   new\nguinea", TEXT)
    assert a.grounding is Grounding.FUZZY
    assert a.score == NORMALISED_SCORE
    assert _at(TEXT, a) == "Papua New Guinea"

    b = ground("counter China's growing influence", TEXT)
    assert b.grounding is Grounding.FUZZY
    assert b.score == NORMALISED_SCORE
    assert _at(TEXT, b) == "counter China’s growing influence"


def test_dropped_punctuation_maps_back_to_original_offsets() -> None:
    text = "Denmark and the U.S. signed a deal."
    a = ground("the US", text)
    assert a.grounding is Grounding.FUZZY
    assert a.span == (12, 19)
    assert _at(text, a) == "the U.S"


def test_typo_is_fuzzy() -> None:
    a = ground("Autralia", TEXT)
    assert a.grounding is Grounding.FUZZY
    assert FUZZY_THRESHOLD <= a.score < 1.0
    assert _at(TEXT, a) == "Australia"


def test_longer_phrase_with_typo_and_dropped_word_is_fuzzy() -> None:
    text = "Officials said it would strengthen deterrence against Russia in the Nordic region."
    a = ground("strengthen deterence against Rusia in Nordic region", text)
    assert a.grounding is Grounding.FUZZY
    assert _at(text, a) == "strengthen deterrence against Russia in the Nordic region"


def test_different_word_is_ungrounded() -> None:
    a = ground("Indonesia", TEXT)
    assert a == Alignment(None, Grounding.UNGROUNDED, a.score)
    assert a.score < FUZZY_THRESHOLD


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Nigeria", "Mali, Niger and Burkina Faso signed the charter."),
        ("Papua New Guinea", "France and Guinea signed a defence accord."),
        ("Australia", "Austria and Germany agreed to cooperate."),
        ("North Korea", "Japan and South Korea held talks."),
    ],
)
def test_other_country_name_does_not_pass_as_fuzzy(value: str, text: str) -> None:
    a = ground(value, text)
    assert a.grounding is Grounding.UNGROUNDED
    assert a.span is None
    assert 0.0 < a.score < FUZZY_THRESHOLD


def test_niger_vs_nigeria_reports_best_similarity() -> None:
    a = ground("Nigeria", "Mali, Niger and Burkina Faso signed the charter.")
    assert a.score == pytest.approx(2 * 5 / 12, abs=1e-4)  # "niger" vs "nigeria"


@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_empty_value_is_ungrounded(value: str) -> None:
    assert ground(value, TEXT) == Alignment(None, Grounding.UNGROUNDED, 0.0)


def test_punctuation_only_value_not_in_text_is_ungrounded() -> None:
    assert ground("?!", TEXT).grounding is Grounding.UNGROUNDED


def test_accents_are_fuzzy_both_ways() -> None:
    text = "Greece and France signed a pact deterring Türkiye in 2021."
    a = ground("Turkiye", text)
    assert a.grounding is Grounding.FUZZY
    assert _at(text, a) == "Türkiye"

    back = "Greece and France signed a pact deterring Turkiye in 2021."
    b = ground("Türkiye", back)
    assert b.grounding is Grounding.FUZZY
    assert _at(back, b) == "Turkiye"

    assert ground("Türkiye", text) == Alignment((42, 49), Grounding.EXACT, 1.0)


def test_dash_variants_unify() -> None:
    text = "the Liptako–Gourma Charter was signed"
    a = ground("Liptako-Gourma Charter", text)
    assert a.grounding is Grounding.FUZZY
    assert _at(text, a) == "Liptako–Gourma Charter"


def test_fuzzy_skipped_for_very_long_text_but_exact_still_works() -> None:
    text = "filler " * (MAX_FUZZY_TEXT_CHARS // 7 + 10) + "Australia"
    assert ground("Australia", text).grounding is Grounding.EXACT
    a = ground("Autralia", text)
    assert a == Alignment(None, Grounding.UNGROUNDED, 0.0)


def test_value_longer_than_text_is_ungrounded() -> None:
    assert ground("Australia and Papua New Guinea", "Australia").grounding is (Grounding.UNGROUNDED)
