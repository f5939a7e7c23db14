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
