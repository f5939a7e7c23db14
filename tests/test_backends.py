"""Backends by name, through the entry-point group, with typed options."""

from __future__ import annotations

import pytest

from pactparse import ConfigurationError, available_backends, get_backend
from pactparse.backends.registry import default_backend_name
from pactparse.backends.rules import RulesBackend


def test_builtin_backends_register_as_entry_points() -> None:
    assert {"rules", "openai", "llamacpp"} <= set(available_backends())
    assert isinstance(get_backend("rules"), RulesBackend)


def test_test_doubles_are_not_production_backends() -> None:
    assert "fake" not in available_backends()
    with pytest.raises(ConfigurationError, match="unknown backend 'fake'"):
        get_backend("fake")


def test_override_swaps_the_backend_inside_code_under_test() -> None:
    from pactparse import Draft, extract, extract_many
    from pactparse.testing import FakeBackend, override_backend

    draft = Draft(
        name=None,
        status="signed",
        event="new_pact",
        parties=["Mali", "Niger"],
        adversaries=[],
        provisions=[],
        date_hints=[],
        rationale=[],
    )
    fake = FakeBackend([draft])
    text = "Mali and Niger have agreed on something."
    with override_backend(fake):
        named = extract(text, backend="openai")
        default = extract(text)
        rows = list(extract_many([text], backend="rules"))
    assert [p.code for p in named.parties] == ["MLI", "NER"]
    assert named.provenance.backend == default.provenance.backend == "fake"
    assert rows[0].pact is not None and rows[0].pact.provenance.backend == "fake"
    assert len(fake.calls) == 3
    # outside the block, names mean their backends again
    assert extract("Mali and Niger have signed a security pact.").provenance.backend == "rules"


def test_unknown_backend_names_the_installed_ones() -> None:
    with pytest.raises(ConfigurationError, match=r"unknown backend 'nope'.*rules"):
        get_backend("nope")


def test_backend_without_options_rejects_options() -> None:
    with pytest.raises(ConfigurationError, match="takes no options"):
        get_backend("rules", model="x")


def test_default_backend_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PACTPARSE_BACKEND", raising=False)
    assert default_backend_name() == "rules"
    monkeypatch.setenv("PACTPARSE_BACKEND", "fake")
    assert default_backend_name() == "fake"


def test_rules_backend_is_deterministic() -> None:
    from pactparse import extract

    text = "The US and Japan are planning an update to their security pact to deter China."
    a, b = extract(text), extract(text)
    assert a.model_dump(exclude={"provenance"}) == b.model_dump(exclude={"provenance"})
    assert a.status == "planned" and a.event == "amendment"
