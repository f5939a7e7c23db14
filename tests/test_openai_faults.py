"""Fault paths of the openai backend, offline, with HAND-WRITTEN HTTP responses.

Nothing here was recorded from a server: every response is written below and served
through ``httpx2.MockTransport`` to the real openai client (``http_client=``). Retry
waits go to an injected ``sleep`` that records the requested delay instead of
sleeping. The recorded real-model behaviour is in ``test_openai_cassettes.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import httpx2
import pytest

from pactparse import aextract, extract
from pactparse.backends.base import Request
from pactparse.backends.openai import (
    SYSTEM_PROMPT,
    ModeUnsupportedError,
    OpenAIBackend,
    Options,
    draft_json_schema,
)
from pactparse.backends.openai.errors import parse_retry_after
from pactparse.errors import BackendError, ExtractionError, TransientBackendError
from pactparse.pipeline import ExtractOptions
from pactparse.schema import Grounding, Usage

pytestmark = [pytest.mark.usefixtures("clean_backend_env"), pytest.mark.block_network]

TEXT = (
    "Australia and Tuvalu have signed a treaty that lets Tuvaluans move to Australia, "
    "to counter China's influence in the Pacific."
)
GOOD = {
    "name": None,
    "status": "signed",
    "event": "new_pact",
    "parties": ["Australia", "Tuvalu"],
    "adversaries": ["China"],
    "provisions": [{"category": "migration_mobility", "text": "lets Tuvaluans move to Australia"}],
    "date_hints": [],
    "rationale": ["to counter China's influence in the Pacific"],
}
UNGROUNDED = {**GOOD, "parties": ["Australia", "Atlantis"]}
BASE_URL = "http://handwritten.test/v1"

Reply = httpx2.Response | Exception


def handwritten_completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    model: str = "handwritten-model-2026",
    prompt_tokens: int = 120,
    completion_tokens: int = 60,
    tool_arguments: str | None = None,
) -> httpx2.Response:
    """A chat.completion body written by hand, as an OpenAI-compatible server sends it."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_arguments is not None:
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "pact_draft", "arguments": tool_arguments},
            }
        ]
    return httpx2.Response(
        200,
        json={
            "id": "chatcmpl-handwritten",
            "object": "chat.completion",
            "created": 1_800_000_000,
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        },
    )


def handwritten_error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return httpx2.Response(
        status, headers=headers or {}, json={"error": {"message": message, "type": "error"}}
    )


def good() -> httpx2.Response:
    return handwritten_completion(json.dumps(GOOD))


@dataclass
class HandwrittenServer:
    """Serves the given replies in order and keeps every request it received."""

    replies: list[Reply]
    requests: list[httpx2.Request] = field(default_factory=list)

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        if not self.replies:
            raise AssertionError(f"unexpected extra request #{len(self.requests)}")
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]


@dataclass
class Sleeps:
    delays: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def backend_for(
    server: HandwrittenServer, sleeps: Sleeps | None = None, **options: Any
) -> OpenAIBackend:
    settings: dict[str, Any] = {"model": "requested-model", "base_url": BASE_URL, **options}
    return OpenAIBackend(
        http_client=httpx2.Client(transport=httpx2.MockTransport(server)),
        async_http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(server)),
        sleep=sleeps if sleeps is not None else Sleeps(),
        **settings,
    )


# -- transport retries -------------------------------------------------------------------


def test_handwritten_429_then_ok_waits_exactly_the_retry_after() -> None:
    server = HandwrittenServer([handwritten_error(429, "slow down", {"Retry-After": "7"}), good()])
    sleeps = Sleeps()
    pact = extract(TEXT, backend=backend_for(server, sleeps))
    assert sleeps.delays == [7.0]
    assert len(server.requests) == 2
    assert pact.provenance.retries == 1
    assert pact.provenance.reasks == 0


def test_handwritten_429_with_retry_after_ms() -> None:
    server = HandwrittenServer(
        [handwritten_error(429, "slow down", {"retry-after-ms": "1500"}), good()]
    )
    sleeps = Sleeps()
    extract(TEXT, backend=backend_for(server, sleeps))
    assert sleeps.delays == [1.5]


def test_retry_after_as_an_http_date() -> None:
    now = dt.datetime(2026, 11, 27, 12, 0, 0, tzinfo=dt.UTC)
    headers = {"retry-after": "Fri, 27 Nov 2026 12:00:30 GMT"}
    assert parse_retry_after(headers, now=now) == 30.0
    assert parse_retry_after({"retry-after": "Fri, 27 Nov 2026 11:00:00 GMT"}, now=now) == 0.0
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({}) is None


