from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from rich.table import Table

from pactparse.errors import InputError, NoPactFound, UnsupportedLanguage
from pactparse.evaluation.gold import GoldAnnotation, GoldRecord, load_gold
from pactparse.evaluation.metrics import (
    PRF,
    FieldMiss,
    Scores,
    combine,
    record_misses,
    score,
)
from pactparse.evaluation.report import render_misses, render_scores
from pactparse.schema import (
    Actor,
    ActorKind,
    DateHint,
    DateType,
    Event,
    Pact,
    Provenance,
    Provision,
    ProvisionCategory,
    RationaleItem,
    ReviewItem,
    Source,
    Status,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
C = ProvisionCategory


def state(name: str, code: str) -> Actor:
    return Actor(name=name, code=code, kind=ActorKind.STATE, mention=name)


def non_state(name: str) -> Actor:
    return Actor(name=name, code=None, kind=ActorKind.NON_STATE, mention=name)


def pact(
    *,
    review: list[ReviewItem] | None = None,
    status: Status = Status.SIGNED,
    event: Event = Event.NEW_PACT,
    name: str | None = None,
    parties: list[Actor] | None = None,
    adversaries: list[Actor] | None = None,
    provisions: list[ProvisionCategory] | None = None,
    date_hints: list[str] | None = None,
    rationale: list[str] | None = None,
) -> Pact:
    return Pact(
        name=name,
        status=status,
        event=event,
        parties=parties or [],
        adversaries=adversaries or [],
        provisions=[Provision(category=c, text=c.value) for c in provisions or []],
        date_hints=[DateHint(text=t, type=DateType.DATE) for t in date_hints or []],
        rationale=[RationaleItem(text=t) for t in rationale or []],
        review=review or [],
        source=Source(sha256="x"),
        provenance=Provenance(backend="test"),
    )


def gold(**kwargs: object) -> GoldAnnotation:
    data: dict[str, object] = {"status": "signed", "event": "new_pact"}
    data.update(kwargs)
    return GoldAnnotation.model_validate(data)


# Three hand-checked records -------------------------------------------------------

G1 = gold(
    status="planned",
    parties=["AUS", "PNG"],
    adversaries=["CHN"],
    provisions=["military_integration", "military_cooperation", "migration_mobility"],
    rationale=["counter China's growing influence in the South Pacific"],
)
P1 = pact(
    status=Status.PLANNED,
    parties=[
        state("Australia", "AUS"),
        state("Papua New Guinea", "PNG"),
        state("China", "CHN"),  # extra party: fp
    ],
    adversaries=[state("China", "CHN")],
    provisions=[C.MILITARY_INTEGRATION, C.MILITARY_AID],  # 1 tp, 1 fp, 2 fn
    date_hints=["next week"],  # fp: gold has none
    # content words counter/china/influence: all 3 shared with gold -> match
    rationale=["counter China's influence"],
)

G2 = gold(
    name="Liptako-Gourma Charter",
    parties=["MLI", "NER", "BFA"],
    adversaries=["islamic insurgents"],
    provisions=["mutual_defense", "counterterrorism"],
    date_hints=["in February", "over 60 years"],
    rationale=[
        "combat terrorism",
        "collective defense and mutual assistance in the face of rebellion",
    ],
)
P2 = pact(
    name="liptako-gourma charter",  # case-insensitive: correct
    status=Status.PLANNED,  # wrong
    parties=[state("Mali", "MLI"), state("Niger", "NER"), state("Burkina Faso", "BFA")],
    # head word "insurgents" matches gold "islamic insurgents"; RUS is extra
    adversaries=[non_state("Islamist insurgents"), state("Russia", "RUS")],
    provisions=[C.MUTUAL_DEFENSE, C.COUNTERTERRORISM],
    # "February" shares 1 token of its 1 with "in February": match;
    # "last month" shares nothing with "over 60 years": fp, and that gold hint is a fn
    date_hints=["February", "last month"],
    # "fight terrorism together" shares "terrorism", half of "combat terrorism": match;
    # "mutual trust between leaders" shares only "mutual", 1 of its 3 content words: fp
    rationale=["fight terrorism together", "mutual trust between leaders"],
)

G3 = gold(
    name="AUKUS",
    status="proposed",
    event="accession",
    parties=["USA", "GBR", "AUS", "JPN"],
    adversaries=["CHN"],
    rationale=["countering China's influence"],
)
P3 = None  # the extraction failed


def frac(prf: PRF) -> tuple[Fraction, Fraction, Fraction]:
    return (
        Fraction(prf.p).limit_denominator(1000),
        Fraction(prf.r).limit_denominator(1000),
        Fraction(prf.f1).limit_denominator(1000),
    )


def test_hand_checked_counts() -> None:
    s = score([G1, G2, G3], [P1, P2, P3])
    assert s.n == 3
    assert s.parties == PRF(tp=5, fp=1, fn=4)
    assert s.adversaries == PRF(tp=2, fp=1, fn=1)
    assert s.provisions == PRF(tp=3, fp=1, fn=2)
    assert s.date_hints == PRF(tp=1, fp=2, fn=1)
    assert s.rationale == PRF(tp=2, fp=1, fn=2)
    assert (s.status_correct, s.event_correct, s.name_correct) == (1, 2, 2)
    assert s.exact_parties_correct == 1


def test_hand_checked_prf_values() -> None:
    s = score([G1, G2, G3], [P1, P2, P3])
    F = Fraction
    assert frac(s.parties) == (F(5, 6), F(5, 9), F(2, 3))
    assert frac(s.adversaries) == (F(2, 3), F(2, 3), F(2, 3))
    assert frac(s.provisions) == (F(3, 4), F(3, 5), F(2, 3))
    assert frac(s.date_hints) == (F(1, 3), F(1, 2), F(2, 5))
    assert frac(s.rationale) == (F(2, 3), F(1, 2), F(4, 7))
    assert s.status == pytest.approx(1 / 3)
    assert s.event == pytest.approx(2 / 3)
    assert s.name == pytest.approx(2 / 3)
    assert s.exact_parties == pytest.approx(1 / 3)


def test_to_json_has_exactly_the_spec_keys_and_rounds() -> None:
    out = score([G1, G2, G3], [P1, P2, P3]).to_json()
    assert list(out) == [
        "parties",
        "adversaries",
        "provisions",
        "date_hints",
        "rationale",
        "status",
        "event",
        "name",
        "exact_parties",
        "n",
        "review",
        "no_pact",
        "false_no_pact",
        "unsupported",
    ]
    for key in ("parties", "adversaries", "provisions", "date_hints", "rationale"):
        assert list(out[key]) == ["p", "r", "f1"]
    assert out["parties"] == {"p": 0.8333, "r": 0.5556, "f1": 0.6667}
    assert out["rationale"] == {"p": 0.6667, "r": 0.5, "f1": 0.5714}
    assert out["status"] == 0.3333
    assert out["n"] == 3
    json.dumps(out)  # plain JSON types


def test_none_prediction_misses_everything() -> None:
    s = score([G3], [None])
    assert s.parties == PRF(tp=0, fp=0, fn=4)
    assert s.adversaries == PRF(tp=0, fp=0, fn=1)
    assert s.rationale == PRF(tp=0, fp=0, fn=1)
    assert (s.status, s.event, s.name, s.exact_parties) == (0.0, 0.0, 0.0, 0.0)
    # provisions and date hints: nothing in gold, nothing predicted -> 1.0 by convention
    assert s.provisions.to_json() == {"p": 1.0, "r": 1.0, "f1": 1.0}
    # a None prediction is wrong on name even when gold has no name
    assert score([G1], [None]).name_correct == 0


def test_zero_division_conventions() -> None:
    assert (PRF().p, PRF().r, PRF().f1) == (1.0, 1.0, 1.0)
    assert (PRF(fn=3).p, PRF(fn=3).r, PRF(fn=3).f1) == (0.0, 0.0, 0.0)
    assert (PRF(fp=2).p, PRF(fp=2).r, PRF(fp=2).f1) == (0.0, 0.0, 0.0)
    assert Scores().to_json()["status"] == 0.0


def test_combine_is_micro() -> None:
    separate = combine(score([G1], [P1]), score([G2, G3], [P2, P3]))
    assert separate == score([G1, G2, G3], [P1, P2, P3])
    assert score([G1], [P1]) + score([G2], [P2]) == score([G1, G2], [P1, P2])


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="2 gold annotations but 1 predictions"):
        score([G1, G2], [P1])


