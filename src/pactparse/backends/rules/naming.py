"""The pact's proper name, as the text gives it.

Candidates, in the lead sentence: a name introduced by "called"/"named"/"known as";
a quoted title ('a "100-Year Partnership"'); a title-case phrase holding a treaty
word ("Treaty of Nancy", "Reciprocal Access Agreement"); an organisation named as
the pact ("the AUKUS security pact") or joined (accession). The earliest wins; a
treaty's name comes before the body it creates because the text names it first.
With none in the lead: a title after "the" in the next sentence, one right after a step
verb in a later sentence, the question just before the lead, a "Subject:" line before
it, a later sentence that opens with "The" and the title, in that order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import islice

from ...normalize.actors import ActorMention
from ...normalize.words import CALENDAR_NAME_PATTERN
from ...schema import ActorKind
from .cues import LEXICON, STAGE_CUES, table_pattern
from .roles import Accession, group_after
from .text import Layout, before_member_list
from .trace import Step

__all__ = ["find_name"]

# A capitalised word, joined to the next by a hyphen or an en dash ("US–Japan"); a full
# stop inside it ("U.S.") or after a capital, never a sentence's ("…Sahel States. The
# pact…"). ("(?=[A-Z])" first: the month and weekday names are read only before a
# capital.) A month or a weekday is no word of a title, unless a treaty word follows it
# ("the November Treaty").
#: The treaty words that head a title, in its case ("Treaty of Dunkirk", "Baghdad Pact").
_TITLE_HEADS = "Treaty|Pact|Agreement|Accords?|Convention|Alliance"
_CALENDAR_NOT_TITLE = rf"{CALENDAR_NAME_PATTERN}(?!\s+(?:{_TITLE_HEADS}|Declaration|Protocol)\b)"
_WORD = (
    rf"(?:(?=[A-Z])(?!{_CALENDAR_NOT_TITLE})[A-Z](?:[\w'’-]|–(?=[A-Z])|\.(?=[\w-]))*(?:(?<=[A-Z])\.)?"
    r"|\d[\w-]*)"
)
# Lower-case words a title may hold between its capitalised words.
_CONNECTOR_WORDS = (
    *("of", "on", "to", "for", "and", "within", "between", "de", "du", "la"),
    *("establishing", "instituting", "creating"),
)
_CONNECTOR = rf"(?:the|{'|'.join(_CONNECTOR_WORDS)})"
_TITLE = rf"{_WORD}(?:\s+(?:{_CONNECTOR}\s+)*{_WORD})*"
_TITLE_PHRASE = re.compile(_TITLE)
_HAS_HEAD = table_pattern("name_head")
_GOVERNMENT = table_pattern("government_title")
_INSTRUMENT_TITLES = LEXICON.words("instrument_title")
_ENDS_IN_HEAD = re.compile(rf"(?:{_HAS_HEAD.pattern})$")
_POSSESSIVE = re.compile(r"['’]s$")
# "Franco's American Deal", "NATO's Partnership for Peace…": a description or a work's
# title, not the pact's own name.
_POSSESSIVE_INSIDE = re.compile(r"['’]s\s")
# "…negotiated AUKUS in secret": an organisation right after one of these is the pact.
_STEP_BEFORE = table_pattern("step_before_pact")
_INTRO = table_pattern("name_intro")
_CALLED = re.compile(rf"{_INTRO.pattern}(?P<n>{_TITLE})")
_QUOTED = re.compile(rf"[\"“](?P<n>{_TITLE})[\"”]")
# An office or rank opening a phrase (vocabulary `office_title`).
_OFFICE_FIRST = re.compile("(?:" + "|".join(LEXICON.vocabularies["office_title"]) + r")\s+[A-Z]")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_SENTENCE_DOT = re.compile(r"(?<=[a-z0-9])\.$")
# "adopted Horizon 2047, a roadmap for…": a name without a treaty word, named by apposition.
_APPOSITION_VERB = table_pattern("apposition_verb")
_APPOSITION = re.compile(
    rf"{_APPOSITION_VERB.pattern}(?P<n>{_TITLE})" + table_pattern("apposition_noun").pattern
)
_YEAR_FIRST = re.compile(r"\d{4}\b")
# "Quirinale Palace the Treaty…": a "the" that no connector introduces starts a new title.
_BARE_THE = re.compile("".join(rf"(?<!\b{word})" for word in _CONNECTOR_WORDS) + r"\s+the\s+")
# An actor's name followed by a lower-case connector opens no title.
_CONNECTOR_AFTER = re.compile(r"\s+(?:to|and|of|for|on|within|between)\s+(?:the\s+)?")
_THE_NEW = re.compile(r"\b[Tt]he\s+(?:new\s+)?$")
_TRAILING_CONNECTOR = re.compile(rf"(?:\s+{_CONNECTOR})+$")
# A title runs on into a date whose month it cannot read: "… Pact on 6" (November),
# "Treaty of London of 19" (April 1839).
_TRAILING_DAY = re.compile(r"\s+(?:on|of)\s+\d{1,2}$")
# A year a title may be dated by.
_YEAR = r"(?:1[6-9]|20)\d\d"
# "the US-sponsored Middle East Air Defense Alliance": a go-between before the title
# (the table of analysis.py's go-betweens), which is no part of it.
_GO_BETWEEN_FIRST = re.compile(
    r"\S+?" + table_pattern("go_between_suffix").pattern + r"\s+(?=[A-Z])"
)
# "Article 2 of the Treaty of Friendship": an article of the pact, not its name.
_ARTICLE_OF = re.compile(r"Articles?\s+[\dIVXLC]+[a-z]?\s+of\s+(?:the\s+)?(?=[A-Z])")
# "1968 Warsaw Pact": a year before a title is no part of it either.
_LEADING_YEAR = re.compile(rf"{_YEAR}\s+(?=[A-Z])")
# "the Military Assistance Agreement of 1952": the year is a date hint, not the title's.
_TRAILING_YEAR = re.compile(rf"\s+of\s+{_YEAR}$")
_PACT_AFTER = table_pattern("pact_after")
_SUSPENDED_PART = table_pattern("suspended_membership")
# "…frozen its participation in the (Russian-led) CSTO": the words between the part and
# its pact.
_PART_OF = re.compile(r"\s+(?:in|of|to|towards?|under)\s+(?:the\s+)?(?:[\w-]+-led\s+)?")
# "Draft South-East Asia Collective Defence Treaty": a document's stage before its title
# (vocabulary `document_stage`).
_DOCUMENT_STAGE = re.compile("(?:" + "|".join(LEXICON.vocabularies["document_stage"]) + r")\b")
# "Renewal of the Anglo-Japanese Alliance": a change told by a noun before the title.
_CHANGE_OF = re.compile(
    "(?:[Tt]he\\s+)?(?:"
    + "|".join(LEXICON.vocabularies["change_before_title"])
    + r")\s+of\s+(?:the\s+)?"
)
# "Tripartite Pact" + " of " + "Germany, Italy and Japan": a title's members after "of".
_MEMBERS_OF = re.compile(rf"\S\s+(?:{_HAS_HEAD.pattern})(?P<of>\s+of\s+(?:the\s+)?)")
# "Secretary of State on the": words before "on" that hold no treaty word.
_ON_THE = re.compile(r"\s+on\s+(?:the\s+)?")
# "Ratification of the": a stage named by a noun, before the title it is the stage of.
_OF_AFTER_STEP = re.compile(r"\s+of\s+(?:the\s+)?")
# Between a step cue and the title it introduces: "signed the", "floated a new", "are
# set to sign a" (one word, then articles).
_STEP_TO_TITLE = re.compile(r"\s+(?:[a-z]+\s+)?(?:(?:the|a|an|new)\s+)*")
# A sentence that opens with "The" (after a label such as "Details:") before a title.
_SUBJECT_TITLE = re.compile(r"\s*(?:[A-Z][\w ]{0,20}:\s+)?The\s+(?=[A-Z])")
# The small words of a title, in lower case in a line read in title case.
_SMALL_WORD = re.compile(r"\b(?:A|An|And|At|Between|By|For|In|Of|On|The|To|With)\b")
# A code of a state or the EU before a title's words, alone or before a dash and a
# partner: "US ", "U.S.-Kuwait ", "EU–Republic of Korea " (full names, "Japan-Australia
# Joint Declaration", stay).
_CODE_LABEL = re.compile(r"(?:U\.S\.|US|UK|U\.K\.|EU)(?=\s+[A-Z]|[-–][A-Z])")
_LABEL_GAP = re.compile(r"\s+(?=[A-Z])")
# "SUBJECT:", "Subject:", "RE:", "Re:" opening a line before the lead.
_SUBJECT_LINE = re.compile(r"\s*(?:SUBJECT|Subject|SUBJ|RE|Re)\s*:\s*")
# A place after a title ("on the White House lawn"): the title ends before.
_PLACE_FORMS = frozenset({"capital", "metonym"})
_AT_PLACE = re.compile(r"\s+on\s+(?:the\s+)?$")
# "the Kensington Treaty between the United Kingdom and Germany", "the Rome Declaration
# creating the Council": after a name that ends in its head word, these words describe
# the pact ("Treaty establishing the…", which opens with its head, goes on).
_DESCRIBED_AFTER = re.compile(r"\s+(?:between|establishing|instituting|creating)\s")
# …unless the name alone would be generic, a head word with one generic word before it
# ("the Security Treaty between Japan and the United States of America" is the title), and
# the parties are not described by their governments ("the Defence Cooperation Agreement
# between the Government of…"). Three generic words name a pact well enough ("the Mutual
# Defense Treaty between the Philippines and the United States").
_GENERIC_WORDS = LEXICON.words("generic_title_word")
_GOVERNMENTS_AFTER = re.compile(r"\s+between\s+the\s+Governments?\s+of\b")
# Two words in a row: a sentence that is more than a paragraph's number ("1.").
_TWO_WORDS = re.compile(r"[A-Za-z]{2,}\W+[A-Za-z]{2,}")
# "Agreement between the Government of Ghana and the Government of …": the formal title.
_GOVERNMENTS_TITLE = re.compile(rf"(?:{_HAS_HEAD.pattern}){_GOVERNMENTS_AFTER.pattern}")
# "Regional Security Arrangements Dataset", "Treaty Series": a record about pacts.
_RECORD_TITLE = re.compile(r"\b(?:" + "|".join(LEXICON.vocabularies["record_noun"]) + r")$")
# "Treaty of Peace, Friendship and Cooperation": a title after "of"/"on" may end in a
# list of such words (vocabulary `title_list_word`).
_LIST_WORD = "(?:" + "|".join(LEXICON.vocabularies["title_list_word"]) + r")\b"
_LIST_ITEM = rf"{_LIST_WORD}(?:\s+{_LIST_WORD})*"
_ENDS_IN_LIST_WORD = re.compile(rf"\s(?:of|on)\s(?:.*\s)?{_LIST_WORD}$")
_LIST_TAIL = re.compile(rf"(?:,\s+{_LIST_ITEM})*,?\s+and\s+{_LIST_ITEM}")
# "…in Southeast Asia", "…in the South China Sea", "…in Defense and Security", "…in the
# Military Field in the Border Area": regions or fields a title may end in (vocabularies
# `title_region`, `title_field`).
_REGION_TAIL = re.compile(
    r"(?:\s+in\s+(?:"
    + "|".join([*LEXICON.vocabularies["title_region"], *LEXICON.vocabularies["title_field"]])
    + r")\b(?![\w-]))+"
)

# "Agreement between A and B" + " concerning the Status of Visiting Forces of Each State in
# the Territory of the Other State": a formal title goes on into its subject
# (vocabulary `title_subject_link`), which starts with a capital.
_SUBJECT_LINK = "(?:" + "|".join(LEXICON.vocabularies["title_subject_link"]) + ")"
_SUBJECT_TAIL = re.compile(
    rf"(?:\s+{_SUBJECT_LINK}\s+(?:the\s+)?(?=[A-Z]){_WORD}"
    rf"(?:\s+(?:(?:{_CONNECTOR}|{_SUBJECT_LINK}|in)\s+)*{_WORD})*)+"
)
_FORMAL_TITLE = re.compile(rf"(?:{_HAS_HEAD.pattern})\s+between\s")


# A number before the title: a date's year that runs into it ("signed on 26 August 1936 of
# the Anglo-Egyptian Treaty") or a table's count in a column of its own ("80  Southeast
# Asia Collective Defense Treaty").
_LEADING_NUMBER = re.compile(r"^\d+(?:\s+(?:of|on|to|for|and)\s+(?:the\s+)?|[ \t]{2,})")


def _clean(name: str) -> str:
    name = _SENTENCE_DOT.sub("", _LEADING_ARTICLE.sub("", _LEADING_NUMBER.sub("", name)))
    name = _TRAILING_DAY.sub("", name)  # "the Anti-Comintern Pact on 6 November"
    name = _TRAILING_YEAR.sub("", name)
    return _TRAILING_CONNECTOR.sub("", name).strip()


# A "Name:" field's value that may name a pact: two words or more, no rank or honorific
# first; a run of spaces ends the value ("Name: KANT   Species: cat" is a form's row).
_PACT_LIKE = re.compile(
    r"(?!(?:Mr|Mrs|Ms|Dr|Sgt|Cpl|Pte|Lt|Capt|Col|Gen|Maj|Sir|Dame|Lady|Lord)\b)\S+ \S"
)

# "Treaty of Dunkirk", "Pact of Steel": a title that opens with its treaty word.
_HEAD_OF = re.compile(rf"(?:{_TITLE_HEADS})\s+(?:of|on|between)\b")
# "Name: Multinational Joint Task Force (MNJTF)": an acronym after a field's value.
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z]{2,}\)")

# A headline's step in the infinitive ("… TO JOIN ATLANTIC PACT", "Peru, Chile to sign
# defence pact"; the stage cue of headlines): a quoted phrase holding one is a headline,
# not a title.
_HEADLINE_STEP = LEXICON.cue("stage.planned.headline_to").pattern

#: A candidate name: start, end, the name, the strategy that found it.
_Candidate = tuple[int, int, str, str]


def _org_name(org: ActorMention, rule: str) -> _Candidate:
    """An organisation's mention as a name, without its article ("the SCO" → "SCO")."""
    name = _clean(org.text)
    start = org.start + org.text.find(name)
    return start, start + len(name), name, rule


