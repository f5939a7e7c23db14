"""The pact's status (the most advanced stage the lead sentence asserts) and its event."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...schema import Event, Status
from .cues import (
    AMENDMENT,
    CUE_SETS,
    NEGATION,
    PACT_NOUN,
    STAGE_CUES,
    STAGES,
    grouped_pattern,
    table_pattern,
)
from .roles import Accession
from .text import Layout
from .trace import Step

__all__ = ["MODAL_CUE", "find_event", "find_status", "stage_cues"]

# Stage phrases read beside the stage cues (lexicon table "stage_phrase"), one pattern
# with a named group per status: at the same place they win over the stage cues ("is to be
# concluded" over "concluded").
_EXTRA = grouped_pattern("stage_phrase")


def find_status(
    text: str, layout: Layout, lead: tuple[int, int]
) -> tuple[Status, tuple[int, int] | None, Step]:
    """The stage stated by the earliest stage cue of the lead sentence, where it is, and
    the step that records it.

    The lead sentence states the primary pact; when it has no cue, the following
    sentences are read in order. Cues in clauses about another agreement are skipped.
    Without any cue the pact is taken as ``signed`` (one that exists); ``review`` says the
    status is a default.
    """
    # "Mar 2023 – …": in a chronology the latest entry that tells of a pact is where it
    # stands now.
    entries = [
        (start, end)
        for start, end in reversed(_chronology(text))
        if layout.doc.search(PACT_NOUN, start, end)
    ]
    where = "the latest entry of a chronology that names a pact"
    for start, end in entries:
        found = _first_stage(text, layout, start, end, where)
        if found is not None:
            return found
    spans = [lead] + [s for s in layout.sentences if s[0] >= lead[1]]
    # A guess in a clause of the pact's terms ("the 1951 treaty under which A and B would
    # each act", "an attack on one would be considered…") is read only when no other cue
    # states a stage: a second reading, for a text that has such a clause.
    passes = (False, True) if layout.doc.search(_TERMS_CLAUSE) else (True,)
    for terms in passes:
        for start, end in spans:
            where = "the lead sentence" if start == lead[0] else "a later sentence"
            found = _first_stage(text, layout, start, end, where, terms)
            if found is not None:
                if _is_guess(layout, found):
                    # "Under the agreement, troops may operate…": the modal is the term
                    sentence = layout.sentences[layout.sentence_of(found[1][0])]
                    under = _under_the_pact(layout, (sentence[0], found[1][0]))
                    if under is not None:
                        # the parties are still read at the verb
                        return Status.SIGNED, found[1], under
                    later = _later_signing(text, layout, spans, start, terms)
                    # (the parties are still read at the lead's verb)
                    return found if later is None else (later[0], found[1], later[2])
                return _unless_denied(layout, lead, found)
    described = layout.doc.search(_DESCRIBED_PACT)
    if described is not None:
        # "The alliance between Peru and Chile lasted until 1915": a pact told by what it did
        note = f'no stage cue but the pact is told as one that existed ("{described.group(0)}")'
        step = Step("status", Status.SIGNED.value, "described_pact.existed", described.span(), note)
        return Status.SIGNED, None, step  # no verb: the parties are read as without a cue
    under = _under_the_pact(layout, (lead[0], len(text)))
    if under is not None:
        return Status.SIGNED, None, under  # no verb: the parties are read as without a cue
    wish = layout.doc.search(_WISH_PACT)
    if wish is not None:
        # "Peru wants a defence pact with Chile": a wish, with no step told, is a proposal
        note = f'no stage cue but a wish ("{text[wish.start() : wish.end()]}"): a proposal'
        return (
            Status.PROPOSED,
            wish.span(),
            Step("status", Status.PROPOSED.value, "wish_pact.want", wish.span(), note),
        )
    # A pact told with no step at all ("Treaty of Kars: Turkey and the Soviet republics
    # fix the border and promise…") is mostly one that exists: on the development files
    # nine in thirteen such records were signed, four proposed. A bid to join is a
    # proposal ("Bolivia criticised Chile's NATO membership bid").
    joining = CUE_SETS["accession"].first(layout.doc)
    if joining is not None and joining.id in _JOIN_ASKED:
        note = "no stage cue but a bid to join: a proposal"
        return (
            Status.PROPOSED,
            None,
            Step("status", Status.PROPOSED.value, "stage.none", None, note),
        )
    note = "no stage cue: a pact told with no step is taken as one that exists"
    return Status.SIGNED, None, Step("status", Status.SIGNED.value, "stage.none", None, note)


def _later_signing(
    text: str,
    layout: Layout,
    spans: list[tuple[int, int]],
    after: int,
    terms: bool,
) -> tuple[Status, tuple[int, int], Step] | None:
    """A signing a later sentence states when the first cue is a guess ("The pact would
    last twenty years. … the two ministers signed it on Monday"): the step that was taken."""
    for start, end in spans:
        if start <= after:
            continue
        found = _first_stage(text, layout, start, end, "a later sentence", terms)
        if found is not None and not _is_guess(layout, found) and found[0] is Status.SIGNED:
            return found
    return None


#: A pact told as one that existed ("lasted until 1915"): signed when no stage cue states a
#: step.
_DESCRIBED_PACT = table_pattern("described_pact")
#: A party that wants (suggests) a pact: a proposal when no stage cue states a step.
_WISH_PACT = table_pattern("wish_pact")
#: Joining cues that ask to join: with no stage cue, a proposal.
_JOIN_ASKED = frozenset({"accession.bid", "accession.seek_membership"})


# "Under the agreement, coalition forces will leave…": a clause told under the pact, where
# a sentence or a clause opens ("…: under a memorandum, …"; not "bought jets under the deal").
_UNDER_PACT = table_pattern("under_pact")
_CLAUSE_OPENERS = frozenset(".:;!?\n(—–\"“‘'")


def _is_guess(layout: Layout, found: tuple[Status, tuple[int, int], Step]) -> bool:
    """True when ``found`` was read from a modal alone ("would", "may"): a guess."""
    hit = STAGE_CUES.first(layout.doc, *found[1])
    return hit is not None and hit.id == MODAL_CUE


def _under_the_pact(layout: Layout, span: tuple[int, int]) -> Step | None:
    """A signing when a clause in ``span`` is told under the pact ("Under the agreement,
    troops may operate…"): the pact is in force. Read only when no cue states a stage, or
    a guess alone after the clause, in its sentence."""
    text = layout.doc.text
    for m in layout.doc.finditer(_UNDER_PACT, *span):
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
        if (not before or before[-1] in _CLAUSE_OPENERS) and not layout.compares(m.start()):
            note = (
                "a clause told under the pact (in force); no cue, or a guess alone, states a stage"
            )
            return Step("status", Status.SIGNED.value, "stage.under_pact", m.span(), note)
    return None


_REPORTED = table_pattern("reported")
_DENIED_REPORT = table_pattern("denied_report")


def _unless_denied(
    layout: Layout, lead: tuple[int, int], found: tuple[Status, tuple[int, int], Step]
) -> tuple[Status, tuple[int, int], Step]:
    """``found``, or ``proposed`` when it is a signing that only a report in the lead
    asserts and a party denies after it ("…signed a secret deal, the Journal reported …
    Hun Sen called it 'fake news'"): the signing is not confirmed."""
    status, span, _ = found
    if status is not Status.SIGNED or not lead[0] <= span[0] < lead[1]:
        return found
    if layout.doc.search(_REPORTED, *lead) is None:
        return found
    denied = layout.doc.search(_DENIED_REPORT, span[1])
    if denied is None:
        return found
    note = "a signing that a report asserts and a party denies: not confirmed"
    step = Step("status", Status.PROPOSED.value, "stage.reported_denied", denied.span(), note)
    return Status.PROPOSED, span, step  # the parties are still read at the signing


def _first_stage(
    text: str, layout: Layout, start: int, end: int, where: str, terms: bool = True
) -> tuple[Status, tuple[int, int], Step] | None:
    """The stage of the earliest stage cue or phrase between ``start`` and ``end``
    (without ``terms``, a cue of a proposal in a clause of the pact's terms is none)."""
    hits = [
        (m.start(), 0, _INDEX[m.lastgroup or ""], m)
        for m in layout.doc.finditer(_EXTRA, start, end)
        if not layout.compares(m.start())
    ]
    cues = (
        (m.start(), 1, index, m)
        for index, m in stage_cues(text, layout, start, end)
        if terms
        or STAGES[index][1] is not Status.PROPOSED
        or not _in_terms(text, layout, start, m.start())
    )
    cue = next(cues, None)
    if cue is not None:
        hits.append(_instead_of(text, start, cue, cues, hits))
    if not hits:
        return None
    _, _, index, m = min(hits, key=lambda hit: hit[:3])
    status = STAGES[index][1]
    if status is Status.NEGOTIATING and m.group(0).lower() == "negotiated":
        # a negotiation told as done and the signing that ended it ("the panel that
        # negotiated the agreement with Chile, signed in Lima in April")
        signing = next(
            (
                (i, later)
                for i, later in stage_cues(text, layout, m.end(), end)
                if STAGES[i][1] is Status.SIGNED
                # "but never signed it": a signing denied
                and not layout.doc.search(NEGATION, max(m.end(), later.start() - 12), later.start())
            ),
            None,
        )
        if signing is not None:
            index, m = signing
            status = Status.SIGNED
            where = f"{where}, after a negotiation told as done"
    if status is Status.SIGNED and m.group(0).lower().startswith("agreed"):
        # "…have agreed an Agreement on Maintaining Security, which he and President
        # Soeharto will sign in Jakarta on Monday": agreed, its signing still to come.
        to_sign = next(
            (
                later
                for i, later in stage_cues(text, layout, m.end(), end)
                if STAGES[i][1] is Status.PLANNED and "sign" in later.group(0).lower()
            ),
            None,
        )
        if to_sign is not None:
            status = Status.PLANNED
            where = f"{where}, agreed with its signing still to come"
    if (
        status is Status.SIGNED
        and m.group(0).lower() in _PRESENT_SIGNING
        and _FUTURE_BEFORE.search(text, max(start, m.start() - 80), m.start())
    ):
        # "Tomorrow the two presidents sign a treaty": a signing to come
        status = Status.PLANNED
        where = f"{where}, after a time to come"
    # "the charter that Peru and Chile signed on…": the phrase names the pact first; the
    # verb is where the parties act.
    span = m.span("verb") if m.re.groupindex.get("verb") and m.group("verb") else m.span()
    step = Step(
        "status", status.value, f"stage.{status.value}", span, f"the earliest stage cue of {where}"
    )
    return status, span, step


_Hit = tuple[int, int, int, re.Match[str]]


def _instead_of(text: str, start: int, cue: _Hit, cues: Iterator[_Hit], hits: list[_Hit]) -> _Hit:
    """The cue to read in place of the first one, ``cue``, when the words right before it
    pass it over and the next cue of ``cues`` is one that may take its place: after a
    signing denied ("did not sign the treaty yesterday as planned … will sign once both
    cabinets approve it"), a lesser cue or a phrase at the next cue's place; after talks put
    behind the step ("After all those years of drafting, the two leaders will sign…"), a
    plan or a signing; after a proposal put behind it ("Since the Swedish proposal in May,
    the three have been negotiating"), any later stage; any next cue told as the present
    one ("signed a treaty in February, and now they invite Argentina to join it"). Else
    ``cue`` itself."""
    status = STAGES[cue[2]][1]
    before = max(start, cue[0] - 40)
    if status is Status.SIGNED and _SIGNING_DENIED.search(text, before, cue[0]):
        takes_over = {Status.PROPOSED, Status.NEGOTIATING, Status.PLANNED}
        phrases = {h[0] for h in hits}
    elif status is Status.NEGOTIATING and _TALKS_BEHIND.search(text, before, cue[0]):
        takes_over, phrases = {Status.PLANNED, Status.SIGNED}, set()
    elif status is Status.PROPOSED and _TALKS_BEHIND.search(text, before, cue[0]):
        # "Since the Swedish proposal in May, the three have been negotiating"
        takes_over, phrases = {Status.NEGOTIATING, Status.PLANNED, Status.SIGNED}, set()
    else:
        takes_over, phrases = set(), set()
    later = next(cues, None)
    if later is None:
        return cue
    if STAGES[later[2]][1] in takes_over or later[0] in phrases:
        return later
    if _NOW_BEFORE.search(text, max(cue[3].end(), later[0] - 40), later[0]):
        return later  # "signed a treaty in February, and now they invite Argentina to join it"
    return cue


# A time to come before a signing told in the present ("Tomorrow the two presidents
# sign…"); the forms of that present.
_FUTURE_BEFORE = table_pattern("future_before")
_PRESENT_SIGNING = frozenset({"sign", "signs", "ink", "inks", "seal", "seals", "pen", "pens"})


# A chronology's entry: a line that opens with a date ("1954 – …", "Mar 2023: …", "• 27
# Mar 2021 – …"); a text with three or more is a chronology.
_ENTRY_DATE = re.compile(
    r"^[ \t]*(?:[•*-][ \t]*)?(?:\d{1,2}\s+)?(?:[A-Z][a-z]{2,8}\.?\s+)?"
    r"(?:1[89]|20)\d\ds?\s*[–:—-]\s",
    re.MULTILINE,
)


def _chronology(text: str) -> list[tuple[int, int]]:
    """The entries of a chronology, each to the end of its line; none when the text has
    fewer than three."""
    if "\n" not in text:
        return []
    starts = [m.start() for m in _ENTRY_DATE.finditer(text)]
    if len(starts) < 3:
        return []
    return [(s, e if (e := text.find("\n", s)) >= 0 else len(text)) for s in starts]


# "Peru, Chile to sign defence pact": a headline's infinitive tells of a plan, but only
# when names alone stand before it ("urged Peru and Chile to form…" is a proposal).
_HEADLINE_TO = "stage.planned.headline_to"
#: The stage cue of a modal alone ("could", "would"): a guess, no step.
MODAL_CUE = "stage.proposed.modal"
_LOWER_WORD = re.compile(r"\b(?!and\b)[a-z][\w'’-]*")
# "signed nothing", "signed no documents on arms or troops": the step denied.
_NOTHING_AFTER = re.compile(
    r"\s+(?:nothing\b|no\s+(?:[\w-]+\s+){0,2}?"
    r"(?:documents?|papers?|agreements?|deals?|accords?|pacts?|treat(?:y|ies))\b)"
)
_TERMS_CLAUSE = table_pattern("terms_clause")
_SIGNING_DENIED = table_pattern("signing_denied")
_NOW_BEFORE = table_pattern("now_before")
_TALKS_BEHIND = table_pattern("talks_behind")
_CLAUSE_BREAK = re.compile(r"[.;:!?]")


def _names_only(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds words, none of them in lower case but "and"."""
    return bool(text[start:end].strip()) and _LOWER_WORD.search(text, start, end) is None


def stage_cues(
    text: str, layout: Layout, start: int, end: int
) -> Iterator[tuple[int, re.Match[str]]]:
    """The stage cues from ``start`` (where a sentence begins) to ``end`` (index into
    STAGES, match), left to right, outside comparisons."""
    for index, m in layout.doc.finditer_set(STAGE_CUES, start, end):
        if layout.compares(m.start()):
            continue
        cue = STAGE_CUES.ids[index]
        if cue == _HEADLINE_TO and not _names_only(text, start, m.start()):
            continue
        if cue == MODAL_CUE and text[m.start()].isupper() and text[start : m.start()].strip():
            continue  # "Theresa May", "in May": a capital inside a sentence is no modal
        if _NOTHING_AFTER.match(text, m.end()):
            continue  # "the two leaders signed nothing", "signed no documents": no step
        yield index, m


def _in_terms(text: str, layout: Layout, start: int, pos: int) -> bool:
    """True when ``pos`` lies in a clause that states the pact's terms, opened in the last
    dozen words before it (lexicon table `terms_clause`) with no clause break between."""
    opened = list(layout.doc.finditer(_TERMS_CLAUSE, max(start, pos - 120), pos))
    return bool(opened) and _CLAUSE_BREAK.search(text, opened[-1].end(), pos) is None


#: The index into STAGES of each named group of ``_EXTRA``.
_INDEX = {status.value: i for i, (_, status) in enumerate(STAGES)}


#: "Peru has frozen its participation in the alliance", "Niger revoked a military accord":
#: read in the lead sentence only (elsewhere they are mostly background).
# "…the first since you tore up the 1952 military assistance deal": a change told after
# "since" dates the pact against an earlier one; it is no change of the pact.
_SINCE_BEFORE = table_pattern("since_before")
_LEAD_CHANGES = (
    (table_pattern("suspended_membership"), "a member suspends its part in the pact"),
    (table_pattern("changed_pact"), "the lead ends, suspends or updates the pact"),
)


def find_event(
    text: str, layout: Layout, lead: tuple[int, int], accession: Accession | None
) -> tuple[Event, Step]:
    if accession is not None:
        cue = accession.cue
        words = text[cue[0] : cue[1]] if cue else ""
        note = "a joining cue" if words else "the lead tells of joining"
        return Event.ACCESSION, Step("event", Event.ACCESSION.value, "event.accession", cue, note)
    for pattern, note in _LEAD_CHANGES:
        found = layout.doc.search(pattern, *lead)
        if found is not None and not _SINCE_BEFORE.search(
            text, max(0, found.start() - 40), found.start()
        ):
            return Event.AMENDMENT, Step(
                "event", Event.AMENDMENT.value, "event.amendment", found.span(), note
            )
    for m in layout.doc.finditer(AMENDMENT):
        if not layout.compares(m.start()) or m.group(0).lower().startswith("replac"):
            note = "an amendment cue"
            return Event.AMENDMENT, Step(
                "event", Event.AMENDMENT.value, "event.amendment", m.span(), note
            )
    return Event.NEW_PACT, Step(
        "event", Event.NEW_PACT.value, "event.new_pact", None, "no accession or amendment cue"
    )
