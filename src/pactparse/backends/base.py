"""The backend seam: one method from a summary to a proposed draft.

A backend proposes; the library verifies (``pactparse.verify``). A backend that can
be re-asked (an LLM) receives the earlier answers and the errors found in them as
``feedback`` and proposes again. Backend errors become pactparse errors here, at
the backend boundary, once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from ..draft import Draft
from ..errors import ConfigurationError
from ..schema import ReviewItem, TraceStep, Usage

__all__ = [
    "Backend",
    "Feedback",
    "Limiter",
    "Proposal",
    "Request",
    "validate_options",
    "validation_problems",
]

_O = TypeVar("_O", bound=BaseModel)


def validation_problems(exc: ValidationError, model: type[BaseModel]) -> str:
    """Each problem of ``exc`` on one line; an unknown key lists the valid ones (never
    the values given: one of them may be a key)."""
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "options"
        if error["type"] == "extra_forbidden":
            valid = ", ".join(model.model_fields)
            problems.append(f"{where}: unknown option (the options are: {valid})")
        else:
            problems.append(f"{where}: {error['msg']}")
    return "; ".join(problems)


def validate_options(backend: str, model: type[_O], values: Mapping[str, Any]) -> _O:
    """``values`` as the backend's typed ``Options``; what does not fit is one
    :class:`~pactparse.errors.ConfigurationError` listing each problem."""
    try:
        return model(**values)
    except ValidationError as exc:
        problems = validation_problems(exc, model)
        raise ConfigurationError(f"invalid options for backend {backend!r}: {problems}") from None


class Limiter(Protocol):
    """A shared controller the backend consults before each request (batch mode's hook)."""

    async def acquire(self) -> None:
        """Wait until a request may be sent (async callers)."""

    def acquire_sync(self) -> None:
        """Wait until a request may be sent (sync callers)."""

    def penalize(self, retry_after: float | None, *, status_code: int | None = None) -> None:
        """A request failed transiently: ``retry_after`` is the server's hint in seconds,
        ``status_code`` the HTTP status (None for a timeout or a dropped connection)."""


@dataclass(frozen=True, slots=True)
class Request:
    """What a backend is asked: one summary and, when known, its reference date."""

    text: str
    reference_date: dt.date | None = None
    #: Whether the caller wants the decision trace (``ExtractOptions(trace=True)``).
    trace: bool = False


@dataclass(frozen=True, slots=True)
class Feedback:
    """An earlier answer and the precise errors verification found in it."""

    raw: str
    errors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A backend's answer.

    ``draft`` is None when the answer could not be parsed into a draft at all; the
    reasons are in ``errors`` and the answer itself in ``raw``. ``no_pact`` is the
    backend's reason when it answers that the text holds no pact (``draft`` is then
    None). ``review`` holds the backend's own doubts about the draft, ``trace`` how it
    decided each field (backends that can say so).
    """

    draft: Draft | None
    raw: str | None = None
    errors: tuple[str, ...] = ()
    usage: Usage = field(default_factory=Usage)
    model: str | None = None
    #: Transport-level retries the backend made (429, 5xx, timeouts) before answering.
    retries: int = 0
    no_pact: str | None = None
    review: tuple[ReviewItem, ...] = ()
    trace: tuple[TraceStep, ...] = ()


class Backend(ABC):
    """A source of draft records.

    Subclasses set ``name`` and implement :meth:`propose`; backends that talk to a
    server also override :meth:`apropose` with a native async implementation.
    ``supports_reask`` tells the pipeline whether sending feedback can help.
    """

    name: ClassVar[str]
    supports_reask: ClassVar[bool] = False
    #: Number of extractions worth running at once with this backend (batch default).
    default_concurrency: ClassVar[int] = 1
    #: Identifies what the prompt asked, for provenance and cache keys.
    prompt_version: ClassVar[str | None] = None
    #: Whether batch mode should cache this backend's records (worth it when a call
    #: costs more than a cache lookup: a model, a server).
    cacheable: ClassVar[bool] = True
    #: Whether the backend consults a :class:`Limiter` around each request it sends
    #: (:meth:`use_limiter`); batch mode then shares its limits through it.
    takes_limiter: ClassVar[bool] = False
    #: ISO 639-1 codes of the languages the backend reads; None: any language (a model).
    #: For other languages the pipeline answers UnsupportedLanguage without asking it.
    languages: ClassVar[frozenset[str] | None] = None
    #: Whether the backend fills ``Proposal.review`` from its own reading (``rules``);
    #: records of the others are cross-checked against the offline reading.
    reviews_itself: ClassVar[bool] = False

    @property
    def model(self) -> str | None:
        """The model the backend uses, when it has one."""
        return None

    @abstractmethod
    def propose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        """Propose a draft for ``request``; ``feedback`` lists earlier failed answers."""

    async def apropose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        """Async twin of :meth:`propose`; by default runs it in a worker thread."""
        return await asyncio.to_thread(self.propose, request, feedback)

    def use_limiter(self, limiter: Limiter | None) -> Limiter | None:
        """Consult ``limiter`` (a batch's shared rate limits and backoff) before each
        request from now on; returns the limiter used until now.

        Only called when ``takes_limiter`` is true; a backend that does not take one is
        gated by the batch engine around each extraction instead.
        """
        raise NotImplementedError(f"backend {self.name!r} does not take a limiter")

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections or models; the default holds none."""

    async def aclose(self) -> None:
        self.close()
