"""The text an HTML or XML fragment shows: a feed item read as prose.

Summaries scraped from feeds and pages come with their markup ("<item><title>Peru,
Chile sign pact</title><description><![CDATA[<p>LIMA &#8212; …</p>]]>…"). Every
backend reads the text the markup shows instead: tags dropped (a block tag ends a
line, so a title and its paragraph are two sentences), entities decoded, CDATA
unwrapped, markup escaped twice ("&lt;p&gt;", "&amp;#8217;") read as once, and the
contents of elements that are not prose (a feed item's link, id and dates, scripts)
left out; an outline's lines (OPML, ``<outline text="…"/>``) are read from their ``text``
attribute. Each character of that text remembers where it stands in the markup, so
the spans of a record still index the caller's text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["ShownText", "shown_text", "text_of_markup"]

# What a fragment of markup holds, one token at a time: a comment, CDATA's brackets, a
# tag (or a tag escaped once: "&lt;p&gt;"), an entity (or one escaped once:
# "&amp;#8217;"), or any other character.
_TOKEN = re.compile(
    r"(?P<skip><!--.*?-->|<!\[CDATA\[|\]\]>|<![^<>]*>|<\?[^<>]*\?>)"
    r"|<(?P<close>/?)(?P<tag>[A-Za-z][\w:.-]*)(?:\s[^<>]*)?/?>"
    r"|&lt;(?P<eclose>/?)(?P<etag>[A-Za-z][\w:.-]*)(?:\s(?:(?!&gt;).)*)?/?&gt;"
    r"|&(?:amp;)?(?P<entity>#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    re.DOTALL,
)
# A fragment of markup: a tag, an escaped tag or CDATA somewhere in the text.
_MARKUP = re.compile(r"<(?:/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?|!\[CDATA\[.*?)>|&lt;/?[A-Za-z]")
# Elements whose contents are no prose: a feed item's link, id and dates, scripts, and a
# TEI header's description of the source, its publication, encoding and revisions.
_SKIPPED = frozenset(
    {"script", "style", "link", "guid", "pubdate", "dc:date", "updated"}
    | {"sourcedesc", "publicationstmt", "encodingdesc", "revisiondesc"}
)
# An outline's text (OPML), and an entity inside an attribute's value.
_OUTLINE_TEXT = re.compile(r"""\stext=(?P<q>["'])(?P<v>.*?)(?P=q)""", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Elements that end a line: headings, paragraphs, list items, a feed item's fields.
_BLOCKS = frozenset(
    "p div br li ul ol tr td th h1 h2 h3 h4 h5 h6 title description summary item entry "
    "content blockquote section article header footer".split()
)


@dataclass(frozen=True, slots=True)
class ShownText:
    """The text a fragment of markup (or a JSON object, see ``json_text``) shows, and where
    each of its characters stands."""

    text: str
    #: For each character of :attr:`text`, the start and end of what shows it in the
    #: markup (an entity is several characters of markup for one of text).
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    #: What the caller's text was, in a user's words ("HTML or XML markup").
    what: str = "HTML or XML markup"

    def source_span(self, span: tuple[int, int]) -> tuple[int, int]:
        """Where the characters ``span`` of :attr:`text` stand in the markup."""
        start, end = span
        if start >= end:
            at = self.starts[start] if start < len(self.starts) else self.ends[-1]
            return at, at
        return self.starts[start], self.ends[end - 1]

    def through(self, inner: ShownText) -> ShownText:
        """What ``inner`` (read from :attr:`text`) shows, placed in this text's source:
        markup inside a JSON string."""
        return ShownText(
            inner.text,
            tuple(self.starts[s] for s in inner.starts),
            tuple(self.ends[e - 1] for e in inner.ends),
            self.what,
        )


def shown_text(chars: list[tuple[str, int, int]], what: str) -> ShownText:
    """The text of ``chars`` (each character with the span of source that shows it), its
    blank space tidied: runs of spaces made one, a run holding a line break one line
    break, none at either end."""
    tidied = _tidied(chars)
    return ShownText(
        "".join(c for c, _, _ in tidied),
        tuple(s for _, s, _ in tidied),
        tuple(e for _, _, e in tidied),
        what,
    )


def _characters(markup: str) -> list[tuple[str, int, int]]:
    """Each character the markup shows, with the span of markup that shows it."""
    out: list[tuple[str, int, int]] = []
    skipping = 0
    pos = 0
    for m in _TOKEN.finditer(markup):
        if not skipping:
            out.extend((c, i, i + 1) for i, c in enumerate(markup[pos : m.start()], pos))
        pos = m.end()
        tag = m.group("tag") or m.group("etag")
        if tag is not None:
            name = tag.lower()
            closing = bool(m.group("close") or m.group("eclose"))
            if name in _SKIPPED:
                skipping = max(0, skipping + (-1 if closing else 1))
            elif name == "outline" and not closing and not skipping:
                out.extend(_outline_text(markup, m.start(), m.end()))
            elif name in _BLOCKS and not skipping:
                out.append(("\n", m.start(), m.end()))
        elif m.group("entity") is not None and not skipping:
            shown = html.unescape(f"&{m.group('entity')};")
            out.extend((c, m.start(), m.end()) for c in shown)
    if not skipping:
        out.extend((c, i, i + 1) for i, c in enumerate(markup[pos:], pos))
    return out


def _outline_text(markup: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """An outline's line (OPML: ``<outline text="…"/>``): the value of its ``text``
    attribute, on a line of its own."""
    out = [("\n", start, end)]
    value = _OUTLINE_TEXT.search(markup, start, end)
    if value is None:
        return out
    pos = value.start("v")
    for m in _ENTITY.finditer(markup, value.start("v"), value.end("v")):
        out.extend((c, i, i + 1) for i, c in enumerate(markup[pos : m.start()], pos))
        out.extend((c, m.start(), m.end()) for c in html.unescape(m.group(0)))
        pos = m.end()
    out.extend((c, i, i + 1) for i, c in enumerate(markup[pos : value.end("v")], pos))
    out.append(("\n", end - 1, end))
    return out


def _tidied(chars: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``chars`` with each run of spaces made one space, each run of blank space that
    holds a line break one line break, and no blank space at either end."""
    out: list[tuple[str, int, int]] = []
    run: list[tuple[str, int, int]] = []
    for item in chars:
        if item[0].isspace():
            run.append(item)
            continue
        if run and out:
            first = run[0]
            out.append(("\n" if any(c == "\n" for c, _, _ in run) else " ", first[1], first[2]))
        run = []
        out.append(item)
    return out


def text_of_markup(text: str) -> ShownText | None:
    """The text ``text`` shows when it is a fragment of HTML or XML, else None."""
    if ("<" not in text and "&lt;" not in text) or not _MARKUP.search(text):
        return None
    return shown_text(_characters(text), "HTML or XML markup")
