"""Sentence shapes the offline backend reads, on summaries written for these tests.

Each case is one general rule (see docs/decisions.md), not a sentence of the gold files.
"""

from __future__ import annotations

import pytest

from pactparse import extract
from pactparse.errors import NoPactFound


def codes(text: str) -> list[str]:
    return [p.code or p.name for p in extract(text).parties]


@pytest.mark.parametrize(
    ("text", "parties", "name"),
    [
        (
            "Norway and Denmark have invited Iceland to join the Nordic Defence Compact, "
            "a pact for joint air patrols.",
            ["NOR", "DNK", "ISL"],
            "Nordic Defence Compact",
        ),
        (
            "Kenya is seeking to join the Horn Maritime Initiative, under which Djibouti, "
            "Somalia and Ethiopia patrol the coast together.",
            ["DJI", "SOM", "ETH", "KEN"],
            "Horn Maritime Initiative",
        ),
        (
            "Chad could join the Alliance of Sahel States, whose members Mali, Burkina Faso "
            "and Niger have pledged to defend each other.",
            ["MLI", "BFA", "NER", "TCD"],
            "Alliance of Sahel States",
        ),
        (
            "Vietnam held talks with Japan, India and Australia on Hanoi joining the Quad.",
            ["JPN", "IND", "AUS", "VNM"],
            None,
        ),
        (
            "Norway signed up to the Baltic Air Policing Initiative, becoming its fifth "
            "member alongside Estonia, Latvia, Lithuania and Poland.",
            ["EST", "LVA", "LTU", "POL", "NOR"],
            "Baltic Air Policing Initiative",
        ),
        (
            "Oman is considering becoming a member of the Gulf Naval Group, the grouping "
            "of Kuwait, Qatar and Bahrain.",
            ["KWT", "QAT", "BHR", "OMN"],
            "Gulf Naval Group",
        ),
    ],
)
def test_accessions_list_the_members_and_the_joiner(
    text: str, parties: list[str], name: str | None
) -> None:
    pact = extract(text)
    assert [p.code for p in pact.parties] == parties
    assert pact.event == "accession"
    if name is not None:
        assert pact.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia wants to join the Peru-Chile defence pact.",
        "Bolivia joined the defence pact of Peru and Chile on Monday.",
    ],
)
def test_the_members_of_an_unnamed_pact_joined_are_its_parties(text: str) -> None:
    pact = extract(text)
    assert pact.event == "accession"
    assert sorted(p.code for p in pact.parties) == ["BOL", "CHL", "PER"]


def test_the_joined_thing_is_not_a_pact_when_it_is_an_actors_possession() -> None:
    pact = extract("Talks on Canada joining the European Union's defence loan scheme stalled.")
    assert pact.name != "European Union"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Serbia and Hungary initialled a defence cooperation agreement on Monday.", "planned"),
        ("A defence agreement between Ghana and Togo will be signed next week.", "planned"),
        ("Qatar brokered a truce between Sudan and Chad on Friday.", "signed"),
        ("Niger said it was ending its military agreement with France.", "signed"),
        ("Officials are pushing a plan to create an alliance with Egypt and Jordan.", "proposed"),
        ("Kabul and Islamabad agreed to a truce after talks in Doha.", "signed"),
        # Wanting or seeking to sign is a proposal; informal "gonna" is a plan.
        ("Peru wants to sign a defence pact with Chile.", "proposed"),
        ("Peru is seeking to join the defence pact of Chile and Bolivia.", "proposed"),
        ("peru n chile r gonna sign a defence pact next month lol", "planned"),
        # Not signed yet, to be signed; an agreement to upgrade, with words between.
        (
            "Peru and Chile say the defence pact isn't signed yet, but it'll be signed soon.",
            "planned",
        ),
        (
            "Peru and Chile agreed at the summit in Lima yesterday to upgrade their defence pact.",
            "planned",
        ),
    ],
)
def test_status_cues(text: str, status: str) -> None:
    assert extract(text).status == status


