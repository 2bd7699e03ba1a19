"""The progress bar of long runs: documents done, rate, elapsed time and ETA, on stderr.

Shown only on multi-document runs and, by default, only when standard error is a terminal.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable

from .ingest import PathArg, count_documents

__all__ = ["ProgressBar", "progress_bar"]

STARTING = "starting (loading the model)"
"""The bar's label until the first document is done."""
RUNNING = "extracting"
"""Its label from then on."""


class ProgressBar:
    """A rich progress bar over `total` documents; `advance` once per document finished."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        # Until the first document is done, the first batch may be loading the spaCy model
        # (seconds): say so rather than sit silently at 0%.
        self._task = self._bar.add_task(STARTING, total=total, rate="")
        self._bar.start()
        self._started = time.perf_counter()
        self._done = 0

    @property
    def total(self) -> int:
        """Documents the bar counts up to."""
        return int(self._bar.tasks[0].total or 0)

    @property
    def label(self) -> str:
        """What the bar says it is doing."""
        return str(self._bar.tasks[0].description)

    @property
    def done(self) -> int:
        """Documents finished so far."""
        return self._done

    def advance(self, count: int = 1) -> None:
        """`count` more documents finished."""
        if not self._done:
            self._bar.update(self._task, description=RUNNING)
        self._done += count
        elapsed = time.perf_counter() - self._started
        rate = f"{self._done / elapsed:.1f} docs/s" if elapsed > 0 else ""
        self._bar.update(self._task, advance=count, rate=rate)

    def stop(self) -> None:
        """Take the bar off the terminal."""
        self._bar.stop()


def progress_bar(inputs: PathArg | Iterable[PathArg], show: bool | None) -> ProgressBar | None:
    """A bar for a run over `inputs`, or None: when `show` is False, when `show` is None and
    stderr is no terminal, or when the inputs hold at most one document."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        return None
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    total = count_documents(items)
    if total <= 1:
        return None
    return ProgressBar(total)
