"""Configuration of the openai backend: arguments, environment, one clear error."""

from __future__ import annotations

import pytest

from pactparse.backends.openai import OpenAIBackend, Options
from pactparse.backends.registry import get_backend
from pactparse.errors import ConfigurationError

pytestmark = pytest.mark.usefixtures("clean_backend_env")


def test_no_model_and_no_key_is_one_error_naming_what_to_set() -> None:
    with pytest.raises(ConfigurationError) as info:
        OpenAIBackend()
    message = str(info.value)
    assert "PACTPARSE_MODEL" in message and "--model" in message
    assert "OPENAI_API_KEY" in message and "PACTPARSE_API_KEY" in message


def test_a_missing_model_is_an_error_even_with_a_local_server() -> None:
    with pytest.raises(ConfigurationError, match="PACTPARSE_MODEL") as info:
        OpenAIBackend(base_url="http://127.0.0.1:8080/v1")
    assert "API key" not in str(info.value)


def test_api_openai_com_without_a_key_is_an_error() -> None:
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY") as info:
        OpenAIBackend(model="gpt-4o-mini")
    assert "PACTPARSE_MODEL" not in str(info.value)


def test_a_local_server_needs_no_key() -> None:
    backend = OpenAIBackend(model="m", base_url="http://127.0.0.1:8080/v1")
    assert backend.settings.api_key == "not-needed"
    assert not backend.settings.is_openai


def test_the_environment_fills_what_arguments_leave_unset(
    clean_backend_env: pytest.MonkeyPatch,
) -> None:
    clean_backend_env.setenv("PACTPARSE_MODEL", "env-model")
    clean_backend_env.setenv("PACTPARSE_BASE_URL", "http://10.0.0.2:8000/v1")
    clean_backend_env.setenv("OPENAI_API_KEY", "sk-openai")
    clean_backend_env.setenv("PACTPARSE_API_KEY", "sk-pactparse")
    backend = OpenAIBackend()
    assert backend.model == "env-model"
    assert backend.settings.base_url == "http://10.0.0.2:8000/v1"
    assert backend.settings.api_key == "sk-pactparse"  # the more specific variable wins

    explicit = OpenAIBackend(model="arg-model", base_url="http://h/v1", api_key="sk-arg")
    assert (explicit.model, explicit.settings.base_url) == ("arg-model", "http://h/v1")
    assert explicit.settings.api_key == "sk-arg"


def test_openai_key_from_the_environment_is_enough_for_api_openai_com(
    clean_backend_env: pytest.MonkeyPatch,
) -> None:
    clean_backend_env.setenv("OPENAI_API_KEY", "sk-openai")
    backend = OpenAIBackend(model="gpt-4o-mini")
    assert backend.settings.is_openai and backend.settings.api_key == "sk-openai"


def test_options_reject_unknown_keys_and_bad_values() -> None:
    with pytest.raises(ConfigurationError, match="temprature"):
        OpenAIBackend(model="m", base_url="http://h/v1", temprature=0.5)
    with pytest.raises(ConfigurationError, match="mode"):
        OpenAIBackend(model="m", base_url="http://h/v1", mode="xml")
    with pytest.raises(ConfigurationError, match="max_tokens"):
        get_backend("openai", model="m", base_url="http://h/v1", max_tokens=0)


def test_the_registry_builds_it_from_typed_options() -> None:
    backend = get_backend("openai", model="m", base_url="http://h/v1", mode="tools", max_tokens=300)
    assert isinstance(backend, OpenAIBackend)
    assert backend.options == Options(
        model="m", base_url="http://h/v1", mode="tools", max_tokens=300
    )
    assert backend.mode == "tools"


def test_keywords_override_an_options_object_without_mutating_it() -> None:
    options = Options(model="m", base_url="http://h/v1", max_tokens=300)
    backend = OpenAIBackend(options, max_tokens=400)
    assert backend.options.max_tokens == 400 and backend.options.model == "m"
    assert options.max_tokens == 300


def test_defaults_match_the_documented_budget() -> None:
    options = Options()
    assert (options.mode, options.max_tokens, options.temperature) == ("auto", 700, 0.0)
    assert (options.timeout, options.max_retries, options.max_retry_seconds) == (60.0, 5, 120.0)


def test_the_key_never_shows_in_reprs() -> None:
    options = Options(model="m", api_key="sk-secret-value")
    assert "sk-secret-value" not in repr(options)
    assert "sk-secret-value" not in str(options.model_dump())


def test_the_openai_clients_own_retries_are_off() -> None:
    backend = OpenAIBackend(model="m", base_url="http://h/v1")
    assert backend._sync_client().max_retries == 0
    assert backend._async_client().max_retries == 0
    assert backend._sync_client().timeout == 60.0


def test_the_public_api_is_frozen() -> None:
    import pactparse.backends.openai as package

    assert sorted(package.__all__) == [
        "Limiter",
        "Mode",
        "ModeUnsupportedError",
        "OpenAIBackend",
        "Options",
        "PROMPT_VERSION",
        "RetryPolicy",
        "SYSTEM_PROMPT",
        "build_messages",
        "draft_json_schema",
    ]
    assert OpenAIBackend.name == "openai" and OpenAIBackend.supports_reask
    assert OpenAIBackend.default_concurrency == 16
