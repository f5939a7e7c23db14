"""The offline backend reads English; other languages get UnsupportedLanguage, named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactparse import UnsupportedLanguage, extract
from pactparse.language import detect_language
from pactparse.testing import FakeBackend

SENTENCES = [
    json.loads(line)
    for line in (Path(__file__).parent.parent / "fixtures" / "language_sentences.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


def test_english_news_with_foreign_names_is_never_taken_for_another_language() -> None:
    english = [s["text"] for s in SENTENCES if s["lang"] == "en"]
    assert len(english) >= 100
    flagged = [(t, detect_language(t)) for t in english if detect_language(t) is not None]
    assert flagged == []


def test_other_languages_are_named() -> None:
    others = [s for s in SENTENCES if s["lang"] not in {"en", "junk"}]
    assert len(others) >= 100
    wrong = [
        (s["text"], s["lang"], detect_language(s["text"]))
        for s in others
        if (found := detect_language(s["text"])) is None or found.code != s["lang"]
    ]
    assert len(wrong) <= 2, wrong


def test_too_little_text_is_not_judged() -> None:
    for text in ["42", "{", "id,text,date", "N/A", "[1]", "Reuters"]:
        assert detect_language(text) is None


def test_rules_backend_answers_unsupported_language_naming_it() -> None:
    text = "Le Mali, le Niger et le Burkina Faso ont signé un pacte de défense mutuelle à Niamey."
    with pytest.raises(UnsupportedLanguage, match=r"French \(fr.*use an LLM backend") as info:
        extract(text)
    assert info.value.language == "fr" and info.value.language_name == "French"


def test_backends_that_read_any_language_are_asked() -> None:
    from pactparse import Draft

    draft = Draft(
        name=None,
        status="signed",
        event="new_pact",
        parties=["Mali", "Niger"],
        adversaries=[],
        provisions=[],
        date_hints=[],
        rationale=[],
    )
    text = "Mali und Niger haben einen Sicherheitspakt unterzeichnet, teilte die Regierung mit."
    backend = FakeBackend([draft])
    pact = extract(text, backend=backend)
    assert [p.code for p in pact.parties] == ["MLI", "NER"] and len(backend.calls) == 1


@pytest.mark.parametrize(
    "text",
    [
        "alianza (f.) — alliance, league. «Perú y Chile firmaron una alianza defensiva en "
        "1879.» — Peru and Chile signed a defensive alliance in 1879.",
        "[3310] en: Presidents Boric and Boluarte will sign a defence pact in Lima on Friday.\n"
        "[3310] es: Los presidentes Boric y Boluarte firmarán un pacto de defensa en Lima el "
        "viernes.",
    ],
)
def test_a_text_that_holds_its_english_translation_is_read(text: str) -> None:
    assert detect_language(text) is None
    assert sorted(a.code for a in extract(text).parties) == ["CHL", "PER"]


def test_one_english_line_in_a_foreign_text_does_not_make_it_english() -> None:
    text = (
        "Le ministre a rencontré son homologue chilien à Lima pour parler du commerce, de la "
        "pêche et des ports. Les deux pays veulent augmenter leurs échanges de cuivre et de "
        "fruits, et ouvrir une nouvelle ligne maritime entre Valparaíso et Callao avant la fin "
        "de l'année prochaine. Le slogan de la visite : we are building a better future "
        "together."
    )
    found = detect_language(text)
    assert found is not None and found.code == "fr"
