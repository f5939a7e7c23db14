"""Shared pytest configuration.

Cassettes (pytest-recording + vcrpy)
------------------------------------
Tests marked ``@pytest.mark.vcr`` replay HTTP interactions recorded from a real
server, stored readable in ``fixtures/cassettes/<test module>/<test name>.yaml``:

- replay only: the record mode is ``none`` unless a developer passes
  ``--record-mode=once`` (or ``rewrite``) explicitly;
- request and response headers are reduced to harmless ones (no authorization,
  api keys, organisation/project ids, cookies, request ids);
- JSON bodies are stored parsed (``body: {json: ...}``), multi-line strings as YAML
  blocks, so a reviewer can read the prompt and the model's answer;
- requests match on method, path and JSON body (the host and the body's ``model``
  are ignored, so cassettes re-recorded against another server replay anywhere; of a
  chat's later turns only the roles count, see ``_matchable``);
- a missing cassette, a request the cassette lacks, or a recorded interaction left
  unplayed fails the test with the command that re-records it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASSETTE_DIR = ROOT / "fixtures" / "cassettes"

# Request headers worth keeping in a cassette; every other one is dropped.
_KEPT_REQUEST_HEADERS = frozenset({"content-type", "accept"})
# Listed for vcrpy too, as a second line of defence.
_SECRET_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
]
# Response header names containing one of these are dropped.
_DROPPED_RESPONSE_HEADER_WORDS = (
    "cookie",
    "auth",
    "key",
    "token",
    "organization",
    "project",
    "request-id",
    "cf-",
    "openai-",
    "x-ratelimit",
    "content-length",  # bodies are re-serialised; httpx recomputes the length
    "content-encoding",
    "transfer-encoding",
)


def rerecord_command(nodeid: str) -> str:
    """The exact command that re-records the cassette of test ``nodeid``."""
    return (
        f"python scripts/record_cassettes.py '{nodeid}'   "
        "(starts a local llama-cpp-python server with Gemma 3 270M; see fixtures/README.md), "
        "or against a running server: PACTPARSE_RECORD_BASE_URL=<url> PACTPARSE_RECORD_MODEL=<m> "
        f".venv/bin/pytest '{nodeid}' --record-mode=rewrite"
    )


# -- readable cassettes ------------------------------------------------------------------

try:
    _Dumper: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment]
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Dumper, _Loader = yaml.SafeDumper, yaml.SafeLoader


class _ReadableDumper(_Dumper):  # type: ignore[misc,valid-type]
    pass


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_ReadableDumper.add_representer(str, _represent_str)


def _to_json(text: Any) -> Any:
    if not isinstance(text, str) or not text.lstrip().startswith(("{", "[")):
        return None
    try:
        return {"json": json.loads(text)}
    except ValueError:
        return None


class ReadableYamlSerializer:
    """vcrpy's YAML cassette format, with JSON bodies stored parsed."""

    @staticmethod
    def serialize(cassette_dict: dict[str, Any]) -> str:
        for interaction in cassette_dict.get("interactions", []):
            request, response = interaction["request"], interaction["response"]
            request["body"] = _to_json(request.get("body")) or request.get("body")
            body = response.get("body") or {}
            parsed = _to_json(body.get("string"))
            if parsed is not None:
                response["body"] = parsed
        return yaml.dump(
            cassette_dict, Dumper=_ReadableDumper, allow_unicode=True, sort_keys=False, width=100
        )

    @staticmethod
    def deserialize(cassette_string: str) -> dict[str, Any]:
        data: dict[str, Any] = yaml.load(cassette_string, Loader=_Loader)
        for interaction in data.get("interactions", []):
            request, response = interaction["request"], interaction["response"]
            if isinstance(request.get("body"), dict) and "json" in request["body"]:
                request["body"] = json.dumps(request["body"]["json"], ensure_ascii=False)
            if isinstance(response.get("body"), dict) and "json" in response["body"]:
                text = json.dumps(response["body"]["json"], ensure_ascii=False)
                response["body"] = {"string": text}
        return data


