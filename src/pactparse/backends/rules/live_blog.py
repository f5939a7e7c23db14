"""A live blog's entries and the time that dates the pact's step."""

from __future__ import annotations

import datetime as dt
import re

from ...normalize.dates import DateMatch, normalize_in_context
from .cues import PACT_NOUN
from .stage import stage_cues
from .text import Layout

__all__ = ["STAMP_NOTE", "entry_stamp"]

# A live blog's entries open with their time ("09:35 GMT — …", "15:02 Montenegro…").
_ENTRY_STAMP = re.compile(
    r"^[ \t]*(\d{1,2}[:.]\d{2}(?:[ \t]*(?:GMT|UTC|BST|CET|CEST|EST|EDT|ET|PT))?)"
    r"(?=[ \t]*[—–-]?[ \t]+\S)",
    re.MULTILINE,
)
_LIVE = re.compile(r"\blive\b", re.IGNORECASE)
STAMP_NOTE = "the time of the live blog's first entry that tells of the pact"


def entry_stamp(text: str, layout: Layout, reference_date: dt.date | None) -> DateMatch | None:
    """The time of the first entry of a live blog that tells of a pact (a pact noun or a
    stage cue in it): it dates the step, as the annotators read such blogs. A blog is a
    text whose first line says "live", or whose entry times carry a time zone; a
    listing's times ("21:00 History Plus") are neither."""
    if "\n" not in text:
        return None
    stamps = list(_ENTRY_STAMP.finditer(text))
    zoned = any(not m.group(1)[-1].isdigit() for m in stamps)
    if len(stamps) < 2 or not (zoned or _LIVE.search(text, 0, text.index("\n"))):
        return None
    ends = [m.start() for m in stamps[1:]] + [len(text)]
    for m, end in zip(stamps, ends, strict=True):
        if layout.doc.search(PACT_NOUN, m.end(), end) or next(
            stage_cues(text, layout, m.end(), end), None
        ):
            start, stop = m.span(1)
            kind, value = normalize_in_context(m.group(1), text, start, reference_date)
            return DateMatch(start, stop, m.group(1), kind, value)
    return None
