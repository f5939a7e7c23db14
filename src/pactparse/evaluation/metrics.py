"""The spec's scoring: predicted :class:`~pactparse.schema.Pact` records against gold.

Every metric is micro-averaged over a file: true positives, false positives and false
negatives (or correct answers) are summed over the records, then divided once.

Matching, per record:

``parties``
    predicted actor keys (:attr:`Actor.key <pactparse.schema.Actor.key>`: the code,
    else the lower-cased name) against the gold codes, as sets.
``adversaries``
    the same, and then a predicted actor without a code matches a gold non-state name
    (a gold string that is not an all-caps code, e.g. ``"islamist insurgents"``) when
    either one's tokens contain the other's head word (its last token):
    "islamist insurgents" matches "islamic insurgents" through "insurgents". The predicted
    actor's ``mention`` is tried as well as its name: the gold writes the text's words
    ("daesh"), the record the canonical name ("islamic state", mention "Daesh"). One-to-one.
``provisions``
    predicted category set against gold category set.
``date_hints``
    a predicted hint matches a gold hint when the multiset intersection of their tokens
    is at least half the token count of the shorter one (and not empty). Matching is
    one-to-one, greedy, the pair with the most shared tokens first.
``rationale``
    a predicted phrase matches a gold phrase when they share at least half the content
    words of the shorter one (tokens minus :data:`STOP_WORDS`; at least one shared),
    one-to-one, greedy as for date hints. No stemming: "counter" and "countering" differ.
``status``, ``event``
    accuracy, exact.
``name``
    accuracy, case-insensitive exact (surrounding whitespace ignored); null = null is
    correct.
``exact_parties``
    share of records whose predicted party set equals the gold set.

Tokens are the runs of letters and digits of the text after removing accents and a
possessive ``'s`` and casefolding: "the war's second anniversary" → ``the war second
anniversary``; "U.S." → ``u s``.

A ``None`` prediction (the extraction failed) misses every gold item and gets status,
event, name and the party set wrong; so does a no-record answer
(:class:`~pactparse.errors.NoRecord`) on a text that holds a pact.

Beyond the fields (the spec's "How sure a record is" and "When the text holds no pact"):

``review`` precision and coverage
    coverage: the share of pact texts whose record has an empty ``review``; precision:
    among those, the share whose party set is exactly right and whose status is right.
    A failed or no-record answer has no record, so it is never "clean".
``no_pact``
    on texts with ``"gold": null``: the share answered NoPactFound or
    UnsupportedLanguage. Such texts count in no field score.
``false_no_pact``
    on texts that hold a pact: the share wrongly answered NoPactFound, or
    UnsupportedLanguage for an English text.
``unsupported``
    on pact texts in another language (gold ``language`` not English): the share
    answered UnsupportedLanguage. Those are the backend's honest refusals: they count
    in no field score (a backend that reads the language is scored on them as usual).

Zero division: precision with nothing predicted, or recall with nothing in gold, is
0.0 — except when a field has nothing predicted *and* nothing in gold over the whole
file (tp = fp = fn = 0), where P, R and F1 are 1.0: there was nothing to find and
nothing was invented. Accuracies over zero records are 0.0.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import NoRecord, UnsupportedLanguage
from ..schema import Actor, Pact
from .gold import GoldAnnotation, GoldRecord

__all__ = [
    "PRF",
    "STOP_WORDS",
    "FieldMiss",
    "Outcome",
    "Rate",
    "Scores",
    "combine",
    "content_words",
    "record_misses",
    "score",
    "tokens",
]

_STOP_WORDS_TEXT = """
    a an the and or but nor so yet if then than as
    of in on at to for from by with without within into onto upon about above below
    over under between among through during before after since until till via per
    against toward towards across around along amid amidst beyond behind near off out up down
    i me my mine we us our ours you your yours he him his she her hers it its
    they them their theirs this that these those who whom whose which what
    there here where when why how all any both each either neither few more most
    other some such no not only own same very too also just can could will would
    shall should may might must do does did doing done be is am are was were been being
    have has had having s t d ll m re ve
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())
"""English function words ignored when comparing rationale phrases.

Articles, conjunctions, prepositions, pronouns, determiners, auxiliary and modal verbs
and the fragments left by contractions ("don't" → ``don t``). Content words such as
"counter", "influence", "threat" and "security" are kept.
"""

