"""The extraction pipeline: check the input, ask the backend, verify, re-ask, assemble.

The loop is written once, as a generator that yields the backend calls it needs
(:func:`_run`); :func:`extract` drives it synchronously and :func:`aextract`
asynchronously, so both behave identically.

Re-asks cost a whole conversation, so a model is re-asked only for problems a corrected
answer could change the record for (``Problem.reask``), never after an answer that
repeats an earlier one, and the record is built from the answer with the fewest
problems, not the last one. Every attempt counts in provenance (attempts, re-asks,
usage). Records of every backend but the offline one get a ``review`` from
:mod:`pactparse.crosscheck`.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .backends.base import Backend, Feedback, Proposal, Request, validation_problems
from .backends.registry import get_backend, overriding_backend
from .crosscheck import crosscheck
from .errors import (
    Attempt,
    ConfigurationError,
    ExtractionError,
    NoPactFound,
    UnsupportedLanguage,
)
from .html_text import ShownText, text_of_markup
from .inputs import (
    DEFAULT_MAX_CHARS,
    check_id,
    check_reference_date,
    check_text,
    not_a_summary,
    sha256_of,
)
from .json_text import text_of_json
from .language import detect_language
from .schema import Pact, Provenance, Source, Status, Usage
from .verify import Verified, grounded_in_source, trace_in_source, verify_draft

__all__ = ["ExtractOptions", "aextract", "extract", "resolve_backend"]


class ExtractOptions(BaseModel):
    """How verification failures are handled. Unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_reasks: int = Field(default=2, ge=0, description="Re-asks after the first answer")
    on_unverified: Literal["flag", "raise"] = Field(
        default="flag",
        description=(
            "After the last re-ask: 'flag' returns the record with the leftover problems "
            "in provenance.warnings (ungrounded values keep grounding='ungrounded'); "
            "'raise' raises ExtractionError carrying every attempt's raw output and errors"
        ),
    )
    max_chars: int = Field(default=DEFAULT_MAX_CHARS, gt=0)
    trace: bool = Field(
        default=False,
        description="Keep how each field was decided in provenance.trace (backends that can say)",
    )

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            problems = validation_problems(exc, type(self))
            raise ConfigurationError(f"invalid ExtractOptions: {problems}") from None


_DEFAULT_OPTIONS = ExtractOptions()

_Call = tuple[Request, tuple[Feedback, ...]]


#: Backends made from a name, reused by later calls with the same name and environment
#: (a new openai client per ``extract`` call would cost a connection each time).
_BY_NAME: dict[tuple[str | None, tuple[str | None, ...]], Backend] = {}
_BY_NAME_LOCK = threading.Lock()
#: The environment variables a backend made from a name is configured by (pactparse's
#: own and those the openai client reads): a change to any of them makes a new backend.
#: Read one by one: scanning the whole environment costs more than an offline extraction.
_ENV_NAMES = (
    "PACTPARSE_BACKEND",
    "PACTPARSE_MODEL",
    "PACTPARSE_BASE_URL",
    "PACTPARSE_API_KEY",
    "PACTPARSE_LLAMACPP_MODEL",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
)


def resolve_backend(backend: Backend | str | None) -> Backend:
    """A backend instance from an instance, a registered name, or None (the default).

    A backend made from a name (or None) is made once per name and configuration (the
    ``PACTPARSE_*``/``OPENAI_*`` environment variables it reads) and reused by later calls, so
    ``extract(text, backend="openai")`` in a loop keeps one client and its connections.
    """
    if isinstance(backend, Backend):
        return backend
    if backend is not None and not isinstance(backend, str):
        raise ConfigurationError(
            f"backend must be a Backend or a backend's name, not {type(backend).__name__}"
        )
    override = overriding_backend()
    if override is not None:
        return override
    key = (backend, tuple(map(os.environ.get, _ENV_NAMES)))
    with _BY_NAME_LOCK:
        made = _BY_NAME.get(key)
        if made is None:
            made = _BY_NAME[key] = get_backend(backend)
        return made


