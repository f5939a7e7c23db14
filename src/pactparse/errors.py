"""The one exception tree of pactparse.

Every error the library raises on purpose is a :class:`PactParseError`::

    PactParseError
    ├── InputError          the text or an input line cannot be used (empty, binary, too long)
    ├── ConfigurationError  a backend or option is missing or wrong (unknown backend, no key)
    │   └── BackendUnusable     no input can succeed: key refused, unknown model, no server
    ├── OutputError         the output cannot be written (no such directory, read-only, disk full)
    ├── BackendError        the backend failed to answer (network, HTTP status, server fault)
    │   ├── TransientBackendError   a failure worth retrying (429, 5xx, timeout, dropped connection)
    │   └── BackendUnusable         (also a ConfigurationError, above)
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
    "BackendUnusable",
    "ConfigurationError",
    "ExtractionError",
    "InputError",
    "NoPactFound",
    "NoRecord",
    "OutputError",
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


class BackendUnusable(ConfigurationError, BackendError):
    """The backend cannot answer any input: the server refused the key (401, 403), does
    not know the model or the address (404), or cannot be reached at all (a malformed
    base URL, or connections refused many times in a row).

    Both a :class:`ConfigurationError` (so a batch stops at the first one instead of
    writing the same error row for every input) and a :class:`BackendError` (with the
    HTTP ``status_code`` when there was one).
    """

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        BackendError.__init__(self, message, status_code=status_code)


class OutputError(PactParseError):
    """The output of a job cannot be written: its directory is missing, it is read-only,
    the disk is full, or standard output is closed.

    Rows written before the failure are whole and kept; the job can be resumed once the
    cause is fixed.
    """


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
