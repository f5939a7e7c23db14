"""A fake natural-style model: HAND-WRITTEN MODEL ANSWERS served as a chat model would.

A loopback OpenAI-compatible server (127.0.0.1, an ephemeral port, stdlib only) that
answers every summary of the project's gold files with the gold record, in one of two
styles, chosen by the request's ``model``:

``exact``
    the gold answer copied from the text word for word: actors as first written,
    phrases as they stand (the baseline);
``natural``
    the same answer worded the way strong models write it, by the hand-written
    transforms below: canonical names ("United States" for "U.S.", "Türkiye" for
    "Turkey"), official names ("Republic of Korea"), ISO codes ("BHR", "KAZ") in some
    records, a state for its demonym ("France" for "French"), a provision with one
    word swapped or its boundary moved by a word, a rationale quoted with other
    boundaries, a date without its preposition ("February" for "in February"), a name
    in quotes or with "the", a literal newline inside a string now and then.

A re-ask gets the same answer again (a strong model stands by an answer that was right).
Token usage is counted as a server would bill it, about four characters a token, over
every message sent (so a re-ask costs the whole conversation again) and the answer.

Used by ``tests/test_natural.py`` and ``benchmarks/bench_natural.py``. Only the gold
files named in :data:`GOLD_FILES` are read: holdout7, nopact2 and foreign1 are blind.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pycountry

from pactparse import extract
from pactparse.backends.base import Request
from pactparse.backends.openai import OpenAIBackend
from pactparse.backends.rules import RulesBackend
from pactparse.errors import ExtractionError
from pactparse.evaluation.gold import GoldRecord, load_gold
from pactparse.evaluation.metrics import Scores, score
from pactparse.normalize.actors import ActorTable
from pactparse.schema import Pact

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
#: The gold files the fake model knows. Never holdout7, nopact2 or foreign1 (kept blind).
GOLD_FILES = ("seeds", "dev", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6")

Answer = dict[str, Any]


@cache
def gold_records(files: tuple[str, ...] = GOLD_FILES) -> tuple[GoldRecord, ...]:
    records: list[GoldRecord] = []
    for name in files:
        records.extend(load_gold(FIXTURES / f"{name}.jsonl"))
    return tuple(records)


def _pick(record_id: str, salt: str, n: int) -> int:
    """A stable choice among ``n`` for this record and purpose."""
    return int(hashlib.sha256(f"{record_id}/{salt}".encode()).hexdigest(), 16) % n


# -- the exact answer ---------------------------------------------------------------------


def _actor_as_written(gold: str, text: str, table: ActorTable) -> str:
    """The text's first mention of a gold actor (a code, or a non-state name)."""
    for m in table.find_all(text):
        if m.actor.key == gold or (
            m.actor.code is None and gold.split()[-1] in m.actor.name.lower().split()
        ):
            return m.text
    found = re.search(re.escape(gold), text, re.IGNORECASE)
    return found.group() if found else gold


def _some_words(text: str, n: int = 8) -> str:
    words = list(re.finditer(r"\S+", text))
    return text[: words[min(n, len(words)) - 1].end()].rstrip(",;:.")


def exact_answer(record: GoldRecord, table: ActorTable) -> Answer:
    """The gold record in the text's own words, as a model that copies would answer."""
    gold, text = record.gold, record.text
    offline = RulesBackend().propose(Request(text, record.reference_date)).draft
    phrases = {p.category: p.text for p in (offline.provisions if offline else [])}
    return {
        "name": gold.name,
        "status": gold.status.value,
        "event": gold.event.value,
        "parties": [_actor_as_written(a, text, table) for a in gold.parties],
        "adversaries": [_actor_as_written(a, text, table) for a in gold.adversaries],
        "provisions": [
            {"category": c.value, "text": phrases.get(c, _some_words(text))}
            for c in gold.provisions
        ],
        "date_hints": list(gold.date_hints),
        "rationale": list(gold.rationale),
        "no_pact": None,
    }


# -- hand-written transforms: how strong models word the same answer -----------------------