def test_handwritten_500_then_ok_backs_off_with_jitter() -> None:
    server = HandwrittenServer(
        [handwritten_error(500, "boom"), handwritten_error(502, "bad"), good()]
    )
    sleeps = Sleeps()
    pact = extract(TEXT, backend=backend_for(server, sleeps))
    assert pact.provenance.retries == 2
    assert len(sleeps.delays) == 2
    first, second = sleeps.delays
    assert 1.0 <= first <= 2.0  # initial 1 s + up to 1 s jitter
    assert 2.0 <= second <= 3.0  # doubled


def test_handwritten_timeout_then_ok() -> None:
    server = HandwrittenServer([httpx2.ReadTimeout("handwritten: read timed out"), good()])
    pact = extract(TEXT, backend=backend_for(server))
    assert pact.provenance.retries == 1
    assert len(server.requests) == 2


def test_handwritten_connection_error_then_ok() -> None:
    server = HandwrittenServer([httpx2.ConnectError("handwritten: connection refused"), good()])
    assert extract(TEXT, backend=backend_for(server)).provenance.retries == 1


def test_handwritten_200_with_a_body_that_is_not_json_is_retried() -> None:
    malformed = httpx2.Response(
        200, headers={"content-type": "application/json"}, content=b'{"choices": [<html>oops'
    )
    server = HandwrittenServer([malformed, good()])
    pact = extract(TEXT, backend=backend_for(server))
    assert pact.provenance.retries == 1 and pact.provenance.reasks == 0


def test_transient_failures_stop_after_max_retries() -> None:
    server = HandwrittenServer([handwritten_error(503, "overloaded") for _ in range(3)])
    sleeps = Sleeps()
    with pytest.raises(TransientBackendError) as info:
        extract(TEXT, backend=backend_for(server, sleeps, max_retries=2))
    assert len(server.requests) == 3
    assert len(sleeps.delays) == 2
    assert info.value.status_code == 503
    assert "gave up after 3 attempt(s)" in str(info.value)
    assert "max_retries" in str(info.value)


def test_a_retry_after_beyond_the_time_budget_is_not_waited_for() -> None:
    server = HandwrittenServer([handwritten_error(429, "quota", {"Retry-After": "600"})])
    sleeps = Sleeps()
    with pytest.raises(TransientBackendError) as info:
        extract(TEXT, backend=backend_for(server, sleeps, max_retry_seconds=120))
    assert sleeps.delays == []
    assert len(server.requests) == 1
    assert info.value.retry_after == 600.0


def test_the_openai_clients_own_retries_do_not_add_requests() -> None:
    server = HandwrittenServer([handwritten_error(429, "slow down")])
    with pytest.raises(TransientBackendError):
        extract(TEXT, backend=backend_for(server, max_retries=0))
    assert len(server.requests) == 1


# -- errors that a retry won't fix -------------------------------------------------------


def test_handwritten_401_fails_at_once_naming_the_key_variables() -> None:
    server = HandwrittenServer([handwritten_error(401, "Incorrect API key provided")])
    sleeps = Sleeps()
    with pytest.raises(BackendError) as info:
        extract(TEXT, backend=backend_for(server, sleeps))
    assert not isinstance(info.value, TransientBackendError)
    assert info.value.status_code == 401
    assert "OPENAI_API_KEY" in str(info.value) and "PACTPARSE_API_KEY" in str(info.value)
    assert len(server.requests) == 1 and sleeps.delays == []


def test_handwritten_404_names_the_model_and_the_base_url() -> None:
    server = HandwrittenServer(
        [handwritten_error(404, "The model `requested-model` does not exist")]
    )
    with pytest.raises(BackendError) as info:
        extract(TEXT, backend=backend_for(server))
    message = str(info.value)
    assert "'requested-model'" in message and BASE_URL in message
    assert "--model" in message and "--base-url" in message
    assert len(server.requests) == 1


def test_handwritten_403_and_400_fail_at_once() -> None:
    for status, hint in [(403, "no access to model"), (400, "try --mode json_object")]:
        server = HandwrittenServer([handwritten_error(status, "nope")])
        with pytest.raises(BackendError, match=hint) as info:
            extract(TEXT, backend=backend_for(server, mode="json_object"))
        assert not isinstance(info.value, TransientBackendError)
        assert len(server.requests) == 1


# The body llama-cpp-python's server sends for response_format json_schema (HTTP 500),
# retyped by hand from the recorded one in fixtures/cassettes/test_openai_cassettes/.
LLAMA_CPP_JSON_SCHEMA_500 = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', "
    "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}"
)