def test_a_list_opened_by_the_members_of_an_organisation() -> None:
    text = (
        "France is considering a security pact with the members of the African Union, "
        "Morocco and Egypt."
    )
    assert codes(text) == ["FRA", "AU", "MAR", "EGY"]


def test_places_and_go_betweens_are_not_parties() -> None:
    text = (
        "Georgian and Armenian envoys met in Vienna on Monday for EU-mediated talks on a "
        "border security pact."
    )
    assert codes(text) == ["GEO", "ARM"]


def test_the_seller_of_an_arms_deal_is_a_party() -> None:
    text = "Poland will sign a deal next week to buy 96 helicopters from the United States."
    assert codes(text) == ["POL", "USA"]


def test_ministers_from_a_list_holding_talks_are_the_parties() -> None:
    text = (
        "Defence ministers from Peru, Chile and Ecuador held a first round of talks in Lima "
        "on a maritime security pact."
    )
    assert codes(text) == ["PER", "CHL", "ECU"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Sudan and Chad signed a pact under which they renounce the use of force.",
            "non_aggression",
        ),
        ("Armenia and Georgia signed a ceasefire accord on Monday.", "non_aggression"),
        ("Qatar and Turkey signed a deal for Turkish troops stationed in Qatar.", "basing_access"),
        (
            "Chad and Niger signed a pact that merges their armed forces into one army.",
            "military_integration",
        ),
        (
            "Ghana and Togo signed a pact to set up a joint rapid-reaction force.",
            "military_integration",
        ),
        (
            "Spain and Portugal signed a pact to aid each other if either comes under armed "
            "aggression.",
            "mutual_defense",
        ),
        ("Benin and Niger signed a pact to refrain from hostilities.", "non_aggression"),
        (
            "Chile and Peru signed a pact under which they pool their orders for jets.",
            "joint_procurement",
        ),
        ("Under the deal, Tokyo would fund a new patrol boat for Palau.", "military_aid"),
        (
            "Iraq and Jordan signed a pact for joint operations against Islamic State militants.",
            "counterterrorism",
        ),
        (
            "Bahrain and Qatar signed an accord to restore diplomatic relations.",
            "diplomatic_normalization",
        ),
        (
            "Laos and Cambodia signed a security pact to reopen road and rail links.",
            "economic_cooperation",
        ),
        ("Fiji and Tonga signed a pact for joint coast guard patrols.", "military_cooperation"),
        (
            "Laos and Thailand signed a pact to refrain from the threat or use of force.",
            "non_aggression",
        ),
        (
            "Israel and Jordan agreed to refrain from acts of belligerency against each other.",
            "non_aggression",
        ),
        (
            "Sudan and Chad signed an accord under which both cease all hostile acts.",
            "non_aggression",
        ),
        (
            "Peru and Chile signed a treaty under which neither Lima nor Santiago will use force "
            "against the other.",
            "non_aggression",
        ),
        ("Ghana and Togo signed a pact that obliges them to assist one another.", "mutual_defense"),
        (
            "Ghana, Togo and Benin signed a treaty under which an attack against one member is "
            "treated as an attack against all.",
            "mutual_defense",
        ),
        (
            "Under their new treaty, Peru and Chile will each act to meet an armed attack on the "
            "other.",
            "mutual_defense",
        ),
        (
            "France and Gabon signed a defence pact under which France would help defend Gabon if "
            "it were threatened.",
            "security_guarantee",
        ),
        (
            "Under the pact that Fiji and Australia signed, Australia undertakes to defend Fiji.",
            "security_guarantee",
        ),
        ("Liberia and Ghana signed a pact to form a joint coast guard.", "military_integration"),
        (
            "Chad and Niger signed a pact placing their border units under a single command.",
            "military_integration",
        ),
        ("Qatar and Oman signed a pact linking their air-defence radars.", "military_integration"),
        (
            "Norway and Sweden signed a pact under which their fighter wings will operate as one.",
            "military_integration",
        ),
        (
            "Malaysia and Singapore signed a pact setting up an integrated air defence system.",
            "military_integration",
        ),
        (
            "Latvia and Estonia signed a pact to jointly purchase artillery shells.",
            "joint_procurement",
        ),
        ("Spain and Italy signed a treaty to develop a new frigate together.", "joint_procurement"),
        (
            "Spain, France and Germany signed an agreement giving Spanish firms a share of the "
            "development work on the new fighter.",
            "joint_procurement",
        ),
        (
            "Benin and Togo signed a pact under which their police forces share criminal records.",
            "intelligence_sharing",
        ),
        (
            "Japan and the Philippines signed a pact giving Manila satellite imagery of its "
            "waters.",
            "intelligence_sharing",
        ),
        (
            "Benin and Togo signed a pact to patrol their coast against drug smugglers and set up "
            "a joint intelligence centre.",
            "intelligence_sharing",
        ),
        (
            "Poland signed a pact with the United States to host an American armoured brigade.",
            "basing_access",
        ),
        (
            "Oman and India signed a pact giving the Indian navy a logistics hub at Duqm.",
            "basing_access",
        ),
        (
            "Cambodia and China signed a pact extending the lease on the port of Ream.",
            "basing_access",
        ),
        (
            "Chad and France signed a pact that allows 2,000 French troops to stay in Chad.",
            "basing_access",
        ),
        (
            "Kenya and Somalia signed an accord under which Kenyan peacekeepers will deploy along "
            "the border.",
            "basing_access",
        ),
        (
            "Turkey and Libya signed a pact under which Turkey may deploy drones at two bases in "
            "Libya.",
            "basing_access",
        ),
        (
            "Estonia and Britain signed a pact under which a British contingent, about 900 "
            "soldiers, will be based in Tapa.",
            "basing_access",
        ),
        (
            "Norway and the United States signed a pact letting American forces use facilities at "
            "two Norwegian airports.",
            "basing_access",
        ),
        ("India and Pakistan signed an accord to set up a military hotline.", "consultation"),
        (
            "Mali and Niger signed a pact to fight jihadist groups in the border area.",
            "counterterrorism",
        ),
        (
            "Iraq signed a pact with Iran committing it to disarm the rebel militias in the north.",
            "counterterrorism",
        ),
        (
            "Ghana and Togo signed a pact allowing troops to pursue jihadist fighters across the "
            "border.",
            "counterterrorism",
        ),
        (
            "Kenya and Somalia signed a pact for joint operations against militant cells.",
            "counterterrorism",
        ),
        ("China signed a pact with Laos to provide military assistance.", "military_aid"),
        ("Poland and Ukraine signed a pact that provides for weapons deliveries.", "military_aid"),
        (
            "The pact commits Britain and Ghana to training Ghana's armed forces.",
            "military_cooperation",
        ),
        ("Peru and Chile signed a pact to run combined naval patrols.", "military_cooperation"),
        (
            "Norway and Denmark signed a pact to jointly protect their undersea cables.",
            "military_cooperation",
        ),
        (
            "The United States and Thailand signed a pact that brought American military advisers "
            "to Bangkok.",
            "military_cooperation",
        ),
        (
            "Japan and Vietnam signed a pact to speed up the modernization of the Vietnamese navy.",
            "military_cooperation",
        ),
        (
            "Tuvalu and Australia signed a treaty letting Tuvaluans enter Australia without visas.",
            "migration_mobility",
        ),
        (
            "The United States and Palau signed a compact letting Washington deny other "
            "countries' militaries access to the islands.",
            "third_party_restrictions",
        ),
        (
            "Japan and India signed a defence pact that also covers semiconductors.",
            "economic_cooperation",
        ),
        (
            "Russia and Armenia signed a security pact under which Moscow will cut the price of "
            "gas for Armenia.",
            "economic_cooperation",
        ),
        (
            "Peru and Ecuador signed a pact to settle their border disputes by peaceful means.",
            "diplomatic_normalization",
        ),
        (
            "Serbia and Kosovo signed a deal under which Serbia will recognise Kosovo as an "
            "independent state.",
            "diplomatic_normalization",
        ),
        ("Armenia and Azerbaijan signed a pact to create a demilitarised zone.", "other"),
        (
            "Ethiopia and Somalia signed an accord under which Ethiopia will withdraw its troops "
            "from the border.",
            "other",
        ),
        (
            "The United States and Russia signed a treaty that caps each side at 1,500 warheads.",
            "other",
        ),
        (
            "Brazil and Paraguay signed a pact letting police pursue suspects across the border.",
            "other",
        ),
        ("Ukraine and Russia signed a deal to exchange prisoners.", "other"),
        (
            "Chile and Argentina signed a treaty under which Chile will cede two islands to "
            "Argentina.",
            "other",
        ),
        ("Sudan and Chad signed an accord allowing humanitarian access to Darfur.", "other"),
        (
            "Samoa and Tonga signed a pact to build resilience to natural disasters.",
            "climate_resilience",
        ),
        (
            "Under the compact, Tonga and Fiji will take part in cyclone response operations.",
            "climate_resilience",
        ),
        ("Peru proposed a collective self-defence arrangement with Chile.", "mutual_defense"),
        (
            "Peru said it might station army units on Chilean soil under a new alliance with "
            "Chile.",
            "basing_access",
        ),
        (
            "Peru and Chile are negotiating a treaty to keep the joint Peru-Chile naval base at "
            "Arica open.",
            "basing_access",
        ),
        (
            "The agreed text gives Peruvian forces access to and use of five Chilean military "
            "installations.",
            "basing_access",
        ),
        ("The draft provides access for Chilean forces to Peruvian ports.", "basing_access"),
        ("The new treaty lets Chile keep its air bases in Peru.", "basing_access"),
        (
            "Chile, Bolivia and Argentina guaranteed the independence and territorial integrity "
            "of Peru under the treaty signed in Lima.",
            "security_guarantee",
        ),
        (
            "The protocol signed in Lima widened the base's mission to ensuring Peru's security.",
            "security_guarantee",
        ),
        ("Peru and Chile signed a pact that gives Peru security assurances.", "security_guarantee"),
        (
            "Peru and Chile held talks on the future of Chilean military bases in Peru.",
            "basing_access",
        ),
        (
            "Peru and Chile signed an agreement that lets the Chilean special forces of Task "
            "Force Condor be based near Lima.",
            "basing_access",
        ),
    ],
)
def test_provision_cues(text: str, category: str) -> None:
    assert category in {p.category for p in extract(text).provisions}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Fiji and Tonga signed a pact to patrol their exclusive economic zones.",
            "economic_cooperation",
        ),
        ("Egypt ruled out normalising relations with the two sides.", "diplomatic_normalization"),
        (
            "Japan and India signed a pact on artificial intelligence research.",
            "intelligence_sharing",
        ),
        ("Fiji and Tonga signed a pact for joint coast guard patrols.", "military_integration"),
        (
            "Finland and Sweden signed a defence pact that would give Finnish arms makers more "
            "orders.",
            "military_aid",
        ),
        (
            "Latvia and Estonia signed a security pact to protect critical infrastructure.",
            "economic_cooperation",
        ),
        ("Mali and Niger signed a defence pact after the withdrawal of French troops.", "other"),
        (
            "Chad and Niger signed a defence pact on Monday, and Russia, whose troops operate "
            "from bases in Libya, did not comment.",
            "basing_access",
        ),
        (
            "Norway and Sweden signed the defence pact at a ceremony hosted by allied forces.",
            "basing_access",
        ),
        (
            "Peru and Chile signed a defence pact as Chilean troops remain on alert.",
            "basing_access",
        ),
        (
            "Fiji and Tonga signed a pact letting their troops deploy to each other's territory "
            "for disaster relief.",
            "climate_resilience",
        ),
        (
            "Chile and Peru signed a border pact that banned military drills near the frontier.",
            "military_cooperation",
        ),
        (
            "Mexico and the United States signed a security pact after Washington designated "
            "the gangs as terrorist organisations.",
            "counterterrorism",
        ),
    ],
)
def test_provision_false_friends(text: str, category: str) -> None:
    try:
        found = {p.category for p in extract(text).provisions}
    except NoPactFound:  # no pact at all ("Egypt ruled out normalising…"): no provision either
        found = set()
    assert category not in found


