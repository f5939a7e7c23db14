"""The provider's Batch API for the ``openai`` backend (``pactparse extract --batch-api``).

OpenAI (and compatible providers) run a file of chat-completion requests within 24 hours
for half the price: upload the requests (``/v1/files``, purpose ``batch``), create a batch
(``/v1/batches``), poll it (``validating`` → ``in_progress`` → ``finalizing`` →
``completed``, or ``failed``, ``expired``, ``cancelled``), then download its output file
(one answer per request, by ``custom_id``) and its error file (requests that failed).

Every answer goes through the same pipeline as online extraction: the pipeline is a
generator that yields the backend calls it needs (:func:`pactparse.pipeline._run`); here
it is driven with the answers of the batch instead of live calls. A record whose answer
needs a re-ask yields its next call, which goes into a follow-up batch (a *round*), or
is sent online at once with ``reask_online``.

The input is cut into *parts* of ``batch_size`` lines; each part is one batch per round,
and up to ``max_batches`` parts are in flight at once. Rows are written in input order
once a part is finished, so the output is the one ``pactparse extract`` writes online.

Resumable, and nothing is submitted or paid twice. The state file ``OUT.batch.json``
next to the output holds each round's uploaded file id and batch id, written (atomically)
before and after each step; the downloaded answers are kept in ``OUT.batch/``. A record's
state is never stored: it is replayed from the answers, which the pipeline turns into the
same rows every time. After ``kill -9`` at any moment, ``--resume``:

* finds a file it may have uploaded by its unique name, and a batch it may have created
  by that file's id, before uploading or creating again;
* polls the batches in flight, downloads what finished, and sends again only requests
  that got no answer (an expired or cancelled batch's, and transient errors: HTTP 429 and
  5xx), at most ``max_resends`` times;
* writes the rows the output lacks (the output's complete rows are the truth).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TextIO

import openai
import orjson
from pydantic import BaseModel, ConfigDict, Field

from ..backends.base import Feedback, Request
from ..backends.openai import OpenAIBackend
from ..errors import BackendError, ConfigurationError, TransientBackendError
from ..pipeline import ExtractOptions, _run
from .job import ExtractJob, JobResult, StopRequest
from .lines import InputLine, Line, open_lines
from .output import ResumePoint, open_sink, prepare_output
from .rows import Row
from .summary import BatchStats

__all__ = ["BatchApiOptions", "run_batch_api", "state_paths"]

_ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"
_TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
_TRANSIENT_CODES = frozenset(
    {"batch_expired", "batch_cancelled", "server_error", "rate_limit_exceeded", "timeout"}
)
_CUSTOM_ID = re.compile(rb'^\{"custom_id":"([^"]+)"')
_STATE_VERSION = 1


class BatchApiOptions(BaseModel):
    """How a job uses the provider's Batch API. Unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    batch_size: int = Field(
        default=20_000,
        ge=1,
        le=50_000,
        description="Input lines per batch (OpenAI: at most 50,000 requests and 200 MB a file; "
        "a request is about 5 kB)",
    )
    max_batches: int = Field(default=4, ge=1, description="Batches in flight at once")
    poll_interval: float = Field(default=30.0, gt=0, description="Seconds between two polls")
    completion_window: str = Field(default="24h", description="As the provider accepts it")
    reask_online: bool = Field(
        default=False, description="Send re-asks online at once instead of in a follow-up batch"
    )
    max_resends: int = Field(
        default=2, ge=0, description="Times a request left unanswered (expired, 5xx) is sent again"
    )


def state_paths(output: Path) -> tuple[Path, Path]:
    """The state file and the folder of downloaded answers of a job writing ``output``."""
    return output.with_name(output.name + ".batch.json"), output.with_name(output.name + ".batch")


# --------------------------------------------------------------------------- the state file


@dataclass(slots=True)
class _Round:
    number: int
    requests: str  # local file, in the answers folder
    remote_name: str
    size: int = 0
    upload_started: bool = False
    file_id: str | None = None
    submit_started: bool = False
    batch_id: str | None = None
    status: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    output: str | None = None
    errors: str | None = None
    done: bool = False