def test_handwritten_mode_unsupported_500_is_not_retried_in_an_explicit_mode() -> None:
    server = HandwrittenServer([handwritten_error(500, LLAMA_CPP_JSON_SCHEMA_500)])
    sleeps = Sleeps()
    with pytest.raises(ModeUnsupportedError) as info:
        extract(TEXT, backend=backend_for(server, sleeps, mode="json_schema"))
    assert info.value.status_code == 500 and info.value.mode == "json_schema"
    assert "try --mode json_object" in str(info.value)
    assert len(server.requests) == 1 and sleeps.delays == []


def test_handwritten_mode_unsupported_makes_auto_fall_back_once_and_remember() -> None:
    server = HandwrittenServer([handwritten_error(500, LLAMA_CPP_JSON_SCHEMA_500), good(), good()])
    options = Options(model="requested-model", base_url=BASE_URL)
    backend = OpenAIBackend(
        options, http_client=httpx2.Client(transport=httpx2.MockTransport(server))
    )
    assert backend.mode == "json_schema"
    first = extract(TEXT, backend=backend)
    extract(TEXT, backend=backend)
    formats = [b["response_format"] for b in server.bodies()]
    assert formats[0]["type"] == "json_schema"
    assert formats[1] == formats[2] == {"type": "json_object", "schema": draft_json_schema()}
    assert backend.mode == "json_object"
    assert options.mode == "auto"  # the caller's options are untouched
    assert first.provenance.retries == 0 and first.provenance.attempts == 1


def test_an_ordinary_500_is_transient_even_in_auto_mode() -> None:
    server = HandwrittenServer([handwritten_error(500, "CUDA out of memory"), good()])
    backend = backend_for(server, mode="auto")
    assert extract(TEXT, backend=backend).provenance.retries == 1
    assert backend.mode == "json_schema"


# -- answers the pipeline re-asks about --------------------------------------------------


def test_handwritten_malformed_json_then_a_good_answer_is_a_reask() -> None:
    broken = '{"name": null, "status": "signed", "parties": ["Australia",'
    server = HandwrittenServer([handwritten_completion(broken), good()])
    pact = extract(TEXT, backend=backend_for(server))
    assert (pact.provenance.attempts, pact.provenance.reasks, pact.provenance.retries) == (2, 1, 0)
    assert [p.code for p in pact.parties] == ["AUS", "TUV"]
    reask = server.bodies()[1]["messages"]
    assert reask[-2] == {"role": "assistant", "content": broken}
    assert reask[-1]["content"].startswith("Your answer had these problems:\n- invalid JSON")
    assert reask[-1]["content"].endswith("Return the corrected JSON object only.")


def test_handwritten_truncated_answer_is_reported_as_cut_off_and_reasked() -> None:
    cut = '{"name": null, "status": "signed", "event": "new_pact", "parties": ["Australia", "Tuv'
    server = HandwrittenServer(
        [handwritten_completion(cut, finish_reason="length", completion_tokens=700), good()]
    )
    pact = extract(TEXT, backend=backend_for(server))
    assert pact.provenance.reasks == 1
    error_turn = server.bodies()[1]["messages"][-1]["content"]
    assert "cut off at max_tokens=700" in error_turn


def test_a_truncation_the_server_does_not_report_is_still_recognised() -> None:
    # llama-cpp-python reports finish_reason "tool_calls" even when max_tokens cut the call.
    cut = '{"name": null, "status": "sig'
    server = HandwrittenServer(
        [
            handwritten_completion(
                None, finish_reason="tool_calls", completion_tokens=50, tool_arguments=cut
            )
        ]
    )
    proposal = backend_for(server, mode="tools", max_tokens=50).propose(Request(TEXT))
    assert proposal.draft is None
    assert proposal.errors == (
        "the answer was cut off at max_tokens=50 before the JSON object was complete; "
        "return a shorter JSON object (fewer, shorter phrases, no repetition)",
    )


def test_reasks_exhausted_with_raise_carry_every_attempts_raw_and_errors() -> None:
    answers = [
        handwritten_completion("no json here"),
        handwritten_completion(json.dumps(UNGROUNDED)),
    ]
    server = HandwrittenServer(list(answers))
    with pytest.raises(ExtractionError) as info:
        extract(
            TEXT,
            backend=backend_for(server),
            options=ExtractOptions(max_reasks=1, on_unverified="raise"),
        )
    attempts = info.value.attempts
    assert [a.raw for a in attempts] == ["no json here", json.dumps(UNGROUNDED)]
    assert attempts[0].errors == ("the answer contains no JSON object",)
    assert any("'Atlantis' is not mentioned in the summary" in e for e in attempts[1].errors)
    assert attempts[1].usage == {"prompt_tokens": 120, "completion_tokens": 60}
    assert len(server.requests) == 2


