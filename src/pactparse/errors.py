"""The one exception tree of pactparse.

Every error the library raises on purpose is a :class:`PactParseError`::

    PactParseError
    ├── InputError          the text or an input line cannot be used (empty, binary, too long)
    ├── ConfigurationError  a backend or option is missing or wrong (unknown backend, no key)
    ├── BackendError        the backend failed to answer (network, HTTP status, server fault)
    │   └── TransientBackendError   a failure worth retrying (429, 5xx, timeout, dropped connection)
    └── ExtractionError     the backend answered, but no acceptable record could be made of it
        └── NoRecord            an honest "no record here" answer, not a failure of the job
            ├── NoPactFound         the text holds no security pact (or is not a summary at all)
            └── UnsupportedLanguage the backend cannot read the text's language

Messages say what to do next, not only what went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Attempt",
    "BackendError",
    "ConfigurationError",
    "ExtractionError",
    "InputError",
    "NoPactFound",
    "NoRecord",
    "PactParseError",
    "TransientBackendError",
    "UnsupportedLanguage",
]


class PactParseError(Exception):
    """Base class of every error pactparse raises on purpose."""


class InputError(PactParseError, ValueError):
    """The input text or input file cannot be extracted from."""


class ConfigurationError(PactParseError):
    """A backend, a model or an option is missing or invalid."""


class BackendError(PactParseError):
    """The backend could not produce an answer.

    ``status_code`` is the HTTP status when there was one.
    """

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class TransientBackendError(BackendError):
    """A backend failure that may succeed when retried (429, 5xx, timeout, connection).

    ``retry_after`` is the server's Retry-After in seconds, when it sent one.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Attempt:
    """One answer of a backend and what verification found wrong with it."""

    raw: str | None
    errors: tuple[str, ...] = ()
    usage: dict[str, int] = field(default_factory=dict)


class ExtractionError(PactParseError):
    """The backend answered, but its answers never passed verification.

    ``attempts`` holds every attempt's raw output and the errors found in it.
    """

    def __init__(self, message: str, *, attempts: tuple[Attempt, ...] = ()) -> None:
        super().__init__(message)
        self.attempts = attempts


class NoRecord(ExtractionError):
    """The backend read the text and answers that it has no record to give.

    Not a failure: a batch counts these rows apart, and they do not make the exit
    status 1 (a file of news where some lines are not about pacts is a normal input).
    """


class NoPactFound(NoRecord):
    """The text describes no security pact being made, proposed, negotiated, joined,
    amended or suspended, or is not a summary at all (a URL, code, a CSV header)."""


class UnsupportedLanguage(NoRecord):
    """The backend cannot read the text's language.

    ``language`` is the ISO 639-1 code seen (``"fr"``), ``language_name`` its English name.
    """

    def __init__(
        self,
        message: str,
        *,
        language: str,
        language_name: str | None = None,
        attempts: tuple[Attempt, ...] = (),
    ) -> None:
        super().__init__(message, attempts=attempts)
        self.language = language
        self.language_name = language_name or language
