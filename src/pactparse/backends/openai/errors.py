"""openai client exceptions become pactparse errors here, once.

::

    openai.APITimeoutError                       -> TransientBackendError
    a connection that could not be made          -> ConnectFailed (transient; too many in a
                                                    row make the transport give up)
    a connection reset or closed mid-answer      -> TransientBackendError
    a 200 whose body is not JSON, not UTF-8,
      or not shaped like a completion            -> TransientBackendError
    429, 408, 409, 5xx                           -> TransientBackendError (with Retry-After)
    a 400/422/5xx saying the mode's request
      fields are unsupported                     -> ModeUnsupportedError (not retried)
    401, 403, 404                                -> BackendUnusable (no input can succeed)
    other 4xx                                    -> BackendError saying what to fix

Every message is scrubbed of key material (:func:`pactparse.redact.scrub`): a server
may echo the Authorization header back in its error body.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Mapping

import httpx2
import openai

from ...errors import BackendError, BackendUnusable, TransientBackendError
from ...redact import scrub
from .modes import OutputMode
from .options import Settings

__all__ = [
    "CLIENT_ERRORS",
    "ConnectFailed",
    "ModeUnsupportedError",
    "NotACompletion",
    "map_openai_error",
    "parse_retry_after",
]


class NotACompletion(ValueError):
    """A 200 whose JSON body is not a chat completion (fields of the wrong types)."""


#: What a chat-completion call may raise that :func:`map_openai_error` translates.
CLIENT_ERRORS: tuple[type[Exception], ...] = (
    NotACompletion,
    openai.OpenAIError,
    json.JSONDecodeError,
    UnicodeDecodeError,
    httpx2.TransportError,
)

#: Failures to open a connection at all (nothing listening, no route, no such host).
_CONNECT_ERRORS = (httpx2.ConnectError, httpx2.ConnectTimeout)


class ConnectFailed(TransientBackendError):
    """No connection could be made to the server (nothing listening, unknown host)."""


_TRANSIENT_STATUS = frozenset({408, 409, 429})
# Words a server error about request validation contains (llama-cpp-python answers
# an unsupported response_format with HTTP 500 and a pydantic validation error).
_VALIDATION_WORDS = ("validation", "unsupported", "not supported", "input should be", "invalid")


class ModeUnsupportedError(BackendError):
    """The server refused the output mode's request fields (response_format or tools).

    Not transient: the same request fails again. ``auto`` mode falls back on it.
    """

    def __init__(self, message: str, *, status_code: int | None, mode: str) -> None:
        super().__init__(message, status_code=status_code)
        self.mode = mode


def parse_retry_after(headers: Mapping[str, str], now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms``, or ``retry-after`` in seconds or as an HTTP date."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(float(millis) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max((when - now).total_seconds(), 0.0)


def _server_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
        detail = body.get("detail")
        if detail is not None:
            return str(detail)
    text = exc.response.text if exc.response is not None else ""
    return text or exc.message


def _short(message: str, limit: int = 300) -> str:
    one_line = " ".join(message.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def _mode_unsupported(status: int, message: str, mode: OutputMode) -> bool:
    """A refusal of the mode's request fields: a 400/422 naming them, or a 5xx validation error."""
    if status not in (400, 422, 500, 501) or not mode.rejects(message):
        return False
    return status in (400, 422) or any(w in message.lower() for w in _VALIDATION_WORDS)


def _reason(exc: BaseException) -> str:
    """``Type: message`` of an exception, for a message (never an empty ``: .``)."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _transport_error(exc: BaseException, where: str) -> TransientBackendError:
    """A failure below HTTP: could not connect, or the connection broke mid-answer."""
    if isinstance(exc, httpx2.TimeoutException) and not isinstance(exc, httpx2.ConnectTimeout):
        return TransientBackendError(f"the request to {where} timed out ({_reason(exc)})")
    if isinstance(exc, _CONNECT_ERRORS):
        return ConnectFailed(
            f"could not connect to {where} ({_reason(exc)}). Is the server running and is the "
            "base URL right (--base-url / PACTPARSE_BASE_URL)?"
        )
    return TransientBackendError(
        f"the connection to {where} broke before the answer was complete ({_reason(exc)})"
    )


def map_openai_error(exc: Exception, settings: Settings, mode: OutputMode) -> BackendError:
    """The pactparse error for an exception of :data:`CLIENT_ERRORS`, saying what to do.

    Its message never holds the API key, whatever the server sent back."""
    error = _map(exc, settings, mode)
    message = str(error)
    clean = scrub(message, (settings.api_key,))
    if clean != message:
        error.args = (clean,)
    return error


def _map(exc: Exception, settings: Settings, mode: OutputMode) -> BackendError:
    where = settings.base_url or "https://api.openai.com/v1"
    if isinstance(exc, json.JSONDecodeError):
        return TransientBackendError(
            f"the server at {where} answered with a body that is not JSON ({exc})"
        )
    if isinstance(exc, NotACompletion):
        return TransientBackendError(f"the server at {where} answered with {exc}")
    if isinstance(exc, UnicodeDecodeError):
        return TransientBackendError(
            f"the server at {where} answered with a body that is not UTF-8 text "
            f"(byte {exc.start:,} is not valid UTF-8)"
        )
    if isinstance(exc, httpx2.TransportError):
        return _transport_error(exc, where)
    if isinstance(exc, openai.APITimeoutError):
        return TransientBackendError(f"the request to {where} timed out")
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, httpx2.TransportError):
            return _transport_error(cause, where)
        return TransientBackendError(
            f"the connection to {where} failed ({_reason(cause or exc)}). Is the server "
            "running and is the base URL right (--base-url / PACTPARSE_BASE_URL)?"
        )
    if not isinstance(exc, openai.APIStatusError):
        return BackendError(f"the openai client failed: {exc}")

    status = exc.status_code
    raw_message = _server_message(exc)
    said = f"HTTP {status} from {where}: {_short(raw_message)}"
    if _mode_unsupported(status, raw_message, mode):
        other = "json_object" if mode.name != "json_object" else "tools"
        return ModeUnsupportedError(
            f"the server does not support the {mode.name} output mode ({said}); try --mode {other}",
            status_code=status,
            mode=mode.name,
        )
    if status in _TRANSIENT_STATUS or status >= 500:
        return TransientBackendError(
            said, status_code=status, retry_after=parse_retry_after(exc.response.headers)
        )
    if status == 401:
        return BackendUnusable(
            f"authentication failed ({said}); check that OPENAI_API_KEY or PACTPARSE_API_KEY "
            "(or the variable named by --api-key-env) holds a valid key for this server",
            status_code=status,
        )
    if status == 403:
        return BackendUnusable(
            f"permission denied ({said}); the key has no access to model {settings.model!r} "
            "or to this project: check the key, its project and the model",
            status_code=status,
        )
    if status == 404:
        return BackendUnusable(
            f"not found ({said}); check the model name {settings.model!r} (--model / "
            f"PACTPARSE_MODEL) and the base URL {where!r} (--base-url / PACTPARSE_BASE_URL; "
            "OpenAI-compatible servers usually end in /v1)",
            status_code=status,
        )
    return BackendError(
        f"the server rejected the request ({said}); if it does not support the "
        f"{mode.name} output mode, try --mode json_object",
        status_code=status,
    )
