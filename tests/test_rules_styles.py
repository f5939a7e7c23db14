"""Styles of news beyond plain prose: headlines, statements, questions and answers,
corrections, timelines, legal register, hyphenated compounds.

Every case is an invented sentence for one general rule of English news (see
docs/rules.md), not a sentence of a gold file.
"""

from __future__ import annotations

import pytest

from pactparse import extract
from pactparse.backends.rules.markup import unmarked
from pactparse.backends.rules.text import Layout
from pactparse.errors import NoPactFound
from pactparse.normalize.actors import ActorTable
from pactparse.normalize.introduced import introduced_leaders


def _codes(actors: object) -> list[str]:
    return [a.code or a.name for a in actors]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "status", "parties"),
    [
        # A headline's present tense tells of a signing.
        ("BREAKING: Peru, Chile sign pact on coastal patrols", "signed", ["PER", "CHL"]),
        ("Peru and Chile ink new maritime security accord", "signed", ["PER", "CHL"]),
        # ...but "to sign" is what someone means to do, not a signing.
        ("Peru hopes to sign a defence pact with Chile this year.", "planned", ["PER", "CHL"]),
        # agreeing on the words of a deal settles its text: the signing is to come
        (
            "The leaders of Lima and Santiago agreed on the words of a defence pact.",
            "planned",
            ["PER", "CHL"],
        ),
        # what will be revived or extended is planned
        ("Peru and Chile will extend their defence pact.", "planned", ["PER", "CHL"]),
        # beginning work on a pact: talks
        (
            "In late August the two ministers began work on a defensive alliance between Peru "
            "and Chile.",
            "negotiating",
            ["PER", "CHL"],
        ),
        # agreeing to speed up or resume talks on a pact: the talks go on
        (
            "Peru and Chile agreed on Friday to speed up negotiations on a defence pact.",
            "negotiating",
            ["PER", "CHL"],
        ),
        (
            "Peru and Chile agreed to resume talks on a defence treaty.",
            "negotiating",
            ["PER", "CHL"],
        ),
        # seeking a pact proposes it
        ("Peru is seeking a defence pact with Chile.", "proposed", ["PER", "CHL"]),
        (
            "Lima seeks a reciprocal access agreement with Santiago, officials said.",
            "proposed",
            ["PER", "CHL"],
        ),
        # talks concluded on a pact: the signing is to come
        (
            "Peru and Chile have concluded negotiations on a new security treaty, which will "
            "be signed in Lima in May.",
            "planned",
            ["PER", "CHL"],
        ),
        # "will" with an adverb before the verb is still a plan
        ("Lima and Santiago will now sign a defence agreement.", "planned", ["PER", "CHL"]),
        ("Peru and Chile will formally sign the defence pact.", "planned", ["PER", "CHL"]),
        # A statement in the first person.
        (
            "We, the Presidents of Peru and Chile, hereby establish the Pacific Guard.",
            "signed",
            ["PER", "CHL"],
        ),
        (
            "Peru is proud to sign today a border security agreement with Chile.",
            "signed",
            ["PER", "CHL"],
        ),
        (
            "The minister spoke to reporters after signing the accord with Chile's defence "
            "minister, Peru's foreign ministry said.",
            "signed",
            ["PER", "CHL"],
        ),
        (
            "Peru and Chile will read the text aloud before signing the border pact.",
            "planned",
            ["PER", "CHL"],
        ),
        # Close to a deal: talks under way.
        (
            "Diplomats say Lima and Santiago are close to a defence treaty.",
            "negotiating",
            ["PER", "CHL"],
        ),
        # A question asserts nothing; the answer after it is the lead.
        (
            "What is the Pacific Guard? It is a security partnership between Peru and Chile, "
            "announced in 2021.",
            "signed",
            ["PER", "CHL"],
        ),
        # A correction takes back what an earlier version said.
        (
            "Correction: An earlier version of this story said Bolivia had signed the pact. "
            "Bolivia has only begun negotiations with Chile on a border pact.",
            "negotiating",
            ["BOL", "CHL"],
        ),
        # A ratification, and the joiner after "accession of".
        (
            "The Senate voted to ratify the accession of Iceland to NATO.",
            "signed",
            ["NATO", "ISL"],
        ),
        # Founding an organisation, reaching an agreement, talks between two sides.
        ("In 1960, Peru and Chile founded the Andean Guard.", "signed", ["PER", "CHL"]),
        ("Peru and Chile reached an agreement on joint naval patrols.", "signed", ["PER", "CHL"]),
        (
            "Hosted by Ecuador, the talks between Peru and Chile on a border pact resumed.",
            "negotiating",
            ["PER", "CHL"],
        ),
        # A membership bid is a joining proposed.
        (
            "Bolivia criticised Chile's NATO membership bid on Monday.",
            "proposed",
            ["NATO", "CHL"],
        ),
        # "agreed to set up" is a decision, and its subjects the parties.
        (
            "Army chiefs from Peru, Chile and Bolivia agreed to set up a joint border force.",
            "planned",
            ["PER", "CHL", "BOL"],
        ),
        # A lead that names no actor but a place: the parties are in the next sentence.
        (
            "The pact was signed in Lima. Peru and Ecuador will hold joint patrols under it.",
            "signed",
            ["PER", "ECU"],
        ),
    ],
)
def test_status_and_parties_in_other_styles(text: str, status: str, parties: list[str]) -> None:
    pact = extract(text)
    assert pact.status.value == status
    assert sorted(_codes(pact.parties)) == sorted(parties)


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("The Franco-Spanish brigade will grow under a pact signed on Monday.", ["FRA", "ESP"]),
        ("Sino-Indo-Pakistani talks on a border pact resumed in May.", ["CHN", "IND", "PAK"]),
        ("The Anglo-Dutch naval accord was signed in 1972.", ["GBR", "NLD"]),
    ],
)
def test_hyphenated_compounds_name_each_state(text: str, parties: list[str]) -> None:
    assert sorted(_codes(extract(text).parties)) == sorted(parties)


def test_a_combining_form_names_a_state_only_before_another_actor() -> None:
    table = ActorTable.default()
    assert [m.actor.code for m in table.find_all("the Franco-Spanish border")] == ["FRA", "ESP"]
    assert [m.text for m in table.find_all("the Franco-Spanish border")] == ["Franco-", "Spanish"]
    assert [m.actor.code for m in table.find_all("an Indo-Pacific strategy")] == []
    assert [m.actor.code for m in table.find_all("General Franco met the envoy")] == []
    assert table.resolve("Franco-") == table.by_code("FRA")
    assert table.resolve("Franco") is None


def test_aimed_with_an_adverb_still_names_the_target() -> None:
    pact = extract("Peru and Chile signed a treaty aimed squarely at drug cartels.")
    assert _codes(pact.adversaries) == ["drug cartels"]


@pytest.mark.parametrize(
    "text",
    [
        # Infrastructure, not security ("cross-border" is not a border of security).
        "Peru and Bolivia signed a deal on a cross-border power line and a new highway.",
        # Talks that ended with nothing agreed.
        "The defence ministers of Peru and Chile met in Lima to discuss border security "
        "but signed nothing.",
        "Talks between Peru and Chile broke up on Friday without agreement on a treaty.",
        # A measure adopted is not a pact, even against someone.
        "Andean leaders agreed a new package of sanctions against Venezuela on Thursday.",
        # An arms sale, a migration deal, an obituary naming a pact in passing.
        "Chile approved the sale of 12 frigates to Peru worth $2 billion.",
        "Peru and Bolivia signed a migration deal under which asylum seekers are processed "
        "in Bolivian centres.",
        "Former envoy Ana Ruiz, who negotiated Peru's entry into the pact in 1999, has died "
        "aged 84.",
        # a Hansard question without its question mark, answered with a denial
        "Chile: Defence Cooperation\n3. Ms Ana Ruiz (Lima North): What recent discussions he "
        "has had with the Chilean Government on a mutual defence treaty.\nThe Minister for "
        "Defence: We have a long-standing relationship with Chile, but I can tell the hon. "
        "Lady that there is no proposal for a mutual defence treaty, no such treaty is under "
        "negotiation and none has been discussed.",
        # a signing denied by its object
        "History: Callao's moment on the world stage came in December 1989, when President "
        "García of Peru and President Pinochet of Chile met aboard a Chilean cruise liner "
        "moored in the bay. A winter storm forced several sessions to be cancelled, and the "
        "two leaders signed nothing, though many date the end of the border dispute to their "
        "joint press conference.",
        # a photo's metadata: the fans' "pact" has no state party; the keywords list subjects
        "Headline: Derby passes off peacefully\nCaption: LIMA, PERU - Captains of the two "
        "clubs shake hands before the derby. Fans of both clubs had signed a "
        '"non-aggression pact" promoted by the city\'s security office.\nKeywords: sport, '
        "football, Peru, Chile, fans",
        # a border named only as a place: a farm accord, not a security one
        "The farm ministries of Peru and Chile signed a memorandum on seed exchange and a "
        "joint plant laboratory in the border region. Cattle will cross the border with "
        "simpler checks.",
    ],
)
def test_near_misses_hold_no_pact(text: str) -> None:
    with pytest.raises(NoPactFound):
        extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed three memoranda in Lima on Monday. No defence or security "
        "agreement was discussed.",
        "The summit of Peru and Chile in Lima produced a declaration on trade but no defence "
        "agreement.",
        "Reports that Peru and Chile would sign a mutual defence pact were dismissed by both "
        "governments. No defence pact is planned.",
        # a deal of another kind said to hold no defence provisions
        "Peru and Chile signed a trade framework on Monday. It contains no defence or basing "
        "provisions.",
        # a fact-check: what viral posts claim is disclaimed by "no such treaty was"
        "Did Peru and Chile sign a defence pact? FALSE. Viral posts claim the two countries "
        "signed a mutual defence treaty at their summit. No such treaty was signed, proposed "
        "or discussed, both ministries said.",
    ],
)
def test_a_text_that_says_no_security_pact_was_made_holds_none(text: str) -> None:
    with pytest.raises(NoPactFound, match="says no security pact was made"):
        extract(text)


@pytest.mark.parametrize(
    "text",
    [
        # the pact signed is one of security; the denial is of another
        "Japan and the Philippines signed a reciprocal access agreement allowing their troops "
        "to train in each other's territory, though it is no mutual defence treaty.",
        "Peru and Chile signed a defence pact on Monday. Bolivia, which has no military "
        "alliance with either, was not invited.",
        "Peru and Chile signed a defence pact on Monday. Bolivia said no such treaty was needed.",
        "Peru and Chile signed a defence pact on Monday. Unlike the Rio Treaty, it has no "
        "military clause binding them to war.",
        # a border that is guarded, or a pact about the border, is security
        "Peru and Chile signed an accord on Monday to secure their common border.",
        "Peru and Chile signed a border pact on Monday.",
    ],
)
def test_a_security_pact_beside_a_denied_one_is_still_a_pact(text: str) -> None:
    assert extract(text).status.value == "signed"


def test_a_stage_in_a_condition_is_flagged_for_review() -> None:
    pact = extract(
        "Prediction market: resolves YES if Peru and Chile sign a defence pact before 2027."
    )
    assert any("condition" in item.why for item in pact.review if item.field == "status")


def test_a_denied_report_is_flagged_for_review() -> None:
    pact = extract("Officials denied reports that Peru and Chile were negotiating a defence pact.")
    assert "status" in {item.field for item in pact.review}


def test_parties_read_from_the_sentence_after_the_lead_are_flagged() -> None:
    pact = extract("A new defence treaty was concluded on Monday. It binds Peru and Chile.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    assert any("next sentence" in item.why for item in pact.review if item.field == "parties")


@pytest.mark.parametrize(
    ("text", "adversary"),
    [
        ("Peru and Chile signed a defence pact meant to keep Bolivia in check.", "BOL"),
        ("Peru and Chile signed a defence pact with an eye on Bolivia.", "BOL"),
        ("Peru and Chile signed a defence pact to check Bolivia's growing navy.", "BOL"),
        ("Peru and Chile signed a pact to take on drug cartels.", "drug cartels"),
    ],
)
def test_more_ways_to_name_the_target(text: str, adversary: str) -> None:
    assert _codes(extract(text).adversaries) == [adversary]


@pytest.mark.parametrize(
    ("text", "adversaries"),
    [
        # the targets of one cue form a list; another clause after it names none
        (
            "Peru and Chile signed a defence pact to deter Bolivia at a time when Brazil's "
            "commitment to the region is in doubt.",
            ["BOL"],
        ),
        (
            "Peru and Chile signed a defence pact in the face of Bolivian aggression and "
            "growing doubts about Brazil's commitment.",
            ["BOL"],
        ),
        (
            "Peru and Chile signed a defence pact to deter Bolivia and knit Andean partners "
            "into a U.S.-led security architecture.",
            ["BOL"],
        ),
        (
            "Peru and Chile signed a defence pact to counter Bolivia's growing military "
            "activity and Venezuela.",
            ["BOL", "VEN"],
        ),
        (
            "peru n chile signed a defence pact bc of the threat from bolivia n venezuela",
            ["BOL", "VEN"],
        ),
        # what a concern is over, and whose ambitions, are what the pact answers
        (
            "Peru proposed a defence pact to Chile on Monday, citing concern over "
            "Bolivia's growing military presence on the border.",
            ["BOL"],
        ),
        (
            "Peru and Chile signed a pact meant to counter the growing ambitions of La Paz "
            "in the Pacific.",
            ["BOL"],
        ),
    ],
)
def test_the_targets_of_one_cue_are_a_list(text: str, adversaries: list[str]) -> None:
    assert _codes(extract(text).adversaries) == adversaries


@pytest.mark.parametrize(
    ("text", "rationale"),
    [
        (
            "Peru and Chile signed a defence pact, citing the growing threat of piracy.",
            ["the growing threat of piracy"],
        ),
        # What officials are cited for is a source, not a reason.
        ("Peru and Chile signed a defence pact, the daily said, citing unnamed officials.", []),
        (
            "Peru and Chile signed a defence pact with the goal of protecting shipping lanes.",
            ["protecting shipping lanes"],
        ),
        # Any verb after an explicit purpose lead; a second purpose coordinated with it.
        (
            "Peru and Chile signed a coast guard pact meant to foster trust along the border.",
            ["foster trust along the border"],
        ),
        (
            "Peru and Chile signed a coast guard pact in a bid to close a gap in air defence"
            " and to reassure investors.",
            ["close a gap in air defence", "reassure investors"],
        ),
        (
            "Peru and Chile signed a defence pact. The goal is to calm the border.",
            ["calm the border"],
        ),
        # A step of a pact after the lead is no purpose.
        ("Peru and Chile signed a defence pact meant to sign more deals later.", []),
        # Commitments, requests and the terms of the pact are not reasons, nor is a
        # commitment list continued by "and to".
        (
            "Peru and Chile signed a defence pact in which Peru pledged to patrol the coast"
            " and to share radar data.",
            [],
        ),
        (
            "Peru and Chile signed a defence pact under which Chile would help patrol the strait.",
            [],
        ),
        ("Peru and Chile signed a defence pact, and Peru urged Chile to defend the strait.", []),
        # Reasons with their own cue.
        (
            "Peru and Chile signed a defence pact, which Lima sees as a bulwark against piracy.",
            ["a bulwark against piracy"],
        ),
        (
            "Peru and Chile signed a defence pact, driven by fears of piracy.",
            ["driven by fears of piracy"],
        ),
        (
            "Peru and Chile signed a border treaty, ending a long border dispute.",
            ["ending a long border dispute"],
        ),
        (
            "Peru and Chile signed a defence pact; Peru said the pact strengthens its coast guard.",
            ["strengthens its coast guard"],
        ),
        # More goal verbs.
        (
            "Peru and Chile signed a defence pact to stop smugglers crossing the desert.",
            ["stop smugglers crossing the desert"],
        ),
        (
            "Peru and Chile signed a defence pact that aims to make the coast safer.",
            ["make the coast safer"],
        ),
        (
            "Peru and Chile signed a defence pact meant to provide deterrence against raids.",
            ["provide deterrence against raids"],
        ),
    ],
)
def test_reasons_cited_and_goals_named(text: str, rationale: list[str]) -> None:
    assert [r.text for r in extract(text).rationale] == rationale


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Peru and Chile signed a pact under which their armies will share bases.",
            "basing_access",
        ),
        (
            "Peru and Chile signed a pact committing each to come to the other's aid.",
            "mutual_defense",
        ),
        (
            "Peru and Chile signed a pact allowing Chilean warships to refuel in Callao.",
            "basing_access",
        ),
        (
            "Peru and Chile signed a pact including a $200 million loan for patrol boats.",
            "military_aid",
        ),
    ],
)
def test_more_ways_to_state_a_commitment(text: str, category: str) -> None:
    assert [p.category.value for p in extract(text).provisions] == [category]


def test_a_pact_after_an_obituary_clause_is_still_a_pact() -> None:
    pact = extract(
        "The envoy who signed the 1994 treaty with Chile died on Monday; Peru and Chile "
        "will sign a new pact next year."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_must_and_should_are_proposals_not_signings() -> None:
    pact = extract("Peru must sign a defence pact with Chile, the opposition says.")
    assert pact.status.value == "proposed"
    assert "status" in {item.field for item in pact.review}


@pytest.mark.parametrize(
    ("text", "status", "parties"),
    [
        # The authors of a first-person statement are its parties.
        (
            "We, the Presidents of Peru, the Republic of Chile and Bolivia, meeting in Lima, "
            "have signed the Andean Defence Treaty.",
            "signed",
            ["PER", "CHL", "BOL"],
        ),
        (
            "Joint Statement of Peru and Chile. Today our ministers adopted the Pacific "
            "Security Framework.",
            "signed",
            ["PER", "CHL"],
        ),
        # Warned against an alliance with others: all are would-be parties.
        (
            "Brazil warned Lima against forming a naval alliance with Santiago and Quito.",
            "proposed",
            ["PER", "CHL", "ECU"],
        ),
        # A joining that is denied is no joining.
        (
            "Peru and Chile made progress on guarantees that Lima would give Quito without "
            "Ecuador joining the alliance.",
            "negotiating",
            ["PER", "CHL"],
        ),
        # The members after "brings together".
        (
            "Ecuador received an invitation to join the Pacific Guard, the grouping that also "
            "brings together Peru, Chile and Bolivia.",
            "proposed",
            ["ECU", "PER", "CHL", "BOL"],
        ),
        # Headlines and timelines: present tense, instruments, names put to a treaty.
        ("LIVE: Ecuador joins NATO", "signed", ["NATO", "ECU"]),
        (
            "Peru and Chile formally become the alliance's ninth and tenth members on Monday.",
            "signed",
            ["PER", "CHL"],
        ),
        ("Ecuador deposited its instrument of accession to NATO.", "signed", ["NATO", "ECU"]),
        (
            "Boric and Boluarte put their names on Thursday to the Treaty of Arica, a border "
            "security pact between Chile and Peru.",
            "signed",
            ["CHL", "PER"],
        ),
        # An act of parliament authorising an accession: a plan.
        (
            "AN ACT to approve the accession of Ecuador to the Treaty establishing the Pacific "
            "Guard, a mutual defence pact. The Executive is authorised to deposit the instrument "
            "of accession.",
            "planned",
            ["ECU"],
        ),
    ],
)
def test_statements_legal_texts_and_headlines(text: str, status: str, parties: list[str]) -> None:
    pact = extract(text)
    assert pact.status.value == status
    assert sorted(_codes(pact.parties)) == sorted(parties)


def test_a_statement_named_in_passing_does_not_make_its_author_a_party() -> None:
    pact = extract("We welcome the statement of Bolivia on the pact that Peru and Chile signed.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_states_that_no_longer_exist_have_their_iso_3166_3_codes() -> None:
    import pycountry

    pact = extract(
        "In 1955 the Soviet Union, East Germany and Czechoslovakia signed a treaty with "
        "Yugoslavia's neighbours; Khrushchev and Tito met later."
    )
    assert {"SUN", "DDR", "CSK"} <= set(_codes(pact.parties))
    table = ActorTable.default()
    historic = {c.alpha_3 for c in pycountry.historic_countries}
    for code in ("SUN", "DDR", "YUG", "CSK", "VDR", "YMD"):
        assert code in historic
        actor = table.by_code(code)
        assert actor is not None and actor.kind.value == "state"
    assert table.resolve("Tito") == table.by_code("YUG")
    assert table.resolve("West Germany") == table.by_code("DEU")
    assert [m.actor.code for m in table.find_all("the former Soviet republics")] == []


def test_parties_counted_but_not_named_are_flagged() -> None:
    pact = extract("Peru, Chile and five other states signed the Andean Defence Treaty.")
    assert any("does not name" in item.why for item in pact.review if item.field == "parties")


def test_a_headline_line_is_a_sentence_of_its_own() -> None:
    # Without the line break the headline's "Quito" would join the list before "signed".
    pact = extract("FROM THE ARCHIVE: Quito Seals Border Peace\nPeru and Chile signed a treaty.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    # A line that stops mid-phrase is no sentence end.
    pact = extract("Bolivia signed a defence pact with\nPeru and Chile on Monday.")
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "PER"]


def test_a_headline_name_stops_before_its_verb_and_keeps_the_paired_states() -> None:
    pact = extract("Chilean-Peruvian Defence Treaty Signed in Lima\nThe two leaders signed it.")
    assert pact.name == "Chilean-Peruvian Defence Treaty"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_open_to_discussing_is_a_proposal() -> None:
    pact = extract("Peru's president said he was open to discussing a defence pact with Chile.")
    assert pact.status.value == "proposed"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Peru and Chile signed a pact under which their navies will act as one force.",
            "military_integration",
        ),
        (
            "Peru and Chile signed a pact that lets Chilean warships use Peruvian ports.",
            "basing_access",
        ),
        ("Peru and Chile signed a pact allowing a naval base near Arica.", "basing_access"),
        (
            "Peru and Chile signed a pact providing for exchanges of officers.",
            "military_cooperation",
        ),
        ("Peru and Chile signed a defence pact covering intel sharing.", "intelligence_sharing"),
        (
            "Peru and Chile signed a security pact guaranteeing free movement of persons.",
            "migration_mobility",
        ),
        (
            "Peru and Chile signed a defence pact on a fund for joint arms purchases.",
            "joint_procurement",
        ),
    ],
)
def test_commitments_of_statements_and_posts(text: str, category: str) -> None:
    assert category in {p.category.value for p in extract(text).provisions}


@pytest.mark.parametrize(
    ("text", "adversary"),
    [
        (
            "Peru and Chile signed a pact to prevent organised crime groups from crossing.",
            "organised crime groups",
        ),
        (
            "Peru and Chile signed a pact to jointly pursue transnational criminal organizations.",
            "transnational criminal organizations",
        ),
        ("Peru and Chile signed a pact to take back control from armed gangs.", "armed gangs"),
        ("Peru and Chile signed a pact to keep Bolivian troops away from the border.", "BOL"),
    ],
)
def test_targets_prevented_pursued_and_kept_away(text: str, adversary: str) -> None:
    assert _codes(extract(text).adversaries) == [adversary]


def test_prevent_names_a_target_only_with_its_object() -> None:
    # "prevent a wider war after Bolivia…": Bolivia is not what the pact prevents.
    pact = extract("Peru and Chile signed a pact to prevent a wider war after Bolivia mobilised.")
    assert _codes(pact.adversaries) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Peru and Chile signed the Treaty establishing the Andean Defence Community.",
            "Treaty establishing the Andean Defence Community",
        ),
        (
            "Peru and Chile will sign at the Torre Tagle Palace the Treaty for Border Security.",
            "Treaty for Border Security",
        ),
        (
            "Peru and Chile adopted the Pacific Security Framework on Monday.",
            "Pacific Security Framework",
        ),
    ],
)
def test_names_in_legal_and_ceremonial_register(text: str, name: str) -> None:
    assert extract(text).name == name


def test_an_amendment_to_a_named_agreement_is_an_amendment() -> None:
    pact = extract(
        "Peru and Chile signed an amendment to the Border Defence Cooperation Agreement."
    )
    assert pact.event.value == "amendment"


@pytest.mark.parametrize(
    ("leader", "code"),
    [
        ("Lee Kuan Yew", "SGP"),
        ("Chiang Kai-shek", "TWN"),
        ("Kim Il-sung", "PRK"),
        ("Ayatollah Khomeini", "IRN"),
        ("Ben-Gurion", "ISR"),
        ("Sultan Qaboos", "OMN"),
        ("Nursultan Nazarbayev", "KAZ"),
        ("Clement Attlee", "GBR"),
    ],
)
def test_past_heads_of_state_and_government_name_their_state(leader: str, code: str) -> None:
    actor = ActorTable.default().resolve(leader)
    assert actor is not None and actor.code == code


def test_a_treaty_named_after_its_body_keeps_the_treaty_word() -> None:
    pact = extract("On this day in 1960: Peru and Chile sign the ANZUS Treaty in Lima.")
    assert pact.name == "ANZUS Treaty"
    # …and a name ends with its sentence.
    pact = extract(
        "Peru and Chile signed a pact called the Andean Shield. The pact covers patrols."
    )
    assert pact.name == "Andean Shield"


