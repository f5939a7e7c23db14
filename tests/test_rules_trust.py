"""The offline backend says when a text holds no pact, which fields to check, and never
takes a target, a mediator or a model for a party. Every sentence is invented for
these tests; each case is one general rule.
"""

from __future__ import annotations

import pytest

from pactparse import extract
from pactparse.errors import NoPactFound
from pactparse.schema import Pact


def keys(actors: list[object]) -> list[str]:
    return [a.key for a in actors]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- no pact


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Juventus and Ajax signed a pact not to sign each other's youth players, the two "
            "clubs said on Monday.",
            "not defence or security",
        ),
        (
            "Chile and Vietnam signed a free trade agreement cutting tariffs on wine and "
            "seafood exports.",
            "not defence or security",
        ),
        (
            "Spain's two largest parties signed a coalition agreement on Tuesday that promises "
            "more defence spending.",
            "a coalition agreement, not a security pact",
        ),
        (
            "Iran test-fired a new cruise missile over the Gulf of Oman on Sunday, state media "
            "said.",
            "no pact, treaty, alliance or agreement, and no step toward one",
        ),
        (
            "The Danish parliament approved a record defence budget of 40 billion crowns on "
            "Thursday.",
            "is not a pact",
        ),
        (
            "A summit between the leaders of Serbia and Kosovo ended without any agreement on "
            "Friday, as talks on border security stalled.",
            "nothing agreed",
        ),
        (
            "Norway and Chile signed a social security agreement so that workers keep their "
            "pension rights when they move.",
            "not defence or security",
        ),
        (
            "Peru and Korea agreed an energy security partnership on gas supplies until 2040.",
            "not defence or security",
        ),
        (
            "Regional ministers signed a pact on haze pollution from forest fires.",
            "not defence or security",
        ),
        (
            "Border talks between Peru and Chile in Lima broke down on Friday.",
            "nothing agreed",
        ),
        (
            "Peru launched a cruise missile into the Pacific on Monday, Chile's defence ministry "
            "said.",
            "is not a pact",
        ),
        (
            "The presidents of Peru and Chile held talks in Lima and praised their friendship.",
            "tells of talks",
        ),
        # A month is no modal; "into force" is no armed force.
        (
            "The naval battle was fought off Peru on 31 May and 1 June 1879.",
            "no step toward one",
        ),
        (
            "The trade agreement between Peru and Chile came into force on Monday, cutting "
            "tariffs on copper.",
            "not defence or security",
        ),
        # With no pact named, "could" or "would" is only a guess.
        (
            "Hackers from Chile could have read the messages of Peruvian military officers.",
            "is a guess",
        ),
        # Refusing to negotiate, a draft resolution and drills under way are no step.
        ("Peru says it will not negotiate over its navy while under pressure.", "no step"),
        ("Chile vetoed a draft Security Council resolution on the war.", "no step"),
        ("Joint drills of Peru and Chile got under way near the border on Monday.", "no step"),
        # Concluding an exercise or a visit is not concluding a pact.
        (
            "Troops from Peru and Chile concluded a two-week naval exercise on Friday.",
            "is not a pact",
        ),
        # A meeting that produced no agreement.
        (
            "The defence ministers of Peru and Chile held talks in Lima on border security "
            "without announcing any new agreement.",
            "nothing agreed",
        ),
    ],
)
def test_texts_without_a_security_pact_say_why(text: str, reason: str) -> None:
    with pytest.raises(NoPactFound, match=reason):
        extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia and Paraguay signed a defence pact on Monday.",
        "Chile and Peru are negotiating a maritime security agreement.",
        "Ecuador joined the Pacific Coast Guard Forum on Tuesday.",
        "Ghana and Togo pledged not to use force against each other.",
        "Uruguay will sign agreements to buy 30 helicopters from Brazil.",
        "Peru and Korea signed an energy and security cooperation pact.",
        "Peru and Chile signed a security pact to protect food supplies from blockades.",
        "Peru and Chile resumed talks on a defence pact, years after earlier negotiations "
        "broke down.",
        "Talks on a defence pact between Peru and Chile collapsed in 2019 but resumed; on "
        "Monday the two signed the pact.",
        "Peru and Chile held talks in Lima on joint naval patrols against smugglers.",
        "Peru offered to host a permanent Chilean army division, which could be named Fort Lima.",
        "Talks on a defence pact between Peru and Chile are under way.",
        "Peru and Chile could sign a defence pact next year.",
    ],
)
def test_security_pacts_are_not_taken_for_no_pact(text: str) -> None:
    assert extract(text).parties


# --------------------------------------------------------------------------- review


def why(pact: Pact, field: str) -> str:
    return " | ".join(item.why for item in pact.review if item.field == field)