@dataclass(slots=True)
class _Part:
    index: int
    first_line: int
    rounds: list[_Round] = field(default_factory=list)
    written: bool = False

    @property
    def in_flight(self) -> _Round | None:
        last = self.rounds[-1] if self.rounds else None
        return last if last is not None and not last.done else None


@dataclass(slots=True)
class _State:
    job: str
    config: dict[str, Any]
    parts: list[_Part] = field(default_factory=list)
    version: int = _STATE_VERSION

    @classmethod
    def load(cls, path: Path) -> _State:
        try:
            data = orjson.loads(path.read_bytes())
            parts = [
                _Part(
                    index=p["index"],
                    first_line=p["first_line"],
                    rounds=[_Round(**r) for r in p["rounds"]],
                    written=p["written"],
                )
                for p in data["parts"]
            ]
            return cls(job=data["job"], config=data["config"], parts=parts)
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise ConfigurationError(
                f"the Batch API state file {path} cannot be read ({exc}); pass --force to "
                "start over (batches it listed are not cancelled)"
            ) from exc

    def save(self, path: Path) -> None:
        _write_atomically(path, orjson.dumps(dataclasses.asdict(self), option=orjson.OPT_INDENT_2))


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)
    with contextlib.suppress(OSError):  # the rename itself survives a power loss
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


# --------------------------------------------------------------------------- replaying a part


@dataclass(frozen=True, slots=True)
class _Call:
    custom_id: str
    request: Request
    feedback: tuple[Feedback, ...]

    @property
    def reask(self) -> bool:
        return not self.custom_id.endswith("-0")


@dataclass(slots=True)
class _Replay:
    rows: list[Row] = field(default_factory=list)
    pending: list[_Call] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Failure:
    message: str
    transient: bool


def _failure(line: dict[str, Any]) -> _Failure:
    """What an error line (the error file's, or an online failure) says."""
    error = line.get("error") or {}
    response = line.get("response") or {}
    status = response.get("status_code")
    body = response.get("body") or {}
    said = (body.get("error") or {}).get("message") if isinstance(body, dict) else None
    code = error.get("code")
    message = error.get("message") or said or "no message"
    transient = code in _TRANSIENT_CODES or (
        isinstance(status, int) and (status >= 500 or status in {408, 409, 429})
    )
    where = f"HTTP {status}" if status else str(code or "an error")
    return _Failure(f"{where}: {message}", transient)


class _Answers:
    """Everything answered for one part so far: by custom id, the answer or the failure,
    and how many finished batches carried the request."""

    def __init__(self) -> None:
        self.bodies: dict[str, bytes] = {}
        self.failures: dict[str, _Failure] = {}
        self.sent: Counter[str] = Counter()

    def read(self, path: Path) -> None:
        with path.open("rb") as stream:
            for raw in stream:
                if not raw.endswith(b"\n"):
                    break  # a line cut short by a kill: it was never acknowledged
                line = orjson.loads(raw)
                response = line.get("response") or {}
                custom_id = line["custom_id"]
                if response.get("status_code") == 200 and not line.get("error"):
                    self.bodies[custom_id] = orjson.dumps(response["body"])
                    self.failures.pop(custom_id, None)
                elif custom_id not in self.bodies:
                    self.failures[custom_id] = _failure(line)

    def count_sent(self, path: Path) -> None:
        with path.open("rb") as stream:
            for raw in stream:
                found = _CUSTOM_ID.match(raw)
                if found:
                    self.sent[found.group(1).decode()] += 1


