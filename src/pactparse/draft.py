"""The draft a backend proposes, before verification.

A draft is designed to be easy to fill for a model: actors as written in the text,
categories from the spec's vocabulary, short phrases copied from the summary. A text
that holds no pact is answered with ``no_pact`` (the reason) instead of a draft. The
library (``pactparse.verify``) turns a draft into a :class:`~pactparse.schema.Pact`
with codes, spans and normalised values, and lists what it could not verify.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .schema import Event, ProvisionCategory, Status

__all__ = ["Draft", "DraftProvision"]


class _DraftModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftProvision(_DraftModel):
    category: ProvisionCategory
    text: str = Field(description="Words copied from the summary that state this commitment")


class Draft(_DraftModel):
    name: str | None = Field(
        description="The pact's proper name exactly as the text gives it, or null"
    )
    status: Status
    event: Event
    parties: list[str] = Field(
        description="Signatories, each as written in the text (country, organisation)"
    )
    adversaries: list[str] = Field(
        description="Actors the pact is aimed at, counters or deters, as written in the text"
    )
    provisions: list[DraftProvision]
    date_hints: list[str] = Field(
        description="Temporal expressions about the pact, copied exactly from the text"
    )
    rationale: list[str] = Field(
        description="Why the parties make the pact: short phrases copied from the text"
    )
    no_pact: str | None = Field(
        default=None,
        description=(
            "null when the text describes a security pact; otherwise one sentence saying "
            "why it holds none (then the other fields are ignored)"
        ),
    )
