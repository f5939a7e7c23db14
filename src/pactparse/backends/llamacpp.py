"""The ``llamacpp`` backend: a GGUF model in-process with llama-cpp-python.

An optional extra (``pip install 'pactparse[llamacpp]'``); ``llama_cpp`` is imported
only when the model is first needed. The prompt and the draft schema are the openai
backend's; the answer is grammar-constrained by the schema
(``response_format={"type": "json_object", "schema": ...}``) and goes through the
same verification and re-ask path as every backend::

    from pactparse import extract
    from pactparse.backends.llamacpp import LlamaCppBackend

    pact = extract(text, backend=LlamaCppBackend(model_path="gemma-3-270m-q4_k_m.gguf"))
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, Field

from ..errors import BackendError, ConfigurationError
from ..schema import Usage
from .base import Backend, Feedback, Proposal, Request, validate_options
from .chat.parsing import parse_answer
from .chat.prompt import PROMPT_VERSION, build_messages
from .chat.schema_for_models import draft_json_schema

__all__ = ["LlamaCppBackend", "LlamaCppOptions"]


class LlamaCppOptions(BaseModel):
    """Options of the ``llamacpp`` backend. Unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model_path: str | None = Field(
        default=None, description="The .gguf file; else $PACTPARSE_LLAMACPP_MODEL"
    )
    n_ctx: int = Field(default=4096, gt=0, description="Context window in tokens")
    max_tokens: int = Field(default=700, gt=0, description="Cap on the answer's tokens")
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    seed: int = Field(default=0, description="Sampling seed, for reproducible answers")
    frequency_penalty: float = Field(
        default=0.0, ge=-2.0, le=2.0, description="~1.0 stops small models that loop"
    )
    presence_penalty: float = Field(default=0.0, ge=-2.0, le=2.0)
    n_threads: int | None = Field(default=None, gt=0, description="CPU threads; None: llama.cpp's")
    chat_format: str | None = Field(
        default=None, description="llama-cpp-python chat format; None: the model file's template"
    )
    extra_buffer_types: bool = Field(
        default=True,
        description=(
            "let llama.cpp repack the weights into extra buffer types (its default); False "
            "on CPUs where llama-cpp-python 0.3.36 crashes in llama_decode while repacking"
        ),
    )


class ChatModel(Protocol):
    """What the backend needs of ``llama_cpp.Llama`` (tests inject a fake)."""

    def create_chat_completion(
        self,
        *,
        messages: Any,
        response_format: Any,
        max_tokens: int | None,
        temperature: float,
        seed: int | None,
        frequency_penalty: float,
        presence_penalty: float,
    ) -> Any: ...


def _load_llama(options: LlamaCppOptions, model_path: Path) -> ChatModel:
    try:
        import llama_cpp
    except ImportError as exc:
        raise ConfigurationError(
            "the llamacpp backend needs llama-cpp-python; install it with: "
            "pip install 'pactparse[llamacpp]'"
        ) from exc
    with _extra_buffer_types(llama_cpp, options.extra_buffer_types):
        model: ChatModel = llama_cpp.Llama(
            model_path=str(model_path),
            n_ctx=options.n_ctx,
            seed=options.seed,
            n_threads=options.n_threads,
            chat_format=options.chat_format,
            verbose=False,
        )
    return model


_PARAMS_LOCK = threading.Lock()


@contextmanager
def _extra_buffer_types(llama_cpp: Any, allowed: bool) -> Iterator[None]:
    """While a model loads, its parameters say whether llama.cpp may repack weights into
    extra buffer types (``use_extra_bufts``). ``Llama()`` has no argument for it, so the
    low-level default it starts from is wrapped for the duration of the load."""
    low_level = llama_cpp.llama_cpp
    if allowed:
        yield
        return
    with _PARAMS_LOCK:
        default = low_level.llama_model_default_params

        def without_extra_buffer_types() -> Any:
            params = default()
            params.use_extra_bufts = False
            return params

        low_level.llama_model_default_params = without_extra_buffer_types
        try:
            yield
        finally:
            low_level.llama_model_default_params = default


class LlamaCppBackend(Backend):
    """Drafts from a local GGUF model run in-process by llama-cpp-python."""

    name: ClassVar[str] = "llamacpp"
    supports_reask: ClassVar[bool] = True
    default_concurrency: ClassVar[int] = 1
    prompt_version: ClassVar[str | None] = PROMPT_VERSION
    Options: ClassVar[type[LlamaCppOptions]] = LlamaCppOptions

    def __init__(
        self,
        options: LlamaCppOptions | None = None,
        *,
        llama: ChatModel | None = None,
        **overrides: Any,
    ) -> None:
        base = options.model_dump(exclude_unset=True) if options is not None else {}
        self.options = validate_options("llamacpp", LlamaCppOptions, {**base, **overrides})
        self._llama = llama
        self._owns_llama = llama is None
        path = self.options.model_path or os.environ.get("PACTPARSE_LLAMACPP_MODEL")
        if llama is None and not path:
            raise ConfigurationError(
                "the llamacpp backend needs a model file: pass model_path=... "
                "or set PACTPARSE_LLAMACPP_MODEL to a .gguf path"
            )
        self._path = Path(path) if path else None
        self._lock = threading.Lock()  # a llama.cpp context serves one call at a time

    @property
    def model(self) -> str | None:
        return self._path.name if self._path is not None else None

    def _model(self) -> ChatModel:
        if self._llama is None:
            assert self._path is not None
            if not self._path.is_file():
                raise ConfigurationError(
                    f"the llamacpp model file {str(self._path)!r} does not exist; "
                    "pass model_path=... or set PACTPARSE_LLAMACPP_MODEL to a .gguf path"
                )
            self._llama = _load_llama(self.options, self._path)
        return self._llama

    def propose(self, request: Request, feedback: Sequence[Feedback] = ()) -> Proposal:
        messages = build_messages(request, feedback)
        with self._lock:
            try:
                result = self._model().create_chat_completion(
                    messages=messages,
                    response_format={"type": "json_object", "schema": draft_json_schema()},
                    max_tokens=self.options.max_tokens,
                    temperature=self.options.temperature,
                    seed=self.options.seed,
                    frequency_penalty=self.options.frequency_penalty,
                    presence_penalty=self.options.presence_penalty,
                )
            except (ValueError, RuntimeError) as exc:  # llama.cpp's failures, e.g. context full
                raise BackendError(f"llama.cpp failed: {exc}") from exc
        return self._proposal(result)

    def _proposal(self, result: Any) -> Proposal:
        usage_data = result.get("usage") or {}
        usage = Usage(
            prompt_tokens=int(usage_data.get("prompt_tokens", 0)),
            completion_tokens=int(usage_data.get("completion_tokens", 0)),
        )
        choice = (result.get("choices") or [{}])[0]
        raw = (choice.get("message") or {}).get("content")
        return parse_answer(
            None if raw is None else str(raw),
            finish_reason=choice.get("finish_reason"),
            max_tokens=self.options.max_tokens,
            usage=usage,
            model=self.model,
        )

    def close(self) -> None:
        """Free the model this backend loaded (an injected one is the caller's to close)."""
        close = getattr(self._llama, "close", None)
        if self._owns_llama and callable(close):
            close()
            self._llama = None