class _Runner:
    """One Batch API job; see the module documentation."""

    def __init__(
        self,
        job: ExtractJob,
        backend: OpenAIBackend,
        options: ExtractOptions,
        api: BatchApiOptions,
        stderr: TextIO,
        sleep: Callable[[float], None],
    ) -> None:
        assert job.output is not None
        self.job = job
        self.backend = backend
        self.options = options
        self.api = api
        self.stderr = stderr
        self.sleep = sleep
        self.state_path, self.folder = state_paths(job.output)
        self.finished: set[int] = set()
        self._last_said: dict[tuple[int, int], str] = {}

    # -- the parts -------------------------------------------------------------------------

    def records(self, part: _Part) -> Generator[Line, None, None]:
        with open_lines(
            self.job.input,
            format=self.job.input_format,
            reference_date=self.job.reference_date,
            max_chars=self.options.max_chars,
        ) as lines:
            yield from islice(lines, part.first_line - 1, part.first_line - 1 + self.api.batch_size)

    def answers(self, part: _Part) -> _Answers:
        answers = _Answers()
        for round_ in part.rounds:
            if not round_.done:
                continue
            answers.count_sent(self.folder / round_.requests)
            for name in (round_.output, round_.errors):
                if name is not None:
                    answers.read(self.folder / name)
        online = self.folder / f"part-{part.index}.online.jsonl"
        if online.exists():
            answers.read(online)
            answers.count_sent(online)
        return answers

    def replay(self, part: _Part, *, keep_rows: bool) -> _Replay:
        """Drive the pipeline of every record of ``part`` with the answers it has."""
        answers = self.answers(part)
        replay = _Replay()
        for record in self.records(part):
            outcome = self._replay_one(record, answers)
            if isinstance(outcome, _Call):
                replay.pending.append(outcome)
            elif keep_rows:
                replay.rows.append(outcome)
        return replay

    def _replay_one(self, record: Line, answers: _Answers) -> Row | _Call:
        if not isinstance(record, InputLine):
            return Row(record.id, record.line, error=record.error)
        run = _run(self.backend, record.text, record.reference_date, record.id, self.options)
        index = 0
        try:
            request, feedback = next(run)
            while True:
                custom_id = f"{record.line}-{index}"
                body = answers.bodies.get(custom_id)
                if body is None:
                    failure = answers.failures.get(custom_id)
                    sent = answers.sent[custom_id]
                    if failure is not None and (
                        not failure.transient or sent > self.api.max_resends
                    ):
                        raise BackendError(f"the provider's Batch API answered {failure.message}")
                    if sent > self.api.max_resends:
                        raise BackendError(
                            f"the request was sent in {sent} batches without an answer; "
                            "rerun with a longer --batch-completion-window or without --batch-api"
                        )
                    return _Call(custom_id, request, feedback)
                proposal = self.backend.read_completion(body)
                resent = max(0, answers.sent[custom_id] - 1)  # as online retries count
                request, feedback = run.send(dataclasses.replace(proposal, retries=resent))
                index += 1
        except StopIteration as done:
            return Row(record.id, record.line, pact=done.value)
        except ConfigurationError:
            raise
        except Exception as exc:  # the row says why, as online extraction's do
            return Row(record.id, record.line, error=exc)

    # -- one step of a part ----------------------------------------------------------------

    def step(self, state: _State, part: _Part) -> bool:
        """Move ``part`` on by one step; whether anything changed."""
        round_ = part.in_flight
        if round_ is None:
            if part.index in self.finished:
                return False
            replay = self.replay(part, keep_rows=False)
            online = [call for call in replay.pending if call.reask and self.api.reask_online]
            if online:
                self.send_online(part, online)
                return True
            if not replay.pending:
                self.finished.add(part.index)
                return True
            self.new_round(state, part, replay.pending)
            return True
        if round_.file_id is None:
            self.upload(state, round_)
            return True
        if round_.batch_id is None:
            self.submit(state, part, round_)
            return True
        return self.poll(state, part, round_)

    def new_round(self, state: _State, part: _Part, calls: list[_Call]) -> None:
        number = len(part.rounds) + 1
        name = f"part-{part.index}-round-{number}.requests.jsonl"
        data = b"".join(
            b'{"custom_id":'
            + orjson.dumps(call.custom_id)
            + b',"method":"POST","url":"'
            + _ENDPOINT.encode()
            + b'","body":'
            + self.backend.request_body(call.request, call.feedback)
            + b"}\n"
            for call in calls
        )
        _write_atomically(self.folder / name, data)
        remote = f"pactparse-{state.job}-part{part.index}-round{number}.jsonl"
        part.rounds.append(
            _Round(number=number, requests=name, remote_name=remote, size=len(calls))
        )
        state.save(self.state_path)
        what = "requests" if number == 1 else "re-asks and requests sent again"
        self.say(f"part {part.index + 1}, round {number}: {len(calls):,} {what} to upload")

    def once(
        self,
        state: _State,
        started: Callable[[], bool],
        mark: Callable[[], None],
        find: Callable[[openai.OpenAI], str | None],
        make: Callable[[openai.OpenAI], str],
    ) -> str:
        """The id of what ``make`` creates on the provider, created at most once: after a
        kill or a lost answer (``started()`` but no id kept), ``find`` looks for it first.
        A transient failure is never retried blindly (the request may have arrived)."""
        tries = self.backend.options.max_retries + 1
        for attempt in range(tries):
            if started():
                found = self.backend.call_api(find)
                if found is not None:
                    return found
            mark()
            state.save(self.state_path)
            try:
                return self.backend.call_api(make, retry=False)
            except TransientBackendError:
                if attempt == tries - 1:
                    raise
                self.sleep(min(2.0**attempt, 30.0))
        raise AssertionError("unreachable")  # pragma: no cover

    def upload(self, state: _State, round_: _Round) -> None:
        content = (self.folder / round_.requests).read_bytes()
        round_.file_id = self.once(
            state,
            lambda: round_.upload_started,
            lambda: setattr(round_, "upload_started", True),
            partial(_find_file, name=round_.remote_name),
            lambda c: (
                c.files.create(
                    file=(round_.remote_name, content, "application/jsonl"), purpose="batch"
                ).id
            ),
        )
        state.save(self.state_path)

    def submit(self, state: _State, part: _Part, round_: _Round) -> None:
        file_id = round_.file_id
        assert file_id is not None
        metadata = {
            "pactparse_job": state.job,
            "part": str(part.index),
            "round": str(round_.number),
        }
        round_.batch_id = self.once(
            state,
            lambda: round_.submit_started,
            lambda: setattr(round_, "submit_started", True),
            partial(_find_batch, file_id=file_id),
            lambda c: (
                c.batches.create(
                    input_file_id=file_id,
                    endpoint=_ENDPOINT,
                    completion_window=self.api.completion_window,  # type: ignore[arg-type]
                    metadata=metadata,
                ).id
            ),
        )
        state.save(self.state_path)
        self.say(f"part {part.index + 1}, round {round_.number}: submitted as {round_.batch_id}")

    def poll(self, state: _State, part: _Part, round_: _Round) -> bool:
        batch_id = round_.batch_id
        assert batch_id is not None
        batch = self.backend.call_api(lambda c: c.batches.retrieve(batch_id))
        counts = batch.request_counts
        round_.status = batch.status
        if counts is not None:
            round_.counts = {"total": counts.total, "completed": counts.completed}
            round_.counts["failed"] = counts.failed
        self.progress(part, round_)
        if batch.status not in _TERMINAL:
            return False
        for kind, file_id in (("output", batch.output_file_id), ("errors", batch.error_file_id)):
            if file_id:
                name = f"part-{part.index}-round-{round_.number}.{kind}.jsonl"
                content = self.backend.call_api(partial(_download, file_id=file_id))
                _write_atomically(self.folder / name, content)
                setattr(round_, kind, name)
        round_.done = True
        state.save(self.state_path)
        if batch.status == "failed":
            said = (batch.errors.data if batch.errors is not None else None) or []
            problems = "; ".join(f"{e.code}: {e.message}" for e in said)
            raise BackendError(
                f"batch {batch_id} failed ({problems or 'no reason given'}); a failed batch is "
                "not billed. Fix the cause, then rerun with --resume to send it again"
            )
        if batch.status == "cancelled":
            raise BackendError(
                f"batch {batch_id} was cancelled; the answers it has are kept. Rerun with "
                "--resume to send its unanswered requests again"
            )
        return True

    def send_online(self, part: _Part, calls: list[_Call]) -> None:
        """Send re-asks at once; each answer is appended to the part's online file."""
        path = self.folder / f"part-{part.index}.online.jsonl"

        def send(call: _Call) -> bytes:
            body = self.backend.request_body(call.request, call.feedback)
            line: dict[str, Any] = {"custom_id": call.custom_id}
            try:
                answer = orjson.loads(self.backend.send_body(body))
                line["response"] = {"status_code": 200, "body": answer}
            except BackendError as exc:
                line["response"] = None
                line["error"] = {"code": "online_failed", "message": str(exc)}
            return orjson.dumps(line) + b"\n"

        self.say(f"part {part.index + 1}: {len(calls):,} re-asks sent online")
        workers = max(1, self.backend.default_concurrency)
        with path.open("ab") as stream, ThreadPoolExecutor(workers) as pool:
            for line in pool.map(send, calls):
                stream.write(line)
                stream.flush()
            os.fsync(stream.fileno())

    # -- telling the user ------------------------------------------------------------------

    def say(self, message: str) -> None:
        if self.job.progress is not False:
            print(f"pactparse: batch-api: {message}", file=self.stderr, flush=True)

    def progress(self, part: _Part, round_: _Round) -> None:
        counts = round_.counts
        done = counts.get("completed", 0) + counts.get("failed", 0)
        text = f"{round_.status} ({done:,}/{counts.get('total', round_.size):,} done)"
        key = (part.index, round_.number)
        if self._last_said.get(key) != text:
            self._last_said[key] = text
            self.say(f"part {part.index + 1}, round {round_.number}, {round_.batch_id}: {text}")