# Matching rules one by one ----------------------------------------------------------


def test_non_state_head_word_match() -> None:
    g = gold(adversaries=["islamic insurgents"])
    assert score([g], [pact(adversaries=[non_state("islamist insurgents")])]).adversaries == (
        PRF(1, 0, 0)
    )
    # containment either way: a bare head word matches too
    assert score([g], [pact(adversaries=[non_state("Insurgents")])]).adversaries == PRF(1, 0, 0)
    # a different head word does not match
    assert score([g], [pact(adversaries=[non_state("Houthi rebels")])]).adversaries == (
        PRF(0, 1, 1)
    )


def test_non_state_gold_name_matches_the_text_words_of_a_canonical_actor() -> None:
    # the gold writes the text's words, the record the canonical name
    g = gold(adversaries=["daesh"])
    daesh = Actor(name="islamic state", code=None, kind=ActorKind.NON_STATE, mention="Daesh")
    assert score([g], [pact(adversaries=[daesh])]).adversaries == PRF(1, 0, 0)
    # a mention with another head word still does not match
    isil = Actor(name="islamic state", code=None, kind=ActorKind.NON_STATE, mention="ISIL")
    assert score([g], [pact(adversaries=[isil])]).adversaries == PRF(0, 1, 1)


def test_head_word_match_needs_an_uncoded_prediction_and_a_gold_name() -> None:
    g = gold(adversaries=["RUS", "wagner mercenaries"])
    pred = pact(adversaries=[Actor(name="Wagner", code="RUS", kind=ActorKind.STATE, mention="x")])
    # the coded RUS matches RUS; nothing matches the mercenaries
    assert score([g], [pred]).adversaries == PRF(1, 0, 1)
    # one-to-one: two predicted insurgent groups cannot both take one gold name
    g2 = gold(adversaries=["islamist insurgents"])
    p2 = pact(adversaries=[non_state("jihadist insurgents"), non_state("local insurgents")])
    assert score([g2], [p2]).adversaries == PRF(1, 1, 0)