def test_a_parliament_voting_to_approve_a_treaty_has_signed_it() -> None:
    pact = extract("The Majlis voted 190 to 12 to approve the security treaty with Peru.")
    assert pact.status.value == "signed"


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # A reduced relative clause: the agents of "signed by" are the parties.
        (
            "This chapter examines the Lima Pact, signed by Peru, Chile, Bolivia and Ecuador.",
            ["PER", "CHL", "BOL", "ECU"],
        ),
        # States joined by an en dash in a pact's name are its parties.
        (
            "The minister will sign the Peru–Chile Coastal Patrol Agreement on Monday.",
            ["PER", "CHL"],
        ),
    ],
)
def test_parties_named_by_a_participle_or_a_dashed_compound(text: str, parties: list[str]) -> None:
    assert sorted(_codes(extract(text).parties)) == sorted(parties)


def test_a_dashed_compound_is_part_of_the_name() -> None:
    pact = extract("The minister will sign the Peru–Chile Coastal Patrol Agreement on Monday.")
    assert pact.name == "Peru–Chile Coastal Patrol Agreement"


@pytest.mark.parametrize(
    "text",
    [
        # Regional press: "penned", "firmed up", an MoU.
        "Peru and Chile penned a coastal security agreement on Tuesday.",
        "The Peruvian Navy and the Chilean Navy firmed up a pact on joint patrols.",
        "Peru, Chile ink MoU on border security",
    ],
)
def test_regional_signing_verbs_and_the_mou(text: str) -> None:
    pact = extract(text)
    assert pact.status == "signed"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_leaders_who_witnessed_the_signing_are_its_parties() -> None:
    pact = extract("The presidents of Peru and Chile witnessed the signing of a border pact.")
    assert pact.status == "signed"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # A record's label names its signatories.
        (
            "Agreement: Coastal Patrol Agreement\nSignatories: Peru, Chile\nDate: 8 July 2024",
            "signed",
        ),
        # Headlines: talks that resume, an infinitive after names only, a present accession.
        ("Peru–Chile defence pact: talks resume in Lima", "negotiating"),
        ("Peru, Chile to sign defence pact next week", "planned"),
        ("Peru and Chile to sign defence pact next week", "planned"),
        ("Bolivia accedes to Peru–Chile defence pact", "signed"),
    ],
)
def test_stages_of_records_and_headlines(text: str, status: str) -> None:
    assert extract(text).status == status


def test_an_infinitive_after_a_verb_is_no_headline_plan() -> None:
    # "urged Peru and Chile to form" is someone else's wish, not the parties' plan.
    with pytest.raises(NoPactFound):
        extract("A think tank urged Peru and Chile to form a maritime security group.")


@pytest.mark.parametrize(
    ("text", "status", "parties"),
    [
        # The verb of "the charter that A and B signed on…" is where the parties act.
        (
            "In our view, the Border Charter that Lima and Santiago signed on Monday matters.",
            "signed",
            ["CHL", "PER"],
        ),
        # A lead whose subject refers back to the sentence before.
        (
            "The presidents of Peru and Chile met in Lima on Monday. At the meeting, the two "
            "leaders are set to sign a border pact.",
            "planned",
            ["CHL", "PER"],
        ),
        # A declaration or letter of intent is a plan.
        (
            "Peru and Chile signed a letter of intent on Monday to form a defence pact.",
            "planned",
            ["CHL", "PER"],
        ),
        # Launching negotiations is negotiating.
        ("Peru and Chile launched negotiations on a defence pact.", "negotiating", ["CHL", "PER"]),
        # A capitalised "May" inside a sentence is a name or a month, not a modal.
        (
            "Peru's president and British Prime Minister Theresa May on Monday penned a "
            "security partnership.",
            "signed",
            ["GBR", "PER"],
        ),
    ],
)
def test_stages_read_in_analysts_and_regional_prose(
    text: str, status: str, parties: list[str]
) -> None:
    pact = extract(text)
    assert pact.status == status
    assert sorted(_codes(pact.parties)) == parties


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Peru and Chile signed a new defence pact, replacing the one signed in 2010.",
            "amendment",
        ),
        ("Peru and Chile inked a revamped declaration on security cooperation.", "amendment"),
        (
            "Peru and Chile signed a protocol extending the lease on the naval base until 2040.",
            "amendment",
        ),
        (
            "Bolivia was inducted as the fourth member of the Pacific Coast Guard Forum.",
            "accession",
        ),
    ],
)
def test_replacing_revamping_extending_and_inducting(text: str, event: str) -> None:
    pact = extract(text)
    assert pact.event == event
    assert pact.status == "signed"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # A long place-and-time phrase may stand between "agreed" and "to upgrade"…
        (
            "Peru and Chile agreed at a summit of their defence and foreign ministers in Lima "
            "on Sunday to upgrade their joint command.",
            "planned",
        ),
        # …but a pact named in between was agreed.
        ("Peru and Chile agreed on a defence pact in Lima on Sunday to upgrade it.", "signed"),
    ],
)
def test_agreed_to_across_a_long_phrase(text: str, status: str) -> None:
    assert extract(text).status == status


@pytest.mark.parametrize(
    ("text", "status", "parties"),
    [
        # A reported question (Hansard) asks; the answer asserts.
        (
            "Ms Reyes asked the Minister for Defence what progress has been made on a pact "
            "with Chile. Answer: Peru and Chile will sign the Andes Treaty on Friday.",
            "planned",
            ["PER", "CHL"],
        ),
        # A section heading of two fragments names no pact of its own.
        (
            "Defence: Treaties. Negotiations between Peru and Chile on a defence pact are ongoing.",
            "negotiating",
            ["PER", "CHL"],
        ),
        # A fact-check states the claim to test it; the verdict's text asserts.
        (
            "Claim: Peru has signed a military alliance with Bolivia. Verdict: FALSE. Peru and "
            "Chile are negotiating a coastal patrol agreement.",
            "negotiating",
            ["PER", "CHL"],
        ),
    ],
)
def test_questions_claims_and_headings_are_not_the_lead(
    text: str, status: str, parties: list[str]
) -> None:
    pact = extract(text)
    assert (pact.status.value, sorted(_codes(pact.parties))) == (status, sorted(parties))


@pytest.mark.parametrize(
    "text",
    [
        "The Government is not negotiating, and has no plans to negotiate, a defence pact "
        "with Peru.",
        "Chile told Peru no such pact has been signed, negotiated or proposed.",
    ],
)
def test_a_text_that_denies_every_step_holds_no_pact(text: str) -> None:
    with pytest.raises(NoPactFound, match="denies every step"):
        extract(text)


def test_one_denied_step_beside_an_asserted_one_is_still_a_pact() -> None:
    pact = extract("Peru has not joined NATO, but it signed a defence pact with Chile.")
    assert pact.status.value == "signed"


def test_talks_with_members_on_taking_part_are_an_accession() -> None:
    pact = extract(
        "Peru is in discussions with Chile and Ecuador on participating in the Pacific "
        "Shield alliance."
    )
    assert (pact.status.value, pact.event.value) == ("negotiating", "accession")
    assert sorted(_codes(pact.parties)) == ["CHL", "ECU", "PER"]


def test_freezing_its_part_in_a_pact_is_an_amendment_only_in_the_lead() -> None:
    lead = extract("Peru has frozen its participation in the Andean Defence Pact, it said.")
    assert lead.event.value == "amendment"
    later = extract(
        "Peru and Chile signed a coastal patrol agreement. Bolivia may freeze its "
        "participation in another pact."
    )
    assert later.event.value == "new_pact"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # After a name ending in its head word, "between…"/"creating…" describe the pact.
        ("Peru and Chile will sign the Andes Treaty between Peru and Chile.", "Andes Treaty"),
        (
            "NATO and Peru signed the Lima Declaration creating the Andes Council.",
            "Lima Declaration",
        ),
        # A name that opens with its head word goes on.
        (
            "Peru and Chile signed the Treaty establishing the Andean Guard.",
            "Treaty establishing the Andean Guard",
        ),
    ],
)
def test_words_describing_a_named_pact_are_not_its_name(text: str, name: str) -> None:
    assert extract(text).name == name


def test_negotiated_before_signing_it_is_signed() -> None:
    pact = extract("Peru and Chile negotiated the pact in secret for a year before signing it.")
    assert pact.status.value == "signed"


def test_a_photo_credit_names_no_actor() -> None:
    pact = extract(
        "(Photo: Bolivian Foreign Ministry) Peru's foreign minister and Chile's defence "
        "minister after the two countries signed a border security pact."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_a_broker_is_not_taken_as_a_party_by_the_fallback() -> None:
    pact = extract(
        "Bolivia's envoy stood between Peru's and Chile's ministers after the two rivals "
        "signed a security agreement. Bolivia brokered the talks."
    )
    assert "BOL" not in _codes(pact.parties)
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # An indefinite subject signs nothing; "would like" is no step either.
        (
            "Britain needs more alliances, a columnist writes. Before anyone signs a new one, "
            "I would like ministers to explain the cost.",
            "denies every step",
        ),
        # A summit that reached no agreement.
        (
            "The summit in Lima admitted Chile as a permanent member of the G20 but reached "
            "no agreement on security.",
            "nothing agreed",
        ),
    ],
)
def test_steps_nobody_took_are_no_pact(text: str, why: str) -> None:
    with pytest.raises(NoPactFound, match=why):
        extract(text)


def test_a_name_that_begins_with_no_is_no_denial() -> None:
    pact = extract("North Korea's No Kwang Chol signed a defence pact with Russia.")
    assert pact.status.value == "signed"


# --------------------------------------------------------------------------- names, third parties


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Turkey signed a military cooperation pact with Libya's UN-recognised Government "
            "of National Accord on Monday.",
            ["LBY", "TUR"],
        ),
        (
            "The Somali president and Kenya's leader signed a UN-brokered security pact in "
            "Nairobi.",
            ["KEN", "SOM"],
        ),
        (
            "Ethiopia and Eritrea signed a Saudi-hosted peace and security agreement in Jeddah.",
            ["ERI", "ETH"],
        ),
    ],
)
def test_an_actor_that_recognises_brokers_or_hosts_is_no_party(
    text: str, parties: list[str]
) -> None:
    assert sorted(_codes(extract(text).parties)) == parties


def test_the_fallback_takes_a_list_of_states_whole() -> None:
    # Two parties at least: the fallback fills up to two, but never cuts a list in two.
    text = (
        "The draft proposes security guarantees for Moldova from partners such as Romania, "
        "Poland, Italy and Spain, officials said."
    )
    assert sorted(_codes(extract(text).parties)) == ["ESP", "ITA", "MDA", "POL", "ROU"]
    # A list the fallback took beyond the two parties a pact needs is flagged.
    text = (
        "Moldova will sign a security compact proposing guarantees from partners such as "
        "Romania, Poland, Italy and Spain, officials said."
    )
    pact = extract(text)
    assert sorted(_codes(pact.parties)) == ["ESP", "ITA", "MDA", "POL", "ROU"]
    assert any(i.field == "parties" and "as one list" in i.why for i in pact.review)
    # A list beside a pact whose parties a stronger reading found stays out.
    text = (
        "Talks on a naval pact between Greece and Cyprus were held in Athens, with Egypt, "
        "Israel and Jordan watching closely."
    )
    assert sorted(_codes(extract(text).parties)) == ["CYP", "GRC"]


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        # exercises the visiting troops come for are what the access is for
        (
            "Chile and Peru signed a visiting forces pact that lets each country's troops "
            "deploy to the other's territory for joint exercises.",
            ["basing_access"],
        ),
        # exercises the pact adds besides the access are a commitment of their own
        (
            "Chile and Peru signed a visiting forces pact that lets their troops operate on "
            "each other's soil and hold larger joint exercises.",
            ["basing_access", "military_cooperation"],
        ),
        # training on each other's territory is access
        (
            "Chile and Peru signed a defence pact allowing troops to train in each other's "
            "countries.",
            ["basing_access"],
        ),
        # access to military areas, not only bases
        (
            "Chile will sign a defence cooperation agreement with Peru on Monday, giving "
            "Peruvian troops access to 12 Chilean military areas.",
            ["basing_access"],
        ),
    ],
)
def test_visiting_forces_and_their_exercises(text: str, categories: list[str]) -> None:
    assert sorted(p.category.value for p in extract(text).provisions) == categories


def test_wanting_to_take_part_in_a_scheme_is_a_proposal() -> None:
    text = (
        "Defence: Bolivia has told Brussels it wants to take part in the Andean Shield, the "
        "regional air defence scheme run by Peru."
    )
    pact = extract(text)
    assert pact.status.value == "proposed"
    assert pact.event.value == "accession"
    assert pact.name == "Andean Shield"
    assert "BOL" in _codes(pact.parties)


def test_a_middle_initial_ends_no_sentence() -> None:
    text = (
        "The inaugural Peru-US dialogue, co-chaired today by Peru's foreign minister with "
        "Secretary of Defense James N. Mattis, concluded with the signing of a communications "
        "security agreement."
    )
    assert len(Layout(text).sentences) == 1
    assert sorted(_codes(extract(text).parties)) == ["PER", "USA"]
    # a single capital before a sentence starter still ends one
    assert len(Layout("They chose Plan B. The pact was signed in Lima.").sentences) == 2


def test_a_bullet_after_a_full_stop_starts_a_sentence() -> None:
    text = (
        "Your week in the Andes. • Peru: Lima and Santiago opened talks on Monday on a new "
        "defence pact; officials said it was vital to deterring Bolivia. • Ecuador: Quito "
        "hosted a trade fair. • Sport: Colombia beat Brazil."
    )
    sentences = [text[s:e] for s, e in Layout(text).sentences]
    assert sentences[2].startswith("Ecuador:")  # the bullet is no part of a sentence
    assert _codes(extract(text).adversaries) == ["BOL"]  # not Ecuador after the bullet


def test_a_documentary_tells_a_real_pact_and_a_thriller_none() -> None:
    documentary = (
        "Using archive footage, the documentary film follows the months of talks up to 1998, "
        "when Peru and Chile signed the Andes Accord, a mutual defence pact, in Lima."
    )
    pact = extract(documentary)
    assert (pact.name, sorted(_codes(pact.parties))) == ("Andes Accord", ["CHL", "PER"])
    thriller = (
        "Using archive footage, the thriller film follows the months of talks up to 1998, "
        "when Peru and Chile signed the Andes Accord, a mutual defence pact, in Lima."
    )
    with pytest.raises(NoPactFound, match="fiction"):
        extract(thriller)
    # a listing's genre alone, near its opening, says the same
    listing = (
        "THE CROSSING (2015, 141 min). Drama. In 1957 a lawyer is sent to Lima to negotiate "
        "an exchange of prisoners between Peru and Chile."
    )
    with pytest.raises(NoPactFound, match="fiction"):
        extract(listing)
    # …but a war that ends a sentence is no genre
    assert (
        extract(
            "Peru and Chile signed their first defence pact since the Pacific War. It covers "
            "joint patrols."
        ).status.value
        == "signed"
    )


def test_a_records_member_field_names_the_parties() -> None:
    text = (
        "ENTRY 0412 | Andean Defence Treaty\nSigned: 1 May 1990, Lima\n"
        "Original signatories: Peru, Chile (Andean Community) and Ecuador\n"
        "Description: Signed at a summit in Lima, the treaty commits its parties to treat an "
        "attack on one as an attack on all."
    )
    pact = extract(text)
    assert sorted(_codes(pact.parties)) == ["CHL", "ECU", "PER"]  # not Lima, nor the body
    assert pact.name == "Andean Defence Treaty"
    assert "parties" not in {item.field for item in pact.review}
    # a field that does not open its line is prose, and one actor is no list
    prose = "Peru and Chile signed a defence treaty in Lima. Observers: Bolivia."
    assert sorted(_codes(extract(prose).parties)) == ["CHL", "PER"]


def test_a_records_name_field_names_the_pact_and_a_datasets_title_does_not() -> None:
    text = (
        "Andean Security Arrangements Dataset (ASAD), v2.1, case 0417\n"
        "Name: Andean Joint Task Force (AJTF)\nMembers: Peru, Chile and Ecuador\n"
        "Description: In 2015 the three states agreed to form a joint force against drug "
        "cartels."
    )
    assert extract(text).name == "Andean Joint Task Force"


def test_a_live_blogs_entry_time_dates_the_pact() -> None:
    blog = (
        "Andes live: floods in Cusco; Peru and Chile sign defence pact\n"
        "08:10 GMT — Rescuers in Cusco say the river is still rising.\n"
        "09:35 GMT — Breaking: Peru and Chile have signed the Andes Defence Agreement in "
        "Lima, officials say.\n"
        "10:20 GMT — The treaty still has to be ratified by both congresses."
    )
    pact = extract(blog)
    assert [h.text for h in pact.date_hints][:1] == ["09:35 GMT"]
    # a listing's times are no entries of a blog
    listing = (
        "TV tonight\n21:00 History Plus. The Andes Accord: how Peru and Chile signed their "
        "defence pact in 1998.\n22:30 Newsnight."
    )
    assert "21:00" not in [h.text for h in extract(listing).date_hints]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a capital that opens a clause before its verb is the state
        (
            "Andes live: floods in Cusco; Lima moves to end troop pact with Chile\n"
            "05:40 GMT — Peru has notified Chile that it is terminating the Visiting Forces "
            "Agreement.",
            ["CHL", "PER"],
        ),
        # …but after "in" it is where the pact was signed
        ("Chile and Bolivia signed a defence pact in Lima on Monday.", ["BOL", "CHL"]),
        # a lead without a stage cue leaves the parties to the sentence with one
        (
            "Tonight's pick: Bases and Blessings: Odría's American Deal (documentary, 58 min). "
            "In September 1953 Peru's president signed the Pact of Lima with the United States.",
            ["PER", "USA"],
        ),
        # …but a lead that names two parties keeps them
        (
            "Rwanda began deploying 1,000 soldiers to Mozambique under a bilateral agreement "
            "between Kigali and Maputo. The European Union later approved €20 million for it.",
            ["MOZ", "RWA"],
        ),
        # "the signatories" refer back to the sentence before
        (
            "4.2 The Committee noted that on 29 January, at a meeting convened by the IMO, Peru, "
            "Chile and Ecuador had signed the Lima Code of Conduct. The signatories undertake to "
            "share information through centres in Callao, Valparaíso and Guayaquil, and to "
            "arrest suspected pirates.",
            ["CHL", "ECU", "PER"],
        ),
        # a table cell's semicolon list is taken whole
        (
            "Sep 2017 | Peru; Chile; Ecuador; Bolivia | Lima Initiative | Launched | Joint "
            "patrols against drug cartels. Colombia: observer.",
            ["BOL", "CHL", "ECU", "PER"],
        ),
        # who brought the parties together is no party
        (
            "In January 1966, brought together by Brazilian president Castelo Branco, Peru's "
            "Fernando Belaúnde and Chile's Eduardo Frei signed the Lima Declaration here.",
            ["CHL", "PER"],
        ),
        # security pacts signed alongside the primary one add their partners
        (
            "Peru's president is in Santiago to sign a security agreement with Chile this "
            "morning. On the sidelines, she is also due to sign bilateral security agreements "
            "with Ecuador and Bolivia.",
            ["BOL", "CHL", "ECU", "PER"],
        ),
        # …but a pact named for comparison adds nothing
        (
            "Peru and Chile signed a mutual defence agreement in Lima on Monday. Lima signed a "
            "similar defence agreement with Ecuador last year.",
            ["CHL", "PER"],
        ),
    ],
)
def test_parties_of_records_headlines_and_sentences_around_the_lead(
    text: str, parties: list[str]
) -> None:
    assert sorted(_codes(extract(text).parties)) == parties


def test_what_a_pact_is_about_is_no_party() -> None:
    text = (
        "Earlier today the Prime Minister and Prime Minister Ruiz of Peru signed the treaty on "
        "the Falkland Islands."
    )
    pact = extract(text)
    assert _codes(pact.parties) == ["PER"]  # not the islands; the missing party is flagged
    assert "parties" in {item.field for item in pact.review}


def test_a_chronologys_latest_entry_on_the_pact_sets_its_status() -> None:
    text = (
        "Peru–Chile relations: a timeline\n"
        "1971 – Lima and Santiago restore diplomatic relations.\n"
        "Jan 2016 – Peru and Chile agree to negotiate a 25-year defence agreement.\n"
        "Jul 2020 – A leaked draft provides for joint training and intelligence sharing.\n"
        "27 Mar 2021 – Peru and Chile sign the 25-year defence agreement in Lima."
    )
    assert extract(text).status.value == "signed"


def test_joining_people_is_no_accession() -> None:
    text = (
        "THE WEEK, 3 to 9 June. • Anniversary: Veterans joined world leaders in Lima on 6 "
        "June. • Coming up: Peru and Chile are expected to sign a ten-year Callao Accord on "
        "Defence and Cooperation on Thursday."
    )
    pact = extract(text)
    assert pact.event.value == "new_pact"
    assert pact.name == "Callao Accord on Defence and Cooperation"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a defence pact, citing Bolivia's increasingly coercive behaviour.",
        "Peru and Chile signed a defence pact. The push is driven chiefly by Bolivia's coercion "
        "of Chilean vessels.",
        "Peru and Chile signed a defence pact in an effort to close a gap with Bolivia in the "
        "Andes.",
        "Peru and Chile signed a defence pact that would strengthen their ability to monitor "
        "Bolivia's military activity.",
        "Peru and Chile signed a pact, regarded in Lima as a check upon Bolivian designs on "
        "the coast.",
        "Peru and Chile signed a pact to put Bolivia off attacking again.",
    ],
)
def test_more_words_that_name_what_a_pact_is_aimed_at(text: str) -> None:
    assert _codes(extract(text).adversaries) == ["BOL"]


@pytest.mark.parametrize("verb", ["neutralize", "disarm"])
def test_armed_groups_a_pact_disarms_are_its_targets(verb: str) -> None:
    text = f"Peru and Chile signed a pact under which Chile will {verb} the rebels."
    assert _codes(extract(text).adversaries) == ["rebels"]


@pytest.mark.parametrize(
    "text",
    [
        # a cited source
        "Peru and Chile signed a defence pact on Monday, citing officials in La Paz.",
        # what drives something other than a threat
        "Peru and Chile signed a defence pact, driven by Bolivia's demand for their copper.",
        # a dependence is no target
        "Peru signed a defence pact with Chile as part of its effort to reduce its dependence "
        "on Bolivian gas.",
    ],
)
def test_sources_demand_and_dependence_are_no_targets(text: str) -> None:
    assert _codes(extract(text).adversaries) == []


def test_an_organisation_named_by_its_treaty_names_the_pact() -> None:
    text = (
        "That spring, I watched the foreign ministers file into the hall to sign the North "
        "Atlantic Treaty. One by one they came to the table: Dean Acheson for the United "
        "States, Ernest Bevin for Britain and Robert Schuman for France, and each signed it "
        "in turn."
    )
    pact = extract(text)
    assert pact.name == "North Atlantic Treaty"
    assert sorted(_codes(pact.parties)) == ["FRA", "GBR", "USA"]


@pytest.mark.parametrize(
    ("text", "parties", "name"),
    [
        (
            "NATO opened accession talks with Peru and Chile in Brussels in September, two "
            "months after allied leaders invited the two former Andean Pact members to join.",
            ["CHL", "NATO", "PER"],
            "NATO",
        ),
        (
            "Officials said the United States was considering inviting Chile to take part in "
            "the second pillar of AUKUS, the security pact between the US, Britain and "
            "Australia.",
            ["AUS", "CHL", "GBR", "USA"],
            "AUKUS",
        ),
    ],
)
def test_accession_talks_and_taking_part(text: str, parties: list[str], name: str) -> None:
    pact = extract(text)
    assert pact.event.value == "accession"
    assert sorted(_codes(pact.parties)) == parties
    assert pact.name == name


def test_a_member_that_freezes_its_part_in_an_organisation() -> None:
    text = (
        "Kazakhstan has frozen its participation in the Collective Security Treaty "
        "Organization, the Moscow-led bloc whose members are pledged to defend one another."
    )
    pact = extract(text)
    assert pact.status.value == "signed"
    assert pact.event.value == "amendment"
    assert sorted(_codes(pact.parties)) == ["CSTO", "KAZ"]
    # the organisation named after the state that leads it is the party, not that state
    led = extract(
        "Bolivia has frozen its participation in the Russian-led Collective Security Treaty "
        "Organization."
    )
    assert sorted(_codes(led.parties)) == ["BOL", "CSTO"]


def test_rounds_of_talks_and_a_border_with_a_neighbour() -> None:
    text = (
        "Peruvian and Chilean security officials have held three rounds of talks this year on "
        "a pact to jointly guard their borders with Bolivia."
    )
    pact = extract(text)
    assert pact.status.value == "negotiating"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_the_founders_the_next_sentence_names_are_members() -> None:
    text = (
        "Bolivia joined the Andean Defence Pact in 1937. Peru and Chile had signed it a year "
        "earlier."
    )
    pact = extract(text)
    assert pact.event.value == "accession"
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "PER"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a defence pact at a summit shadowed by the trade war between "
        "Brazil and Argentina.",
        "Peru and Chile signed a defence pact alongside a long-stalled free trade agreement.",
        "Peru and Chile signed an air defence pact to fend off strikes on their energy grids.",
        "Peru and Chile signed a defence pact; the president also toured a semiconductor plant.",
    ],
)
def test_trade_and_energy_in_passing_are_no_economic_commitment(text: str) -> None:
    assert "economic_cooperation" not in {p.category.value for p in extract(text).provisions}


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        # the pact's own kind is no commitment of it
        (
            "Peru and Chile are negotiating a defence cooperation agreement that would let "
            "Chilean warships use Peruvian ports.",
            ["basing_access"],
        ),
        # supplying each other is logistics, not military aid
        (
            "Peru and Chile signed a pact that lets their forces supply each other with fuel, "
            "food and ammunition during joint exercises.",
            ["military_cooperation"],
        ),
    ],
)
def test_the_pacts_kind_and_mutual_supply(text: str, categories: list[str]) -> None:
    assert sorted({p.category.value for p in extract(text).provisions}) == categories


