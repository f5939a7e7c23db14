"""One retry policy for transport failures, with tenacity.

Only :class:`~pactparse.errors.TransientBackendError` is retried (429, 5xx,
timeouts, dropped connections): exponential backoff with jitter, or exactly the
server's Retry-After when it sent one, bounded by a number of retries and a total
time budget (a wait that would overrun the budget is not started). The openai
client's own retries are off, so this is the only policy. Validation re-asks are a
separate budget, run by the pipeline.

A :class:`~pactparse.backends.base.Limiter` (a shared rate/backoff controller of a batch) is
consulted before every request and told about every transient failure; one with a
``retrying(reason, wait)`` method also hears why and for how long each retry waits
(the batch progress line shows it).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential_jitter,
)

from ...errors import TransientBackendError
from ..base import Limiter

__all__ = ["AsyncSleep", "RetryPolicy", "Sleep", "retry_reason"]

T = TypeVar("T")
Sleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]


def retry_reason(exc: TransientBackendError) -> str:
    """A few words on why a request is retried: ``HTTP 429``, ``the request to … timed out``."""
    if exc.status_code is not None:
        return f"HTTP {exc.status_code}"
    first = str(exc).split(" (")[0].split(". ")[0]
    return first if len(first) <= 80 else first[:79] + "…"


def _succeeded(state: RetryCallState) -> bool:
    return state.outcome is not None and not state.outcome.failed


@dataclass(frozen=True)
class RetryPolicy:
    """How transient failures are retried; ``sleep``/``asleep`` are injectable for tests."""

    max_retries: int = 5
    max_retry_seconds: float = 120.0
    sleep: Sleep = time.sleep
    asleep: AsyncSleep = asyncio.sleep
    limiter: Limiter | None = None

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        if isinstance(exc, TransientBackendError) and exc.retry_after is not None:
            return exc.retry_after
        backoff: float = wait_exponential_jitter(initial=1.0, max=30.0, jitter=1.0)(state)
        return backoff

    def _before_sleep(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome is not None else None
        if self.limiter is not None and isinstance(exc, TransientBackendError):
            self.limiter.penalize(exc.retry_after, status_code=exc.status_code)
            # an optional hook: a batch's limiter shows "retrying: why" on the progress line
            note = getattr(self.limiter, "retrying", None)
            if note is not None:
                wait = state.next_action.sleep if state.next_action is not None else 0.0
                note(retry_reason(exc), wait)

    def _options(self) -> dict[str, object]:
        return {
            "stop": stop_after_attempt(self.max_retries + 1)
            | stop_before_delay(self.max_retry_seconds),
            "wait": self._wait,
            "retry": retry_if_exception_type(TransientBackendError),
            "before_sleep": self._before_sleep,
            "reraise": True,
        }

    @staticmethod
    def _gave_up(exc: TransientBackendError, stats: dict[str, Any]) -> TransientBackendError:
        tries = stats.get("attempt_number", 1)
        waited = stats.get("idle_for", 0.0)
        return TransientBackendError(
            f"{exc} (gave up after {tries} attempt(s), {waited:.1f}s of waiting; the openai "
            "backend's max_retries and max_retry_seconds options set this budget)",
            status_code=exc.status_code,
            retry_after=exc.retry_after,
        )

    def call(self, send: Callable[[], T]) -> tuple[T, int]:
        """``send()`` under the policy; the result and how many retries it took."""
        retrying = Retrying(sleep=self.sleep, **self._options())  # type: ignore[arg-type]
        try:
            for attempt in retrying:
                with attempt:
                    if self.limiter is not None:
                        self.limiter.acquire_sync()
                    result = send()
                if _succeeded(attempt.retry_state):
                    return result, attempt.retry_state.attempt_number - 1
        except TransientBackendError as exc:
            raise self._gave_up(exc, retrying.statistics) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    async def acall(self, send: Callable[[], Awaitable[T]]) -> tuple[T, int]:
        """Async twin of :meth:`call`."""
        retrying = AsyncRetrying(sleep=self.asleep, **self._options())  # type: ignore[arg-type]
        try:
            async for attempt in retrying:
                with attempt:
                    if self.limiter is not None:
                        await self.limiter.acquire()
                    result = await send()
                if _succeeded(attempt.retry_state):
                    return result, attempt.retry_state.attempt_number - 1
        except TransientBackendError as exc:
            raise self._gave_up(exc, retrying.statistics) from exc
        raise AssertionError("unreachable")  # pragma: no cover
