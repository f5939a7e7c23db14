"""The openai backend's typed options, and where each one may come from.

Every option can be passed as an argument (``OpenAIBackend(model=...)``, or
``Options(...)``, which the CLI fills from ``--model``/``--base-url``); the server and
the key can also come from the environment:

=================  ============================================================
option             environment (used when the option is not given)
=================  ============================================================
``model``          ``PACTPARSE_MODEL``
``base_url``       ``PACTPARSE_BASE_URL``, then ``OPENAI_BASE_URL``
``api_key``        ``PACTPARSE_API_KEY``, then ``OPENAI_API_KEY``
=================  ============================================================

A local server (any ``base_url`` that is not api.openai.com) needs no key: a
placeholder is sent. api.openai.com without a key is a :class:`ConfigurationError`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from ...errors import BackendUnusable, ConfigurationError
from ...redact import register_secret

__all__ = [
    "OPENAI_HOST",
    "PLACEHOLDER_KEY",
    "Mode",
    "Options",
    "Settings",
    "check_base_url",
    "resolve_settings",
]

Mode = Literal["auto", "json_schema", "tools", "json_object"]

OPENAI_HOST = "api.openai.com"
#: Sent as the key to local servers, which ignore it but whose clients require one.
PLACEHOLDER_KEY = "not-needed"


class Options(BaseModel):
    """Options of the ``openai`` backend. Unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str | None = Field(default=None, description="Model name; else $PACTPARSE_MODEL")
    base_url: str | None = Field(
        default=None,
        description=(
            "OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (vLLM, Ollama, llama.cpp, "
            "LM Studio); else $PACTPARSE_BASE_URL, $OPENAI_BASE_URL, else api.openai.com"
        ),
    )
    api_key: SecretStr | None = Field(
        default=None, description="Else $PACTPARSE_API_KEY, else $OPENAI_API_KEY"
    )
    mode: Mode = Field(
        default="auto",
        description=(
            "How the answer is constrained: json_schema (structured outputs, strict), tools "
            "(one forced function call), json_object (JSON mode, schema in the prompt and in "
            "llama.cpp's response_format.schema), or auto: json_schema, falling back to "
            "json_object once when the server says json_schema is unsupported"
        ),
    )
    max_tokens: int = Field(default=700, gt=0, description="Cap on the answer's tokens")
    temperature: float | None = Field(
        default=0.0, ge=0.0, le=2.0, description="None leaves it to the server"
    )
    seed: int | None = Field(default=None, description="Sent when set, for reproducible answers")
    frequency_penalty: float | None = Field(
        default=None,
        ge=-2.0,
        le=2.0,
        description="Sent when set; small models that loop (Gemma 3 270M) stop with ~1.0",
    )
    presence_penalty: float | None = Field(
        default=None, ge=-2.0, le=2.0, description="Sent when set"
    )
    timeout: float = Field(
        default=60.0,
        gt=0,
        description=(
            "Seconds per HTTP request, from sending it to the last byte of the answer "
            "(a server that trickles its answer is cut off)"
        ),
    )
    max_retries: int = Field(
        default=5, ge=0, description="Transport retries (429, 5xx, timeouts, connection errors)"
    )
    max_retry_seconds: float = Field(
        default=120.0, gt=0, description="Total time budget for transport retries, waits included"
    )
    max_connect_failures: int = Field(
        default=4,
        ge=1,
        description=(
            "Connections refused in a row (any input, over at least 2 s, no answer in "
            "between) after which the server is taken to be down and a batch stops"
        ),
    )


@dataclass(frozen=True, slots=True)
class Settings:
    """Options resolved against the environment: what the backend actually uses."""

    model: str
    base_url: str | None
    api_key: str = field(repr=False)
    is_openai: bool


def _is_openai(base_url: str | None) -> bool:
    if base_url is None:
        return True
    return (urlsplit(base_url).hostname or "").lower() == OPENAI_HOST


def check_base_url(base_url: str) -> None:
    """Raise :class:`BackendUnusable` unless ``base_url`` is an http(s) URL with a host."""
    parts = urlsplit(base_url)
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return
    hint = f"http://{base_url}" if "://" not in base_url else "http://127.0.0.1:8080/v1"
    raise BackendUnusable(
        f"the base URL {base_url!r} is not an http:// or https:// URL with a host; "
        f"write it in full, e.g. {hint} (--base-url / PACTPARSE_BASE_URL)"
    )


def resolve_settings(options: Options, environ: Mapping[str, str] | None = None) -> Settings:
    """Fill unset options from ``environ``; one :class:`ConfigurationError` lists what's missing."""
    env = os.environ if environ is None else environ
    model = options.model or env.get("PACTPARSE_MODEL") or None
    base_url = options.base_url or env.get("PACTPARSE_BASE_URL") or env.get("OPENAI_BASE_URL")
    base_url = base_url or None
    key = (
        options.api_key.get_secret_value()
        if options.api_key is not None
        else env.get("PACTPARSE_API_KEY") or env.get("OPENAI_API_KEY") or None
    )
    is_openai = _is_openai(base_url)
    missing = []
    if model is None:
        missing.append("a model: pass --model M (OpenAIBackend(model=...)) or set PACTPARSE_MODEL")
    if key is None and is_openai:
        missing.append(
            "an API key for api.openai.com: set OPENAI_API_KEY or PACTPARSE_API_KEY "
            "(or pass --base-url URL / set PACTPARSE_BASE_URL for a local server, which needs none)"
        )
    if missing:
        raise ConfigurationError("the openai backend needs " + "; and ".join(missing))
    assert model is not None
    if base_url is not None:
        check_base_url(base_url)
    register_secret(key)
    return Settings(
        model=model, base_url=base_url, api_key=key or PLACEHOLDER_KEY, is_openai=is_openai
    )
