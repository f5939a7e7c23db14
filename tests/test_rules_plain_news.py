"""Plain news sentences, one simple way each of telling a stage, the parties, an event, a
provision, an adversary or no pact at all (invented for these tests; Peru, Chile and
Bolivia stand for any states). They guard the everyday phrasings, each checked by hand;
the phrasings that needed a rule of their own are tested beside it, in
``test_rules_styles.py``.
"""

from __future__ import annotations

import pytest

from pactparse import extract
from pactparse.errors import NoPactFound

STAGES = [
    ("Peru and Chile inked a defence pact on Tuesday.", "signed"),
    ("Peru and Chile sealed a security deal in Lima.", "signed"),
    ("Peru and Chile have struck a defence agreement.", "signed"),
    ("Peru and Chile clinched a military cooperation accord.", "signed"),
    ("Peru and Chile put their signatures to a mutual defence treaty.", "signed"),
    ("A defence pact between Peru and Chile came into force on Monday.", "signed"),
    ("Peru's parliament ratified the defence treaty with Chile.", "signed"),
    ("The defence treaty between Peru and Chile took effect yesterday.", "signed"),
    ("Peru and Chile forged a military alliance against drug cartels.", "signed"),
    ("Peru and Chile entered into a mutual defence pact.", "signed"),
    ("Peru and Chile concluded a treaty of alliance.", "signed"),
    ("Peru and Chile will ink a defence pact next week.", "planned"),
    ("Peru and Chile are poised to sign a security deal.", "planned"),
    ("Peru and Chile are expected to finalise a defence deal this week.", "planned"),
    ("A signing ceremony for the Peru-Chile defence pact is scheduled for Friday.", "planned"),
    (
        "Peru and Chile have agreed the text of a defence treaty, to be signed next month.",
        "planned",
    ),
    ("Peru and Chile are in talks on a defence pact.", "negotiating"),
    ("Peru and Chile opened negotiations on a security treaty.", "negotiating"),
    ("Peru and Chile resumed talks on a defence agreement.", "negotiating"),
    ("Negotiations between Peru and Chile on a defence pact continued on Monday.", "negotiating"),
    ("Peru and Chile are working on a security agreement.", "negotiating"),
    ("Peru and Chile held a second round of talks on a defence pact.", "negotiating"),
    ("Peru and Chile are discussing a mutual defence treaty.", "negotiating"),
    ("Peru and Chile are negotiating the terms of a basing agreement.", "negotiating"),
    ("Officials from Peru and Chile are drafting a defence pact.", "negotiating"),
    ("Peru proposed a defence pact to Chile.", "proposed"),
    ("Peru has floated the idea of a defence pact with Chile.", "proposed"),
    ("Peru called for a defence pact with Chile.", "proposed"),
    ("Peru is seeking a security pact with Chile.", "proposed"),
    ("Peru offered Chile a mutual defence treaty.", "proposed"),
    ("Peru is pushing for a defence pact with Chile.", "proposed"),
    ("Peru is considering a defence pact with Chile.", "proposed"),
]

