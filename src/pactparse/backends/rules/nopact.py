"""When the text holds no security pact: the offline backend's own signals.

A summary of a security pact names a pact (or joining one, or talks toward one),
asserts a step toward it (a signing, talks, a plan, a proposal) and is about
defence or security. The reading answers "no pact" with a reason a user can act on
when one of these is missing: a football "pact" or a trade deal (nothing about
security), a missile test or an election (no pact and no step toward one), a
coalition agreement (a pact of another kind).
"""

from __future__ import annotations

import re

from .analysis import Reading
from .cues import ACCESSION, PACT_NOUN, PLEDGE, STAGE_CUES, table_pattern
from .roles import asserts, pledges_a_commitment
from .stage import MODAL_CUE
from .trace import Step

__all__ = ["no_pact_reason"]

# Words of defence and security; a text with none of them is
# not about a security pact ("a free trade agreement", "a patent cross-licensing pact").
_SECURITY = table_pattern("security_word")
# Words of trade, business, sport, climate and elections: with no
# word of security, a text that has them is about something else.
_OTHER_DOMAIN = table_pattern("other_domain")
# A pact of another kind: the word before the pact noun names
# its domain ("a free trade agreement", "a coalition agreement", "an electoral pact").
_OTHER_KIND = table_pattern("other_pact")
_SECURITY_KIND = table_pattern("security_kind")
_OTHER_KIND_AFTER = table_pattern("other_pact_after")
# What a stage verb may adopt or approve that is not a pact
# ("adopted a package of sanctions", "approved a defence budget").
_NOT_A_PACT = table_pattern("not_a_pact")
# …or right before it ("the missile contract signed with the navy").
_NOT_A_PACT_BEFORE = table_pattern("not_a_pact_before")
# "GE Aerospace signed a memorandum with the state-run planemaker": a company signs.
_COMPANY_SIGNER = table_pattern("company_signer")
_COMPANY_PARTNER = table_pattern("company_partner")
# "…promised to refrain from aggression and not to join any alliance directed against
# the other": "not to" after a pledge is the pact's commitment, not a step denied.
_NOT_TO = re.compile(r"(?:not|never)\s+to\b", re.IGNORECASE)
# Talks that ended with nothing agreed.
_NO_DEAL = table_pattern("no_deal")
# …unless more talks are to come ("a third round is proposed for March").
_FURTHER_TALKS = table_pattern("further_talks")
# "froze its participation", "suspended its membership": a step
# of its own (the stage cues have no such verb yet).
_SUSPENSION = table_pattern("suspension")
# "Indonesia's new membership of the BRICS group": a bloc of trade and economics.
_ECONOMIC_BLOC = table_pattern("economic_bloc")


# "The Pact is a sluggish Cold War thriller": a film, book or show.
_FICTION = table_pattern("fiction")
_DOCUMENTARY = table_pattern("documentary")
_GENRE_LABEL = table_pattern("genre_label")
# "marked the 60th anniversary of the Élysée Treaty".
_COMMEMORATION = table_pattern("commemoration")
# "…, who negotiated Poland's entry into NATO, has died": a life, not a pact.
_OBITUARY = table_pattern("obituary")
# "has not signed", "has no plans to": a step denied.
_DENIAL = table_pattern("denial")
# "No Kwang Chol signed": a capitalised word before another is a name, no denial.
_NAME_LIKE = re.compile(r"[A-Z]\w*\s+[A-Z]")
# "No defence or security agreement was signed", and a sentence that disclaims what it
# reports ("reports … were dismissed").
_NO_SECURITY_PACT = table_pattern("no_security_pact")
_DISCLAIMED = table_pattern("disclaimed")
# Between stage cues of one list ("signed, negotiated or proposed").
_LIST_GAP = re.compile(r",?\s*(?:(?:or|nor|and)\s+)?")
_WHO = re.compile(r".*\bwho(?:se)?\b[^;:.]*")


def _only_in_relative_clauses(reading: Reading) -> bool:
    """True when every stage cue stands in a "who…" clause ("…, who signed the treaty,
    has died"), and there is one."""
    layout = reading.layout
    cues = [m.start() for _, m in layout.doc.finditer_set(STAGE_CUES, 0, len(reading.text))]
    return bool(cues) and all(
        _WHO.fullmatch(reading.text, max(layout.clause_of(pos).start, pos - 80), pos) is not None
        for pos in cues
    )