def test_date_hint_half_token_overlap() -> None:
    g = gold(date_hints=["ahead of the war's second anniversary"])
    # shorter side has 4 tokens (the, war, second, anniversary): all shared
    hit = score([g], [pact(date_hints=["the war's second anniversary"])])
    assert hit.date_hints == PRF(1, 0, 0)
    # "in 2024" shares nothing with the gold hint
    miss = score([g], [pact(date_hints=["in 2024"])])
    assert miss.date_hints == PRF(0, 1, 1)
    # "in the first week" shares only "the": 1 of the shorter side's 4 -> below half
    below = score([g], [pact(date_hints=["in the first week"])])
    assert below.date_hints == PRF(0, 1, 1)
    # "the first anniversary of the invasion" shares "the", "of", "anniversary": 3 of 6,
    # exactly half -> a match
    half = score([g], [pact(date_hints=["the first anniversary of the invasion"])])
    assert half.date_hints == PRF(1, 0, 0)


def test_date_hints_match_one_to_one_best_overlap_first() -> None:
    g = gold(date_hints=["on April 4, 2023", "in April"])
    p = pact(date_hints=["in April", "April 4, 2023"])
    assert score([g], [p]).date_hints == PRF(2, 0, 0)
    # a duplicated prediction can take only one gold hint
    p_dup = pact(date_hints=["in April", "in April"])
    assert score([gold(date_hints=["in April"])], [p_dup]).date_hints == PRF(1, 1, 0)


def test_rationale_content_word_overlap() -> None:
    g = gold(rationale=["countering China's influence in the Pacific"])
    # content words: china, influence, pacific vs countering, china, influence, pacific
    hit = score([g], [pact(rationale=["to limit China's influence across the Pacific"])])
    assert hit.rationale == PRF(1, 0, 0)
    # stop words do not count: "in the Pacific" shares only "pacific", 1 of 1 -> match;
    # "for the sake of it" has no content word at all -> no match
    assert score([g], [pact(rationale=["in the Pacific"])]).rationale == PRF(1, 0, 0)
    assert score([g], [pact(rationale=["for the sake of it"])]).rationale == PRF(0, 1, 1)
    # no stemming: "counter" is not "countering"; china alone is 1 of 3 -> no match
    far = score([g], [pact(rationale=["counter Chinese expansion"])])
    assert far.rationale == PRF(0, 1, 1)


def test_name_accuracy() -> None:
    assert score([gold(name="AUKUS")], [pact(name="Aukus")]).name_correct == 1
    assert score([gold(name=None)], [pact(name=None)]).name_correct == 1
    assert score([gold(name=None)], [pact(name="AUKUS")]).name_correct == 0
    assert score([gold(name="AUKUS")], [pact(name=None)]).name_correct == 0


