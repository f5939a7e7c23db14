"""The prose a JSON object holds: a news API's item read as its text.

Summaries exported from news APIs and content stores come as one JSON object per text
(``{"headline": "Peru, Chile sign pact", "body": "LIMA — …", "url": …, "tags": […]}``).
Every backend reads the prose the object holds instead: the string values of its
fields, each on a line of its own, escapes decoded, leaving out the fields that are no
prose (links, ids, dates, authors, sources, tags) and strings of fewer than three
words. Each character of that text remembers where it stands in the JSON, so the spans
of a record still index the caller's text.
"""

from __future__ import annotations

import json
import re

from .html_text import ShownText, shown_text

__all__ = ["text_of_json"]

# A string literal of JSON, with the spaces and colon after it when it is a key.
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:)?', re.DOTALL)
# One escape of a JSON string.
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?|(.))", re.DOTALL)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "/": "/", "\\": "\\", '"': '"'}
# Fields that hold no prose: where the item is, who wrote it, when, what it is about.
_NOT_PROSE = frozenset(
    "url link href uri guid id uuid slug date published updated modified created "
    "timestamp time author authors byline source publisher image images thumbnail "
    "lang language tags keywords categories topics section type format status".split()
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _decoded(literal: str, offset: int) -> list[tuple[str, int, int]]:
    """The characters of a JSON string's contents (``literal``, found at ``offset``),
    each with the span of the literal that writes it."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in _ESCAPE.finditer(literal):
        out.extend(
            (c, offset + i, offset + i + 1) for i, c in enumerate(literal[pos : m.start()], pos)
        )
        start, end = offset + m.start(), offset + m.end()
        high, low, simple = m.group(1), m.group(2), m.group(3)
        if simple is not None:
            out.append((_SIMPLE.get(simple, simple), start, end))
        elif low is not None and 0xD800 <= int(high, 16) < 0xDC00 <= int(low, 16) < 0xE000:
            pair = 0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00)
            out.append((chr(pair), start, end))
        else:  # one \\uXXXX, and the next read on its own
            first_end = start + 6
            out.append((chr(int(high, 16)), start, first_end))
            if low is not None:
                out.append((chr(int(low, 16)), first_end, end))
        pos = m.end()
    out.extend((c, offset + i, offset + i + 1) for i, c in enumerate(literal[pos:], pos))
    return out


def text_of_json(text: str) -> ShownText | None:
    """The prose ``text`` holds when it is one JSON object, else None."""
    stripped = text.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return None
    try:
        if not isinstance(json.loads(stripped), dict):
            return None
    except ValueError:
        return None
    chars: list[tuple[str, int, int]] = []
    key = ""
    for m in _STRING.finditer(text):
        if m.group(2) is not None:  # a key: the values after it are its field's
            key = m.group(1).lower()
            continue
        value = _decoded(m.group(1), m.start(1))
        words = len(_WORD.findall("".join(c for c, _, _ in value)))
        if key in _NOT_PROSE or words < 3:
            continue
        if chars:  # each field's prose a line of its own
            chars.append(("\n", m.start(), m.start()))
        chars.extend(value)
    return shown_text(chars, "a JSON object")