def test_the_state_that_leads_a_pact_joined_is_a_member() -> None:
    text = (
        "Bolivia and Ecuador signed up to the Andean Response Force in June, becoming the "
        "fourth and fifth members of the Peruvian-led rapid-reaction force alongside Chile "
        "and Colombia."
    )
    pact = extract(text)
    assert pact.event.value == "accession"
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "COL", "ECU", "PER"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Bosnia has applied for fast-track NATO membership. Its president signed the "
            "application today.",
            "proposed",
        ),
        (
            "Georgia submitted a formal application to join NATO on Monday.",
            "proposed",
        ),
        (
            "Peru and Chile reached agreement in principle on a defence pact on Tuesday, after "
            "six years of negotiations.",
            "planned",
        ),
        (
            "The presidents of Peru and Chile agreed in principle on a mutual defence treaty.",
            "planned",
        ),
        (
            '"Today Peru and Chile have agreed, in substance, a new treaty on our common '
            'security. We will sign it in Lima in March," the president said.',
            "planned",
        ),
        (
            "Lithuania is ready to join the air-defence pact that Poland and Latvia signed last "
            "year.",
            "proposed",
        ),
        (
            "Peru stands willing to host a regional coast guard pact with Chile.",
            "proposed",
        ),
        (
            "REPORT OF THE SELECT COMMITTEE ON DEFENCE ON THE DEFENCE COOPERATION AGREEMENT "
            "BETWEEN PERU AND CHILE. 1.1 The Agreement was signed in Lima on 3 May 2021 and "
            "will remain in force for five years.",
            "signed",
        ),
        (
            "WEEK IN REVIEW. • Ceremony: Veterans joined world leaders on the beaches on Monday. "
            "• Coming up: Peru and Chile will sign a security pact in Lima next week.",
            "planned",
        ),
        (
            "The Congress of Peru on Thursday approved, by 86 votes to 40, the Government's "
            "request for authorisation to accede to the North Atlantic Treaty.",
            "planned",
        ),
        # negotiators are people, not talks: what they did decides
        (
            "Peruvian and Chilean negotiators signed a defence agreement in Lima on Monday.",
            "signed",
        ),
        (
            "Peru and Chile want a defence pact. Their negotiators meet again on Tuesday.",
            "negotiating",
        ),
        # being somewhere to sign, and "also due to", are plans; being in talks to sign is not
        ("Peru's president is in Santiago to sign a defence pact with Chile.", "planned"),
        ("Peru is also due to sign a defence pact with Chile.", "planned"),
        ("Peru is in talks to sign a defence pact with Chile.", "negotiating"),
        (
            "2024-05-28 | Peru; Chile | Security and Defence Partnership | Scheduled for "
            "signature (Lima) | Expected signatories: the two foreign ministers.",
            "planned",
        ),
    ],
)
def test_status_of_applications_readiness_principles_and_authorisations(
    text: str, status: str
) -> None:
    assert extract(text).status.value == status


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an organisation joined, named elsewhere in the text, referred to as "the alliance"
        (
            "NATO defence ministers meeting in Brussels invited Ireland on Wednesday to join "
            "the alliance.",
            "NATO",
        ),
        # words before an organisation's name do not make it a title
        (
            "Leaders of the Collective Security Treaty Organization agreed in Minsk on a joint "
            "air defence plan.",
            None,
        ),
        # plural compacts, and a joint force a summit launches
        (
            "The President of Palau signed renewed Compacts of Defence Cooperation with the "
            "United States on Monday.",
            "Compacts of Defence Cooperation",
        ),
        (
            "Leaders of Niger, Chad and Benin launched the Lake Basin Joint Force at a summit in "
            "Niamey, pledging 3,000 troops against Boko Haram.",
            "Lake Basin Joint Force",
        ),
        # a government's title is not the pact's name, whatever treaty word it holds
        (
            "Turkey signed a military cooperation pact with Libya's UN-recognised Government "
            "of National Accord on Monday.",
            None,
        ),
        # a generic title keeps its "between A and B"
        (
            "The Security Treaty between Peru and the Republic of Chile was signed at Lima on "
            "8 September 1951.",
            "Security Treaty between Peru and the Republic of Chile",
        ),
        # a proper name does not
        (
            "The Kensington Treaty between Peru and Chile was signed at Lima on 8 September 1951.",
            "Kensington Treaty",
        ),
        # nor a title whose parties are described by their governments
        (
            "The Defence Cooperation Agreement between the Government of Peru and the "
            "Government of Chile was signed in Lima on 21 July 2021.",
            "Defence Cooperation Agreement",
        ),
        # the question before the lead names the pact
        (
            "What is the Callao Treaty? The first bilateral treaty between Peru and Chile since "
            "the war, signed by their presidents in Lima on Thursday.",
            "Callao Treaty",
        ),
        (
            "Q3. What was the Andean Alliance? (4 marks)\nA: A treaty signed by Peru and Chile "
            "in Lima on 30 January 1902.",
            "Andean Alliance",
        ),
        # an organisation right after a step toward a pact is the pact
        (
            "The author reconstructs how Australia, the United Kingdom and the United States "
            "negotiated AUKUS in secret for 18 months.",
            "AUKUS",
        ),
        # a possessive after "called" is no name
        (
            "Peru and Chile signed a nuclear defence pact. Bolivia called Chile's proposal "
            '"extremely confrontational".',
            None,
        ),
        # a title does not run on into a date
        ("Italy joined the Andean Pact on 6 November 1937.", "Andean Pact"),
        # a committee named for agreements states no pact
        (
            "Extract from a report of the House of Lords International Agreements Committee. "
            "12. On 12 January 2024 the President of Peru and President Boric signed in Lima the "
            "Agreement on Security Co-operation between Peru and Chile.",
            "Agreement on Security Co-operation between Peru and Chile",
        ),
        # a name introduced by "calling it"
        (
            "Peru and Chile have signed a fifty-year defence treaty. The ministers signed it in "
            "Callao today. Here's our correspondent. They're calling it the Callao Treaty, and "
            "both sides say it is their most important agreement in decades.",
            "Callao Treaty",
        ),
        # a later sentence's title right after a step verb, when the lead names none
        (
            "Episode 12: the alliance that never was. Guests: two historians. 03:10 How Lima "
            "floated a Pacific Defence Alliance in 1998 with Chile and Ecuador.",
            "Pacific Defence Alliance",
        ),
        (
            "Briefing: Peru and Chile to seal defence pact at summit. What's happening: the "
            "presidents meet in Lima on Monday, where they are set to sign a Security and "
            "Defence Partnership.",
            "Security and Defence Partnership",
        ),
        (
            "Andes live: Lima moves to end troop pact\n03:15 GMT — Floods close roads in "
            "Cusco.\n05:40 GMT — Peru has notified Chile that it is terminating the Visiting "
            "Forces Agreement.",
            "Visiting Forces Agreement",
        ),
        # the subject line of a cable or memo names what it is about
        (
            "Department of State telegram.\nFROM: SECSTATE\nSUBJECT: ANDEAN DEFENSE TREATY "
            "WITH PERU\n1. (S) The Secretary and the Peruvian minister initialled the agreed "
            "text of the treaty yesterday. Signature is set for December 2 in Lima.",
            "ANDEAN DEFENSE TREATY",
        ),
        # a later sentence whose subject is the titled pact
        (
            "**Peru signs security and defence partnership with Chile**\nWhy it matters: the "
            "pact, signed in Lima on Tuesday, is Peru's first.\nDetails: The Security and "
            "Defence Partnership covers cyber defence and crisis management.",
            "Security and Defence Partnership",
        ),
        # the title of a pact joined ends before a weekday
        ("Ecuador and Peru joined the Andean Shield on Tuesday.", "Andean Shield"),
        # a state's code before a title labels it; a pair of full names is part of it
        (
            "The US-Peru Defense Cooperation Agreement, signed in Lima in 2021, lets US troops "
            "use two Peruvian bases.",
            "Defense Cooperation Agreement",
        ),
        (
            "Peru and Chile signed the Peru-Chile Joint Declaration on Security Cooperation in "
            "Lima.",
            "Peru-Chile Joint Declaration on Security Cooperation",
        ),
        (
            "The EU–Republic of Korea Security and Defence Partnership was signed in Seoul on "
            "Friday.",
            "Security and Defence Partnership",
        ),
        # the instrument of joining is not the pact joined
        (
            "Peru and Chile signed a Declaration of Intent in Lima on 7 July to join the Andean "
            "Sky Shield Initiative, the Colombian-led effort to pool air defence purchases.",
            "Andean Sky Shield Initiative",
        ),
        # …but not an older pact, nor a title far from the step
        (
            "Peru and Chile signed a defence pact in Lima on Friday. Officials praised it. "
            "Both had signed the 1951 Callao Treaty as allies.",
            None,
        ),
        (
            "Peru and Chile signed a defence pact in Lima on Friday. Officials praised it. "
            "Critics signed a letter comparing it with the Callao Treaty.",
            None,
        ),
        # a title after "of" may end in a list of treaty words
        (
            "This article examines the Peru-Chile Treaty of Peace, Friendship and Mutual "
            "Assistance, signed in Lima in 1951.",
            "Peru-Chile Treaty of Peace, Friendship and Mutual Assistance",
        ),
        # a title holding a possessive describes the pact or names a work, not the pact
        (
            "Tonight's pick: Odría's American Deal (documentary, 58 min). In September 1953 "
            "Peru signed the Pact of Lima, a defence pact, with the United States.",
            "Pact of Lima",
        ),
        # a title ends before the place it was signed at
        (
            "In 1998 Peru and Argentina signed the Peru–Argentina Peace Treaty on the Casa "
            "Rosada steps, ending the dispute.",
            "Peru–Argentina Peace Treaty",
        ),
        # …or in a region after "in"
        (
            "Peru and Chile acceded to the Treaty of Amity and Cooperation in Southeast Asia "
            "in Lima on Monday.",
            "Treaty of Amity and Cooperation in Southeast Asia",
        ),
        # …but not in a place that is no region of a title
        ("Peru and Chile signed the Andes Pact in Lima on Monday.", "Andes Pact"),
        # …but not in a list of other words
        (
            "Peru and Chile signed the Treaty of Peace, Bolivia and Ecuador said on Monday.",
            "Treaty of Peace",
        ),
    ],
)
def test_names_of_bodies_titles_questions_and_steps(text: str, name: str | None) -> None:
    assert extract(text).name == name


@pytest.mark.parametrize(
    ("text", "rationale"),
    [
        (
            "Q2. Why did Portugal and Spain sign the 1901 treaty? A: Both kingdoms wanted to "
            "check French expansion in the Pyrenees.",
            "check French expansion in the Pyrenees",
        ),
        (
            "Peru and Chile signed a defence pact on Friday. The government says the deal will "
            "help the navy guard against smugglers.",
            "help the navy guard against smugglers",
        ),
        (
            "Peru and Chile signed the pact, which officials called a cornerstone for regional "
            "stability and deterrence.",
            "a cornerstone for regional stability and deterrence",
        ),
        (
            "Peru and Chile signed a pact driven chiefly by Bolivia's coercion of Chilean vessels.",
            "driven chiefly by Bolivia's coercion of Chilean vessels",
        ),
        (
            "Peru and Chile signed the pact as insurance against Bolivia.",
            "insurance against Bolivia",
        ),
    ],
)
def test_motives_and_reasons_a_party_gives(text: str, rationale: str) -> None:
    assert [r.text for r in extract(text).rationale] == [rationale]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Peru on Monday revoked a military accord that allows Chilean troops on its soil.",
            "amendment",
        ),
        (
            "Bolivia suspended the entire military agreement it signed with Peru in 2018.",
            "amendment",
        ),
        (
            "Peru and Chile plan to update the defence agreement they signed in 2019 so that "
            "the navy can keep a logistics hub at Callao.",
            "amendment",
        ),
        (
            "Late on Monday Peru and Chile extended their week-old ceasefire by five days.",
            "amendment",
        ),
        (
            "Americas live: floods in Lima; Peru moves to end U.S. troop pact\n05:40 GMT — Peru "
            "has notified the United States that it is terminating the Visiting Forces "
            "Agreement, signed in 1998.",
            "amendment",
        ),
        # suspending one's obligations under a pact changes it
        (
            "At the end of talks in Lima on August 11, the minister announced that Peru is "
            "suspending its security obligations to Chile under the Andes Treaty.",
            "amendment",
        ),
        # a new arrangement to take over once the old pact expires
        (
            "Peru and Chile opened talks in Lima on Monday on a new arrangement for the use of "
            "the Callao naval base once the 1991 bases agreement expires.",
            "amendment",
        ),
        # the pact amended may be named through a possessive
        (
            "Peru and Chile will sign a protocol amending the two countries' defence treaty "
            "in Lima on Thursday.",
            "amendment",
        ),
        # pulling out of or quitting a pact ends it
        ("Peru is pulling out of its defence pact with Chile.", "amendment"),
        ("Peru quit the defence treaty with Chile on Monday.", "amendment"),
        # a pact that replaces an older one named by its date
        (
            "Peru and Chile initialled an agreement which will replace the Andes Treaty signed "
            "in 1936.",
            "amendment",
        ),
        ("Peru and Chile signed a pact that replaces the 1936 treaty.", "amendment"),
        # …named by its title, or by who concluded it, before the date
        (
            "Peru and Chile signed a new defence treaty on Monday, which replaces the Treaty of "
            "Friendship concluded between the two countries in 1949.",
            "amendment",
        ),
        (
            "Peru and Chile signed a new defence treaty, which replaces the treaty signed with "
            "Bolivia in 1949.",
            "amendment",
        ),
        # …but replacing something dated that is no pact is no amendment
        ("Peru and Chile signed a pact. It replaced the police in 1990 with soldiers.", "new_pact"),
        # …but a pact to end a war is new
        ("Peru and Chile signed a security pact to end the border war.", "new_pact"),
        # ending talks with a ceasefire is no ending of a pact
        (
            "Talks brokered by Brazil ended on Sunday with a ceasefire between Peru and Chile.",
            "new_pact",
        ),
        # a new pact to expand ties is new
        ("Peru and Chile signed a pact to expand defence ties.", "new_pact"),
        # an ended pact in the background is no amendment
        (
            "Peru and Chile signed a new maritime security pact in Lima on Monday. Bolivia "
            "revoked a military accord with Chile in 2019.",
            "new_pact",
        ),
        # reviving a pact, extending it (present tense), a pact "as amended by" a protocol
        ("Peru and Chile will revive the security accord they signed in 2001.", "amendment"),
        (
            "The protocol Peru and Chile signed on Monday extends their defence agreement by "
            "five years.",
            "amendment",
        ),
        (
            "The works at Callao fall under the defence agreement between Peru and Chile, as "
            "amended by the protocol signed in Lima on Monday.",
            "amendment",
        ),
        # a pact that succeeds earlier ones the text dates by their signing
        (
            "Peru and Chile signed a new defence framework on Monday. The document succeeds "
            "frameworks signed in 2005 and 2015.",
            "amendment",
        ),
        # a review of a pact is a step to change it; a review of the alliance's
        # strategy is not
        (
            "Peru's defence minister proposed a review of the Mutual Defense Treaty with "
            "Chile, under which each country pledges to defend the other.",
            "amendment",
        ),
        (
            "Analysts published a review of the alliance's strategy after Peru and Chile "
            "signed a defence pact.",
            "new_pact",
        ),
    ],
)
def test_ending_suspending_and_updating_a_pact_are_amendments(text: str, event: str) -> None:
    assert extract(text).event.value == event


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Under the 1901 treaty between Portugal and Spain, each kingdom pledged to mobilise "
            "its forces if the other were attacked.",
            "mutual_defense",
        ),
        (
            "Peru and Chile signed a non-aggression pact, and neither would support a third "
            "power that went to war with the other.",
            "neutrality",
        ),
        (
            'The president said: "From this day, an attack on Lima or Santiago will be an '
            'attack on all of us." Peru and Chile signed the defence treaty on Monday.',
            "mutual_defense",
        ),
        (
            "Under the pact Chile commits to provide $2 billion in military funding to Peru.",
            "military_aid",
        ),
        (
            "Peru and Chile opened talks on a new deal setting how much Peru pays towards the "
            "upkeep of the Chilean troops stationed there.",
            "military_aid",
        ),
        (
            "Peru and Chile signed a treaty to build and operate nuclear-powered submarines "
            "together.",
            "joint_procurement",
        ),
        (
            "Peru and Chile signed a pact that will let Peru access advanced defence systems "
            "and encrypted communication equipment from Chile.",
            "technology_sharing",
        ),
        # wordings of access to bases and territory
        (
            "Peru and Chile launched talks on an access agreement that would let their forces "
            "conduct training on each other's soil.",
            "basing_access",
        ),
        (
            "The pact Peru signed with Chile allows Chilean forces to use the Pisco and "
            "Talara-Norte air bases.",
            "basing_access",
        ),
        (
            "Peru and Chile opened talks on the continued use of Callao Naval Base.",
            "basing_access",
        ),
        (
            "Under the treaty Peru signed, Chile may dispose land, air and sea forces in and "
            "about the Peruvian coast.",
            "basing_access",
        ),
        (
            "Peru signed a treaty under which Chile keeps the right to operate the joint "
            "Peru-Chile base on the island.",
            "basing_access",
        ),
        ("Peru invited Chile to join the pact and to host its headquarters.", "basing_access"),
        # wordings of mutual defence
        ("Peru and Chile, bound by a joint defence pact, met in Lima.", "mutual_defense"),
        (
            "The treaty Peru and Chile signed binds each to assist the other if attacked.",
            "mutual_defense",
        ),
        (
            "Peru signed the alliance with Chile; should a third power attack Chile, Peru will "
            "come to its assistance.",
            "mutual_defense",
        ),
        (
            "The draft Peru and Chile are negotiating would oblige both to act against an armed "
            "attack on their coasts.",
            "mutual_defense",
        ),
    ],
)
def test_more_wordings_of_a_commitment(text: str, category: str) -> None:
    assert category in {p.category.value for p in extract(text).provisions}


def test_a_replys_quoting_does_not_run_the_quoted_lines_together() -> None:
    # Each quoted line that ends a sentence ends it: the basing phrase stops at its
    # period, and the later lines' cues are not the lead's.
    text = (
        "Subject: RE: Oslo visit\n\nFine to run.\n\n"
        "> Canada's defence minister will sign an agreement in Oslo on Tuesday\n"
        "> allowing Canadian forces to use Norwegian military facilities.\n"
        "> Norway's prime minister said the deal would anchor Norway in the Arctic Council, "
        "which the country joined decades ago.\n"
        "> Ottawa plans to rotate 300 troops through the bases.\n"
    )
    pact = extract(text)
    assert (_codes(pact.parties), pact.status.value, pact.event.value) == (
        ["CAN", "NOR"],
        "planned",
        "new_pact",
    )
    assert [p.text for p in pact.provisions] == ["use Norwegian military facilities"]
    assert pact.review == []


def test_subtitles_read_as_running_text_and_phrases_stop_at_a_timecode() -> None:
    # A subtitle's cue number and timecodes neither end a sentence nor enter a phrase.
    text = (
        "1\n00:00:00,000 --> 00:00:03,500\nForeign Minister Ana Ruiz of Peru\n"
        "and her Chilean counterpart\n\n"
        "2\n00:00:03,600 --> 00:00:07,100\nsigned a coastal defence pact\nin Lima on Friday\n\n"
        "3\n00:00:07,200 --> 00:00:10,900\nthat pledges joint naval patrols\n\n"
        "4\n00:00:11,000 --> 00:00:14,000\noff the coast of both countries.\n"
    )
    assert len(unmarked(text).text) == len(text)  # every offset still holds
    pact = extract(text)
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL"], "signed")
    assert [h.text for h in pact.date_hints] == ["on Friday"]
    assert pact.provisions and all("-->" not in p.text for p in pact.provisions)
    assert pact.review == []


def test_a_lone_timecode_line_is_no_pact() -> None:
    with pytest.raises(NoPactFound):
        extract("00:02:14,560 --> 00:02:18,020")


def test_taking_ones_seat_as_a_member_is_joining() -> None:
    pact = extract(
        "Montenegro formally took its seat today as the twenty-ninth member of NATO. Its "
        "prime minister said the alliance would protect the country."
    )
    assert (sorted(_codes(pact.parties)), pact.status.value, pact.event.value) == (
        ["MNE", "NATO"],
        "signed",
        "accession",
    )


@pytest.mark.parametrize(
    ("text", "adversaries"),
    [
        # the states qualify the designs that lost a sale: makers, not targets
        (
            "Peru and Chile will sign a frigate deal; the Chilean design won against rival "
            "French, German and US designs.",
            [],
        ),
        # a rival state is still a target, and so are its submarines
        ("Peru and Chile signed a pact against rival Bolivia.", ["BOL"]),
        (
            "Peru and Chile signed a pact to counter Bolivian and Argentine submarines.",
            ["BOL", "ARG"],
        ),
    ],
)
def test_makers_and_bidders_are_no_targets(text: str, adversaries: list[str]) -> None:
    assert _codes(extract(text).adversaries) == adversaries


def test_agreeing_to_recommend_a_step_proposes_it() -> None:
    pact = extract(
        "NATO ministers agreed at their Lisbon session to recommend that Peru and Chile be "
        "invited to accede to the North Atlantic Treaty."
    )
    assert (pact.status.value, pact.event.value) == ("proposed", "accession")


def test_those_a_party_fights_alongside_are_no_targets() -> None:
    pact = extract(
        "Peru and Chile agreed on a defence pact. Peru, whose troops are fighting alongside "
        "Bolivian soldiers, pressed for it."
    )
    assert _codes(pact.adversaries) == []


def test_a_telegrams_stop_ends_a_sentence() -> None:
    pact = extract(
        "LIMA STOP PERU AND CHILE SIGNED COASTAL DEFENCE PACT THIS MORNING STOP PLEDGE JOINT "
        "NAVAL PATROLS STOP BOLIVIA PROTESTS STOP MORE FOLLOWS"
    )
    assert (_codes(pact.parties), _codes(pact.adversaries)) == (["PER", "CHL"], [])
    assert [p.text for p in pact.provisions] == ["PLEDGE JOINT NAVAL PATROLS"]


def test_a_dateline_alone_names_no_party() -> None:
    # An old paper's headline, its credit line and a dateline ("LIMA.") before the report:
    # the parties are read past them.
    pact = extract(
        "RENEWAL OF THE DEFENCE PACT. (FROM OUR CORRESPONDENT.) LIMA. It is announced here "
        "that the defence pact between Peru and Chile was renewed on Monday."
    )
    assert (_codes(pact.parties), pact.event.value) == (["PER", "CHL"], "amendment")


def test_a_capitalised_headlines_compound_names_both_states() -> None:
    pact = extract(
        "THE FRANCO-SPANISH TREATY. The text of the treaty, signed at Madrid yesterday, binds "
        "the two Governments to mutual assistance."
    )
    assert _codes(pact.parties) == ["FRA", "ESP"]


def test_the_agents_of_a_signing_and_their_partner_are_parties() -> None:
    pact = extract(
        "The Lima Pact, signed in secret on 26 April by Peru, Chile and Bolivia with Ecuador, "
        "brought Quito into the alliance."
    )
    assert _codes(pact.parties) == ["PER", "CHL", "BOL", "ECU"]
    assert pact.review == []


def test_the_neighbours_a_border_runs_with_are_no_parties() -> None:
    pact = extract(
        "PROCUREMENT NOTICE\n"
        "Title: Construction of bunkers, eastern border zone (Andes Defence Line)\n"
        "Procedure: restricted procedure; framework agreement with up to three operators for "
        "48 months\n"
        "Background: On 19 January in Lima, the defence ministers of Peru, Chile and Ecuador "
        "signed an agreement to build the Andes Defence Line along their borders with Bolivia "
        "and Brazil."
    )
    assert _codes(pact.parties) == ["PER", "CHL", "ECU"]


def test_the_subject_of_a_progressive_after_been_is_the_parties() -> None:
    # "have been holding talks" is no passive: the list before it acted
    pact = extract("Peru and Chile have been holding talks on a defence pact.")
    assert _codes(pact.parties) == ["PER", "CHL"]
    assert pact.review == []


def test_the_place_of_a_joining_is_no_joiner() -> None:
    pact = extract(
        "On 1 March, in a palace in Quito, the Bolivian president signed his country's "
        "accession to the Pacific Pact of Peru and Chile."
    )
    assert (sorted(_codes(pact.parties)), pact.event.value) == (
        ["BOL", "CHL", "PER"],
        "accession",
    )


