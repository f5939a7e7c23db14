from __future__ import annotations

import asyncio

import pytest

from pactparse.batch.limits import RateLimiter


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)

    def sync_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def limiter(t: FakeTime, **kwargs: float) -> RateLimiter:
    return RateLimiter(clock=t.clock, sleep=t.sleep, **kwargs)  # type: ignore[arg-type]


async def test_unlimited_never_waits() -> None:
    t = FakeTime()
    lim = limiter(t)
    for _ in range(1000):
        await lim.acquire()
    assert t.sleeps == [] and not lim.limited


async def test_requests_per_minute_paces_evenly() -> None:
    t = FakeTime()
    lim = limiter(t, requests_per_minute=120)  # 2 per second, burst of 2
    for _ in range(12):
        await lim.acquire()
    # 2 at once, then one every half second
    assert t.now - 1000.0 == pytest.approx(5.0)


async def test_tokens_per_minute_charges_estimates_and_debt() -> None:
    t = FakeTime()
    lim = limiter(t, tokens_per_minute=6000)  # 100 tokens/s
    await lim.acquire(100)
    lim.settle(100, 1100)  # the answer really used 1100: 1000 tokens of debt
    await lim.acquire(0)
    assert t.now - 1000.0 == pytest.approx(10.0)


async def test_a_429_pauses_every_request() -> None:
    t = FakeTime()
    lim = limiter(t)
    lim.penalize(2.5)  # the backend saw a 429 with Retry-After: 2.5
    await asyncio.gather(*(lim.acquire() for _ in range(5)))
    assert t.now - 1000.0 == pytest.approx(2.5)  # all five waited out the same pause
    assert lim.backoffs == 1


async def test_penalize_without_retry_after() -> None:
    t = FakeTime()
    lim = limiter(t)
    lim.penalize(None)  # a 500 or a timeout: the request's own retry policy handles it
    await lim.acquire()
    assert t.sleeps == []
    lim.penalize(None, status_code=429)  # a 429 without Retry-After: exponential backoff
    await lim.acquire()
    assert 0.5 <= t.now - 1000.0 <= 1.0


async def test_exponential_backoff_grows_and_resets_on_success() -> None:
    t = FakeTime()
    lim = limiter(t, max_backoff=60)
    delays = [lim.backoff(None) for _ in range(4)]
    assert 0.5 <= delays[0] <= 1.0 and 4.0 <= delays[3] <= 8.0
    lim.success()
    assert lim.backoff(None) <= 1.0
    assert lim.backoff(1000) == 60  # capped


def test_acquire_sync() -> None:
    t = FakeTime()
    lim = limiter(t, requests_per_minute=60)
    lim._sync_sleep = t.sync_sleep
    for _ in range(3):
        lim.acquire_sync()
    assert t.now - 1000.0 == pytest.approx(2.0)


def test_rejects_non_positive_limits() -> None:
    with pytest.raises(ValueError, match="requests_per_minute must be positive"):
        RateLimiter(requests_per_minute=0)


def test_satisfies_the_openai_backend_hook() -> None:
    from pactparse.backends.openai import Limiter

    def takes(limiter: Limiter) -> Limiter:
        return limiter

    assert takes(RateLimiter()) is not None
    for name in ("acquire", "acquire_sync", "penalize"):
        assert callable(getattr(RateLimiter(), name))