#: One-word swaps a model makes when it restates a commitment.
SYNONYMS = {
    "defense": "defence",
    "defence": "defense",
    "strengthen": "bolster",
    "enhance": "boost",
    "deepen": "expand",
    "joint": "combined",
    "military": "defense",
    "cooperation": "collaboration",
    "share": "exchange",
    "sharing": "exchanging",
    "troops": "forces",
    "agreed": "pledged",
    "countering": "counter",
    "counter": "countering",
}


def canonical_actor(gold: str, written: str, style: int, table: ActorTable) -> str:
    """An actor as a strong model names it: the canonical name (style 0), the official
    name where pycountry has one (1), the ISO code (2); non-state actors in sentence case."""
    actor = table.by_code(gold)
    if actor is None:
        return written[:1].upper() + written[1:]
    if style == 2:
        return gold
    if style == 1:
        country = pycountry.countries.get(alpha_3=gold)
        official = getattr(country, "official_name", None) if country else None
        if official and "," not in official and "(" not in official:
            return str(official)
    return actor.name


def swap_a_word(phrase: str) -> str:
    """Replace the first word that has a synonym ("defense" -> "defence")."""
    words = phrase.split(" ")
    for i, word in enumerate(words):
        if word.lower() in SYNONYMS:
            words[i] = SYNONYMS[word.lower()]
            return " ".join(words)
    return phrase


def shift_boundaries(phrase: str, text: str, style: int) -> str:
    """Move the phrase's edge by a word: drop the first word (0), take the word after it
    in the text too (1), or drop the last word (2); phrases of three words or fewer stay."""
    words = phrase.split(" ")
    if len(words) <= 3:
        return phrase
    if style == 0:
        return " ".join(words[1:])
    if style == 2:
        return " ".join(words[:-1])
    at = text.find(phrase)
    following = re.match(r"\s+([\w'-]+)", text[at + len(phrase) :]) if at >= 0 else None
    return f"{phrase} {following.group(1)}" if following else phrase


def drop_preposition(hint: str) -> str:
    """ "in February" -> "February", "on Friday" -> "Friday", "by 2027" -> "2027"."""
    return re.sub(r"^(?:in|on|by|since|from|during|until)\s+", "", hint)


def dress_name(name: str, style: int) -> str:
    """The name as models quote it: in quotes (0), with "the" (1), as it is (2)."""
    return [f'"{name}"', f"the {name}", name][style]


def natural_answer(record: GoldRecord, table: ActorTable) -> Answer:
    """:func:`exact_answer` worded by the transforms above."""
    exact = exact_answer(record, table)
    rid, text, gold = record.id, record.text, record.gold
    actor_style = _pick(rid, "actors", 6) % 3
    answer = dict(exact)
    for role in ("parties", "adversaries"):
        answer[role] = [
            canonical_actor(code, written, actor_style, table)
            for code, written in zip(getattr(gold, role), exact[role], strict=True)
        ]
    answer["provisions"] = [
        {
            "category": p["category"],
            "text": (
                swap_a_word(p["text"])
                if _pick(rid, f"p{i}", 2)
                else shift_boundaries(p["text"], text, _pick(rid, f"ps{i}", 3))
            ),
        }
        for i, p in enumerate(exact["provisions"])
    ]
    answer["rationale"] = [
        shift_boundaries(r, text, _pick(rid, f"r{i}", 3)) for i, r in enumerate(exact["rationale"])
    ]
    answer["date_hints"] = [drop_preposition(h) for h in exact["date_hints"]]
    if exact["name"]:
        answer["name"] = dress_name(exact["name"], _pick(rid, "name", 3))
    return answer


def render(answer: Answer, record_id: str, natural: bool) -> str:
    """The answer as the model's message content."""
    content = json.dumps(answer, ensure_ascii=False)
    if not natural:
        return content
    if _pick(record_id, "newline", 8) == 0 and answer["rationale"]:
        # a literal line break inside a string, as some models write long phrases
        first = json.dumps(answer["rationale"][0], ensure_ascii=False)
        broken = first.replace(" ", "\n", 1)
        content = content.replace(first, broken, 1)
    return content