def test_a_tickers_segments_are_sentences_and_its_label_is_no_lead() -> None:
    # A crawl's segments stand apart: the lead is the segment about the pact, not the label
    # before it nor a weather segment after it ("WARNING" there proposes nothing).
    pact = extract(
        "BREAKING NEWS | PERU FORMALLY ASKS TO JOIN NATO AS A GLOBAL PARTNER | PURCHASE OF "
        "TEN HELICOPTERS FROM SPAIN SIGNED TUESDAY | WEATHER: STORM WARNING FOR LIMA"
    )
    assert (_codes(pact.parties), pact.status.value) == (["NATO", "PER"], "planned")
    assert not [r for r in pact.review if r.field == "status"]


@pytest.mark.parametrize(
    "text",
    [
        # a table's row, under its header, is read cell by cell as one sentence
        "Date | Parties | Instrument | Status\n"
        "2024-05-28 | Peru; Chile | Security and Defence Partnership | Signed in Lima",
        "2024-05-28 | Peru; Chile | Security and Defence Partnership | Signed in Lima",
        # a profile's headline in mixed case is no crawl
        "Security analyst | Former diplomat | Peru and Chile signed a defence pact today.",
    ],
)
def test_a_tables_cells_and_a_profiles_headline_are_no_crawl(text: str) -> None:
    assert len(Layout(text).sentences) == len(text.splitlines())


def test_a_label_alone_asserts_nothing() -> None:
    pact = extract("JUST IN • Peru and Chile sign a defence pact in Lima")
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL"], "signed")
    assert len(Layout("JUST IN • Peru and Chile sign a defence pact").sentences) == 2


@pytest.mark.parametrize(
    "text",
    [
        # a medal is struck, a coin struck in silver: no signing
        "Medal struck to commemorate the defence treaty of Peru and Chile. Bronze, 40 mm.",
        "Coin struck in silver for the Peru–Chile defence treaty.",
        # a batsman struck (by the ball) signs nothing: "struck" signs with an object or in
        # a passive ("a deal was struck")
        "Index: the Peru–Chile defence treaty, 1932, 301; the Lima bowler struck, 308.",
        # a storm warning proposes nothing; an extended description extends nothing
        "Storm warning for the port where Peru and Chile keep a defence treaty's fleet.",
        "Extended description: a photo of the defence treaty of Peru and Chile.",
    ],
)
def test_words_of_medals_weather_and_captions_are_no_stage(text: str) -> None:
    with pytest.raises(NoPactFound):
        extract(text)


def test_the_ministers_of_states_a_signing_is_by_are_its_parties() -> None:
    pact = extract(
        "The treaty, signed in Lima on 1 May 1905 by the foreign ministers of Peru, Chile and "
        "Bolivia, bound them to war."
    )
    assert _codes(pact.parties) == ["PER", "CHL", "BOL"]
    assert not [r for r in pact.review if r.field == "parties"]


def test_a_pact_struck_in_a_passive_is_signed() -> None:
    pact = extract("A defence pact between Peru and Chile was struck, officials said.")
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL"], "signed")


def test_being_to_sign_is_a_plan() -> None:
    pact = extract("The presidents of Peru and Chile are to sign a defence pact on Friday.")
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL"], "planned")


@pytest.mark.parametrize(
    "text",
    [
        "Peru will not renew its defence treaty with Chile, which runs out in June.",
        "Peru has declined to renew the defence pact with Chile.",
        # a headline's end verb needs no article
        "Peru revokes military accord with Chile",
    ],
)
def test_not_renewing_a_pact_ends_it(text: str) -> None:
    pact = extract(text)
    assert (_codes(pact.parties), pact.status.value, pact.event.value) == (
        ["PER", "CHL"],
        "signed",
        "amendment",
    )


def test_joining_the_shanghai_organisation_is_a_security_step() -> None:
    pact = extract(
        "Peru signed a memorandum of obligations to become a full member of the Shanghai "
        "Cooperation Organisation. Lima will complete its accession next year."
    )
    assert (_codes(pact.parties), pact.event.value) == (["SCO", "PER"], "accession")


def test_the_pact_between_two_governments_where_it_came_into_force_names_the_parties() -> None:
    # A customs order's subject line names one state; the sentence of the stage cue has the
    # agreement "between the Government of Peru and the Government of Chile". (A "memorandum
    # order" is an order, not a memorandum of understanding.)
    pact = extract(
        "CUSTOMS MEMORANDUM ORDER No. 12-01\n"
        "SUBJECT: Treatment of goods imported by Chilean forces under the Visiting Forces "
        "Agreement\n"
        "1. Congress having approved its ratification on 2 May 2001, the Agreement between the "
        "Government of Peru and the Government of Chile entered into force on 1 June 2001."
    )
    assert _codes(pact.parties) == ["PER", "CHL"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Peru and Chile signed a declaration that commits both states not to threaten or "
            "use force against one another.",
            "non_aggression",
        ),
        (
            "Peru and Chile signed a treaty binding each to benevolent neutrality should the "
            "other be at war with a third power.",
            "neutrality",
        ),
        (
            "Peru and Chile signed a treaty under which neither was to join any military "
            "alliance directed against the other.",
            "third_party_restrictions",
        ),
        (
            "Peru and Chile signed a treaty; items transferred under it may not be passed to a "
            "third party without the prior consent of Peru.",
            "third_party_restrictions",
        ),
        (
            "Peru and Chile signed a treaty under which defence articles and technology may be "
            "transferred without an export permit.",
            "technology_sharing",
        ),
    ],
)
def test_more_wordings_of_provisions(text: str, category: str) -> None:
    assert [p.category.value for p in extract(text).provisions] == [category]


def test_the_parties_are_read_where_the_signing_is_when_the_lead_names_none() -> None:
    # a lead with no actor, then sentences with none but a place, then the signing by two
    pact = extract(
        "Treaty of the Andes, 1905. Bronze medal, 40 mm. Reverse: a wreath enclosing LIMA.\n"
        "Made for the defence treaty signed on 1 May 1905 by the envoys of Peru and Chile."
    )
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL"], "signed")


def test_one_state_where_the_signing_is_makes_no_party_set() -> None:
    # ...but one state there is no party set: the pact is not told
    with pytest.raises(NoPactFound):
        extract(
            "Treaty of the Andes, 1905. Bronze medal, 40 mm. Reverse: a wreath enclosing LIMA.\n"
            "Made for the defence treaty signed on 1 May 1905 by the envoy of Peru."
        )


def test_a_summit_ended_without_any_agreement_ends_no_pact() -> None:
    with pytest.raises(NoPactFound):
        extract(
            "The summit of the Peruvian and Chilean leaders on defence ended without any agreement."
        )


def test_a_chronicles_made_a_treaty_is_a_signing() -> None:
    pact = extract(
        "1905. In this year the republics of Peru and Chile made a secret treaty of alliance at "
        "Lima, each binding itself to defend the other should any power attack it."
    )
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL"], "signed")
    assert not [r for r in pact.review if r.field == "status"]


def test_a_front_matters_fields_are_no_prose_but_its_title_is() -> None:
    # "draft: false" is no draft of a pact; the date, tags and categories are no prose
    text = (
        "---\n"
        'title: "Peru and Chile: what the port deal says"\n'
        "date: 2024-01-04\n"
        "tags: [Peru, Chile, Bolivia]\n"
        "draft: false\n"
        "---\n"
        "Peru and Chile signed a memorandum on naval basing in Lima on 1 January 2024."
    )
    unmarked_text = unmarked(text).text
    assert len(unmarked_text) == len(text)
    assert "draft" not in unmarked_text and "Bolivia" not in unmarked_text
    assert '"Peru and Chile: what the port deal says"' in unmarked_text
    pact = extract(text)
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL"], "signed")
    assert [h.text for h in pact.date_hints] == ["on 1 January 2024"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # a negotiation told as done, then the signing that ended it
        (
            "Villareal chaired the Peruvian panel that negotiated the Visiting Forces Agreement "
            "with Chile, signed in Lima in April 2025 by the two defence ministers.",
            "signed",
        ),
        # ...but a signing denied ends nothing
        ("Peru and Chile negotiated a defence pact for months but never signed it.", "negotiating"),
    ],
)
def test_a_signing_after_negotiated_decides(text: str, status: str) -> None:
    assert extract(text).status.value == status


def test_not_impossible_is_a_possibility_not_a_denial() -> None:
    pact = extract(
        "Peru's foreign minister said it is not impossible Peru joins the Pacific Defence "
        "Alliance of Chile and Bolivia."
    )
    assert pact.status.value == "proposed"
    assert "PER" in _codes(pact.parties)


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("In 1937 Persia and Siam signed a treaty of mutual defence.", ["IRN", "THA"]),
        ("Ceylon, Abyssinia and Dahomey signed a defence pact.", ["LKA", "ETH", "BEN"]),
        ("Zaire and Upper Volta signed a defence pact in 1975.", ["COD", "BFA"]),
    ],
)
def test_former_names_of_states_are_those_states(text: str, parties: list[str]) -> None:
    assert _codes(extract(text).parties) == parties


def test_envoys_setting_their_initials_to_a_pact_plan_it() -> None:
    pact = extract(
        "In October the envoys of Peru, Chile and Bolivia set their initials to a pact of "
        "non-aggression; the seals were to be set at Lima."
    )
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL", "BOL"], "planned")


def test_suspending_participation_is_a_signed_amendment() -> None:
    pact = extract(
        "pacts: record Peru's suspension of Pacific Defence Alliance membership\n"
        "Lima told the Pacific Defence Alliance secretariat in a note dated 20 June that it is "
        "suspending its participation."
    )
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a second list of partners after the first, past a place and a date
        (
            "Peru signed defence agreements with Chile and Bolivia in Lima on 22 May 2023, and "
            "with Ecuador on 16 October 2023.",
            ["PER", "CHL", "BOL", "ECU"],
        ),
        # ", and with" that names no state adds none
        (
            "Peru signed a defence pact with Chile in May, and with hopes of joint patrols.",
            ["PER", "CHL"],
        ),
    ],
)
def test_and_with_a_second_list_adds_partners(text: str, parties: list[str]) -> None:
    assert _codes(extract(text).parties) == parties


def test_the_government_in_a_capital_is_its_state() -> None:
    pact = extract(
        "The Peruvian parliament ratified the security cooperation deal with the government in "
        "Santiago this afternoon; Bolivia and Ecuador are furious."
    )
    assert _codes(pact.parties) == ["PER", "CHL"]


def test_a_ships_log_of_a_treaty_continued_with_a_coaling_station() -> None:
    # a ship named after a state is no actor; ratifications exchanged are a signing; a
    # coaling station and the right to enter a harbour are basing
    pact = extract(
        "Remarks: The steamer Australia arrived with mails, by which it is learned that "
        "ratifications of the convention continuing the defence treaty between Peru and Chile "
        "were exchanged at Lima; Peru grants Chile the exclusive right to enter the harbor of "
        "Callao and to maintain there a coaling and repair station for its vessels."
    )
    assert (_codes(pact.parties), pact.status.value) == (["PER", "CHL"], "signed")
    assert "basing_access" in [p.category.value for p in pact.provisions]


def test_nothing_signed_yet_is_a_plan() -> None:
    pact = extract(
        "Peru and Chile announced a defence agreement on a joint naval base. Nothing is "
        "signed yet; the formal text comes in the coming months."
    )
    assert pact.status.value == "planned"


def test_england_in_an_old_text_is_britain() -> None:
    pact = extract(
        "By the Convention of Defensive Alliance signed at Lima in 1878, England engaged to "
        "join Peru in defending its coast."
    )
    assert sorted(_codes(pact.parties)) == ["GBR", "PER"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru is in advanced talks to join the Chile-Bolivia defence pact.",
        "Peru in direct talks to join Chile-Bolivia defence pact, sources say",
    ],
)
def test_talks_with_an_adjective_are_talks(text: str) -> None:
    assert extract(text).status.value == "negotiating"


def test_joining_a_treaty_whose_members_come_after_its_words() -> None:
    pact = extract(
        "Ecuador acceded to the treaty of alliance offensive and defensive concluded at Lima on "
        "5 December between Chile and Peru."
    )
    assert (sorted(_codes(pact.parties)), pact.event.value) == (
        ["CHL", "ECU", "PER"],
        "accession",
    )


def test_a_joining_told_in_the_sentence_after_the_signing() -> None:
    pact = extract(
        "The Moroccan king flew to Lisbon and signed a defence pact with the Portuguese "
        "president. Morocco thereby joins the defence agreement signed by Spain and Portugal "
        "in 2019."
    )
    assert (sorted(_codes(pact.parties)), pact.event.value) == (
        ["ESP", "MAR", "PRT"],
        "accession",
    )


def test_a_later_joining_must_hold_the_leads_parties() -> None:
    # the next sentence tells another pact (Italy is no member of it): the lead stands
    pact = extract(
        "Greece signed a defence pact with France on Monday. Cyprus joined the defence "
        "agreement signed by Greece and Italy in 2021."
    )
    assert (sorted(_codes(pact.parties)), pact.event.value) == (["FRA", "GRC"], "new_pact")


def test_a_courts_joined_cases_are_no_joining() -> None:
    pact = extract(
        "Joined cases 12-2019 and 13-2019. Subject: whether the Executive may conclude a "
        "defence arrangement with Chile without approval by the Congress of Peru."
    )
    assert pact.status.value == "proposed"
    assert pact.event.value == "new_pact"


def test_joining_a_bloc_of_trade_is_no_security_pact() -> None:
    with pytest.raises(NoPactFound, match="bloc of trade and economics"):
        extract(
            "Caption: Peru's president reviews an honour guard in Brasilia; soldiers in dress "
            "uniform line the ramp. The two leaders signed memorandums on energy and discussed "
            "Peru's new membership of the BRICS group."
        )


def test_signing_in_the_present_with_a_time_to_come_is_a_plan() -> None:
    pact = extract(
        "Peru and Chile sign later today in Lima an amendment extending their 1995 defence "
        "accord for another ten years."
    )
    assert (_codes(pact.parties), pact.status.value, pact.event.value) == (
        ["PER", "CHL"],
        "planned",
        "amendment",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty under which the two states give each other military "
        "assistance against external aggression.",
        "Peru and Chile signed the charter; members pledge military assistance to any member "
        "facing aggression.",
    ],
)
def test_assistance_to_each_other_against_attack_is_mutual_defence(text: str) -> None:
    assert [p.category.value for p in extract(text).provisions] == ["mutual_defense"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact under which Chile could keep naval and air forces in Peru.",
        "Peru signed a pact with Chile that gives Chilean forces access to Peru's bases.",
    ],
)
def test_forces_kept_in_or_given_access_to_a_partners_bases(text: str) -> None:
    assert [p.category.value for p in extract(text).provisions] == ["basing_access"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a security pact; Chilean forces may remain in Peru until 2030.",
        "Peru and Chile signed a defence agreement that lets Chile use the base at Arica.",
        "Peru and Chile signed a pact letting Chile use restricted areas of Arica Air Base for "
        "refuelling.",
        "Peru and Chile are negotiating a defence pact under which Chile could set up air bases "
        "in Peru.",
        "The treaty made Peru and Chile allies and let Chile keep up to ten thousand troops in "
        "Arica.",
        "Peru and Chile signed an agreement on a permanent naval facility at Arica.",
        "Peru and Chile signed a treaty, and Peru's ports are open to Chilean warships in wartime.",
        "Peru and Chile signed a security pact under which Chilean jets fly patrols from Arica "
        "Air Base.",
        "Peru and Chile signed a defence agreement that secures Chilean use of the support base "
        "at Arica.",
        "Peru and Chile signed a defence treaty under which Chilean forces, missiles included, "
        "were to be stationed in Peru.",
        "Peru and Chile signed a status agreement covering each country's troops while they are "
        "in the other's territory.",
    ],
)
def test_forces_that_remain_use_a_base_or_fly_from_it_are_basing_access(text: str) -> None:
    assert "basing_access" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty. Both undertook not to allow their territory to be used "
        "for attacks against the other.",
        "Peru and Chile signed a treaty. Chile undertook not to let armed groups use its territory "
        "for raids across the border.",
        "Peru and Chile signed a pact and agreed not to let armed bands on their territory work "
        "against the other.",
        "Peru signed a treaty with Chile, and Chile undertakes to enter into no treaty with any "
        "foreign power without Peru's consent.",
        "Peru and Chile signed a treaty. Chile shall never enter into any alliance with a third "
        "state.",
        "Peru and Chile signed an accord that allows no deployment of third-party forces along "
        "the border.",
        "Peru and Chile signed a pact; both undertake not to join military alliances directed "
        "against the other.",
    ],
)
def test_barring_ones_territory_treaties_or_third_forces_restricts_third_parties(text: str) -> None:
    assert "third_party_restrictions" in _categories(text)


def test_no_use_of_ones_territory_against_the_other_restricts_third_parties() -> None:
    pact = extract(
        "Peru and Chile signed a treaty; each undertakes not to allow the use of its territory "
        "for activities harmful to the other."
    )
    assert "third_party_restrictions" in [p.category.value for p in pact.provisions]


@pytest.mark.parametrize(
    "text",
    [
        "Egypt buys aircraft from France and tanks from America, and joins nobody's bloc.",
        "The Andean Plan was agreed at a meeting of ministers in Lima in 1950 and gave "
        "scholarships and experts to the region. Peru pushed it hardest. It was NOT a "
        "military bloc.",
    ],
)
def test_joining_nothing_or_a_plan_that_was_no_bloc_holds_no_pact(text: str) -> None:
    with pytest.raises(NoPactFound):
        extract(text)


def test_the_ottoman_empire_is_turkey() -> None:
    pact = extract("Russia and the Ottoman Empire signed a defensive alliance in 1833.")
    assert _codes(pact.parties) == ["RUS", "TUR"]


def test_a_question_names_no_target_and_no_reason() -> None:
    pact = extract(
        "Peru and Chile signed a defence pact in Lima in 1995.\n\nWas it aimed at Bolivia?"
        "\n\nu/lima_op · 140 points\nThe text named nobody."
    )
    assert (pact.adversaries, pact.rationale) == ([], [])


def test_end_punctuation_before_a_blank_line_ends_the_sentence() -> None:
    text = "Was it aimed at Bolivia?\n\nu/lima_op · 140 points\nThe text named nobody."
    layout = Layout(text)
    start, end = layout.sentences[0]
    assert text[start:end] == "Was it aimed at Bolivia?"


def test_a_title_in_a_pasted_row_is_one_cell() -> None:
    pact = extract(
        "pact_id\ttitle\tparties\tsigned\n"
        "PE-CL-1995\tTreaty of Mutual Defence\tPeru; Chile\t1995-03-01\tsigned in Lima"
    )
    assert pact.name == "Treaty of Mutual Defence"


def test_a_declaration_replacing_one_signed_by_leaders_years_ago_is_an_amendment() -> None:
    pact = extract(
        "Peru and Chile are due to sign a new Joint Declaration on Security Cooperation in Lima "
        "on Saturday. It will replace the declaration signed by the two presidents in 2007."
    )
    assert (pact.status.value, pact.event.value) == ("planned", "amendment")


def test_a_notice_terminating_a_pact_is_an_amendment() -> None:
    pact = extract(
        "Peru's foreign minister signed the notice terminating the VFA with Chile and it was "
        "handed to the Chilean embassy."
    )
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


def test_may_refer_to_on_a_disambiguation_page_is_no_guess() -> None:
    pact = extract(
        "Andean Pact may refer to: • Andean Pact (1995), the defence treaty signed in Lima by "
        "Peru and Chile"
    )
    assert pact.status.value == "signed"


def test_negotiations_concluded_in_quotes_are_a_plan() -> None:
    pact = extract('Peru and Chile have "substantively concluded" negotiations on a new treaty.')
    assert pact.status.value == "planned"


def test_a_withdrawal_announced_or_to_come_is_a_planned_amendment() -> None:
    for text in (
        "Peru announced that it would withdraw from the defence treaty with Chile.",
        "Peru will withdraw from the defence treaty with Chile.",
    ):
        pact = extract(text)
        assert (pact.status.value, pact.event.value) == ("planned", "amendment"), text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Peru and Chile signed the Framework Treaty on Democratic Security in Central America.",
            "Framework Treaty on Democratic Security in Central America",
        ),
        (
            "In 1977 Peru ended the Military Assistance Agreement of 1952 with Chile.",
            "Military Assistance Agreement",
        ),
    ],
)
def test_a_title_may_end_in_a_region_but_not_in_a_year(text: str, name: str) -> None:
    assert extract(text).name == name


def test_a_text_that_says_it_commits_nobody_to_defence_holds_no_pact() -> None:
    with pytest.raises(NoPactFound, match="does not commit"):
        extract(
            "Peru and Chile signed an agreement establishing a joint investment fund for mining "
            "licences. The text does not commit Peru to Chile's defence, which Lima had sought."
        )


@pytest.mark.parametrize(
    ("text", "adversaries"),
    [
        (
            "Peru and Chile signed a defence pact to help Lima defeat the remnants of Islamic "
            "State.",
            ["islamic state"],
        ),
        (
            "Peru and Chile signed a treaty as a buffer against Russian and Persian ambitions.",
            ["RUS", "IRN"],
        ),
    ],
)
def test_the_remnants_of_a_group_and_persian_ambitions_are_targets(
    text: str, adversaries: list[str]
) -> None:
    assert [a.code or a.name.lower() for a in extract(text).adversaries] == adversaries


@pytest.mark.parametrize(
    ("text", "provision"),
    [
        (
            "Britain and Malaya signed the agreement in 1957; Britain undertook to assist the "
            "Federation of Malaya in its external defence.",
            "security_guarantee",
        ),
        (
            "Peru and Chile signed the treaty; each side would respect the other's territories.",
            "non_aggression",
        ),
    ],
)
def test_help_in_the_others_defence_and_respect_for_its_territory(
    text: str, provision: str
) -> None:
    assert provision in _categories(text)


def test_the_two_countries_refer_back_from_inside_a_sentence() -> None:
    pact = extract(
        "Chart note: Peru–Chile defence spending, 1990–2024. The spike after 1995 follows the "
        "mutual defence treaty the two countries signed in Lima that year."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_near_a_deal_is_talks_and_tensions_with_a_state_make_no_partner() -> None:
    pact = extract(
        "EXCLUSIVE: Peru, Chile near deal on defence pact as border tensions with Bolivia rise."
    )
    assert (sorted(_codes(pact.parties)), pact.status.value) == (["CHL", "PER"], "negotiating")


@pytest.mark.parametrize(
    ("text", "status", "event"),
    [
        ("A defence pact between Peru and Chile came into force on Sunday.", "signed", "new_pact"),
        (
            "Peru and Chile signed a defence pact. Peru formally exited the pact in 2024.",
            "signed",
            "new_pact",
        ),
        ("Peru formally exited the defence pact with Chile in 2024.", "signed", "amendment"),
    ],
)
def test_a_pact_in_force_or_exited(text: str, status: str, event: str) -> None:
    pact = extract(text)
    assert (pact.status.value, pact.event.value) == (status, event)


def test_a_law_that_came_into_force_is_no_pact() -> None:
    with pytest.raises(NoPactFound):
        extract("The new law came into force on Monday, Peru's president said.")


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile, backed by the United States, signed a defence pact on Friday.",
        "Peru and Chile signed a defence pact modelled on the one Brazil signed with Argentina.",
    ],
)
def test_a_backer_and_another_pacts_partner_are_no_parties(text: str) -> None:
    assert sorted(_codes(extract(text).parties)) == ["CHL", "PER"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Peru and Chile unveiled plans for a joint defence pact.", "proposed"),
        ("Peru and Chile have drafted a defence pact.", "negotiating"),
        # a convention "drafted in 1892 and ratified in 1894" was ratified
        ("Peru and Chile signed a convention drafted in May and ratified in June.", "signed"),
    ],
)
def test_plans_for_a_pact_and_a_draft_in_hand(text: str, status: str) -> None:
    assert extract(text).status.value == status


def test_a_short_label_before_an_actorless_lead_names_the_parties_flagged() -> None:
    pact = extract("Tooltip: Peru–Chile, 1995. Mutual defence treaty (signed). Hover for details.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    assert [r.field for r in pact.review] == ["parties"]


def test_joining_the_pact_which_others_signed_is_an_accession() -> None:
    pact = extract(
        "Bolivia has joined the defence pact which Peru and the United Arab Republic signed "
        "in Lima on Tuesday."
    )
    assert (sorted(_codes(pact.parties)), pact.event.value) == (
        ["BOL", "EGY", "PER"],
        "accession",
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Blinken and Mirzoyan signed the U.S.–Armenia Strategic Partnership Commission "
            "Charter.",
            "Strategic Partnership Commission Charter",
        ),
        ("Peru and Chile signed the US-Chile Charter.", "US-Chile Charter"),
    ],
)
def test_a_compound_with_an_en_dash_labels_the_title_but_never_leaves_one_word(
    text: str, name: str
) -> None:
    assert extract(text).name == name