PARTIES = [
    ("Lima and Santiago signed a defence pact on Tuesday.", ["CHL", "PER"]),
    ("The Peruvian and Chilean defence ministers signed a security agreement.", ["CHL", "PER"]),
    ("A defence pact was signed between Peru and Chile.", ["CHL", "PER"]),
    ("Peru signed a defence pact with its southern neighbour Chile.", ["CHL", "PER"]),
    (
        "Peru's defence minister and his Chilean counterpart signed a military cooperation deal.",
        ["CHL", "PER"],
    ),
    (
        "The defence agreement, signed by Peru and Chile on Monday, allows joint patrols.",
        ["CHL", "PER"],
    ),
    (
        "Under a deal signed on Monday, Peru will let Chilean warships use the port of Callao.",
        ["CHL", "PER"],
    ),
    ("Chile has signed a defence pact with Peru, the foreign ministry said.", ["CHL", "PER"]),
    ("Peru and Chile, long rivals, signed a mutual defence treaty.", ["CHL", "PER"]),
    ("Peru inked a military pact with Chile in Lima.", ["CHL", "PER"]),
    ("The two neighbours, Peru and Chile, signed a defence treaty.", ["CHL", "PER"]),
    ("Chile and Peru's presidents signed a security pact.", ["CHL", "PER"]),
    ("Officials from Peru and Chile initialled a draft defence accord.", ["CHL", "PER"]),
    ("Peru, Chile and Bolivia signed a trilateral defence pact.", ["BOL", "CHL", "PER"]),
    ("Peru agreed a defence pact with Chile after talks brokered by Brazil.", ["CHL", "PER"]),
    ("Peru and Chile signed a pact aimed at deterring Bolivia.", ["CHL", "PER"]),
    ("In Brasilia, Peru and Chile signed a defence treaty.", ["CHL", "PER"]),
    (
        "Peruvian President Boluarte and Chilean President Boric signed a defence pact.",
        ["CHL", "PER"],
    ),
    ("Peru has joined Chile in a defence alliance.", ["CHL", "PER"]),
    ("Peru and Chile's defence pact was signed in 2019.", ["CHL", "PER"]),
]

EVENTS = [
    ("Peru formally joined NATO on Tuesday.", "accession"),
    ("Peru became the 33rd member of NATO.", "accession"),
    ("NATO admitted Peru as its newest member.", "accession"),
    ("Peru's accession to NATO was completed on Monday.", "accession"),
    ("Peru signed the protocol of accession to the Rio Treaty.", "accession"),
    ("Peru will join the Chile-Bolivia defence pact next month.", "accession"),
    ("Peru acceded to the Chile-Argentina defence treaty.", "accession"),
    ("Peru and Chile extended their defence pact for ten years.", "amendment"),
    ("Peru and Chile renewed their mutual defence treaty.", "amendment"),
    ("Peru withdrew from its defence pact with Chile.", "amendment"),
    ("Peru suspended its defence treaty with Chile.", "amendment"),
    ("Peru and Chile upgraded their security partnership.", "amendment"),
    ("Peru and Chile amended their 1999 defence agreement.", "amendment"),
    ("Peru pulled out of the defence alliance with Chile.", "amendment"),
    ("Peru terminated the basing agreement with the United States.", "amendment"),
    ("Peru and Chile revised their defence pact to cover cyber attacks.", "amendment"),
    ("Peru quit the regional defence alliance.", "amendment"),
]

PROVISIONS = [
    ("Peru and Chile signed a pact to defend each other against any attack.", "mutual_defense"),
    ("Peru and Chile signed a pact letting Chilean jets use Peruvian air bases.", "basing_access"),
    ("The agreement allows US troops to be stationed in Peru.", "basing_access"),
    (
        "Peru and Chile signed a pact to hold joint military exercises every year.",
        "military_cooperation",
    ),
    (
        "Peru and Chile signed a defence pact to share intelligence on drug cartels.",
        "intelligence_sharing",
    ),
    (
        "Under the defence pact the United States will give Peru $500 million in military aid.",
        "military_aid",
    ),
    ("Peru and Chile signed a defence pact to buy fighter jets together.", "joint_procurement"),
    ("The defence pact lets Chile share missile technology with Peru.", "technology_sharing"),
    (
        "Peru and Chile signed a defence pact and will consult each other in a crisis.",
        "consultation",
    ),
    ("Peru and Chile signed a defence pact to fight terrorism together.", "counterterrorism"),
    (
        "Peru and Chile signed a pact to stay neutral if either is attacked by a third state.",
        "neutrality",
    ),
    (
        "Peru and Chile signed a defence pact to merge their air defence commands.",
        "military_integration",
    ),
    ("The defence pact also commits Peru and Chile to expand trade.", "economic_cooperation"),
    ("The security pact gives Chileans the right to live and work in Peru.", "migration_mobility"),
]

