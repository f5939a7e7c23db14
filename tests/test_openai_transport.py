"""The openai backend's transport against the fault server on 127.0.0.1 (issue 11).

Every fault of the outside fault test, one at a time, then a good answer: the backend
retries what is worth retrying, says what happened in the caller's terms, stops at
once when no input can succeed, and never lets the key out.
"""

from __future__ import annotations

import asyncio
import socket
import time
from typing import Any

import pytest

from pactparse import extract
from pactparse.backends.base import Request
from pactparse.backends.openai import OpenAIBackend
from pactparse.backends.openai.errors import ConnectFailed
from pactparse.backends.openai.transport import ConnectWatch
from pactparse.errors import BackendError, BackendUnusable, TransientBackendError
from support.faultserver import ISSUE_KINDS, FaultServer

pytestmark = pytest.mark.usefixtures("clean_backend_env")

TEXT = "France and Kenya have signed a security pact."
KEY = "sk-test-0123456789abcdefSECRET"


class Waits:
    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


async def no_wait(seconds: float) -> None:
    await asyncio.sleep(0)


def backend_at(url: str, **options: Any) -> OpenAIBackend:
    settings: dict[str, Any] = {"model": "stub", "base_url": url, "timeout": 1.0, **options}
    return OpenAIBackend(sleep=Waits(), asleep=no_wait, **settings)


@pytest.mark.parametrize("kind", ISSUE_KINDS)
def test_each_fault_then_a_good_answer_gives_the_record(kind: str) -> None:
    with FaultServer(script=[kind], trickle_interval=0.05) as server:
        backend = backend_at(server.url)
        pact = extract(TEXT, backend=backend)
        backend.close()
    assert [p.code for p in pact.parties] == ["FRA", "KEN"]
    assert server.served[kind] == 1
    # a transport fault is a retry, an answer that is not a draft a re-ask
    assert pact.provenance.retries + pact.provenance.reasks == 1


@pytest.mark.parametrize("kind", ISSUE_KINDS)
async def test_each_fault_then_a_good_answer_async(kind: str) -> None:
    from pactparse import aextract

    with FaultServer(script=[kind], trickle_interval=0.05) as server:
        backend = backend_at(server.url)
        pact = await aextract(TEXT, backend=backend)
        await backend.aclose()
    assert [p.code for p in pact.parties] == ["FRA", "KEN"]
    assert pact.provenance.retries + pact.provenance.reasks == 1


def test_a_body_that_is_not_utf8_is_a_transient_failure_saying_so() -> None:
    with FaultServer(script=["bad_utf8"]) as server:
        backend = backend_at(server.url, max_retries=0)
        with pytest.raises(TransientBackendError, match="not UTF-8") as caught:
            backend.propose(Request(text=TEXT))
    assert "UnicodeDecodeError" not in type(caught.value).__name__


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_the_timeout_bounds_the_whole_request_not_each_read(asynchronous: bool) -> None:
    """A 1 byte / 50 ms trickle of a ~700-byte answer takes ~35 s; the timeout is 1 s."""
    with FaultServer(script=["trickle"], trickle_interval=0.05) as server:
        backend = backend_at(server.url, timeout=1.0, max_retries=0)
        started = time.monotonic()
        with pytest.raises(TransientBackendError, match=r"within 1 s") as caught:
            if asynchronous:
                asyncio.run(backend.apropose(Request(text=TEXT)))
            else:
                backend.propose(Request(text=TEXT))
        took = time.monotonic() - started
    assert took < 2.5, took
    assert "timeout" in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "said"),
    [("reset", "broke before the answer was complete"), ("truncated", "broke before")],
)
def test_a_connection_that_was_made_is_not_called_a_failure_to_connect(
    kind: str, said: str
) -> None:
    with FaultServer(script=[kind]) as server:
        backend = backend_at(server.url, max_retries=0)
        with pytest.raises(TransientBackendError) as caught:
            backend.propose(Request(text=TEXT))
    message = str(caught.value)
    assert said in message
    assert "could not connect" not in message
    assert ": ." not in message and "()" not in message