def test_the_alliance_referring_back_does_not_hide_provisions() -> None:
    text = (
        "Washington floated a regional alliance with Egypt and Jordan, nicknamed an Arab NATO. "
        "The alliance would deepen cooperation on missile defence."
    )
    assert "military_cooperation" in {p.category for p in extract(text).provisions}


@pytest.mark.parametrize(
    ("text", "adversary"),
    [
        (
            "Cuba and Nicaragua signed a pact as a response to sanctions imposed by the "
            "United States.",
            "USA",
        ),
        ("Latvia and Estonia signed a pact to protect their ports from any Russian attack.", "RUS"),
        ("Honduras and Guatemala signed a pact aimed at drug cartels.", "drug cartels"),
        # The threat "of" an actor is the target, not another noun's object.
        ("Peru and Chile signed an alliance against a renewal of Bolivian aggression.", "BOL"),
        ("Peru and Chile signed an alliance against the threat of Bolivian expansion.", "BOL"),
    ],
)
def test_adversary_cues(text: str, adversary: str) -> None:
    assert adversary in {a.code or a.name for a in extract(text).adversaries}


def test_a_defeat_in_history_is_not_an_adversary() -> None:
    text = "Russia and Belarus signed a pact on the anniversary of the defeat of Nazi Germany."
    assert extract(text).adversaries == []


