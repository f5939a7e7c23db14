"""A cache of extracted pacts, so an identical summary is extracted once.

The key is the sha256 of everything the record depends on: the text's sha256, the
backend's name, model and prompt version, the reference date, the extraction
options (re-asks, on_unverified) and the pactparse version (verification may
change between versions). The value is the Pact JSON; on a hit the record comes
back with ``source.id`` set to the new input's id. Only records are cached, never
errors.

The cache is one SQLite file, ``cache.sqlite3``, in :func:`default_cache_dir`:

* ``$PACTPARSE_CACHE_DIR`` when set;
* else ``$XDG_CACHE_HOME/pactparse`` or ``~/.cache/pactparse`` on Linux and BSD,
  ``~/Library/Caches/pactparse`` on macOS, ``%LOCALAPPDATA%\\pactparse\\Cache`` on
  Windows.

It is safe to delete at any time. Several processes may share it. A cache that
cannot be opened or written (read-only disk, corrupt file) is switched off with a
warning; the job goes on without it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import orjson
from pydantic import ValidationError

from ..backends.base import Backend
from ..inputs import sha256_of
from ..pipeline import ExtractOptions
from ..schema import Pact

__all__ = ["CACHE_FILE", "ResultCache", "cache_key", "default_cache_dir", "is_cacheable"]

CACHE_FILE = "cache.sqlite3"
_FORMAT = 1


def default_cache_dir() -> Path:
    """Where the cache lives (see the module documentation)."""
    if env := os.environ.get("PACTPARSE_CACHE_DIR"):
        return Path(env).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "pactparse" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "pactparse"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else home / ".cache") / "pactparse"


def is_cacheable(backend: Backend) -> bool:
    """Whether caching pays off, as the backend declares (``Backend.cacheable``).

    Not for the offline rules backend: it is faster than a cache lookup.
    """
    return backend.cacheable


def _pactparse_version() -> str:
    try:
        return version("pactparse")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def cache_key(
    text: str,
    backend: Backend,
    reference_date: dt.date | None,
    options: ExtractOptions,
) -> str:
    """The key of one extraction (hex sha256)."""
    parts = [
        _FORMAT,
        sha256_of(text),
        backend.name,
        backend.model,
        backend.prompt_version,
        reference_date.isoformat() if reference_date else None,
        options.max_reasks,
        options.on_unverified,
        options.max_chars,
        _pactparse_version(),
    ]
    return hashlib.sha256(orjson.dumps(parts)).hexdigest()


class ResultCache:
    """Pact records by :func:`cache_key`, in one SQLite file.

    ``warn`` receives a one-line message when the cache fails and is switched off.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_cache_dir() / CACHE_FILE
        self._warn = warn or (lambda message: print(message, file=sys.stderr))
        self._db: sqlite3.Connection | None = None
        self.disabled: str | None = None
        self.hits = 0
        self.misses = 0
        self.stores = 0

    @classmethod
    def in_dir(
        cls, directory: str | Path, *, warn: Callable[[str], None] | None = None
    ) -> ResultCache:
        """The cache file of ``directory``."""
        return cls(Path(directory) / CACHE_FILE, warn=warn)

    def _connect(self) -> sqlite3.Connection | None:
        if self.disabled is not None:
            return None
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS pacts ("
                    " key TEXT PRIMARY KEY, pact BLOB NOT NULL, created REAL NOT NULL)"
                )
                db.commit()
            except (OSError, sqlite3.Error) as exc:
                self._fail(exc)
                return None
            self._db = db
        return self._db

    def _fail(self, exc: Exception) -> None:
        self.disabled = f"{type(exc).__name__}: {exc}"
        self._warn(
            f"pactparse: warning: the cache at {self.path} cannot be used ({self.disabled}); "
            "going on without it. Delete the file or set PACTPARSE_CACHE_DIR to fix this, "
            "or pass --no-cache."
        )
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def get(self, key: str, *, id: str | None) -> Pact | None:
        """The cached record for ``key`` with ``source.id`` set to ``id``, or None."""
        db = self._connect()
        if db is None:
            return None
        try:
            found = db.execute("SELECT pact FROM pacts WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if found is None:
            self.misses += 1
            return None
        try:
            pact = Pact.model_validate_json(found[0])
        except ValidationError:  # written by an incompatible version: treat as a miss
            self.misses += 1
            return None
        self.hits += 1
        return pact.model_copy(update={"source": pact.source.model_copy(update={"id": id})})

    def put(self, key: str, pact: Pact) -> None:
        db = self._connect()
        if db is None:
            return
        try:
            db.execute(
                "INSERT OR REPLACE INTO pacts (key, pact, created) VALUES (?, ?, ?)",
                (key, pact.model_dump_json().encode(), time.time()),
            )
            db.commit()
        except sqlite3.Error as exc:
            self._fail(exc)
            return
        self.stores += 1

    def clear(self) -> int:
        """Delete every record; returns how many there were."""
        db = self._connect()
        if db is None:
            return 0
        count: int = db.execute("SELECT count(*) FROM pacts").fetchone()[0]
        db.execute("DELETE FROM pacts")
        db.commit()
        db.execute("VACUUM")
        return count

    def __len__(self) -> int:
        db = self._connect()
        if db is None:
            return 0
        count: int = db.execute("SELECT count(*) FROM pacts").fetchone()[0]
        return count

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