def test_reasks_exhausted_with_flag_return_the_record_with_warnings() -> None:
    ungrounded = {**UNGROUNDED, "parties": [*UNGROUNDED["parties"], "Mu"]}
    answers = [UNGROUNDED, ungrounded, UNGROUNDED]
    server = HandwrittenServer([handwritten_completion(json.dumps(a)) for a in answers])
    pact = extract(TEXT, backend=backend_for(server))  # default: max_reasks=2, flag
    assert pact.provenance.attempts == 3 and pact.provenance.reasks == 2
    atlantis = next(p for p in pact.parties if p.mention == "Atlantis")
    assert atlantis.grounding is Grounding.UNGROUNDED and atlantis.span is None
    warnings = pact.provenance.warnings
    assert any("'Atlantis' is not mentioned in the summary" in w for w in warnings)
    assert pact.provenance.usage == Usage(prompt_tokens=360, completion_tokens=180)


def test_an_answer_that_repeats_an_earlier_one_ends_the_reasks() -> None:
    # the same JSON, spaced otherwise the second time
    answers = [json.dumps(UNGROUNDED), json.dumps(UNGROUNDED, indent=2), json.dumps(UNGROUNDED)]
    server = HandwrittenServer([handwritten_completion(a) for a in answers])
    pact = extract(TEXT, backend=backend_for(server))  # max_reasks=2, but the answer repeats
    assert pact.provenance.attempts == 2 and len(server.requests) == 2
    assert pact.provenance.usage == Usage(prompt_tokens=240, completion_tokens=120)
    assert not any("was kept" in w for w in pact.provenance.warnings)


def test_the_answer_with_fewest_problems_is_kept_not_the_last() -> None:
    worse = {**UNGROUNDED, "status": "proposed", "parties": [*UNGROUNDED["parties"], "Mu"]}
    answers = [UNGROUNDED, worse, {**worse, "rationale": ["for Lemuria"]}]
    server = HandwrittenServer([handwritten_completion(json.dumps(a)) for a in answers])
    pact = extract(TEXT, backend=backend_for(server))
    assert pact.provenance.attempts == 3
    assert pact.status.value == UNGROUNDED["status"] != "proposed"
    assert "answer 1 of 3 was kept: it had the fewest problems" in pact.provenance.warnings


def test_the_model_the_server_reports_is_recorded_not_the_requested_one() -> None:
    server = HandwrittenServer([good()])
    pact = extract(TEXT, backend=backend_for(server))
    assert server.bodies()[0]["model"] == "requested-model"
    assert pact.provenance.model == "handwritten-model-2026"


# -- request shape per mode --------------------------------------------------------------


def test_json_object_mode_sends_the_schema_to_local_servers() -> None:
    server = HandwrittenServer([good()])
    extract(TEXT, backend=backend_for(server, mode="json_object", seed=7, frequency_penalty=1.0))
    body = server.bodies()[0]
    assert body["response_format"] == {"type": "json_object", "schema": draft_json_schema()}
    assert body["max_tokens"] == 700 and "max_completion_tokens" not in body
    assert (body["temperature"], body["seed"], body["frequency_penalty"]) == (0.0, 7, 1.0)
    assert "presence_penalty" not in body  # unset options are not sent
    assert body["messages"][0] == {"role": "system", "content": SYSTEM_PROMPT}
    assert "tools" not in body


def test_json_object_mode_against_api_openai_com_leaves_the_schema_out() -> None:
    server = HandwrittenServer([good()])
    backend = OpenAIBackend(
        model="gpt-4o-mini",
        api_key="sk-test-not-a-real-key",
        mode="json_object",
        http_client=httpx2.Client(transport=httpx2.MockTransport(server)),
    )
    extract(TEXT, backend=backend)
    body = server.bodies()[0]
    assert server.requests[0].url.host == "api.openai.com"
    assert body["response_format"] == {"type": "json_object"}
    assert body["max_completion_tokens"] == 700 and "max_tokens" not in body
    assert server.requests[0].headers["authorization"] == "Bearer sk-test-not-a-real-key"


def test_json_schema_mode_sends_strict_structured_outputs() -> None:
    server = HandwrittenServer([good()])
    extract(TEXT, backend=backend_for(server, mode="json_schema"))
    assert server.bodies()[0]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "pact_draft", "strict": True, "schema": draft_json_schema()},
    }


