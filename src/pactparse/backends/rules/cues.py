"""The offline backend's cues, by the names the backend's modules use.

Every cue is a row of ``data/lexicon.toml`` (see :mod:`.lexicon` and docs/rules.md):
an id, what it decides, its pattern and an example sentence. This module only gives
the tables the names the backend reads: each ``…_CUES`` set reports the id of the cue
that fired (``CUE_SETS[name].first(text)`` → :class:`~.scan.CueHit`), and the plain
patterns match what all the rows of their table match together.

Each pattern is a general English cue for one decision (a stage of the pact, an
adversary, a purpose, a kind of commitment), not a phrase from any one summary.
"""

from __future__ import annotations

import re

from ...schema import ProvisionCategory as C
from ...schema import Status
from .lexicon import default_lexicon
from .scan import CueSet

__all__ = [
    "ACCESSION",
    "ADVERSARY",
    "AMENDMENT",
    "CAPABILITY",
    "COMMITMENT",
    "COMPARISON",
    "CUE_SETS",
    "EXPLICIT_AIM",
    "GOAL",
    "INCLUDE",
    "LEXICON",
    "LOCATION_PREPOSITIONS",
    "NEGATION",
    "PACT_NOUN",
    "PLEDGE",
    "PROVISIONS",
    "PROVISION_CUES",
    "PURPOSE_TRIGGER",
    "REASON",
    "STAGES",
    "STAGE_CUES",
    "STAGE_OF",
    "THREAT_CONTEXT",
    "TITLE_WORDS",
    "WARN_AGAINST",
    "grouped_pattern",
    "table_pattern",
]

LEXICON = default_lexicon()


def table_pattern(table: str) -> re.Pattern[str]:
    """What all the rows of lexicon table ``table`` match together (one compiled pattern)."""
    return LEXICON.table(table).pattern


_pattern = table_pattern


def grouped_pattern(table: str) -> re.Pattern[str]:
    """The rows of ``table`` as one pattern, in its template, with a named group for each
    decision (rows that decide the same thing are kept together, in their order):
    ``m.lastgroup`` says what the match decides."""
    t = LEXICON.table(table)
    decisions = dict.fromkeys(cue.decides for cue in t.rows)
    groups = "|".join(f"(?P<{d}>{_rows_deciding(table, d)})" for d in decisions)
    return re.compile(t.template.replace("{rows}", groups), t.pattern.flags)


def _rows_deciding(table: str, decides: str) -> str:
    """The rows of ``table`` that decide ``decides``, as one alternation (no template)."""
    return "|".join(c.source for c in LEXICON.table(table).rows if c.decides == decides)


#: The cue set of every table whose cues start at a word, by table name.
CUE_SETS: dict[str, CueSet] = {
    name: table.cues for name, table in LEXICON.tables.items() if table.cues is not None
}

PACT_NOUN = _pattern("pact_noun")

#: Stage cues, one per lexicon row, most specific first; the earliest match in the
#: lead sentence decides. ``STAGE_CUES`` indexes the same rows (same order).
STAGES: tuple[tuple[re.Pattern[str], Status], ...] = tuple(
    (cue.pattern, Status(cue.decides)) for cue in LEXICON.table("stage").rows
)
STAGE_CUES = CUE_SETS["stage"]


def _rows_of(table: str, decides: str) -> re.Pattern[str]:
    """What the rows of ``table`` that decide ``decides`` match together."""
    t = LEXICON.table(table)
    return re.compile(t.template.replace("{rows}", _rows_deciding(table, decides)), t.pattern.flags)


#: The stage cues of each status as one pattern: "does any cue of this status match?"
#: in one search.
STAGE_OF: dict[Status, re.Pattern[str]] = {s: _rows_of("stage", s.value) for s in Status}

#: "warned X against forming an alliance": X are the prospective parties.
WARN_AGAINST = _pattern("warn_against")
ACCESSION = _pattern("accession")
INCLUDE = _pattern("include")
#: "pledged not to use force", "promised to defend": a commitment made.
PLEDGE = _pattern("pledge")
AMENDMENT = _pattern("amendment")

#: Words that may stand between the members of an actor list ("Japanese Prime Minister
#: Fumio Kishida and British Prime Minister Rishi Sunak").
TITLE_WORDS = LEXICON.words("list_gap_word")
LOCATION_PREPOSITIONS = LEXICON.words("location_preposition")

NEGATION = _pattern("negation")
#: Cues after which the text names what the pact is aimed at.
ADVERSARY = _pattern("adversary")
#: Purpose triggers: the goal verb that follows says why the parties make the pact.
GOAL = _pattern("goal")
#: What may stand before a goal verb for it to state a purpose.
PURPOSE_TRIGGER = _pattern("purpose_trigger")
#: Triggers that state an explicit aim: only after these do "establish", "provide"
#: and "develop" state a reason rather than a commitment.
EXPLICIT_AIM = _pattern("explicit_aim")
#: "pledged to defend…", "committing them to assist…": a commitment, not a reason.
COMMITMENT = _pattern("commitment")
#: Where a clause starts speaking of another agreement ("similar to the one signed by…").
COMPARISON = _pattern("comparison")
#: Text after these, in the same clause, describes the threat, not a commitment.
THREAT_CONTEXT = _pattern("threat_context")
#: "ability to counter…" states a capability, not a reason.
CAPABILITY = _pattern("capability")
#: Reason phrases that carry their own cue and complement.
REASON = _pattern("reason")

#: Provision cues, one per lexicon row: (category, pattern, may it be negated?). A cue
#: whose pattern itself carries a negation ("not to provide any assistance to an
#: aggressor") is never dropped for being negated. ``PROVISION_CUES`` indexes the same
#: rows (same order).
PROVISIONS: tuple[tuple[C, re.Pattern[str], bool], ...] = tuple(
    (C(cue.decides), cue.pattern, cue.negatable) for cue in LEXICON.table("provision").rows
)
PROVISION_CUES = CUE_SETS["provision"]
