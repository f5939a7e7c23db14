"""Provisions: each commitment cue of the spec's taxonomy, with the words that state it.

A cue counts when its clause is about the pact: not negated ("no mutual defense
clause"), not a comparison ("similar agreements…"), and not about other actors
only ("where Russian troops remain stationed" names no party).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection, Sequence

from ...draft import DraftProvision
from ...normalize.actors import ActorMention
from ...schema import ProvisionCategory
from .cues import NEGATION, PROVISION_CUES, PROVISIONS, THREAT_CONTEXT, table_pattern
from .text import Clause, Layout
from .trace import Step

__all__ = ["clause_about_others", "find_provisions"]

# What _phrase trims: a joining word at the start, spaces and ".;," at the end. (As
# re.sub(r"^(?:and|…|with)\s+|[\s.;,]+$", re.I) would, without trying the pattern
# at every character.)
_LEADING_JOIN = re.compile(r"(?:and|or|as well as|while|but|also|with)\s+", re.I)
_TRAILING = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) + ".;,"


# Exercises that visiting troops come for ("…troops deploy to the other's territory for
# joint exercises") are what the access is for, not a commitment of their own ("…and
# hold larger joint exercises" is one).
_EXERCISES = "provision.military_cooperation.exercises"
_BASING = ProvisionCategory.BASING_ACCESS.value
# What a pact's name states by itself: a "Visiting Forces Agreement" or "Military Bases
# Agreement" grants access (40 of the 42 development records so named code it), where a
# "Defense Cooperation Agreement" names no commitment.
_NAMED_COMMITMENTS = frozenset({_BASING})
# An attack answered by consulting or by staying neutral is no mutual defence.
_MUTUAL = ProvisionCategory.MUTUAL_DEFENSE.value
_ANSWERED_OTHERWISE = table_pattern("attack_answered_otherwise")
_FOR = re.compile(r"\bfor\s+(?:[\w-]+\s+){0,2}$", re.I)

_LONG_CLAUSE = 80
_VERB_OPENER = re.compile(r".*\b(?:to|will|would|shall)\s+", re.I | re.S)


def _phrase(text: str, clause: Clause, cue: int) -> str:
    """The words that state the commitment: the clause, or in a long clause the verb
    phrase holding the cue ("…sign a new security pact to integrate their forces")."""
    start = clause.start
    if clause.end - clause.start > _LONG_CLAUSE:
        opener = _VERB_OPENER.match(text, clause.start, cue)
        if opener is not None:
            start = opener.end()
    phrase = text[start : clause.end]
    joined = _LEADING_JOIN.match(phrase)
    return (phrase[joined.end() :] if joined else phrase).rstrip(_TRAILING)


# What stands between "against" and the actor it targets ("patrols against fuel and drug
# smugglers"): up to three words.
_AGAINST = re.compile(r"\bagainst\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_AGAINST_REACH = 40
# A relative clause hanging on the actor just before it ("Russia, which keeps a base…").
_RELATIVE = re.compile(r"(?:which|whose|who)\b", re.I)
_RELATIVE_GAP = re.compile(r"\s*,?\s*")


def clause_about_others(
    text: str,
    clause: Clause,
    pos: int,
    mentions: Sequence[ActorMention],
    party_keys: Collection[str],
) -> bool:
    """True when the clause's actors before ``pos`` exist and none of them is a party.

    "…where Russian troops remain stationed" is about Russia's troops, not the pact;
    "…share missile warning data on North Korea" still is. A word that refers back
    ("The alliance would deepen…") may be the pact itself, so it does not count, nor
    the target of "against" ("patrols against drug smugglers and a joint intelligence
    centre"). A relative clause on a non-party ("…, and Russia, which keeps a base in
    Tajikistan") is about that actor.
    """
    keys = set()
    for m in mentions:
        if not clause.start <= m.start < pos or m.form == "context":
            continue
        if _AGAINST.search(text, max(clause.start, m.start - _AGAINST_REACH), m.start):
            continue
        keys.add(m.actor.key)
    if not keys and _RELATIVE.match(text, clause.start):
        keys = {
            m.actor.key
            for m in mentions
            if m.end <= clause.start
            and m.form != "context"
            and _RELATIVE_GAP.fullmatch(text, m.end, clause.start)
        }
    return bool(keys) and not (keys & set(party_keys))


def find_provisions(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    party_keys: Collection[str],
    name_span: tuple[int, int] | None = None,
    steps: list[Step] | None = None,
) -> list[DraftProvision]:
    """The commitments the text states; each one's cue is added to ``steps``."""
    found: list[DraftProvision] = []
    taken: set[tuple[str, int]] = set()
    for index, m in layout.doc.finditer_set(PROVISION_CUES):
        category, _, negatable = PROVISIONS[index]
        if (
            name_span is not None
            and name_span[0] <= m.start() < name_span[1]
            and category.value not in _NAMED_COMMITMENTS
        ):
            continue  # a name ("Defense Cooperation Agreement") is not a commitment
        clause = layout.clause_of(m.start())
        if clause.compares(m.start()) or clause_about_others(
            text, clause, m.start(), mentions, party_keys
        ):
            continue
        if layout.doc.search(THREAT_CONTEXT, clause.start, m.start()):
            continue
        if category.value == _MUTUAL and layout.doc.search(
            _ANSWERED_OTHERWISE, clause.start, m.start()
        ):
            continue  # "…will consult at once if either is attacked"
        if negatable and NEGATION.search(text, max(clause.start, m.start() - 45), m.start()):
            continue
        if (category.value, clause.start) in taken:
            continue
        if (
            PROVISION_CUES.ids[index] == _EXERCISES
            and (_BASING, clause.start) in taken
            and _FOR.search(text, max(clause.start, m.start() - 30), m.start())
        ):
            continue
        taken.add((category.value, clause.start))
        phrase = _phrase(text, clause, m.start())
        found.append(DraftProvision(category=category, text=phrase))
        if steps is not None:
            note = f'in "{phrase}"'
            steps.append(
                Step("provisions", category.value, f"provision.{category.value}", m.span(), note)
            )
    return found
