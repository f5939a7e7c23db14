"""The offline backend's lexicon as data: ``data/lexicon.toml``, loaded and compiled once.

The file has named **vocabularies** (word lists written once) and **tables** of cues.
A table has a ``template`` (a regular expression with ``{rows}`` where its rows go), a
``scope`` and rows; each row is one cue::

    { id = "stage.planned.set_to", decides = "planned", pattern = '…', example = "…" }

* ``id`` starts with the table's name and is unique in the lexicon: it names the cue
  in a decision trace (``CueHit.id``).
* ``decides`` is what the cue decides: a status, a provision category, "adversary",
  "goal", "reason", "negation", …
* ``pattern`` is one alternative of the table (several variants of one idea may be
  joined by ``|``); ``{name}`` stands for the vocabulary ``name`` as one alternation.
* ``example`` is an invented sentence on which this cue is the first of its table to
  fire (tests/test_lexicon.py checks every one).
* ``negatable`` (provisions only, default true): may a negation before it cancel it?

A table compiles to one pattern (its template with all its rows joined by ``|``, in
order, so at one position the earlier row wins) and, for ``scope = "word"`` tables
(cues that start at a word), to a :class:`~.scan.CueSet` of its rows that reports the
id of the cue that fired. ``scope = "before"`` tables are matched at the end of the
text before another cue (their template ends with ``$``); ``scope = "text"`` tables are
searched anywhere (their first cue: the earliest match, then the earlier row). A table
with ``case_sensitive = true`` keeps the case of its patterns (default: ignored).

A malformed lexicon (a row without an example, a duplicate id, an unknown vocabulary,
a pattern that does not compile) raises :class:`LexiconError` when it is loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from .scan import CueHit, CueSet

__all__ = ["Cue", "Lexicon", "LexiconError", "Table", "default_lexicon", "load_lexicon"]

_REFERENCE = re.compile(r"\{([a-z_]+)\}")
_ROW_KEYS = frozenset({"id", "decides", "pattern", "example", "negatable"})
_TABLE_KEYS = frozenset({"doc", "template", "scope", "rows", "case_sensitive"})
_SCOPES = ("word", "before", "text")


class LexiconError(ValueError):
    """The lexicon data is malformed (a bug in the data, reported when it is loaded)."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of a table: its own compiled pattern (the table's template around it)."""

    id: str
    decides: str
    pattern: re.Pattern[str]
    example: str
    negatable: bool = True
    #: The row's own pattern, vocabularies expanded, without the template.
    source: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    doc: str
    scope: str
    rows: tuple[Cue, ...]
    #: The template with every row, in order: what the table matches as one pattern.
    pattern: re.Pattern[str]
    #: The rows indexed for scanning (``scope = "word"`` tables), else None.
    cues: CueSet | None
    #: The template, vocabularies expanded, with ``{rows}`` where the rows go.
    template: str = "{rows}"

    def first(self, text: str) -> CueHit | None:
        """The first cue of the table that fires in ``text`` (earliest; then row order).

        For a ``before`` table: the first word start ``p`` such that a row matches at the
        end of ``text[:p]``.
        """
        if self.cues is not None:
            return self.cues.first(text)
        if self.scope == "text":
            found = [
                (m.start(), i, m) for i, c in enumerate(self.rows) if (m := c.pattern.search(text))
            ]
            if not found:
                return None
            _, index, m = min(found, key=lambda f: f[:2])
            cue = self.rows[index]
            return CueHit(cue.id, cue.decides, m.start(), m.end(), -1, m)
        for start in [m.start() for m in re.finditer(r"\b\w", text)] + [len(text)]:
            head = text[:start]
            for cue in self.rows:
                m = cue.pattern.search(head)
                if m is not None:
                    return CueHit(cue.id, cue.decides, m.start(), m.end(), -1, m)
        return None


@dataclass(frozen=True, slots=True)
class Lexicon:
    vocabularies: Mapping[str, tuple[str, ...]]
    tables: Mapping[str, Table]

    def table(self, name: str) -> Table:
        return self.tables[name]

    def words(self, vocabulary: str) -> frozenset[str]:
        """A vocabulary of plain words, as a set."""
        return frozenset(self.vocabularies[vocabulary])

    def cue(self, cue_id: str) -> Cue:
        table = self.tables[cue_id.split(".", 1)[0]]
        return next(c for c in table.rows if c.id == cue_id)


