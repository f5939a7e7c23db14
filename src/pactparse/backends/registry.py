"""Backends by name, through the ``pactparse.backends`` entry-point group.

The built-in backends (``rules``, ``openai``, ``llamacpp``) register in
pactparse's own ``pyproject.toml`` exactly like a third-party backend would::

    [project.entry-points."pactparse.backends"]
    mybackend = "mypackage.backend:MyBackend"
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from pydantic import BaseModel

from ..errors import ConfigurationError
from .base import Backend, validate_options

__all__ = [
    "DEFAULT_BACKEND",
    "available_backends",
    "backend_override",
    "default_backend_name",
    "get_backend",
    "overriding_backend",
]

ENTRY_POINT_GROUP = "pactparse.backends"
DEFAULT_BACKEND = "rules"

_OVERRIDE: ContextVar[Backend | None] = ContextVar("pactparse_backend_override", default=None)


@contextmanager
def backend_override(backend: Backend) -> Iterator[None]:
    """While the block runs, :func:`get_backend` returns ``backend`` whatever the name
    (see :func:`pactparse.testing.override_backend`)."""
    token = _OVERRIDE.set(backend)
    try:
        yield
    finally:
        _OVERRIDE.reset(token)


def overriding_backend() -> Backend | None:
    """The backend :func:`backend_override` puts in place of every name, if any."""
    return _OVERRIDE.get()


@cache
def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_backends() -> list[str]:
    """Names of every installed backend."""
    return sorted(_entry_points())


def default_backend_name() -> str:
    """``$PACTPARSE_BACKEND`` when set, else ``rules`` (offline, no key needed)."""
    return os.environ.get("PACTPARSE_BACKEND") or DEFAULT_BACKEND


def backend_class(name: str) -> type[Backend]:
    eps = _entry_points()
    if name not in eps:
        known = ", ".join(available_backends()) or "none (is pactparse installed?)"
        raise ConfigurationError(
            f"unknown backend {name!r}; installed backends: {known}. "
            f"Third-party backends register under the entry-point group {ENTRY_POINT_GROUP!r}."
        )
    try:
        cls = eps[name].load()
    except ImportError as exc:
        raise ConfigurationError(
            f"backend {name!r} needs a package that is not installed ({exc}); "
            f"install it with: pip install 'pactparse[{name}]'"
        ) from exc
    if not (isinstance(cls, type) and issubclass(cls, Backend)):
        raise ConfigurationError(
            f"entry point {name!r} in {ENTRY_POINT_GROUP!r} is not a pactparse Backend class"
        )
    return cls


def get_backend(name: str | None = None, **options: Any) -> Backend:
    """Create the backend called ``name`` (default: :func:`default_backend_name`).

    ``options`` are the backend's own typed options (see its ``Options`` class);
    unknown or invalid options raise :class:`~pactparse.errors.ConfigurationError`.
    """
    override = _OVERRIDE.get()
    if override is not None:
        return override
    name = name or default_backend_name()
    cls = backend_class(name)
    options_model: type[BaseModel] | None = getattr(cls, "Options", None)
    if options_model is None:
        if options:
            raise ConfigurationError(
                f"backend {name!r} takes no options (got: {', '.join(sorted(options))})"
            )
        return cls()
    return cls(validate_options(name, options_model, options))  # type: ignore[call-arg]