def _every_step_denied(reading: Reading) -> str | None:
    """The first denied step ("not signed") when the text has stage cues and a denial
    stands before each one, or before the list it ends ("no such pact has been signed,
    negotiated or proposed"); in sentences that assert nothing (a question, a fact-check's
    claim) only the denials are read ("Asked whether Peru would consider a pact, the
    minister said none had been proposed"). None when a step is asserted."""
    layout, text = reading.layout, reading.text
    first: str | None = None
    for start, end in layout.sentences:
        asserted = asserts(text, layout, start, end)
        denied_until = -1
        for index, m in layout.doc.finditer_set(STAGE_CUES, start, end):
            if STAGE_CUES.ids[index] == MODAL_CUE:
                continue  # "I would like…": a modal alone asserts no step
            if denied_until >= 0 and _LIST_GAP.fullmatch(text, denied_until, m.start()):
                denied_until = m.end()
                continue
            floor = max(start, layout.clause_of(m.start()).start, m.start() - 60)
            denial = layout.doc.search(_DENIAL, floor, m.start())
            if (
                denial is None
                or _NAME_LIKE.match(text, denial.start())
                or (
                    _NOT_TO.match(text, denial.start())
                    and layout.doc.search(PLEDGE, max(start, denial.start() - 100), denial.start())
                )
            ):
                if asserted:
                    return None
                continue  # "Asked whether Peru would consider a pact, …": no step asserted
            first = first or " ".join(text[denial.start() : m.end()].split())
            denied_until = m.end()
    return first


_NOT_SECURITY_PROVISIONS = frozenset(
    {"economic_cooperation", "climate_resilience", "migration_mobility"}
)


def _security_words(reading: Reading) -> list[int]:
    """Where the words of defence or security start; "alliance" in a pact of another kind
    ("the Growers' Water Alliance", "a trade alliance") is none."""
    doc = reading.layout.doc
    return [
        m.start()
        for m in doc.finditer(_SECURITY)
        if not (
            doc.low.startswith("allian", m.start())
            and any(
                k.end() == m.end()
                for k in doc.finditer(_OTHER_KIND, max(0, m.start() - 60), m.end())
            )
        )
    ]


def _security_pact_denied(reading: Reading, security_cues: list[Step]) -> str | None:
    """The words that say no security pact was made ("No defence or security agreement
    was signed"), when no word or cue of defence or security outside them stands in a
    sentence that asserts something and disclaims nothing; None otherwise."""
    layout, text = reading.layout, reading.text
    doc = layout.doc
    said = doc.search(_NO_SECURITY_PACT)
    if said is None:
        return None
    words = _security_words(reading)
    for pos in [*words, *(cue.span[0] for cue in security_cues if cue.span is not None)]:
        if said.start() <= pos < said.end():
            continue
        start, end = layout.sentences[layout.sentence_of(pos)]
        if asserts(text, layout, start, end) and doc.search(_DISCLAIMED, start, end) is None:
            return None
    return " ".join(text[said.start() : said.end()].split())


def _only_a_modal(words: str) -> bool:
    """True for a stage cue that is a modal verb alone ("could", "would")."""
    hit = STAGE_CUES.first(words)
    return hit is not None and hit.id == MODAL_CUE and hit.end - hit.start == len(words)


def _named_pact(reading: Reading) -> bool:
    """A pact noun, a joining, or a pledged commitment ("pledged not to use force")."""
    doc = reading.layout.doc
    return (
        doc.search(PACT_NOUN) is not None
        or doc.search(ACCESSION) is not None
        or pledges_a_commitment(reading.layout, 0, len(reading.text))
    )