def _expand(
    text: str,
    vocabularies: Mapping[str, tuple[str, ...]],
    where: str,
    within: tuple[str, ...] = (),
) -> str:
    """``text`` with each ``{name}`` replaced by its vocabulary's entries as one
    alternation; an entry may itself refer to another vocabulary (not to one it is in)."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "rows":
            return m.group(0)
        if name not in vocabularies:
            raise LexiconError(f"lexicon: {where} refers to unknown vocabulary {{{name}}}")
        if name in within:
            raise LexiconError(f"lexicon: vocabulary {{{name}}} refers to itself")
        entries = (_expand(e, vocabularies, where, (*within, name)) for e in vocabularies[name])
        return "(?:" + "|".join(entries) + ")"

    return _REFERENCE.sub(one, text)


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"lexicon: {where} must be a non-empty string")
    return value


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise LexiconError(f"lexicon: {where} does not compile: {exc}") from None


def _vocabularies(data: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(data, Mapping):
        raise LexiconError("lexicon: vocabularies must be a table of word lists")
    out: dict[str, tuple[str, ...]] = {}
    for name, words in data.items():
        if not _REFERENCE.fullmatch("{" + name + "}") or name == "rows":
            raise LexiconError(f"lexicon: vocabulary name {name!r} must be lower_case")
        if not isinstance(words, list) or not words:
            raise LexiconError(f"lexicon: vocabulary {name} must be a non-empty list")
        entries = tuple(_string(w, f"vocabulary {name}") for w in words)
        if len(set(entries)) < len(entries):
            raise LexiconError(f"lexicon: vocabulary {name} lists a word twice")
        out[name] = entries
    return out


def _table(
    name: str, data: Any, vocabularies: Mapping[str, tuple[str, ...]], seen: set[str]
) -> Table:
    where = f"table {name}"
    if not isinstance(data, Mapping) or set(data) - _TABLE_KEYS:
        raise LexiconError(f"lexicon: {where} may only have the keys {sorted(_TABLE_KEYS)}")
    template = _expand(_string(data.get("template"), f"{where}.template"), vocabularies, where)
    if template.count("{rows}") != 1:
        raise LexiconError(f"lexicon: {where}.template must hold {{rows}} once")
    scope = data.get("scope", "word")
    if scope not in _SCOPES:
        raise LexiconError(f"lexicon: {where}.scope must be one of {_SCOPES}")
    case_sensitive = data.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise LexiconError(f"lexicon: {where}.case_sensitive must be true or false")
    flags = 0 if case_sensitive else re.IGNORECASE
    rows = data.get("rows")
    if not isinstance(rows, list) or not rows:
        raise LexiconError(f"lexicon: {where} has no rows")
    cues: list[Cue] = []
    sources: list[str] = []
    for index, row in enumerate(rows):
        at = f"{where} row {index + 1}"
        if not isinstance(row, Mapping):
            raise LexiconError(f"lexicon: {at} must be a table")
        if extra := set(row) - _ROW_KEYS:
            raise LexiconError(f"lexicon: {at} has unknown keys {sorted(extra)}")
        cue_id = _string(row.get("id"), f"{at}.id")
        at = f"{where} cue {cue_id}"
        if not cue_id.startswith(name + "."):
            raise LexiconError(f"lexicon: {at}: an id starts with its table's name")
        if cue_id in seen:
            raise LexiconError(f"lexicon: duplicate cue id {cue_id}")
        seen.add(cue_id)
        source = _expand(_string(row.get("pattern"), f"{at}.pattern"), vocabularies, at)
        if "{rows}" in source:
            raise LexiconError(f"lexicon: {at}.pattern may not hold {{rows}}")
        negatable = row.get("negatable", True)
        if not isinstance(negatable, bool):
            raise LexiconError(f"lexicon: {at}.negatable must be true or false")
        cue = Cue(
            id=cue_id,
            decides=_string(row.get("decides"), f"{at}.decides"),
            pattern=_compile(template.replace("{rows}", source), f"{at}.pattern", flags),
            example=_string(row.get("example"), f"{at}.example"),
            negatable=negatable,
            source=source,
        )
        cues.append(cue)
        sources.append(source)
    combined = _compile(template.replace("{rows}", "|".join(sources)), where, flags)
    cue_set = None
    if scope == "word":
        cue_set = CueSet(
            [c.pattern for c in cues], ids=[c.id for c in cues], decides=[c.decides for c in cues]
        )
    doc = data.get("doc", "")
    return Table(
        name, doc if isinstance(doc, str) else "", scope, tuple(cues), combined, cue_set, template
    )


def load_lexicon(data: Mapping[str, Any]) -> Lexicon:
    """A lexicon from its parsed data (the TOML file's content), checked and compiled."""
    if set(data) - {"vocabularies", "tables"}:
        raise LexiconError("lexicon: the top level has only vocabularies and tables")
    vocabularies = _vocabularies(data.get("vocabularies", {}))
    tables_data = data.get("tables")
    if not isinstance(tables_data, Mapping) or not tables_data:
        raise LexiconError("lexicon: no tables")
    seen: set[str] = set()
    tables = {name: _table(name, t, vocabularies, seen) for name, t in tables_data.items()}
    return Lexicon(vocabularies, tables)


@cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon (``data/lexicon.toml``), loaded and compiled once."""
    resource = files("pactparse.backends.rules") / "data" / "lexicon.toml"
    return load_lexicon(tomllib.loads(resource.read_text(encoding="utf-8")))
