"""Runners on this machine: in this process, or in a pool of worker processes.

`InProcessRunner`
    Runs each task at once, in this process, on one `Worker` (the pipeline loads on the
    first task). One task in flight.
`PoolRunner`
    `workers` spawned processes, each loading its own `Worker` once, before its first task;
    tasks of `POOL_TASK_SIZE` documents, four per worker in flight.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.pool import Pool
from typing import Any

from ..config import BATCH_SIZE, POOL_TASK_SIZE, WorkerSettings
from .base import Done, Handle, Task, TaskResult
from .worker import Worker, run_task

__all__ = ["InProcessRunner", "PoolRunner"]


class InProcessRunner:
    """Runs every task in this process, when it is submitted.

    Parameters
    ----------
    settings
        How to extract.
    worker
        The worker to run tasks on; by default one built from `settings` (a test or an
        embedding application may pass its own).
    """

    batch_size = BATCH_SIZE
    worker_reads = False
    window = 1

    def __init__(
        self, settings: WorkerSettings | None = None, *, worker: Worker | None = None
    ) -> None:
        self.worker = worker if worker is not None else Worker(settings or WorkerSettings())

    def submit(self, task: Task) -> Handle:
        """Run `task` now; the handle holds its result."""
        return Done(run_task(self.worker, task))

    def close(self) -> None:
        """Nothing to release: the pipeline stays loaded for a later run."""

    terminate = close


# A pool process's worker: built by the pool initializer, used by every task.
_POOL_WORKER: Worker | None = None
_POOL_ERROR: BaseException | None = None


def _init_pool_worker(settings: WorkerSettings) -> None:
    global _POOL_WORKER, _POOL_ERROR
    _POOL_WORKER = Worker(settings)
    try:
        _POOL_WORKER.state()  # load once, before the first task
    except Exception as error:  # noqa: BLE001
        # Raised from the first task instead: a failing initializer makes the pool
        # start replacement workers forever.
        _POOL_ERROR = error


def _run_in_pool(task: Task) -> TaskResult:
    if _POOL_ERROR is not None:
        raise _POOL_ERROR
    assert _POOL_WORKER is not None, "worker not initialised"
    return run_task(_POOL_WORKER, task)


class PoolRunner:
    """`workers` processes, each with its own `Worker`; the pool starts on the first task."""

    batch_size = POOL_TASK_SIZE
    worker_reads = False

    def __init__(self, workers: int, settings: WorkerSettings) -> None:
        self.workers = workers
        self.settings = settings
        self._pool: Pool | None = None

    @property
    def window(self) -> int:
        """Tasks in flight: four a worker keeps every one busy and bounds memory."""
        return 4 * self.workers

    def submit(self, task: Task) -> Handle:
        """Queue `task` for the next free worker process."""
        if self._pool is None:
            # spawn: a fresh interpreter per worker, safe whatever threads this process
            # runs (a progress bar, a test runner) and the same on every platform.
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(
                self.workers, initializer=_init_pool_worker, initargs=(self.settings,)
            )
        handle: Any = self._pool.apply_async(_run_in_pool, (task,))
        return handle

    def close(self) -> None:
        """Wait for the workers to finish and stop them."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()

    def terminate(self) -> None:
        """Stop the workers at once."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
