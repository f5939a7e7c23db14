"""A progress bar on a terminal (done/total, rate, ETA, errors, and why the job is
retrying when it is); nothing elsewhere."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .summary import BatchStats, plural

#: What the bar shows after its counts when the job is retrying (None: nothing).
Status = Callable[[], str | None]

__all__ = ["NullProgress", "ProgressReporter", "RichProgress", "make_progress", "wants_progress"]


class ProgressReporter(Protocol):
    def update(self, stats: BatchStats) -> None: ...

    def close(self) -> None: ...


class NullProgress:
    """Shows nothing (not a terminal, CI, or turned off)."""

    def update(self, stats: BatchStats) -> None:
        pass

    def close(self) -> None:
        pass


class _StatusColumn(ProgressColumn):
    """Asks ``status`` at every refresh, so a job stuck retrying says so between rows."""

    def __init__(self, status: Status) -> None:
        super().__init__()
        self._status = status

    def render(self, task: Task) -> Text:
        said = self._status()
        return Text(f"· {said}", style="yellow") if said else Text("")


class RichProgress:
    """A rich progress bar on ``stream`` (standard error)."""

    def __init__(
        self,
        stream: TextIO,
        total: int | None,
        *,
        already: int = 0,
        status: Status | None = None,
        console: Console | None = None,
    ) -> None:
        self._progress = Progress(
            TextColumn("[bold]extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} rows/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("· elapsed"),
            TimeElapsedColumn(),
            TextColumn("· [red]{task.fields[errors]}"),
            _StatusColumn(status or (lambda: None)),
            console=console or Console(file=stream),
            transient=False,
            refresh_per_second=4,
        )
        self._task: TaskID = self._progress.add_task(
            "extract", total=total, completed=already, rate="-", errors=plural(0, "error")
        )
        self._already = already
        self._progress.start()

    def update(self, stats: BatchStats) -> None:
        self._progress.update(
            self._task,
            completed=self._already + stats.rows,
            rate=f"{stats.rate:,.1f}",
            errors=plural(stats.failures, "error"),
        )

    def close(self) -> None:
        self._progress.stop()


def wants_progress(stream: TextIO, setting: bool | None = None) -> bool:
    """Show a bar? ``setting`` forces it; else only on a terminal and not in CI."""
    if setting is not None:
        return setting
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def make_progress(
    stream: TextIO,
    total: int | None,
    *,
    enabled: bool,
    already: int = 0,
    status: Status | None = None,
) -> ProgressReporter:
    if not enabled:
        return NullProgress()
    return RichProgress(stream, total, already=already, status=status)
