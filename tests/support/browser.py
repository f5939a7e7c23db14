"""Headless Chromium for the review page's tests, benchmark and screenshot.

The system's browser (Debian's ``chromium`` package, ``/usr/bin/chromium``) is driven
by Playwright; Playwright's own browser download is never used. ``.ci/run`` installs
the package; :func:`chromium_or_reason` says what is missing when it is not there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["CHROMIUM_ARGS", "chromium_or_reason", "chromium_path", "open_browser"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The system's Chromium: $PACTPARSE_CHROMIUM, else chromium on PATH."""
    explicit = os.environ.get("PACTPARSE_CHROMIUM")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_or_reason() -> str | None:
    """None when the browser tests can run here, else what to install."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[test]'"
    if chromium_path() is None:
        return "no system Chromium: apt-get install -y chromium (see .ci/run)"
    return None


@contextmanager
def open_browser(**context: Any) -> Iterator[Any]:
    """A fresh persistent browser context (its own user-data-dir) on the system Chromium."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    assert executable is not None, chromium_or_reason()
    with sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        browser = driver.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            accept_downloads=True,
            **context,
        )
        try:
            yield browser
        finally:
            browser.close()
