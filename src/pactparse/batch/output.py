"""The durable output file: whole rows only, in input order, resumable after any stop.

Invariants (what makes ``--resume`` exact):

* Each row is written as one complete line (``...}\\n``) by one ``write`` call that
  covers whole lines only. If the process is killed mid-write, or a write fails,
  at most the last line is partial; a failed write is truncated away at once, and a
  resumed job drops any partial last line (it truncates the file after its last
  newline). Lines at the end that do not parse (garbage left by a power loss) are
  dropped the same way.
* **In input order** (the default) row *k* of the file answers input line *k*: the
  engine's reorder buffer only releases a row once every row before it is written.
  So the number of complete rows is the number of input lines done, and resuming
  skips exactly that many input lines (checking that the last row's id is the id
  of the input line it answers, to catch a different input).
* **Unordered** (``--unordered``) rows are written as they complete, each starting
  with ``"line": N``, its input line; resuming skips the lines already present.
* Rows are flushed to the operating system as they are written (they survive a
  crash or ``kill -9``) and ``fsync``-ed every few seconds and at the end (they
  survive a power loss up to the last sync; anything lost is redone on resume).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import orjson

from ..errors import ConfigurationError, OutputError
from .rows import Row, Wording

__all__ = ["ResumePoint", "RowSink", "open_sink", "output_error", "prepare_output"]

_LINE_PREFIX = re.compile(rb'\{"line":(\d+),')
_TAIL_CHUNK = 1 << 16


@dataclass(slots=True)
class ResumePoint:
    """What an existing output file already holds."""

    rows: int = 0
    ordered: bool = True
    #: Unordered jobs: one byte per input line, 1 when done (grown by doubling, so its
    #: length says nothing about the lines done: see ``last_line``).
    done: bytearray = field(default_factory=bytearray)
    last_id: str | None = None
    dropped_bytes: int = 0
    #: The highest input line the output answers.
    last_line: int = 0

    def is_done(self, line: int) -> bool:
        if self.ordered:
            return line <= self.rows
        return line < len(self.done) and self.done[line] == 1


def _last_newline_end(stream: BinaryIO, size: int) -> int:
    """The offset just after the last ``\\n`` in the file (0 when there is none)."""
    end = size
    while end > 0:
        start = max(0, end - _TAIL_CHUNK)
        stream.seek(start)
        chunk = stream.read(end - start)
        index = chunk.rfind(b"\n")
        if index >= 0:
            return start + index + 1
        end = start
    return 0


def _line_before(stream: BinaryIO, end: int) -> tuple[int, bytes]:
    """The complete line ending at ``end`` (exclusive, just after its newline)."""
    start = _last_newline_end(stream, end - 1) if end > 1 else 0
    stream.seek(start)
    return start, stream.read(end - start)


def _row_of(line: bytes) -> dict[str, object] | None:
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if isinstance(data, dict) and isinstance(data.get("id"), str) and "ok" in data:
        return data
    return None


def output_error(path: Path | None, exc: OSError, rows: int | None = None) -> OutputError:
    """What to tell the user when writing ``path`` (None: standard output) failed."""
    where = "standard output" if path is None else f"output {path}"
    reason = exc.strerror or str(exc) or type(exc).__name__
    if rows is None:
        if isinstance(exc, PermissionError):
            fix = "check its permissions, or choose another -o"
        else:
            fix = "choose another -o"
        return OutputError(f"cannot write {where}: {reason}; {fix}")
    kept = f"the {rows:,} rows written before are whole and kept" if rows else "no row was kept"
    return OutputError(f"writing {where} failed: {reason}; {kept}. Fix the cause and resume")


def prepare_output(path: Path, *, resume: bool, force: bool, ordered: bool = True) -> ResumePoint:
    """Check ``path`` before a job writes to it, and find where to resume.

    A missing or empty file starts a new job. An existing file is continued with
    ``resume``, overwritten with ``force``, and otherwise refused (so no finished
    work is lost by a rerun without ``--resume``). Raises
    :class:`~pactparse.errors.ConfigurationError` with what to do, and
    :class:`~pactparse.errors.OutputError` when the file cannot be written at all (its
    directory is missing, it is read-only).
    """
    if path.is_dir():
        raise ConfigurationError(f"output {path} is a directory; give a file name with -o")
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(
            f"cannot write output {path}: the directory {parent} does not exist; create it "
            f"(mkdir -p {parent}) or choose another -o"
        )
    try:
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            size = 0
        with path.open("ab"):  # can it be written at all? (creates an empty file)
            pass
        if size == 0:
            return ResumePoint(ordered=ordered)
        if not resume:
            if force:
                with path.open("wb"):
                    pass
                return ResumePoint(ordered=ordered)
            raise ConfigurationError(
                f"output {path} already exists and is not empty; pass --resume to finish the "
                "job that wrote it, --force to overwrite it, or choose another -o"
            )
        return _scan(path, size, ordered)
    except OSError as exc:
        raise output_error(path, exc) from exc


def _not_rows(path: Path) -> ConfigurationError:
    return ConfigurationError(
        f"output {path} does not end with rows written by pactparse extract; "
        "check -o, or pass --force instead of --resume to overwrite it"
    )


def _is_padding(data: bytes) -> bool:
    """Bytes a power loss can leave at the end of a file: zeros and newlines."""
    return not data.strip(b"\0\n\r")


def _scan(path: Path, size: int, ordered: bool) -> ResumePoint:
    point = ResumePoint(ordered=ordered)
    with path.open("r+b") as stream:
        end = _last_newline_end(stream, size)
        stream.seek(end)
        tail = stream.read(size - end)
        if tail and not (_is_padding(tail) or tail.startswith((b'{"id":', b'{"line":'))):
            raise _not_rows(path)
        # complete lines of zeros at the end (a power loss) go too; anything else is kept
        last: dict[str, object] | None = None
        while end > 0:
            start, line = _line_before(stream, end)
            last = _row_of(line)
            if last is not None:
                break
            if not _is_padding(line):
                raise _not_rows(path)
            end = start
        if end < size:
            stream.truncate(end)
            os.fsync(stream.fileno())
        point.dropped_bytes = size - end
        if last is None:
            return point
        has_line = "line" in last
        if ordered and has_line:
            raise ConfigurationError(
                f"output {path} was written with --unordered; resume it with --unordered"
            )
        if not ordered and not has_line:
            raise ConfigurationError(
                f"output {path} was written in input order; resume it without --unordered"
            )
        point.last_id = str(last["id"])
        stream.seek(0)
        if ordered:
            point.rows = point.last_line = _count_lines(stream, end)
        else:
            _collect_lines(stream, end, point, path)
    return point


def _count_lines(stream: BinaryIO, end: int) -> int:
    count = 0
    remaining = end
    while remaining > 0:
        chunk = stream.read(min(1 << 20, remaining))
        if not chunk:
            break
        remaining -= len(chunk)
        count += chunk.count(b"\n")
    return count


def _collect_lines(stream: BinaryIO, end: int, point: ResumePoint, path: Path) -> None:
    position = 0
    for number, line in enumerate(stream, start=1):
        position += len(line)
        if position > end:
            break
        match = _LINE_PREFIX.match(line)
        if match is not None:
            done = int(match.group(1))
        else:
            data = _row_of(line)
            value = data.get("line") if data is not None else None
            if not isinstance(value, int):
                raise ConfigurationError(
                    f"{path}:{number} is not a row written by pactparse extract --unordered; "
                    "pass --force to start the job over, or choose another -o"
                )
            done = value
        if done >= len(point.done):
            point.done.extend(bytes(max(done + 1 - len(point.done), len(point.done))))
        if not point.done[done]:
            point.done[done] = 1
            point.rows += 1
            point.last_line = max(point.last_line, done)


class RowSink:
    """Writes rows to a binary stream: whole lines per write, buffered up to a limit.

    ``buffer_bytes=0`` writes each row at once. ``fd`` (a regular file's descriptor)
    enables truncation after a failed write and periodic ``fsync``.
    """

    def __init__(
        self,
        stream: BinaryIO,
        *,
        fd: int | None = None,
        with_line: bool = False,
        buffer_bytes: int = 0,
        max_delay: float = 0.5,
        fsync_interval: float = 5.0,
        close_stream: bool = False,
        wording: Wording | None = None,
    ) -> None:
        self._stream = stream
        self._wording = wording
        self._fd = fd
        self._with_line = with_line
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._buffer_bytes = buffer_bytes
        self._max_delay = max_delay
        self._fsync_interval = fsync_interval
        self._close_stream = close_stream
        self._last_flush = time.monotonic()
        self._last_sync = self._last_flush
        self._good = os.lseek(fd, 0, os.SEEK_END) if fd is not None else 0
        self._broken = False
        self.rows = 0
        #: Rows known to be written whole (not in the buffer, not in a failed write).
        self.good_rows = 0
        self._buffered_rows = 0

    def write(self, row: Row) -> None:
        self.write_encoded(row.to_json(with_line=self._with_line, wording=self._wording))

    def write_encoded(self, data: bytes, rows: int = 1) -> None:
        """``rows`` rows already encoded as whole lines, as :meth:`write` encodes them."""
        self._buffer.append(data)
        self._buffered += len(data)
        self._buffered_rows += rows
        self.rows += rows
        if (
            self._buffered >= self._buffer_bytes
            or time.monotonic() - self._last_flush >= self._max_delay
        ):
            self.flush()

    def flush(self) -> None:
        if self._broken:
            raise OSError("the output stream failed earlier; no more rows are written")
        now = time.monotonic()
        self._last_flush = now
        if self._buffer:
            data = b"".join(self._buffer)
            count = self._buffered_rows
            self._buffer.clear()
            self._buffered = 0
            self._buffered_rows = 0
            self._write_all(data)
            self.good_rows += count
        if self._fd is not None and now - self._last_sync >= self._fsync_interval:
            self._sync()

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                written = self._stream.write(view)
                if written is None:  # non-blocking stream with nothing written
                    continue
                view = view[written:]
            self._stream.flush()
        except BaseException:
            self._broken = True
            if self._fd is not None:  # never leave a partial line behind
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, self._good)
            raise
        self._good += len(data)

    def _sync(self) -> None:
        assert self._fd is not None
        try:
            os.fsync(self._fd)
        except OSError:  # not a file that can be synced (a pipe, a terminal)
            self._fd = None
        self._last_sync = time.monotonic()

    def close(self) -> None:
        """Write what is buffered, sync and close (the stream too, when it was opened here)."""
        try:
            if not self._broken:
                self._last_sync = 0.0 if self._fd is not None else self._last_sync
                self._fsync_interval = 0.0
                self.flush()
        finally:
            if self._close_stream:
                self._stream.close()


def open_sink(
    path: Path | None,
    *,
    with_line: bool = False,
    buffer_bytes: int = 0,
    fsync_interval: float = 5.0,
    wording: Wording | None = None,
) -> RowSink:
    """A sink appending to ``path`` (after :func:`prepare_output`), or standard output.

    Raises :class:`~pactparse.errors.OutputError` when it cannot be opened (standard
    output closed, the file removed or made read-only meanwhile)."""
    if path is None:
        stdout = sys.stdout
        if stdout is None or stdout.closed:
            raise OutputError("standard output is closed; give an output file with -o OUT")
        return RowSink(
            stdout.buffer, with_line=with_line, buffer_bytes=buffer_bytes, wording=wording
        )
    try:
        stream = path.open("ab", buffering=0)
    except OSError as exc:
        raise output_error(path, exc) from exc
    return RowSink(
        stream,
        fd=stream.fileno(),
        with_line=with_line,
        buffer_bytes=buffer_bytes,
        fsync_interval=fsync_interval,
        close_stream=True,
        wording=wording,
    )
