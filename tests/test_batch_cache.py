from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

import pactparse
from pactparse import ExtractOptions
from pactparse.batch.cache import ResultCache, cache_key, default_cache_dir, is_cacheable
from pactparse.testing import FakeBackend
from support.backends import ScriptedBackend, draft_for

TEXT = "France and Germany have signed a defence pact."


def pact_for(text: str, id_: str = "a") -> pactparse.Pact:
    return pactparse.extract(text, backend=FakeBackend([draft_for(text)]), id=id_)


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACTPARSE_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("PACTPARSE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if default_cache_dir().parent == tmp_path / "xdg":  # Linux and BSD
        assert default_cache_dir() == tmp_path / "xdg" / "pactparse"


def test_key_changes_with_everything_the_record_depends_on() -> None:
    backend = ScriptedBackend()
    base = cache_key(TEXT, backend, None, ExtractOptions())
    assert base == cache_key(TEXT, backend, None, ExtractOptions())
    others = {
        cache_key(TEXT + " ", backend, None, ExtractOptions()),
        cache_key(TEXT, FakeBackend(), None, ExtractOptions()),
        cache_key(TEXT, backend, dt.date(2024, 1, 1), ExtractOptions()),
        cache_key(TEXT, backend, None, ExtractOptions(max_reasks=0)),
        cache_key(TEXT, backend, None, ExtractOptions(on_unverified="raise")),
    }
    assert base not in others and len(others) == 5


def test_hit_carries_the_new_id(tmp_path: Path) -> None:
    cache = ResultCache.in_dir(tmp_path)
    key = cache_key(TEXT, ScriptedBackend(), None, ExtractOptions())
    assert cache.get(key, id="x") is None
    cache.put(key, pact_for(TEXT, "first"))
    hit = cache.get(key, id="second")
    assert hit is not None and hit.source.id == "second"
    assert (cache.hits, cache.misses, cache.stores, len(cache)) == (1, 1, 1, 1)
    assert cache.clear() == 1 and len(cache) == 0


def test_cache_survives_reopening(tmp_path: Path) -> None:
    key = cache_key(TEXT, ScriptedBackend(), None, ExtractOptions())
    first = ResultCache.in_dir(tmp_path)
    first.put(key, pact_for(TEXT))
    first.close()
    assert ResultCache.in_dir(tmp_path).get(key, id="b") is not None


def test_broken_cache_is_switched_off_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    cache = ResultCache(path, warn=warnings.append)
    assert cache.get("k", id="a") is None
    cache.put("k", pact_for(TEXT))
    assert cache.disabled is not None
    assert len(warnings) == 1 and "going on without it" in warnings[0]


def test_incompatible_cached_value_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache.in_dir(tmp_path)
    cache.put("k", pact_for(TEXT))
    db = sqlite3.connect(cache.path)
    db.execute("UPDATE pacts SET pact = ?", (b'{"old": "format"}',))
    db.commit()
    db.close()
    assert cache.get("k", id="a") is None


def test_is_cacheable() -> None:
    assert is_cacheable(ScriptedBackend())  # declares cacheable = True
    assert not is_cacheable(pactparse.get_backend("rules"))
    assert not is_cacheable(FakeBackend())  # a test double answers fresh every time
