"""The cassette policy of tests/conftest.py, run on a throwaway test suite (pytester).

Recording here goes through ``httpx2.MockTransport`` (which vcrpy patches like every
httpx2 transport) with HAND-WRITTEN responses: no server, no network.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

pytest_plugins = ["pytester"]

CONFTEST = (Path(__file__).parent / "conftest.py").read_text()

SUITE = """
import httpx2
import pytest

def handwritten(request):
    return httpx2.Response(
        200,
        headers={"set-cookie": "session=secret", "openai-organization": "org-secret",
                 "x-request-id": "req-123", "content-type": "application/json"},
        json={"answer": "multi\\nline", "model": "m"},
    )

def client():
    return httpx2.Client(transport=httpx2.MockTransport(handwritten))

@pytest.mark.vcr
def test_one_request():
    response = client().post(
        "http://server.test/v1/chat",
        json={"model": "a", "messages": [{"role": "user", "content": "hi"}]},
        headers={"Authorization": "Bearer sk-secret", "api-key": "k-secret",
                 "x-api-key": "x-secret", "cookie": "c=secret",
                 "openai-project": "proj-secret"},
    )
    assert response.json()["answer"] == "multi\\nline"
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    tests = pytester.mkdir("tests")
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    (tests / "conftest.py").write_text(CONFTEST)
    (tests / "test_suite.py").write_text(SUITE)
    return pytester


def cassette_path(suite: pytest.Pytester) -> Path:
    return suite.path / "fixtures" / "cassettes" / "test_suite" / "test_one_request.yaml"


def test_a_missing_cassette_fails_naming_the_rerecord_command(suite: pytest.Pytester) -> None:
    result = suite.runpytest("tests", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)  # failed in setup, before any request
    result.stdout.fnmatch_lines(
        ["*does not exist; re-record with: python scripts/record_cassettes.py*"]
    )
    assert not cassette_path(suite).exists()


def test_recording_needs_the_flag_and_scrubs_secrets(suite: pytest.Pytester) -> None:
    suite.runpytest("tests", "-p", "no:cacheprovider", "--record-mode=once").assert_outcomes(
        passed=1
    )
    text = cassette_path(suite).read_text()
    for secret in ("sk-secret", "k-secret", "x-secret", "c=secret", "proj-secret",
                   "session=secret", "org-secret", "req-123"):  # fmt: skip
        assert secret not in text, secret
    data = yaml.safe_load(text)
    [interaction] = data["interactions"]
    assert set(interaction["request"]["headers"]) <= {"accept", "content-type"}
    assert interaction["request"]["body"] == {
        "json": {"model": "a", "messages": [{"role": "user", "content": "hi"}]}
    }
    assert interaction["response"]["body"] == {"json": {"answer": "multi\nline", "model": "m"}}
    assert "answer: |-" in text  # multi-line strings are YAML blocks

    # Replay (the default) then passes offline.
    suite.runpytest("tests", "-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_an_unplayed_interaction_fails_the_test(suite: pytest.Pytester) -> None:
    suite.runpytest("tests", "-p", "no:cacheprovider", "--record-mode=once")
    path = cassette_path(suite)
    data = yaml.safe_load(path.read_text())
    data["interactions"].append(data["interactions"][0])
    path.write_text(yaml.safe_dump(data))
    result = suite.runpytest("tests", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*1 of 2 recorded interaction(s)*were not played*re-record with*"])


def test_a_changed_request_fails_with_the_rerecord_command(suite: pytest.Pytester) -> None:
    suite.runpytest("tests", "-p", "no:cacheprovider", "--record-mode=once")
    path = cassette_path(suite)
    data = yaml.safe_load(path.read_text())
    data["interactions"][0]["request"]["body"]["json"]["messages"][0]["content"] = "other"
    path.write_text(yaml.safe_dump(data))
    result = suite.runpytest("tests", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*re-record with: python scripts/record_cassettes.py*"])


def test_replay_ignores_the_host_and_the_model(suite: pytest.Pytester) -> None:
    suite.runpytest("tests", "-p", "no:cacheprovider", "--record-mode=once")
    path = cassette_path(suite)
    data = yaml.safe_load(path.read_text())
    data["interactions"][0]["request"]["uri"] = "http://elsewhere:9999/v1/chat"
    data["interactions"][0]["request"]["body"]["json"]["model"] = "another-model"
    path.write_text(json.dumps(data))  # JSON is YAML too
    suite.runpytest("tests", "-p", "no:cacheprovider").assert_outcomes(passed=1)