ADVERSARIES = [
    ("Peru and Chile signed a defence pact to counter Bolivia.", "BOL"),
    ("Peru and Chile signed a defence pact in the face of Bolivian rearmament.", "BOL"),
    ("Peru and Chile signed a defence pact as a hedge against Bolivia.", "BOL"),
    ("Peru and Chile signed a defence pact to guard against Bolivia.", "BOL"),
    ("Peru and Chile signed a defence pact to protect themselves from Bolivia.", "BOL"),
    ("Peru and Chile signed a defence pact against Bolivian incursions.", "BOL"),
    ("Peru and Chile signed a defence pact to check Bolivian ambitions.", "BOL"),
    ("Peru and Chile signed a defence pact to keep Bolivia at bay.", "BOL"),
]

NO_PACT = [
    "Peru and Chile signed a trade agreement cutting tariffs on copper.",
    "Peru and Chile held joint naval exercises off the coast this week.",
    "Peru bought six fighter jets from France in a deal worth $2 billion.",
    "The defence ministers of Peru and Chile met in Lima but signed nothing.",
    "Peru and Chile agreed to cooperate on fighting wildfires.",
    "Peru's football federation signed a sponsorship deal with a Chilean bank.",
    "Peru and Chile signed an agreement on fishing quotas in the Pacific.",
    "Peru denied reports that it was negotiating a defence pact with Chile.",
    "The Peruvian army held a parade to mark Independence Day.",
    "Chile's president visited Peru and discussed trade and migration.",
    "Peru and Chile signed a memorandum on cultural exchanges and tourism.",
    "Peru and Chile launched a joint space research programme for weather satellites.",
    "Peru and Chile renewed their extradition treaty on Monday.",
    "A court in Lima ruled on a border dispute with Chile.",
    "The two airlines, LATAM and Sky, formed an alliance to share routes.",
    "Peru and Chile agreed a climate pact to cut emissions by 2030.",
    "The summit of Peru and Chile ended without an agreement on security.",
    "Peru's army and Chile's army played a friendly football match at the border.",
    "Peru bought two frigates from Chile's shipyard under a commercial contract.",
    "The Peruvian and Chilean navies held a joint search-and-rescue drill off Arica.",
    "Peru and Chile agreed to share weather data to help their air forces plan flights.",
    (
        "Peru's defence minister visited Santiago and toured a Chilean air base, but no "
        "agreement was signed."
    ),
    "Peru ruled out any defence pact with Chile, the foreign minister said.",
    "Historians still debate whether Peru and Chile ever needed a defence pact.",
    "A Peruvian film about a fictional defence pact with Chile opened in cinemas.",
    "Peru's army signed a contract with a Chilean firm to supply boots.",
    "Peru and Chile signed a memorandum on disaster relief after the earthquake.",
]


@pytest.mark.parametrize(("text", "status"), STAGES)
def test_the_stage_of_a_plain_sentence(text: str, status: str) -> None:
    pact = extract(text)
    assert (pact.status.value, sorted(a.key for a in pact.parties)) == (status, ["CHL", "PER"])


@pytest.mark.parametrize(("text", "parties"), PARTIES)
def test_the_parties_of_a_plain_sentence(text: str, parties: list[str]) -> None:
    assert sorted(a.key for a in extract(text).parties) == parties


@pytest.mark.parametrize(("text", "event"), EVENTS)
def test_the_event_of_a_plain_sentence(text: str, event: str) -> None:
    assert extract(text).event.value == event


@pytest.mark.parametrize(("text", "category"), PROVISIONS)
def test_a_provision_of_a_plain_sentence(text: str, category: str) -> None:
    assert category in [p.category.value for p in extract(text).provisions]


@pytest.mark.parametrize(("text", "adversary"), ADVERSARIES)
def test_the_adversary_of_a_plain_sentence(text: str, adversary: str) -> None:
    assert [a.key for a in extract(text).adversaries] == [adversary]


@pytest.mark.parametrize("text", NO_PACT)
def test_a_plain_near_miss_is_no_pact(text: str) -> None:
    with pytest.raises(NoPactFound):
        extract(text)
