"""Rationale: why the parties make the pact, as short phrases copied from the text.

Three shapes: a goal verb after a purpose trigger ("aimed at countering China's
influence", "would help Ukraine defend itself…"); any verb after a lead that states
an explicit purpose ("meant to foster trust", "in an effort to close a gap", "the goal
is to…"); and a reason phrase with its own cue ("in the face of…", "in response to…",
"a response to…", "as a bulwark against…"). Coordinated purposes ("to deter raids and
to reassure investors") are two phrases; the second one is a purpose only when the
first one is ("pledged to patrol … and to share data" is a list of commitments).
"amid…" and "following…" describe the background, not the parties' reason, and are
left out. A goal right after the pact noun that is itself a provision ("a pact to
integrate their forces") is a provision, not a rationale; so is what a party would do
"under" the pact ("under which Peru would help patrol…").
"""

from __future__ import annotations

import re

from .cues import (
    CAPABILITY,
    COMMITMENT,
    CUE_SETS,
    EXPLICIT_AIM,
    GOAL,
    NEGATION,
    PACT_NOUN,
    PROVISION_CUES,
    PURPOSE_TRIGGER,
    REASON,
    table_pattern,
)
from .text import Layout
from .trace import Step

__all__ = ["find_rationale"]

# Where a phrase ends. Written to start with one character class so that ``re`` skips
# the other characters fast; it matches what
#   [;:]|,(?!(?<=\d,)\d)|(?<![A-Z])\.(?!\w)|\s+(?:while|…|though)\b|\s+[—–]\s+
# matches (the lookbehinds tell which alternative the first character opened); a comma
# between digits ("150,000 troops") ends nothing.
_END = re.compile(
    r"[,;:.\s](?:(?<=[;:])|(?<=,)(?<!\d,)|(?<=\d,)(?!\d)|(?<=\.)(?<![A-Z]\.)(?!\w)"
    r"|(?<=\s)\s*(?:while|whereas|but|which|where|as\s+(?!well)|amid|though)\b"
    r"|(?<=\s)\s*(?:and|or)\s+to\s+(?!(?:the|an?|its|their|his|her|our|this|that|these|those)\b)[a-z]"
    r"|(?<=\s)\s*and\s+(?:would|will|could|can|may|might|must|should|was|were|is|are|has|have|had"
    r"|said|says|announced|added|warned)\b"
    r"|(?<=\s)\s*[—–]\s+)"
)
# "aimed at no one", "directed against no third country": a reason denied.
_NO_ONE = re.compile(
    r"\s*(?:no\s+one|nobody|none|no\s+(?:third\s+)?(?:country|countries|state|party|nation)s?)\b",
    re.I,
)
_LIST_ITEM = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)$")
_PACT_TO = table_pattern("pact_to")
_PURPOSE_LEADS = CUE_SETS["purpose_lead"]
# "… and to reassure investors": matched right where a purpose ends.
_PURPOSE_CONJUNCT = table_pattern("purpose_conjunct")
# The nearest "to <word>" before a conjunct: the first purpose of the list.
_TO_WORD = re.compile(r"\bto\s+([a-z][\w'’-]*)")
# The word after a purpose lead: a verb in its base or -ing form, lower-case. A word in
# -s ("interests", not "address") or with a noun's ending ("security") is no verb.
_WORD = re.compile(r"[\w'’-]+")
_NOT_A_VERB = re.compile(r"(?:[^su]s|tion|sion|ty|ism|ship|cy|['’]s)$")


def _phrase_end(text: str, start: int, limit: int) -> int:
    m = _END.search(text, start, limit)
    return m.start() if m else limit


def _is_provision(phrase: str) -> bool:
    return PROVISION_CUES.first(phrase) is not None


def _verb_at(text: str, pos: int) -> bool:
    """True when the word at ``pos`` may be the verb of a purpose ("foster", "closing")."""
    m = _WORD.match(text, pos)
    return m is not None and text[pos].islower() and not _NOT_A_VERB.search(m.group())


def _commitment_before(text: str, sentence_start: int, pos: int) -> bool:
    """True when the text of the sentence before ``pos`` ends in a commitment, a request,
    a right or the terms of the pact ("pledged to", "urged Chile to", "under which")."""
    # Only "under which … would" reaches further back than a few words: the whole
    # sentence is read when it holds "under".
    start = (
        sentence_start
        if "under" in text[sentence_start:pos].lower()
        else max(sentence_start, pos - 80)
    )
    return COMMITMENT.search(text[start:pos]) is not None


def _conjunct_before(text: str, sentence_start: int, pos: int) -> int | None:
    """Where a "… and to" that ends right at ``pos`` starts (the verb of a second,
    coordinated purpose stands at ``pos``), or None."""
    floor = max(sentence_start, pos - 40)
    for m in _PURPOSE_CONJUNCT.finditer(text, floor, pos):
        if m.end() == pos:
            return m.start()
    return None


def _in_commitment_list(text: str, sentence_start: int, conjunct: int) -> bool:
    """True when the conjunct at ``conjunct`` ("… and to share data") continues a list
    of commitments: the nearest "to <verb>" before it follows a commitment."""
    for m in reversed(list(_TO_WORD.finditer(text, sentence_start, conjunct))):
        if _verb_at(text, m.start(1)):
            return _commitment_before(text, sentence_start, m.start(1))
    return False