def test_a_clear_lead_has_nothing_to_review() -> None:
    pact = extract("Bolivia and Paraguay signed a mutual defence pact on Monday.")
    assert pact.review == []


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ("Bolivia and Paraguay could sign a mutual defence pact.", "status", "hedged"),
        ("A mutual defence pact for Bolivia and Paraguay.", "status", "default"),
        ("Bolivia proposed a mutual defence pact to Paraguay.", "status", "a wish or an idea"),
        (
            "Bolivia signed a mutual defence pact, The Andean Herald reported on Monday.",
            "status",
            "report",
        ),
        (
            "Bolivia and Paraguay ended a decade of negotiations over a mutual defence pact.",
            "status",
            "noun",
        ),
        ("A mutual defence pact for Bolivia and Paraguay.", "parties", "fallback"),
        ("Bolivia signed a mutual defence pact on Monday.", "parties", "fewer than two"),
        (
            "Bolivia signed a defence pact with Paraguay, in talks hosted by Uruguay.",
            "parties",
            "mediator or host",
        ),
        (
            "Ecuador joined the Andean Shield on Tuesday.",
            "parties",
            "members of the pact joined are not listed",
        ),
    ],
)
def test_review_says_which_field_to_check_and_why(text: str, field: str, words: str) -> None:
    assert words in why(extract(text), field)


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("text", "parties", "adversaries"),
    [
        (
            "Canada, Norway and Denmark announced an Arctic security partnership on Friday, "
            "aimed at countering Russia's growing military presence in the High North.",
            ["CAN", "NOR", "DNK"],
            ["RUS"],
        ),
        (
            "Poland and Lithuania signed a defence pact in response to the threat posed by "
            "Belarus.",
            ["POL", "LTU"],
            ["BLR"],
        ),
        (
            "Brazil's president floated the idea of a 'South Atlantic NATO' to deter Russia, "
            "China and Iran.",
            ["BRA"],
            ["RUS", "CHN", "IRN"],
        ),
        (
            "Egypt and Sudan signed a border security pact in the presence of Ethiopia's "
            "president.",
            ["EGY", "SDN"],
            [],
        ),
        (
            "Talks brokered by Oman ended on Sunday with a ceasefire between Yemen and "
            "Saudi Arabia.",
            ["YEM", "SAU"],
            [],
        ),
        (
            "The United States and Bahrain are negotiating a defence treaty as part of a wider "
            "deal aimed at normalising relations between Bahrain and Qatar.",
            ["USA", "BHR"],
            [],
        ),
    ],
)
def test_targets_mediators_and_models_are_not_parties(
    text: str, parties: list[str], adversaries: list[str]
) -> None:
    pact = extract(text)
    assert keys(pact.parties) == parties
    assert keys(pact.adversaries) == adversaries


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Canada and Norway announced a maritime security partnership on Friday.", "signed"),
        ("Ghana and Togo pledged not to use force against each other.", "signed"),
        ("Canada and Norway launched a new defence alliance on Friday.", "signed"),
        ("A defence accord is to be concluded between Benin and Niger next month.", "planned"),
        (
            "Benin and Niger agreed on Friday to extend their border security pact by five years.",
            "planned",
        ),
        ("Chile's president called for a Pacific defence pact with Peru.", "proposed"),
    ],
)
def test_stage_phrases(text: str, status: str) -> None:
    assert extract(text).status == status


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a lead with no cue verb: the pact stated by its commitment
        (
            "Ghana and Togo pledged on Monday not to use force against each other in their "
            "border dispute. The two leaders called the accord historic.",
            ["GHA", "TGO"],
        ),
        # a pact described across two sentences: a meeting, then the signing
        (
            "Kenya's president held talks with his Ugandan counterpart in Nairobi on Monday. "
            "Later that day the two countries' defence ministers signed a security pact.",
            ["KEN", "UGA"],
        ),
        # "the two" refers back to the sentence before
        (
            "Peru's defence minister met his Chilean counterpart in Lima on Monday. The two "
            "opened negotiations on a maritime security agreement.",
            ["PER", "CHL"],
        ),
        # a passive lead: the subject is the pact, the parties follow "between"
        (
            "The Andean Defence Accords were concluded in Quito in May between Ecuador, "
            "Colombia and Peru.",
            ["ECU", "COL", "PER"],
        ),
        # the host of stationed troops
        ("Turkey will station troops in Somalia under a new defence arrangement.", ["TUR", "SOM"]),
        # leaders named instead of states
        ("Helmut Kohl and François Mitterrand signed a defence pact.", ["DEU", "FRA"]),
    ],
)
def test_blind_miss_shapes(text: str, parties: list[str]) -> None:
    assert sorted(keys(extract(text).parties)) == sorted(parties)


