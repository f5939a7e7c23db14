"""Summaries given as HTML or XML (feed items, page fragments) are read as the text the
markup shows, and the record's spans still index the markup as given. The texts are
invented."""

from __future__ import annotations

import pytest

from pactparse import extract
from pactparse.errors import NoPactFound
from pactparse.html_text import text_of_markup
from pactparse.schema import Grounding

FEED_ITEM = (
    "<item><title>Peru, Chile sign coastal defence pact</title>"
    "<link>https://feeds.example.org/world/peru-chile?utm_source=rss&amp;utm_medium=feed</link>"
    "<description><![CDATA[<p>LIMA &#8212; Peru and Chile on Monday signed a coastal "
    "defence pact under which their navies will hold joint patrols &amp; exercises.</p>"
    "<p>Chile&#8217;s defence minister said it would help deter drug smugglers.</p>]]>"
    "</description><pubDate>Mon, 02 Mar 2026 09:14:00 +0000</pubDate></item>"
)


def test_a_feed_items_text_is_read_and_its_links_and_dates_are_not() -> None:
    shown = text_of_markup(FEED_ITEM)
    assert shown is not None
    assert shown.text == (
        "Peru, Chile sign coastal defence pact\n"
        "LIMA — Peru and Chile on Monday signed a coastal defence pact under which their "
        "navies will hold joint patrols & exercises.\n"
        "Chile’s defence minister said it would help deter drug smugglers."
    )
    # each character of the text knows where it stands in the markup
    at = shown.text.index("Chile’s")
    start, end = shown.source_span((at, at + len("Chile’s")))
    assert FEED_ITEM[start:end] == "Chile&#8217;s"


def test_a_record_of_a_feed_item_has_spans_into_the_markup() -> None:
    pact = extract(FEED_ITEM)
    assert [a.code for a in pact.parties] == ["PER", "CHL"]
    assert pact.status.value == "signed"
    assert [h.text for h in pact.date_hints] == ["on Monday"]
    values = [
        *((a.mention, a) for a in pact.parties),
        *((v.text, v) for v in [*pact.provisions, *pact.date_hints, *pact.rationale]),
    ]
    assert values
    for words, value in values:
        assert value.span is not None
        found = FEED_ITEM[value.span[0] : value.span[1]]
        # exact where the markup shows the words as they are; fuzzy where an entity
        # stands for a character ("patrols &amp; exercises")
        assert (found == words) == (value.grounding is Grounding.EXACT)
    assert any(v.grounding is Grounding.FUZZY for _, v in values)
    assert any("HTML or XML markup" in w for w in pact.provenance.warnings)


def test_markup_escaped_twice_is_read_as_once() -> None:
    shown = text_of_markup(
        "<description>&lt;p&gt;Peru joined the alliance&amp;#8217;s naval pact.&lt;/p&gt;"
        "</description>"
    )
    assert shown is not None
    assert shown.text == "Peru joined the alliance’s naval pact."


@pytest.mark.parametrize(
    "text",
    [
        "Peru and Chile signed a defence pact.",
        "Peru's navy is < 20 ships and Chile's > 30; they signed a pact.",
        "Peru & Chile signed a pact.",
    ],
)
def test_prose_is_no_markup(text: str) -> None:
    assert text_of_markup(text) is None


def test_markup_with_no_summary_in_it_holds_no_pact() -> None:
    with pytest.raises(NoPactFound, match="markup holding no summary"):
        extract(
            '<div class="nav"><a href="/world">World</a> · '
            '<a href="/tags/security">Security</a></div>'
        )


def test_a_tei_headers_source_description_is_no_prose() -> None:
    text = (
        '<?xml version="1.0"?>\n<TEI><teiHeader><fileDesc><titleStmt><title>Treaty of Lima: '
        "summary</title></titleStmt>\n<sourceDesc><msDesc><repository>Ecuador National Archive"
        "</repository></msDesc></sourceDesc></fileDesc></teiHeader>\n<text><body><p>Concluded "
        "at Lima on 2 May 1873 between Peru and Bolivia: a defensive alliance.</p></body>"
        "</text></TEI>"
    )
    shown = text_of_markup(text)
    assert shown is not None and "Ecuador" not in shown.text
    pact = extract(text)
    assert (pact.name, sorted(a.code for a in pact.parties)) == ("Treaty of Lima", ["BOL", "PER"])


OUTLINE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>HIST 318, '
    'week 9</title></head><body>\n<outline text="Peru and Chile, 1962">\n'
    '  <outline text="draft agreement on military cooperation for the defence of Peru"/>\n'
    '  <outline text="initialled by both defence ministers; not signed by either government"/>\n'
    '  <outline text="Chile&apos;s troops to be stationed in Peru"/>\n</outline></body></opml>'
)


def test_an_outlines_lines_are_read_from_their_text_attributes() -> None:
    shown = text_of_markup(OUTLINE)
    assert shown is not None
    assert shown.text.splitlines() == [
        "HIST 318, week 9",
        "Peru and Chile, 1962",
        "draft agreement on military cooperation for the defence of Peru",
        "initialled by both defence ministers; not signed by either government",
        "Chile's troops to be stationed in Peru",
    ]
    at = shown.text.index("Chile's")
    start, end = shown.source_span((at, at + len("Chile's")))
    assert OUTLINE[start:end] == "Chile&apos;s"
    pact = extract(OUTLINE)
    assert sorted(a.code for a in pact.parties) == ["CHL", "PER"]
    assert pact.status.value == "negotiating"