def test_party_keys_use_lower_cased_name_without_code() -> None:
    g = gold(parties=["USA", "somaliland"])
    p = pact(
        parties=[
            state("United States", "USA"),
            Actor(name="Somaliland", code=None, kind=ActorKind.STATE, mention="Somaliland"),
        ]
    )
    s = score([g], [p])
    assert s.parties == PRF(2, 0, 0)
    assert s.exact_parties_correct == 1


# Misses and rendering -----------------------------------------------------------------


def test_record_misses_lists_what_was_lost() -> None:
    misses = {m.field: m for m in record_misses(G2, P2)}
    assert set(misses) == {"adversaries", "date_hints", "rationale", "status"}
    assert misses["adversaries"] == FieldMiss("adversaries", missing=(), extra=("RUS",))
    assert misses["date_hints"].missing == ("over 60 years",)
    assert misses["date_hints"].extra == ("last month",)
    assert misses["rationale"].missing == (
        "collective defense and mutual assistance in the face of rebellion",
    )
    assert misses["status"] == FieldMiss("status", expected="signed", got="planned")
    assert record_misses(G2, pact(**_as_pact_kwargs(G2))) == []


def _as_pact_kwargs(g: GoldAnnotation) -> dict[str, object]:
    return {
        "name": g.name,
        "status": g.status,
        "event": g.event,
        "parties": [state(c, c) for c in g.parties],
        "adversaries": [state(a, a) if a.isupper() else non_state(a) for a in g.adversaries],
        "provisions": list(g.provisions),
        "date_hints": list(g.date_hints),
        "rationale": list(g.rationale),
    }


def test_record_misses_for_failed_extraction() -> None:
    misses = record_misses(G3, None)
    fields = [m.field for m in misses]
    assert fields == ["record", "parties", "adversaries", "rationale", "status", "event", "name"]
    assert misses[1].missing == ("USA", "GBR", "AUS", "JPN")
    assert misses[-1] == FieldMiss("name", expected="AUKUS", got=None)


def test_render_misses_is_readable_text() -> None:
    text = render_misses("seed-09", record_misses(G2, P2))
    assert text.splitlines()[0] == "seed-09:"
    assert "  adversaries: extra 'RUS'" in text
    assert "  date_hints: missing 'over 60 years'" in text
    assert "  status: expected 'signed', got 'planned'" in text
    assert render_misses("x", []) == "x: no misses"


def test_render_scores_is_a_table_with_every_metric() -> None:
    table = render_scores(score([G1, G2, G3], [P1, P2, P3]), "seeds")
    assert isinstance(table, Table)
    assert table.title == "seeds"
    # 5 list fields, 4 accuracies, 2 review rows and one rate row per kind of text present
    assert table.row_count == 12
    first_column = list(table.columns[0].cells)
    assert first_column == [
        "parties",
        "adversaries",
        "provisions",
        "date_hints",
        "rationale",
        "status",
        "event",
        "name",
        "exact_parties",
        "review precision",
        "review coverage",
        "false no-pact",
    ]
    assert next(iter(table.columns[3].cells)) == "0.667"  # parties F1


# Gold files ---------------------------------------------------------------------------


def test_load_gold_fixtures() -> None:
    seeds = load_gold(FIXTURES / "seeds.jsonl")
    dev = load_gold(FIXTURES / "dev.jsonl")
    assert len(seeds) == 14
    assert len(dev) == 32
    assert seeds[8].gold.adversaries == ["islamist insurgents"]
    assert dev[1].reference_date is not None
    assert dev[1].reference_date.isoformat() == "2024-03-08"


