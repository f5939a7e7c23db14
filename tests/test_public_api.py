"""The public API is frozen: changing it is a decision, not an accident."""

import pactparse


def test_public_names() -> None:
    assert set(pactparse.__all__) >= {
        "extract",
        "aextract",
        "Pact",
        "ExtractOptions",
        "PactParseError",
        "InputError",
        "BackendError",
        "ExtractionError",
        "ConfigurationError",
        "get_backend",
    }
    for name in pactparse.__all__:
        assert hasattr(pactparse, name), name


def test_exception_tree() -> None:
    assert issubclass(pactparse.InputError, pactparse.PactParseError)
    assert issubclass(pactparse.BackendError, pactparse.PactParseError)
    assert issubclass(pactparse.TransientBackendError, pactparse.BackendError)
    assert issubclass(pactparse.ExtractionError, pactparse.PactParseError)
    assert issubclass(pactparse.ConfigurationError, pactparse.PactParseError)
    assert issubclass(pactparse.NoRecord, pactparse.ExtractionError)
    assert issubclass(pactparse.NoPactFound, pactparse.NoRecord)
    assert issubclass(pactparse.UnsupportedLanguage, pactparse.NoRecord)


def test_testing_helpers_are_public() -> None:
    from pactparse import testing

    assert set(testing.__all__) == {"FakeBackend", "ScriptedBackend", "override_backend"}
