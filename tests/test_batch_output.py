from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest

from pactparse.batch.output import RowSink, open_sink, prepare_output
from pactparse.batch.rows import Row, iter_rows
from pactparse.errors import ConfigurationError, InputError


def error_row(n: int, id_: str | None = None) -> Row:
    return Row(id_ or f"line-{n}", n, error=InputError(f"line {n} is empty"))


def write_rows(path: Path, rows: list[Row], *, with_line: bool = False) -> None:
    sink = open_sink(path, with_line=with_line)
    for row in rows:
        sink.write(row)
    sink.close()


# --------------------------------------------------------------------------- rows


def test_row_json_is_the_spec_format() -> None:
    row = error_row(3)
    assert orjson.loads(row.to_json()) == {
        "id": "line-3",
        "ok": False,
        "pact": None,
        "error": {"type": "InputError", "message": "line 3 is empty"},
    }
    assert row.to_json().endswith(b"}\n") and row.to_json().count(b"\n") == 1
    assert row.to_json(with_line=True).startswith(b'{"line":3,"id":"line-3"')


def test_row_holds_exactly_one_of_pact_and_error() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Row("a", 1)


# --------------------------------------------------------------------------- prepare_output


def test_new_or_empty_output_starts_fresh(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert prepare_output(out, resume=True, force=False).rows == 0
    out.write_bytes(b"")
    assert prepare_output(out, resume=False, force=False).rows == 0


def test_existing_output_is_refused_without_resume_or_force(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_rows(out, [error_row(1)])
    with pytest.raises(ConfigurationError, match=r"pass --resume .* --force"):
        prepare_output(out, resume=False, force=False)
    assert out.stat().st_size > 0  # untouched


def test_force_truncates(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_rows(out, [error_row(1)])
    assert prepare_output(out, resume=False, force=True).rows == 0
    assert out.read_bytes() == b""


def test_resume_counts_rows_and_drops_partial_tail(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_rows(out, [error_row(1), error_row(2), error_row(3, "c")])
    whole = out.read_bytes()
    with out.open("ab") as f:
        f.write(b'{"id":"line-4","ok":fal')  # killed mid-write
    point = prepare_output(out, resume=True, force=False)
    assert (point.rows, point.last_id, point.dropped_bytes) == (3, "c", 23)
    assert out.read_bytes() == whole
    assert point.is_done(3) and not point.is_done(4)


def test_resume_drops_zeros_left_by_a_power_loss(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_rows(out, [error_row(1), error_row(2)])
    whole = out.read_bytes()
    with out.open("ab") as f:
        f.write(b"\0" * 100 + b"\n" + b"\0" * 50)
    point = prepare_output(out, resume=True, force=False)
    assert point.rows == 2
    assert out.read_bytes() == whole


def test_resume_refuses_a_file_that_is_not_rows(tmp_path: Path) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("my precious notes\nsecond line")
    with pytest.raises(ConfigurationError, match="does not end with rows"):
        prepare_output(out, resume=True, force=False)
    assert out.read_text() == "my precious notes\nsecond line"


def test_resume_must_match_ordering(tmp_path: Path) -> None:
    ordered, unordered = tmp_path / "o.jsonl", tmp_path / "u.jsonl"
    write_rows(ordered, [error_row(1)])
    write_rows(unordered, [error_row(1)], with_line=True)
    with pytest.raises(ConfigurationError, match="resume it without --unordered"):
        prepare_output(ordered, resume=True, force=False, ordered=False)
    with pytest.raises(ConfigurationError, match="resume it with --unordered"):
        prepare_output(unordered, resume=True, force=False, ordered=True)


def test_unordered_resume_collects_done_lines(tmp_path: Path) -> None:
    out = tmp_path / "u.jsonl"
    write_rows(out, [error_row(5), error_row(2, "dup"), error_row(9, "dup")], with_line=True)
    point = prepare_output(out, resume=True, force=False, ordered=False)
    assert point.rows == 3
    assert [n for n in range(12) if point.is_done(n)] == [2, 5, 9]


def test_output_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="is a directory"):
        prepare_output(tmp_path, resume=False, force=False)


# --------------------------------------------------------------------------- the sink


def test_sink_buffers_whole_lines_and_flushes_on_close(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    sink = open_sink(out, buffer_bytes=1 << 20)
    sink.write(error_row(1))
    sink.write(error_row(2))
    assert out.read_bytes() == b""  # buffered
    sink.close()
    assert [r["id"] for r in iter_rows(out)] == ["line-1", "line-2"]


def test_sink_unbuffered_writes_each_row_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    sink = open_sink(out, buffer_bytes=0)
    sink.write(error_row(1))
    assert out.read_bytes().count(b"\n") == 1
    sink.close()


class FailingStream(io.RawIOBase):
    """Writes part of the first chunk, then fails (a full disk)."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("ab", buffering=0)
        self.calls = 0

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:  # type: ignore[override]
        self.calls += 1
        view = memoryview(data)  # type: ignore[arg-type]
        if self.calls == 1:
            return self.file.write(view[:10]) or 0
        raise OSError(28, "No space left on device")

    def fileno(self) -> int:
        return self.file.fileno()


def test_failed_write_leaves_no_partial_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_rows(out, [error_row(1)])
    before = out.read_bytes()
    stream = FailingStream(out)
    sink = RowSink(stream, fd=stream.fileno())  # type: ignore[arg-type]
    with pytest.raises(OSError, match="No space"):
        sink.write(error_row(2))
    assert out.read_bytes() == before
    with pytest.raises(OSError, match="failed earlier"):
        sink.write(error_row(3))
    sink.close()  # does not raise again, writes nothing
    assert out.read_bytes() == before
    stream.file.close()