# -- the server ---------------------------------------------------------------------------

_SUMMARY = re.compile(r"<summary>\n(.*)\n</summary>", re.DOTALL)


def _tokens(chars: int) -> int:
    return chars // 4 + 1


class NaturalModelServer:
    """Serves :func:`natural_answer` (model ``natural``) or :func:`exact_answer` (any other
    model) for every summary of :data:`GOLD_FILES`; ``requests`` counts what it served."""

    def __init__(self, files: tuple[str, ...] = GOLD_FILES) -> None:
        table = ActorTable.default()
        self.records = {r.text: r for r in gold_records(files)}
        self._answers: dict[tuple[str, bool], str] = {}
        self._table = table
        self.requests = 0
        self._lock = threading.Lock()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}/v1"

    def answer(self, text: str, natural: bool) -> str:
        key = (text, natural)
        with self._lock:
            self.requests += 1
            if key not in self._answers:
                record = self.records[text]
                make: Callable[[GoldRecord, ActorTable], Answer] = (
                    natural_answer if natural else exact_answer
                )
                self._answers[key] = render(make(record, self._table), record.id, natural)
            return self._answers[key]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                messages = body["messages"]
                found = _SUMMARY.search(messages[1]["content"])
                text = found.group(1) if found else ""
                content = server.answer(text, natural=body.get("model") == "natural")
                if "no_pact" not in json.dumps(body.get("response_format")):
                    # a client from before the field existed (to measure what changed)
                    content = content.replace(', "no_pact": null', "")
                prompt_chars = sum(len(m.get("content") or "") for m in messages)
                prompt_chars += len(json.dumps(body.get("response_format", {})))
                payload = json.dumps(
                    {
                        "id": "chatcmpl-natural",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", "exact"),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": content},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {
                            "prompt_tokens": _tokens(prompt_chars),
                            "completion_tokens": _tokens(len(content)),
                            "total_tokens": _tokens(prompt_chars) + _tokens(len(content)),
                        },
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> NaturalModelServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()


@dataclass(frozen=True, slots=True)
class Run:
    """What one style of answers gave over the gold records."""

    scores: Scores
    n: int
    reasked: int
    warned: int
    failed: int
    tokens: int

    def field_scores(self) -> dict[str, float]:
        s = self.scores
        return {
            "parties": s.parties.f1,
            "adversaries": s.adversaries.f1,
            "provisions": s.provisions.f1,
            "date_hints": s.date_hints.f1,
            "rationale": s.rationale.f1,
            "status": s.status,
            "event": s.event,
            "name": s.name,
            "exact_parties": s.exact_parties,
        }


def run(server: NaturalModelServer, style: str, records: tuple[GoldRecord, ...]) -> Run:
    """Extract every record through the openai backend from ``server`` in ``style``."""
    backend = OpenAIBackend(
        model=style, base_url=server.url, api_key="not-a-key", mode="json_schema", max_retries=0
    )
    preds: list[Pact | None] = []
    reasked = warned = failed = tokens = 0
    try:
        for record in records:
            try:
                pact = extract(record.text, backend=backend, reference_date=record.reference_date)
            except ExtractionError as exc:
                preds.append(None)
                failed += 1
                tokens += sum(sum(a.usage.values()) for a in exc.attempts)
                continue
            preds.append(pact)
            reasked += pact.provenance.reasks > 0
            warned += bool(pact.provenance.warnings)
            tokens += pact.provenance.usage.prompt_tokens + pact.provenance.usage.completion_tokens
    finally:
        backend.close()
    scores = score([r.gold for r in records], preds)
    return Run(scores, len(records), reasked, warned, failed, tokens)


@contextmanager
def natural_server(files: tuple[str, ...] = GOLD_FILES) -> Iterator[NaturalModelServer]:
    with NaturalModelServer(files) as server:
        yield server