_POSSESSIVE = re.compile(r"['’]s\b")
_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Accent-free, casefolded words of ``text``, possessive ``'s`` removed."""
    decomposed = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(plain.casefold())


def content_words(text: str) -> list[str]:
    """The tokens of ``text`` that are not :data:`STOP_WORDS`."""
    return [t for t in tokens(text) if t not in STOP_WORDS]


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts for one list field; precision, recall and F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def _empty(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def p(self) -> float:
        if self._empty:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        if self._empty:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_json(self) -> dict[str, float]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class Rate:
    """``hits`` out of ``total``."""

    hits: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.hits + other.hits, self.total + other.total)

    def to_json(self) -> dict[str, float | int]:
        return {"rate": round(self.rate, 4), "hits": self.hits, "total": self.total}


#: What a backend answered for one text: a record, an honest no-record answer, or None
#: when the extraction failed.
Outcome = Pact | NoRecord | None


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores of one file (or several, added together: counts add, so it stays micro)."""

    parties: PRF = field(default_factory=PRF)
    adversaries: PRF = field(default_factory=PRF)
    provisions: PRF = field(default_factory=PRF)
    date_hints: PRF = field(default_factory=PRF)
    rationale: PRF = field(default_factory=PRF)
    status_correct: int = 0
    event_correct: int = 0
    name_correct: int = 0
    exact_parties_correct: int = 0
    n: int = 0
    #: Pact texts whose record has an empty review (hits: of those, right parties and status).
    review_clean: Rate = field(default_factory=Rate)
    no_pact: Rate = field(default_factory=Rate)
    false_no_pact: Rate = field(default_factory=Rate)
    unsupported: Rate = field(default_factory=Rate)

    @property
    def review_precision(self) -> float:
        return self.review_clean.rate

    @property
    def review_coverage(self) -> float:
        return self.review_clean.total / self.n if self.n else 0.0

    def _share(self, correct: int) -> float:
        return correct / self.n if self.n else 0.0

    @property
    def status(self) -> float:
        return self._share(self.status_correct)

    @property
    def event(self) -> float:
        return self._share(self.event_correct)

    @property
    def name(self) -> float:
        return self._share(self.name_correct)

    @property
    def exact_parties(self) -> float:
        return self._share(self.exact_parties_correct)

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            parties=self.parties + other.parties,
            adversaries=self.adversaries + other.adversaries,
            provisions=self.provisions + other.provisions,
            date_hints=self.date_hints + other.date_hints,
            rationale=self.rationale + other.rationale,
            status_correct=self.status_correct + other.status_correct,
            event_correct=self.event_correct + other.event_correct,
            name_correct=self.name_correct + other.name_correct,
            exact_parties_correct=self.exact_parties_correct + other.exact_parties_correct,
            n=self.n + other.n,
            review_clean=self.review_clean + other.review_clean,
            no_pact=self.no_pact + other.no_pact,
            false_no_pact=self.false_no_pact + other.false_no_pact,
            unsupported=self.unsupported + other.unsupported,
        )

    def to_json(self) -> dict[str, Any]:
        """The scores as the spec's JSON object, floats rounded to 4 decimals."""
        return {
            "parties": self.parties.to_json(),
            "adversaries": self.adversaries.to_json(),
            "provisions": self.provisions.to_json(),
            "date_hints": self.date_hints.to_json(),
            "rationale": self.rationale.to_json(),
            "status": round(self.status, 4),
            "event": round(self.event, 4),
            "name": round(self.name, 4),
            "exact_parties": round(self.exact_parties, 4),
            "n": self.n,
            "review": {
                "precision": round(self.review_precision, 4),
                "coverage": round(self.review_coverage, 4),
                "clean": self.review_clean.total,
                "clean_correct": self.review_clean.hits,
            },
            "no_pact": self.no_pact.to_json(),
            "false_no_pact": self.false_no_pact.to_json(),
            "unsupported": self.unsupported.to_json(),
        }


def combine(*scores: Scores) -> Scores:
    """Micro-combined scores of several files (e.g. seeds + dev)."""
    total = Scores()
    for s in scores:
        total = total + s
    return total