def _cue_end(m: re.Match[str]) -> int | None:
    """Where the words of a cue that are not part of the reason end ("citing ")."""
    ends = [
        m.end(name)
        for name, value in m.groupdict().items()
        if value is not None and name.startswith("cue_only")
    ]
    return max(ends) if ends else None


def find_rationale(text: str, layout: Layout, steps: list[Step] | None = None) -> list[str]:
    """The reason phrases; each one's cue is added to ``steps``."""
    spans: list[tuple[int, int, str]] = []
    for m in layout.doc.finditer(REASON):
        clause = layout.clause_of(m.start())
        if (
            clause.compares(m.start())
            or layout.asks(clause.sentence)
            or NEGATION.search(text, max(clause.start, m.start() - 25), m.start())
        ):
            continue
        if _NO_ONE.match(text, m.end()):
            continue  # "aimed at no one"
        end = _phrase_end(text, m.end(), layout.sentences[clause.sentence][1])
        if m.groupdict().get("names_who") and text[m.end() : end].islower():
            continue  # "worried about bus cuts": a worry that names no one is no reason
        # "citing the threat of piracy": a cue-only word is not part of the reason.
        cue_end = _cue_end(m)
        start = m.start() if cue_end is None else len(text) - len(text[cue_end:].lstrip())
        spans.append((start, end, "rationale.reason"))
    for m in layout.doc.finditer(GOAL):
        clause = layout.clause_of(m.start())
        sentence_start = layout.sentences[clause.sentence][0]
        head = text[max(sentence_start, m.start() - 60) : m.start()]
        # In "a pact to integrate their forces, enhance support, and counter China",
        # the goals that are commitments are provisions, the rest is the rationale.
        in_pact_list = bool(_PACT_TO.search(head)) or (
            bool(_LIST_ITEM.search(head)) and _follows_pact_list(text, layout, m.start())
        )
        trigger = PURPOSE_TRIGGER.search(head)
        if (
            (trigger is None and not in_pact_list)
            or clause.compares(m.start())
            or layout.asks(clause.sentence)
        ):
            continue
        if (
            CAPABILITY.search(head)
            or _commitment_before(text, sentence_start, m.start())
            or NEGATION.search(head[-25:])
        ):
            continue
        conjunct = _conjunct_before(text, sentence_start, m.start())
        if conjunct is not None and _in_commitment_list(text, sentence_start, conjunct):
            continue
        weak = m.group("weak") or m.group("weak2")
        if weak and not EXPLICIT_AIM.search(head):
            continue
        end = _phrase_end(text, m.end(), layout.sentences[clause.sentence][1])
        phrase = text[m.start() : end]
        if in_pact_list and _is_provision(phrase):
            continue
        spans.append((m.start(), end, "rationale.goal"))
    spans.extend(_open_purposes(text, layout, spans))
    spans.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int, str]] = []
    for s, e, rule in spans:
        if e - s < 4 or any(ks <= s < ke for ks, ke, _ in kept):
            continue
        kept.append((s, e, rule))
    if steps is not None:
        for s, e, rule in kept:
            note = _RULE_NOTES[rule]
            steps.append(
                Step("rationale", text[s:e].strip(), rule, (s, s + len(text[s:e].strip())), note)
            )
    return [text[s:e].strip() for s, e, _ in kept]


_RULE_NOTES = {
    "rationale.reason": 'a reason phrase with its own cue ("in response to", "aimed at")',
    "rationale.goal": 'a goal verb after a purpose trigger ("to", "aimed at", "would")',
    "rationale.purpose": 'the verb after an explicit purpose ("meant to", "in an effort to")',
    "rationale.conjunct": 'a second purpose after a first one ("… and to reassure investors")',
}


def _open_purposes(
    text: str, layout: Layout, found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The phrases after explicit purpose leads, whatever their verb, and the purposes
    coordinated with a phrase found before ("… and to reassure investors")."""
    out: list[tuple[int, int, str]] = []
    for hit in _PURPOSE_LEADS.hits(layout.doc):
        start = hit.end
        if not _verb_at(text, start):
            continue
        clause = layout.clause_of(hit.start)
        sentence_start, sentence_end = layout.sentences[clause.sentence]
        if clause.compares(hit.start) or NEGATION.search(
            text, max(clause.start, hit.start - 25), hit.start
        ):
            continue
        if _commitment_before(text, sentence_start, hit.start):
            continue
        out.append((start, _phrase_end(text, start, sentence_end), "rationale.purpose"))
    # Only right after a purpose is "… and to <verb>" a purpose too (and so on).
    pending = sorted({e for _, e, _ in found + out})
    while pending:
        conjunct = _PURPOSE_CONJUNCT.match(text, pending.pop(0))
        if conjunct is None or not _verb_at(text, conjunct.end()):
            continue
        start = conjunct.end()
        end = _phrase_end(text, start, layout.sentences[layout.sentence_of(start)][1])
        out.append((start, end, "rationale.conjunct"))
        pending.append(end)
    return out


def _follows_pact_list(text: str, layout: Layout, pos: int) -> bool:
    """True when ``pos`` continues a comma list opened by "<pact> to …"."""
    sentence = layout.sentences[layout.sentence_of(pos)]
    for noun in layout.doc.finditer(PACT_NOUN, sentence[0], pos):
        after = text[noun.end() : pos]
        if after.startswith(" to ") and "." not in after and after.count(",") <= 4:
            return True
    return False