def _json_or_none(body: Any) -> Any:
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    if not isinstance(body, str):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _matchable(body: dict[str, Any]) -> dict[str, Any]:
    """The parts of a JSON request body replay must agree on.

    ``model`` is left out (cassettes re-recorded with another model replay anywhere). Of
    a chat request's messages, the roles of all and the content of the first two (the
    system prompt and the input) count: the wording of later turns (a re-ask's error
    list, written by ``pactparse.verify``) may change without invalidating what the
    model answered, and tests that care assert it exactly.
    """
    view = {k: v for k, v in body.items() if k != "model"}
    messages = view.get("messages")
    if isinstance(messages, list):
        view["messages"] = [
            m if i < 2 or not isinstance(m, dict) else {"role": m.get("role")}
            for i, m in enumerate(messages)
        ]
    return view


def match_json_body(r1: Any, r2: Any) -> None:
    """vcrpy matcher on JSON bodies (see :func:`_matchable`); raw bodies otherwise."""
    a, b = _json_or_none(r1.body), _json_or_none(r2.body)
    if isinstance(a, dict) and isinstance(b, dict):
        assert _matchable(a) == _matchable(b), "the JSON bodies differ"
        return
    assert r1.body == r2.body, "the bodies differ"


def _scrub_request(request: Any) -> Any:
    for name in list(request.headers):
        if name.lower() not in _KEPT_REQUEST_HEADERS:
            del request.headers[name]
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers") or {}
    response["headers"] = {
        name: value
        for name, value in headers.items()
        if not any(word in name.lower() for word in _DROPPED_RESPONSE_HEADER_WORDS)
    }
    return response


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_serializer("yaml", ReadableYamlSerializer)
    vcr.register_matcher("json_body", match_json_body)


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTE_DIR / Path(str(request.node.fspath)).stem)


@pytest.fixture
def vcr_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {
        # Replay only, unless --record-mode is passed explicitly.
        "record_mode": request.config.getoption("--record-mode") or "none",
        "match_on": ["method", "path", "json_body"],
        "filter_headers": _SECRET_HEADERS,
        "filter_query_parameters": ["api_key", "key", "api-key"],
        "before_record_request": _scrub_request,
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _cassette_guard(request: pytest.FixtureRequest, vcr: Any) -> Iterator[None]:
    """Fail on a missing cassette before the test, and on unplayed interactions after it."""
    if vcr is None:
        yield
        return
    replaying = (request.config.getoption("--record-mode") or "none") == "none"
    if replaying and not os.path.exists(vcr._path):
        pytest.fail(
            f"cassette {os.path.relpath(vcr._path, ROOT)} does not exist; "
            f"re-record with: {rerecord_command(request.node.nodeid)}",
            pytrace=False,
        )
    yield
    if request.node.stash.get(_CALL_FAILED, False):
        return  # the test's own failure already says what went wrong
    if replaying and not vcr.all_played:
        unplayed = len(vcr) - len(vcr.play_counts)
        pytest.fail(
            f"{unplayed} of {len(vcr)} recorded interaction(s) in "
            f"{os.path.relpath(vcr._path, ROOT)} were not played: the code under test no longer "
            f"makes the recorded requests; re-record with: {rerecord_command(request.node.nodeid)}",
            pytrace=False,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    if report.failed and item.get_closest_marker("vcr") is not None:
        report.sections.append(
            (
                "cassette",
                f"If the recorded requests changed, re-record with: "
                f"{rerecord_command(item.nodeid)}",
            )
        )
    return report


# -- environment -------------------------------------------------------------------------

_BACKEND_ENV = (
    "PACTPARSE_MODEL",
    "PACTPARSE_BASE_URL",
    "PACTPARSE_API_KEY",
    "PACTPARSE_BACKEND",
    "PACTPARSE_LLAMACPP_MODEL",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
)


@pytest.fixture
def clean_backend_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No backend configuration leaks in from the developer's environment."""
    for name in _BACKEND_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch
