"""What every runner takes and gives: tasks, their outcomes, and the `Runner` protocol.

A runner parses and extracts batches of documents somewhere (this process, worker
processes, a Dask cluster). It knows nothing else of a run: `engines.loop` keeps input
order, the cache, progress and problems for every runner alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..ingest.slices import Slice
from ..model import Document, Extraction, Problem, RunStats

__all__ = ["DocumentBatch", "Done", "Handle", "Outcome", "Runner", "Task", "TaskResult"]


@dataclass(frozen=True)
class DocumentBatch:
    """Documents the client read, sent to a worker as they are."""

    documents: tuple[Document, ...]


Task = DocumentBatch | Slice
"""One unit of work: documents, or a slice of a JSONL/CSV file the worker reads itself."""


@dataclass(frozen=True)
class Outcome:
    """What became of one document of a task."""

    doc: str
    """The document id as read (the run loop makes it unique)."""
    date: str | None = None
    extraction: Extraction | None = None
    """The document's extraction; None when it failed."""
    problem: Problem | None = None
    """Why the document failed, if it did."""


@dataclass(frozen=True)
class TaskResult:
    """A task's outcomes, with the read problems of a slice, in input order."""

    items: list[Outcome | Problem]
    """One `Outcome` per document; a `DocumentBatch` gives outcomes only."""
    stats: RunStats
    """The work the task did."""


class Handle(Protocol):
    """A submitted task, shaped like `multiprocessing.pool.AsyncResult`."""

    def ready(self) -> bool:
        """Whether `get` would return at once."""
        ...

    def get(self) -> TaskResult:
        """The task's result, waiting for it; raises what the task raised."""
        ...


class Runner(Protocol):
    """Where tasks run: in this process, in worker processes, on a cluster."""

    batch_size: int
    """Documents (or records of a slice) per task."""
    worker_reads: bool
    """Whether tasks may be slices of files that the workers read themselves."""

    @property
    def window(self) -> int:
        """Tasks to keep in flight: enough to keep every worker busy, and no more."""
        ...

    def submit(self, task: Task) -> Handle:
        """Start `task`; heavy resources (a pool, a cluster) start on the first call."""
        ...

    def close(self) -> None:
        """Release the workers once every task is done."""
        ...

    def terminate(self) -> None:
        """Stop at once: the run was abandoned or failed."""
        ...


class Done:
    """The handle of a task that already ran."""

    def __init__(self, result: TaskResult) -> None:
        self.result = result

    def ready(self) -> bool:
        """Always: the task ran when it was submitted."""
        return True

    def get(self) -> TaskResult:
        """The result."""
        return self.result
