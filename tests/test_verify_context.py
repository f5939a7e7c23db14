"""Verification in context: actors grounded as actors, phrases in the summary's words,
dates in the tense of their clause, for every backend (the offline one and a model's
answer), and the re-ask policy and cross-check that rest on it.

The sentences are invented; model answers are hand-written (FakeBackend).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from pactparse import extract
from pactparse.backends.chat.parsing import extract_json_object, parse_draft
from pactparse.draft import Draft
from pactparse.errors import NoPactFound
from pactparse.schema import ActorKind, DateType, Grounding, Pact
from pactparse.testing import FakeBackend
from pactparse.verify import verify_draft


def answer(**fields: Any) -> Draft:
    base: dict[str, Any] = {
        "name": None,
        "status": "signed",
        "event": "new_pact",
        "parties": [],
        "adversaries": [],
        "provisions": [],
        "date_hints": [],
        "rationale": [],
    }
    return Draft.model_validate({**base, **fields})


def model_record(text: str, draft: Draft, reference_date: dt.date | None = None) -> Pact:
    return extract(text, backend=FakeBackend([draft]), reference_date=reference_date)


# -- actors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "model_says", "code", "mention"),
    [
        ("The U.S. and Japan signed a pact.", "United States", "USA", "The U.S."),
        ("Seoul and Tokyo signed a pact.", "Republic of Korea", "KOR", "Seoul"),
        ("Turkey and Azerbaijan signed a pact.", "Türkiye", "TUR", "Turkey"),
        ("French and Indian ministers signed a pact.", "France", "FRA", "French"),
        ("Bahrain and Kazakhstan signed a pact.", "BHR", "BHR", "Bahrain"),
        ("Kazakh and Bahraini envoys signed a pact.", "KAZ", "KAZ", "Kazakh"),
        ("DR Congo and Angola signed a pact.", "Democratic Republic of Congo", "COD", "DR Congo"),
        ("New Zealand and the Cook Islands signed a pact.", "Cook Islands", "COK", "Cook Islands"),
        ("Niue and New Zealand signed a pact.", "Niue", "NIU", "Niue"),
    ],
)
def test_an_actor_is_grounded_in_the_form_the_text_uses(
    text: str, model_says: str, code: str, mention: str
) -> None:
    verified = verify_draft(answer(parties=[model_says]), text)
    assert verified.problems == []
    (actor,) = verified.parties
    assert (actor.code, actor.mention, actor.grounding) == (code, mention, Grounding.EXACT)
    assert actor.span is not None and text[actor.span[0] : actor.span[1]] == mention


def test_only_an_actor_absent_from_the_text_is_a_problem() -> None:
    verified = verify_draft(answer(parties=["Japan", "Germany"]), "Japan and India signed a pact.")
    (problem,) = verified.problems
    assert problem.field == "parties[1]" and "not mentioned in the summary" in problem.why
    assert problem.reask


def test_unrecognised_states_are_states_without_a_code() -> None:
    text = "Ethiopia and Somaliland signed a port and naval base deal in Hargeisa."
    verified = verify_draft(answer(parties=["Ethiopia", "Somaliland"]), text)
    assert verified.problems == []
    somaliland = verified.parties[1]
    assert (somaliland.code, somaliland.kind, somaliland.key) == (
        None,
        ActorKind.STATE,
        "somaliland",
    )


def test_a_demonym_named_armed_group_is_not_its_state() -> None:
    text = "Turkey and Libya signed a pact against Khalifa Haftar's Libyan National Army."
    verified = verify_draft(
        answer(parties=["Türkiye", "Libya"], adversaries=["Libyan National Army"]), text
    )
    assert verified.problems == []
    (group,) = verified.adversaries
    assert (group.code, group.name, group.kind) == (
        None,
        "libyan national army",
        ActorKind.NON_STATE,
    )
    assert group.mention == "Libyan National Army"


def test_an_actor_in_a_summary_in_another_language_is_grounded_by_its_local_name() -> None:
    text = "La France et l'Allemagne ont signé un traité de défense à Paris."
    verified = verify_draft(answer(parties=["France", "Germany"]), text)
    assert verified.problems == []
    assert [(a.code, a.mention) for a in verified.parties] == [
        ("FRA", "France"),
        ("DEU", "Allemagne"),
    ]


def test_an_unknown_actor_the_text_names_is_flagged_but_not_reasked() -> None:
    text = "Brazil signed a pact with Chile against the Comando Vermelho gang."
    verified = verify_draft(
        answer(parties=["Brazil", "Chile"], adversaries=["Comando Vermelho"]), text
    )
    (problem,) = verified.problems
    assert "not a known country" in problem.why and not problem.reask
    assert verified.adversaries[0].mention == "Comando Vermelho"


# -- phrases ----------------------------------------------------------------------------------


def test_a_paraphrased_provision_is_recorded_in_the_summary_words() -> None:
    text = "Japan and Australia agreed to hold joint military drills and share intelligence."
    draft = answer(
        parties=["Japan", "Australia"],
        provisions=[
            {"category": "military_cooperation", "text": "hold joint naval drills"},
            {"category": "intelligence_sharing", "text": "exchange intelligence"},
        ],
    )
    verified = verify_draft(draft, text)
    assert verified.problems == []
    assert [p.text for p in verified.provisions] == [
        "hold joint military drills",
        "share intelligence",
    ]
    for p in verified.provisions:
        assert p.span is not None and text[p.span[0] : p.span[1]] == p.text


def test_a_rationale_with_other_boundaries_is_recorded_in_the_summary_words() -> None:
    text = "Manila and Tokyo signed a pact to counter China's growing assertiveness at sea."
    draft = answer(
        parties=["Philippines", "Japan"], rationale=["countering China's growing assertiveness"]
    )
    verified = verify_draft(draft, text)
    assert verified.problems == []
    assert verified.rationale[0].text == "counter China's growing assertiveness"


@pytest.mark.parametrize("name", ['"Treaty of Nancy"', "the Treaty of Nancy", "“Treaty of Nancy”"])
def test_a_name_is_kept_without_a_leading_article_or_quotes(name: str) -> None:
    text = "France and Italy signed the Treaty of Nancy on Friday."
    assert (
        verify_draft(answer(name=name, parties=["France", "Italy"]), text).name == "Treaty of Nancy"
    )


def test_a_literal_newline_inside_a_string_is_read() -> None:
    raw = '{"name": null, "rationale": ["to counter\nterrorism"]}'
    assert extract_json_object(raw) == {"name": None, "rationale": ["to counter\nterrorism"]}


def test_a_json_error_message_says_at_once() -> None:
    with pytest.raises(ValueError) as info:
        extract_json_object('{"name": "a\x00b"')
    assert "at at" not in str(info.value)


# -- dates in context, through every backend ---------------------------------------------------

TENSE_CASES = [
    # (text, reference date, hint as the model writes it, value)
    (
        "France and Germany are set to sign a defence treaty on Friday.",
        dt.date(2025, 5, 8),
        "on Friday",
        "2025-05-09",
    ),
    (
        "France and Germany signed a defence treaty on Friday.",
        dt.date(2025, 5, 8),
        "on Friday",
        "2025-05-02",
    ),
    (
        "Japan and the Philippines will sign a defence pact in January.",
        dt.date(2024, 11, 15),
        "in January",
        "2025-01",
    ),
    (
        "Japan and the Philippines signed a defence pact in January.",
        dt.date(2024, 11, 15),
        "in January",
        "2024-01",
    ),
]


@pytest.mark.parametrize(("text", "ref", "hint", "value"), TENSE_CASES)
def test_the_offline_backend_dates_in_the_tense_of_the_clause(
    text: str, ref: dt.date, hint: str, value: str
) -> None:
    pact = extract(text, backend="rules", reference_date=ref)
    assert [(h.text, h.value) for h in pact.date_hints] == [(hint, value)]


@pytest.mark.parametrize(("text", "ref", "hint", "value"), TENSE_CASES)
def test_a_model_answer_is_dated_in_the_tense_of_the_clause(
    text: str, ref: dt.date, hint: str, value: str
) -> None:
    bare = hint.split(" ", 1)[1]  # strong models drop the preposition: "Friday"
    parties = [a for a in ("France", "Germany", "Japan", "Philippines") if a in text]
    for written in (hint, bare):
        pact = model_record(text, answer(parties=parties, date_hints=[written]), ref)
        assert [(h.text, h.type, h.value) for h in pact.date_hints] == [
            (written, DateType.DATE, value)
        ]


@pytest.mark.parametrize(
    ("hint", "value"),
    [("February", "2024-02"), ("2014", "2014"), ("Q3 2024", "2024-Q3"), ("H2", "2023-H2")],
)
def test_a_bare_month_year_or_quarter_has_a_value(hint: str, value: str) -> None:
    text = f"India and Japan signed the pact in {hint}, officials said."
    pact = model_record(
        text, answer(parties=["India", "Japan"], date_hints=[hint]), dt.date(2024, 3, 8)
    )
    assert pact.date_hints[0].value == value


# -- no pact, re-asks, review --------------------------------------------------------------------


def test_a_model_can_answer_that_the_text_holds_no_pact() -> None:
    raw = json.dumps({"no_pact": "a football match result, not a security pact"})
    proposal = parse_draft(raw)
    assert (
        proposal.draft is None
        and proposal.no_pact == "a football match result, not a security pact"
    )
    with pytest.raises(NoPactFound, match="football"):
        extract("Real Madrid and Barcelona signed a pact on Sunday.", backend=FakeBackend([raw]))


def test_a_problem_a_reask_cannot_fix_is_not_reasked() -> None:
    text = "Brazil signed a pact with Chile against the Comando Vermelho gang."
    backend = FakeBackend([answer(parties=["Brazil", "Chile"], adversaries=["Comando Vermelho"])])
    pact = extract(text, backend=backend)
    assert len(backend.calls) == 1 and pact.provenance.reasks == 0
    assert pact.provenance.warnings and "not a known country" in pact.provenance.warnings[0]


def test_a_model_record_that_agrees_with_the_offline_reading_needs_no_review() -> None:
    text = "Japan and Australia signed a defence pact to deepen military cooperation."
    pact = model_record(text, answer(parties=["Japan", "Australia"]))
    assert pact.review == []


def test_where_the_model_and_the_offline_reading_disagree_the_record_says_so() -> None:
    text = (
        "Japan and Australia signed a defence pact to deepen military cooperation, "
        "aimed at countering China."
    )
    pact = model_record(text, answer(status="proposed", parties=["Japan", "Australia", "China"]))
    fields = {item.field for item in pact.review}
    assert {"parties", "status"} <= fields
    why = next(i.why for i in pact.review if i.field == "parties")
    assert "China" in why


def test_the_offline_backend_is_not_cross_checked_with_itself() -> None:
    text = "Japan and Australia signed a defence pact, aimed at countering China."
    assert all("offline reading" not in i.why for i in extract(text, backend="rules").review)
    model = model_record(text, answer(status="proposed", parties=["Japan", "Australia"]))
    assert any("offline reading" in i.why for i in model.review)


@pytest.mark.parametrize(
    "answer_fields",
    [
        {"no_pact": "null", "parties": []},
        {"no_pact": "][", "parties": []},
        {"no_pact": "None.", "parties": []},
        {"no_pact": "not a pact", "parties": ["Japan"]},
    ],
)
def test_a_no_pact_that_gives_no_reason_or_lists_parties_is_not_taken(
    answer_fields: dict[str, Any],
) -> None:
    raw = answer(**{k: v for k, v in answer_fields.items() if k != "no_pact"}).model_dump()
    proposal = parse_draft(json.dumps({**raw, "no_pact": answer_fields["no_pact"]}))
    assert proposal.no_pact is None and proposal.draft is not None


def test_another_word_in_a_name_or_a_date_is_another_name_or_date() -> None:
    text = "France and Italy signed the Treaty of Nancy in March 2024."
    draft = answer(name="Treaty of Paris", parties=["France", "Italy"], date_hints=["in May 2024"])
    verified = verify_draft(draft, text)
    assert verified.name is None
    assert verified.date_hints[0].grounding is Grounding.UNGROUNDED
    assert {p.field for p in verified.problems} == {"name", "date_hints[0]"}


def test_words_inside_another_actors_mention_do_not_ground_an_actor() -> None:
    verified = verify_draft(answer(parties=["Congo"]), "DR Congo and Angola signed a pact.")
    (actor,) = verified.parties
    assert actor.grounding is Grounding.UNGROUNDED
    assert "not mentioned in the summary" in verified.problems[0].why