def _other_kind(reading: Reading) -> str | None:
    """The domain of the lead's pact nouns when each one is of another kind ("trade"),
    named before the noun or right after it ("the Paris Agreement on climate change")."""
    start, end = reading.lead
    kinds = []
    for noun in reading.layout.doc.finditer(PACT_NOUN, start, end):
        before = next(
            (
                m
                for m in reading.layout.doc.finditer(
                    _OTHER_KIND, max(start, noun.start() - 60), noun.end()
                )
                if m.end() == noun.end()
            ),
            None,
        )
        if before is None:
            # "the Paris Agreement on climate change", "…, a bloc for free trade"
            before = _OTHER_KIND_AFTER.match(reading.layout.doc.low, noun.end())
        if before is None:
            return None
        # "a mutual defence trade pact", "the Defense Trade Cooperation Treaty": security
        if _SECURITY_KIND.search(reading.text, max(start, before.start() - 24), before.end()):
            return None
        kinds.append(before.group("kind").lower())
    return kinds[0] if kinds else None


def _fiction(reading: Reading) -> str | None:
    """The words that make the text a work of fiction or a show: a fiction word in the
    lead, or a genre alone in a synopsis's opening ("BRIDGE OF SPIES (2015, 141 min).
    Drama. …"); None for a documentary, which tells real events."""
    doc, text = reading.layout.doc, reading.text
    found = doc.search(_FICTION, *reading.lead)
    opening = reading.layout.sentences[:3]
    if found is None and opening and doc.search(_GENRE_LABEL, 0, opening[-1][1]):
        found = next(
            (
                g
                for s, e in opening
                if (g := _GENRE_LABEL.fullmatch(text[s:e].strip().rstrip("."))) is not None
            ),
            None,
        )
    if found is None or doc.search(_DOCUMENTARY):
        return None
    return found.group(0)


#: Commitments that make a guess ("could", "would") about them a proposed pact (basing,
#: defence, guarantees, integration, non-aggression, intelligence, arms): not exercises or trade.
_GUESSED_COMMITMENTS = frozenset(
    {
        "basing_access",
        "mutual_defense",
        "security_guarantee",
        "military_integration",
        "non_aggression",
        "intelligence_sharing",
        "military_aid",
    }
)


#: The rules that add a state the text names as a one-party pact's second party.
_OTHER_STATE_GUESSES = frozenset({"parties.only_other_state", "parties.first_other_state"})


def _company_deal(reading: Reading) -> str | None:
    """The company that signs, or None: named right before the stage verb when every party
    is a fallback's guess (no state or organisation signs), or right after the verb's
    "with" when one party alone was found (a state dealing with a company)."""
    status = next(s for s in reading.steps if s.field == "status")
    parties = [s for s in reading.steps if s.field == "parties"]
    if status.span is None or not parties:
        return None
    verb, verb_end = status.span
    found = None
    # (a second party guessed as the other state the text names signs nothing)
    read = [s for s in parties if s.rule not in _OTHER_STATE_GUESSES]
    if len(read) == 1:  # "Jakarta is in talks with Boeing about buying F-15EX fighters"
        found = _COMPANY_PARTNER.match(reading.text, verb_end)
    if found is None and all(s.rule == "parties.lead_fallback" for s in parties):
        found = _COMPANY_SIGNER.search(reading.text, max(reading.lead[0], verb - 60), verb)
    return " ".join(found.group(0).split()) if found is not None else None


def _not_a_pact(text: str, span: tuple[int, int]) -> str | None:
    """The words of the stage cue at ``span`` and what it adopted or concluded, when that
    is no pact: named right after the verb ("approved a defence budget") or right before
    it ("the missile contract signed with…")."""
    start, end = span
    adopted = _NOT_A_PACT.match(text, end)
    if adopted is not None:
        return text[start : adopted.end()]
    done = _NOT_A_PACT_BEFORE.search(text, max(0, start - 100), end)
    if done is not None and done.end() == start:
        return text[done.start() : end]
    return None