@dataclass(frozen=True, slots=True)
class FieldMiss:
    """What one record got wrong in one field.

    List fields fill ``missing`` (gold items not found) and ``extra`` (predicted items
    not in gold); scalar fields (``status``, ``event``, ``name``) fill ``expected`` and
    ``got`` (``None`` is null). Field ``record`` means the extraction produced no record.
    """

    field: str
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    expected: str | None = None
    got: str | None = None


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class _Match:
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    tp: int

    @property
    def prf(self) -> PRF:
        return PRF(self.tp, len(self.extra), len(self.missing))

    @property
    def exact(self) -> bool:
        return not self.missing and not self.extra


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _match_sets(gold: Iterable[str], pred: Iterable[str]) -> _Match:
    g, p = _unique(gold), _unique(pred)
    gs, ps = set(g), set(p)
    return _Match(
        missing=tuple(x for x in g if x not in ps),
        extra=tuple(x for x in p if x not in gs),
        tp=len(gs & ps),
    )


def _is_code(gold_actor: str) -> bool:
    return gold_actor.isupper()


def _head_word_match(a: str, b: str) -> bool:
    ta, tb = tokens(a), tokens(b)
    return bool(ta and tb) and (ta[-1] in tb or tb[-1] in ta)


def _match_adversaries(gold: Sequence[str], pred: Sequence[Actor]) -> _Match:
    gold_keys = _unique(g if _is_code(g) else g.lower() for g in gold)
    pred_keys = _unique(a.key for a in pred)
    # An uncoded actor is matched by its name or by the text's words for it: the gold
    # writes what the text says ("daesh"), the record the canonical name ("islamic state").
    uncoded = {a.key: (a.key, a.mention) for a in pred if a.code is None}

    missing = [g for g in gold_keys if g not in pred_keys]
    extra = [p for p in pred_keys if p not in gold_keys]
    tp = len(gold_keys) - len(missing)
    for p in list(extra):
        if p not in uncoded:
            continue
        for g in missing:
            if not _is_code(g) and any(_head_word_match(w, g) for w in uncoded[p]):
                missing.remove(g)
                extra.remove(p)
                tp += 1
                break
    return _Match(tuple(missing), tuple(extra), tp)


def _overlap_match(
    gold: Sequence[str], pred: Sequence[str], words: Callable[[str], list[str]]
) -> _Match:
    """One-to-one greedy matching: a pair matches when it shares at least half the
    words of the shorter side; pairs sharing the most words are matched first."""
    gold_words = [Counter(words(g)) for g in gold]
    pred_words = [Counter(words(p)) for p in pred]
    pairs: list[tuple[int, float, int, int]] = []
    for gi, gw in enumerate(gold_words):
        for pi, pw in enumerate(pred_words):
            shared = (gw & pw).total()
            g_len, p_len = gw.total(), pw.total()
            if shared and 2 * shared >= min(g_len, p_len):
                pairs.append((-shared, -shared / max(g_len, p_len), gi, pi))
    pairs.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
    return _Match(
        missing=tuple(g for i, g in enumerate(gold) if i not in used_gold),
        extra=tuple(p for i, p in enumerate(pred) if i not in used_pred),
        tp=len(used_gold),
    )