def test_gold_scored_against_itself_is_perfect() -> None:
    records = load_gold(FIXTURES / "seeds.jsonl") + load_gold(FIXTURES / "dev.jsonl")
    golds = [r.gold for r in records if r.gold is not None]
    out = score(golds, [pact(**_as_pact_kwargs(g)) for g in golds]).to_json()
    perfect = {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert out == {
        "parties": perfect,
        "adversaries": perfect,
        "provisions": perfect,
        "date_hints": perfect,
        "rationale": perfect,
        "status": 1.0,
        "event": 1.0,
        "name": 1.0,
        "exact_parties": 1.0,
        "n": 46,
        "review": {"precision": 1.0, "coverage": 1.0, "clean": 46, "clean_correct": 46},
        "no_pact": {"rate": 0.0, "hits": 0, "total": 0},
        "false_no_pact": {"rate": 0.0, "hits": 0, "total": 46},
        "unsupported": {"rate": 0.0, "hits": 0, "total": 0},
    }


def _line(**gold_fields: object) -> str:
    g: dict[str, object] = {"status": "signed", "event": "new_pact"}
    g.update(gold_fields)
    return json.dumps({"id": "r", "text": "t", "reference_date": None, "gold": g})


def test_load_gold_bad_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(_line() + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2: not valid JSON"):
        load_gold(path)


def test_load_gold_bad_field_names_the_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + _line(status="maybe") + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2: .*gold\.status") as info:
        load_gold(path)
    assert "maybe" in str(info.value) or "signed" in str(info.value)


def test_load_gold_rejects_unknown_keys_and_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(_line(partys=["USA"]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r":1: .*gold\.partys"):
        load_gold(path)
    path.write_text(_line() + "\n" + _line() + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r":2: id 'r' already used on line 1"):
        load_gold(path)
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r":1: expected a JSON object, got list"):
        load_gold(path)


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read gold file"):
        load_gold(tmp_path / "nope.jsonl")


# -- review, no-pact and language (the spec's "How sure a record is" and "no pact") ------


def record(gold_: GoldAnnotation | None, language: str | None = None) -> GoldRecord:
    return GoldRecord(id="r", text="t", gold=gold_, language=language)


def test_review_precision_counts_clean_records_with_right_parties_and_status() -> None:
    mali = state("Mali", "MLI")
    niger = state("Niger", "NER")
    doubt = [ReviewItem(field="parties", why="a party found only by the fallback")]
    golds = [gold(parties=["MLI", "NER"])] * 4
    preds = [
        pact(parties=[mali, niger]),  # clean and right
        pact(parties=[mali]),  # clean, wrong parties
        pact(parties=[mali, niger], status=Status.PROPOSED),  # clean, wrong status
        pact(parties=[mali], review=doubt),  # flagged: not counted in precision
    ]
    scores = score(golds, preds)
    assert scores.review_clean.total == 3 and scores.review_clean.hits == 1
    assert scores.review_precision == pytest.approx(1 / 3)
    assert scores.review_coverage == pytest.approx(3 / 4)
    assert scores.to_json()["review"] == {
        "precision": 0.3333,
        "coverage": 0.75,
        "clean": 3,
        "clean_correct": 1,
    }


def test_failed_and_no_record_answers_are_never_clean() -> None:
    scores = score([gold(parties=["MLI"])] * 2, [None, NoPactFound("no pact")])
    assert scores.review_clean.total == 0 and scores.review_coverage == 0.0
    assert scores.false_no_pact.hits == 1 and scores.false_no_pact.total == 2


def test_no_pact_texts_count_apart_from_the_fields() -> None:
    golds = [record(None), record(None), record(gold(parties=["MLI"]))]
    preds = [NoPactFound("a football pact"), pact(parties=[state("Mali", "MLI")]), None]
    scores = score(golds, preds)
    assert (scores.no_pact.hits, scores.no_pact.total) == (1, 2)
    assert scores.n == 1  # only the pact text is scored field by field
    assert scores.parties.fn == 1 and scores.parties.fp == 0
    misses = record_misses(golds[1], preds[1])
    assert [(m.field, m.expected) for m in misses] == [("record", "NoPactFound")]
    assert record_misses(golds[0], preds[0]) == []


def test_unsupported_language_on_a_foreign_pact_text_is_an_honest_refusal() -> None:
    french = record(gold(parties=["MLI"]), language="fr")
    refusal = UnsupportedLanguage("French", language="fr")
    scores = score([french, record(gold(parties=["MLI"]))], [refusal, refusal])
    assert (scores.unsupported.hits, scores.unsupported.total) == (1, 1)
    assert scores.n == 1  # the English text is scored, and refusing it is a false no-pact
    assert (scores.false_no_pact.hits, scores.false_no_pact.total) == (1, 1)
    assert record_misses(french, refusal) == []
    # a backend that reads French is scored on it as usual
    read = score([french], [pact(parties=[state("Mali", "MLI")])])
    assert read.n == 1 and read.parties.tp == 1 and read.unsupported.hits == 0


def test_gold_files_may_hold_no_pact_lines_and_languages(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(
        '{"id": "a", "text": "Real Madrid and Barcelona signed a pact.", "gold": null}\n'
        '{"id": "b", "text": "Le Mali a signé.", "language": "fr", "gold": '
        '{"status": "signed", "event": "new_pact", "parties": ["MLI"]}}\n'
    )
    a, b = load_gold(path)
    assert a.gold is None and a.english
    assert b.gold is not None and b.language == "fr" and not b.english
