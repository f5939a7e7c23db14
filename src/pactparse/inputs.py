"""Checks on a summary before any backend sees it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from .errors import ConfigurationError, InputError

__all__ = [
    "DEFAULT_MAX_CHARS",
    "check_id",
    "check_reference_date",
    "check_text",
    "not_a_summary",
    "sha256_of",
]

#: Summaries are a paragraph or a few; anything much longer is almost surely a mistake
#: (a whole file on one line, a binary read as text). Raise it with ExtractOptions.
DEFAULT_MAX_CHARS = 20_000


# Control characters other than tab and newlines, lone surrogates, and U+FFFD (what
# a decoder puts in place of bytes that are not text).
_BINARY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffd]")


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_text(text: object, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return ``text`` if it is a usable summary, else raise :class:`InputError`."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                "the summary is binary data, not UTF-8 text; pass the text of a news summary"
            ) from exc
    if not isinstance(text, str):
        raise InputError(f"the summary must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError("the summary is empty; pass the text of a news summary")
    if len(text) > max_chars:
        raise InputError(
            f"the summary is {len(text):,} characters long, over the limit of {max_chars:,}; "
            "pass one summary at a time, or raise the limit with ExtractOptions(max_chars=...)"
        )
    sample = text[:4096]
    # (a printable sample holds none of them but U+FFFD: no need to scan it)
    printable = sample.isprintable() and "\ufffd" not in sample
    controls = 0 if printable else len(_BINARY.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise InputError(
            "the summary looks like binary data (control or undecodable characters); "
            "pass the text of a news summary"
        )
    return text


# What a line of a file can be that is not prose at all, each with what it is called.
_NOT_PROSE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s*(?:https?|ftp)://\S+\s*", re.I), "a URL"),
    (re.compile(r"\s*[\[\]{}(),:;\s\"']*\s*"), "JSON or code punctuation"),
    (
        re.compile(r"\s*(?:[\w.\"'-]+(?: [\w.\"'-]+){0,2}\s*[,;\t|]\s*){2,}[\w.\"'-]*\s*"),
        "a table row or header",
    ),
    (re.compile(r"\s*\"\w+\"\s*:\s*.*"), "a line of JSON"),
    (re.compile(r"\s*\{\s*\"[^\"]*\"\s*:.*\}\s*,?\s*"), "a JSON object"),
    (re.compile(r"\s*\|(?:[^|\n]*\|){2,}\s*"), "a table row (Markdown)"),
    (
        re.compile(
            r"\s*\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d\S*\]?\s+"
            r"(?:DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL|TRACE)\b.*"
        ),
        "a log line",
    ),
    (
        re.compile(r"\s*(?:From|To|Subject|Cc|Date):\s.*\b(?:From|To|Subject|Cc|Date):\s.*"),
        "an e-mail header",
    ),
    (re.compile(r"\s*[-+.:/\d\sTZ]+\s*"), "a number, date or timestamp"),
    (
        re.compile(
            r"\s*(?:def|class|import|from|return|function|var|let|const|if|for)\b.*[:;{(=]\s*"
        ),
        "code",
    ),
    (
        re.compile(
            r"\s*(?:related(?:\s+(?:coverage|stories|articles|links|reading))?|read\s+more|"
            r"see\s+also|more\s+on\s+this(?:\s+story)?|most\s+read|you\s+may\s+also\s+like|"
            r"more\s+stories)\s*[:>»|–-]"
            r"[^\n]*",
            re.I,
        ),
        "a list of links (a site's navigation)",
    ),
    (re.compile(r"\s*<[^>]+>.*"), "markup"),
    (re.compile(r"\s*(?:\$ |sudo |pip |npm |git |cd |ls |curl )\S.*"), "a shell command"),
)

_WORD = re.compile(r"[^\W\d_]{2,}")


def not_a_summary(text: str) -> str | None:
    """What ``text`` is when it is not prose that could describe a pact (a URL, a CSV
    header, a bracket of a JSON file, code, a number), else None.

    A summary is a sentence: at least four words. The check is cheap and the same for
    every backend, so no model is asked about a line of punctuation.
    """
    for pattern, what in _NOT_PROSE:
        if pattern.fullmatch(text):
            return what
    if len(list(islice(_WORD.finditer(text), 4))) < 4:  # the first four words only
        return "too short to be a summary"
    return None


def check_reference_date(value: object) -> dt.date | None:
    """``reference_date`` as a date: a :class:`datetime.date` (a datetime's date is
    taken), an ISO ``"YYYY-MM-DD"`` string, or None; else :class:`ConfigurationError`."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigurationError(
        f"reference_date must be a datetime.date or a 'YYYY-MM-DD' string, not {value!r}"
    )


def check_id(value: object) -> str | None:
    """``id`` as a string: a string or a whole number (as in input files), or None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ConfigurationError(f"id must be a string, not {type(value).__name__}")


def open_binary(path: Path, what: str, *, give: str) -> BinaryIO:
    """``path`` opened for reading bytes; an :class:`InputError` in the caller's words
    when it cannot be (``what``: "input file", "output file"; ``give``: what to pass
    instead of a directory)."""
    try:
        return path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(f"{what} {path} does not exist; check the path") from exc
    except IsADirectoryError as exc:
        noun = what.removesuffix(" file")
        raise InputError(f"{noun} {path} is a directory; {give}") from exc
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc
