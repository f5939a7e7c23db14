"""Review for model records: a second, independent reading of the same text.

A model's record can look verified and still be wrong: every actor grounded, but a
target taken for a party, or "considered" read as "signed". The offline ``rules``
backend reads the same summary in about a millisecond, for free; where its reading and
the model's differ on a field that decides what the record means (parties,
adversaries, status, event), a person should look. Besides those disagreements, the
values verification could not ground are listed (``review`` says *check this*;
``provenance.warnings`` says *this was not found*).

Used by the pipeline for every backend that does not review itself
(``Backend.reviews_itself``: ``rules`` does).
An offline reading that finds no pact is a disagreement about the whole record; one
that cannot read the language (another team's ``UnsupportedLanguage``) gives nothing to
compare, and adds nothing.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from .backends.base import Request
from .backends.rules import RulesBackend
from .draft import Draft
from .errors import NoPactFound, PactParseError
from .schema import Actor, ReviewItem
from .verify import Verified, verify_draft

__all__ = ["crosscheck"]


@cache
def _offline() -> RulesBackend:
    return RulesBackend()


def _names(actors: list[Actor]) -> str:
    return ", ".join(a.name for a in actors) or "none"


def _actor_items(field: str, model: list[Actor], offline: list[Actor]) -> list[ReviewItem]:
    mine, theirs = {a.key for a in model}, {a.key for a in offline}
    if mine == theirs:
        return []
    return [
        ReviewItem(
            field=field,
            why=(
                f"the offline reading of the text has {_names(offline)} "
                f"where the model has {_names(model)}"
            ),
        )
    ]


def crosscheck(
    draft: Draft, verified: Verified, text: str, reference_date: dt.date | None
) -> list[ReviewItem]:
    """What a person should check in the model's record ``draft``/``verified`` of ``text``."""
    items = [
        ReviewItem(field=p.field, why=f"not verified: {p.why}")
        for p in verified.problems
        if p.field.startswith(("parties", "adversaries", "name"))
    ]
    try:
        offline = _offline().propose(Request(text=text, reference_date=reference_date))
    except NoPactFound as exc:
        return [*items, ReviewItem(field="record", why=f"the offline reading finds no pact: {exc}")]
    except PactParseError:
        return items
    if offline.draft is None:
        why = offline.no_pact or "the offline reading finds no pact in the text"
        return [*items, ReviewItem(field="record", why=why)]
    other = verify_draft(offline.draft, text, reference_date=reference_date)
    items += _actor_items("parties", verified.parties, other.parties)
    items += _actor_items("adversaries", verified.adversaries, other.adversaries)
    for field in ("status", "event"):
        mine, theirs = getattr(draft, field), getattr(offline.draft, field)
        if mine != theirs:
            items.append(
                ReviewItem(
                    field=field,
                    why=f"the offline reading of the text has {theirs} where the model has {mine}",
                )
            )
    return items