# An organisation's short form: "CSTO", "SCO", "AES".
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.+-]{1,9}")


# A name spelled out: two or more capitalised words, with connectors ("Alliance of Sahel
# States"; not "NATO leaders").
_SPELLED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on)\s+)*[A-Z][\w'’-]*)+")


def _initials(name: str) -> str:
    """The first letters of a name's capitalised words ("Shanghai Cooperation
    Organisation" → "SCO")."""
    return "".join(word[0] for word in name.split() if word[0].isupper())


_SPELLED_OUT = " (its full name, which the text also gives, over the acronym)"


def _spelled_out(candidate: _Candidate, mentions: Sequence[ActorMention]) -> _Candidate:
    """An organisation's acronym as the name, when the text also spells it out ("…suspension
    of CSTO membership … told the Collective Security Treaty Organization"): the full name
    as the text writes it, when its initials are the acronym's letters ("North Atlantic
    Treaty" and "Alliance of Sahel States" do not spell NATO and AES)."""
    s, e, name, rule = candidate
    if not _ACRONYM.fullmatch(name):
        return candidate
    org = next((m for m in mentions if m.start <= s and e <= m.end), None)
    if org is None or org.actor.kind is not ActorKind.ORGANIZATION:
        return candidate
    for m in mentions:
        if m.actor == org.actor and m.form != "context":
            full = _org_name(m, rule)
            if _SPELLED.fullmatch(full[2]) and _initials(full[2]) == name.replace(".", ""):
                return full
    return candidate


# "Collective Security Treaty Organization": the body a treaty creates, named after it.
_BODY_OF_TREATY = re.compile(r"(?P<treaty>.+?)\s+Organi[sz]ation$")


def _treaty_of(text: str, body: _Candidate) -> _Candidate:
    """The body's candidate, or the treaty that creates it when the text names that
    treaty too ("…the Collective Security Treaty Organization … 'The Collective Security
    Treaty has not fulfilled its objectives'"): the treaty's name wins (spec)."""
    m = _BODY_OF_TREATY.fullmatch(body[2])
    if m is None or not _HAS_HEAD.search(m.group("treaty")):
        return body
    treaty = re.compile(rf"\b{re.escape(m.group('treaty'))}\b(?!\s+Organi[sz]ation)")
    found = treaty.search(text)
    if found is None:
        return body
    return found.start(), found.end(), found.group(0), body[3]


# "Franco-German Treaty", "Soviet–Mongolian Treaty", "Tashkent Treaty": who or where, then
# one treaty word: a label, not a title.
_LABEL_THEN_HEAD = re.compile(rf"(?P<label>\S+)(?:\s+[A-Z][a-z]+)?\s+(?P<head>{_HAS_HEAD.pattern})")
# "…replacing the Treaty of Ancon", "after the Protocol on Non-Aggression": an earlier
# pact's title (lexicon tables `earlier_title_before`, `dated_by_before`).
_EARLIER_TITLE_BEFORE = table_pattern("earlier_title_before")
_DATED_BY = table_pattern("dated_by_before")
_FORMAL_OVER_LABEL = " (the formal title the text also gives, over a label of who signed it)"


def _formal_over_label(
    text: str, layout: Layout, mentions: Sequence[ActorMention], name: str, start: int
) -> _Candidate | None:
    """The formal title ("Treaty of Friendship, Cooperation and Mutual Assistance", "Treaty
    on Franco-German Cooperation and Integration") of the same kind of pact that the text
    gives besides a label naming who signed it ("Soviet–Mongolian Treaty"), or None."""
    m = _LABEL_THEN_HEAD.fullmatch(name)
    if m is None:
        return None
    label = m.group("label")
    by_actor = any(a.start == start and a.end == start + len(label) for a in mentions)
    if not (by_actor or "-" in label or "–" in label or _ACRONYM.fullmatch(label)):
        return None
    formal = re.compile(rf"\b{m.group('head')}\s+(?:of|on)\s+(?:the\s+)?[A-Z]")
    for c in _titles(text, layout, mentions, start + len(name), len(text), (_TITLE_PHRASE,)):
        if (
            formal.search(c[2])
            and not layout.compares(c[0])
            and not _EARLIER_TITLE_BEFORE.search(text, max(0, c[0] - 40), c[0])
        ):
            return c
    return None


def _named_elsewhere(org: ActorMention, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The first mention of ``org``'s organisation by its code or name ("NATO foreign
    ministers" gives "NATO"), or None when the text only refers to it."""
    actor = org.actor
    for m in mentions:
        if m.actor != actor or m.form == "context":
            continue
        for word in (actor.code or actor.name, actor.name):
            at = m.text.find(word)
            if at >= 0:
                return replace(m, start=m.start + at, end=m.start + at + len(word), text=word)
    return None


def find_name(
    text: str,
    layout: Layout,
    lead: tuple[int, int],
    mentions: Sequence[ActorMention],
    accession: Accession | None,
) -> tuple[str | None, tuple[int, int] | None, Step]:
    """The name, its span and the step that records it (None, None when the text names
    no pact)."""
    start, end = lead
    candidates: list[_Candidate] = []
    # Each pattern begins with its table's (case-insensitive) cue: it is read only from
    # the first place the word index finds that cue, and not at all without one.
    intro = layout.doc.search(_INTRO)
    for m in _CALLED.finditer(text, intro.start()) if intro else ():
        # "Moscow called Macron's proposal…", "Molotov called Ambassador Sato to…"; "call
        # it German rearmament": a state's word alone is no name
        if (
            not _POSSESSIVE.search(m.group("n"))
            and not _OFFICE_FIRST.match(m.group("n"))
            and not any(
                a.start == m.start("n") and a.end == m.end("n") and a.actor.kind is ActorKind.STATE
                for a in mentions
            )
            # a record's "Name:" field that holds one word or opens with a person's rank
            # ("Name: Sgt. William Haines", "Name: DUBOIS") is a person's, one with no
            # word of a pact's name and no acronym after it ("Name: \"Fleet Till 2042\"", a
            # climbing route's) a thing's
            and (
                ":" not in text[m.start() : m.start("n")]
                or (
                    _PACT_LIKE.match(m.group("n"))
                    and (_HAS_HEAD.search(m.group("n")) or _ACRONYM_AFTER.match(text, m.end("n")))
                )
            )
        ):
            candidates.append((m.start("n"), m.end("n"), _clean(m.group("n")), "name.called"))
    verb = layout.doc.search(_APPOSITION_VERB, start, end)
    for m in _APPOSITION.finditer(text, verb.start(), end) if verb else ():
        candidates.append((m.start("n"), m.end("n"), _clean(m.group("n")), "name.apposition"))
    candidates.extend(_titles(text, layout, mentions, start, end, (_QUOTED, _TITLE_PHRASE)))
    for a in mentions:
        if a.actor.kind is not ActorKind.ORGANIZATION or not start <= a.start < end:
            continue
        if _PACT_AFTER.match(text, a.end) or _STEP_BEFORE.search(
            text, max(start, a.start - 30), a.start
        ):
            # "the AUKUS security pact"; "…negotiated AUKUS in secret"
            candidates.append(_org_name(a, "name.organization_as_pact"))
        elif (
            _ENDS_IN_HEAD.search(a.text)
            and len(_LEADING_ARTICLE.sub("", a.text).split()) >= 2
            and not layout.compares(a.start)
        ):
            # "…to sign the North Atlantic Treaty": the organisation's name is the title
            # ("the Alliance" alone is a word for it, no title).
            candidates.append(_org_name(a, "name.organization_titled"))
    suspended = layout.doc.search(_SUSPENDED_PART, start, end)
    if suspended is not None:
        # "Armenia has frozen its participation in the CSTO", "Tashkent's suspension of
        # CSTO membership": the organisation whose membership is suspended is the pact.
        candidates.extend(
            _treaty_of(text, _org_name(a, "name.suspended_organization"))
            for a in mentions
            if a.actor.kind is ActorKind.ORGANIZATION
            and a.form != "context"
            and suspended.start() <= a.start
            and (a.end <= suspended.end() or _PART_OF.fullmatch(text, suspended.end(), a.start))
        )
    if accession is not None:
        org = accession.organization
        if org is not None and org.form == "context":
            # "…invited Kyiv to join the alliance": the name the text gives it elsewhere.
            org = _named_elsewhere(org, mentions)
        if org is not None:
            candidates.append(_org_name(org, "name.joined_organization"))
        elif accession.title is not None:
            s, e = accession.title
            candidates.append((s, e, text[s:e], "name.joined_title"))
        if org is not None or accession.title is not None:
            # "…signed a Declaration of Intent to join the European Sky Shield Initiative":
            # the instrument of joining is not the pact joined.
            candidates = [c for c in candidates if c[2] not in _INSTRUMENT_TITLES]
    formal = _formal_title(text, layout, mentions, lead)
    if formal is not None:
        candidates = [formal]
    if not candidates:
        # "…signed a new cost-sharing deal. Under the new Special Measures Agreement, …":
        # the next sentence may name the pact the lead only described.
        candidates = _later_title(text, layout, mentions, end, "name.next_sentence", 1, _THE_NEW)
    if not candidates:
        candidates = _after_step(text, layout, mentions, end)
    if not candidates:
        # "What is the Kensington Treaty? The first treaty between…" (also "…? (4 marks)"):
        # the question just before the lead names it.
        before = [s for s in layout.sentences if s[1] <= start][-2:]
        for q_start, q_end in [s for s in before if text[s[0] : s[1]].rstrip().endswith("?")][-1:]:
            candidates.extend(
                (*c[:3], "name.question")
                for c in _titles(text, layout, mentions, q_start, q_end, (_QUOTED, _TITLE_PHRASE))
            )
            candidates.extend(
                _org_name(a, "name.question")
                for a in mentions
                if a.actor.kind is ActorKind.ORGANIZATION and q_start <= a.start < q_end
            )
    if not candidates:
        candidates = _subject_line(text, layout, mentions, start)
    if not candidates:
        candidates = _later_subject(text, layout, mentions, end)
    if not candidates:
        # "Turkey and Iraq signed their pact in Baghdad last month. Nuri calls it the
        # Baghdad Pact": the first title of any later sentence.
        candidates = _later_title(text, layout, mentions, end, "name.later_sentence")
    if not candidates:
        note = "no name: no title, quoted name or named organisation in the lead"
        return None, None, Step("name", None, "name.none", None, note)
    # "Three years after the Protocol on Non-Aggression of 1978, … adopted the Protocol
    # Relating to Mutual Assistance": a title after "after/since/before the" dates the
    # pact by an earlier one, when the text offers another.
    later = [c for c in candidates if not _DATED_BY.search(text, max(0, c[0] - 20), c[0])]
    candidates = later or candidates
    # The earliest wins; at one place the longer ("ANZUS Treaty" over the body "ANZUS").
    first = min(candidates, key=lambda c: (c[0], -c[1]))
    s, e, name, rule = _spelled_out(first, mentions)
    suffix = _SPELLED_OUT if name != first[2] else ""
    formal = _formal_over_label(text, layout, mentions, name, s)
    if formal is not None:
        s, e, name, _ = formal
        suffix = _FORMAL_OVER_LABEL
    lead_in = _LEADING_YEAR.match(name) or _GO_BETWEEN_FIRST.match(name) or _ARTICLE_OF.match(name)
    if lead_in is not None and len(name[lead_in.end() :].split()) >= 2:
        # "In August 1968 Warsaw Pact armies…", "the US-sponsored Middle East Air Defense
        # Alliance", "Article 2 of the Treaty of Friendship": a date, who backs it or a part
        # of it, not the title's words.
        s, name = s + lead_in.end(), name[lead_in.end() :]
    label = _label_end(name, s, mentions)
    if label and len(name[label:].split()) >= 2:
        # "the US State Partnership Program", "a U.S.-Kuwait Defense Cooperation Agreement",
        # "the EU–Republic of Korea Security and Defence Partnership": a code before the
        # title labels it.
        s, name = s + label, name[label:]
    note = _NOTES[rule] + suffix
    return name, (s, e), Step("name", name, rule, (s, e), note)


def _later_title(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    end: int,
    rule: str,
    sentences: int | None = None,
    before: re.Pattern[str] | None = None,
) -> list[_Candidate]:
    """The titles (found by ``rule``) of the first sentence after ``end`` (of the next
    ``sentences`` only) that holds one: a title-case phrase that ends in a treaty word or
    opens with one ("Treaty of Dunkirk"), after ``before`` when given ("the new …"); not
    an older pact ("the 1951 Mutual Defense Treaty"), a numbered paragraph ("1 The
    Agreement"), one compared with, or an office ("the Protocol Department")."""
    for s_start, s_end in [s for s in layout.sentences if s[0] >= end][:sentences]:
        found = [
            (*c[:3], rule)
            for c in _titles(text, layout, mentions, s_start, s_end, (_TITLE_PHRASE,))
            if (before is None or before.search(text, max(s_start, c[0] - 12), c[0]))
            and not _YEAR_FIRST.match(c[2])
            and not c[2][:1].isdigit()
            and not layout.compares(c[0])
            and (_ENDS_IN_HEAD.search(c[2]) or _HEAD_OF.match(c[2]))
        ]
        if found:
            return found
    return []


_NOTES = {
    "name.called": 'introduced by "called", "named", "dubbed" or "known as"',
    "name.apposition": 'a name set off by "a … pact/roadmap" after the verb',
    "name.quoted": "a quoted title",
    "name.title_phrase": "a title-case phrase holding a treaty word",
    "name.later_sentence": "a title-case phrase holding a treaty word, in a later sentence",
    "name.organization_as_pact": "an organisation named as the pact",
    "name.organization_titled": "an organisation named by its treaty (the North Atlantic Treaty)",
    "name.joined_organization": "the organisation joined",
    "name.suspended_organization": "the organisation whose membership is suspended",
    "name.joined_title": "the title of the pact joined",
    "name.next_sentence": 'a title after "the new" in the next sentence',
    "name.after_step": "a title right after a step verb in a later sentence",
    "name.question": "a title or organisation the question before the lead names",
    "name.subject_line": 'a title in the "Subject:" line before the lead',
    "name.later_subject": 'a later sentence opens with "The" and the title',
    "name.formal_title": "a title naming the parties' governments, in or just after the lead",
}


def _formal_title(
    text: str, layout: Layout, mentions: Sequence[ActorMention], lead: tuple[int, int]
) -> _Candidate | None:
    """ "Subject: Entry into force of the Australia–United States Defense Trade Cooperation
    Treaty. 1. The Treaty between the Government of Australia and the Government of the
    United States of America concerning…": a title naming the parties' governments, in
    the lead or the sentence after it, is the pact's own name over any shorter one."""
    following = (s for s in layout.sentences if s[0] >= lead[1] and _TWO_WORDS.search(text, *s))
    sentences = [lead, *islice(following, 1)]
    if "Government" not in text[lead[0] : sentences[-1][1]]:
        return None
    found = [
        (*c[:3], "name.formal_title")
        for start, end in sentences
        for c in _titles(text, layout, mentions, start, end, (_TITLE_PHRASE,))
        if _GOVERNMENTS_TITLE.match(c[2])
    ]
    return min(found, default=None)


def _after_step(
    text: str, layout: Layout, mentions: Sequence[ActorMention], lead_end: int
) -> list[_Candidate]:
    """ "…Three weeks later the two prime ministers signed the Pukpuk Treaty in Canberra":
    a title a stage cue just before it introduces, at the first cue after the lead that
    has one; an older pact ("the 1951 Mutual Defense Treaty") no."""
    for hit in STAGE_CUES.hits(layout.doc, lead_end):
        if text[hit.start - 1 : hit.start] in ("-", "–"):
            continue  # "the US-brokered Abraham Accords": who made an older pact, no step
        # after the cue, or after its verb when the cue holds the pact ("terminating the
        # Visiting Forces Agreement")
        for verb_end in (hit.end, hit.start + len(text[hit.start : hit.end].split()[0])):
            at = _STEP_TO_TITLE.match(text, verb_end)
            title_start = at.end() if at is not None else verb_end
            if title_start >= len(text) or not text[title_start].isupper():
                continue
            s_end = layout.sentences[layout.sentence_of(title_start)][1]
            found = [
                (*c[:3], "name.after_step")
                for c in _titles(text, layout, mentions, title_start, s_end, (_TITLE_PHRASE,))
                if c[0] == title_start and not _YEAR_FIRST.match(c[2])
            ]
            if found:
                return found
    return []


def _subject_line(
    text: str, layout: Layout, mentions: Sequence[ActorMention], lead_start: int
) -> list[_Candidate]:
    """ "SUBJECT: MUTUAL DEFENSE TREATY WITH GRC" (a cable, a memo): titles in a subject
    line before the lead, which names what the text is about."""
    found: list[_Candidate] = []
    for s_start, s_end in [s for s in layout.sentences if s[1] <= lead_start]:
        subject = _SUBJECT_LINE.match(text, s_start, s_end)
        if subject is None:
            continue
        line = text[subject.end() : s_end]
        # A line of capitals is read in title case (same length, same places).
        read = text[: subject.end()] + _title_case(line) + text[s_end:] if line.isupper() else text
        found.extend(
            (c[0], c[1], _clean(text[c[0] : c[1]]), "name.subject_line")
            for c in _titles(read, layout, mentions, subject.end(), s_end, (_TITLE_PHRASE,))
        )
    return found


def _later_subject(
    text: str, layout: Layout, mentions: Sequence[ActorMention], lead_end: int
) -> list[_Candidate]:
    """ "…signs security and defence partnership with Moldova. Details: The Security and
    Defence Partnership covers…": the first later sentence whose subject is a title."""
    for s_start, s_end in [s for s in layout.sentences if s[0] >= lead_end]:
        opening = _SUBJECT_TITLE.match(text, s_start, s_end)
        if opening is None:
            continue
        found = [
            (*c[:3], "name.later_subject")
            for c in _titles(text, layout, mentions, opening.end(), s_end, (_TITLE_PHRASE,))
            if c[0] == opening.end() and not _YEAR_FIRST.match(c[2])
        ]
        if found:
            return found
    return []


def _label_end(name: str, start: int, mentions: Sequence[ActorMention]) -> int:
    """How many characters of ``name`` (which starts at ``start``) are a label: a code
    that is an actor's mention, with the partner after its dash; 0 when none."""
    code = _CODE_LABEL.match(name)
    if code is None or not any(a.start <= start < a.end for a in mentions):
        return 0
    end = code.end()
    if name[end : end + 1] in ("-", "–"):
        partner = next((a for a in mentions if a.start == start + end + 1), None)
        if partner is None:
            return 0
        end = partner.end - start
    gap = _LABEL_GAP.match(name, end)
    return gap.end() if gap is not None else 0


def _lists_members(text: str, mentions: Sequence[ActorMention], at: int) -> bool:
    """True when a list of two actors or more starts at ``at`` with a state's name
    ("Germany, Italy and Japan"; not a place, "the Treaty of Lima")."""
    group = group_after(mentions, at, len(text), text)
    return (
        len(group) >= 2
        and group[0].start == at
        and group[0].actor.kind is ActorKind.STATE
        and group[0].form not in _PLACE_FORMS
    )


def _title_case(line: str) -> str:
    """A line of capitals in title case, its small words in lower case ("MUTUAL DEFENSE
    TREATY WITH GRC" → "Mutual Defense Treaty with Grc")."""
    return _SMALL_WORD.sub(lambda m: m.group(0).lower(), line.title())


def _place_in(text: str, mentions: Sequence[ActorMention], start: int, end: int) -> int | None:
    """Where "on (the)" before a place (a capital, "the White House") starts within the
    title ``text[start:end]`` (no other preposition joins a title's words), or None."""
    for a in mentions:
        if a.form in _PLACE_FORMS and start < a.start < end:
            at = _AT_PLACE.search(text, start, a.start)
            if at is not None:
                return at.start()
    return None


def _titles(
    text: str,
    layout: Layout,
    mentions: Sequence[ActorMention],
    start: int,
    end: int,
    patterns: tuple[re.Pattern[str], ...],
) -> list[_Candidate]:
    """Quoted titles and title-case phrases holding a treaty word, between ``start`` and
    ``end``, that are not an organisation's name."""
    found: list[_Candidate] = []
    orgs = [(a.start, a.end) for a in mentions if a.actor.kind is ActorKind.ORGANIZATION]
    starts = {a.start for a in mentions}
    for pattern in patterns:
        for m in pattern.finditer(text, start, end):
            group = "n" if pattern is _QUOTED else 0
            p_start, p_end = m.span(group)
            phrase = m.group(group)
            if "\t" in phrase:
                # "CN-KP-1961<tab>Treaty of Friendship…<tab>China": a pasted row's cells;
                # a title is the first cell holding a treaty word.
                offset = 0
                for cell in phrase.split("\t"):
                    if _HAS_HEAD.search(cell):
                        p_start, p_end = p_start + offset, p_start + offset + len(cell)
                        phrase = cell
                        break
                    offset += len(cell) + 1
            if p_start > 0 and text[p_start - 1] in "-–":
                # "the U.S.–Armenia Charter": the title read from after the dash; the
                # compound before it is its label (see _label_end).
                before = next((a for a in mentions if a.end == p_start - 1), None)
                if before is not None and before.start >= start:
                    p_start = before.start
                    phrase = text[p_start:p_end]
            if pattern is _TITLE_PHRASE and _ENDS_IN_LIST_WORD.search(phrase):
                tail = _LIST_TAIL.match(text, p_end)
                if tail is not None and tail.end() <= end:
                    p_end = tail.end()  # "…of Peace" + ", Friendship and Cooperation"
                    phrase = text[p_start:p_end]
            region = _REGION_TAIL.match(text, p_end) if pattern is _TITLE_PHRASE else None
            if region is not None and region.end() <= end and _HAS_HEAD.search(phrase):
                p_end = region.end()  # "…Amity and Cooperation" + " in Southeast Asia"
                phrase = text[p_start:p_end]
            subject = (
                _SUBJECT_TAIL.match(text, p_end, end)
                if pattern is _TITLE_PHRASE and _FORMAL_TITLE.search(phrase)
                else None
            )
            if subject is not None:
                p_end = subject.end()  # "…between A and B" + " concerning the Status of …"
                phrase = text[p_start:p_end]
            members = _MEMBERS_OF.search(phrase) if pattern is _TITLE_PHRASE else None
            if members is not None and _lists_members(text, mentions, p_start + members.end()):
                # "the Tripartite Pact of Germany, Italy and Japan": its members, not its title.
                p_end = p_start + members.start("of")
                phrase = text[p_start:p_end]
            lead_actor = next((a for a in mentions if a.start <= p_start < a.end), None)
            connector = _CONNECTOR_AFTER.match(text, lead_actor.end) if lead_actor else None
            if connector is not None and connector.end() < p_end:
                # "accession of Ecuador to the Treaty…": an actor, then the title.
                p_start = connector.end()
                phrase = text[p_start:p_end]
            place_at = _place_in(text, mentions, p_start, p_end) if " on " in phrase else None
            if place_at is not None:
                # "…Peace Treaty on the White House lawn": where it was signed, not its title.
                p_end = place_at
                phrase = text[p_start:p_end]
            bare_the = _BARE_THE.search(phrase) if pattern is _TITLE_PHRASE else None
            if bare_the is not None and _HAS_HEAD.search(phrase, bare_the.end()):
                # "at the Quirinale Palace the Treaty for…": the title starts after "the".
                p_start += bare_the.end()
                phrase = phrase[bare_the.end() :]
            elif bare_the is not None and _ENDS_IN_HEAD.search(phrase, 0, bare_the.start()):
                # "the Middle East Strategic Alliance the Trump administration is floating":
                # the title ends before "the".
                p_end = p_start + bare_the.start()
                phrase = phrase[: bare_the.start()]
            on_the = _ON_THE.search(phrase) if pattern is _TITLE_PHRASE else None
            if (
                on_the is not None
                and not _HAS_HEAD.search(phrase, 0, on_the.start())
                and _HAS_HEAD.search(phrase, on_the.end())
            ):
                # "the submission to the Secretary of State on the UK–Oman Joint Defence
                # Agreement": what the words before "on" are about is the title.
                p_start += on_the.end()
                phrase = phrase[on_the.end() :]
            if pattern is _TITLE_PHRASE:
                # Cheap test first: cutting at a stage verb only shortens the phrase.
                if not _HAS_HEAD.search(phrase):
                    continue
                verb = STAGE_CUES.first(phrase)
                if verb is not None:
                    headline = phrase[: verb.start].rstrip()  # "Pact Signed in Lima"
                    # "Motion for Consent to the Ratification of the Agreement between…":
                    # the stage is a noun, the title follows its "of"; "Draft South-East
                    # Asia Collective Defence Treaty": a document's stage opens the phrase.
                    title_at = (
                        _LABEL_GAP.match(phrase, verb.end)
                        if verb.start == 0 and _DOCUMENT_STAGE.match(phrase)
                        else _OF_AFTER_STEP.match(phrase, verb.end)
                    )
                    if _HAS_HEAD.search(headline):
                        phrase = headline
                    elif title_at is not None and _HAS_HEAD.search(phrase, title_at.end()):
                        p_start += title_at.end()
                        phrase = phrase[title_at.end() :]
                    else:
                        continue
            change = _CHANGE_OF.match(phrase) if pattern is _TITLE_PHRASE else None
            if change is not None and _HAS_HEAD.search(phrase, change.end()):
                p_start += change.end()
                phrase = phrase[change.end() :]
            if pattern is _QUOTED and (
                len(phrase.split()) < 2 or _HEADLINE_STEP.search(phrase) is not None
            ):
                continue  # ("GREECE AND TURKEY TO JOIN ATLANTIC PACT": a headline quoted)
            cut = before_member_list(text, p_start, p_start + len(phrase), starts) - p_start
            if _HAS_HEAD.search(phrase, 0, cut):
                phrase = phrase[:cut]  # "the Three-Power Pact of Germany, Italy and Japan"
            described = _DESCRIBED_AFTER.search(phrase)
            if described is not None:
                head = _HAS_HEAD.search(phrase, 0, described.start())
                words = _clean(phrase[: described.start()]).split()
                if (
                    head is not None
                    and len(words) >= 2  # not "The Treaty" alone
                    and head.end() == described.start()
                    and (
                        len(words) >= 3
                        or not _GENERIC_WORDS.issuperset(words)
                        or _GOVERNMENTS_AFTER.match(phrase, described.start())
                    )
                ):
                    phrase = phrase[: described.start()]
            name = _clean(phrase)
            if (
                len(name.split()) < 2
                or layout.compares(m.start())
                or _GOVERNMENT.search(name)
                or _RECORD_TITLE.search(name)
                or _POSSESSIVE_INSIDE.search(name)
            ):
                continue
            heads = [p_start + h.start() for h in _HAS_HEAD.finditer(phrase)]
            if any(a <= p_start and p_end <= b for a, b in orgs) or (
                heads and all(any(a <= h < b for a, b in orgs) for h in heads)
            ):
                # An organisation's name, or words before it ("Leaders of the Collective
                # Security Treaty Organization"): every treaty word is the body's.
                continue
            offset = p_start + phrase.find(name)
            rule = "name.quoted" if pattern is _QUOTED else "name.title_phrase"
            found.append((offset, offset + len(name), name, rule))
    return found