def _same_name(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return gold.strip().casefold() == pred.strip().casefold()


@dataclass(frozen=True, slots=True)
class _Comparison:
    parties: _Match
    adversaries: _Match
    provisions: _Match
    date_hints: _Match
    rationale: _Match
    status_ok: bool
    event_ok: bool
    name_ok: bool
    exact_parties: bool


def _compare(gold: GoldAnnotation, pred: Pact | None) -> _Comparison:
    if pred is None:
        return _Comparison(
            parties=_match_sets(gold.parties, ()),
            adversaries=_match_adversaries(gold.adversaries, ()),
            provisions=_match_sets((c.value for c in gold.provisions), ()),
            date_hints=_overlap_match(gold.date_hints, (), tokens),
            rationale=_overlap_match(gold.rationale, (), content_words),
            status_ok=False,
            event_ok=False,
            name_ok=False,
            exact_parties=False,
        )
    parties = _match_sets(gold.parties, (a.key for a in pred.parties))
    return _Comparison(
        parties=parties,
        adversaries=_match_adversaries(gold.adversaries, pred.adversaries),
        provisions=_match_sets(
            (c.value for c in gold.provisions), (p.category.value for p in pred.provisions)
        ),
        date_hints=_overlap_match(gold.date_hints, [d.text for d in pred.date_hints], tokens),
        rationale=_overlap_match(gold.rationale, [r.text for r in pred.rationale], content_words),
        status_ok=gold.status == pred.status,
        event_ok=gold.event == pred.event,
        name_ok=_same_name(gold.name, pred.name),
        exact_parties=parties.exact,
    )


# --------------------------------------------------------------------------- public API


def score(golds: Sequence[GoldAnnotation | GoldRecord], preds: Sequence[Outcome]) -> Scores:
    """Micro-averaged scores of ``preds`` against ``golds``, paired by position.

    ``golds`` are annotations (pact texts in English) or whole gold records (which may
    be no-pact texts, ``gold`` None, or in another language). ``None`` in ``preds`` is
    a failed extraction; a :class:`~pactparse.errors.NoRecord` an honest no-record
    answer. Raises :class:`ValueError` when the two sequences differ in length.
    """
    if len(golds) != len(preds):
        raise ValueError(f"{len(golds)} gold annotations but {len(preds)} predictions")
    total = Scores()
    for item, pred in zip(golds, preds, strict=True):
        total = total + _score_one(item, pred)
    return total


def _score_one(item: GoldAnnotation | GoldRecord, pred: Outcome) -> Scores:
    gold, english = (item.gold, item.english) if isinstance(item, GoldRecord) else (item, True)
    refused = isinstance(pred, NoRecord)
    if gold is None:
        return Scores(no_pact=Rate(int(refused), 1))
    if not english:
        if isinstance(pred, UnsupportedLanguage):
            return Scores(unsupported=Rate(1, 1))
        unsupported = Rate(0, 1)
    else:
        unsupported = Rate()
    false_no_pact = Rate(int(refused), 1)
    pact = pred if isinstance(pred, Pact) else None
    c = _compare(gold, pact)
    clean = pact is not None and not pact.review
    return Scores(
        parties=c.parties.prf,
        adversaries=c.adversaries.prf,
        provisions=c.provisions.prf,
        date_hints=c.date_hints.prf,
        rationale=c.rationale.prf,
        status_correct=int(c.status_ok),
        event_correct=int(c.event_ok),
        name_correct=int(c.name_ok),
        exact_parties_correct=int(c.exact_parties),
        n=1,
        review_clean=Rate(int(clean and c.exact_parties and c.status_ok), int(clean)),
        false_no_pact=false_no_pact,
        unsupported=unsupported,
    )


def _describe_outcome(pred: Outcome) -> str:
    if isinstance(pred, Pact):
        return "a pact record"
    if isinstance(pred, NoRecord):
        return f"no record ({type(pred).__name__}: {pred})"
    return "none (the extraction failed)"


def record_misses(item: GoldAnnotation | GoldRecord, pred: Outcome) -> list[FieldMiss]:
    """Everything ``pred`` got wrong against ``item``, field by field (empty when right).

    Uses the same matching as :func:`score`, so a miss here is a point lost there.
    """
    gold, english = (item.gold, item.english) if isinstance(item, GoldRecord) else (item, True)
    if gold is None:
        if isinstance(pred, NoRecord):
            return []
        return [FieldMiss("record", expected="NoPactFound", got=_describe_outcome(pred))]
    if not english and isinstance(pred, UnsupportedLanguage):
        return []
    pact = pred if isinstance(pred, Pact) else None
    c = _compare(gold, pact)
    misses: list[FieldMiss] = []
    if pact is None:
        misses.append(FieldMiss("record", expected="a pact record", got=_describe_outcome(pred)))
    for name, match in (
        ("parties", c.parties),
        ("adversaries", c.adversaries),
        ("provisions", c.provisions),
        ("date_hints", c.date_hints),
        ("rationale", c.rationale),
    ):
        if not match.exact:
            misses.append(FieldMiss(name, missing=match.missing, extra=match.extra))
    if not c.status_ok:
        got = pact.status.value if pact is not None else None
        misses.append(FieldMiss("status", expected=gold.status.value, got=got))
    if not c.event_ok:
        got = pact.event.value if pact is not None else None
        misses.append(FieldMiss("event", expected=gold.event.value, got=got))
    if not c.name_ok:
        got = pact.name if pact is not None else None
        misses.append(FieldMiss("name", expected=gold.name, got=got))
    return misses
