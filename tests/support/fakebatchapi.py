"""A fake OpenAI Batch API server (files, batches, chat completions), for tests and benchmarks.

It listens on 127.0.0.1 only (an ephemeral port) with the standard library's threading
HTTP server, and answers what the official client sends for:

* ``POST /v1/files`` (multipart, ``purpose=batch``), ``GET /v1/files``,
  ``GET /v1/files/{id}/content``;
* ``POST /v1/batches``, ``GET /v1/batches/{id}``, ``GET /v1/batches`` (newest first);
* ``POST /v1/chat/completions`` (online answers, for ``--reask-online``).

A batch moves one state per poll: ``validating`` → ``in_progress`` → its outcome, taken
in turn from ``outcomes`` (default ``completed``): ``completed``; ``failed`` (validation
errors, no files); ``expired`` (only the first half of its requests answered, the rest in
the error file with ``batch_expired``). The answers are drafts made from each summary by
:func:`support.faultserver.default_draft`, except where the summary asks otherwise:

``WRONG``    the first answer names a party the text lacks (verification fails: a re-ask)
``DENIED``   an error line with HTTP 400 (a permanent error)
``FLAKY``    an error line with HTTP 500 the first time (a transient error), then answered

``hold`` names a step (``upload``, ``create``, ``poll``, ``download``) at which the server
does its work, then waits before answering until :meth:`release` (a test kills the client
meanwhile); ``held`` is set when it waits. ``drop`` names a step at which the server does
its work, then closes the connection without answering, once (the answer is lost).
``answered`` counts each request answered in a batch or online, by its summary and
re-ask: what the provider would bill.
"""

from __future__ import annotations

import email.parser
import itertools
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson

from .faultserver import _completion, default_draft

__all__ = ["FakeBatchAPI"]

_SUMMARY = re.compile(r"<summary>\n(.*)\n</summary>", re.DOTALL)


def _summary(body: dict[str, Any]) -> str:
    for message in body.get("messages", []):
        found = _SUMMARY.search(str(message.get("content") or ""))
        if found:
            return found.group(1)
    return ""