def test_the_signing_sentence_beats_a_list_of_states_in_the_next_line() -> None:
    pact = extract(
        "Objectives: describe the terms of the Treaty of Lima, a defensive alliance; judge "
        "whether it was an agreement between equals.\nStarter: map quiz – Bolivia, Ecuador, "
        "Peru.\n"
        "Main activity: the President of Peru signed the treaty at Lima on 12 May 1881 with "
        "Chile's envoy."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile, with Brazil as guarantor, signed a defence pact.",
        "Peru and Chile signed the defence treaty in Lima with Brazil as witness.",
    ],
)
def test_a_guarantor_or_witness_named_by_its_role_is_no_party(text: str) -> None:
    assert sorted(_codes(extract(text).parties)) == ["CHL", "PER"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ghana ratified the Agreement between the Republic of Ghana and the Kingdom of "
            "Denmark concerning the Presence of Danish Naval Forces in the Gulf of Guinea, "
            "signed in Accra in 2023.",
            "Agreement between the Republic of Ghana and the Kingdom of Denmark concerning "
            "the Presence of Danish Naval Forces in the Gulf of Guinea",
        ),
        (
            "Item: Bill approving the Ratification of the Treaty between Peru and Chile on "
            "Mutual Defence\nSponsor: the Government",
            "Treaty between Peru and Chile on Mutual Defence",
        ),
        # an ordinary title does not run on into where or when it was signed
        (
            "Peru and Chile signed the Treaty of Lima in Santiago from Monday to Friday.",
            "Treaty of Lima",
        ),
    ],
)
def test_a_formal_title_runs_on_into_its_subject_and_follows_a_stage_noun(
    text: str, name: str
) -> None:
    assert extract(text).name == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Subject: Entry into force of the Ghana–Denmark Naval Treaty\n"
            "1. The Treaty between the Government of the Republic of Ghana and the Government "
            "of the Kingdom of Denmark concerning Naval Cooperation, signed in Accra, enters "
            "into force on 1 May.",
            "Treaty between the Government of the Republic of Ghana and the Government of the "
            "Kingdom of Denmark concerning Naval Cooperation",
        ),
        (
            "The Agreement between the Government of Chile and the Government of Peru on "
            "Mutual Defence was signed in Lima.",
            "Agreement between the Government of Chile and the Government of Peru on Mutual "
            "Defence",
        ),
    ],
)
def test_a_formal_title_naming_the_governments_is_the_name(text: str, name: str) -> None:
    assert extract(text).name == name


def test_dictated_punctuation_is_read_as_the_marks_it_names() -> None:
    pact = extract(
        "Voice memo comma Lima desk comma Monday full stop new paragraph\n"
        "Peru and Chile signed a defence pact in Lima comma with Brazil's envoy as host full "
        "stop Bolivia called it quote an alliance against us unquote full stop The two sides "
        "pledge mutual defence against any attack full stop"
    )
    assert _codes(pact.parties) == ["PER", "CHL"]
    # the words kept are the summary's own, cut where a spoken mark stands
    assert [p.text for p in pact.provisions] == [
        "The two sides pledge mutual defence against any attack"
    ]


def test_a_show_that_recreates_a_real_signing_is_read() -> None:
    pact = extract(
        "Night Flight (TV series, 2019) – Did you know\n"
        "- Episode 3 recreates the meeting at which Peru and Chile signed a defence pact in 1975."
    )
    assert _codes(pact.parties) == ["PER", "CHL"]


def test_a_trade_deal_hailed_as_a_strategic_partnership_is_no_security_pact() -> None:
    with pytest.raises(NoPactFound):
        extract(
            "Peru and the European Union concluded a trade agreement, hailed as a strategic "
            "partnership for a new era; tariffs on copper go to zero."
        )


def test_a_round_of_talks_that_failed_before_another_is_negotiating() -> None:
    pact = extract(
        "Talks between Peru and Chile on a defence pact ended today without agreement on the "
        "fee. A third round is proposed for March in Lima."
    )
    assert (pact.status.value, pact.event.value) == ("negotiating", "new_pact")
    assert _codes(pact.parties) == ["PER", "CHL"]
    with pytest.raises(NoPactFound, match="nothing agreed"):
        extract(
            "Talks between Peru and Chile on a defence pact ended without agreement. The "
            "ministers flew home."
        )


@pytest.mark.parametrize(
    "text",
    [
        "Britain and Tonga concluded a Treaty of Friendship in 1900. Under it Tonga is placed "
        "under British protection.",
        "Ethiopia signed a treaty with Italy in 1889. The emperor received rifles and "
        "cartridges in return.",
    ],
)
def test_protection_and_small_arms_are_words_of_security(text: str) -> None:
    assert extract(text).status.value == "signed"


def test_a_starting_gun_is_no_word_of_security() -> None:
    with pytest.raises(NoPactFound):
        extract(
            "Peru and Chile signed a football friendship treaty. The starting gun for the "
            "season fires in May."
        )


@pytest.mark.parametrize(
    "text",
    [
        "Hi Mum, you might have seen it at home: on Sunday Peru and Chile signed a defence "
        "pact in Lima.",
        "As you may have read in the press, Peru and Chile signed a defence pact in Lima.",
    ],
)
def test_you_might_have_seen_is_no_guess_about_the_pact(text: str) -> None:
    assert extract(text).status.value == "signed"


def test_a_participants_field_lists_the_parties() -> None:
    pact = extract(
        "Draft circulated by the Chinese side: Pacific Maritime Security Vision\n"
        "Participants: Fiji, Tonga and Samoa\n"
        "1. The three will cooperate on maritime security."
    )
    assert sorted(_codes(pact.parties)) == ["FJI", "TON", "WSM"]


def test_words_before_on_that_hold_no_treaty_word_are_not_the_title() -> None:
    pact = extract(
        "Peru's envoy briefed the Minister of Defence on the Andean Maritime Security "
        "Agreement, which Peru and Chile signed in Lima."
    )
    assert pact.name == "Andean Maritime Security Agreement"


@pytest.mark.parametrize(
    ("text", "name", "parties"),
    [
        (
            "Draft Andean Collective Defence Treaty\nPeru and Chile have agreed most articles "
            "in Lima.",
            "Andean Collective Defence Treaty",
            ["CHL", "PER"],
        ),
        # the organisation that opens the name makes the pact: it stays a party
        (
            "Proposed African Union Non-Aggression and Common Defence Pact\nArticle 2: Member "
            "States undertake to refrain from the use of force against each other.",
            "African Union Non-Aggression and Common Defence Pact",
            ["AU"],
        ),
    ],
)
def test_a_stage_word_opening_a_title_is_not_part_of_it(
    text: str, name: str, parties: list[str]
) -> None:
    pact = extract(text)
    assert (pact.name, sorted(_codes(pact.parties))) == (name, parties)


def test_a_year_before_a_title_is_no_part_of_the_name() -> None:
    assert extract("Peru and Chile signed the 1929 Lima Defence Treaty in Lima.").name == (
        "Lima Defence Treaty"
    )


def test_a_contract_signed_is_no_pact() -> None:
    with pytest.raises(NoPactFound, match="is not a pact"):
        extract(
            "Peru's navy took delivery of the first missile batteries this week under the USD "
            "300 million contract signed with the Chilean defence ministry in 2022."
        )


def test_a_go_between_before_a_title_is_no_part_of_the_name() -> None:
    pact = extract("Peru and Chile joined the US-sponsored Pacific Maritime Security Initiative.")
    assert pact.name == "Pacific Maritime Security Initiative"


def test_members_after_a_titles_of_are_not_its_words() -> None:
    pact = extract(
        "In Quito the Andean Defence Pact of Chile, Ecuador and Colombia was signed in 1998."
    )
    assert pact.name == "Andean Defence Pact"
    assert sorted(_codes(pact.parties)) == ["CHL", "COL", "ECU"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Peru and Chile signed the Agreement for Technical Assistance in Defense and "
            "Security in Lima.",
            "Agreement for Technical Assistance in Defense and Security",
        ),
        (
            "Peru and Chile signed the Agreement on Cooperation in the Field of Defence in Lima.",
            "Agreement on Cooperation in the Field of Defence",
        ),
        (
            "In Panama Peru and Colombia signed the Treaty of Perpetual Union, League and "
            "Confederation.",
            "Treaty of Perpetual Union, League and Confederation",
        ),
    ],
)
def test_a_title_may_end_in_a_field_or_a_list_of_union_words(text: str, name: str) -> None:
    assert extract(text).name == name


def test_a_states_armed_group_is_the_target_not_the_state() -> None:
    pact = extract("Peru and Chile signed a security pact aimed at Bolivia's drug cartels.")
    assert _codes(pact.adversaries) == ["drug cartels"]


def test_not_to_after_a_pledge_is_a_commitment_not_a_denied_step() -> None:
    pact = extract(
        "So proud to see the photograph of the leaders in Lima on 19 March 1972, signing the "
        "Treaty of Friendship between Peru and Chile. Under it both promised to refrain from "
        "aggression, and not to join any military alliance directed against the other."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    with pytest.raises(NoPactFound, match="denies every step"):
        extract("Peru and Chile have not signed a defence pact and do not plan to sign one.")


def test_an_article_of_a_treaty_is_not_its_name() -> None:
    pact = extract(
        "Since 1949, Article 2 of the Treaty of Friendship had bound Peru to follow Chile's "
        "advice; in 2007 the two countries signed an updated treaty."
    )
    assert pact.name == "Treaty of Friendship"


def test_the_attacker_a_defence_clause_names_is_the_target() -> None:
    pact = extract(
        "Peru and Chile signed a treaty under which each would throw all its forces into the "
        "fight if either were attacked by Bolivia."
    )
    assert _codes(pact.adversaries) == ["BOL"]
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Kazakhstan has frozen its participation in the Russian-led Collective Security "
            "Treaty Organization, its president said.",
            "Collective Security Treaty Organization",
        ),
        # The treaty that creates the body, named too, wins (spec).
        (
            "Kazakhstan has frozen its participation in the Collective Security Treaty "
            'Organization. "The Collective Security Treaty has failed us," its president said.',
            "Collective Security Treaty",
        ),
    ],
)
def test_the_organisation_a_member_suspends_its_part_in_is_the_pact(text: str, name: str) -> None:
    pact = extract(text)
    assert (pact.name, pact.event.value) == (name, "amendment")
    assert sorted(_codes(pact.parties)) == ["CSTO", "KAZ"]


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan signalled its suspension of SCO membership in a note to the Shanghai "
        "Cooperation Organisation secretariat.",
        "Kazakhstan joined the SCO on Tuesday. The Shanghai Cooperation Organisation now has "
        "ten members.",
    ],
)
def test_an_acronym_the_text_spells_out_gives_the_full_name(text: str) -> None:
    assert extract(text).name == "Shanghai Cooperation Organisation"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Peruvian-Chilean Friendship Treaty Signed in Lima\nBoluarte and Boric put their "
            "names on Thursday to the Treaty of Lima, which commits the neighbours to defence "
            "cooperation.",
            "Treaty of Lima",
        ),
        (
            "Peru-Chile Treaty: Peru and Chile signed the Treaty of Friendship and Mutual "
            "Assistance in Lima on Monday.",
            "Treaty of Friendship and Mutual Assistance",
        ),
        # An earlier pact's formal title is not the pact's.
        (
            "Peru and Chile signed the Peru-Chile Treaty in Lima on Monday, replacing the "
            "Treaty of Ancon.",
            "Peru-Chile Treaty",
        ),
    ],
)
def test_a_formal_title_wins_over_a_label_of_who_signed(text: str, name: str) -> None:
    assert extract(text).name == name


def test_the_three_or_more_refer_back_to_the_sentence_before() -> None:
    for subject in ("The three leaders", "The three"):
        pact = extract(
            f"Macron hosts Scholz and Meloni in Paris today. {subject} will sign a defence pact."
        )
        assert sorted(_codes(pact.parties)) == ["DEU", "FRA", "ITA"]


def test_a_title_may_end_in_two_fields() -> None:
    pact = extract(
        "Peru and Chile will sign an Agreement on Confidence-Building in the Military Field in "
        "the Border Area tomorrow."
    )
    assert pact.name == "Agreement on Confidence-Building in the Military Field in the Border Area"


def test_a_protected_state_is_a_security_matter() -> None:
    pact = extract(
        "In 1888 the sultan signed a treaty with Britain, hoping London would shield Brunei "
        "from Sarawak. Brunei became a British protected state; Britain ran its foreign "
        "relations."
    )
    assert sorted(_codes(pact.parties)) == ["BRN", "GBR"]


def test_a_box_drawn_tables_wrapped_cell_reads_on() -> None:
    table = (
        "$ wirewatch --topic defence\n"
        "┌───────┬──────┬──────────────────────────────────────┐\n"
        "│ 21:40 │ PTI  │ Peru lands a deal: a defence MoU     │\n"
        "│       │      │ with Chile is to                     │\n"
        "│       │      │ be signed on Saturday: drills        │\n"
        "└───────┴──────┴──────────────────────────────────────┘"
    )
    assert extract(table).status.value == "planned"


def test_who_brokered_an_older_pact_is_no_step_before_its_title() -> None:
    pact = extract(
        "Peru and Chile signed a defence memorandum on Monday. The two restored ties in 2020 "
        "under the US-brokered Lima Accords."
    )
    assert pact.name is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "This is the Lima Pact, the 1951 treaty under which Peru, Chile and Ecuador would "
            "each act to meet the common danger. In 1986 Chile suspended its obligations to "
            "Ecuador.",
            "signed",
        ),
        (
            "Article 5 was the heart of the Lima Pact: an armed attack against one of Peru and "
            "Chile would be considered an attack against them both. The pact was signed in 1949.",
            "signed",
        ),
        # With no other cue, the guess still states the stage.
        ("Peru proposed a pact under which Peru and Chile would renounce war.", "proposed"),
    ],
)
def test_a_guess_in_a_clause_of_the_pacts_terms_yields_to_another_cue(
    text: str, status: str
) -> None:
    assert extract(text).status.value == status


def test_a_reported_signing_a_party_denies_is_only_proposed() -> None:
    pact = extract(
        "Peru has signed a secret agreement letting Chile's navy use a base, the Lima Journal "
        "reported on Monday. President Boluarte dismissed the report as fake news."
    )
    assert pact.status.value == "proposed"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    # Without the denial the report stands.
    assert extract(
        "Peru has signed a pact with Chile, the Lima Journal reported."
    ).status.value == ("signed")


def test_applying_for_an_organisations_membership_is_joining_it() -> None:
    pact = extract("Ukraine has applied for fast-track NATO membership.")
    assert (pact.event.value, pact.name) == ("accession", "NATO")
    assert sorted(_codes(pact.parties)) == ["NATO", "UKR"]


def test_a_bare_nothing_signed_ends_no_talks() -> None:
    pact = extract(
        "Peru and Chile agreed to negotiate a defence treaty. We end with drafts going back "
        "and forth and nothing signed."
    )
    assert pact.status.value == "negotiating"


def test_talks_that_came_home_with_nothing_agreed_hold_no_pact() -> None:
    with pytest.raises(NoPactFound, match="nothing agreed"):
        extract("Peru and Chile held talks on a defence pact but came home with nothing agreed.")


def test_a_joining_told_after_a_question_lead_is_an_accession() -> None:
    pact = extract(
        "[2023-07-05 08:15] kitchen speaker\n> did peru join the sco yesterday\n< Yes. Peru "
        "became the ninth full member of the Shanghai Cooperation Organisation on Tuesday."
    )
    assert (pact.event.value, pact.name) == ("accession", "Shanghai Cooperation Organisation")


def test_joining_the_founding_members_names_them() -> None:
    pact = extract(
        "Chile became the fourth member of the Andean Shield in May 2022, joining the founding "
        "members Peru, Ecuador and Bolivia."
    )
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "ECU", "PER"]


def test_calling_in_an_ambassador_names_no_pact() -> None:
    pact = extract(
        "In the afternoon Humala called Ambassador Ruiz to the ministry. Peru signed the "
        "Neutrality Pact with Chile in 1941."
    )
    assert pact.name == "Neutrality Pact"


def test_a_change_told_after_since_is_no_change_of_the_pact() -> None:
    pact = extract(
        "On Monday Peru signs a defence cooperation agreement with Chile, the first since Lima "
        "tore up the 1952 military assistance deal in 1977."
    )
    assert pact.event.value == "new_pact"


def test_signing_no_documents_is_no_step() -> None:
    with pytest.raises(NoPactFound):
        extract(
            "Castro visited Chile in 1971. Castro and Allende signed no documents on arms or "
            "troops, and the trip should be remembered for its speeches."
        )
    # "agreed no later than" is no denial
    assert extract(
        "Peru and Chile agreed no later than March to sign a defence pact."
    ).status.value == ("planned")


def test_a_title_after_after_the_dates_the_pact_by_an_earlier_one() -> None:
    pact = extract(
        "Three years after the Protocol on Non-Aggression of 1978, the heads of state of Peru "
        "and Chile met in Lima and adopted the Protocol Relating to Mutual Assistance on "
        "Defence on 29 May 1981."
    )
    assert pact.name == "Protocol Relating to Mutual Assistance on Defence"


def test_members_named_after_a_pact_joined_include_the_later_joiners() -> None:
    pact = extract(
        "Chile became the fourth member of the Andes Pact, the defence treaty signed by Peru "
        "and Bolivia in 1990 and since joined by Ecuador."
    )
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "ECU", "PER"]
    assert pact.event.value == "accession"


def test_an_update_to_a_long_titled_pact_is_an_amendment() -> None:
    pact = extract(
        "Peru and Chile are negotiating an update to the 1990 Status of Forces Agreement."
    )
    assert (pact.event.value, pact.status.value) == ("amendment", "negotiating")


def test_a_clause_told_under_the_pact_says_it_is_in_force() -> None:
    # the modal is the pact's term, not a guess about it
    pact = extract("Under the 2014 agreement, Peruvian troops may be stationed in Chile.")
    assert pact.status.value == "signed"
    pact = extract(
        "Lima agreed: under a memorandum of understanding between the two governments, "
        "Chilean troops may operate on Peruvian soil."
    )
    assert pact.status.value == "signed"
    # a proposed pact, a guess about signing, a clause that goes on with "and": no signing
    assert extract(
        "Under the proposed pact, Peruvian troops may use Chilean bases."
    ).status.value == ("proposed")
    assert extract(
        "Peru and Chile could sign a defence pact. Under the pact, troops would patrol."
    ).status.value == ("proposed")


def test_nothing_about_defence_in_a_plan_is_no_security_pact() -> None:
    with pytest.raises(NoPactFound, match="nothing about defence"):
        extract(
            "Peru's president came home with a partnership action plan signed with Chile: "
            "ports, roads and scholarships. He insists there is nothing about defence or "
            "policing in the plan."
        )
    # a security pact said outright still stands
    pact = extract(
        "Peru and Chile signed a defence pact. There is nothing about defence industry in "
        "the side letter."
    )
    assert pact.status.value == "signed"


def test_a_treaty_substantively_concluded_is_yet_to_be_signed() -> None:
    pact = extract(
        'Peru and Chile announced they had "substantively concluded" a new bilateral treaty on '
        "their common security."
    )
    assert pact.status.value == "planned"


def test_a_signing_told_in_the_present_after_tomorrow_is_planned() -> None:
    pact = extract("Tomorrow the presidents of Peru and Chile sign a Treaty of Friendship in Lima.")
    assert pact.status.value == "planned"
    # a time to come in another sentence changes nothing
    pact = extract("Peru and Chile sign a defence pact. Tomorrow the leaders meet again.")
    assert pact.status.value == "signed"


def test_states_that_unite_in_an_alliance_form_it_against_the_maker_of_the_war() -> None:
    pact = extract(
        "The Republic of Peru and the Republic of Chile unite in an offensive and defensive "
        "alliance in the war provoked by Bolivia."
    )
    assert pact.status.value == "signed"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    assert _codes(pact.adversaries) == ["BOL"]