def _check_language(backend: Backend, text: str) -> None:
    """Raise UnsupportedLanguage when ``backend`` does not read the text's language."""
    if backend.languages is None:
        return
    language = detect_language(text)
    if language is None or language.code in backend.languages:
        return
    readable = ", ".join(sorted(backend.languages))
    raise UnsupportedLanguage(
        f"the text is in {language.name} ({language.code}, confidence {language.confidence:.2f}); "
        f"backend {backend.name!r} reads only {readable}: use an LLM backend "
        "(backend='openai' with a model that reads it) for this text",
        language=language.code,
        language_name=language.name,
    )


@dataclass(frozen=True, slots=True)
class _Reading:
    """A readable answer and what verification made of it."""

    round: int
    proposal: Proposal
    verified: Verified

    def better_than(self, other: _Reading) -> bool:
        """Fewer problems (worth a re-ask first); on a tie the earlier answer stays."""
        mine, theirs = self.verified.problems, other.verified.problems
        return (sum(p.reask for p in mine), len(mine)) < (
            sum(p.reask for p in theirs),
            len(theirs),
        )


def _shown(text: str) -> ShownText | None:
    """The prose a JSON object or a fragment of markup holds (markup inside a JSON
    string too), or None for plain text."""
    shown = text_of_json(text)
    if shown is None:
        return text_of_markup(text)
    inner = text_of_markup(shown.text)
    return shown if inner is None else shown.through(inner)


def _run(
    backend: Backend,
    text: str,
    reference_date: dt.date | None,
    input_id: str | None,
    options: ExtractOptions,
) -> Generator[_Call, Proposal, Pact]:
    text = check_text(text, max_chars=options.max_chars)
    # A feed item or page fragment is read as the text its markup shows, a news API's
    # JSON item as the prose of its fields; the values are grounded in the text as given.
    shown = _shown(text)
    read = text if shown is None else shown.text
    what = not_a_summary(read)
    if what is not None:
        what = what if shown is None else f"{shown.what} holding no summary"
        raise NoPactFound(
            f"the text is {what}, not a news summary, so it holds no pact; "
            "pass the text of a news summary (a CSV or JSON file is read by its text column)"
        )
    _check_language(backend, read)
    request = Request(text=read, reference_date=reference_date, trace=options.trace)
    started = time.perf_counter()
    feedback: list[Feedback] = []
    attempts: list[Attempt] = []
    usage = Usage()
    model: str | None = backend.model
    retries = 0
    best: _Reading | None = None
    errors: Sequence[str] = ()
    answers_seen: set[str] = set()
    proposals: list[Proposal] = []
    for round_ in range(options.max_reasks + 1):
        proposal = yield (request, tuple(feedback))
        proposals.append(proposal)
        usage += proposal.usage
        retries += proposal.retries
        model = proposal.model or model
        if proposal.no_pact is not None:
            attempts.append(Attempt(raw=proposal.raw, usage=proposal.usage.model_dump()))
            raise NoPactFound(f"no pact found: {proposal.no_pact}", attempts=tuple(attempts))
        worth_asking: Sequence[str]
        if proposal.draft is None:
            errors = proposal.errors or ("the answer could not be read as a draft",)
            worth_asking = errors
        else:
            verified = verify_draft(proposal.draft, read, reference_date=reference_date)
            if shown is not None:
                verified = grounded_in_source(verified, text, shown)
            reading = _Reading(round_, proposal, verified)
            if best is None or reading.better_than(best):
                best = reading
            errors = [str(p) for p in verified.problems]
            worth_asking = [str(p) for p in verified.problems if p.reask]
        attempts.append(
            Attempt(
                raw=proposal.raw,
                errors=tuple(errors),
                usage=proposal.usage.model_dump(),
            )
        )
        if not worth_asking or not backend.supports_reask or round_ == options.max_reasks:
            break
        # the same answer again, if only spaced otherwise: the model stands by it (read
        # only when a re-ask would follow: serialising the draft costs time)
        # An empty answer (a server that returned no choices) says nothing to stand by.
        said = proposal.draft.model_dump_json() if proposal.draft else (proposal.raw or "")
        if said and said in answers_seen:
            break
        answers_seen.add(said)
        feedback.append(Feedback(raw=proposal.raw or "", errors=tuple(worth_asking)))

    if best is None or (errors and options.on_unverified == "raise"):
        reason = "never proposed a readable draft" if best is None else "left problems unresolved"
        raise ExtractionError(
            f"backend {backend.name!r} {reason} after {len(attempts)} attempt(s): "
            + "; ".join(errors[:5])
            + (
                ". Try a stronger model, raise ExtractOptions(max_reasks=...), "
                "or use on_unverified='flag' to keep the record with its problems flagged"
            ),
            attempts=tuple(attempts),
        )
    proposal, verified = best.proposal, best.verified
    warnings = [str(p) for p in verified.problems]
    if shown is not None:
        warnings.append(
            f"the text is {shown.what}: it was read as the prose it holds "
            "(tags, keys and escapes dropped); spans index the text as given"
        )
    last_draft = proposals[-1].draft
    if best.round != len(attempts) - 1 and last_draft != proposal.draft:
        warnings.append(
            f"answer {best.round + 1} of {len(attempts)} was kept: it had the fewest problems"
        )
    draft = proposal.draft
    assert draft is not None
    if not verified.parties:
        raise NoPactFound(
            f"backend {backend.name!r} found no party to a pact in the text"
            + (f" ({'; '.join(warnings[:3])})" if warnings else "")
            + "; a record needs at least one signatory",
            attempts=tuple(attempts),
        )
    review = list(proposal.review)
    if not backend.reviews_itself:
        review += crosscheck(draft, verified, read, reference_date)
    return Pact(
        name=verified.name,
        status=Status(draft.status),
        event=draft.event,
        parties=verified.parties,
        adversaries=verified.adversaries,
        provisions=verified.provisions,
        date_hints=verified.date_hints,
        rationale=verified.rationale,
        review=review,
        source=Source(sha256=sha256_of(text), reference_date=reference_date, id=input_id),
        provenance=Provenance(
            backend=backend.name,
            model=model,
            prompt_version=backend.prompt_version,
            attempts=len(attempts),
            reasks=len(attempts) - 1,
            retries=retries,
            usage=usage,
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
            warnings=warnings,
            trace=trace_in_source(proposal.trace, shown) if options.trace else None,
        ),
    )