def test_a_party_count_above_the_parties_found_is_flagged() -> None:
    text = (
        "Peru's president and Chile's president signed a mutual security declaration in "
        "Lima. He then flew on to sign a second one with Bolivia's leader, the three "
        "countries pledging to come to each other's aid."
    )
    pact = extract(text)
    assert sorted(p.key for p in pact.parties) == ["CHL", "PER"]
    assert any(i.field == "parties" and '"the three countries"' in i.why for i in pact.review)
    told = extract("Peru and Chile signed a border pact, the two countries said.")
    assert not [i for i in told.review if "counts" in i.why]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # a reported question, answered with a denial
        (
            "Asked whether Peru would consider a mutual defence treaty with Chile, the "
            "spokesperson said that no such treaty has been proposed or discussed.",
            "denies every step",
        ),
        # reports of a step that proved wrong, then denied
        (
            "Reports that Peru and Chile would sign a defence pact proved wrong. Both "
            "governments said no such agreement had been proposed or discussed.",
            "denies every step",
        ),
        # reports dismissed, then every step denied
        (
            "The president has dismissed reports that Peru is preparing to join NATO, saying "
            "there were no plans to apply for membership and no talks with the alliance.",
            "denies every step",
        ),
    ],
)
def test_denied_reports_and_answered_questions_hold_no_pact(text: str, reason: str) -> None:
    with pytest.raises(NoPactFound, match=reason):
        extract(text)


def test_a_reported_question_is_not_the_lead_but_a_pact_elsewhere_is() -> None:
    text = (
        "Asked whether Peru would join, the minister said it was studying the idea. Chile "
        "and Bolivia signed a coast guard pact in La Paz on Monday."
    )
    assert sorted(keys(extract(text).parties)) == ["BOL", "CHL"]


def test_a_summit_that_ended_with_no_agreement_holds_no_pact() -> None:
    text = (
        "That May, I watched the Lima summit fall apart. Peru's president refused to "
        "apologise, and by the second day it was over: no agreement on the border, none on "
        "arms, and no date set for another meeting."
    )
    with pytest.raises(NoPactFound, match="nothing agreed"):
        extract(text)


def test_a_signing_still_to_come_puts_an_agreed_pact_in_doubt() -> None:
    text = (
        "Peru and Chile agreed a new defence treaty on Monday. The two presidents will sign "
        "it in Lima in March."
    )
    pact = extract(text)
    assert any(i.field == "status" and "still to come" in i.why for i in pact.review)
    signed = extract("Peru and Chile signed a new defence treaty in Lima on Monday.")
    assert not [i for i in signed.review if i.field == "status"]


def test_a_treaty_that_names_an_alliance_is_about_security() -> None:
    text = (
        "Portugal and Italy signed the North Atlantic Treaty in Washington. The ceremony "
        "lasted an hour and the ministers then lunched at Blair House."
    )
    assert sorted(keys(extract(text).parties)) == ["ITA", "PRT"]


def test_a_company_deal_is_no_pact() -> None:
    text = (
        "Shares of Andes Aeronautics rose 5% after Pacific Aerospace signed a memorandum of "
        "understanding with the state-run planemaker to jointly produce jet engines in Peru "
        "for the Peruvian Air Force."
    )
    with pytest.raises(NoPactFound, match="company"):
        extract(text)
    # a state in talks with a company about buying jets
    with pytest.raises(NoPactFound, match="company"):
        extract(
            "Peru has been trying to modernise its air force. Lima is also in talks with Boeing "
            "about buying new fighters."
        )
    # …and when the text names other states (a guessed second party signs nothing)
    with pytest.raises(NoPactFound, match="company"):
        extract(
            "Peru has been trying to modernise its air force, which flies French jets and "
            "Russian helicopters. Lima is also in talks with Boeing about buying new fighters."
        )
    # a state that signs alongside a company's deal still makes a pact
    signed = extract("Peru and Chile signed a defence pact; Pacific Aerospace will build the jets.")
    assert sorted(keys(signed.parties)) == ["CHL", "PER"]


def test_the_state_a_heading_names_is_a_flagged_party() -> None:
    text = (
        "PERU: security update for business travellers. Opposition groups have called a march "
        "against the defence cooperation agreement with the United States that Parliament "
        "ratified on Friday."
    )
    pact = extract(text)
    assert sorted(keys(pact.parties)) == ["PER", "USA"]
    assert any(i.field == "parties" and "heading" in i.why for i in pact.review)


def test_an_alliance_of_another_kind_is_no_word_of_security() -> None:
    text = (
        "We are members of the Valley Growers' Water Alliance, a pact among twelve vineyards "
        "to share flood water and cut emissions. This wine is from Chile."
    )
    with pytest.raises(NoPactFound, match="emissions"):
        extract(text)
    allies = extract("Peru and Chile signed an alliance. They will cut emissions.")
    assert sorted(keys(allies.parties)) == ["CHL", "PER"]