def _download(client: openai.OpenAI, *, file_id: str) -> bytes:
    return client.files.content(file_id).read()


def _find_file(client: openai.OpenAI, *, name: str) -> str | None:
    for item in client.files.list(purpose="batch"):
        if item.filename == name:
            return item.id
    return None


def _find_batch(client: openai.OpenAI, *, file_id: str) -> str | None:
    for batch in client.batches.list(limit=100):
        if batch.input_file_id == file_id:
            return batch.id
    return None


# --------------------------------------------------------------------------- the job


def _config(
    job: ExtractJob, backend: OpenAIBackend, options: ExtractOptions, api: BatchApiOptions
) -> dict[str, Any]:
    return {
        "input": str(Path(job.input).resolve()),
        "model": backend.model,
        "prompt_version": backend.prompt_version,
        "batch_size": api.batch_size,
        "options": options.model_dump(mode="json"),
    }


def _open_state(runner: _Runner, config: dict[str, Any]) -> _State:
    job, path, folder = runner.job, runner.state_path, runner.folder
    if path.exists():
        if job.resume:
            state = _State.load(path)
            if state.config != config:
                changed = sorted(k for k in config if state.config.get(k) != config[k])
                raise ConfigurationError(
                    f"{path} was written by a job with other {', '.join(changed)}; rerun it "
                    "with the same input and options, or pass --force to start over"
                )
            return state
        if not job.force:
            raise ConfigurationError(
                f"{path} holds the batches of an earlier job writing {job.output}; pass "
                "--resume to finish it, or --force to start over"
            )
        old = _State.load(path)
        running = [r.batch_id for p in old.parts for r in p.rounds if r.batch_id and not r.done]
        if running:
            runner.say(
                f"--force: the earlier job's batches {', '.join(running)} are not cancelled "
                "(cancel them with the provider if they are no longer wanted)"
            )
        path.unlink()
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    state = _State(job=uuid.uuid4().hex[:12], config=config)
    state.save(path)
    return state


