"""Request and token rate limits, and the backoff every request of a job shares.

One :class:`RateLimiter` serves a whole job. It is the ``Limiter`` hook of the
openai backend (:class:`pactparse.backends.openai.Limiter`): the backend calls
:meth:`RateLimiter.acquire` (or :meth:`RateLimiter.acquire_sync`) before each HTTP
request, re-asks and retries included, and :meth:`RateLimiter.penalize` after each
transient failure. A refusal for overload (429, or any failure with a Retry-After)
pauses *every* request of the job, not only the one that was refused, so the job as
a whole slows down to what the provider allows. The batch engine charges each
record's real token usage with :meth:`RateLimiter.settle` once it is known.

Budgets are token buckets refilled continuously: ``requests_per_minute=600`` lets
10 requests start each second, never a burst of 600. Token budgets are charged an
estimate up front and corrected with the real usage afterwards; a request may run
the bucket into debt, which the following requests wait out.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

__all__ = ["RateLimiter", "TokenBucket"]

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


@dataclass(slots=True)
class TokenBucket:
    """``rate`` units per second, holding at most ``capacity``; the level may go negative."""

    rate: float
    capacity: float
    level: float
    stamp: float

    @classmethod
    def per_minute(cls, amount: float, now: float) -> TokenBucket:
        rate = amount / 60.0
        capacity = max(1.0, rate)  # one second's worth: paced, not bursty
        return cls(rate=rate, capacity=capacity, level=capacity, stamp=now)

    def refill(self, now: float) -> None:
        if now > self.stamp:
            self.level = min(self.capacity, self.level + (now - self.stamp) * self.rate)
            self.stamp = now

    def wait_for(self, amount: float, now: float) -> float:
        """Seconds until ``amount`` can be taken (0 when it can be taken now)."""
        self.refill(now)
        need = min(amount, self.capacity)  # larger charges go into debt instead of waiting forever
        if self.level >= need:
            return 0.0
        return (need - self.level) / self.rate

    def take(self, amount: float) -> None:
        self.level -= amount


class RateLimiter:
    """Shared limits of one job: requests/minute, tokens/minute and a common backoff.

    ``sleep`` and ``clock`` are injectable so tests run without waiting.
    """

    def __init__(
        self,
        *,
        requests_per_minute: float | None = None,
        tokens_per_minute: float | None = None,
        base_backoff: float = 1.0,
        max_backoff: float = 60.0,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        for name, value in (
            ("requests_per_minute", requests_per_minute),
            ("tokens_per_minute", tokens_per_minute),
        ):
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be positive, got {value}")
        self._clock = clock
        self._sleep = sleep
        now = clock()
        self.requests = (
            TokenBucket.per_minute(requests_per_minute, now) if requests_per_minute else None
        )
        self.tokens = TokenBucket.per_minute(tokens_per_minute, now) if tokens_per_minute else None
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self.paused_until = 0.0
        self._strikes = 0
        self._lock: asyncio.Lock | None = None
        self._thread_lock = threading.Lock()
        self._sync_sleep: Callable[[float], None] = time.sleep
        #: Counters for the job summary.
        self.backoffs = 0
        self.waited = 0.0
        #: Transport retries of every request of the job (failed rows' included).
        self.retries = 0
        self._last_retry: tuple[float, str, float] | None = None

    @property
    def limited(self) -> bool:
        """Whether any request or token budget is set."""
        return self.requests is not None or self.tokens is not None

    def _delay(self, now: float, tokens: int) -> float:
        delay = max(0.0, self.paused_until - now)
        if self.requests is not None:
            delay = max(delay, self.requests.wait_for(1, now))
        if self.tokens is not None:
            delay = max(delay, self.tokens.wait_for(tokens, now))
        return delay

    async def acquire(self, tokens: int = 0) -> None:
        """Wait until a request estimated at ``tokens`` tokens may start, then charge it.

        Requests are admitted in the order they ask (FIFO), so none starves.
        """
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            while (delay := self._delay(self._clock(), tokens)) > 0:
                self.waited += delay
                await self._sleep(delay)
            self._take(tokens)

    def acquire_sync(self, tokens: int = 0) -> None:
        """Blocking twin of :meth:`acquire`, for backends called from threads."""
        with self._thread_lock:
            while (delay := self._delay(self._clock(), tokens)) > 0:
                self.waited += delay
                self._sync_sleep(delay)
            self._take(tokens)

    def _take(self, tokens: int) -> None:
        if self.requests is not None:
            self.requests.take(1)
        if self.tokens is not None:
            self.tokens.take(tokens)

    def settle(self, estimated: int, actual: int) -> None:
        """Correct the token charge of a finished request with what it really used."""
        if self.tokens is not None:
            self.tokens.refill(self._clock())
            self.tokens.take(actual - estimated)

    def backoff(self, retry_after: float | None = None) -> float:
        """A request was refused as overloaded: pause the whole job; returns the pause.

        The pause is the server's Retry-After when it sent one, else an exponential
        delay (``base_backoff`` doubling per refusal without success in between, with
        jitter, at most ``max_backoff``).
        """
        self._strikes += 1
        self.backoffs += 1
        if retry_after is not None and retry_after >= 0:
            delay = min(retry_after, self.max_backoff)
        else:
            exp = self.base_backoff * 2 ** min(self._strikes - 1, 16)
            delay = min(self.max_backoff, exp) * random.uniform(0.5, 1.0)
        self.paused_until = max(self.paused_until, self._clock() + delay)
        return delay

    def penalize(self, retry_after: float | None = None, *, status_code: int | None = None) -> None:
        """A request failed transiently (the backend hook): back off when it was overload.

        A failure with a Retry-After, or a 429, pauses the whole job; a 5xx or a timeout
        without one is retried by its own request's policy alone (pausing every request
        for each of those would stall a job against a flaky server).
        """
        if retry_after is not None or status_code == 429:
            self.backoff(retry_after)

    def success(self) -> None:
        """A request succeeded: the next refusal starts the backoff over."""
        self._strikes = 0

    def retrying(self, reason: str, wait: float) -> None:
        """A request is retried after ``wait`` seconds, because of ``reason`` (the hook
        the openai backend's retry policy calls; counted and shown on the progress line)."""
        with self._thread_lock:
            self.retries += 1
            self._last_retry = (self._clock(), reason, wait)

    def retry_status(self, within: float = 10.0) -> str | None:
        """``retrying: <why> (retry N, waiting W s)`` while the last retry is at most
        ``within`` seconds old, else None."""
        last = self._last_retry
        if last is None:
            return None
        at, reason, wait = last
        now = self._clock()
        if now - at > max(within, wait + 1.0):
            return None
        left = max(0.0, at + wait - now)
        waiting = f", next try in {left:.0f} s" if left >= 1 else ""
        return f"retrying: {reason} ({self.retries:,} retries so far{waiting})"
