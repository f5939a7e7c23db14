"""Key material never leaves the process in anything pactparse prints or writes.

Backends register the secrets they hold (:func:`register_secret`); :func:`scrub`
replaces every registered secret, and anything shaped like a bearer token or an
OpenAI key, with ``***`` — in error messages (a server may echo the Authorization
header back), error rows, logs, resume hints and ``--debug`` tracebacks.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

__all__ = ["MASK", "register_secret", "scrub"]

MASK = "***"

#: Shorter values are not worth masking everywhere (they would mask ordinary words).
_MIN_REGISTERED = 6

_secrets: set[str] = set()
_lock = threading.Lock()

_PATTERNS = (
    re.compile(r"(?i)(\bbearer\s+)[^\s\"',;}\]]+"),
    re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}"),
)


def register_secret(value: str | None) -> None:
    """Mask ``value`` in everything :func:`scrub` sees from now on (values under six
    characters are left alone: pass them to :func:`scrub` as ``extra``)."""
    if value and len(value) >= _MIN_REGISTERED:
        with _lock:
            _secrets.add(value)


def scrub(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with every registered secret, every ``extra`` value and anything that
    looks like a bearer token or an API key replaced by ``***``."""
    with _lock:
        secrets = sorted({*_secrets, *(e for e in extra if e)}, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + MASK, text)
    return text
