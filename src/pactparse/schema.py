"""The Pact record: pydantic v2 models for the contract in ``docs/spec.md``.

Every extracted value (actor mention, provision text, date hint text, rationale
phrase) carries ``span`` and ``grounding``: where it stands in the input text and
how it was found there.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Actor",
    "ActorKind",
    "Amount",
    "DateHint",
    "DateType",
    "Event",
    "Grounding",
    "Pact",
    "Provenance",
    "Provision",
    "ProvisionCategory",
    "RationaleItem",
    "ReviewItem",
    "Source",
    "Status",
    "TraceStep",
    "Usage",
]


class Status(StrEnum):
    """The most advanced stage the text asserts as fact."""

    SIGNED = "signed"
    PLANNED = "planned"
    NEGOTIATING = "negotiating"
    PROPOSED = "proposed"


class Event(StrEnum):
    NEW_PACT = "new_pact"
    ACCESSION = "accession"
    AMENDMENT = "amendment"


class ActorKind(StrEnum):
    STATE = "state"
    ORGANIZATION = "organization"
    NON_STATE = "non_state"


class ProvisionCategory(StrEnum):
    MUTUAL_DEFENSE = "mutual_defense"
    SECURITY_GUARANTEE = "security_guarantee"
    MILITARY_INTEGRATION = "military_integration"
    MILITARY_COOPERATION = "military_cooperation"
    MILITARY_AID = "military_aid"
    JOINT_PROCUREMENT = "joint_procurement"
    TECHNOLOGY_SHARING = "technology_sharing"
    INTELLIGENCE_SHARING = "intelligence_sharing"
    BASING_ACCESS = "basing_access"
    CONSULTATION = "consultation"
    NON_AGGRESSION = "non_aggression"
    NEUTRALITY = "neutrality"
    COUNTERTERRORISM = "counterterrorism"
    MIGRATION_MOBILITY = "migration_mobility"
    THIRD_PARTY_RESTRICTIONS = "third_party_restrictions"
    ECONOMIC_COOPERATION = "economic_cooperation"
    CLIMATE_RESILIENCE = "climate_resilience"
    DIPLOMATIC_NORMALIZATION = "diplomatic_normalization"
    OTHER = "other"


class DateType(StrEnum):
    DATE = "date"
    DURATION = "duration"
    RELATIVE = "relative"


class Grounding(StrEnum):
    """How a value was found in the input text (see ``pactparse.grounding``)."""

    EXACT = "exact"
    FUZZY = "fuzzy"
    UNGROUNDED = "ungrounded"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class _Grounded(_Model):
    span: tuple[int, int] | None = Field(
        default=None, description="[start, end] character offsets into the input (slice semantics)"
    )
    grounding: Grounding = Grounding.UNGROUNDED

    @model_validator(mode="after")
    def _span_matches_grounding(self) -> _Grounded:
        if self.grounding is Grounding.UNGROUNDED and self.span is not None:
            raise ValueError("an ungrounded value has no span")
        if self.grounding is not Grounding.UNGROUNDED and self.span is None:
            raise ValueError(f"a {self.grounding.value} value needs a span")
        if self.span is not None and not 0 <= self.span[0] <= self.span[1]:
            raise ValueError(f"span {list(self.span)} is not [start, end] with 0 <= start <= end")
        return self


class Actor(_Grounded):
    name: str = Field(description='Canonical English name, e.g. "Papua New Guinea"')
    code: str | None = Field(
        description="ISO 3166-1 alpha-3 for a state, the organisation code, or null"
    )
    kind: ActorKind
    mention: str = Field(description="The first mention exactly as written in the text")

    @property
    def key(self) -> str:
        """The identity used for scoring: the code, else the lower-cased name."""
        return self.code if self.code is not None else self.name.lower()


class Amount(_Model):
    value: float = Field(description="3000000000 for €3 billion; 280 for 280 people per year")
    unit: str = Field(description='ISO 4217 currency ("EUR") or a quantity unit ("people/year")')


class Provision(_Grounded):
    category: ProvisionCategory
    text: str = Field(description="The words of the summary stating the commitment")
    amount: Amount | None = None


class DateHint(_Grounded):
    text: str = Field(description="The temporal expression exactly as written")
    type: DateType
    value: str | None = Field(
        default=None,
        description='TIMEX3-style value: "2024-02", "XXXX-02", "P60Y"; null if unknown',
    )


class RationaleItem(_Grounded):
    text: str


class ReviewItem(_Model):
    """One reason a person should check a record: which field, and why."""

    field: str = Field(description='The field to check: "parties", "status", "adversaries", …')
    why: str = Field(description="Why it is doubtful, in words an analyst can act on")


class TraceStep(_Model):
    """How one value was decided: by which cue or named strategy, on which words."""

    field: str = Field(description='The field decided: "parties", "status", "provisions", …')
    value: str | None = Field(description="What was decided (a code, a status, a category)")
    rule: str = Field(description='The cue id or strategy that decided it, e.g. "parties.subject"')
    span: tuple[int, int] | None = Field(
        default=None, description="The words that fired it, as [start, end] offsets"
    )
    note: str | None = Field(default=None, description="Anything else worth knowing")


class Source(_Model):
    sha256: str = Field(description="sha256 of the input text (UTF-8)")
    reference_date: dt.date | None = None
    id: str | None = Field(default=None, description="The input's id when known")


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class Provenance(_Model):
    backend: str
    model: str | None = None
    prompt_version: str | None = None
    attempts: int = Field(default=1, description="Backend answers used, re-asks included")
    reasks: int = 0
    retries: int = Field(default=0, description="Transport retries (429, 5xx, timeouts)")
    usage: Usage = Field(default_factory=Usage)
    latency_ms: float = 0.0
    warnings: list[str] = Field(default_factory=list)
    trace: list[TraceStep] | None = Field(
        default=None,
        description="How each field was decided (ExtractOptions(trace=True)); null otherwise",
    )


class Pact(_Model):
    """The primary pact of one summary."""

    name: str | None = None
    status: Status
    event: Event
    parties: list[Actor] = Field(default_factory=list)
    adversaries: list[Actor] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    date_hints: list[DateHint] = Field(default_factory=list)
    rationale: list[RationaleItem] = Field(default_factory=list)
    review: list[ReviewItem] = Field(
        default_factory=list,
        description="Reasons a person should check this record; empty when the backend "
        "stands behind every field",
    )
    source: Source
    provenance: Provenance

    def to_json_dict(self) -> dict[str, Any]:
        """The record as plain JSON types, as written to JSON Lines."""
        return self.model_dump(mode="json")