def no_pact_reason(reading: Reading) -> str | None:
    """Why the text holds no security pact, in words a user can act on; None when it may."""
    steps = reading.steps
    status = next(s for s in steps if s.field == "status")
    # A pact in force only because a clause is told under it ("Under the agreement, …")
    # asserts no step of its own.
    no_stage = status.rule in ("stage.none", "stage.under_pact")
    cues = {s.field for s in steps if s.rule.startswith(("provision.", "adversaries."))}
    security_cues = [
        s
        for s in steps
        if s.field == "adversaries"
        or (s.field == "provisions" and s.value not in _NOT_SECURITY_PROVISIONS)
    ]
    doc = reading.layout.doc
    fiction = _fiction(reading)
    if fiction is not None:
        return (
            f'the text is about a work of fiction or a show ("{fiction}"), '
            "not a pact between states"
        )
    if not security_cues and not _security_words(reading):
        other = doc.search(_OTHER_DOMAIN)
        if other is not None:
            return (
                f"the text is about {other.group(0).lower()} and the like, not defence or "
                "security (no military, troops, defence, security or threat): a trade, business "
                "or political agreement is not a security pact"
            )
        if len(reading.layout.sentences) > 1:
            return (
                "the text says nothing of defence or security (no military, troops, defence, "
                "security or threat in any sentence): an agreement of another kind is not a "
                "security pact"
            )
    commemoration = doc.search(_COMMEMORATION)
    if commemoration is not None and not any(
        m.start() < commemoration.start() or m.end() > commemoration.end()
        for m in doc.finditer(PACT_NOUN)
    ):
        return (
            f'the text commemorates a pact ("{" ".join(commemoration.group(0).split())}"); '
            "it tells of no step toward one"
        )
    kind = _other_kind(reading)
    if kind is not None and reading.roles.accession is None:
        article = "an" if kind[:1] in "aeiou" else "a"
        return f"the agreement is {article} {kind} agreement, not a security pact"
    if not _named_pact(reading):
        if no_stage:
            return (
                "the text names no pact, treaty, alliance or agreement, and no step toward one "
                "(a signing, talks, a plan or a proposal)"
            )
        span = status.span
        if (
            status.value == "negotiating"
            and span is not None
            and reading.draft.name is None
            and not security_cues
            and not _security_words(reading)
        ):
            return (
                f'the text tells of talks ("{" ".join(reading.text[span[0] : span[1]].split())}")'
                " but names no pact, treaty, alliance or agreement, and nothing of defence or "
                "security"
            )
        if (
            span is not None
            and _only_a_modal(reading.text[span[0] : span[1]])
            and not any(s.value in _GUESSED_COMMITMENTS for s in security_cues)
        ):
            return (
                "the text names no pact, treaty, alliance or agreement, and its only step "
                f'toward one is a guess ("{reading.text[span[0] : span[1]]}")'
            )
        what = _not_a_pact(reading.text, span) if span is not None else None
        if what is not None and reading.draft.name is None:
            return (
                "the text names no pact, treaty, alliance or agreement: what it says was "
                f'"{" ".join(what.split())}" is not a pact'
            )
    obituary = reading.layout.doc.search(_OBITUARY)
    if obituary is not None and _only_in_relative_clauses(reading):
        return (
            f'the text is about a person ("{obituary.group(0)}"); the pact is named only in '
            "passing, in a clause about them"
        )
    company = _company_deal(reading)
    if company is not None:
        return (
            f'the agreement is a company\'s ("{company}"), not a pact between states: no state '
            "or organisation signs it"
        )
    denied = _every_step_denied(reading)
    if denied is not None:
        return f'the text denies every step toward a pact ("{denied}")'
    said = _security_pact_denied(reading, security_cues)
    if said is not None:
        return f'the text says no security pact was made ("{said}")'
    no_deal = reading.layout.doc.search(_NO_DEAL)
    if (
        no_deal is not None
        and (no_stage or status.value in ("proposed", "negotiating"))
        and not reading.layout.doc.search(_FURTHER_TALKS)
    ):
        return f'the talks ended with nothing agreed ("{no_deal.group(0)}")'
    accession = reading.roles.accession
    org = accession.organization if accession is not None else None
    if org is not None and _ECONOMIC_BLOC.fullmatch(org.text) and not security_cues:
        return (
            f"the organisation joined ({org.text}) is a bloc of trade and economics, not a "
            "security pact"
        )
    if no_stage and not cues and accession is None and not reading.layout.doc.search(_SUSPENSION):
        return (
            "the text asserts no step toward a pact (no signing, talks, plan or proposal) "
            "and states no commitment"
        )
    return None
