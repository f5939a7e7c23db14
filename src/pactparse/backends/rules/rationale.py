"""Rationale: why the parties make the pact, as short phrases copied from the text.

Two shapes: a goal verb after a purpose trigger ("aimed at countering China's
influence", "would help Ukraine defend itself…"), and a reason phrase with its
own cue ("in the face of…", "in response to…", "a response to…"). "amid…"
describes the background, not the parties' reason, and is left out. A goal right
after the pact noun that is itself a provision ("a pact to integrate their forces")
is a provision, not a rationale.
"""

from __future__ import annotations

import re

from .cues import (
    CAPABILITY,
    COMMITMENT,
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
#   [,;:]|(?<![A-Z])\.(?!\w)|\s+(?:while|…|though)\b|\s+[—–]\s+
# matches (the lookbehinds tell which alternative the first character opened).
_END = re.compile(
    r"[,;:.\s](?:(?<=[,;:])|(?<=\.)(?<![A-Z]\.)(?!\w)"
    r"|(?<=\s)\s*(?:while|whereas|but|which|where|as\s+(?!well)|amid|though)\b"
    r"|(?<=\s)\s*[—–]\s+)"
)
_LIST_ITEM = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)$")
_PACT_TO = table_pattern("pact_to")


def _phrase_end(text: str, start: int, limit: int) -> int:
    m = _END.search(text, start, limit)
    return m.start() if m else limit


def _is_provision(phrase: str) -> bool:
    return PROVISION_CUES.first(phrase) is not None


def find_rationale(text: str, layout: Layout, steps: list[Step] | None = None) -> list[str]:
    """The reason phrases; each one's cue is added to ``steps``."""
    spans: list[tuple[int, int, str]] = []
    for m in layout.doc.finditer(REASON):
        clause = layout.clause_of(m.start())
        if clause.compares(m.start()) or NEGATION.search(
            text, max(clause.start, m.start() - 25), m.start()
        ):
            continue
        end = _phrase_end(text, m.end(), layout.sentences[clause.sentence][1])
        # "citing the threat of piracy": a cue-only word is not part of the reason.
        start = m.end() + 1 if m.groupdict().get("cue_only") else m.start()
        spans.append((start, end, "rationale.reason"))
    for m in layout.doc.finditer(GOAL):
        clause = layout.clause_of(m.start())
        head = text[max(layout.sentences[clause.sentence][0], m.start() - 60) : m.start()]
        # In "a pact to integrate their forces, enhance support, and counter China",
        # the goals that are commitments are provisions, the rest is the rationale.
        in_pact_list = bool(_PACT_TO.search(head)) or (
            bool(_LIST_ITEM.search(head)) and _follows_pact_list(text, layout, m.start())
        )
        trigger = PURPOSE_TRIGGER.search(head)
        if (trigger is None and not in_pact_list) or clause.compares(m.start()):
            continue
        if CAPABILITY.search(head) or COMMITMENT.search(head) or NEGATION.search(head[-25:]):
            continue
        weak = m.group("weak") or m.group("weak2")
        if weak and not EXPLICIT_AIM.search(head):
            continue
        end = _phrase_end(text, m.end(), layout.sentences[clause.sentence][1])
        phrase = text[m.start() : end]
        if in_pact_list and _is_provision(phrase):
            continue
        spans.append((m.start(), end, "rationale.goal"))
    spans.sort()
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
}


def _follows_pact_list(text: str, layout: Layout, pos: int) -> bool:
    """True when ``pos`` continues a comma list opened by "<pact> to …"."""
    sentence = layout.sentences[layout.sentence_of(pos)]
    for noun in layout.doc.finditer(PACT_NOUN, sentence[0], pos):
        after = text[noun.end() : pos]
        if after.startswith(" to ") and "." not in after and after.count(",") <= 4:
            return True
    return False