def test_tools_mode_forces_one_function_call_and_reads_its_arguments() -> None:
    server = HandwrittenServer(
        [handwritten_completion(None, tool_arguments=json.dumps(GOOD), finish_reason="tool_calls")]
    )
    pact = extract(TEXT, backend=backend_for(server, mode="tools"))
    body = server.bodies()[0]
    assert "response_format" not in body
    assert body["tool_choice"] == {"type": "function", "function": {"name": "pact_draft"}}
    [tool] = body["tools"]
    assert tool["function"]["parameters"] == draft_json_schema()
    assert [p.code for p in pact.parties] == ["AUS", "TUV"]


def test_a_local_server_gets_the_placeholder_key() -> None:
    server = HandwrittenServer([good()])
    extract(TEXT, backend=backend_for(server))
    assert server.requests[0].headers["authorization"] == "Bearer not-needed"


def test_retries_never_mutate_the_callers_objects() -> None:
    server = HandwrittenServer(
        [handwritten_error(503, "busy"), handwritten_completion("oops"), good()]
    )
    options = ExtractOptions(max_reasks=2)
    backend_options = Options(model="requested-model", base_url=BASE_URL, mode="json_object")
    backend = OpenAIBackend(
        backend_options,
        http_client=httpx2.Client(transport=httpx2.MockTransport(server)),
        sleep=Sleeps(),
    )
    extract(TEXT, backend=backend, options=options)
    first, retried, reasked = server.bodies()
    assert first == retried  # the retry resent the same request
    assert len(reasked["messages"]) == len(first["messages"]) + 2
    assert reasked["messages"][:2] == first["messages"]
    assert options == ExtractOptions(max_reasks=2)
    assert backend_options == Options(
        model="requested-model", base_url=BASE_URL, mode="json_object"
    )


# -- the limiter hook and the async path -------------------------------------------------


@dataclass
class RecordingLimiter:
    events: list[str] = field(default_factory=list)

    async def acquire(self) -> None:
        self.events.append("acquire")

    def acquire_sync(self) -> None:
        self.events.append("acquire_sync")

    def penalize(self, retry_after: float | None, *, status_code: int | None = None) -> None:
        self.events.append(f"penalize({retry_after}, {status_code})")


def test_a_limiter_is_consulted_before_each_request_and_told_of_429s() -> None:
    server = HandwrittenServer([handwritten_error(429, "slow", {"Retry-After": "3"}), good()])
    limiter = RecordingLimiter()
    backend = OpenAIBackend(
        model="m",
        base_url=BASE_URL,
        http_client=httpx2.Client(transport=httpx2.MockTransport(server)),
        sleep=Sleeps(),
        limiter=limiter,
    )
    extract(TEXT, backend=backend)
    assert limiter.events == ["acquire_sync", "penalize(3.0, 429)", "acquire_sync"]


async def test_async_429_then_ok_uses_the_async_client_sleep_and_limiter() -> None:
    server = HandwrittenServer([handwritten_error(429, "slow", {"Retry-After": "2"}), good()])
    waits: list[float] = []

    async def asleep(seconds: float) -> None:
        waits.append(seconds)

    limiter = RecordingLimiter()
    backend = OpenAIBackend(
        model="m",
        base_url=BASE_URL,
        async_http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(server)),
        asleep=asleep,
        limiter=limiter,
    )
    pact = await aextract(TEXT, backend=backend)
    assert waits == [2.0]
    assert pact.provenance.retries == 1
    assert limiter.events == ["acquire", "penalize(2.0, 429)", "acquire"]
    await backend.aclose()


async def test_async_reask_and_mode_fallback() -> None:
    server = HandwrittenServer(
        [handwritten_error(500, LLAMA_CPP_JSON_SCHEMA_500), handwritten_completion("{"), good()]
    )
    backend = backend_for(server)
    pact = await aextract(TEXT, backend=backend)
    assert backend.mode == "json_object"
    assert (pact.provenance.attempts, pact.provenance.reasks) == (2, 1)


def handler_never_called(request: httpx2.Request) -> httpx2.Response:
    raise AssertionError("no request expected")


def test_closing_leaves_injected_http_clients_open() -> None:
    client = httpx2.Client(transport=httpx2.MockTransport(handler_never_called))
    backend = OpenAIBackend(model="m", base_url=BASE_URL, http_client=client)
    backend._sync_client()
    backend.close()
    assert not client.is_closed