def _arguments(
    reference_date: object, id: object, options: object
) -> tuple[dt.date | None, str | None, ExtractOptions]:
    """The caller's arguments checked: one :class:`ConfigurationError` for a wrong type."""
    if options is None:
        options = _DEFAULT_OPTIONS
    elif isinstance(options, Mapping):
        options = ExtractOptions(**options)
    elif not isinstance(options, ExtractOptions):
        raise ConfigurationError(
            f"options must be ExtractOptions(...) or a dict of its fields, not "
            f"{type(options).__name__}"
        )
    return check_reference_date(reference_date), check_id(id), options


def extract(
    text: str,
    *,
    backend: Backend | str | None = None,
    reference_date: dt.date | None = None,
    id: str | None = None,
    options: ExtractOptions | None = None,
) -> Pact:
    """Extract the primary pact of one summary.

    ``backend`` is a :class:`Backend`, a registered name (``"rules"``, ``"openai"``, …)
    or None for the default (``$PACTPARSE_BACKEND``, else ``rules``). Raises
    :class:`~pactparse.errors.InputError` for unusable text, and the backend's
    :class:`~pactparse.errors.BackendError` or :class:`~pactparse.errors.ExtractionError`.
    """
    engine = resolve_backend(backend)
    run = _run(engine, text, *_arguments(reference_date, id, options))
    try:
        call = next(run)
        while True:
            call = run.send(engine.propose(*call))
    except StopIteration as done:
        pact: Pact = done.value
        return pact


async def aextract(
    text: str,
    *,
    backend: Backend | str | None = None,
    reference_date: dt.date | None = None,
    id: str | None = None,
    options: ExtractOptions | None = None,
) -> Pact:
    """Async twin of :func:`extract`."""
    engine = resolve_backend(backend)
    run = _run(engine, text, *_arguments(reference_date, id, options))
    try:
        call = next(run)
        while True:
            call = run.send(await engine.apropose(*call))
    except StopIteration as done:
        pact: Pact = done.value
        return pact
