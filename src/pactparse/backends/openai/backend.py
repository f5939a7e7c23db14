"""The ``openai`` backend: any OpenAI-compatible chat-completions server proposes drafts.

The model proposes, the library verifies: this backend only sends the summary (and,
on a re-ask, its earlier answers with the errors verification found) and parses the
answer into a :class:`~pactparse.draft.Draft` (``backends/chat/parsing.py``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, ClassVar, TypeVar

import httpx2
import openai
import orjson
from openai.types.chat import ChatCompletion

from ...errors import BackendError
from ...schema import Usage
from ..base import Backend, Feedback, Limiter, Proposal, Request, validate_options
from ..chat.parsing import parse_answer
from ..chat.prompt import PROMPT_VERSION, Message, build_messages
from ..chat.schema_for_models import draft_json_schema
from .errors import CLIENT_ERRORS, ConnectFailed, ModeUnsupportedError, map_openai_error
from .modes import OutputMode, mode_selector
from .options import Options as _Options
from .options import Settings, resolve_settings
from .retry import AsyncSleep, RetryPolicy, Sleep
from .transport import (
    STREAMED,
    ConnectWatch,
    async_timed_out,
    body_limit,
    parse_completion,
    read_body,
    read_body_async,
    request_deadline,
)

__all__ = ["OpenAIBackend"]

log = logging.getLogger("pactparse.backends.openai")

T = TypeVar("T")

# The body is posted with the client's own ``post`` (the official client's call for a
# request it should send as given), already serialized: ``chat.completions.create``
# first walks every argument, the schema and the messages, to transform them — about
# 2 ms of CPU per request, the largest cost of a call at high concurrency — and there
# is nothing in this body to transform; orjson then writes it several times faster
# than the client's JSON encoder.
_PATH = "/chat/completions"


def _options_from(options: _Options | None, overrides: dict[str, Any]) -> _Options:
    if not overrides:
        return options or _Options()
    base = options.model_dump(exclude_unset=True) if options is not None else {}
    return validate_options("openai", _Options, {**base, **overrides})


def _sync_sleep_as_async(sleep: Sleep) -> AsyncSleep:
    async def asleep(seconds: float) -> None:
        sleep(seconds)

    return asleep


class OpenAIBackend(Backend):
    """Drafts from a model behind an OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp…).

    Configure with an :class:`Options` object or its fields as keywords::

        OpenAIBackend(model="gemma3:270m", base_url="http://127.0.0.1:11434/v1")

    ``http_client``/``async_http_client`` (``httpx2`` clients, e.g. over a
    ``MockTransport``), ``sleep``/``asleep`` (the retry waits) and ``limiter`` (a
    shared :class:`~pactparse.backends.openai.retry.Limiter`) are injectable.
    """

    name: ClassVar[str] = "openai"
    supports_reask: ClassVar[bool] = True
    default_concurrency: ClassVar[int] = 16
    prompt_version: ClassVar[str | None] = PROMPT_VERSION
    Options: ClassVar[type[_Options]] = _Options
    takes_limiter: ClassVar[bool] = True

    def __init__(
        self,
        options: _Options | None = None,
        *,
        http_client: httpx2.Client | None = None,
        async_http_client: httpx2.AsyncClient | None = None,
        sleep: Sleep | None = None,
        asleep: AsyncSleep | None = None,
        limiter: Limiter | None = None,
        **overrides: Any,
    ) -> None:
        self.options = _options_from(options, overrides)
        self.settings: Settings = resolve_settings(self.options)
        self._modes = mode_selector(self.options.mode, is_openai=self.settings.is_openai)
        policy = RetryPolicy(
            max_retries=self.options.max_retries,
            max_retry_seconds=self.options.max_retry_seconds,
            limiter=limiter,
        )
        if sleep is not None:
            policy = dataclasses.replace(
                policy, sleep=sleep, asleep=asleep or _sync_sleep_as_async(sleep)
            )
        elif asleep is not None:
            policy = dataclasses.replace(policy, asleep=asleep)
        self._policy = policy
        self._connects = ConnectWatch(self.options.max_connect_failures)
        self._limit = body_limit(self.options.max_tokens)
        self._where = self.settings.base_url or "https://api.openai.com/v1"
        self._http_client = http_client
        self._async_http_client = async_http_client
        self._client: openai.OpenAI | None = None
        self._aclient: openai.AsyncOpenAI | None = None
        self._lock = threading.Lock()

    def use_limiter(self, limiter: Limiter | None) -> Limiter | None:
        """Consult ``limiter`` before each request from now on; returns the previous one.

        The batch engine's hook (see :func:`pactparse.batch.engine.attach_limiter`).
        """
        previous = self._policy.limiter
        self._policy = dataclasses.replace(self._policy, limiter=limiter)
        return previous

    @property
    def model(self) -> str:
        return self.settings.model

    @property
    def mode(self) -> str:
        """The output mode in use; ``auto`` is json_schema, or json_object after a fallback."""
        return self._modes.current.name

    # -- clients -------------------------------------------------------------------------

    def _client_args(self) -> dict[str, Any]:
        return {
            "api_key": self.settings.api_key,
            "base_url": self.settings.base_url,
            "timeout": self.options.timeout,
            "max_retries": 0,  # one retry policy governs: ours
        }

    def _sync_client(self) -> openai.OpenAI:
        with self._lock:
            if self._client is None:
                self._client = openai.OpenAI(**self._client_args(), http_client=self._http_client)
            return self._client

    def _async_client(self) -> openai.AsyncOpenAI:
        with self._lock:
            if self._aclient is None:
                self._aclient = openai.AsyncOpenAI(
                    **self._client_args(), http_client=self._async_http_client
                )
            return self._aclient

    def close(self) -> None:
        if self._client is not None and self._http_client is None:
            self._client.close()
        self._client = None

    async def aclose(self) -> None:
        if self._aclient is not None and self._async_http_client is None:
            await self._aclient.close()
        self._aclient = None
        self.close()

    # -- requests ------------------------------------------------------------------------

    def _body(self, mode: OutputMode, messages: list[Message]) -> bytes:
        """The chat-completions request body, as JSON."""
        args: dict[str, Any] = {"model": self.settings.model, "messages": messages}
        # api.openai.com's newer models refuse max_tokens; other servers only know max_tokens.
        token_cap = "max_completion_tokens" if self.settings.is_openai else "max_tokens"
        args[token_cap] = self.options.max_tokens
        if self.options.temperature is not None:
            args["temperature"] = self.options.temperature
        for name in ("seed", "frequency_penalty", "presence_penalty"):
            value = getattr(self.options, name)
            if value is not None:
                args[name] = value
        args.update(mode.request_fields_for(draft_json_schema()))
        return orjson.dumps(args)

    def _create(self, mode: OutputMode, messages: list[Message]) -> ChatCompletion:
        client = self._sync_client()
        timeout = self.options.timeout
        deadline = request_deadline(timeout)
        try:
            response = client.post(
                _PATH,
                content=self._body(mode, messages),
                cast_to=httpx2.Response,
                options=STREAMED,
            )
            self._connects.answered()
            body = read_body(
                response, deadline=deadline, timeout=timeout, limit=self._limit, where=self._where
            )
            completion = parse_completion(body)
        except CLIENT_ERRORS as exc:
            raise self._error(exc, mode) from exc
        return completion

    async def _acreate(self, mode: OutputMode, messages: list[Message]) -> ChatCompletion:
        client = self._async_client()
        timeout = self.options.timeout
        try:
            try:
                async with asyncio.timeout(timeout):
                    response = await client.post(
                        _PATH,
                        content=self._body(mode, messages),
                        cast_to=httpx2.Response,
                        options=STREAMED,
                    )
                    self._connects.answered()
                    body = await read_body_async(response, limit=self._limit, where=self._where)
            except TimeoutError:
                raise async_timed_out(self._where, timeout) from None
            completion = parse_completion(body)
        except CLIENT_ERRORS as exc:
            raise self._error(exc, mode) from exc
        return completion

    def _error(self, exc: Exception, mode: OutputMode) -> BackendError:
        """The pactparse error for a client failure; too many refused connections in a
        row make the backend unusable (the batch stops)."""
        error = map_openai_error(exc, self.settings, mode)
        if isinstance(error, ConnectFailed):
            return self._connects.refused(error)
        if isinstance(exc, openai.APIStatusError):
            self._connects.answered()
        return error

    def _fall_back(self, failed: OutputMode, exc: ModeUnsupportedError) -> OutputMode:
        mode = self._modes.fall_back(failed)
        if mode is None:
            raise exc
        log.info("%s; falling back to the %s mode for this backend", exc, mode.name)
        return mode

    def propose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        messages = build_messages(request, feedback)
        mode = self._modes.current
        while True:
            try:
                completion, retries = self._policy.call(partial(self._create, mode, messages))
            except ModeUnsupportedError as exc:
                mode = self._fall_back(mode, exc)
                continue
            return self._proposal(completion, mode, retries)

    async def apropose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        messages = build_messages(request, feedback)
        mode = self._modes.current
        while True:
            try:
                completion, retries = await self._policy.acall(
                    partial(self._acreate, mode, messages)
                )
            except ModeUnsupportedError as exc:
                mode = self._fall_back(mode, exc)
                continue
            return self._proposal(completion, mode, retries)

    # -- one request as given (the provider's Batch API: pactparse.batch.provider_batch) ---

    def request_body(self, request: Request, feedback: Sequence[Feedback] = ()) -> bytes:
        """The chat-completions body :meth:`propose` would send for ``request``, as JSON."""
        return self._body(self._modes.current, build_messages(request, feedback))

    def read_completion(self, body: bytes) -> Proposal:
        """The proposal in a chat-completion answer given as JSON (a Batch API output's)."""
        return self._proposal(parse_completion(body), self._modes.current, 0)

    def call_api(self, call: Callable[[openai.OpenAI], T], *, retry: bool = True) -> T:
        """``call(client)`` with the official client, under the retry policy (once with
        ``retry=False``); its errors become pactparse's (the Batch API's files and batches
        are called this way)."""
        client = self._sync_client()

        def attempt() -> T:
            try:
                return call(client)
            except CLIENT_ERRORS as exc:
                raise map_openai_error(exc, self.settings, self._modes.current) from exc

        if not retry:
            return attempt()
        result, _ = self._policy.call(attempt)
        return result

    def send_body(self, body: bytes) -> bytes:
        """Send a chat-completions ``body`` as given; the answer's JSON. Raises
        :class:`~pactparse.errors.BackendError` when it fails after its retries."""

        def send(client: openai.OpenAI) -> bytes:
            data = client.post(_PATH, content=body, cast_to=httpx2.Response).read()
            parse_completion(data)  # not a completion: a transient failure, retried
            return data

        return self.call_api(send)

    # -- answers -------------------------------------------------------------------------

    def _proposal(self, completion: ChatCompletion, mode: OutputMode, retries: int) -> Proposal:
        usage = (
            Usage(
                prompt_tokens=completion.usage.prompt_tokens or 0,
                completion_tokens=completion.usage.completion_tokens or 0,
            )
            if completion.usage is not None
            else Usage()
        )
        model = completion.model or self.settings.model
        if not completion.choices:
            proposal = Proposal(
                draft=None,
                raw=None,
                errors=("the server returned no answer (no choices); answer again",),
                usage=usage,
                model=model,
            )
        else:
            choice = completion.choices[0]
            proposal = parse_answer(
                mode.answer_text(choice.message),
                finish_reason=choice.finish_reason,
                max_tokens=self.options.max_tokens,
                usage=usage,
                model=model,
                refusal=getattr(choice.message, "refusal", None),
            )
        return dataclasses.replace(proposal, retries=retries)