def run_batch_api(
    job: ExtractJob,
    *,
    backend: OpenAIBackend,
    options: ExtractOptions | None = None,
    api: BatchApiOptions | None = None,
    stderr: TextIO | None = None,
    stop: StopRequest | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> JobResult:
    """Run ``job`` through the provider's Batch API; see the module documentation.

    The output is what :func:`~pactparse.batch.job.run_extract` writes online, in input
    order. Raises :class:`~pactparse.errors.ConfigurationError` for problems of the job
    (no output file, standard input, a state file of another job) and
    :class:`~pactparse.errors.BackendError` when a batch failed or was cancelled (rerun
    with ``resume`` after fixing the cause).
    """
    options = options or ExtractOptions()
    api = api or BatchApiOptions()
    if job.output is None:
        raise ConfigurationError(
            "--batch-api needs an output file (its state file lives next to it): add -o OUT.jsonl"
        )
    if job.input == "-":
        raise ConfigurationError("--batch-api reads its input more than once: give a file, not -")
    if not isinstance(backend, OpenAIBackend):
        raise ConfigurationError("--batch-api works with the openai backend: add --backend openai")
    runner = _Runner(job, backend, options, api, stderr or sys.stderr, sleep)
    if not Path(job.input).is_file():
        raise ConfigurationError(f"input file {job.input} does not exist; check the path")
    state = _open_state(runner, _config(job, backend, options, api))
    point = prepare_output(job.output, resume=job.resume, force=job.force, ordered=True)
    stats = BatchStats(resumed=point.rows)
    result = JobResult(stats=stats, resume_point=point)
    sink = open_sink(job.output, buffer_bytes=1 << 16)
    try:
        result.interrupted = _drive(runner, state, point, sink.write, sink, stats, stop)
    finally:
        stats.finish()
        sink.close()
    if not result.interrupted:
        shutil.rmtree(runner.folder, ignore_errors=True)  # the answers are in the output now
    return result


def _drive(
    runner: _Runner,
    state: _State,
    point: ResumePoint,
    write: Callable[[Row], None],
    sink: Any,
    stats: BatchStats,
    stop: StopRequest | None,
) -> bool:
    """The job's loop; True when ``stop`` ended it early."""
    size = runner.api.batch_size
    while True:
        waiting = [p for p in state.parts if not p.written]
        while len(waiting) < runner.api.max_batches:  # open the next part, if the input has it
            first = len(state.parts) * size + 1
            part = _Part(index=len(state.parts), first_line=first)
            with contextlib.closing(runner.records(part)) as records:
                if next(records, None) is None:
                    break
            state.parts.append(part)
            waiting.append(part)
            state.save(runner.state_path)
        if not waiting:
            return False
        changed = False
        for part in waiting:
            changed = runner.step(state, part) or changed
        for part in waiting:  # write the finished parts, in order
            if part.index not in runner.finished:
                break
            _write_part(runner, part, point, write, stats)
            sink.flush()
            part.written = True
            state.save(runner.state_path)
        if stop is not None and stop.requested:
            return True
        if not changed:  # wait for the provider, but answer a stop request within a second
            waited = 0.0
            while waited < runner.api.poll_interval and not (stop is not None and stop.requested):
                nap = min(1.0, runner.api.poll_interval - waited)
                runner.sleep(nap)
                waited += nap


def _write_part(
    runner: _Runner,
    part: _Part,
    point: ResumePoint,
    write: Callable[[Row], None],
    stats: BatchStats,
) -> None:
    replay = runner.replay(part, keep_rows=True)
    assert not replay.pending
    for row in replay.rows:
        if row.line < point.rows:
            continue
        if row.line == point.rows:
            if row.id != point.last_id:
                raise ConfigurationError(
                    f"the output has {point.rows:,} rows, the last for id {point.last_id!r}, "
                    f"but input line {row.line} has id {row.id!r}: it was written from another "
                    "input. Give the same input, or pass --force to start over"
                )
            continue
        write(row)
        stats.add(row)
    if replay.rows:
        runner.say(f"part {part.index + 1}: {len(replay.rows):,} rows written")