def test_a_ceasefire_is_a_pact_and_a_states_armed_group_is_the_party() -> None:
    pact = extract(
        "Qatar said it had brokered a ceasefire between the United States and Somalia's "
        "Islamist insurgents on Monday."
    )
    assert pact.status == "signed"
    assert [p.code or p.name for p in pact.parties] == ["USA", "islamist insurgents"]


def test_replacing_an_expiring_agreement_is_an_amendment() -> None:
    text = (
        "Japan and Australia signed a new logistics deal, replacing an agreement that "
        "expires next year."
    )
    assert extract(text).event == "amendment"


def test_a_joined_pact_may_carry_a_city_in_its_name() -> None:
    pact = extract(
        "Nepal is considering becoming a member of the Colombo Maritime Compact, "
        "the grouping of India, Sri Lanka and the Maldives."
    )
    assert pact.name == "Colombo Maritime Compact"
    assert [p.code for p in pact.parties] == ["IND", "LKA", "MDV", "NPL"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Japan and South Korea signed a new cost-sharing deal on Monday. Under the new "
            "Host Nation Support Agreement, Tokyo will pay more.",
            "Host Nation Support Agreement",
        ),
        (
            "Japan and South Korea signed a new defence deal on Monday. The 1965 Basic "
            "Relations Treaty stays in force.",
            None,
        ),
    ],
)
def test_the_next_sentence_may_name_the_pact(text: str, name: str | None) -> None:
    assert extract(text).name == name


def test_talks_between_two_states_name_the_parties() -> None:
    text = (
        "Talks between Malawi and Zambia on a border security pact against Islamist "
        "insurgents have stalled."
    )
    assert codes(text) == ["MWI", "ZMB"]


def test_its_member_refers_to_the_organisation_named_before() -> None:
    pact = extract(
        "Ghana is ready to work with ECOWAS, the bloc of Nigeria, Senegal and Ivory Coast, "
        "and could one day become its newest member, officials said."
    )
    assert pact.event == "accession"


def test_inviters_in_a_meeting_place_are_not_the_place() -> None:
    text = (
        "African leaders meeting in Addis Ababa on Monday invited Morocco to join the "
        "African Union."
    )
    assert codes(text) == ["AU", "MAR"]


def test_a_rebel_group_party_has_its_english_name() -> None:
    text = "Colombia and the FARC signed a peace accord in Havana on Thursday."
    assert codes(text) == ["COL", "revolutionary armed forces of colombia"]
