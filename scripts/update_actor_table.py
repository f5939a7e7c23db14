#!/usr/bin/env python3
"""Bring ``normalize/data/actors.json`` up to date with ISO 3166-1 (from pycountry).

Every ISO 3166-1 entry becomes a state record (territories included: the Cook Islands,
Niue, Puerto Rico, Hong Kong…), and each existing record gains pycountry's English
``name``/``official_name``/``common_name`` when the table lacks it, is free of commas
and brackets ("Korea, Republic of" is not how anyone writes) and clashes with nothing.
The canonical names and extra forms of new territories are written below, by hand,
where pycountry's name is not the one the news uses. Curated forms are never removed.
The table is written back one record per line; run it after a pycountry upgrade::

    .venv/bin/python scripts/update_actor_table.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pycountry

from pactparse.normalize.actors import ActorTable

TABLE = Path(__file__).resolve().parent.parent / "src/pactparse/normalize/data/actors.json"

#: New territories whose news name is not pycountry's ``name``: canonical name, forms.
TERRITORY_NAMES: dict[str, tuple[str, list[str]]] = {
    "ALA": ("Åland Islands", ["Aland Islands", "Åland", "Aland"]),
    "BES": ("Caribbean Netherlands", ["Bonaire, Sint Eustatius and Saba", "Bonaire"]),
    "BLM": ("Saint Barthélemy", ["Saint Barthelemy", "St Barts", "St. Barts"]),
    "CCK": ("Cocos (Keeling) Islands", ["Cocos Islands", "the Cocos Islands"]),
    "CUW": ("Curaçao", ["Curacao"]),
    "FLK": ("Falkland Islands", ["the Falkland Islands", "the Falklands", "Malvinas"]),
    "FRO": ("Faroe Islands", ["the Faroe Islands", "the Faroes"]),
    "HKG": ("Hong Kong", ["Hong Kong SAR"]),
    "IOT": ("British Indian Ocean Territory", ["the Chagos Islands", "the Chagos Archipelago"]),
    "MAC": ("Macau", ["Macao"]),
    "MAF": ("Saint Martin", ["Saint Martin (French part)", "St. Martin"]),
    "PCN": ("Pitcairn Islands", ["the Pitcairn Islands", "Pitcairn"]),
    "REU": ("Réunion", ["Reunion Island", "La Réunion", "La Reunion"]),
    "SHN": ("Saint Helena", ["Saint Helena, Ascension and Tristan da Cunha", "St Helena"]),
    "SJM": ("Svalbard and Jan Mayen", ["Svalbard"]),
    "SXM": ("Sint Maarten", ["Sint Maarten (Dutch part)"]),
    "TCA": ("Turks and Caicos Islands", ["the Turks and Caicos Islands", "Turks and Caicos"]),
    "UMI": ("United States Minor Outlying Islands", []),
    "VGB": ("British Virgin Islands", ["the British Virgin Islands"]),
    "VIR": (
        "US Virgin Islands",
        ["the US Virgin Islands", "the U.S. Virgin Islands", "United States Virgin Islands"],
    ),
    "ESH": ("Western Sahara", ["Sahrawi Arab Democratic Republic", "the SADR"]),
}

#: Exclusions that name a territory the table now holds as an actor.
NOW_ACTORS = {
    "British Virgin Islands",
    "British Indian Ocean Territory",
    "American Samoa",
    "US Virgin Islands",
    "U.S. Virgin Islands",
    "French Guiana",
    "French Polynesia",
    "Turks and Caicos",
    "Turks and Caicos Islands",
    "Northern Cyprus",
    "Turkish Republic of Northern Cyprus",
}

#: Place names that contain a territory's name without meaning it.
NEW_EXCLUSIONS = ["New Jersey", "Strait of Gibraltar", "Straits of Gibraltar", "Bermuda Triangle"]


def _plain(name: str) -> bool:
    return not any(c in name for c in ",()[]")


def _key(form: str) -> str:
    return " ".join(form.lower().removeprefix("the ").replace("-", " ").split())


def _taken(data: dict[str, Any]) -> dict[str, str]:
    """Every listed surface form (normalised) -> who holds it."""
    out: dict[str, str] = {}
    for rec in [*data["states"], *data["organizations"]]:
        holder = rec.get("code") or rec["name"]
        for form in [
            rec["name"],
            *(f for k, v in rec.items() if k != "code" and isinstance(v, list) for f in v),
        ]:
            out.setdefault(_key(form), holder)
    for form in [*data["exclusions"], *data["ambiguous"]["names"]]:
        out.setdefault(_key(form), "(excluded)")
    return out


def update(data: dict[str, Any]) -> dict[str, Any]:
    states: list[dict[str, Any]] = data["states"]
    by_code = {s["code"]: s for s in states}
    data["exclusions"] = [e for e in data["exclusions"] if e not in NOW_ACTORS]
    data["exclusions"] += [e for e in NEW_EXCLUSIONS if e not in data["exclusions"]]
    for country in pycountry.countries:
        code = country.alpha_3
        if code not in by_code:
            name, extra = TERRITORY_NAMES.get(code, (country.name, []))
            by_code[code] = {"code": code, "name": name, "names": list(extra)}
            states.append(by_code[code])
    taken = _taken(data)
    for country in pycountry.countries:
        record = by_code[country.alpha_3]
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and _plain(value) and _key(value) not in taken:
                record.setdefault("names", []).append(value)
                taken[_key(value)] = country.alpha_3
        if not record.get("names"):
            record.pop("names", None)
    return data


def _block(items: dict[str, Any], indent: str) -> list[str]:
    """``items`` as JSON lines: a list of objects one object a line, an object holding
    such a list as a nested block, anything else on one line."""
    lines: list[str] = []
    for i, (key, value) in enumerate(items.items()):
        comma = "," if i < len(items) - 1 else ""
        head = f"{indent}{json.dumps(key)}: "
        if isinstance(value, list) and value and isinstance(value[0], dict):
            rows = [f"{indent}  {json.dumps(v, ensure_ascii=False)}" for v in value]
            lines += [head + "[", ",\n".join(rows), f"{indent}]{comma}"]
        elif isinstance(value, dict) and any(
            isinstance(v, list) and v and isinstance(v[0], dict) for v in value.values()
        ):
            lines += [head + "{", *_block(value, indent + "  "), f"{indent}}}{comma}"]
        else:
            lines.append(head + json.dumps(value, ensure_ascii=False) + comma)
    return lines


def dump(data: dict[str, Any]) -> str:
    """The table as the curated file is written: one record per line."""
    return "\n".join(["{", *_block(data, "  "), "}"]) + "\n"


def main() -> None:
    data = update(json.loads(TABLE.read_text(encoding="utf-8")))
    table = dump(data)
    ActorTable(json.loads(table))  # raises on any clash before anything is written
    TABLE.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
