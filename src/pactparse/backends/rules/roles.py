"""Who the parties are, who the pact is aimed at, and whether it is an accession.

The lead sentence of a news summary states the primary pact. Its parties are the
actor list before the event verb ("Mali, Niger and Burkina Faso have signed…"),
plus the list after "with" ("…signed defense pacts with France and Germany") or
"between". Actors that only warn, host, compare or donate are left out by
construction: only those lists are read. Adversaries are the actors after a cue
("to counter China's influence", "threats from China and North Korea").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...normalize.actors import ActorMention
from ...normalize.words import CALENDAR_NAME_PATTERN
from ...schema import ActorKind, Status
from .cues import (
    ACCESSION,
    ADVERSARY,
    INCLUDE,
    LEXICON,
    LOCATION_PREPOSITIONS,
    NEGATION,
    PACT_NOUN,
    PLEDGE,
    PROVISION_CUES,
    STAGE_CUES,
    STAGE_OF,
    TITLE_WORDS,
    WARN_AGAINST,
    grouped_pattern,
    table_pattern,
)
from .text import TICKER_LABEL, Layout, before_member_list
from .trace import Step

__all__ = [
    "PARTY_COUNT",
    "Accession",
    "Pick",
    "Roles",
    "asserts",
    "counted",
    "find_roles",
    "lead_sentence",
    "pledges_a_commitment",
]

# What may separate two members of one actor list: punctuation, conjunctions, titles
# and capitalised words (the names of the people who sign for their country).
_GAP_TOKEN = re.compile(r"[^\s,]+")
_TITLE_SET = TITLE_WORDS
_POSSESSED_THING = re.compile(r"['’]s\s+(?!(?:[\w-]+\s+){0,4}?(?:member|ally|allies|signator))")
_WITH = table_pattern("partner")
_BY = table_pattern("agent")
_AND_WITH = re.compile(r"\s+(?:together\s+)?with\s+")
# ", and with": a second list of partners after the first, past a place and a date.
_AND_WITH_AGAIN = re.compile(r"[^.;:]*?,\s+and\s+(?:later\s+|then\s+|also\s+)?with\s+")
_LED_BY = table_pattern("led_by_suffix")
_NOUN_BETWEEN = table_pattern("noun_between")
_TALKS = table_pattern("talks_noun")
_PRONOUN_SUBJECT = grouped_pattern("pronoun_subject")
_SIGNATORIES = table_pattern("signatories_subject")
_CLAUSE_OPENER = table_pattern("clause_opener")
_WORD_BEFORE = re.compile(r"([A-Za-z'’-]+)\W*$")
# "to join the Global Combat Air Programme": a pact the actor table does not know.
# (A month or a weekday ends it: "joined the Andean Shield on Tuesday".)
_JOINED_TITLE = re.compile(
    r"\s+the\s+(?P<t>[A-Z][\w'’-]*"
    r"(?:\s+(?:(?:of|for|and|on|establishing|creating|instituting)\s+(?:the\s+)?)?"
    rf"(?!{CALENDAR_NAME_PATTERN})[A-Z][\w'’-]*)+)"
)
# Soon after the pact: its members ("…, whose members Mali, Burkina Faso and Niger";
# "…, the arrangement under which Britain, Japan and Italy"; "…, the pact that A, B and
# C agreed"; "…, which groups A, B and C").
_MEMBERS_AFTER = table_pattern("members_after")
# "…signed by Peru and Bolivia and since joined by Ecuador": members who joined later.
_MEMBERS_JOINED_LATER = table_pattern("members_joined_later")
# "…joined the Entente by signing a convention with Peru and another with Chile".
_JOINED_BY_SIGNING_WITH = table_pattern("joined_by_signing_with")
_MEMBERS_WINDOW = 120
# "met in Lima": a place ("ministers from Peru" are Peru's).
_PLACE_WORDS = LOCATION_PREPOSITIONS - {"from", "into", "across"}
# "…will sign agreements to buy 1,000 tanks from South Korea": the seller is a party.
_BUY_FROM = table_pattern("buy_from")
# "with the six members of the Gulf Cooperation Council, Egypt and Jordan"
_MEMBERS_OF = table_pattern("members_of")
_INVITED = LEXICON.words("invite_word")


@dataclass(frozen=True, slots=True)
class Accession:
    organization: ActorMention | None
    joiners: tuple[ActorMention, ...]
    members: tuple[ActorMention, ...]
    #: How the members were found ("accession.members_named_after"), or None.
    members_rule: str | None = None
    #: The span of a joined pact the actor table does not know ("the Baltic Defence Line").
    title: tuple[int, int] | None = None
    #: The words that tell of joining ("joined", "to include").
    cue: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Roles:
    parties: tuple[ActorMention, ...]
    adversaries: tuple[ActorMention, ...]
    accession: Accession | None
    #: How each party and adversary was found.
    steps: tuple[Step, ...] = ()


def _gap_ok(gap: str) -> bool:
    """True when ``gap`` only joins two members of one list."""
    return all(
        t[0].isupper() or t[0].isdigit() or t.lower() in _TITLE_SET for t in _GAP_TOKEN.findall(gap)
    )


def group_before(
    text: str, mentions: Sequence[ActorMention], pos: int, floor: int
) -> list[ActorMention]:
    """The actor list that ends nearest before ``pos`` (not before ``floor``)."""
    before = [m for m in mentions if floor <= m.start and m.end <= pos]
    if not before:
        return []
    group = [before[-1]]
    for m in reversed(before[:-1]):
        if not _gap_ok(text[m.end : group[0].start]):
            break
        group.insert(0, m)
    return group


def group_after(
    mentions: Sequence[ActorMention], pos: int, ceiling: int, text: str
) -> list[ActorMention]:
    """The actor list that starts right after ``pos`` (before ``ceiling``)."""
    after = [m for m in mentions if pos <= m.start and m.end <= ceiling]
    if not after:
        return []
    opening = text[pos : after[0].start]
    if not (_gap_ok(opening) or _MEMBERS_OF.fullmatch(opening)):
        return []
    group = [after[0]]
    for m in after[1:]:
        gap = text[_item_end(text, group[-1]) : m.start]
        if not (
            _gap_ok(gap) or (m.actor.kind is ActorKind.ORGANIZATION and _COUNTED_GAP.fullmatch(gap))
        ):
            break
        if group[-1].actor.kind is ActorKind.ORGANIZATION and _APPOSITION.match(gap):
            break  # "the Collective Security Treaty Organization, the Moscow-led bloc"
        group.append(m)
    return group


# "GCC states": an organisation's member states, one item of a list.
_MEMBER_STATES = re.compile(r"\s+(?:member\s+)?(?:states|countries|nations)\b")


# "the US, the six Gulf Cooperation Council states, …": a count before an organisation.
_COUNTED_GAP = re.compile(
    rf",?\s+(?:and\s+)?the\s+(?:{'|'.join(LEXICON.vocabularies['count_word'])})\s+"
)


def _item_end(text: str, m: ActorMention) -> int:
    """Where the list item of ``m`` ends: past "states" after an organisation ("the six
    GCC states, Egypt and Jordan")."""
    if m.actor.kind is ActorKind.ORGANIZATION and (states := _MEMBER_STATES.match(text, m.end)):
        return states.end()
    return m.end


# ", the …" after an organisation describes it: an apposition, not the list's next member.
_APPOSITION = re.compile(r",\s+the\s")


def _word_before(text: str, pos: int, floor: int) -> str:
    m = _WORD_BEFORE.search(text, max(floor, pos - 40), pos)
    word = m.group(1).lower() if m else ""
    if word == "the" and m is not None:
        return _word_before(text, m.start(1), floor)
    return word


def _not_places(text: str, mentions: Sequence[ActorMention], floor: int) -> list[ActorMention]:
    """``mentions`` without the places ("met in Lima"; "ministers from Peru" stay)."""
    return [m for m in mentions if _word_before(text, m.start, floor) not in _PLACE_WORDS]


def _is_location(text: str, m: ActorMention, floor: int) -> bool:
    if m.form == "capital":
        # "…; Manila moves to end U.S. troop pact": a capital that opens a clause (or the
        # sentence from ``floor``) before its verb is the state (a metonym), elsewhere a
        # place ("signed in Manila").
        opens = not text[floor : m.start].strip() or _CLAUSE_OPENING.search(text, floor, m.start)
        return not (opens and _VERB_AFTER.match(text, m.end))
    return _word_before(text, m.start, floor) in LOCATION_PREPOSITIONS


# Nothing but a clause's opening before a word: the text's start, ";", ":", a dash or
# "that" ("…announced that Seoul will scrap…").
_CLAUSE_OPENING = re.compile(r"(?:^|[;:—–]|\bthat)\s*$")
# A lower-case word after a name that is no preposition: the name's verb ("Manila moves").
_VERB_AFTER = re.compile(r"\s+(?!(?:in|at|on|of|to|for|from|with|and|or|near|by)\b)[a-z]\w*\b")


def _distinct(picks: Sequence[Pick]) -> int:
    """How many actors ``picks`` name (an actor picked twice counts once)."""
    return len({p.mention.actor.key for p in picks})


def _dedupe(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.actor.key not in seen:
            seen.add(m.actor.key)
            out.append(m)
    return out


def _accession(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    lead: tuple[int, int],
) -> Accession | None:
    start, end = lead
    orgs = [m for m in mentions if m.actor.kind is ActorKind.ORGANIZATION]
    for cue in layout.doc.finditer(ACCESSION, start, end):
        if layout.compares(cue.start()) or NEGATION.search(
            text, max(start, cue.start() - 25), cue.start()
        ):
            continue  # "…without Ukraine joining the alliance"
        near = [
            o
            for o in orgs
            if (abs(o.start - cue.end()) < 40 or abs(cue.start() - o.end) < 12)
            and not _POSSESSED_THING.match(text, o.end)  # joining "the EU's loan programme"
        ]
        if not near and re.search(r"\bits\b", cue.group(0)):
            # "…the Five Eyes, … and could one day become its sixth member"
            near = [o for o in orgs if start <= o.start < cue.start()][-1:]
        org = near[0] if near else None
        if org is None and _ADMITS.match(cue.group(0)):
            # "Leaders of the Shanghai Cooperation Organisation agreed … to start the
            # process of admitting Iran as a full member": the organisation before admits
            # the states after
            before = [o for o in orgs if start <= o.start < cue.start()]
            joiners = group_after(mentions, cue.end(), end, text)
            if before and joiners:
                return Accession(before[-1], tuple(joiners), (), None, None, cue.span())
        if org is not None and cue.group(0).lower().endswith("with"):
            # "NATO opened accession talks with Poland and Hungary": they are the joiners.
            joiners = [m for m in group_after(mentions, cue.end(), end, text) if m is not org]
            return Accession(org, tuple(joiners), (), None, None, cue.span())
        if org is not None:
            anchor, pact_end, span = min(cue.start(), org.start), org.end, None
        else:
            at = cue.end()
            if cue.group(0).lower().endswith("of"):
                # "the accession of the Dominican Republic to the Treaty establishing…"
                to = _OF_JOINER_TO.match(text, at)
                at = to.end() if to is not None else at
            title = _joined_title(text, mentions, at)
            if title is None:
                members = _joined_pact_of(text, mentions, at)
                found_by = "accession.pact_of"
                if (
                    not members
                    and cue.group(0).lower() == "joining"
                    and layout.doc.search(
                        _PACT_THEN_JOINING, max(start, cue.start() - 30), cue.end()
                    )
                ):
                    # "Bulgaria signed the Tripartite Pact, joining Germany, Italy and Japan":
                    # the states joined are the pact's members.
                    members = group_after(mentions, cue.end(), end, text)
                    members = members if len(members) >= 2 else []
                    found_by = "accession.joining_members"
                if not members and (invited := _invited_to_join(text, mentions, start, cue)):
                    # "Peru and Bolivia signed a secret treaty in February, and now they
                    # invite Argentina to join it": the inviters are the pact's members.
                    inviters, invitees = invited
                    return Accession(
                        None, invitees, inviters, "accession.inviters", None, cue.span()
                    )
                if not members:
                    continue
                joiners = [
                    m for m in group_before(text, mentions, cue.start(), start) if m not in members
                ]
                return Accession(None, tuple(joiners), tuple(members), found_by, None, cue.span())
            anchor, pact_end, span = cue.start(), title[1], title
        # the list before the joining verb, places left out ("in Vienna, the Bulgarian
        # prime minister signed his country's accession")
        actors = _not_places(text, mentions, start)
        joiners = [m for m in group_before(text, actors, anchor, start) if m is not org]
        if joiners and _word_before(text, joiners[0].start, start) == "with":
            # "Canada is in talks with A, B and C on joining": the list is the partners.
            partners = tuple(joiners)
            joiners = group_before(text, mentions, joiners[0].start, start)
            if joiners:
                return Accession(
                    org, tuple(joiners), partners, "accession.talks_partners", span, cue.span()
                )
        if not joiners and cue.group(0).lower().endswith("of"):
            # "the accession of Finland to NATO": the joiner follows the cue.
            stop = org.start if org is not None and org.start > cue.end() else end
            stop = span[0] if span is not None else stop
            joiners = [m for m in group_after(mentions, cue.end(), stop, text) if m is not org]
        members, rule = _membership(text, layout, mentions, pact_end, joiners, start)
        return Accession(org, tuple(joiners), tuple(members), rule, span, cue.span())
    for cue in layout.doc.finditer(INCLUDE):
        if layout.compares(cue.start()):
            continue
        s_start, s_end = layout.sentences[layout.sentence_of(cue.start())]
        joiners = group_after(mentions, cue.end(), s_end, text)
        if joiners:
            members = group_before(text, mentions, cue.start(), s_start)
            return Accession(
                None, tuple(joiners), tuple(members), "accession.include", cue=cue.span()
            )
    return None


# The cue of an organisation that admits (inducts) the states named after it.
_ADMITS = re.compile(r"admi|induct", re.I)
# "…accession of <joiners> to <pact>": the words up to "to".
_OF_JOINER_TO = re.compile(r"[^.;]{0,80}?\bto(?=\s)")


# "join the Saudi-Pakistan defence pact", "join the defence pact of Peru and Chile", "…the
# defence pact which Jordan and Egypt signed".
_JOINED_PACT = re.compile(
    r"\s+(?:in\s+on\s+)?(?:the|a|an)\s+(?P<before>[^.;:,!?]{0,60}?)\b"
    + PACT_NOUN.pattern
    + r"(?:\s+(?:of|between|with|signed\s+by|which|that)\s+(?:the\s+)?(?P<after>[^.;:!?]{0,120}))?",
    re.I,
)
# "…that King Hussein signed with President Nasser": the signer's partner.
_SIGNED_WITH = re.compile(r"\s+(?:had\s+|has\s+)?(?:signed|concluded|made)\s+with\s+", re.I)
# "the treaty of alliance concluded at Lima in December between Chile and Peru": the
# members further on.
_MEMBERS_FURTHER = re.compile(r"\b(?:between|(?:signed|concluded|made)\s+by)\s+(?:the\s+)?", re.I)


def _joined_pact_of(text: str, mentions: Sequence[ActorMention], pos: int) -> list[ActorMention]:
    """The members of an unnamed pact joined at ``pos``, named in the words before its
    noun ("the Saudi-Pakistan defence pact") or after it ("the pact of Peru and Chile")."""
    pact = _JOINED_PACT.match(text, pos)
    if pact is None:
        return []
    members = [
        m for m in mentions if pact.start("before") <= m.start and m.end <= pact.end("before")
    ]
    if not members and pact.group("after"):
        members = group_after(mentions, pact.start("after"), pact.end("after"), text)
        further = _MEMBERS_FURTHER.search(text, pact.start("after"), pact.end("after"))
        if not members and further is not None:
            members = group_after(mentions, further.end(), pact.end("after"), text)
        partner = _SIGNED_WITH.match(text, members[-1].end) if members else None
        if partner is not None:
            # "the defence pact that King Hussein signed with President Nasser": its partner
            members += group_after(mentions, partner.end(), pact.end("after"), text)
    return [m for m in members if m.actor.kind is not ActorKind.NON_STATE]


# "…to join it", "…to join their defensive alliance": a pact joined, unnamed.
_JOIN_UNNAMED = re.compile(
    rf"\s+(?:it|them|(?:their|its|our|this|that)\s+(?:[\w-]+\s+){{0,4}}?(?:{PACT_NOUN.pattern}))",
    re.IGNORECASE,
)


def _invited_to_join(
    text: str, mentions: Sequence[ActorMention], floor: int, cue: re.Match[str]
) -> tuple[tuple[ActorMention, ...], tuple[ActorMention, ...]] | None:
    """(the inviters, the invited) when ``cue`` is "join" in "<inviters> … invite <X> to
    join it (their alliance)"; None otherwise."""
    if cue.group(0).lower() != "join" or not _JOIN_UNNAMED.match(text, cue.end()):
        return None
    invited = group_before(text, mentions, cue.start(), floor)
    if not invited or text[invited[-1].end : cue.start()].strip().lower() != "to":
        return None
    if _word_before(text, invited[0].start, floor) not in _INVITED:
        return None
    inviters = group_before(text, _not_places(text, mentions, floor), invited[0].start, floor)
    keys = {m.actor.key for m in invited}
    inviters = [m for m in inviters if m.actor.key not in keys]
    if not inviters:
        return None
    return tuple(inviters), tuple(invited)


def _joined_title(text: str, mentions: Sequence[ActorMention], pos: int) -> tuple[int, int] | None:
    """Where the name of a pact the actor table does not know, joined at ``pos``, stands:
    neither an actor ("the European Union") nor a possessor ("the European Union's
    programme"), and without the list of members an "of" may open ("the Three-Power Pact
    of Germany, Italy and Japan")."""
    title = _JOINED_TITLE.match(text, pos)
    if title is None:
        return None
    start, end = title.span("t")
    if text[end - 2 : end] in ("'s", "’s") or text.startswith(("'s", "’s"), end):
        return None
    if any(m.start <= start and end <= m.end for m in mentions):
        return None  # the title is an actor's name
    return start, before_member_list(text, start, end, {m.start for m in mentions})


def _membership(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    pact_end: int,
    joiners: Sequence[ActorMention],
    floor: int,
) -> tuple[list[ActorMention], str | None]:
    """The members the text lists for the pact ending at ``pact_end``: named after it
    ("the AUKUS pact between A, B and C", "…, whose members A, B and C"), as the ones
    joined alongside ("D joins A, B and C in the mission"), as the ones inviting the
    joiner ("A, B and C have invited D to join"), as the partners of talks on the joining
    ("talks with A, B and C on D joining"), or by "to include"."""
    s_end = layout.sentences[layout.sentence_of(pact_end - 1)][1]
    after = _MEMBERS_AFTER.search(text, pact_end, min(s_end, pact_end + _MEMBERS_WINDOW))
    if after is not None:
        listed = group_after(mentions, after.end(), s_end, text)
        if len(listed) >= 2:
            later = _MEMBERS_JOINED_LATER.search(text, listed[-1].end, s_end)
            if later is not None:
                listed += group_after(mentions, later.end(), s_end, text)
            return listed, "accession.members_named_after"
    # "The kingdom joins the United States, Britain and Bahrain in the mission."
    for cue in layout.doc.finditer(ACCESSION):
        listed = [m for m in group_after(mentions, cue.end(), len(text), text) if m not in joiners]
        if len(listed) >= 2:
            return listed, "accession.joined_alongside"
    # "Romania joined the Little Entente by signing a convention with Czechoslovakia and
    # another with Yugoslavia": the members the joiner signed with.
    for cue in layout.doc.finditer(ACCESSION):
        end = layout.sentences[layout.sentence_of(cue.start())][1]
        signed_with = [
            m
            for found in layout.doc.finditer(_JOINED_BY_SIGNING_WITH, cue.end(), end)
            for m in group_after(mentions, found.end(), end, text)
            if m not in joiners
        ]
        if signed_with:
            return signed_with, "accession.signed_with"
    if joiners:
        first = joiners[0].start
        if _word_before(text, first, floor) in _INVITED:
            inviters = group_before(text, _not_places(text, mentions, floor), first, floor)
            return [m for m in inviters if m not in joiners], "accession.inviters"
        partner = _WITH.search(text, floor, first)
        if partner is not None:
            listed = group_after(mentions, partner.end(), first, text)
            if len(listed) >= 2:
                return listed, "accession.talks_partners"
    for cue in layout.doc.finditer(INCLUDE):
        sentence = layout.sentences[layout.sentence_of(cue.start())]
        members = group_before(text, mentions, cue.start(), sentence[0])
        if len(members) >= 2:
            return members, "accession.include"
    # "Italy joined the Anti-Comintern Pact in 1937. Germany and Japan had signed it a year
    # earlier.": the founders the next sentence names.
    following = layout.sentence_of(pact_end - 1) + 1
    if following < len(layout.sentences):
        n_start, n_end = layout.sentences[following]
        signed_it = _SIGNED_IT.search(text, n_start, n_end)
        if signed_it is not None:
            founders = [
                m
                for m in group_before(text, mentions, signed_it.start(), n_start)
                if m not in joiners
            ]
            if len(founders) >= 2:
                return founders, "accession.founders_after"
        by = _FOUNDED_BY.search(text, n_start, n_end)
        if by is not None:
            # "… The RSS was set up in 1982 by Antigua and Barbuda, Barbados and Dominica."
            founders = [m for m in group_after(mentions, by.end(), n_end, text) if m not in joiners]
            if len(founders) >= 2:
                return founders, "accession.founders_by"
    return [], None


# "…Germany and Japan had signed it a year earlier": the founders of a pact joined.
_SIGNED_IT = table_pattern("founders_signed")
# "…signed the Tripartite Pact, joining Germany, Italy and Japan": a pact noun, then the
# joining of its members.
_PACT_THEN_JOINING = re.compile(rf"(?:{PACT_NOUN.pattern}),?\s+joining$", re.IGNORECASE)
# "…The RSS was set up in 1982 by A, B and C": the founders of a pact joined, after "by".
_FOUNDED_BY = table_pattern("founders_by")


# "An earlier version of this story said…": what a correction takes back.
_RETRACTED = table_pattern("retracted")
# "Mr X asked the Minister whether…", "Claim: …": stated only to be asked or tested.
_UNASSERTED = table_pattern("unasserted")
# A section heading of two capitalised fragments ("Defence: Iceland."), no verb in it.
_HEADING = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*: [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*\.?")
# "a permanent cessation of hostilities".
_CESSATION = table_pattern("cessation")


#: Buying arms is a commitment of a pact's text, but agreeing to buy them is no pact
#: ("Argentina agreed to buy 24 F-16 jets from Denmark").
_PURCHASE = "provision.other.buy_arms"


def pledges_a_commitment(layout: Layout, start: int, end: int) -> bool:
    """True when the words between ``start`` and ``end`` pledge or agree a commitment
    ("pledged not to use force against each other"): a pact stated without its noun."""
    pledge = layout.doc.search(PLEDGE, start, end)
    return pledge is not None and bool(
        any(
            PROVISION_CUES.ids[index] != _PURCHASE
            for index, _ in layout.doc.finditer_set(PROVISION_CUES, pledge.end(), end)
        )
        or layout.doc.search(_CESSATION, pledge.end(), end)
    )


def asserts(text: str, layout: Layout, start: int, end: int) -> bool:
    """False for a sentence that asserts nothing: a question ("What is AUKUS?", "Mr X
    asked the Minister whether…"), a fact-check's claim, a correction ("An earlier
    version of this story said…"), a section heading ("Defence: Treaties.") or a ticker's
    label alone ("BREAKING NEWS")."""
    return (
        not layout.asks(layout.sentence_of(start))
        and layout.doc.search(_RETRACTED, start, end) is None
        and layout.doc.search(_UNASSERTED, start, end) is None
        and _HEADING.fullmatch(text, start, end) is None
        and TICKER_LABEL.fullmatch(text, start, end) is None
    )


def lead_sentence(text: str, layout: Layout) -> tuple[int, int]:
    """The first sentence that speaks of a pact, an accession, or plans or talks (or the
    one after talks, when it tells of a pact signed), of the sentences that assert
    something; when none does, of all."""
    sentences = [
        (start, end) for start, end in layout.sentences if asserts(text, layout, start, end)
    ] or layout.sentences
    for index, (start, end) in enumerate(sentences):
        if layout.doc.search(PACT_NOUN, start, end) or layout.doc.search(ACCESSION, start, end):
            return start, end
        if pledges_a_commitment(layout, start, end):
            return start, end  # "X and Y pledged not to use force against each other"
        talks = layout.doc.search(STAGE_OF[Status.NEGOTIATING], start, end) is not None
        plans = talks and layout.doc.search(STAGE_OF[Status.PLANNED], start, end) is not None
        if talks and not plans:
            # "X held talks with Y. Later that day the two signed a partnership": the pact
            # is in the next sentence, when that one signs or plans a pact.
            following = sentences[index + 1 : index + 2]
            for n_start, n_end in following:
                if layout.doc.search(PACT_NOUN, n_start, n_end) and layout.doc.search(
                    STAGE_OF[Status.SIGNED], n_start, n_end
                ):
                    return n_start, n_end
        if talks or layout.doc.search(STAGE_OF[Status.PLANNED], start, end):
            return start, end
    return sentences[0] if sentences else (0, len(text))


@dataclass(frozen=True, slots=True)
class Pick:
    """A party and the named strategy that found it (``parties.subject_list``)."""

    mention: ActorMention
    rule: str
    note: str


@dataclass(frozen=True, slots=True)
class _Lead:
    """The lead sentence as the party strategies read it."""

    text: str
    layout: Layout
    mentions: Sequence[ActorMention]
    start: int
    end: int
    event_start: int | None
    #: The lead's actors, less comparisons and go-betweens ("U.S.-mediated talks").
    actors: list[ActorMention]
    #: The stage cue's words ("signed"), for notes.
    verb: str

    def picks(self, found: Sequence[ActorMention], rule: str, note: str) -> list[Pick]:
        return [Pick(m, rule, note) for m in found]

    def quote(self, start: int, end: int) -> str:
        return " ".join(self.text[start:end].split())


def warned_against(lead: _Lead) -> list[Pick]:
    """ "…warned X and Y against forming an alliance": X and Y are the would-be parties."""
    warn = lead.layout.doc.search(WARN_AGAINST, lead.start, lead.end)
    if not warn:
        return []
    lo, hi = warn.span("objects")
    found = group_after(lead.mentions, lo, hi, lead.text) or [
        m for m in lead.actors if lo <= m.start < hi
    ]
    # "…against forming an alliance with B and C": the partners are would-be parties too.
    partner = _WITH.search(lead.text, warn.end(), min(lead.end, warn.end() + 60))
    if found and partner is not None:
        found += group_after(lead.mentions, partner.end(), lead.end, lead.text)
    return lead.picks(found, "parties.warned_against", f'warned … "{lead.quote(hi, warn.end())}"')


def noun_between(lead: _Lead) -> list[Pick]:
    """ "a security agreement (being negotiated) between A and B", "talks between A and B"."""
    doc = lead.layout.doc
    nouns = [
        *doc.finditer(PACT_NOUN, lead.start, lead.end),
        *doc.finditer(_TALKS, lead.start, lead.end),
    ]
    for noun in nouns:
        between = _NOUN_BETWEEN.match(lead.text, noun.end())
        if between:
            group = group_after(lead.mentions, between.end(), lead.end, lead.text)
            if len(group) >= 2:
                quoted = lead.quote(noun.start(), between.end())
                return lead.picks(group, "parties.between", f'the list after "{quoted}"')
    return []


def _subject_floor(lead: _Lead, event_start: int) -> int:
    """Where the verb's clause starts: after "that", "reports of", "for", "whether"."""
    openers = list(_CLAUSE_OPENER.finditer(lead.text, lead.start, event_start))
    if openers and any(openers[-1].end() <= m.start < event_start for m in lead.actors):
        return openers[-1].end()
    return lead.start


# "…were concluded", "…was signed": the subject is the pact.
_PASSIVE = table_pattern("passive")
# "have been holding talks": a verb in -ing after "been" is progressive, not passive.
_PROGRESSIVE = re.compile(r"[A-Za-z]+ing\b")


def _passive_before(lead: _Lead, start: int) -> bool:
    """True when the words from ``start`` to the event verb make it a passive ("the pact
    was signed"), not a progressive ("have been holding talks")."""
    assert lead.event_start is not None
    return bool(
        _PASSIVE.search(lead.text, start, lead.event_start) and not _PROGRESSIVE.match(lead.verb)
    )


def subject_list(lead: _Lead) -> list[Pick]:
    """The actor list nearest before the event verb, leaving out places ("met in Lima");
    for a pronoun subject ("they signed"), the list before the verb's clause."""
    if lead.event_start is None:
        return []
    text, event_start = lead.text, lead.event_start
    floor = _subject_floor(lead, event_start)
    verb = lead.verb
    actors = lead.actors
    if _passive_before(lead, max(floor, event_start - 30)):
        return []  # "The Five Power Defence Arrangements were concluded": the pact itself
    subject = group_before(text, actors, event_start, floor)
    if len(_not_places(text, subject, lead.start)) < len(subject):
        actors = _not_places(text, lead.actors, lead.start)
        subject = group_before(text, actors, event_start, floor)
    if subject:
        return lead.picks(subject, "parties.subject_list", f'the list before "{verb}"')
    pronoun = _PRONOUN_SUBJECT.search(text, floor, event_start)
    if pronoun is None:
        return []
    if pronoun.lastgroup == "possessive":
        return _owner_before(lead, pronoun)
    found = group_before(text, actors, floor, lead.start)
    if found:
        return lead.picks(found, "parties.pronoun_subject", f'what "they" before "{verb}" names')
    if _LEAD_IN.fullmatch(text, lead.start, pronoun.start()) or pronoun.lastgroup == "counted":
        # "…follows the defence treaty the two countries signed that year": a subject that
        # counts the parties refers back wherever it stands in the sentence.
        return _previous_sentence(lead, pronoun.group(0))
    return []


def _owner_before(lead: _Lead, pronoun: re.Match[str]) -> list[Pick]:
    """ "…the Turkish Foreign Minister is still in Moscow, while his government is
    negotiating a treaty with Britain and France": the state named last before "his
    government", in its sentence or the one before (not a place)."""
    index = lead.layout.sentence_of(lead.start)
    floor = lead.layout.sentences[index - 1][0] if index else lead.start
    states = [
        m
        for m in _not_places(lead.text, lead.mentions, floor)
        if floor <= m.start < pronoun.start()
        and m.actor.kind is ActorKind.STATE
        and m.form != "capital"
    ]
    note = f'the state of the person "{lead.quote(*pronoun.span())}" refers to'
    return lead.picks(states[-1:], "parties.possessive_subject", note)


# "Late on Monday the two sides…", "Later that day the two countries' ministers…"
_LEAD_IN = re.compile(r"(?:[A-Z][\w ,]{0,30}?\s)?")
# "talks brokered by Saudi Arabia": a go-between's list.
_BROKERED_BY = table_pattern("brokered_by")


def _previous_sentence(lead: _Lead, pronoun: str) -> list[Pick]:
    """ "X met Y in Z. The two opened negotiations…": the actors of the sentence before,
    less places and go-betweens ("talks brokered by Saudi Arabia")."""
    index = lead.layout.sentence_of(lead.start)
    if index == 0:
        return []
    start, end = lead.layout.sentences[index - 1]
    before = [m for m in lead.mentions if start <= m.start < end]
    kept = [
        m
        for m in _not_places(lead.text, before, start)
        if m.form != "capital"
        and not any(
            _BROKERED_BY.search(lead.text, max(start, g.start - 30), g.start)
            for g in [m, *before]
            if g.start <= m.start and _gap_ok(lead.text[g.end : m.start])
        )
    ]
    note = f'what "{pronoun}" refers back to in the sentence before'
    return lead.picks(_dedupe(kept), "parties.previous_sentence", note)


# "relations between A and B" names a relation, not
# the pact's partners.
_RELATION = table_pattern("relation")


def _led_organisation(lead: _Lead, m: ActorMention) -> ActorMention | None:
    """The organisation right after "<m>-led" ("Russian-led CSTO"), if any."""
    led = _LED_BY.match(lead.text, m.end)
    if led is None:
        return None
    org = next((n for n in lead.mentions if n.start == led.end()), None)
    return org if org is not None and org.actor.kind is ActorKind.ORGANIZATION else None


# "a pact modelled on the one Brazil signed with Argentina": the "with" is another pact's.
_MODELLED_AFTER = table_pattern("modelled_after")


# "war with", "fighting with": the list after "with" is the enemy.
_AT_WAR = re.compile(r"\b(?:war|wars|fighting|conflict|clashes|hostilities)\s+$", re.IGNORECASE)


def with_object(lead: _Lead) -> list[Pick]:
    """The list after "with" or "between" in the verb's clause ("signed pacts with A")."""
    if lead.event_start is None:
        return []
    partner = _WITH.search(lead.text, lead.event_start, min(lead.end, lead.event_start + 120))
    # the agents of a passive or of a reduced relative ("the Lima Pact, signed by Peru
    # and Chile, …")
    passive = _passive_before(lead, lead.start) or lead.text[
        lead.start : lead.event_start
    ].rstrip().endswith(",")
    agent = _BY.match(lead.text, lead.event_start + len(lead.verb)) if passive else None
    if agent is not None and (partner is None or agent.start() < partner.start()):
        partner = agent
    if (
        partner is None
        or lead.layout.clause_of(partner.start()) is not lead.layout.clause_of(lead.event_start)
        or lead.layout.compares(partner.start())
        or _MODELLED_AFTER.search(lead.text, lead.event_start, partner.start())
    ):
        return []  # "…modelled on the one Brazil signed with Argentina": another pact's
    if _RELATION.search(lead.text, max(lead.start, partner.start() - 40), partner.start()):
        return []  # "…aimed at normalising relations between A and B": another relation
    if _AT_WAR.search(lead.text, max(lead.start, partner.start() - 20), partner.start()):
        return []  # "…on its way to war with the Ottoman Empire": an enemy, not a partner
    found = group_after(lead.mentions, partner.end(), lead.end, lead.text)
    # "participation in the Russian-led Collective Security Treaty Organization": the
    # organisation, not the state that leads it
    found = _dedupe([_led_organisation(lead, m) or m for m in found])
    if partner is agent and found and (more := _AND_WITH.match(lead.text, found[-1].end)):
        # "signed by Britain, France and Russia with Italy": the agents and their partner
        found += group_after(lead.mentions, more.end(), lead.end, lead.text)
    elif (
        partner is not agent
        and found
        and (
            again := _AND_WITH_AGAIN.match(
                lead.text, found[-1].end, min(lead.end, found[-1].end + 80)
            )
        )
    ):
        # "signed agreements with Palau and Micronesia in Port Moresby on 22 May, and with
        # the Marshall Islands on 16 October": a second list of partners
        found += group_after(lead.mentions, again.end(), lead.end, lead.text)
    word = partner.group(0).strip()
    return lead.picks(
        found, "parties.with_object", f'the list after "{word}" in the verb\'s clause'
    )


def seller(lead: _Lead) -> list[Pick]:
    """ "…agreements to buy 1,000 tanks from South Korea": the seller is a party."""
    if lead.event_start is None:
        return []
    buy = lead.layout.doc.search(_BUY_FROM, lead.event_start, lead.end)
    if buy is None:
        return []
    found = group_after(lead.mentions, buy.end(), lead.end, lead.text)
    return lead.picks(found, "parties.seller", f'the seller in "{lead.quote(*buy.span())}"')


# "he offered India a joint defence": the state offered the pact, before its article.
_OFFERED = re.compile(r"offer(?:s|ed|ing)?\s+", re.IGNORECASE)
_ARTICLE_NEXT = re.compile(r"\s+(?:an?|the)\s", re.IGNORECASE)


def offered_to(lead: _Lead) -> list[Pick]:
    """ "That year he offered India a joint defence of the subcontinent": the state offered
    the pact is a party (the indirect object, right before the pact's article)."""
    if lead.event_start is None:
        return []
    verb = _OFFERED.match(lead.text, lead.event_start)
    if verb is None:
        return []
    found = group_after(lead.actors, verb.end(), lead.end, lead.text)
    if not found or not _ARTICLE_NEXT.match(lead.text, found[-1].end):
        return []
    return lead.picks(found, "parties.offered_to", f'offered the pact: "{lead.verb}"')


# "will station troops in Qatar": the host is a party.
_STATION_IN = table_pattern("station_in")


def basing_host(lead: _Lead) -> list[Pick]:
    """The host of stationed troops ("…will station troops in Qatar under a defence
    arrangement") is a party."""
    found = lead.layout.doc.search(_STATION_IN, lead.start, lead.end)
    if found is None:
        return []
    hosts = group_after(lead.mentions, found.end(), lead.end, lead.text)
    note = f'the host in "{lead.quote(*found.span())}"'
    return lead.picks(hosts, "parties.basing_host", note)


# "China brokered the talks": a broker or mediator (anywhere in the text).
_BROKER_VERB = table_pattern("broker_verb")


# "…signed the treaty on the Chagos Archipelago": the actor is what the pact is about.
_PACT_ON = re.compile(
    rf"\b(?:{PACT_NOUN.pattern})\s+(?:on|over|about|concerning)\s+(?:the\s+)?$", re.I
)
# What joins two members of one list: "A, B and C", "A; B; C" (a table's cell).
_AND_LIST = re.compile(r",?\s+and\s+|[,;]\s+")
# "…along their borders with Russia and Belarus": the list names neighbours.
_BORDERS_WITH = table_pattern("neighbour_with")


def lead_states(lead: _Lead, taken: Sequence[Pick]) -> list[Pick]:
    """The fallback: a pact has two parties at least, so take the other states the lead
    sentence names in the pact's own clauses, leaving out places, comparisons and the
    actors the text says broker or mediate. It stops at two, but never inside a list
    ("partners such as Romania, Poland, Italy and Spain" is taken whole)."""
    keys = {p.mention.actor.key for p in taken}
    keys |= {m.actor.key for m in lead.mentions if _BROKER_VERB.match(lead.text, m.end)}
    neighbours = {
        n.start
        for m in lead.actors
        if _BORDERS_WITH.search(lead.text, max(lead.start, m.start - 30), m.start)
        for n in group_after(lead.actors, m.start, lead.end, lead.text)
    }
    found: list[Pick] = []
    for m in lead.actors:
        if m.start in neighbours:
            continue
        if len(taken) + len(found) >= 2 and lead.event_start is not None:
            last = (found or list(taken))[-1].mention
            if not _AND_LIST.fullmatch(lead.text, _item_end(lead.text, last), m.start):
                break
        if m.actor.kind is ActorKind.NON_STATE or _is_location(lead.text, m, lead.start):
            continue
        if _PACT_ON.search(lead.text, max(lead.start, m.start - 40), m.start):
            continue  # "the treaty on the Chagos Archipelago": what the pact is about
        if m.actor.key not in keys:
            keys.add(m.actor.key)
            found.append(Pick(m, "parties.lead_fallback", "another state the lead sentence names"))
    return found


#: Strategies that alone decide the parties when they find two or more.
_DECISIVE = (warned_against, noun_between)
#: Strategies whose finds add up: the verb's subject, its partners, a seller, a host, the
#: state offered the pact.
_AROUND_THE_VERB = (subject_list, with_object, seller, basing_host, offered_to)


# "Members: USA, Britain, France…": a record's field listing the pact's members.
_MEMBER_FIELD = table_pattern("member_field")
# What may open a line before a field: spaces, a bullet.
_LINE_OPENING = re.compile(r"[ \t•*·▪-]*")


def _member_field(text: str, layout: Layout, mentions: Sequence[ActorMention]) -> list[Pick]:
    """The members a record's field lists ("Original signatories: A, B, C"), when the
    field opens its line (or a " | " cell) and lists two actors or more."""
    for m in layout.doc.finditer(_MEMBER_FIELD):
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind("|", 0, m.start())) + 1
        if not _LINE_OPENING.fullmatch(text, line_start, m.start()):
            continue
        line_end = min(
            i for i in (text.find("\n", m.end()), text.find("|", m.end()), len(text)) if i >= 0
        )
        group = [
            g
            for g in mentions
            if m.end() <= g.start
            and g.end <= line_end
            and text.count("(", m.end(), g.start) == text.count(")", m.end(), g.start)
        ]  # "Nigeria (Lake Chad Basin Commission) and Benin": not the body in brackets
        if len({g.actor.key for g in group}) >= 2:
            label = " ".join(text[m.start() : m.end()].split())
            return [Pick(g, "parties.member_field", f'the list after "{label}"') for g in group]
    return []


def _parties(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    lead: tuple[int, int],
    event: tuple[int, int] | None,
) -> list[Pick]:
    field = _member_field(text, layout, mentions)
    if field:
        return field  # the record says who its members are
    found = _lead_parties(text, layout, mentions, lead, event)
    authors = _authors(text, layout, mentions, lead)
    if not authors:
        return found
    # "We, the Heads of State of A, B and C, … have signed…", "Joint Statement of A and B.
    # Today our delegations adopted…": the authors speak for themselves; guesses give way.
    guesses = (
        "parties.lead_fallback",
        "parties.next_sentence",
        "parties.label_before",
        "parties.heading",
    )
    return _dedupe_picks(authors + [p for p in found if p.rule not in guesses])


#: The strategies that say who acted: the subject of the verb, or the list after "an
#: agreement between".
_ACTED = frozenset({"parties.subject_list", "parties.between", "parties.offered_to"})


def _lead_parties(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    lead: tuple[int, int],
    event: tuple[int, int] | None,
) -> list[Pick]:
    """The parties the lead sentence names, or the sentence of the stage cue when the lead
    has none and names fewer than two."""
    found = _lead_sentence_parties(text, layout, mentions, lead, event)
    if event is None or event[0] < lead[1] or _distinct(found) >= 2:
        return found
    # "Tonight's pick: … Franco's American Deal (documentary). In September 1953 Francisco
    # Franco signed the Pact of Madrid with the United States.": a lead without a stage cue
    # that names fewer than two parties; the sentence with the cue says who acted, when an
    # actor is the subject of its verb or the pact is one "between" them.
    stage = layout.sentences[layout.sentence_of(event[0])]
    there = _lead_sentence_parties(text, layout, mentions, stage, event)
    if _distinct(there) < 2 or not any(p.rule in _ACTED for p in there):
        return found
    note = "in the sentence of the stage cue, after a lead without one"
    return [Pick(p.mention, "parties.stage_sentence", f"{p.note}, {note}") for p in there]


def _dateline(text: str, m: ActorMention, sentence: tuple[int, int]) -> bool:
    """True when ``m`` is a capital standing alone as its sentence ("VIENNA."): the place
    a report was filed from, no actor."""
    return m.form == "capital" and text[sentence[0] : sentence[1]].strip(" .:-—–") == m.text


def _lead_sentence_parties(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    lead: tuple[int, int],
    event: tuple[int, int] | None,
) -> list[Pick]:
    """The parties one sentence names, by the first strategy that finds them (or the
    sentence before or after it, when it names none)."""
    start, end = lead
    actors = [m for m in mentions if start <= m.start < end and not layout.compares(m.start)]
    excluded = _never_parties(text, layout, mentions, start, end)
    actors = [m for m in actors if m.start not in excluded]
    verb = " ".join(text[event[0] : event[1]].split()) if event else ""
    reading = _Lead(text, layout, mentions, start, end, event[0] if event else None, actors, verb)
    no_actor = not [m for m in _not_places(text, actors, start) if not _dateline(text, m, lead)]
    if no_actor and (back := subject_list(reading)):
        # "Peru's and Chile's leaders met on Monday. At the meeting, the two signed…": a
        # lead with no actor whose subject refers back to the sentence before.
        return back
    # (at the lead's start, or after a label that ends in a colon: "Short and worth reading
    # whole: the four undertake…")
    colon = text.find(": ", start, min(end, start + _LABEL_REACH))
    opening = _SIGNATORIES.match(text, start) or (
        _SIGNATORIES.match(text, colon + 2) if colon >= 0 else None
    )
    if (
        opening is not None
        and all(
            _is_location(text, m, start)
            for m in _not_places(text, actors, start)
            if m.actor.kind is not ActorKind.NON_STATE
        )
        and (back := _previous_sentence(reading, opening.group(0)))
    ):
        # "…had signed the Djibouti Code of Conduct. The signatories undertake to share
        # information…": a lead with no actor that opens with the members unnamed.
        return back
    if no_actor and (following := next((s for s in layout.sentences if s[0] >= end), None)):
        # "The pact was signed in Lisbon. Portugal and Cape Verde will…": a lead with no
        # actor at all; the pact is told across two sentences.
        after = ", in a sentence after the lead"
        found = _lead_parties(text, layout, mentions, following, None)
        cue = next(layout.doc.finditer_set(STAGE_CUES, *following), None)
        if _distinct(found) < 2 and cue is not None:
            # read at its own stage cue ("Talks are stuck. Lima and Santiago are
            # negotiating…": capitals before its verb are the states)
            there = _lead_parties(text, layout, mentions, following, cue[1].span())
            if _distinct(there) >= 2:
                found = there
        guessed = all(p.rule == "parties.lead_fallback" for p in found)
        if guessed and event is not None and event[0] >= following[1]:
            # "Treaty of the Triple Alliance, 1865. Bronze medal. … Rev. Laurel wreath enclosing
            # BUENOS AIRES. Struck to commemorate the treaty signed by the ministers of
            # Argentina, Brazil and Uruguay": the sentence of the stage cue, further on, when it
            # names two parties or more (and the next sentence names none, or only states
            # that sign nothing in it: "Starter: map quiz – Algeria, Tunisia, Malta.")
            stage = layout.sentences[layout.sentence_of(event[0])]
            there = _lead_parties(text, layout, mentions, stage, event)
            if _distinct(there) >= 2 and (not found or any(p.rule in _ACTED for p in there)):
                found = there
        if not found:
            return _label_before(text, layout, mentions, lead)
        return [
            Pick(p.mention, "parties.next_sentence", p.note.removesuffix(after) + after)
            for p in found
        ]
    for strategy in _DECISIVE:
        found = [p for p in strategy(reading) if p.mention.start not in excluded]
        if len(found) >= (1 if strategy is warned_against else 2):
            return found
    picks = _dedupe_picks(
        [
            p
            for strategy in _AROUND_THE_VERB
            for p in strategy(reading)
            if p.mention.start not in excluded
        ]
    )
    if len(picks) < 2:
        picks += lead_states(reading, picks)
    heading = _state_heading(text, mentions) if len(picks) == 1 else None
    if heading is not None and heading.actor.key != picks[0].mention.actor.key:
        # "GHANA: security update. … the agreement with the United States that Parliament
        # ratified": the state the text is about signs with the one named.
        picks.append(Pick(heading, "parties.heading", "the state the heading names"))
    picks += _one_more_counted(text, layout, mentions, lead, picks, excluded)
    picks += _terms_members(reading, picks, excluded)
    return picks + _named_before(text, layout, mentions, lead, picks)


# "…a convention under which A, B and C would…": the actors the pact's terms list.
_TERMS_MEMBERS = table_pattern("terms_members")


def _terms_members(lead: _Lead, picks: Sequence[Pick], excluded: set[int]) -> list[Pick]:
    """The actors a pact's terms list besides ``picks``, when the list includes them all
    ("they begin staff talks on a military convention under which Britain, France and the
    Soviet Union would resist…", where "they" found only Britain and France)."""
    keys = {p.mention.actor.key for p in picks}
    if not keys:
        return []
    for noun in lead.layout.doc.finditer(PACT_NOUN, lead.start, lead.end):
        terms = _TERMS_MEMBERS.match(lead.text, noun.end())
        if terms is None:
            continue
        listed = [
            m
            for m in group_after(lead.actors, terms.end(), lead.end, lead.text)
            if m.start not in excluded
        ]
        found = {m.actor.key for m in listed}
        if len(found) >= 2 and keys < found:
            quoted = lead.quote(noun.start(), terms.end())
            more = [m for m in listed if m.actor.key not in keys]
            return lead.picks(more, "parties.terms_members", f'the list after "{quoted}"')
    return []


# "…the agreement the two governments signed": the parties as a sentence counts them.
PARTY_COUNT = table_pattern("party_count")
_NUMBERS = {w: n for n, w in enumerate("two three four five six seven eight nine ten".split(), 2)}


def counted(m: re.Match[str]) -> int:
    """The number of parties a match of `party_count` counts ("the two governments": 2)."""
    n = m.group("n").lower()
    return _NUMBERS.get(n) or int(n)


def _one_more_counted(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    sentence: tuple[int, int],
    picks: Sequence[Pick],
    excluded: set[int],
) -> list[Pick]:
    """The one state the sentence names besides ``picks`` when it counts one party more
    than they are ("troops to the Turkish base in Qatar under the agreement the two
    governments signed"), and no other state it names could be that party."""
    keys = {p.mention.actor.key for p in picks}
    counts = [m for m in layout.doc.finditer(PARTY_COUNT, *sentence) if counted(m) == len(keys) + 1]
    if not keys or not counts:
        return []
    start, end = sentence
    others = [
        m
        for m in mentions
        if start <= m.start < end
        and m.start not in excluded
        and m.actor.kind is ActorKind.STATE
        and m.actor.key not in keys
        and not layout.compares(m.start)
    ]
    if len({m.actor.key for m in others}) != 1:
        return []
    words = " ".join(counts[0].group(0).split())
    note = f'the one more state the sentence names, which counts the parties ("{words}")'
    return [Pick(others[0], "parties.counted", note)]


def _named_before(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    sentence: tuple[int, int],
    picks: Sequence[Pick],
) -> list[Pick]:
    """The states a counted group of the sentence stands for, when it counts more parties
    than ``picks`` are and an earlier sentence lists them right after the same words ("…of
    the three guarantor powers, Greece, Turkey and the United Kingdom. … the Republic and the
    three guarantor powers are negotiating…")."""
    keys = {p.mention.actor.key for p in picks}
    for count in layout.doc.finditer(PARTY_COUNT, *sentence):
        n = counted(count)
        if n <= len(keys):
            continue
        words = re.escape(" ".join(count.group(0).split())).replace(r"\ ", r"\s+")
        for earlier in re.finditer(rf"\b{words}[,:]?\s+", text[: sentence[0]], re.IGNORECASE):
            group = group_after(mentions, earlier.end(), sentence[0], text)
            named = {m.actor.key for m in group}
            if len(named) == n and all(m.actor.kind is ActorKind.STATE for m in group):
                note = f'named where the text first says "{count.group(0)}"'
                return [
                    Pick(m, "parties.named_before", note)
                    for m in _dedupe(group)
                    if m.actor.key not in keys
                ]
    return []


#: How far into the lead a label's colon may stand ("Short and worth reading whole: …").
_LABEL_REACH = 60
#: A label before the lead: a sentence of at most this many words ("Peru–Chile, 1995.").
_LABEL_WORDS = 8


def _label_before(
    text: str, layout: Layout, mentions: Sequence[ActorMention], lead: tuple[int, int]
) -> list[Pick]:
    """ "Tooltip: Peru–Chile, 1995. Mutual defence treaty (signed).": a lead that names no
    actor, nor does the sentence after it, after a short label naming two actors or more;
    the label's actors are the parties."""
    index = layout.sentence_of(lead[0])
    if index == 0:
        return []
    start, end = layout.sentences[index - 1]
    if len(text[start:end].split()) > _LABEL_WORDS:
        return []
    named = _dedupe(_not_places(text, [m for m in mentions if start <= m.start < end], start))
    if len({m.actor.key for m in named}) < 2:
        return []
    note = "the actors of the short label before a lead without one"
    return [Pick(m, "parties.label_before", note) for m in named]


# "GHANA: security update …", "KENYA. …": a text that opens with a state's name alone.
_HEADING_NAME = re.compile(r"\s*[A-Z][A-Z .'-]+[:.]\s")


def _state_heading(text: str, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The state a text's opening heading names (its name, in capitals), or None."""
    first = mentions[0] if mentions else None
    if first is None or first.actor.kind is not ActorKind.STATE or first.form != "name":
        return None
    heading = _HEADING_NAME.match(text)
    if heading is None or not first.start < heading.end() <= first.end + 2:
        return None
    return first


# A statement's authors: "We, the Heads of State of …", "Joint Statement of A and B".
_AUTHORS = table_pattern("authors")
# The lead speaks in the first person.
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


def _authors(
    text: str, layout: Layout, mentions: Sequence[ActorMention], lead: tuple[int, int]
) -> list[Pick]:
    """The states a first-person statement speaks for, named where it says who speaks:
    in the lead itself ("We, the Presidents of A and B, …") or in a heading before it
    when the lead says "we" or "our"."""
    start, end = lead
    for m in layout.doc.finditer(_AUTHORS, 0, end):
        s_start, s_end = layout.sentences[layout.sentence_of(m.start())]
        if text[s_start : m.start()].strip() or (
            s_start != start and not _FIRST_PERSON.search(text, start, end)
        ):
            continue  # the words must open their sentence: "We, the…", "Joint Statement of…"
        group = group_after(mentions, m.end(), s_end, text)
        if group:
            quoted = " ".join(m.group(0).split())
            return [
                Pick(g, "parties.authors", f'the authors named after "{quoted}"') for g in group
            ]
    return []


# "an Asian NATO", "a 'Middle East NATO'": a new pact modelled
# on an organisation, not the organisation.
_MODELLED_ON = table_pattern("modelled_on")
# "in the presence of President Bill Clinton".
_PRESENCE_OF = table_pattern("presence_of")


def _never_parties(
    text: str, layout: Layout, mentions: Sequence[ActorMention], start: int, end: int
) -> set[int]:
    """Where the lead names actors that are never parties: the object of countering,
    deterring, "aimed at", "threat posed by", "in response to" (with the rest of its
    list); go-betweens ("talks brokered by Qatar", "in the presence of…"); and the
    organisation a new pact is modelled on ("an Asian NATO"); who brought the parties
    together ("brought together by Kosygin, Shastri and Ayub Khan signed"); the camps a
    pact stands apart from ("outside both the Western and Soviet camps")."""
    excluded: set[int] = set()
    in_lead = [m for m in mentions if start <= m.start < end]
    if not in_lead:
        return excluded
    for cue in layout.doc.finditer(ADVERSARY, start, end):
        clause = layout.clause_of(cue.start())
        if clause.compares(cue.start()) or NEGATION.search(
            text, max(clause.start, cue.start() - 30), cue.start()
        ):
            continue
        first = next((m for m in in_lead if cue.end() <= m.start), None)
        if first is None or not _TARGET_GAP.fullmatch(text, cue.end(), _body_start(text, first)):
            continue
        excluded.update(m.start for m in group_after(in_lead, first.start, end, text))
    for m in in_lead:
        before = text[max(start, m.start - 40) : m.start]
        if before.endswith(_GO_BETWEEN_ENDS) and (
            _BROKERED_BY.search(before) or _PRESENCE_OF.search(before)
        ):
            excluded.update(g.start for g in group_after(in_lead, m.start, end, text))
        elif m.actor.kind is ActorKind.ORGANIZATION and _MODELLED_ON.search(before):
            excluded.add(m.start)
        elif before.endswith(_GO_BETWEEN_ENDS) and _CONVENED_BY.search(before):
            excluded.add(m.start)  # "brought together by Kosygin, Shastri and Ayub signed…"
        elif _BROKER_VERB.match(text, m.end):
            excluded.add(m.start)  # "with Brazil as guarantor", "Qatar, which mediated…"
    for camps in layout.doc.finditer(_OUTSIDE_CAMPS, start, end):
        # "a neutral bloc, outside both the Western and Soviet camps"
        excluded.update(m.start for m in in_lead if camps.start("camps") <= m.start < camps.end())
    return excluded


_GO_BETWEEN_ENDS = ("by ", "of ", "by the ", "of the ")
_OUTSIDE_CAMPS = table_pattern("outside_camps")
_CONVENED_BY = table_pattern("convened_by")


# What may stand between a target cue and its object: "countering China's…",
# "deter the growing threat from…" (a few lower-case words at most).
_TARGET_GAP = table_pattern("target_gap")
_STATE_BODY_OF = table_pattern("state_body_of")


def _body_start(text: str, m: ActorMention) -> int:
    """Where the state named by ``m`` begins: at "the Government of" before it, else
    at ``m``."""
    body = _STATE_BODY_OF.search(text, max(0, m.start - 40), m.start)
    return body.start() if body else m.start


def _dedupe_picks(picks: Sequence[Pick]) -> list[Pick]:
    seen: set[str] = set()
    out = []
    for p in picks:
        if p.mention.actor.key not in seen:
            seen.add(p.mention.actor.key)
            out.append(p)
    return out


def _owned_group(text: str, mentions: Sequence[ActorMention], m: ActorMention) -> ActorMention:
    """The armed group a state's name qualifies ("Yemen's Houthi rebels"), else ``m``."""
    if text[m.end : m.end + 2] not in ("'s", "’s"):
        return m
    return next(
        (n for n in mentions if n.actor.kind is ActorKind.NON_STATE and n.start == m.end + 3),
        m,
    )


# After these, an actor is the object of another noun ("the war against Ukraine",
# "support for Moscow", "near Belarus's borders"), not what the pact is aimed at.
_OBJECT_PREPOSITIONS = LOCATION_PREPOSITIONS | {
    "against",
    "for",
    "to",
    "with",
    "of",
    "on",
    "over",
    "by",
    "between",
    "toward",
    "towards",
    "through",
}
_FROM_THREAT = table_pattern("from_threat")
_THREAT_OF = table_pattern("threat_of")
_CONCERN_OVER = table_pattern("concern_over")
# "…against rival French and US designs": the list names makers or bidders.
_COMPETING_OFFER = table_pattern("competing_offer")
_RIVAL = table_pattern("rival_word")


def _is_object_of_other_noun(
    text: str, m: ActorMention, floor: int, mentions: Sequence[ActorMention] = ()
) -> bool:
    # "…normalising relations between Saudi Arabia and Israel": a list member is the
    # object of what its first member is the object of.
    head = group_before(text, mentions, m.end, floor)[:1] if mentions else []
    if head and head[0] is not m and text[floor : head[0].start].strip():
        word = _word_before(text, head[0].start, floor)
        if word in ("between", "with") and text[m.end : m.end + 2] not in ("'s", "’s"):
            return True
    start = max(floor, _body_start(text, m))  # "the Government of Bolivia" is Bolivia
    word = _word_before(text, start, floor)
    if word in (
        "from",
        "by",
    ):  # "threats from China" names the threat; "operating from Somalia" not
        return not _FROM_THREAT.search(text, max(floor, start - 40), start)
    if word == "of":  # "a renewal of German aggression" names the threat
        return not _THREAT_OF.search(text, max(floor, start - 40), start)
    if word in ("over", "about", "at") and _CONCERN_OVER.search(
        text, max(floor, start - 40), start
    ):  # "citing concern over Iran's navy" names the threat too
        return False
    if m.form == "capital" and text[m.end : m.end + 2] not in ("'s", "’s"):
        # a capital is the state only as a metonym next to the cue ("deter Moscow");
        # further on it is a place ("the port town of Mocímboa da Praia")
        return bool(text[floor : m.start].strip())
    return word in _OBJECT_PREPOSITIONS


# Between two targets of one cue: a list ("Russia's war against Ukraine and North
# Korea", "jihadist groups and arms smugglers", "china n north korea") or a noun phrase
# ("Assad loyalist insurgents"), not another clause ("deter Russia at a
# time when America's…", "in the face of Russian aggression and doubts about America's…").
_ADVERSARY_LIST_GAP = re.compile(
    r"(?:['’]s)?(?:[^.;:]{0,60}?(?:\band|\bor|\bn|,|&))?\s+"
    r"(?:(?!(?:about|into|of|to|in|at|for|with|from|on)\b)[a-z][\w-]*\s+){0,2}(?:the\s+)?"
)


def _adversaries(
    text: str, layout: Layout, mentions: Sequence[ActorMention]
) -> list[tuple[ActorMention, tuple[int, int]]]:
    """Each actor named after an adversary cue, with the cue's span."""
    found: list[tuple[ActorMention, tuple[int, int]]] = []
    for cue in layout.doc.finditer(ADVERSARY):
        clause = layout.clause_of(cue.start())
        if clause.compares(cue.start()) or layout.asks(clause.sentence):
            continue
        before = text[max(clause.start, cue.start() - 30) : cue.start()]
        if NEGATION.search(before) and not NEGATION.match(text, cue.start()):
            continue  # (a cue that holds its own negation: "not to let its territory be used by")
        window_end = clause.end
        # "…regional threats, including Iran": the list goes on past the comma.
        follow = re.match(r"[,;]?\s+(?:including|notably|such as|especially)\b", text[clause.end :])
        if follow:
            window_end = layout.clause_of(clause.end + follow.end()).end
        window_end = min(window_end, cue.end() + 160)
        if cue.group("attack_verb"):
            window_end = cue.start("attack_verb")  # "if Japan attacks China": the attacker
        last: ActorMention | None = None
        for m in mentions:
            if (
                cue.end() <= m.start < window_end
                and m.start - cue.end() <= 100
                and not _is_object_of_other_noun(text, m, cue.end(), mentions)
                and (last is None or _ADVERSARY_LIST_GAP.fullmatch(text, last.end, m.start))
                and _owned_group(text, mentions, m) is m  # "Bolivia's drug cartels": the group
            ):
                # "to deter China, Russia and North Korea": the list goes on past commas.
                group = group_after(mentions, m.start, cue.end() + 160, text) or [m]
                last = m
                if _COMPETING_OFFER.match(text, group[-1].end) and _RIVAL.search(
                    text, cue.start(), m.start
                ):
                    continue
                found.append((m, cue.span()))
                found.extend((n, cue.span()) for n in group[1:] if n.start >= window_end)
    for m in mentions:
        # "Russia's threat to Europe", "China's military build-up", "German aggression"
        hostile = _HOSTILE_ACT.match(text, m.end) if m.actor.kind is ActorKind.STATE else None
        if (
            hostile is not None
            and not layout.compares(m.start)
            and not _UNDER.search(text, max(0, m.start - 8), m.start)  # "under American pressure"
        ):
            found.append((m, hostile.span()))
    return found


# What a state does that a pact answers ("Russia's threat"), and "under" before it (the
# pressure a state brings to bear on a party, "under American pressure").
_HOSTILE_ACT = table_pattern("hostile_act")
_UNDER = re.compile(r"\bunder\s+$", re.I)


def _accession_picks(accession: Accession) -> list[Pick]:
    """The parties of an accession: the pact's members (or the organisation) and the
    joiners."""
    org = accession.organization
    picks = [
        Pick(m, "parties.accession_members", f"a member, found by {accession.members_rule}")
        for m in accession.members
    ]
    if not picks and org is not None:
        picks = [Pick(org, "parties.accession_organization", "the organisation joined")]
    picks += [
        Pick(m, "parties.accession_joiners", "the list before the joining verb")
        for m in accession.joiners
    ]
    return _dedupe_picks(picks)


def _owned(text: str, mentions: Sequence[ActorMention], pick: Pick) -> Pick:
    group = _owned_group(text, mentions, pick.mention)
    if group is pick.mention:
        return pick
    return Pick(group, pick.rule, f"{pick.note}; the armed group the state's name qualifies")


# "the British-led force": the state before "-led" leads the body named after it.
_LED = re.compile(r"[-‐–]led\s")


def _leaders(
    text: str, mentions: Sequence[ActorMention], lead: tuple[int, int], accession: Accession
) -> list[Pick]:
    """ "…the eighth and ninth members of the British-led force alongside Denmark…": the
    state that leads a pact joined whose members the text lists is one of them."""
    if not accession.members:
        return []
    return [
        Pick(m, "parties.accession_members", "the pact's leader")
        for m in mentions
        if lead[0] <= m.start < lead[1]
        and m.actor.kind is ActorKind.STATE
        and _LED.match(text, m.end)
    ]


def find_roles(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    lead: tuple[int, int],
    event: tuple[int, int] | None,
) -> Roles:
    accession = _accession(text, layout, mentions, lead)
    targeted = _adversaries(text, layout, mentions)
    targets = {m.actor.key for m, _ in targeted}
    if accession is not None:
        picks = _accession_picks(accession) + _leaders(text, mentions, lead, accession)
        picks = _dedupe_picks(picks)
        if not accession.joiners and not accession.members and accession.organization:
            # "…voted to ask to join NATO. … wants Spain inside the alliance": the other
            # state the text names is the joiner
            picks = _dedupe_picks(picks + _other_state(text, layout, mentions, picks, targets))
    else:
        found = _parties(text, layout, mentions, lead, event)
        picks = _dedupe_picks([_owned(text, mentions, p) for p in found])
        if picks:
            picks = _dedupe_picks(
                picks
                + _signed_alongside(text, layout, mentions, lead)
                + _body_led_by(text, layout, mentions, picks)
            )
        if _distinct(picks) < 2:
            picks = _dedupe_picks(picks + _members_next_sentence(text, layout, mentions, lead))
        if _distinct(picks) == 1 and all(p.mention.actor.kind is ActorKind.STATE for p in picks):
            # (an organisation alone may be the pact whose members the text does not list)
            picks = _dedupe_picks(picks + _other_state(text, layout, mentions, picks, targets))
        # no party read at a step that is not denied: the first two states the text names
        # (flagged as guesses), rather than no record
        if (
            not picks
            and event is not None
            and not NEGATION.search(text, max(0, event[0] - 40), event[0])
        ):
            first = _other_state(text, layout, mentions, picks, targets)
            second = _other_state(text, layout, mentions, first, targets) if first else []
            if second:
                picks = first + second
        joining = _joining_next_sentence(text, layout, mentions, lead, picks)
        if joining is not None:
            accession, picks = joining, _accession_picks(joining)
    if accession is None:
        accession = _later_joining(text, layout, mentions, lead, event)
    party_keys = {p.mention.actor.key for p in picks}
    cued = [a for a in targeted if a[0].actor.key not in party_keys]
    adversaries = _merge_non_state(_dedupe([m for m, _ in cued]))
    cue_of = {id(m): cue for m, cue in cued}
    steps = [
        Step("parties", p.mention.actor.key, p.rule, (p.mention.start, p.mention.end), p.note)
        for p in picks
    ] + [
        Step(
            "adversaries",
            a.actor.key,
            "adversaries.cue",
            (a.start, a.end),
            f'after "{text[cue_of[id(a)][0] : cue_of[id(a)][1]]}"',
        )
        for a in adversaries
    ]
    return Roles(tuple(p.mention for p in picks), tuple(adversaries), accession, tuple(steps))


def _later_joining(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    lead: tuple[int, int],
    event: tuple[int, int] | None,
) -> Accession | None:
    """ "> did iran join the sco yesterday < Yes. Iran became the ninth full member of the
    Shanghai Cooperation Organisation…": when the stage is read in a sentence after the
    lead and its cue is part of a joining ("became … member of"), that joining (for the
    event and the name; the parties are read as for any pact)."""
    if event is None or lead[0] <= event[0] < lead[1]:
        return None
    stage = layout.sentences[layout.sentence_of(event[0])]
    joining = _accession(text, layout, mentions, stage)
    cue = joining.cue if joining is not None else None
    if cue is None or not (cue[0] < event[1] and event[0] < cue[1]):
        return None
    return joining


def _joining_next_sentence(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    lead: tuple[int, int],
    picks: Sequence[Pick],
) -> Accession | None:
    """ "The king flew to Cairo and signed a defence pact with President Nasser. Jordan
    joins the mutual defence agreement signed by Egypt and Syria": the sentence after the
    lead tells the signing as a joining, with the joiner and the pact's members, among
    whom every party the lead gave: that joining is the event and its parties."""
    following = next((s for s in layout.sentences if s[0] >= lead[1]), None)
    if following is None or not picks:
        return None
    joining = _accession(text, layout, mentions, following)
    if joining is None or not joining.joiners or not joining.members:
        return None
    found = {m.actor.key for m in (*joining.joiners, *joining.members)}
    lead_keys = {p.mention.actor.key for p in picks}
    return joining if lead_keys < found else None


# "the treaty on the Falkland Islands": what a pact is about, no party to it.
_SUBJECT_BEFORE = re.compile(r"\b(?:on|over|about|concerning|regarding)\s+(?:the\s+)?$")


def _other_state(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    picks: Sequence[Pick],
    targets: set[str],
) -> list[Pick]:
    """The other state the text names, for a pact read with one party: the only one, or
    else the first (not a place such as "in Lima" or a capital, one of the text's
    ``targets``, a comparison, what the pact is about or a word that refers back)."""
    taken = {p.mention.actor.key for p in picks} | targets
    others = [
        m
        for m in mentions
        if m.actor.kind is ActorKind.STATE
        and m.actor.key not in taken
        and m.form != "context"
        and not _is_location(text, m, layout.sentences[layout.sentence_of(m.start)][0])
        and not layout.compares(m.start)
        and not _SUBJECT_BEFORE.search(text, max(0, m.start - 20), m.start)
    ]
    if not others:
        return []
    if len({m.actor.key for m in others}) == 1:
        return [Pick(others[0], "parties.only_other_state", "the only other state the text names")]
    return [Pick(others[0], "parties.first_other_state", "the first other state the text names")]


# "…is also due to sign bilateral security agreements with Estonia and Lithuania".
_SIGNED_ALONGSIDE = table_pattern("signed_alongside")


# "It would bring together A, B and C": the next sentence lists the pact's members.
_MEMBERS_NEXT = table_pattern("members_next_sentence")


def _members_next_sentence(
    text: str, layout: Layout, mentions: Sequence[ActorMention], lead: tuple[int, int]
) -> list[Pick]:
    """The members the sentence after the lead lists when it opens with the pact and a verb
    of grouping ("… pushing a plan for a Middle East Strategic Alliance. It would bring
    together the US, the six GCC states, Egypt and Jordan…"): read when the lead names
    fewer than two parties."""
    following = next((s for s in layout.sentences if s[0] >= lead[1]), None)
    if following is None:
        return []
    start, end = following
    opening = _MEMBERS_NEXT.match(layout.doc.low, start)
    if opening is None:
        return []
    listed = group_after(mentions, opening.end(), end, text)
    if len(listed) < 2:
        return []
    note = f'the members the next sentence lists after "{" ".join(opening.group(0).split())}"'
    return [Pick(m, "parties.members_next_sentence", note) for m in listed]


def _signed_alongside(
    text: str, layout: Layout, mentions: Sequence[ActorMention], lead: tuple[int, int]
) -> list[Pick]:
    """The partners of security pacts signed alongside the primary one, in the lead or
    after it: the spec lists every signatory of pacts signed together as a party."""
    picks: list[Pick] = []
    for m in layout.doc.finditer(_SIGNED_ALONGSIDE, lead[0]):
        if layout.compares(m.start()):
            continue  # "Tokyo signed a similar agreement with Australia last year"
        s_end = layout.sentences[layout.sentence_of(m.start())][1]
        note = f'signed alongside: "{" ".join(text[m.start() : m.end()].split())}"'
        picks += [
            Pick(g, "parties.signed_alongside", note)
            for g in group_after(mentions, m.end(), s_end, text)
        ]
    return picks


_BODY_LED_BY = table_pattern("body_led_by")


def _body_led_by(
    text: str, layout: Layout, mentions: Sequence[ActorMention], picks: Sequence[Pick]
) -> list[Pick]:
    """ "…have formed an Islamic military coalition led by Saudi Arabia": the state that
    leads the body the parties form, in a sentence that names them, is one of them."""
    found: list[Pick] = []
    for start, end in sorted(
        {layout.sentences[layout.sentence_of(p.mention.start)] for p in picks}
    ):
        for m in layout.doc.finditer(_BODY_LED_BY, start, end):
            note = f'leads the body: "{" ".join(text[m.start() : m.end()].split())}"'
            found += [
                Pick(g, "parties.led_by", note)
                for g in group_after(mentions, m.end(), end, text)
                if g.actor.kind is ActorKind.STATE
            ]
    return found


def _merge_non_state(actors: list[ActorMention]) -> list[ActorMention]:
    """One entry per armed group: "insurgents" folds into "Islamist insurgents"."""
    out: list[ActorMention] = []
    for a in actors:
        if a.actor.kind is ActorKind.NON_STATE:
            head = a.actor.name.split()[-1]
            twin = next(
                (
                    o
                    for o in out
                    if o.actor.kind is ActorKind.NON_STATE and o.actor.name.split()[-1] == head
                ),
                None,
            )
            if twin is not None:
                if len(a.actor.name) > len(twin.actor.name):
                    out[out.index(twin)] = a
                continue
        out.append(a)
    return out