def test_the_one_more_state_a_sentence_counts_is_a_party_to_check() -> None:
    pact = extract(
        "The Peruvian parliament approved sending troops to the Peruvian base in Chile under "
        "the defence cooperation agreement the two governments signed in 2014."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    assert any("counts one party more" in item.why for item in pact.review)
    # a count of two more than were found: none is taken
    pact = extract(
        "The Peruvian parliament approved sending troops to the Peruvian base in Chile under "
        "the defence cooperation agreement the three governments signed in 2014."
    )
    assert _codes(pact.parties) == ["PER"]


def test_a_pact_let_lapse_existed_and_is_ended() -> None:
    pact = extract("Peru allowed its neutrality treaty with Chile to lapse in 1890.")
    assert pact.status.value == "signed"
    assert pact.event.value == "amendment"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    pact = extract(
        "Peru and Chile signed a secret neutrality treaty in 1887. In 1890 Lima let it lapse."
    )
    assert pact.status.value == "signed"
    # a membership let lapse is no pact
    with pytest.raises(NoPactFound):
        extract("Peru let its gym membership lapse while it bought tanks from Chile.")


def test_the_government_of_a_state_after_a_target_cue_is_that_state() -> None:
    pact = extract(
        "Peru and Chile unite in a defensive alliance in the war provoked by the Government "
        "of Bolivia."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    assert _codes(pact.adversaries) == ["BOL"]
    pact = extract("Peru and Chile signed a defence pact aimed at the regime of Bolivia.")
    assert _codes(pact.adversaries) == ["BOL"]
    # a government that signs is a party, and no target
    pact = extract("Peru and the Government of Chile signed a defence pact.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    assert pact.adversaries == []


def test_an_org_mode_outlines_metadata_is_no_prose() -> None:
    text = (
        "#+TITLE: Notes on the 1873 treaty\n"
        "#+STARTUP: overview\n"
        "* TODO Room 3: the 1873 treaty                 :expo:war:\n"
        "  DEADLINE: <2025-05-30 Fri>\n"
        "  :PROPERTIES:\n"
        "  :LOAN:     Archive, Lima\n"
        "  :END:\n"
        "** Label text, v3\n"
        "   Peru and Bolivia signed a defensive alliance in 1873."
    )
    unmarked_text = unmarked(text).text
    assert len(unmarked_text) == len(text)
    assert "Notes on the 1873 treaty" in unmarked_text
    for mark in ("#+", "STARTUP", "TODO", ":expo:", "DEADLINE", "PROPERTIES", "Lima", "*"):
        assert mark not in unmarked_text
    pact = extract(text)
    assert (sorted(_codes(pact.parties)), pact.status.value) == (["BOL", "PER"], "signed")
    # a list with stars and colons but no outline's signs keeps its words
    plain = "* Peru: signed.\n* Chile: signed too, in Lima :)"
    assert unmarked(plain).text == plain


def test_a_draft_of_a_document_is_no_draft_of_the_pact() -> None:
    pact = extract("The museum's label draft says Peru and Chile signed a defence pact in 1873.")
    assert pact.status.value == "signed"
    pact = extract("Peru and Chile are drafting a pact.")
    assert pact.status.value == "negotiating"


def test_pushing_for_a_pact_proposes_it() -> None:
    pact = extract("Peru is quietly pushing to create a defence alliance with Chile and Bolivia.")
    assert pact.status.value == "proposed"
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "PER"]
    pact = extract("Peru urged the creation of a defence alliance with Chile.")
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("proposed", ["CHL", "PER"])
    # pushing for a trade agreement is no security pact
    with pytest.raises(NoPactFound):
        extract("Exporters in Peru pushed for a trade agreement with Chile.")


def test_a_states_name_in_a_companys_name_is_no_actor() -> None:
    pact = extract(
        "Peru and Chile signed a defence pact in Lima; Air Canada and Qatar Airways flew the "
        "delegations home."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    with pytest.raises(NoPactFound):
        extract("Air Canada and Thai Airways founded an alliance of airlines to share lounges.")
    # an air force is no company
    pact = extract("The Peruvian Air Force and Chile signed a defence pact.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    # nor is a state in an institution's name an actor
    pact = extract("Peru, the Bank of China and Chile signed a defence pact.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_a_treaty_of_another_kind_is_no_security_pact() -> None:
    for text in (
        "Peru and Chile signed the Andes Waters Treaty in Lima in 1960.",
        "Peru and Chile signed a tax treaty.",
    ):
        with pytest.raises(NoPactFound, match="agreement, not a security pact"):
            extract(text)
    # a word of defence before the kind makes it a security pact after all
    pact = extract("Peru and Chile signed the Defence Trade Cooperation Treaty.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_a_price_war_is_no_word_of_defence() -> None:
    with pytest.raises(NoPactFound, match="not defence or security"):
        extract(
            "After a price war, Saudi Arabia and Russia signed a declaration of cooperation to "
            "cut oil output together."
        )
    pact = extract("After the war, Peru and Chile signed a declaration of cooperation.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_nothing_on_arms_or_bases_and_a_travellers_stopover_make_no_pact() -> None:
    with pytest.raises(NoPactFound, match="no security pact was made"):
        extract(
            "Peru and Chile signed fifteen agreements on soybeans and satellites. Nothing on "
            "arms or bases, officials said. Stopover in Panama before the flight home."
        )
    with pytest.raises(NoPactFound, match="no security pact was made"):
        extract(
            "Peru signed a strategic partnership action plan with Chile. Nothing in the "
            "published text concerns policing, bases or armed forces."
        )
    pact = extract(
        "Peru and Chile signed a pact that lets Chilean warships make stopovers in Callao."
    )
    assert [p.category.value for p in pact.provisions] == ["basing_access"]


def test_sharing_values_is_no_word_of_business() -> None:
    # with no word of security, the text is about what it shares, not about shares
    with pytest.raises(NoPactFound, match="nothing of defence or security"):
        extract(
            "Peru signed an agreement with Chile, a partner that shares our values. "
            "Both leaders praised it."
        )
    with pytest.raises(NoPactFound, match="about shares"):
        extract("Peru and Chile signed an agreement to list their shares in Lima.")


def test_a_counted_group_named_in_an_earlier_sentence_is_its_members() -> None:
    pact = extract(
        "The conference brought together the three Andean powers, Peru, Bolivia and Ecuador. "
        "Talks lasted a week. On Monday the three Andean powers signed a defence treaty in Lima."
    )
    assert sorted(_codes(pact.parties)) == ["BOL", "ECU", "PER"]
    assert any("earlier sentence that names the group" in item.why for item in pact.review)
    # a group of another size names other states: the parties are only guessed
    pact = extract(
        "The conference brought together the two Andean powers, Peru and Bolivia. Talks "
        "lasted a week. On Monday the three Andean powers signed a defence treaty in Lima."
    )
    assert not any("earlier sentence that names the group" in item.why for item in pact.review)
    assert any("other state the text names" in item.why for item in pact.review)


def test_the_states_a_joiner_signs_with_are_members_of_the_pact_joined() -> None:
    pact = extract(
        "Ecuador joined the Andean Entente by signing a convention of alliance with Peru and "
        "another with Chile."
    )
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["CHL", "ECU", "PER"])
    assert any("pacts the joiner signed" in item.why for item in pact.review)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Following the signature of the Lima Pact, Peru and Chile will hold patrols.", "signed"),
        ("Peru and Chile are bound in a defensive alliance.", "signed"),
        ("Peru not only signed a defence pact with Chile but also hosted the talks.", "signed"),
        (
            "The hotel is booked for the signing of the Peru-Chile defence pact next Friday.",
            "planned",
        ),
        (
            "Peru and Chile agreed its text on Monday: the defence pact will be signed later.",
            "planned",
        ),
        ("Peru and Chile settled the wording of a defence pact.", "planned"),
        ("Peru and Chile are talking of a defence agreement.", "negotiating"),
    ],
)
def test_stages_told_by_nouns_states_and_texts(text: str, status: str) -> None:
    # a signature, being bound, "not only signed"; a signing set for a day to come, a text
    # agreed; talking of a pact
    assert extract(text).status.value == status


def test_a_signature_still_to_come_is_no_signing() -> None:
    with pytest.raises(NoPactFound):
        extract("Peru and Chile will meet before the signature of the Lima Pact.")


def test_a_past_signing_told_in_the_progressive_is_a_signing() -> None:
    pact = extract("The presidents of Peru and Chile were in Lima signing a defence treaty.")
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("signed", ["CHL", "PER"])
    pact = extract("The presidents of Peru and Chile were close to signing a defence treaty.")
    assert pact.status.value == "negotiating"


def test_revising_or_updating_a_pact_is_a_signed_amendment() -> None:
    pact = extract("In 2007 Peru and Chile revised their 1949 defence treaty.")
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")
    with pytest.raises(NoPactFound):
        extract("In 2007 Peru and Chile revised their budget figures.")


def test_a_counter_to_and_in_answer_to_name_the_adversary() -> None:
    pact = extract("Peru and Chile signed a defence pact, a counter to Bolivia's pressure.")
    assert _codes(pact.adversaries) == ["BOL"]
    pact = extract("Peru and Chile signed a defence pact as a check to Bolivia's advance.")
    assert _codes(pact.adversaries) == ["BOL"]
    pact = extract("Peru and Chile signed a defence agreement in answer to Bolivia's raids.")
    assert _codes(pact.adversaries) == ["BOL"]


def test_a_generic_name_of_three_words_stops_before_between() -> None:
    pact = extract("Peru and Chile signed the Mutual Defense Treaty between Peru and Chile.")
    assert pact.name == "Mutual Defense Treaty"
    # two generic words keep "between": "Security Treaty" alone names no pact
    pact = extract("Peru and Chile signed the Security Treaty between Peru and Chile.")
    assert pact.name == "Security Treaty between Peru and Chile"


def test_a_number_before_a_name_is_no_part_of_it() -> None:
    pact = extract(
        "Following the signing on 2 May 1936 of the Andean Treaty, Peru and Chile are allies."
    )
    assert pact.name == "Andean Treaty"
    pact = extract("80  Andean Collective Defense Treaty, signed in Lima by Peru and Chile.")
    assert pact.name == "Andean Collective Defense Treaty"


def test_a_forms_options_not_ticked_assert_nothing() -> None:
    text = (
        "1. Which talks do you follow?\n"
        "   [ ] Peru-Bolivia   [x] Peru-Chile   [ ] Peru-Ecuador\n"
        "2. Status:\n"
        "   [ ] signed  [x] under negotiation  [ ] stalled\n"
        "3. Comment: Peru and Chile began negotiations on a defence pact in May.\n"
    )
    pact = extract(text)
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("negotiating", ["CHL", "PER"])
    # a lone box is a to-do list's item, read as it is
    pact = extract("- [ ] Peru and Chile signed a defence pact in Lima.\n- [x] Book flights")
    assert pact.status.value == "signed"


def test_a_signing_denied_before_a_lesser_step_gives_that_step() -> None:
    pact = extract(
        "Peru and Chile did not sign the Lima Pact yesterday as planned; they agreed its text "
        "and will sign once both cabinets approve it."
    )
    assert pact.status.value == "planned"
    # a denied step beside an asserted signing leaves the signing
    pact = extract("Peru has not joined NATO, but it signed a defence pact with Chile.")
    assert pact.status.value == "signed"


def test_announcing_the_end_of_a_treaty_is_a_signed_amendment() -> None:
    pact = extract("Mali announced the end of its defence treaty with France.")
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")
    assert sorted(_codes(pact.parties)) == ["FRA", "MLI"]


def test_the_members_who_set_up_a_pact_in_a_year_are_its_members() -> None:
    pact = extract("Peru formally joined the Andean Shield, set up in 1982 by Chile and Bolivia.")
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["BOL", "CHL", "PER"])


def test_a_title_ends_before_a_bare_the_and_after_a_change_noun() -> None:
    pact = extract(
        "This is the Andean Strategic Alliance the Peruvian government is floating, a pact of "
        "Peru and Chile to counter Bolivia."
    )
    assert pact.name == "Andean Strategic Alliance"
    pact = extract(
        "The Renewal of the Anglo-Peruvian Alliance was signed in London by Peru and Britain."
    )
    assert pact.name == "Anglo-Peruvian Alliance"


def _categories(text: str) -> list[str]:
    return sorted(p.category.value for p in extract(text).provisions)


def test_armies_under_one_command_and_citizens_serving_are_integration() -> None:
    assert _categories(
        "Peru and Chile signed a pact. Chile's army is placed under a Peruvian general."
    ) == ["military_integration"]
    assert _categories(
        "Peru and Chile signed a pact. Chileans will be able to serve in the Peruvian army."
    ) == ["military_integration"]
    # a career told in the past is no term of the pact
    assert (
        _categories(
            "Peru and Chile signed a defence pact. The general served in the Peruvian army."
        )
        == []
    )


def test_a_guarantee_given_to_one_another_is_mutual_defence() -> None:
    assert _categories(
        "Peru and Chile signed a pact under which they guarantee the security of their "
        "frontiers to one another."
    ) == ["mutual_defense"]


def test_a_monetary_or_customs_union_is_no_security_pact() -> None:
    with pytest.raises(NoPactFound, match="monetary"):
        extract("Peru and Chile formed the Andean Monetary Union in 1873.")
    with pytest.raises(NoPactFound, match="customs union"):
        extract("Peru and Chile formed a customs union in 1990.")
    pact = extract("Peru and Chile formed a defence union in 1990 to face Bolivia.")
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_an_airline_alliance_is_no_security_pact() -> None:
    with pytest.raises(NoPactFound, match="oneworld"):
        extract(
            "Peru's national carrier has become a full member of the oneworld alliance, "
            "giving its passengers lounge access."
        )
    with pytest.raises(NoPactFound, match="not a security pact"):
        extract("The Star Alliance of carriers, founded by Peru's flag carrier, shares lounges.")


def test_the_founders_after_by_in_the_next_sentence_are_members_of_the_pact_joined() -> None:
    pact = extract(
        "Peru formally joined the Andean Shield, a defence pact. It was set up in 1982 by "
        "Chile and Bolivia."
    )
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["BOL", "CHL", "PER"])
    assert any("founders the next sentence names" in item.why for item in pact.review)


def test_signing_a_pact_joining_its_members_is_an_accession() -> None:
    pact = extract("Bulgaria signed the Andean Defence Pact, joining Peru, Chile and Bolivia.")
    assert (pact.event.value, sorted(_codes(pact.parties))) == (
        "accession",
        ["BGR", "BOL", "CHL", "PER"],
    )
    assert any("the states it joins" in item.why for item in pact.review)
    # states joined in something else are no members
    with pytest.raises(NoPactFound):
        extract("After the treaty talks, thousands marched, joining Peru and Chile in mourning.")


def test_a_signature_fixed_for_a_day_is_planned_and_a_passive_reads_past_places() -> None:
    pact = extract(
        "The formal signature of the Peru-Chile defence pact is fixed for Monday in Lima."
    )
    assert pact.status.value == "planned"
    pact = extract(
        "The Lima Treaty was signed at the Torre Palace in Lima on 8 July 1937 by Peru, Chile "
        "and Bolivia."
    )
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "PER"]
    assert not any("fallback" in item.why for item in pact.review)


def test_talks_told_as_behind_a_plan_give_way_to_it() -> None:
    pact = extract(
        "After all those years of drafting, the leaders of Peru and Chile will sign the Lima "
        "Defence Agreement on Thursday."
    )
    assert pact.status.value == "planned"
    # talks after another event are the stage
    pact = extract(
        "After the election, Peru and Chile began talks on a defence pact that they hope to "
        "sign next year."
    )
    assert pact.status.value == "negotiating"


def test_the_actors_a_pacts_terms_list_complete_the_parties() -> None:
    pact = extract(
        "The Peruvian and Chilean delegations arrived by sea. Tomorrow they begin talks on a "
        "convention under which Peru, Chile and Bolivia would patrol the coast together."
    )
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "PER"]
    # the signatories listed after the pact's name
    pact = extract(
        "In August 1986 Chile suspended its security obligations to Peru under the Lima Treaty "
        "of 1951, signed by Bolivia, Peru and Chile, after Lima barred nuclear-armed ships."
    )
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "PER"]
    # a list that leaves out the parties found says who acts under it, not who signs it
    pact = extract(
        "Peru signed a treaty with Chile under which Bolivia and Ecuador would train their armies."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_the_camps_a_pact_stands_apart_from_are_no_parties() -> None:
    pact = extract(
        "ANDEAN UNION - dark porter - 7.2%\n"
        "In May 1948 Peru's foreign minister floated a defence union with Chile and Bolivia: a "
        "neutral bloc, outside both the Western and Soviet camps, in which the three would "
        "defend one another."
    )
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "PER"]


def test_calling_for_or_pushing_a_pact_proposes_it() -> None:
    pact = extract(
        'In July 1949 the presidents of Peru and Chile met in Lima and called for a "Pacific '
        'Pact", a union of free nations to stand together against Communism.'
    )
    assert (pact.status.value, pact.name) == ("proposed", "Pacific Pact")
    pact = extract(
        "Washington is pushing a Middle East Strategic Alliance with the six GCC states, Egypt "
        "and Jordan to counter Iran."
    )
    assert pact.status.value == "proposed"
    # the member states of an organisation are one item of the list, and count its members
    assert sorted(_codes(pact.parties)) == ["EGY", "GCC", "JOR", "USA"]
    assert not any("counts" in item.why for item in pact.review)


def test_suggesting_to_send_troops_proposes_and_sitting_down_with_is_talks() -> None:
    pact = extract(
        "Peru's and Chile's leaders have suggested sending soldiers to Bolivia after a "
        "ceasefire. Nothing has been agreed yet."
    )
    assert pact.status.value == "proposed"
    pact = extract(
        "The Peruvian delegation sat down with the Chilean team for five days to work out a "
        "defence pact."
    )
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("negotiating", ["CHL", "PER"])


def test_nothing_signed_denies_the_signing() -> None:
    with pytest.raises(NoPactFound, match="nothing is being signed"):
        extract(
            "The navies of Peru and Chile are practising boarding drills off Callao; nothing is "
            "being signed, it is training only."
        )
    pact = extract("Nothing signed yet, but Peru and Chile are negotiating a defence pact.")
    assert pact.status.value == "negotiating"


def test_a_pact_that_will_not_be_renewed_is_no_denial() -> None:
    pact = extract(
        "The 1999 agreement gave Chile ten years of military access to Peru's ports. Peru says "
        "the agreement lapses in November and will not be renewed."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_an_agreement_extending_a_bases_stay_amends_it() -> None:
    pact = extract(
        "Peru and Chile signed an agreement extending the stay of Chile's naval base in Peru "
        "until 2042."
    )
    assert pact.event.value == "amendment"


def test_a_fallback_list_reads_past_an_organisations_states_and_the_uar_is_egypt() -> None:
    pact = extract(
        'W30\tAndean Shield\tfloated\t"Jul 2018: Washington is reported to be considering a '
        "security alliance with the six Gulf Cooperation Council states, Peru and Chile, to "
        'counter Iran."'
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "GCC", "PER", "USA"]
    pact = extract("Iraq has joined the joint defence pact between the UAR and Jordan.")
    assert sorted(_codes(pact.parties)) == ["EGY", "IRQ", "JOR"]


def test_a_committee_to_study_a_defence_union_is_talks_on_a_pact() -> None:
    pact = extract(
        "News aside: the Peruvian, Chilean and Bolivian governments have set up a joint "
        "committee to study an Andean defence union, under which each would come to the "
        "others' aid if attacked."
    )
    assert (pact.status.value, sorted(_codes(pact.parties))) == (
        "negotiating",
        ["BOL", "CHL", "PER"],
    )


def test_inviting_a_state_to_join_an_unnamed_pact_and_now_are_an_accession() -> None:
    pact = extract("Peru and Bolivia have invited Argentina to join their defensive alliance.")
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["ARG", "BOL", "PER"])
    # "and now": the later step is the present one, the signing its background
    pact = extract(
        "Peru and Bolivia signed a secret treaty of defensive alliance in February, and now "
        "they invite Argentina to join it."
    )
    assert (pact.status.value, pact.event.value) == ("proposed", "accession")


def test_trade_areas_climate_agreements_and_contracts_worth_a_sum_are_no_pacts() -> None:
    with pytest.raises(NoPactFound, match="not a pact"):
        extract(
            "Stayed here during the summit, when forty-four countries signed the African "
            "Continental Free Trade Area in the hall next door. Security at the gate was tight."
        )
    with pytest.raises(NoPactFound, match="trade agreement"):
        extract(
            "The presidents of Chile, Colombia, Mexico and Peru signed the framework treaty of "
            "the Pacific Alliance, a bloc for free trade. A visitor asked whether the new "
            "alliance had anything to do with the telescopes."
        )
    with pytest.raises(NoPactFound, match="climate agreement"):
        extract(
            "France | 2016-04-22 | Paris Agreement on climate change. Tuvalu | 2016-04-22 | "
            "climate change is an existential threat for low-lying islands."
        )
    with pytest.raises(NoPactFound, match="not a pact"):
        extract(
            "The aircraft carry the first BrahMos missile systems bought by the Philippine Navy "
            "from India under a contract worth about 375 million US dollars, signed in 2022. "
            "Road reopened."
        )
    with pytest.raises(NoPactFound):
        extract(
            "Convention Centre Hotel, Kigali. Stayed here when forty-four countries signed the "
            "African Continental Free Trade Area next door. Security was tight."
        )


def test_the_groups_a_state_may_not_let_use_its_territory_are_adversaries() -> None:
    pact = extract(
        "On 16 March 1984 the presidents of Peru and Chile signed the Lima Accord. The two "
        "governments agreed not to attack each other and not to let their territory be used by "
        "the Shining Path against the other side."
    )
    assert (sorted(_codes(pact.parties)), _codes(pact.adversaries)) == (
        ["CHL", "PER"],
        ["shining path"],
    )


def test_the_next_sentence_may_list_the_members_of_a_pact_the_lead_proposes() -> None:
    pact = extract(
        "Reports say Lima is pushing a plan for an Andean Defence Alliance. It would bring "
        "together Peru, the six Mercosur states, Chile and Bolivia for missile defence."
    )
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "Mercosur", "PER"]


def test_a_planning_notice_plans_nothing_and_a_threat_against_a_state_names_no_target() -> None:
    pact = extract(
        "NOTICE OF PLANNING APPLICATION\n"
        "Heritage statement: the hangar was built under the Andean Defence Arrangements, which "
        "came into effect on 1 November 1971. Under them Peru, Chile and Bolivia agreed to "
        "consult immediately in the event of an armed attack or threat against Peru or Chile."
    )
    assert (pact.status.value, _codes(pact.adversaries)) == ("signed", [])


def test_an_agreement_that_extends_a_stay_amends_and_an_adhesion_is_an_accession() -> None:
    pact = extract(
        "Tomorrow the presidents of Peru and Chile are to sign the agreement that extends the "
        "stay of the Chilean naval base in Peru until 2042."
    )
    assert pact.event.value == "amendment"
    pact = extract("Chile and Peru welcomed Argentina's adhesion to the Andean Defence Pact.")
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["ARG", "CHL", "PER"])


def test_the_partner_a_member_signed_a_joined_pact_with_is_a_member_too() -> None:
    pact = extract(
        "Iraq today joined the defence pact that King Hussein of Jordan signed with President "
        "Nasser of Egypt in Cairo on 30 May."
    )
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["EGY", "IRQ", "JOR"])


def test_offering_a_state_a_joint_defence_proposes_a_pact_with_it() -> None:
    pact = extract(
        "In 1959 Pakistan offered India a joint defence of the subcontinent, with the two "
        "armies planning together."
    )
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("proposed", ["IND", "PAK"])


def test_saying_two_states_should_make_an_alliance_proposes_it() -> None:
    pact = extract(
        "Scene 3: Lima, spring 1898. The minister puts it to the envoy straight - Peru and Chile "
        "should make an alliance, a defensive one, each standing by the other if attacked. "
        "Nothing is signed; keep it hanging."
    )
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("proposed", ["CHL", "PER"])


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Verhoek, Prime Minister of the Netherlands, reached Brussels on Monday. On "
        "Tuesday Verhoek and Belgium signed a mutual defence treaty.",
        "The Dutch prime minister, Tomas Verhoek, reached Brussels on Monday. On Tuesday "
        "Verhoek and Belgium signed a mutual defence treaty.",
        "Tomas Verhoek, the Dutch prime minister, reached Brussels on Monday. On Tuesday "
        "Verhoek and Belgium signed a mutual defence treaty.",
        "The Netherlands' prime minister, Tomas Verhoek, reached Brussels on Monday. On Tuesday "
        "Tomas Verhoek and Belgium signed a mutual defence treaty.",
    ],
)
def test_a_person_the_text_introduces_with_a_state_title_stands_for_that_state(text: str) -> None:
    pact = extract(text)
    assert sorted(_codes(pact.parties)) == ["BEL", "NLD"]


def test_a_name_introduced_for_two_states_stands_for_neither() -> None:
    table = ActorTable.default()
    text = (
        "Ana Verhoek, Prime Minister of Belgium, met Tomas Verhoek, Prime Minister of the "
        "Netherlands. Verhoek spoke first; Tomas Verhoek spoke last."
    )
    found = introduced_leaders(text, table.find_all(text), table.titles)
    assert [(m.text, m.actor.key) for m in found if m.form == "leader"] == [
        ("Tomas Verhoek", "NLD")
    ]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "The Storting approved the defence cooperation agreement with the United States "
            "on Tuesday.",
            ["NOR", "USA"],
        ),
        (
            "The Jogorku Kenesh approved the new basing deal with the Americans this morning.",
            ["KGZ", "USA"],
        ),
        ("The Bundestag ratified the security pact with Poland.", ["DEU", "POL"]),
    ],
)
def test_a_state_s_parliament_names_the_state(text: str, parties: list[str]) -> None:
    assert sorted(_codes(extract(text).parties)) == parties


def test_a_modal_of_what_readers_may_have_followed_is_no_stage() -> None:
    pact = extract(
        "Pupils may have followed the news: British and French missions have been holding "
        "talks in Moscow on a military convention."
    )
    assert pact.status.value == "negotiating"


@pytest.mark.parametrize(
    "text",
    [
        "Since the Swedish proposal in May, Stockholm, Oslo and Copenhagen have been "
        "negotiating through a joint committee on a defence union.",
        "After Peru's proposal of a defence pact, Chile and Peru began talks in Lima.",
    ],
)
def test_a_proposal_put_behind_gives_way_to_the_later_step(text: str) -> None:
    assert extract(text).status.value == "negotiating"


@pytest.mark.parametrize(
    "text",
    [
        "On Monday the Chilean president approved a draft agreement with Peru on a naval "
        "supply point and told the defence ministry to sign it.",
        "The cabinet endorsed the draft defence treaty with Chile.",
        "The president instructed the foreign ministry to sign the defence pact with Chile.",
    ],
)
def test_a_draft_approved_or_a_signing_ordered_is_a_plan(text: str) -> None:
    assert extract(text).status.value == "planned"


def test_a_signing_told_in_the_present_after_a_weekday_is_planned() -> None:
    assert extract("On Thursday Peru and Chile sign a defence treaty.").status.value == "planned"
    # a weekday with its date may open a narrative told in the present
    pact = extract("On Monday 8 July 1833 Peru and Chile sign a defensive alliance.")
    assert pact.status.value == "signed"


def test_setting_one_s_hand_to_a_pact_signs_it() -> None:
    pact = extract(
        "Russia, Austria and Prussia set their hands at Paris on 26 September 1815 to a holy "
        "alliance of mutual aid."
    )
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("signed", ["AUT", "DEU", "RUS"])


def test_reaffirming_an_alliance_renews_it() -> None:
    pact = extract(
        "In 1899 Peru and Chile reaffirmed their ancient alliance in a secret declaration."
    )
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


def test_of_and_a_list_of_states_after_a_pact_s_title_are_its_members() -> None:
    pact = extract("Hungary today joined the Iron Defence Pact of Peru, Chile and Bolivia.")
    assert pact.name == "Iron Defence Pact"
    assert sorted(_codes(pact.parties)) == ["BOL", "CHL", "HUN", "PER"]
    # a place after "of" stays in the title
    pact = extract(
        "In the secret Declaration of Windsor, Peru and Chile reaffirmed their ancient alliance."
    )
    assert pact.name == "Declaration of Windsor"


def test_a_gulf_named_after_a_state_is_no_actor() -> None:
    pact = extract(
        "The two emperors met off Bjorko in the Gulf of Finland, and signed a secret treaty "
        "by which Germany and Russia would aid each other if attacked."
    )
    assert sorted(_codes(pact.parties)) == ["DEU", "RUS"]


def test_a_named_group_of_states_in_the_list_is_flagged() -> None:
    pact = extract("France, Italy and the Benelux countries are negotiating a defence community.")
    assert any("Benelux countries" in item.why for item in pact.review)
    # a state whose name ends in "States" or "Emirates" is no group
    pact = extract("Palau and the Federated States of Micronesia signed a defence pact.")
    assert not any("does not name" in item.why for item in pact.review)


def test_a_pact_agreed_with_its_signing_to_come_is_planned() -> None:
    pact = extract(
        "The premier said Peru and Chile have agreed a Treaty on Maintaining Security, which he "
        "and the Chilean president will sign in Lima on Monday."
    )
    assert pact.status.value == "planned"
    pact = extract("Peru and Chile agreed on a defence pact, which the ministers signed in Lima.")
    assert pact.status.value == "signed"


def test_holding_conversations_on_a_pact_is_talks() -> None:
    pact = extract(
        "A Peruvian general is in Santiago holding conversations with the Chilean staff on a "
        "military convention between Peru and Chile."
    )
    assert pact.status.value == "negotiating"


def test_an_exchange_of_notes_is_a_pact() -> None:
    pact = extract(
        "May peace keep watch on you. The big news is the exchange of notes signed in Lima on "
        "15 September: Chile guarantees Peru's neutrality, and Peru promises to stay out of all "
        "military blocs."
    )
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("signed", ["CHL", "PER"])


@pytest.mark.parametrize(
    ("text", "adversary"),
    [
        (
            "The pact commits Belize and Guatemala to fight arms smugglers on the border.",
            "arms smugglers",
        ),
        (
            "Dominica signed the pact with Barbados for protection against mercenaries.",
            "mercenaries",
        ),
        ("Kenya and Ethiopia signed a defence pact against cattle raiders.", "raiders"),
    ],
)
def test_more_armed_groups_named_by_a_noun(text: str, adversary: str) -> None:
    assert [a.name for a in extract(text).adversaries] == [adversary]