class FakeBatchAPI:
    """See the module documentation. Use as a context manager."""

    def __init__(
        self, *, outcomes: list[str] | None = None, hold: str | None = None, drop: str | None = None
    ) -> None:
        self.outcomes = list(outcomes or [])
        self.hold = hold
        self.drop = drop
        self.held = threading.Event()
        self._release = threading.Event()
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.answered: Counter[tuple[str, int]] = Counter()
        self._flaky: Counter[str] = Counter()
        self._ids = itertools.count(1)
        self._lock = threading.RLock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeBatchAPI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def release(self) -> None:
        self._release.set()

    def _wait_unlocked(self, step: str) -> bool:
        """:meth:`_wait_if_held` from a handler holding the lock (released meanwhile)."""
        self._lock.release()
        try:
            return self._wait_if_held(step)
        finally:
            self._lock.acquire()

    def _wait_if_held(self, step: str) -> bool:
        """Hold at ``step`` if asked; whether to drop the answer."""
        if self.hold == step and not self._release.is_set():
            self.held.set()
            self._release.wait(30)
        if self.drop == step:
            self.drop = None
            return True
        return False

    # -- answers -------------------------------------------------------------------------

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The HTTP status and body a chat-completions request gets."""
        text = _summary(body)
        reask = sum(1 for m in body.get("messages", []) if m.get("role") == "assistant")
        if "DENIED" in text:
            return 400, {"error": {"message": "this request is denied", "type": "invalid"}}
        if "FLAKY" in text:
            with self._lock:
                self._flaky[text] += 1
                first = self._flaky[text] == 1
            if first:
                return 500, {"error": {"message": "the server had an error", "type": "server"}}
        draft = default_draft(text)
        if "WRONG" in text and reask == 0:
            draft["parties"] = ["Atlantis"]
        with self._lock:
            self.answered[(text, reask)] += 1
        content = orjson.dumps(draft).decode()
        return 200, orjson.loads(_completion(content, str(body.get("model")), 100))

    def _run_batch(self, batch: dict[str, Any]) -> None:
        """Answer a batch's requests; the output and error files of its outcome."""
        lines = self.files[batch["input_file_id"]]["content"].splitlines()
        requests = [orjson.loads(line) for line in lines if line.strip()]
        outcome = batch["_outcome"]
        if outcome == "failed":
            batch["errors"] = {
                "object": "list",
                "data": [{"code": "invalid_request", "message": "the file is invalid", "line": 1}],
            }
            return
        answered = len(requests) if outcome == "completed" else len(requests) // 2
        out, err = [], []
        for number, request in enumerate(requests):
            custom_id = request["custom_id"]
            if number >= answered:
                error = {"code": "batch_expired", "message": "the batch expired first"}
                err.append(
                    {
                        "id": f"req-{number}",
                        "custom_id": custom_id,
                        "response": None,
                        "error": error,
                    }
                )
                continue
            status, body = self.answer(request["body"])
            line = {
                "id": f"req-{number}",
                "custom_id": custom_id,
                "response": {"status_code": status, "request_id": f"r{number}", "body": body},
                "error": None,
            }
            (out if status == 200 else err).append(line)
        counts = {"total": len(requests), "completed": len(out), "failed": len(err)}
        batch["request_counts"] = counts
        if out:
            batch["output_file_id"] = self._file("batch_output.jsonl", out)
        if err:
            batch["error_file_id"] = self._file("batch_error.jsonl", err)

    def _file(self, name: str, lines: list[dict[str, Any]]) -> str:
        content = b"".join(orjson.dumps(line) + b"\n" for line in lines)
        return self._store(name, "batch_output", content)["id"]

    def _store(self, name: str, purpose: str, content: bytes) -> dict[str, Any]:
        file_id = f"file-{next(self._ids)}"
        record = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": name,
            "purpose": purpose,
            "content": content,
        }
        self.files[file_id] = record
        return record

    def _advance(self, batch: dict[str, Any]) -> None:
        status = batch["status"]
        if status == "validating":
            batch["status"] = "in_progress"
        elif status == "in_progress":
            self._run_batch(batch)
            batch["status"] = batch["_outcome"]

    @staticmethod
    def _public(record: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in record.items() if not k.startswith("_") and k != "content"}

    # -- HTTP ----------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, raw: bytes | None = None) -> None:
                data = raw if raw is not None else orjson.dumps(body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                parts = url.path.strip("/").split("/")[1:]
                query = parse_qs(url.query)
                with api._lock:
                    if parts == ["files"]:
                        data = [api._public(f) for f in api.files.values()]
                        self._send(200, {"object": "list", "data": data, "has_more": False})
                    elif len(parts) == 3 and parts[0] == "files" and parts[2] == "content":
                        dropped = api._wait_unlocked("download")
                        if not dropped:
                            self._send(200, None, raw=api.files[parts[1]]["content"])
                    elif parts == ["batches"]:
                        ordered = list(reversed(api.batches.values()))
                        after = query.get("after", [None])[0]
                        if after is not None:
                            ids = [b["id"] for b in ordered]
                            ordered = ordered[ids.index(after) + 1 :]
                        limit = int(query.get("limit", ["20"])[0])
                        page = [api._public(b) for b in ordered[:limit]]
                        more = len(ordered) > limit
                        body = {"object": "list", "data": page, "has_more": more}
                        if page:
                            body.update(first_id=page[0]["id"], last_id=page[-1]["id"])
                        self._send(200, body)
                    elif len(parts) == 2 and parts[0] == "batches":
                        batch = api.batches[parts[1]]
                        api._advance(batch)
                        public = api._public(batch)
                        dropped = api._wait_unlocked("poll")
                        if not dropped:
                            self._send(200, public)
                    else:
                        self._send(404, {"error": {"message": f"no route {url.path}"}})

            def do_POST(self) -> None:
                path = urlsplit(self.path).path
                body = self._body()
                if path.endswith("/files"):
                    parser = email.parser.BytesParser()
                    head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
                    message = parser.parsebytes(head + body)
                    fields: dict[str, Any] = {}
                    for part in message.get_payload():  # type: ignore[union-attr]
                        name = part.get_param("name", header="content-disposition")
                        fields[name] = (part.get_filename(), part.get_payload(decode=True))
                    with api._lock:
                        record = api._store(
                            fields["file"][0], fields["purpose"][1].decode(), fields["file"][1]
                        )
                    if not api._wait_if_held("upload"):
                        self._send(200, api._public(record))
                elif path.endswith("/batches"):
                    request = orjson.loads(body)
                    with api._lock:
                        batch_id = f"batch_{next(api._ids)}"
                        outcome = api.outcomes.pop(0) if api.outcomes else "completed"
                        batch = {
                            "id": batch_id,
                            "object": "batch",
                            "endpoint": request["endpoint"],
                            "input_file_id": request["input_file_id"],
                            "completion_window": request["completion_window"],
                            "status": "validating",
                            "created_at": int(time.time()),
                            "metadata": request.get("metadata"),
                            "output_file_id": None,
                            "error_file_id": None,
                            "errors": None,
                            "request_counts": {"total": 0, "completed": 0, "failed": 0},
                            "_outcome": outcome,
                        }
                        api.batches[batch_id] = batch
                    if not api._wait_if_held("create"):
                        self._send(200, api._public(batch))
                elif path.endswith("/chat/completions"):
                    status, answer = api.answer(orjson.loads(body))
                    self._send(status, answer)
                else:
                    self._send(404, {"error": {"message": f"no route {path}"}})

        return Handler
