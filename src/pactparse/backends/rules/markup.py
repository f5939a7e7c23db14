"""Marks that are not prose, blanked out before a summary is read.

A reply's quoting (``> `` at the start of each quoted line of an e-mail) and the cue
numbers and timecodes of subtitles (SubRip, WebVTT) cut the sentences they stand in:
"> Rice will sign an agreement…\\n> Washington plans…" reads as one sentence, and a
subtitle's "Secretary of State Condoleezza Rice" and "signed a charter" as two. Each
mark is replaced by spaces of its length, so every offset into the summary still holds
and the words found are the summary's own. A subtitle's line breaks only wrap its text
for the screen: they become spaces too. A telegram's "STOP" between clauses becomes
a full stop followed by spaces. A blog post's front matter (``---`` … ``---``) keeps the
values of its prose fields (title, excerpt, description) and loses its other lines
("draft: false", "tags: [Peru, Chile]", "date: …"), which are no prose. The lines of a
terminal's box-drawn table become spaces where a cell's text wraps onto the next row, so
it reads on. Dictation's spoken punctuation ("… in Beijing colon Saudi Arabia and Iran have
agreed … full stop") becomes the marks it names, in a text that says "full stop" twice
or more. An Emacs org-mode outline loses its metadata: property and log drawers
(``:PROPERTIES:`` … ``:END:``), planning lines ("DEADLINE: <2025-05-30 Fri>"), in-buffer
settings ("#+STARTUP: overview"; a title keeps its words), and each heading's stars,
to-do keyword and tags ("** DONE Label draft   :expo:"), so a heading is a line of its own
and a drawer's "Lima" no party.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Unmarked", "unmarked"]

# "> " or ">> " opening a line: the quoted part of a reply.
_QUOTING = re.compile(r"^[ \t]*>[> \t]*", re.MULTILINE)
# A subtitle cue's header: its number on a line of its own (SubRip), then the timecodes
# ("00:00:03,700 --> 00:00:07,400", WebVTT with a period and optional settings).
_TIMECODE = r"(?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{3}"
_CUE_HEADER = re.compile(
    rf"^(?:[ \t]*\d+[ \t]*\n)?[ \t]*{_TIMECODE}[ \t]+-->[ \t]+{_TIMECODE}[^\n]*$", re.MULTILINE
)
_WEBVTT = re.compile(r"\AWEBVTT[^\n]*$", re.MULTILINE)
# A telegram's "STOP" between its clauses: a full stop.
_TELEGRAM_STOP = re.compile(r" STOP\b")
# Dictation software's spoken punctuation, written out: "…in Beijing colon Saudi Arabia
# and Iran have agreed … full stop new paragraph".
_SPOKEN_MARK = re.compile(
    r"[ \t]+(full stop|comma|colon|semicolon|question mark|exclamation mark)\b"
    r"|[ \t]+(?:new paragraph|new line)\b|\b(quote)[ \t]+|[ \t]+(unquote)\b",
    re.IGNORECASE,
)
_SPOKEN = {
    "full stop": ".",
    "comma": ",",
    "colon": ":",
    "semicolon": ";",
    "question mark": "?",
    "exclamation mark": "!",
}
# An org-mode outline: what shows a text is one, and the marks it loses (see the module's
# docstring). A heading's tags end its line; a title keeps its words.
_ORG_SIGN = re.compile(
    r"^[ \t]*:PROPERTIES:[ \t]*$|^#\+[A-Z_]+:|^\*+[ \t]+(?:TODO|DONE)\b"
    r"|^[ \t]*(?:DEADLINE|SCHEDULED|CLOSED):[ \t]*[<\[]\d{4}-\d\d-\d\d",
    re.MULTILINE,
)
_ORG_MARKS = re.compile(
    r"^[ \t]*:[A-Z_]+:[ \t]*\n(?:.*\n)*?[ \t]*:END:[ \t]*$"  # a drawer
    r"|^[ \t]*(?:(?:DEADLINE|SCHEDULED|CLOSED):[ \t]*[<\[][^\n>\]]*[>\]][ \t]*)+$"  # planning
    r"|^#\+TITLE:|^#\+[A-Z_]+:.*$"  # settings
    r"|^\*+[ \t]+(?:(?:TODO|DONE|NEXT|WAITING|HOLD|CANCELL?ED)\b[ \t]*)?(?:\[#[A-C]\][ \t]*)?",
    re.MULTILINE,
)
_ORG_HEADING_TAGS = re.compile(
    r"^\*+[ \t][^\n]*?\S([ \t]+:[\w@#%]+(?::[\w@#%]+)*:)[ \t]*$", re.MULTILINE
)
# A blog post's YAML front matter, and a field of it ("title:", "draft:").
# The lines of a box-drawn table (Unicode box drawing, U+2500–U+257F), and a row whose
# first cell is empty: the text of the row before, wrapped.
_BOX = re.compile(r"[\u2500-\u257f]+")
_WRAPPED_ROW = re.compile(r"^[ \t]*│[ \t]*│", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A[ \t]*---[ \t]*\n(.*?\n)[ \t]*---[ \t]*$", re.DOTALL | re.MULTILINE)
_FIELD = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*", re.MULTILINE)
_PROSE_FIELDS = frozenset({"title", "subtitle", "excerpt", "description", "summary", "lead", "dek"})


# A form's tick box, empty or ticked ("[ ]", "[x]", "( )", "(X)", "[✓]"), and a line.
_TICK_BOX = re.compile(r"\[(?P<square>[ xX✓✔])\]|\((?P<round>[ xX✓✔])\)")
_BOX_LINE = re.compile(r"^.*$", re.MULTILINE)


class Unmarked(NamedTuple):
    """A summary with its marks blanked out, and where they stood."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()

    def before_mark(self, phrase: str) -> str:
        """``phrase`` (words of :attr:`text`) cut where the first mark inside it stands:
        a phrase that runs on past a subtitle's timecode or into a quoted line ends
        there, so the words kept are the summary's prose."""
        at = self.text.find(phrase) if self.marks else -1
        if at < 0:
            return phrase
        for start, _ in self.marks:
            if at < start < at + len(phrase):
                return phrase[: start - at].rstrip() or phrase
        return phrase


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` made spaces, its line breaks kept."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [c if c == "\n" else " " for c in text[start:end]]
    return "".join(chars)


def _blanked(text: str, pattern: re.Pattern[str]) -> tuple[str, list[tuple[int, int]]]:
    spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    return _blank(text, spans), spans


def _telegram(text: str) -> str:
    """``text`` with each " STOP" of a telegram made a full stop (same length)."""
    if text.count(" STOP") < 2:
        return text
    return _TELEGRAM_STOP.sub(".    ", text)


def _dictation(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with dictation's spoken punctuation made the marks it names (same length:
    " full stop" becomes a full stop and spaces, "quote … unquote" quotation marks), when
    it says "full stop" twice or more; the spans of those words are marks."""
    if text.lower().count(" full stop") < 2:
        return text, []
    chars = list(text)
    spans: list[tuple[int, int]] = []
    for m in _SPOKEN_MARK.finditer(text):
        start, end = m.span()
        blank = [" "] * (end - start)
        if m.group(1):
            blank[0] = _SPOKEN[" ".join(m.group(1).lower().split())]
        elif m.group(2):
            blank[-1] = '"'
        elif m.group(3):
            blank[0] = '"'
        chars[start:end] = blank
        spans.append((start, end))
    return "".join(chars), spans


def _front_matter(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with its front matter's marks and fields that are no prose blanked: the
    ``---`` lines, each field's name, and the lines of fields other than prose ones."""
    block = _FRONT_MATTER.match(text) if text.lstrip().startswith("---") else None
    if block is None:
        return text, []
    spans = [(0, block.start(1)), (block.end(1), block.end())]
    for m in _FIELD.finditer(text, block.start(1), block.end(1)):
        line_end = text.find("\n", m.end())
        prose = m.group(1).lower() in _PROSE_FIELDS
        spans.append((m.start(), m.end() if prose else line_end))
    return _blank(text, spans), spans


def _org_outline(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with an org-mode outline's drawers, planning lines, settings and each
    heading's stars, to-do keyword and tags blanked, when it is one."""
    if _ORG_SIGN.search(text) is None:
        return text, []
    spans = [m.span() for m in _ORG_MARKS.finditer(text) if m.end() > m.start()]
    spans += [m.span(1) for m in _ORG_HEADING_TAGS.finditer(text)]
    return _blank(text, spans), sorted(spans)


def _box_drawing(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with the lines of a terminal's box-drawn table blanked where a cell's text
    wraps onto the next row, whose first cell is empty ("…with Sri Lanka to │\n│ │ │ be
    signed…"): the row and the one before it, so the cell reads on."""
    if "│" not in text:
        return text, []
    spans: list[tuple[int, int]] = []
    for row in _WRAPPED_ROW.finditer(text):
        previous = text.rfind("\n", 0, max(row.start() - 1, 0)) + 1
        end = text.find("\n", row.start())
        spans += [m.span() for m in _BOX.finditer(text, previous, len(text) if end < 0 else end)]
    return (_blank(text, spans), spans) if spans else (text, [])


def _tick_boxes(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with a form's options blanked where they are not ticked: on a line of two
    or more boxes ("[ ] signed  [x] under negotiation  [ ] stalled"), each box, and an
    empty box's option up to the next box or the line's end. An option not ticked asserts
    nothing; a lone box (a to-do list's "[ ] Draft the pact") is left as it is."""
    if "[ ]" not in text and "( )" not in text:
        return text, []
    spans: list[tuple[int, int]] = []
    for line in _BOX_LINE.finditer(text):
        boxes = list(_TICK_BOX.finditer(text, line.start(), line.end()))
        if len(boxes) < 2:
            continue
        for box, after in zip(boxes, [*boxes[1:], None], strict=True):
            end = after.start() if after is not None else line.end()
            empty = (box.group("square") or box.group("round")).isspace()
            spans.append((box.start(), end if empty else box.end()))
    return (_blank(text, spans), spans) if spans else (text, [])


def unmarked(text: str) -> Unmarked:
    """``text`` with quoting, subtitle headers, a front matter's marks, an org-mode
    outline's metadata, a box-drawn table's lines and a form's options not ticked replaced
    by spaces, a telegram's "STOP" by a full stop and dictation's spoken punctuation by its
    marks (same length)."""
    text, boxes = _box_drawing(text)
    text, ticks = _tick_boxes(text)
    found = _unmarked(text)
    extra = boxes + ticks
    return found._replace(marks=tuple(sorted({*found.marks, *extra}))) if extra else found


def _unmarked(text: str) -> Unmarked:
    text = _telegram(text)
    text, spoken = _dictation(text)
    if spoken:
        return Unmarked(text, tuple(spoken))
    text, front = _front_matter(text)
    if front:
        return Unmarked(text, tuple(front))
    text, org = _org_outline(text)
    if org:
        return Unmarked(text, tuple(org))
    if ">" not in text:
        return Unmarked(text)
    if "-->" in text:
        blanked, spans = _blanked(text, _CUE_HEADER)
        if spans:
            blanked, header = _blanked(blanked, _WEBVTT)
            return Unmarked(blanked.replace("\n", " "), tuple(sorted(spans + header)))
    blanked, spans = _blanked(text, _QUOTING)
    return Unmarked(blanked, tuple(spans))
