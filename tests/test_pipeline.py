"""extract()/aextract(): input checks, verification, re-asks, provenance."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import pactparse
from pactparse import ExtractionError, ExtractOptions, InputError, extract
from pactparse.draft import Draft, DraftProvision
from pactparse.errors import ConfigurationError, NoPactFound
from pactparse.schema import Grounding
from pactparse.testing import FakeBackend

TEXT = "Australia and Tuvalu have signed a security pact aimed at countering China's influence."


def draft(**changes: object) -> Draft:
    base: dict[str, object] = {
        "name": None,
        "status": "signed",
        "event": "new_pact",
        "parties": ["Australia", "Tuvalu"],
        "adversaries": ["China"],
        "provisions": [],
        "date_hints": [],
        "rationale": ["countering China's influence"],
    }
    base.update(changes)
    return Draft.model_validate(base)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * 20_001, "over the limit"),
        ("\x00\x01\x02binary\x03\x04", "binary"),
        (b"\xff\xfe\x00", "binary"),
        (42, "must be a string"),
    ],
)
def test_unusable_input_raises_input_error(bad: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        extract(bad)  # type: ignore[arg-type]


def test_max_chars_is_an_option() -> None:
    pact = extract(TEXT, options=ExtractOptions(max_chars=len(TEXT)))
    assert pact.status == "signed"
    with pytest.raises(InputError):
        extract(TEXT, options=ExtractOptions(max_chars=10))


def test_options_reject_unknown_keys() -> None:
    with pytest.raises(ConfigurationError, match=r"retries: unknown option \(the options are: max"):
        ExtractOptions(retries=3)  # type: ignore[call-arg]


def test_source_and_provenance() -> None:
    pact = extract(TEXT, reference_date=dt.date(2024, 3, 8), id="a-1")
    assert pact.source.id == "a-1"
    assert pact.source.reference_date == dt.date(2024, 3, 8)
    assert len(pact.source.sha256) == 64
    assert pact.provenance.backend == "rules"
    assert pact.provenance.attempts == 1 and pact.provenance.reasks == 0
    assert pact.provenance.warnings == []


def test_ungrounded_values_are_flagged_never_passed_off() -> None:
    backend = FakeBackend([draft(parties=["Australia", "New Zealand"], rationale=["deter Mars"])])
    pact = extract(TEXT, backend=backend, options=ExtractOptions(max_reasks=0))
    nzl = next(p for p in pact.parties if p.code == "NZL")
    assert nzl.grounding is Grounding.UNGROUNDED and nzl.span is None
    assert pact.rationale[0].grounding is Grounding.UNGROUNDED
    warnings = " ".join(pact.provenance.warnings)
    assert "New Zealand" in warnings and "deter Mars" in warnings


def test_reask_sends_precise_errors_then_accepts_the_fixed_answer() -> None:
    backend = FakeBackend([draft(parties=["Australia", "Fiji"]), draft()])
    pact = extract(TEXT, backend=backend)
    assert [p.code for p in pact.parties] == ["AUS", "TUV"]
    assert pact.provenance.attempts == 2 and pact.provenance.reasks == 1
    assert pact.provenance.warnings == []
    _, feedback = backend.calls[1]
    assert len(feedback) == 1
    assert any("parties[1]" in e and "Fiji" in e for e in feedback[0].errors)


def test_party_and_adversary_at_once_is_an_error() -> None:
    backend = FakeBackend([draft(adversaries=["Tuvalu"])])
    pact = extract(TEXT, backend=backend, options=ExtractOptions(max_reasks=0))
    assert [a.code for a in pact.adversaries] == []
    assert any("also a party" in w for w in pact.provenance.warnings)


def test_unreadable_answers_raise_extraction_error_with_every_attempt() -> None:
    backend = FakeBackend(["not json at all", '{"status": "signed"}'])
    with pytest.raises(ExtractionError) as info:
        extract(TEXT, backend=backend, options=ExtractOptions(max_reasks=1))
    attempts = info.value.attempts
    assert [a.raw for a in attempts] == ["not json at all", '{"status": "signed"}']
    assert "no JSON object" in attempts[0].errors[0]
    assert any("`event` is missing" in e for e in attempts[1].errors)


def test_on_unverified_raise() -> None:
    backend = FakeBackend([draft(parties=["Atlantis"])])
    with pytest.raises(ExtractionError, match="left problems unresolved") as info:
        extract(TEXT, backend=backend, options=ExtractOptions(max_reasks=0, on_unverified="raise"))
    assert "Atlantis" in info.value.attempts[0].errors[0]


def test_generic_name_is_not_a_name() -> None:
    backend = FakeBackend([draft(name="security pact")])
    pact = extract(TEXT, backend=backend, options=ExtractOptions(max_reasks=0))
    assert pact.name is None
    assert any("generic" in w for w in pact.provenance.warnings)


def test_provision_amounts_are_normalised() -> None:
    text = "Canada and Ukraine signed a pact; Canada pledged C$3 billion in military aid."
    provision = DraftProvision(category="military_aid", text="C$3 billion in military aid")
    backend = FakeBackend(
        [draft(parties=["Canada", "Ukraine"], adversaries=[], rationale=[], provisions=[provision])]
    )
    pact = extract(text, backend=backend)
    amount = pact.provisions[0].amount
    assert amount is not None and (amount.value, amount.unit) == (3e9, "CAD")


async def test_aextract_matches_extract() -> None:
    sync = extract(TEXT)
    asynchronous = await pactparse.aextract(TEXT)
    assert asynchronous.model_dump(exclude={"provenance"}) == sync.model_dump(
        exclude={"provenance"}
    )


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("| Peru | Andean Pact | 1991 | signed |", "a table row (Markdown)"),
        # a line of a JSON array file (a whole object is read as the prose it holds)
        ('{"id": 17, "title": "Peru and Chile sign pact", "tags": ["security"]},', "a JSON object"),
        ("2026-03-04 12:01:33 INFO worker-3 processed 1200 rows (pacts.csv)", "a log line"),
        (
            "From: press@mod.example Subject: RE: pact signing schedule Date: 3 Mar",
            "an e-mail header",
        ),
        (
            "Related coverage: Peru and Chile sign a defence pact | Five things to know | Photos",
            "a list of links (a site's navigation)",
        ),
    ],
)
def test_lines_of_data_files_are_no_pact_for_every_backend(line: str, what: str) -> None:
    from pactparse.inputs import not_a_summary

    assert not_a_summary(line) == what
    backend = FakeBackend([draft(parties=["Peru", "Chile"])])
    with pytest.raises(NoPactFound, match=re.escape(what)):
        extract(line, backend=backend)
    assert backend.calls == []  # no backend is asked about a line of data


def test_a_timestamped_live_update_is_still_a_summary() -> None:
    from pactparse.inputs import not_a_summary

    assert not_a_summary("2026-03-04 12:01 — Peru and Chile signed a defence pact.") is None


def test_empty_answers_do_not_end_the_re_asks_as_a_repeat() -> None:
    from collections.abc import Sequence

    from pactparse.backends.base import Feedback, Proposal, Request

    good = draft(parties=["Australia", "Fiji"])

    class EmptyTwice(FakeBackend):
        def propose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
            self.calls.append((request, tuple(feedback)))
            if len(self.calls) <= 2:  # a server that returned no choices, twice
                return Proposal(draft=None, raw="", errors=("the server returned no answer",))
            return Proposal(draft=good, raw=good.model_dump_json())

    backend = EmptyTwice([good])
    pact = extract(
        "Australia and Fiji have signed a security pact.",
        backend=backend,
        options=ExtractOptions(max_reasks=3),
    )
    assert len(backend.calls) >= 3  # asked again after the second empty answer
    assert sorted(a.code or "" for a in pact.parties) == ["AUS", "FJI"]
