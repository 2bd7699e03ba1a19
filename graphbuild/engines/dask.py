"""The Dask runner: tasks parsed and extracted on the worker processes of a Dask cluster.

`DaskRunner` is a runner like the local ones (`engines.base.Runner`): the run loop
(`engines.loop`) keeps input order, the cache, progress and problems; each task goes to the
cluster. With ``shared_files=True`` (and no cache) the workers read JSONL and CSV files
themselves, slice by slice (`ingest.slices`), so the corpus text never passes through the
client. `extract_with_dask` is the whole run on a cluster, for library users.

What runs where
    Workers (this is what scales with their number)
        the relevance filter, spaCy parsing and relation extraction, and reading their own
        slice of a JSONL or CSV file. Each worker process builds its `Worker` (spaCy
        pipeline, Extractor, filter) once, on its first task, and keeps it for every later
        task (`engines.worker.process_worker`).
    Client (the process that calls them)
        walking folders, reading text files and standard input, finding where the records
        of a JSONL or CSV file start (a byte scan; no record is kept), cache look-ups and
        stores, putting results back into input order, and everything after extraction.

Failures
    A document whose filter, parse or extraction raises becomes a `Problem` and is skipped,
    as locally. A task that fails as a whole is retried `TASK_RETRIES` times; a worker that
    dies has its tasks rescheduled on the others. Only an error that survives the retries
    (e.g. the spaCy model is missing on the workers) is raised.

Dask is an optional extra: importing this module never imports it; starting a runner does.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from ..config import DASK_INSTALL_HINT, PARTITION_SIZE, TASK_RETRIES, WorkerSettings
from ..ingest import PathArg
from ..model import Extraction, Problem, RunStats
from .base import Handle, Task, TaskResult
from .loop import Progress, run_extraction
from .worker import process_worker, run_task

if TYPE_CHECKING:
    from distributed import Client, Future

    from ..cache import ExtractionCache

__all__ = ["DaskNotInstalledError", "DaskRunner", "check_dask", "extract_with_dask"]

log = logging.getLogger(__name__)


class DaskNotInstalledError(ImportError):
    """The dask engine was asked for, but dask.distributed is not installed."""


def check_dask() -> None:
    """Raise `DaskNotInstalledError`, naming the install command, unless dask is installed.

    For callers that want to fail before reading any input.
    """
    _distributed()


def _distributed() -> Any:
    """Import dask.distributed lazily: it is an optional extra."""
    try:
        import distributed
    except ImportError as error:
        raise DaskNotInstalledError(
            "the dask engine needs dask.distributed, which is not installed; "
            f"install it with: {DASK_INSTALL_HINT}"
        ) from error
    return distributed


def run_on_worker(task: Task, settings: WorkerSettings) -> TaskResult:
    """The cluster's task: `task` on this worker process's `Worker` for `settings`."""
    return run_task(process_worker(settings), task)


@contextmanager
def _connect(scheduler: str | Client | None, n_workers: int) -> Iterator[Client]:
    distributed = _distributed()
    if isinstance(scheduler, distributed.Client):
        yield scheduler
        return
    if scheduler is not None:
        with distributed.Client(scheduler) as client:
            yield client
        return
    with (
        distributed.LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


class DaskRunner:
    """Runs tasks on a Dask cluster; connects (or starts a local cluster) on the first task.

    Parameters
    ----------
    settings
        How every worker extracts; the model must be installed on the workers and actor
        dictionaries reachable at the same paths.
    scheduler
        Address of a running scheduler (``tcp://host:8786``), or a connected
        `distributed.Client`, which is left open. When None, a `LocalCluster` of
        `n_workers` single-threaded worker processes is started and closed with the runner.
    n_workers
        Worker processes of that local cluster.
    partition_size
        Documents (or JSONL/CSV records) per task.
    shared_files
        Whether the workers can open the input paths (same file system, same absolute
        paths): then they read JSONL and CSV files themselves, in slices.
    max_in_flight
        Tasks submitted and not yet collected, at most; by default two per worker thread.
    """

    worker_reads: bool

    def __init__(
        self,
        settings: WorkerSettings | None = None,
        *,
        scheduler: str | Client | None = None,
        n_workers: int = 2,
        partition_size: int = PARTITION_SIZE,
        shared_files: bool = False,
        max_in_flight: int | None = None,
    ) -> None:
        if partition_size < 1:
            raise ValueError(f"partition_size must be at least 1, got {partition_size}")
        if n_workers < 1:
            raise ValueError(f"n_workers must be at least 1, got {n_workers}")
        _distributed()
        self.settings = settings or WorkerSettings()
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.batch_size = partition_size
        self.worker_reads = shared_files
        self.max_in_flight = max_in_flight
        self._resources = ExitStack()
        self._client: Client | None = None
        self._threads: int | None = None
        self._futures: set[Future] = set()
        self._run = uuid.uuid4().hex[:12]
        self._submitted = 0

    @property
    def client(self) -> Client:
        """The connected client, connecting (or starting the local cluster) on first use."""
        if self._client is None:
            self._client = self._resources.enter_context(_connect(self.scheduler, self.n_workers))
        return self._client

    @property
    def window(self) -> int:
        """Tasks in flight: enough to keep every worker thread busy, and no more."""
        if self.max_in_flight:
            return self.max_in_flight
        if self._threads is None:
            # Asked once: the run loop reads `window` after every task it submits, and each
            # question would be a round trip to the scheduler.
            self._threads = max(1, sum(self.client.nthreads().values()))
        return 2 * self._threads

    def submit(self, task: Task) -> Handle:
        """Send one task to the cluster."""
        future = self.client.submit(
            run_on_worker,
            task,
            self.settings,
            key=f"graphbuild-task-{self._run}-{self._submitted}",
            retries=TASK_RETRIES,
        )
        self._submitted += 1
        self._futures.add(future)
        return _TaskHandle(future, self._futures)

    def close(self) -> None:
        """Drop unfinished tasks and close the client (and the local cluster, if ours)."""
        if self._futures and self._client is not None:
            self._client.cancel(list(self._futures))
            self._futures.clear()
        self._resources.close()
        self._client = None
        self._threads = None

    terminate = close


class _TaskHandle:
    """A task's Dask future, shaped like `multiprocessing.pool.AsyncResult`."""

    def __init__(self, future: Future, outstanding: set[Future]) -> None:
        self.future = future
        self.outstanding = outstanding

    def ready(self) -> bool:
        return bool(self.future.done())

    def get(self) -> TaskResult:
        try:
            result: TaskResult = self.future.result()  # what the task raised, after retries
            return result
        finally:
            self.outstanding.discard(self.future)
            self.future.release()


def extract_with_dask(
    inputs: PathArg | Iterable[PathArg],
    *,
    model: str | None = None,
    actors: Iterable[str | os.PathLike[str]] = (),
    scheduler: str | Client | None = None,
    n_workers: int = 2,
    partition_size: int = PARTITION_SIZE,
    max_in_flight: int | None = None,
    use_filter: bool = True,
    actors_of_diplomacy_only: bool = True,
    cache: ExtractionCache | None = None,
    problems: list[Problem] | None = None,
    progress: Progress | None = None,
    stats: RunStats | None = None,
    shared_files: bool = True,
) -> Iterator[Extraction]:
    """Extract every document of `inputs` on a Dask cluster, yielding in input order.

    The run loop of every engine (`engines.loop.run_extraction`) on a `DaskRunner`.

    Parameters
    ----------
    inputs
        Files, folders, or ``-`` for standard input, as for `ingest.iter_documents`.
    model, actors, use_filter, actors_of_diplomacy_only
        As for the local engine (`config.ExtractOptions`); the model must be installed
        on the workers.
    scheduler, n_workers, partition_size, shared_files
        As for `DaskRunner`.
    max_in_flight
        Tasks submitted and not yet yielded; by default two per worker thread.
    cache
        Extractions already computed: documents found there are not sent to the workers,
        and new extractions are stored. With a cache the client reads every record itself,
        since looking a document up needs its text.
    problems
        A list each `Problem` is appended to, in input order; when None they are logged.
    progress
        Called with the number of documents finished.
    stats
        A `RunStats` the workers' counts and the cache hits are added to.

    Yields
    ------
    Extraction
        One per document extracted, in input order, with unique document ids.

    Raises
    ------
    DaskNotInstalledError
        When dask.distributed is not installed.
    """
    settings = WorkerSettings(
        model, tuple(os.fspath(a) for a in actors), use_filter, actors_of_diplomacy_only
    )
    runner = DaskRunner(
        settings,
        scheduler=scheduler,
        n_workers=n_workers,
        partition_size=partition_size,
        shared_files=shared_files,
        max_in_flight=max_in_flight,
    )
    report = problems.append if problems is not None else _log_problem
    yield from run_extraction(
        inputs, runner, cache=cache, report=report, progress=progress, stats=stats
    )


def _log_problem(problem: Problem) -> None:
    log.warning("%s: %s", problem.source, problem.reason)