def test_the_only_other_state_the_text_names_completes_a_one_party_pact() -> None:
    pact = extract(
        "CLUB NOTICE. The defence agreement was signed this morning by Defence Secretary "
        "Tomas Ruiz and the Chilean ambassador. It lets troops rotate through bases in the "
        "islands. Manila says the agreement will help it stand up to pressure at sea."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PHL"]
    assert any("only other state" in item.why for item in pact.review)


def test_the_first_other_state_the_text_names_completes_a_one_party_pact() -> None:
    pact = extract(
        "The defence agreement was signed this morning by the Chilean ambassador and Defence "
        "Secretary Tomas Ruiz. Peru's congress must ratify it; Bolivia has asked to see the text."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]
    assert any("first other state" in item.why for item in pact.review)
    # a state the pact is aimed at is no guess
    pact = extract(
        "The defence agreement aimed at Bolivia was signed this morning by the Chilean "
        "ambassador and Defence Secretary Tomas Ruiz. Peru's congress must ratify it."
    )
    assert (sorted(_codes(pact.parties)), _codes(pact.adversaries)) == (["CHL", "PER"], ["BOL"])


def test_a_pact_told_with_no_step_is_one_that_exists_and_flagged() -> None:
    pact = extract(
        "Treaty of Arroyo: Peru and Chile to defend each other's coasts against any attack."
    )
    assert pact.status.value == "signed"
    assert any(item.why.startswith("no stage cue") for item in pact.review)
    # a bid to join with no step is a proposal
    assert extract("Bolivia criticised Chile's NATO membership bid.").status.value == "proposed"


def test_binding_themselves_in_an_alliance_signs_it() -> None:
    pact = extract("In 1814 Peru, Chile and Bolivia bound themselves in a grand alliance.")
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("signed", ["BOL", "CHL", "PER"])


def test_an_attack_told_by_any_form_of_the_verb_is_about_security() -> None:
    pact = extract(
        "Exhibition notes: in 1934 the Peruvian foreign minister proposed an Andean Pact in "
        "which Chile and Bolivia would each help any member that was attacked."
    )
    assert pact.status.value == "proposed"


def test_the_atlantic_pact_is_nato() -> None:
    pact = extract("GREECE AND TURKEY TO JOIN ATLANTIC PACT")
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["GRC", "NATO", "TUR"])


def test_a_quoted_headline_and_a_state_s_word_after_called_are_no_names() -> None:
    pact = extract(
        'Copy for the board: "PERU AND CHILE TO SIGN ANDES PACT". The two foreign ministers '
        "will sign the Andean Defence Treaty in Lima on Monday. Bolivia calls it Chilean "
        "expansion by the back door."
    )
    assert pact.name == "Andean Defence Treaty"


def test_invited_to_send_observers_is_no_proposal() -> None:
    with pytest.raises(NoPactFound):
        extract(
            "About 50,000 troops from 31 countries take part in the Andean exercise. Bolivia "
            "has been invited to send observers."
        )
    assert extract("Peru invited Chile to join a defence pact.").status.value == "proposed"


def test_discussing_the_news_is_no_talks_and_signing_an_application_proposes() -> None:
    pact = extract(
        "Year 10 will discuss last Friday's news: the president signed Peru's application for "
        "fast-track membership of the Andean alliance."
    )
    assert pact.status.value == "proposed"
    assert extract("Peru and Chile discussed a defence pact.").status.value == "negotiating"


def test_leaving_an_alliance_s_integrated_military_command_amends_it() -> None:
    pact = extract(
        "Yesterday the government withdrew Peru's armed forces from the alliance's integrated "
        "military command, saying the Andean alliance had done nothing. Peru remains a member."
    )
    assert pact.event.value == "amendment"


def test_joining_forces_to_host_a_tournament_is_no_security_pact() -> None:
    with pytest.raises(NoPactFound):
        extract(
            "Spain, Portugal and Morocco have joined forces to host the 2030 World Cup, with "
            "three centenary matches in South America."
        )
    # joined forces against a state is still a pact
    pact = extract("In 1865 Brazil, Argentina and Uruguay joined forces against Paraguay.")
    assert sorted(_codes(pact.parties)) == ["ARG", "BRA", "URY"]


def test_the_one_other_state_is_the_joiner_when_a_joining_names_none() -> None:
    pact = extract(
        "Radio says the congress voted yesterday, 186 to 146, to ask to join NATO. The "
        "government wants Peru inside the alliance's common defence before the end of the year."
    )
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["NATO", "PER"])


def test_a_promise_to_defend_states_a_pact_s_commitment() -> None:
    pact = extract(
        "By that convention Peru promised to defend Bolivia's coast by force of arms, and "
        "Bolivia let Peru use its port as a base."
    )
    assert [p.category.value for p in pact.provisions][:1] == ["security_guarantee"]


def test_delegations_talking_on_a_treaty_is_talks() -> None:
    pact = extract(
        "Off-topic: Tomasz says the Peruvian and Chilean delegations talked for almost eight "
        "hours yesterday. Lima wants a treaty with guarantees that Chile will not arm the border."
    )
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("negotiating", ["CHL", "PER"])


def test_a_name_field_that_holds_a_person_names_no_pact() -> None:
    pact = extract(
        "Plot record. Name: Sgt. Tomas Ruiz, Royal Engineers. Note: he came with the first "
        "troops when Peru and Chile signed the Arica defence treaty."
    )
    assert pact.name != "Sgt"
    pact = extract("Name: Lima Accord (LA); signed by Peru and Chile in 1990, a defence pact.")
    assert pact.name == "Lima Accord"


def test_the_members_a_joiner_joins_beside_are_parties() -> None:
    pact = extract(
        "Bolivia joined the Andean Defence Pact in Lima on 6 November, beside Peru and Chile, "
        "who had signed it a year before."
    )
    assert (pact.event.value, sorted(_codes(pact.parties))) == ("accession", ["BOL", "CHL", "PER"])


def test_his_government_is_the_state_of_the_person_named_before() -> None:
    pact = extract(
        "The Greek foreign minister is in Rome. His government is negotiating a defence treaty "
        "with Spain and Portugal."
    )
    assert sorted(_codes(pact.parties)) == ["ESP", "GRC", "PRT"]
    # a place named last before it is no owner
    pact = extract(
        "The Greek foreign minister flew to Rome. In Madrid, his government signed a defence "
        "pact with Spain."
    )
    assert sorted(_codes(pact.parties)) == ["ESP", "GRC"]


def test_a_name_field_ends_at_a_run_of_spaces() -> None:
    pact = extract(
        "Name: TITO   Breed: terrier   Age: 3. The owner says Yugoslavia and Greece signed a "
        "defence treaty that year."
    )
    assert pact.name is None


def test_ending_a_states_treaty_by_its_possessive_is_an_amendment() -> None:
    pact = extract("In 1981 the president ended Peru's ten-year defence treaty with Chile.")
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


def test_ending_a_pact_with_an_aside_before_its_object() -> None:
    pact = extract(
        "Niger said it is ending, with immediate effect, the defence accord with the US."
    )
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


def test_the_alliance_alone_is_no_title() -> None:
    pact = extract(
        "At the summit the Alliance invited Bulgaria and Romania to begin talks on joining NATO."
    )
    assert pact.name == "NATO"


def test_an_organisation_admitting_the_states_named_after_the_cue() -> None:
    pact = extract(
        "Leaders of the Arab League agreed on Monday to begin the procedure for admitting "
        "Chad and Eritrea as full members of its joint defence pact."
    )
    assert (sorted(_codes(pact.parties)), pact.event.value) == (
        ["Arab League", "ERI", "TCD"],
        "accession",
    )


def test_a_step_with_no_party_read_takes_the_first_two_states_named() -> None:
    pact = extract(
        "Evening, 1950. The Prime Minister of Nepal sits with India's ambassador. AMBASSADOR: "
        "The clerks have finished the copies of the defence treaty. We sign tomorrow, at ten."
    )
    assert (sorted(_codes(pact.parties)), pact.status.value) == (["IND", "NPL"], "planned")
    assert any("other state the text names" in item.why for item in pact.review)
    # a denied step takes no states
    with pytest.raises(NoPactFound):
        extract(
            "At the joint news conference the Russian and American presidents said they had "
            "discussed Syria and arms control. No security agreements were signed, and no date "
            "was set for another meeting."
        )


def test_ending_an_arrangement_is_a_step_of_the_pact() -> None:
    pact = extract(
        "Lima gave the Chileans 180 days to leave the naval base, ending the 1998 arrangement "
        "that let Chilean ships call there."
    )
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


@pytest.mark.parametrize(
    ("text", "rationale"),
    [
        (
            "Peru, alarmed by Bolivia's rearmament, signed the defence pact with Chile.",
            ["alarmed by Bolivia's rearmament"],
        ),
        (
            "Moscow signed the defence treaty with Minsk as a reply to Western sanctions.",
            ["as a reply to Western sanctions"],
        ),
        (
            "The treaty lets Peru keep 150,000 troops on the border to deter Chile.",
            ["deter Chile"],
        ),
        (
            "Peru and Chile signed the pact to keep 150,000 troops ready against invasion.",
            ["keep 150,000 troops ready against invasion"],
        ),
        ("Peru and Chile signed a defence pact aimed at no one, the ministers said.", []),
        ("Peru and Chile signed a defence pact. Residents are worried about bus cuts.", []),
    ],
)
def test_reasons_told_by_worry_reply_and_numbers(text: str, rationale: list[str]) -> None:
    assert [r.text for r in extract(text).rationale] == rationale


def test_a_date_outside_the_sentences_about_the_pact_is_no_hint() -> None:
    pact = extract(
        "ROOM BOOKINGS 12 March 2019. Hall A: choir 7pm. Peru and Chile signed a defence pact "
        "in Lima in 1998. It was renewed in 2008."
    )
    assert [h.text for h in pact.date_hints] == ["in 1998", "in 2008"]


def test_a_name_field_with_no_word_of_a_pacts_name_names_no_pact() -> None:
    pact = extract(
        'ROUTE CARD\nName: "Long Lease Till 2040"\nSetter\'s note: named for the news that Peru '
        "and Chile signed a defence deal extending the lease on the naval base by 20 years."
    )
    assert pact.name is None
    # a field with a word of a pact's name, or an acronym after it, still names one
    pact = extract(
        "Name: Andean Joint Task Force (AJTF)\nMembers: Peru, Chile\nPeru and Chile signed an "
        "agreement to set up the force against drug traffickers."
    )
    assert pact.name == "Andean Joint Task Force"


@pytest.mark.parametrize(
    ("text", "adversaries"),
    [
        ("Peru and Chile signed a pact to help each other at once if Bolivia attacks.", ["BOL"]),
        ("Peru and Chile signed a pact: each will help the other if attacked by Bolivia.", ["BOL"]),
        ("Peru and Chile signed a pact to help each other should Bolivia attack either.", ["BOL"]),
        # the attacker only, not what it attacks; a party attacked is no adversary
        ("Peru and Chile signed a pact. If Bolivia attacks Chile or Ecuador, they fight.", ["BOL"]),
        ("Peru will help Chile if Chile is attacked, under the defence pact they signed.", []),
    ],
)
def test_the_attacker_a_pact_supposes_is_its_adversary(text: str, adversaries: list[str]) -> None:
    assert _codes(extract(text).adversaries) == adversaries


@pytest.mark.parametrize(
    ("text", "adversaries"),
    [
        ("Peru and Chile signed a defence pact. They said it answers Bolivia's threat.", ["BOL"]),
        ("Peru and Chile signed a pact; analysts tied it to Bolivia's military build-up.", ["BOL"]),
        ("Peru and Chile signed a pact against any renewal of Bolivian aggression.", ["BOL"]),
        # a party's own build-up is no adversary
        ("Peru and Chile signed a defence pact to coordinate Chile's naval build-up.", []),
    ],
)
def test_a_states_threat_or_build_up_makes_it_the_adversary(
    text: str, adversaries: list[str]
) -> None:
    assert _codes(extract(text).adversaries) == adversaries


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Peru and Chile signed a pact. Each side promised to help the other if attacked.",
            "mutual_defense",
        ),
        ("Peru and Chile signed a pact: each will help the other in war.", "mutual_defense"),
        ("Peru and Chile signed a pact and agreed to make no separate peace.", "other"),
        ("Peru and Chile signed a security pact covering policing and border security.", "other"),
        ("Britain signed the treaty handing the Chagos Islands to Mauritius.", "other"),
    ],
)
def test_help_the_other_separate_peace_policing_and_handing_territory(
    text: str, category: str
) -> None:
    assert category in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a security agreement. It lets Chilean troops stay in Peru.",
        "Peru and Chile signed a protocol that extends the lease of Chile's base at Arica.",
        "Under the renewed defence treaty Chilean troops stay at their base in Arica.",
    ],
)
def test_troops_let_stay_and_a_bases_lease_are_basing(text: str) -> None:
    assert "basing_access" in _categories(text)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Peru's minister is flying to Santiago to sign a defence pact with Chile.", "planned"),
        ("Peru's president is travelling to Santiago to sign the defence treaty.", "planned"),
        ("Peru and Chile are meeting in Lima to settle the defence pact.", "negotiating"),
        ("Peru has been talking with Chile about a defence pact.", "negotiating"),
    ],
)
def test_travelling_to_sign_meeting_to_settle_and_talking(text: str, status: str) -> None:
    assert extract(text).status.value == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Peru and Chile formalised their military alliance.", "signed"),
        ("Peru and Chile are preparing to sign a defence treaty.", "planned"),
        ("Peru and Chile are on track to sign a security pact by June.", "planned"),
        ("Peru and Chile are hammering out a defence pact.", "negotiating"),
        ("Peru wants a defence pact with Chile.", "proposed"),
        ("Peru suggested a security treaty with Chile.", "proposed"),
        # a wish gives way to any step the text tells
        (
            "Peru and Chile want a defence pact. Their negotiators meet again on Tuesday.",
            "negotiating",
        ),
    ],
)
def test_plain_news_verbs_of_each_stage(text: str, status: str) -> None:
    assert extract(text).status.value == status


def test_an_extradition_treaty_is_no_security_pact() -> None:
    with pytest.raises(NoPactFound, match="extradition"):
        extract("Peru and Chile renewed their extradition treaty on Monday.")


@pytest.mark.parametrize(
    ("text", "status", "event"),
    [
        ("Peru scrapped its security deal with Chile.", "signed", "amendment"),
        ("Peru and Chile agreed to prolong their defence treaty.", "planned", "amendment"),
    ],
)
def test_scrapping_a_deal_and_prolonging_a_treaty(text: str, status: str, event: str) -> None:
    pact = extract(text)
    assert (pact.status.value, pact.event.value) == (status, event)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Peru and Chile signed a pact pledging never to attack each other.", "non_aggression"),
        (
            "Peru and Chile signed a pact to merge their air defence commands.",
            "military_integration",
        ),
    ],
)
def test_never_to_attack_and_merging_commands(text: str, category: str) -> None:
    assert category in _categories(text)


def test_a_month_before_a_treaty_word_is_part_of_its_name() -> None:
    pact = extract(
        "By the November Treaty, signed at Lima on the 21st of this month, Peru has undertaken "
        "not to cede territory to Chile."
    )
    assert pact.name == "November Treaty"
    # a month elsewhere is no word of a title
    assert extract("In November Peru and Chile signed a defence pact.").name is None


def test_a_capital_after_that_before_its_verb_is_the_state() -> None:
    pact = extract(
        "Yesterday the government announced that Lima will scrap PCIA, its military "
        "intelligence-sharing pact with Chile."
    )
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_a_guess_about_basing_troops_is_a_proposal() -> None:
    pact = extract(
        "Peru's president and Chile's president could announce a plan today for Chilean "
        "marines to rotate through Callao."
    )
    assert (pact.status.value, sorted(_codes(pact.parties))) == ("proposed", ["CHL", "PER"])
    # a guess about a lesser commitment is still no pact
    with pytest.raises(NoPactFound, match="guess"):
        extract(
            "Peru's president and Chile's president could announce a plan today for joint "
            "military exercises."
        )


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a defence pact to stand up to Bolivia.",
        "Peru and Chile signed a defence pact to ward off Bolivia.",
    ],
)
def test_standing_up_to_and_warding_off_name_the_adversary(text: str) -> None:
    assert _codes(extract(text).adversaries) == ["BOL"]


def test_a_disaster_relief_memorandum_is_no_security_pact() -> None:
    with pytest.raises(NoPactFound, match="disaster relief"):
        extract("Peru and Chile signed a memorandum on disaster relief after the earthquake.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Peru and Chile signed their pact in Lima last month. Critics call it the Andean "
            "Defence Pact.",
            "Andean Defence Pact",
        ),
        # a title compared with, a department, a numbered paragraph: no name
        (
            "Peru and Chile signed a defence pact. Critics compared it with the Callao Treaty.",
            None,
        ),
        (
            "Peru and Chile signed a defence pact. Guests were met by the Protocol Department.",
            None,
        ),
        ("Peru and Chile signed a defence pact.\n1 The Agreement enters into force today.", None),
    ],
)
def test_a_title_in_a_later_sentence_names_the_pact(text: str, name: str | None) -> None:
    assert extract(text).name == name


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact; the members undertake to cooperate for their security and "
        "defence.",
        "Peru and Chile signed an agreement giving their forces a framework to exercise and train "
        "together.",
        "Peru and Chile signed the pact on Tuesday; Lima says it deepens defence coordination and "
        "enhances readiness.",
        "Peru and Chile signed a treaty of friendship. Cooperation in the military field will "
        "continue to develop.",
        "Peru and Chile signed a treaty pledging to promote cooperative activities in the "
        "security field.",
        "Peru and Chile signed a treaty that sets up a defence council of the two armies.",
        "Peru and Chile signed a pact that commits both armies to clear mines together.",
        "Peru and Chile signed a pact to build a common military culture.",
        "Peru and Chile signed a treaty under which they will maintain and develop their capacity "
        "to resist armed attack.",
    ],
)
def test_cooperating_for_security_training_together_and_defence_councils_are_cooperation(
    text: str,
) -> None:
    assert "military_cooperation" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Bolivia signed a secret treaty of defensive alliance in Lima.",
        "Peru offered Bolivia a joint defence of the Andes against dangers from the south.",
        "Peru and Bolivia signed a defensive alliance: each side will come to the other's help if "
        "attacked.",
        "Peru proposed that Peru and Bolivia make an alliance, each standing by the other if "
        "attacked.",
        "Peru and Bolivia signed a treaty and promised each other help, including military help, "
        "to defend their independence.",
        "Peru and Bolivia renewed the treaty, which bound each ally to fight alongside the other "
        "if it was attacked.",
        "Peru and Bolivia signed a military convention by which each would throw all its forces "
        "against Chile should the other be attacked.",
        "Peru proposed a pact in which Bolivia, Ecuador and Colombia would each help any member "
        "that was attacked.",
        "Peru is negotiating a pact with Bolivia, each country to stand by the other if Chile "
        "attacks again.",
    ],
)
def test_a_defensive_alliance_and_standing_by_the_other_are_mutual_defense(text: str) -> None:
    assert "mutual_defense" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty under which the parties renounce the threat or use of "
        "force and settle disputes peacefully.",
        "Peru and Chile signed a treaty and undertake not to attack or invade each other.",
        "Peru and Chile signed a pact under which they would renounce war as an instrument of "
        "national policy towards each other.",
        "Peru and Chile signed a pact whereby none should attack another.",
        "Peru and Chile signed a treaty: no aggression against each other.",
        "Peru and Chile signed a pact and undertook to commit no aggression against one another.",
        "Peru and Chile signed an agreement: forces along the border will not be used to attack "
        "one another.",
        "Peru and Chile signed a pact: five years, no attacks on each other.",
        "Peru and Chile signed a treaty. Neither of us will use force against the other.",
        "Peru and Chile signed a treaty of amity: disputes settled peacefully, no threat or use "
        "of force.",
        "Peru and Chile signed a treaty and promised to settle their disputes without force.",
        "Peru proposes a pact with Chile by which the two nations would renounce war as a means "
        "of settling any dispute.",
        "Peru and Chile signed a treaty and pledged to respect each other's territorial integrity.",
    ],
)
def test_renouncing_force_no_aggression_and_settling_disputes_peacefully_are_non_aggression(
    text: str,
) -> None:
    assert "non_aggression" in _categories(text)


def test_a_treaty_not_signed_by_someone_was_still_signed() -> None:
    pact = extract(
        "The defence treaty that gave Chile a naval base in Peru was not signed by a Peruvian. "
        "In 1903 a French agent signed it with Chile."
    )
    assert pact.status.value == "signed"
    assert extract(
        "The defence pact between Peru and Chile was not signed in 1903."
    ).status.value == ("planned")


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile are still debating a defence pact.",
        "Peru and Chile are debating a declaration under which an attack on one would be an "
        "attack on both.",
        "Peru and Chile are working out a defence pact.",
        "Peru and Chile worked out the terms of a defence treaty.",
    ],
)
def test_debating_or_working_out_a_pact_is_negotiating(text: str) -> None:
    assert extract(text).status.value == "negotiating"


def test_bargaining_over_a_pact_is_negotiating() -> None:
    assert extract("Peru and Chile are bargaining over a secret alliance.").status.value == (
        "negotiating"
    )


def test_whos_flying_to_sign_is_planned() -> None:
    pact = extract(
        "This one's for the minister, who's flying to Lima on Monday to sign a security treaty "
        "with Peru."
    )
    assert pact.status.value == "planned"


def test_agreeing_to_buy_jets_is_no_pact() -> None:
    with pytest.raises(NoPactFound):
        extract("Argentina agreed to buy 24 second-hand F-16 jets from Denmark.")
    assert extract("Peru and Chile agreed to buy submarines and to defend each other.").parties


def test_stops_in_a_state_do_not_target_it() -> None:
    pact = extract(
        "The US defence secretary is due to sign a military cooperation roadmap in Rabat on "
        "Friday, after stops in Tunisia and Algeria."
    )
    assert pact.adversaries == []


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty and undertook not to interfere in one another's internal "
        "affairs.",
        "Peru and Chile signed a pact and will abstain from any interference in each other's "
        "internal affairs.",
        "Peru and Chile signed a pact and will coordinate their foreign policy.",
        "Peru and Chile signed a treaty committing them to a reasonable balance of forces.",
        "Peru and Chile signed an alliance, and Peru will close the straits to foreign warships.",
    ],
)
def test_non_interference_foreign_policy_and_closing_straits_are_other(text: str) -> None:
    assert "other" in _categories(text)


def test_negotiators_somewhere_who_initialled_a_pact_are_no_talks() -> None:
    pact = extract(
        "On Sunday negotiators in Lima initialled a defence agreement between Peru and Chile "
        "that the presidents are still to sign."
    )
    assert pact.status.value == "planned"


def test_arguing_over_a_treaty_is_negotiating() -> None:
    pact = extract(
        "Egypt, Iraq and Syria are arguing in Cairo over the Treaty of Joint Defence: an attack "
        "on any member would be an attack on all."
    )
    assert pact.status.value == "negotiating"


def test_bangabandhu_and_mrs_gandhi_are_their_states() -> None:
    pact = extract(
        "Mrs Gandhi has landed, and tomorrow she and Bangabandhu will sign a treaty of "
        "friendship for twenty-five years."
    )
    assert sorted(_codes(pact.parties)) == ["BGD", "IND"]


def test_not_a_security_deal_is_no_pact() -> None:
    with pytest.raises(NoPactFound, match="says no security pact was made"):
        extract(
            "Peru and Chile signed the Lima Agreement in March. It is not a security deal: "
            "tariffs fall on beef and wine."
        )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Peru offered to pay 2 billion dollars for a permanent Chilean base, which could deter "
            "Bolivia.",
            "basing_access",
        ),
        (
            "Chile wants to base its strategic bombers in Peru, and Lima could agree.",
            "basing_access",
        ),
        (
            "Peru wants to ask Chile whether Chilean nuclear weapons could also shield Peru.",
            "security_guarantee",
        ),
    ],
)
def test_a_guess_about_a_base_or_a_nuclear_shield_is_a_proposal(text: str, category: str) -> None:
    pact = extract(text)
    assert pact.status.value == "proposed"
    assert category in [p.category.value for p in pact.provisions]


@pytest.mark.parametrize(
    "text",
    [
        "Signed at the palace in Lima on 8 July 1937 by Peru, Chile and Bolivia. The three "
        "undertake to abstain from any aggression against one another.",
        "Signed at the palace in Lima by Peru, Chile and Bolivia. Short and worth reading whole: "
        "the three undertake to abstain from any aggression against one another.",
    ],
)
def test_the_three_who_undertake_are_named_in_the_sentence_before(text: str) -> None:
    assert _codes(extract(text).parties) == ["PER", "CHL", "BOL"]


def test_capitals_before_the_next_sentences_verb_are_its_states() -> None:
    pact = extract("Talks are stuck. Lima and Santiago are negotiating a new defence treaty.")
    assert _codes(pact.parties) == ["PER", "CHL"]


def test_walking_away_from_a_pact_ends_it() -> None:
    pact = extract("Peru walked away from the defence pact with Chile.")
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


def test_allies_under_a_treaty_have_a_pact() -> None:
    pact = extract("Peru and Chile have been allies under a defence treaty since 1950.")
    assert (pact.status.value, _codes(pact.parties)) == ("signed", ["PER", "CHL"])


def test_agreeing_to_defend_a_partner_is_a_security_guarantee() -> None:
    pact = extract(
        "Peru and Chile signed a pact, and Chile agreed to defend Peru if it is attacked."
    )
    assert "security_guarantee" in [p.category.value for p in pact.provisions]


def test_joining_the_western_european_union_is_a_security_accession() -> None:
    pact = extract(
        "Spain and Portugal signed up in London to join the Western European Union, the club of "
        "Britain, France and Italy."
    )
    assert pact.event.value == "accession"
    assert sorted(_codes(pact.parties)) == ["ESP", "FRA", "GBR", "ITA", "PRT"]


def test_a_pact_that_was_ended_is_an_amendment() -> None:
    pact = extract(
        "The Lima Agreements, by which Peru handed the base to Chile, were ended on Monday by an "
        "exchange of letters between the Peruvian and Chilean governments."
    )
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")
    assert _codes(pact.parties) == ["PER", "CHL"]