def test_a_huge_body_is_refused_without_parsing_it() -> None:
    with FaultServer(script=["huge"]) as server:
        backend = backend_at(server.url, max_retries=0)
        with pytest.raises(TransientBackendError, match="over 1,048,576 bytes"):
            backend.propose(Request(text=TEXT))


# --------------------------------------------------------------------------- job-wide failures


@pytest.mark.parametrize(
    ("status", "word"),
    [
        ((401, "Unauthorized"), "authentication"),
        ((403, "Forbidden"), "permission"),
        ((404, "Not Found"), "not found"),
    ],
)
def test_401_403_404_make_the_backend_unusable(status: tuple[int, str], word: str) -> None:
    with FaultServer(status=status) as server:
        backend = backend_at(server.url, api_key=KEY)
        with pytest.raises(BackendUnusable, match=word) as caught:
            backend.propose(Request(text=TEXT))
    assert isinstance(caught.value, BackendError)
    assert caught.value.status_code == status[0]
    assert server.served.total() == 1  # not retried


def test_a_key_the_server_echoes_back_is_scrubbed_from_the_error() -> None:
    with FaultServer(status=(401, "Unauthorized")) as server:
        backend = backend_at(server.url, api_key=KEY)
        with pytest.raises(BackendUnusable) as caught:
            backend.propose(Request(text=TEXT))
    message = str(caught.value)
    assert "Bearer ***" in message
    assert KEY not in message and "SECRET" not in message


def test_the_settings_repr_holds_no_key() -> None:
    backend = OpenAIBackend(model="stub", base_url="http://127.0.0.1:9/v1", api_key=KEY)
    assert KEY not in repr(backend.settings)
    assert KEY not in repr(backend.options)
    assert backend.settings.api_key == KEY


@pytest.mark.parametrize("url", ["localhost:8000", "127.0.0.1:8080/v1", "htp//x", "http://"])
def test_a_malformed_base_url_is_refused_up_front(url: str) -> None:
    with pytest.raises(BackendUnusable, match="not an http:// or https:// URL"):
        OpenAIBackend(model="stub", base_url=url)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connections_refused_in_a_row_make_the_backend_unusable() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    waits: list[float] = []

    def wait(seconds: float) -> None:  # a quicker backoff, real time all the same
        waits.append(seconds)
        time.sleep(0.7)

    backend = OpenAIBackend(
        model="stub", base_url=url, max_retries=20, max_connect_failures=4, sleep=wait
    )
    started = time.monotonic()
    with pytest.raises(BackendUnusable, match="4 connections in a row failed over 2 s"):
        backend.propose(Request(text=TEXT))
    assert len(waits) == 3  # three retries, then the fourth refusal, 2.1 s on, ends it
    assert time.monotonic() - started < 4


def test_a_burst_of_refusals_is_not_a_server_down() -> None:
    """Many requests refused at the same instant (a server restarting) end nothing."""
    now = [0.0]
    watch = ConnectWatch(4, clock=lambda: now[0])
    for _ in range(16):
        assert isinstance(watch.refused(ConnectFailed("could not connect")), ConnectFailed)
    now[0] = 2.5
    assert isinstance(watch.refused(ConnectFailed("could not connect")), BackendUnusable)


def test_refusals_separated_by_answers_never_add_up() -> None:
    watch = ConnectWatch(2, down_for=0.0)
    for _ in range(3):
        assert isinstance(watch.refused(ConnectFailed("could not connect")), ConnectFailed)
        watch.answered()
    assert isinstance(watch.refused(ConnectFailed("could not connect")), ConnectFailed)
    assert isinstance(watch.refused(ConnectFailed("could not connect")), BackendUnusable)
