"""Where extraction runs: runners as peers around one run loop.

Every runner implements `base.Runner` (submit a task, get its result and stats):

- `InProcessRunner` (`local`): this process, one task at a time;
- `PoolRunner` (`local`): a pool of spawned worker processes;
- `DaskRunner` (`dask`): the worker processes of a Dask cluster.

`loop.run_extraction` drives any of them and alone keeps input order, the cache, progress
and problems; `worker` holds what a process does with a task. No runner imports the
pipeline that uses it. The dask engine is an optional extra (``pip install
"graphbuild[dask]"``): importing this package never imports dask.
"""

from __future__ import annotations

from ..config import LOCAL_CLUSTER_WORKERS, ExtractOptions
from .base import DocumentBatch, Handle, Outcome, Runner, Task, TaskResult
from .dask import DaskNotInstalledError, DaskRunner, check_dask, extract_with_dask
from .local import InProcessRunner, PoolRunner
from .loop import Progress, run_extraction
from .worker import Worker, process_worker, run_task, worker_loads

__all__ = [
    "DaskNotInstalledError",
    "DaskRunner",
    "DocumentBatch",
    "Handle",
    "InProcessRunner",
    "Outcome",
    "PoolRunner",
    "Progress",
    "Runner",
    "Task",
    "TaskResult",
    "Worker",
    "check_dask",
    "extract_with_dask",
    "process_worker",
    "run_extraction",
    "run_task",
    "runner_for",
    "worker_loads",
]


def runner_for(options: ExtractOptions) -> Runner:
    """The runner `options` ask for: in-process, a process pool, or a Dask cluster."""
    settings = options.worker_settings
    if options.engine == "dask":
        workers = options.workers if options.workers > 1 else LOCAL_CLUSTER_WORKERS
        return DaskRunner(settings, scheduler=options.scheduler, n_workers=workers)
    if options.workers > 1:
        return PoolRunner(options.workers, settings)
    return InProcessRunner(settings)