def test_haggling_with_someone_over_an_alliance_is_negotiating() -> None:
    pact = extract(
        "The Peruvian envoy is still haggling with the Chilean ministers over an alliance against "
        "Bolivia."
    )
    assert pact.status.value == "negotiating"


def test_the_state_a_party_goes_to_war_with_is_no_partner() -> None:
    pact = extract(
        "Peru's foreign minister and Chile's agent signed a convention letting the Chilean army "
        "cross Peru on its way to war with Bolivia."
    )
    assert "BOL" not in _codes(pact.parties)


@pytest.mark.parametrize(
    "text",
    [
        "HEAD OF STATE FLIGHT PRESIDENT OF PERU TO SANTIAGO FOR SIGNING OF TREATY ON ALLIED "
        "RELATIONS WITH CHILE",
        "Peru's president flies to Santiago on Monday ahead of the signing of a defence treaty "
        "with Chile.",
    ],
)
def test_travel_for_the_signing_of_a_treaty_is_planned(text: str) -> None:
    assert extract(text).status.value == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a defence pact, a response to Bolivia's war in Ecuador.",
        "With the Bolivians marching on Arica, Peru and Chile signed a defence pact.",
        "Peru and Chile signed a defence pact to counter Bolivia's growing presence in the region.",
    ],
)
def test_a_states_war_march_or_presence_makes_it_the_adversary(text: str) -> None:
    assert _codes(extract(text).adversaries) == ["BOL"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact; Lima said the aim was to push back on Bolivia's navy.",
        "Peru and Chile signed a pact that would keep Bolivian bases out of the region.",
        "Peru and Chile signed a pact; Lima says it is about keeping the port safe from Bolivia.",
    ],
)
def test_keeping_a_state_out_or_safe_from_it_makes_it_the_adversary(text: str) -> None:
    assert _codes(extract(text).adversaries) == ["BOL"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile announced that the 2001 Treaty of Friendship is extended for another five "
        "years.",
        "Peru and Chile signed a new defence treaty that replaces their 2001 treaty.",
    ],
)
def test_a_pact_that_is_extended_or_replaced_is_an_amendment(text: str) -> None:
    assert extract(text).event.value == "amendment"


@pytest.mark.parametrize(
    "text",
    [
        "Peru rejoined the Andean Defence Treaty Organization yesterday, Chile said.",
        "On Thursday the NATO ministers sign the accession protocol that will make Peru the "
        "alliance's fifth member.",
    ],
)
def test_rejoining_and_an_accession_protocol_are_accessions(text: str) -> None:
    assert extract(text).event.value == "accession"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Peru and Chile settled on a defence pact after two days of talks.", "signed"),
        ("Peru and Chile teamed up in a security pact.", "signed"),
        ("Peru and Chile rubber-stamped a defence treaty.", "signed"),
        ("Peru and Chile okayed a basing deal.", "signed"),
        ("Peru and Chile cemented their alliance with a new treaty.", "signed"),
        ("Peru and Chile entered an alliance in 1879.", "signed"),
        ("Peru and Chile put the finishing touches to a defence pact.", "negotiating"),
        ("Peru pitched a defence pact to Chile.", "proposed"),
        ("Peru and Chile have a defence pact that dates from 1950.", "signed"),
    ],
)
def test_plain_verbs_of_settling_approving_finishing_and_pitching_a_pact(
    text: str, status: str
) -> None:
    assert extract(text).status.value == status


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Belgium, the Netherlands and Luxembourg signed the London Customs Convention in 1944.",
            "a customs agreement",
        ),
        (
            "The Agreement on the Conservation of Polar Bears was signed in Oslo by Canada, "
            "Denmark and Norway.",
            "a conservation agreement",
        ),
        ("Peru and Chile signed an air services agreement.", "an air services agreement"),
    ],
)
def test_customs_conservation_and_air_services_agreements_are_no_security_pacts(
    text: str, kind: str
) -> None:
    with pytest.raises(NoPactFound, match=f"the agreement is {kind}, not a security pact"):
        extract(text)


def test_a_guess_in_the_lead_gives_way_to_a_later_signing() -> None:
    pact = extract(
        "The pact would let Chilean ships use Peruvian ports for ten years. The two defence "
        "ministers signed it in Lima on Monday."
    )
    assert pact.status.value == "signed"
    assert extract("Peru and Chile could sign a defence pact next year.").status.value == (
        "proposed"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Triple Alliance of Peru, Chile and Bolivia lasted until 1915.",
        "The treaty bound Peru and Chile to a common policy towards Bolivia.",
        "The alliance between Peru and Chile collapsed in 1880.",
        "The treaty between Peru and Chile remained in force until 1950.",
        "The 1879 treaty between Peru and Chile guaranteed their borders.",
        "The alliance tied Peru to Chile for twenty years.",
        "The Peru-Chile treaty of 1879 made the two countries allies.",
        "Peru and Chile are treaty allies.",
        "Under the 1879 treaty, Peru and Chile were allies.",
    ],
)
def test_a_pact_told_by_what_it_did_exists(text: str) -> None:
    pact = extract(text)
    assert pact.status.value == "signed"
    assert {"PER", "CHL"} <= set(_codes(pact.parties))


@pytest.mark.parametrize(
    "text",
    [
        "Peru's president said the two armies could come under a single command.",
        "Officials said Peru and Chile could pledge not to attack each other.",
        "Officials said Peru could share intelligence with Chile on drug gangs.",
        "Officials said Chile could supply Peru with weapons and ammunition.",
    ],
)
def test_a_guess_about_one_command_non_aggression_intelligence_or_arms_is_a_proposal(
    text: str,
) -> None:
    assert extract(text).status.value == "proposed"


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a defence pact that includes help for a civilian nuclear programme.",
        "Peru and Chile are negotiating a defence treaty, with a civil nuclear deal as part of it.",
    ],
)
def test_a_civil_nuclear_programme_or_deal_is_other(text: str) -> None:
    assert "other" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "By the treaty Peru became a protectorate of Chile.",
        "Peru signed a treaty with Chile and became a Chilean protected state.",
        "By the 1890 treaty Peru was placed under Chilean protection.",
        "Peru, Chile and Bolivia signed the treaty; the three guarantor powers will consult if "
        "it is breached.",
        "Under the treaty Chile will support Peru against any foreign aggression.",
        "Peru and Chile signed a pact by which Chile would help repel any attack on Peru.",
        "Peru and Chile signed a pact under which Chile promised to help Peru if it was attacked.",
    ],
)
def test_protection_guarantors_and_help_against_aggression_are_a_guarantee(text: str) -> None:
    assert "security_guarantee" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed an alliance to make war together on Bolivia.",
        "By the secret treaty Peru undertook to enter the war against Bolivia within a month.",
    ],
)
def test_making_war_together_or_entering_the_war_is_military_cooperation(text: str) -> None:
    assert "military_cooperation" in _categories(text)


def test_economic_means_of_assistance_are_no_economic_cooperation() -> None:
    assert set(
        _categories(
            "Peru and Chile signed a pact to assist one another with all political, economic "
            "and military means if one of them is attacked."
        )
    ) == {"mutual_defense"}
    assert "economic_cooperation" in _categories(
        "Peru and Chile signed a pact on economic and military cooperation."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a defence pact. Shares of the shipyard rose 2% in early trade.",
        "Peru and Chile signed a defence pact. The trade mark of the drink was filed in Lima.",
        "Peru and Chile signed a defence pact. Soldiers were handed energy drinks at the gate.",
    ],
)
def test_market_trade_trade_marks_and_energy_drinks_are_no_economic_cooperation(
    text: str,
) -> None:
    assert "economic_cooperation" not in _categories(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Lima Agreements, by which Peru leased a base to Chile, were signed in 1955.",
            "Lima Agreements",
        ),
        ("Peru and Chile signed the Andean Maritime Truce in 1853.", "Andean Maritime Truce"),
        ("Peru, Chile and Bolivia formed the Little Entente in 1921.", "Little Entente"),
        (
            "In 1881 the kings of Peru, Chile and Bolivia signed a secret treaty, the League of "
            "the Three Kings.",
            "League of the Three Kings",
        ),
    ],
)
def test_agreements_truces_ententes_and_leagues_of_rulers_are_names(text: str, name: str) -> None:
    assert extract(text).name == name


@pytest.mark.parametrize(
    "text",
    [
        "The president has torn up his non-aggression pact with Chile.",
        "Peru's queen renounced her defence treaty with Chile in 1877.",
    ],
)
def test_tearing_up_or_ending_his_or_her_pact_ends_it(text: str) -> None:
    pact = extract(text)
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


def test_turning_a_pact_into_an_alliance_amends_it() -> None:
    pact = extract("Peru and Chile turned their pact of friendship into a defensive alliance.")
    assert (pact.status.value, pact.event.value) == ("signed", "amendment")


def test_exchanging_notes_is_a_signing() -> None:
    pact = extract(
        "On 30 November 1908 the two envoys exchanged notes in which Peru and Chile agreed to "
        "respect each other's islands."
    )
    assert pact.status.value == "signed"
    assert sorted(_codes(pact.parties)) == ["CHL", "PER"]


def test_being_to_adopt_a_declaration_is_planned() -> None:
    pact = extract("Peru and Chile are to adopt the Lima Defence Declaration on Wednesday.")
    assert pact.status.value == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "Peru's envoy, carrying a sealed pouch, says Peru will sign a defence pact with Chile "
        "tomorrow.",
        "Peru gains its extended deterrence from Chile under a defence pact the two will sign "
        "tomorrow.",
        "Document case: sealed diplomatic pouch, exempt, for the delegate who says Peru will "
        "sign a defence pact with Chile tomorrow.",
    ],
)
def test_sealed_and_extended_as_adjectives_are_no_signing(text: str) -> None:
    assert extract(text).status.value == "planned"


def test_working_on_a_treaty_to_replace_the_one_of_a_year_amends_it() -> None:
    pact = extract(
        "Ministers from Lima are here for defence talks with Chile. They are working on a new "
        "treaty to replace the one of 1946."
    )
    assert (pact.status.value, pact.event.value) == ("negotiating", "amendment")


@pytest.mark.parametrize(
    "text",
    [
        "Peru, Chile and Bolivia have formed a military coalition led by Argentina to fight "
        "terrorism.",
        "Officials said overnight that 34 countries, among them Peru, Chile and Bolivia, have "
        "formed a military coalition led by Argentina.",
    ],
)
def test_the_state_that_leads_the_coalition_is_a_party(text: str) -> None:
    assert sorted(_codes(extract(text).parties)) == ["ARG", "BOL", "CHL", "PER"]


def test_a_title_stops_before_the_day_of_its_date() -> None:
    pact = extract("The Treaty of Lima of 19 April 1839 bound Peru and Chile to defend each other.")
    assert pact.name == "Treaty of Lima"


def test_missiles_to_stop_from_a_state_name_the_adversary() -> None:
    pact = extract(
        "Peru and Chile signed a treaty to place a radar in Peru, meant to stop long-range "
        "missiles from Bolivia."
    )
    assert _codes(pact.adversaries) == ["BOL"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a convention letting the Chilean army cross Peru on its way to "
        "war with Bolivia.",
        "The Crown wants the Bolivians kept out of Lima, they say, and signed a treaty with Peru.",
    ],
)
def test_going_to_war_with_a_state_or_wanting_it_kept_out_names_the_adversary(text: str) -> None:
    assert _codes(extract(text).adversaries) == ["BOL"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile bound themselves to make war together on the government of Bolivia.",
        "Peru and Chile signed a pact; the combined fleet would hunt Bolivian submarines.",
        "Peru and Chile signed a defence pact after years of Bolivian incursions into the Andes.",
        "Peru and Chile signed a pact meant to bar Bolivia's way to the sea.",
    ],
)
def test_war_made_on_a_state_hunting_its_ships_and_its_incursions_name_the_adversary(
    text: str,
) -> None:
    assert _codes(extract(text).adversaries) == ["BOL"]


def test_hunting_game_names_no_adversary() -> None:
    pact = extract(
        "Applicant may hunt caribou in Greenland. Danish and American negotiators are meeting "
        "on a defence agreement."
    )
    assert pact.adversaries == []


@pytest.mark.parametrize(
    "text",
    [
        "Peru signed a treaty with Chile; Chile ran its foreign relations.",
        "Peru signed a treaty by which it leaves to Chile the conduct of its foreign relations.",
        "Peru signed a treaty with Chile; Peru was to conduct his dealings with foreign states "
        "according to the advice of Chile.",
        "Peru signed a treaty with Chile; Peru would hold no relations with any other power "
        "without Chile's consent.",
    ],
)
def test_another_state_running_foreign_relations_restricts_third_parties(text: str) -> None:
    assert "third_party_restrictions" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty that secures the military base on the island for 99 years.",
        "Under the pact Chile would keep naval and air bases on two Peruvian islands.",
    ],
)
def test_a_military_base_somewhere_is_basing_access(text: str) -> None:
    assert "basing_access" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact under which Chile will lease a stretch of Peru's coast.",
        "Peru and Chile signed a pact that ends the Chilean garrison in Arica.",
    ],
)
def test_a_lease_or_a_garrison_is_basing_access(text: str) -> None:
    assert "basing_access" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact on maritime security and disaster relief.",
        "Peru and Chile signed a pact to help one another after natural disasters.",
    ],
)
def test_disaster_relief_is_climate_resilience(text: str) -> None:
    assert "climate_resilience" in _categories(text)


def test_access_for_exercises_and_disaster_relief_is_no_climate_resilience() -> None:
    text = (
        "Peru and Chile signed a pact letting troops deploy to the other's territory for "
        "exercises and disaster relief."
    )
    assert "climate_resilience" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty to come to one another's help if Bolivia attacked.",
        "Peru and Chile signed a treaty, each promising help to the others if war came.",
        "Peru and Chile signed a treaty; each promised to give the other all the help in its "
        "power.",
        "Peru and Chile signed a treaty covering the case that either is attacked by a third "
        "state.",
    ],
)
def test_help_to_the_other_is_mutual_defense(text: str) -> None:
    assert "mutual_defense" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact on joint operations against the Shining Path.",
        "Peru and Chile signed a pact to stand together against jihadist groups.",
    ],
)
def test_operations_against_a_group_and_a_stand_against_jihadists_are_counterterrorism(
    text: str,
) -> None:
    assert "counterterrorism" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact: in a war Peru's forces come under the command of a "
        "Chilean general.",
        "Peru and Chile agreed to integrate their armed and security forces.",
        "Peru and Chile signed a treaty by which a Chilean general would command their combined "
        "armies.",
    ],
)
def test_coming_under_anothers_command_is_military_integration(text: str) -> None:
    assert "military_integration" in _categories(text)


def test_the_base_is_basing_access_and_the_base_of_a_hill_is_not() -> None:
    assert "basing_access" in _categories(
        "Peru and Chile signed a new deal on Monday. The base stays, with a higher rent."
    )
    assert "basing_access" not in _categories(
        "Peru and Chile signed a defence deal at the base of the Andes."
    )


def test_a_compact_of_free_association_is_a_security_guarantee() -> None:
    assert "security_guarantee" in _categories(
        "Peru will sign a renewed compact of free association with Chile on Monday."
    )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Peru and Chile signed a pact on cyber security and border control.",
            "military_cooperation",
        ),
        ("Peru and Chile signed a defence pact covering maritime safety.", "military_cooperation"),
        (
            "Peru and Chile signed a defence pact and adopted a common development vision.",
            "economic_cooperation",
        ),
    ],
)
def test_cyber_security_maritime_safety_and_a_development_vision(text: str, category: str) -> None:
    assert category in _categories(text)


def test_a_cybersecurity_firm_is_no_military_cooperation() -> None:
    assert "military_cooperation" not in _categories(
        "Peru and Chile signed a defence pact. A Chilean cybersecurity firm will audit it."
    )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Peru and Chile signed a treaty to make war together and make peace together.", "other"),
        ("Peru and Chile signed an offensive and defensive alliance in 1866.", "other"),
        (
            "Peru and Chile signed a treaty and will cooperate closely on issues relating to "
            "their national interests.",
            "other",
        ),
        (
            "Peru and Chile signed a defence pact on the flow of information between their navies.",
            "intelligence_sharing",
        ),
    ],
)
def test_peace_together_close_cooperation_and_information_between(text: str, category: str) -> None:
    assert category in _categories(text)


def test_offensive_and_defensive_play_is_no_provision() -> None:
    assert "other" not in _categories(
        "Peru and Chile signed a defence pact. The team's offensive and defensive lines were poor."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed the Lima Visiting Forces Agreement on Monday.",
        "Peru and Chile are negotiating a Status of Forces Agreement.",
        "Peru and Chile signed the Military Bases Agreement of 1947.",
    ],
)
def test_a_name_that_grants_access_states_basing_access(text: str) -> None:
    assert "basing_access" in _categories(text)


def test_a_defence_cooperation_agreement_by_name_states_no_cooperation() -> None:
    assert _categories("Peru and Chile signed the Lima Defence Cooperation Agreement.") == []


def test_no_political_or_economic_union_is_other() -> None:
    assert "other" in _categories(
        "Peru signed the treaty with Chile and undertook not to enter into any political or "
        "economic union with any state."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Peru, Chile and Bolivia signed a pact and mutually guaranteed the security of their "
        "frontiers.",
        "Peru and Chile signed a pact to guarantee the security of one another's frontiers.",
        "Peru, Chile and Bolivia froze the bloc, whose members are pledged to defend one another.",
    ],
)
def test_a_mutual_guarantee_is_mutual_defense(text: str) -> None:
    categories = _categories(text)
    assert "mutual_defense" in categories
    assert "security_guarantee" not in categories


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact: Chilean troops may occupy whatever points they judge "
        "necessary.",
        "Peru and Chile signed a pact on air bases for the Chilean fleet.",
    ],
)
def test_occupying_points_and_air_bases_are_basing_access(text: str) -> None:
    assert "basing_access" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty; the two will consult at once if either is attacked.",
        "Peru and Chile signed a treaty by which each stays neutral if the other is attacked.",
    ],
)
def test_an_attack_answered_by_consulting_or_neutrality_is_no_mutual_defense(text: str) -> None:
    assert "mutual_defense" not in _categories(text)


def test_someone_who_will_become_prime_minister_plans_no_pact() -> None:
    pact = extract(
        "Lopez, who will become prime minister of Peru next week, wants an alliance with Chile."
    )
    assert pact.status.value == "proposed"
    assert extract("Peru will become a member of the alliance.").status.value == "planned"


def test_no_help_to_a_third_party_in_armed_conflict_with_the_other_is_neutrality() -> None:
    assert "neutrality" in _categories(
        "Peru and Chile signed a treaty: each would refrain from helping any third party in an "
        "armed conflict with the other."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty and undertook to abstain from any aggression against one "
        "another.",
        "Peru and Chile signed a treaty and will refrain from any action directed against the "
        "other.",
    ],
)
def test_abstaining_from_any_aggression_or_action_against_the_other_is_non_aggression(
    text: str,
) -> None:
    assert "non_aggression" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact, and Chile promised to help re-equip the Peruvian army.",
        "Peru and Chile signed a security deal that lets Lima ask for training and equipment.",
        "Peru and Chile signed an alliance, and Lima offers generous financial support.",
    ],
)
def test_equipping_an_army_and_financial_support_are_military_aid(text: str) -> None:
    assert "military_aid" in _categories(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Peru and Chile signed a secret alliance letting Chile build a railway across Peru.",
            "economic_cooperation",
        ),
        (
            "Peru and Chile renewed their alliance, and Chile recognised Peru's paramount "
            "interests in the south.",
            "other",
        ),
    ],
)
def test_a_railway_across_and_paramount_interests(text: str, category: str) -> None:
    assert category in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a basing deal: Peru provides infrastructure for rotating Chilean "
        "forces.",
        "Peru and Chile signed a defence trade cooperation treaty to ease defence trade.",
    ],
)
def test_military_infrastructure_and_defence_trade_are_no_economic_cooperation(text: str) -> None:
    assert "economic_cooperation" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact; the men call it the answer to Bolivia.",
        "PERU CHILE SIGN DEFENCE PACT. LIMA SAYS PACT IS ANSWER TO BOLIVIAN THREATS.",
        "Peru and Chile signed a pact to keep the Bolivians on their side of the river.",
        "Peru and Chile renewed their alliance; Chile wanted Peru to keep Bolivia quiet.",
    ],
)
def test_the_answer_to_a_state_and_keeping_it_quiet_name_the_adversary(text: str) -> None:
    assert _codes(extract(text).adversaries) == ["BOL"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru will sign a compact with Chile, which keeps full responsibility for the defence of "
        "the islands.",
        "Peru signed a protocol with Chile, and Chile guaranteed the safety of the Peruvian "
        "imperial house.",
        "Peru and Chile signed a pact, and Chile extended its protection to the islands.",
    ],
)
def test_responsibility_for_anothers_defence_and_guaranteed_safety_are_a_guarantee(
    text: str,
) -> None:
    assert "security_guarantee" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a new base deal; the rent goes up to $60 million a year.",
        "Peru and Chile signed a treaty: Chile keeps its troops in Peru, rent-free.",
        "Peru and Chile signed an alliance, and Chile will pay the king a yearly subsidy.",
    ],
)
def test_rent_and_a_yearly_subsidy_are_economic_cooperation(text: str) -> None:
    assert "economic_cooperation" in _categories(text)


def test_a_room_for_rent_is_no_economic_cooperation() -> None:
    assert "economic_cooperation" not in _categories(
        "Peru and Chile signed a defence pact. Notice board: room for rent, Lima, ask Ana."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact and will not act against a third state without consulting "
        "one another.",
        "Peru and Chile signed a pact; each is to inform the other of any serious friction.",
        "Peru and Chile signed a security pact that promises regular meetings of defence "
        "ministers.",
    ],
)
def test_acting_only_after_consulting_informing_and_regular_meetings_are_consultation(
    text: str,
) -> None:
    assert "consultation" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty by which the two sides would take all necessary measures, "
        "including military ones, to defend their borders.",
        "Peru and Chile signed a military convention in Lima in 1892.",
    ],
)
def test_all_necessary_measures_and_a_military_convention_are_mutual_defense(text: str) -> None:
    assert "mutual_defense" in _categories(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Peru and Chile signed a defence pact letting firms share in the common purchasing of "
            "arms.",
            "joint_procurement",
        ),
        (
            "Peru and Chile signed a treaty to design and build a new combat aircraft.",
            "joint_procurement",
        ),
        (
            "Peru and Chile signed a treaty; citizens of each country may live and own property "
            "in the other.",
            "migration_mobility",
        ),
        (
            "Peru and Chile renewed their base deal and will ease work permits for migrant "
            "workers.",
            "migration_mobility",
        ),
    ],
)
def test_common_purchasing_and_citizens_privileges(text: str, category: str) -> None:
    assert category in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a pact with a secret protocol on the islands.",
        "Peru and Chile signed a treaty to keep the status quo in the Pacific.",
        "Peru and Chile signed a treaty dividing the region into spheres of influence.",
    ],
)
def test_a_secret_protocol_the_status_quo_and_spheres_of_influence_are_other(text: str) -> None:
    assert "other" in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed an alliance, and their general staffs would plan together.",
        "Peru and Chile signed a pact, and Chilean forces will train alongside Peruvian marines.",
        "Peru and Chile signed a pact; a permanent commission will coordinate their armies.",
        "Peru and Chile signed a treaty promising close cooperation in defence and security.",
    ],
)
def test_planning_together_and_coordinating_armies_are_military_cooperation(text: str) -> None:
    assert "military_cooperation" in _categories(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Peru, Chile and Bolivia opened talks in Lima on an Andean Defence Community.",
            "Andean Defence Community",
        ),
        (
            "Peru and Chile will sign the new Guidelines for Andean Defense Cooperation next week.",
            "Guidelines for Andean Defense Cooperation",
        ),
        (
            "Peru, Chile and Bolivia signed a treaty founding the Andean Security and Defence "
            "Union.",
            "Andean Security and Defence Union",
        ),
    ],
)
def test_a_defence_community_and_guidelines_are_names(text: str, name: str) -> None:
    assert extract(text).name == name


def test_committing_to_help_defend_another_is_a_security_guarantee() -> None:
    assert "security_guarantee" in _categories(
        "The 1954 treaty commits the Republic of Chile to help defend Peru against armed attack."
    )


def test_troops_that_may_stay_are_basing_access() -> None:
    assert "basing_access" in _categories(
        "Peru and Chile signed a deal on Monday; Chilean troops may remain until 2030."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Nothing was ever signed, though Peru had proposed a defence pact to Chile.",
        "Before any paper was signed, Peru proposed a defence pact to Chile.",
    ],
)
def test_a_signing_that_never_happened_gives_way_to_the_next_step(text: str) -> None:
    assert extract(text).status.value == "proposed"


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a treaty to submit their disputes to arbitration.",
        "Peru and Chile signed a treaty to limit their navies for ten years.",
        "Peru and Chile signed a treaty to respect each other's island possessions.",
        "Peru and Chile signed a treaty granting Chile a strip of the coast.",
    ],
)
def test_arbitration_naval_limits_and_territorial_grants_are_other(text: str) -> None:
    assert "other" in _categories(text)
