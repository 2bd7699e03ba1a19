"""Extraction on a Dask cluster: the local engine's `Extraction`s, parsed on the workers.

Two ways in:

`extract_with_dask`
    A whole extraction run on a cluster: inputs in, `Extraction`s out in input order. JSONL
    and CSV files can be read by the workers themselves, so the corpus text never passes
    through the client.
`DaskRunner`
    The runner `pipeline.extract` uses for ``engine="dask"``: the pipeline keeps its own
    loop (reading, cache, progress bar, summary) and sends each batch to the cluster.

What runs where
    Workers (this is what scales with their number)
        the relevance filter, spaCy parsing and relation extraction, and for
        `extract_with_dask` reading their own slice of a JSONL or CSV file. Each worker
        process builds a `pipeline._Engine` (spaCy pipeline, Extractor, filter) once, on its
        first task, and keeps it for every later task (`worker_engine`).
    Client (the process that calls them)
        walking folders, reading text files and standard input into `Document`s, finding
        where the records of a JSONL or CSV file start (a byte scan; no record is kept),
        cache look-ups and stores, putting results back into input order, and everything
        after extraction (graph assembly, export).

Partitions
    Documents the client reads are sent in batches of `partition_size`; a JSONL or CSV file
    is cut into slices of `partition_size` records, each a byte range that a worker reads
    with the same record rules as `graphbuild.ingest` (so the paths must be reachable from
    the workers, see `shared_files`). At most `max_in_flight` partitions are submitted and
    not yet yielded at any time, so neither the client nor any worker holds the corpus.

Failures
    A document whose filter, parse or extraction raises becomes a `Problem` and is skipped,
    as in the local engine. A task that fails as a whole is retried twice by Dask; a worker
    that dies has its tasks rescheduled on the others. Only an error that survives the
    retries (e.g. the spaCy model is missing on the workers) is raised.

Results are yielded in input order with ids made unique exactly as `ingest.iter_documents`
makes them, so `graph.build_graph` over them gives the same graph as the local engine.
"""

from __future__ import annotations

import csv
import logging
import os
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import ingest
from ..model import Document, Extraction, Problem

if TYPE_CHECKING:
    from distributed import Client, Future

    from ..cache import ExtractionCache
    from ..pipeline import RunStats, _Engine

__all__ = [
    "DASK_INSTALL_HINT",
    "DaskNotInstalledError",
    "DaskRunner",
    "check_dask",
    "extract_with_dask",
]

log = logging.getLogger(__name__)

DASK_INSTALL_HINT = 'pip install "graphbuild[dask]"'
"""The install command the error names when dask.distributed is missing."""

RETRIES = 2
"""How often Dask retries a partition whose task failed as a whole."""

PathArg = str | os.PathLike[str]
Progress = Callable[[int], None]
"""Called with the number of documents just finished (extracted, failed or found cached)."""


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


# -- what crosses the wire -----------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How every worker extracts; the key of the per-process pipeline cache."""

    model: str | None = None
    """spaCy model package or path; None for `nlp.choose_model`'s default."""
    actors: tuple[str, ...] = ()
    """Extra actor dictionaries (CSV paths, reachable from the workers)."""
    use_filter: bool = True
    """Parse only the sentences the relevance filter selects (`graphbuild.relevance`)."""


@dataclass(frozen=True)
class DocumentBatch:
    """Documents the client read, sent to a worker as they are."""

    documents: tuple[Document, ...]


@dataclass(frozen=True)
class RecordSlice:
    """Records of a JSONL or CSV file between two byte offsets, read by the worker."""

    path: str
    """Absolute path, as the workers open it."""
    name: str
    """Base of default document ids (`<name>:<line>`), as in `ingest`."""
    source: str
    """The path as the user gave it, for problems."""
    format: Literal["jsonl", "csv"]
    start: int
    """Byte offset of the first record."""
    end: int
    """Byte offset just past the last record."""
    first_line: int
    """Line number (1-based) of the line at `start`."""
    header: tuple[str, ...] = ()
    """CSV only: the header's column names, stripped and lower-cased."""


@dataclass(frozen=True)
class WholeFile:
    """A JSONL or CSV file read whole by one worker with `ingest`'s own reader.

    Used for files whose first lines already fail (binary, empty, no header or no ``text``
    column), so that the problems reported are exactly `ingest`'s.
    """

    path: str
    name: str
    source: str


Partition = DocumentBatch | RecordSlice | WholeFile


@dataclass(frozen=True)
class Outcome:
    """What became of one document of a partition."""

    doc: str
    """The document id as read (made unique by the client)."""
    date: str | None = None
    extraction: Extraction | None = None
    """None when the document failed, was filtered out, or was left to the cache."""
    error: str | None = None
    """Why the document failed, if it did."""


Item = Outcome | Problem
"""A partition's result is its documents' outcomes and read problems, in input order."""


# -- on the workers ------------------------------------------------------------------------

_LOADS: Counter[Settings] = Counter()
"""How often this process built its engine, per settings (tests check for one)."""
_LOAD_LOCK = threading.Lock()


def worker_engine(settings: Settings) -> _Engine:
    """This process's `pipeline._Engine` for `settings`: pipeline, Extractor and filter.

    Built, and its spaCy pipeline loaded, on the first task a worker process runs, then
    kept for every later task of any run with the same settings.
    """
    # A worker with several threads may start several tasks at once: build only once.
    with _LOAD_LOCK:
        return _build_engine(settings)


@lru_cache(maxsize=2)
def _build_engine(settings: Settings) -> _Engine:
    from ..pipeline import _Engine

    engine = _Engine(settings.model, settings.actors, settings.use_filter)
    engine.state()
    _LOADS[settings] += 1
    return engine


def worker_loads(settings: Settings) -> int:
    """How often this process built its engine for `settings` (for `Client.run`)."""
    return _LOADS[settings]


def run_batch(documents: list[Document], settings: Settings) -> tuple[list[Any], RunStats]:
    """Extract a batch of documents on a worker: the task of `DaskRunner`.

    Returns what `pipeline._Engine.run` returns: per document its `Extraction` or the
    `Problem` that stopped it, in order, and the batch's `RunStats`.
    """
    return worker_engine(settings).run(documents)


def read_partition(partition: Partition) -> list[Document | Problem]:
    """The documents of `partition` and the read problems, in the order `ingest` meets them."""
    items: list[Document | Problem] = []
    documents: Iterable[Document]
    if isinstance(partition, DocumentBatch):
        documents = partition.documents
    elif isinstance(partition, WholeFile):
        item = ingest.InputFile(Path(partition.path), partition.name, partition.source)
        documents = ingest.read_input(item, items.append)
    elif partition.format == "jsonl":
        documents = _read_jsonl_slice(partition, items.append)
    else:
        documents = _read_csv_slice(partition, items.append)
    # A reader reports a record's problems before it yields the record, so appending each
    # document as it comes keeps problems and documents in input order.
    for document in documents:
        items.append(document)
    return items


def run_partition(partition: Partition, settings: Settings) -> tuple[list[Item], RunStats]:
    """Read, parse and extract one partition: the task of `extract_with_dask`.

    Returns one `Outcome` per document and the read problems, in input order, and the
    partition's `RunStats`.
    """
    engine = worker_engine(settings)
    read = read_partition(partition)
    documents = [item for item in read if isinstance(item, Document)]
    results, stats = engine.run(documents)
    outcomes = iter(_outcome(d, r) for d, r in zip(documents, results, strict=True))
    return [item if isinstance(item, Problem) else next(outcomes) for item in read], stats


def _outcome(document: Document, result: Extraction | Problem) -> Outcome:
    if isinstance(result, Problem):
        return Outcome(document.id, document.date, error=result.reason)
    return Outcome(document.id, document.date, result)


# -- reading slices of JSONL and CSV files (the record rules are ingest's) ------------------


def _slice_lines(partition: RecordSlice) -> Iterator[bytes]:
    with open(partition.path, "rb") as handle:
        handle.seek(partition.start)
        position = partition.start
        for raw in handle:
            if position >= partition.end:
                break
            position += len(raw)
            yield raw


def _read_jsonl_slice(
    partition: RecordSlice, report: Callable[[Problem], None]
) -> Iterator[Document]:
    return ingest.jsonl_documents(
        _slice_lines(partition),
        name=partition.name,
        source=partition.source,
        report=report,
        first_line=partition.first_line,
    )


def _read_csv_slice(
    partition: RecordSlice, report: Callable[[Problem], None]
) -> Iterator[Document]:
    return ingest.csv_documents(
        _slice_lines(partition),
        name=partition.name,
        source=partition.source,
        report=report,
        header=partition.header,
        first_line=partition.first_line,
    )


# -- on the client: cutting the input into partitions ---------------------------------------


class _CountingLines:
    """Iterates a binary file's lines, keeping the offset just past the last one given."""

    def __init__(self, handle: Iterable[bytes]) -> None:
        self._handle = handle
        self.offset = 0
        self.lines = 0

    def __iter__(self) -> Iterator[bytes]:
        for raw in self._handle:
            self.offset += len(raw)
            self.lines += 1
            yield raw


class _Slicer:
    """Groups the records of one file into `RecordSlice`s of `size` records."""

    def __init__(self, item: ingest.InputFile, fmt: Literal["jsonl", "csv"], size: int) -> None:
        self.item = item
        self.format = fmt
        self.size = size
        self.header: tuple[str, ...] = ()
        self.slices: list[RecordSlice] = []
        self._first: tuple[int, int] | None = None  # (offset, line) of the open slice
        self._count = 0

    def record(self, start: int, line: int, end: int) -> None:
        """A record that starts at byte `start` on `line` and ends just before `end`."""
        if self._first is None:
            self._first = (start, line)
        self._count += 1
        if self._count == self.size:
            self.close(end)

    def close(self, end: int) -> None:
        if self._first is None:
            return
        offset, line = self._first
        path = os.path.abspath(self.item.path)
        self.slices.append(
            RecordSlice(
                path,
                self.item.name,
                self.item.source,
                self.format,
                offset,
                end,
                line,
                self.header,
            )
        )
        self._first, self._count = None, 0


def _jsonl_slices(item: ingest.InputFile, size: int) -> list[RecordSlice] | None:
    """Slices of `size` records each, or None to have a worker read the file whole."""
    if ingest.is_binary(item.path):
        return None
    slicer = _Slicer(item, "jsonl", size)
    offset = 0
    with item.path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            start, offset = offset, offset + len(raw)
            if number == 1 and raw.startswith(ingest.BOM):
                raw = raw[len(ingest.BOM) :]
            if raw.strip():
                slicer.record(start, number, offset)
    slicer.close(offset)
    return slicer.slices or None


def _csv_slices(item: ingest.InputFile, size: int) -> list[RecordSlice] | None:
    """Slices of `size` records each, or None to have a worker read the file whole.

    A quoted field may span lines, so the client runs the csv module over the file to find
    where records start; it keeps no record, and the workers read them again.
    """
    if ingest.is_binary(item.path):
        return None
    ingest.raise_csv_field_limit()
    slicer = _Slicer(item, "csv", size)
    with item.path.open("rb") as handle:
        lines = _CountingLines(handle)
        decoder = ingest.LineDecoder(lines)
        reader = csv.reader(decoder)
        has_header = False
        while True:
            start, line = lines.offset, lines.lines + 1
            try:
                row: list[str] | None = next(reader)
            except StopIteration:
                break
            except csv.Error:
                row = None  # still a record: the worker reports it
            fault = decoder.take_fault()
            if row is not None and not any(row):
                continue
            if has_header:
                slicer.record(start, line, lines.offset)
                continue
            # Any trouble with the header: a worker reads the file whole and reports it.
            if row is None or fault:
                return None
            slicer.header = tuple(name.strip().lower() for name in row)
            if "text" not in slicer.header:
                return None
            has_header = True
    slicer.close(lines.offset)
    return slicer.slices if has_header else None


def plan_partitions(
    paths: PathArg | Iterable[PathArg],
    *,
    partition_size: int,
    shared_files: bool,
    report: Callable[[Problem], None],
) -> Iterator[Partition]:
    """Cut the inputs into partitions, in input order, reading as little as possible.

    Text files and standard input are read here, `partition_size` documents to a batch.
    With `shared_files`, JSONL and CSV files become record slices that the workers read;
    without, they are read here too.
    """
    batch: list[Document] = []
    for item in ingest.input_files(paths, report):
        if item is None:  # standard input
            batch.extend(ingest.read_input(None, report))
        else:
            suffix = item.path.suffix.lower()
            record_file = suffix in (ingest.JSONL_SUFFIX, ingest.CSV_SUFFIX)
            if shared_files and record_file:
                if batch:
                    yield DocumentBatch(tuple(batch))
                    batch = []
                slices = (
                    _jsonl_slices(item, partition_size)
                    if suffix == ingest.JSONL_SUFFIX
                    else _csv_slices(item, partition_size)
                )
                if slices is None:
                    yield WholeFile(os.path.abspath(item.path), item.name, item.source)
                else:
                    yield from slices
                continue
            for document in ingest.read_input(item, report):
                batch.append(document)
                if len(batch) == partition_size:
                    yield DocumentBatch(tuple(batch))
                    batch = []
        while len(batch) >= partition_size:
            yield DocumentBatch(tuple(batch[:partition_size]))
            batch = batch[partition_size:]
    if batch:
        yield DocumentBatch(tuple(batch))


# -- on the client: submitting, collecting, ordering ----------------------------------------


@dataclass
class _Pending:
    """One partition from the moment it is cut until its extractions are yielded."""

    partition: Partition
    problems: list[Problem]
    """Problems the client met while cutting the input just before this partition."""
    cached: dict[int, Extraction] = field(default_factory=dict)
    """Extractions found in the cache, by the document's position in the partition."""
    items: list[Item] | None = None
    """Outcomes and read problems, once the worker's result is in."""


def extract_with_dask(
    inputs: PathArg | Iterable[PathArg],
    *,
    model: str | None = None,
    actors: Iterable[str | os.PathLike[str]] = (),
    scheduler: str | Client | None = None,
    n_workers: int = 2,
    partition_size: int = 64,
    max_in_flight: int | None = None,
    use_filter: bool = True,
    cache: ExtractionCache | None = None,
    problems: list[Problem] | None = None,
    progress: Progress | None = None,
    stats: RunStats | None = None,
    shared_files: bool = True,
) -> Iterator[Extraction]:
    """Extract every document of `inputs` on a Dask cluster, yielding in input order.

    Parameters
    ----------
    inputs
        Files, folders, or ``-`` for standard input, as for `ingest.iter_documents`.
    model, actors
        spaCy model and extra actor dictionaries, as for the local engine; both must be
        installed (or reachable) on the workers.
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``), or a connected
        `distributed.Client`, which is left open. When None, a `LocalCluster` of
        `n_workers` single-threaded worker processes is started for the run and closed at
        its end.
    n_workers
        Worker processes of that local cluster.
    partition_size
        Documents (or JSONL/CSV records) per task.
    max_in_flight
        Partitions submitted and not yet yielded, at most; by default three per worker
        thread, which keeps every worker busy while the client waits for the oldest.
    use_filter
        Parse only the sentences the relevance filter selects, as the local engine does.
    cache
        Extractions already computed: documents found there are not sent to the workers,
        and the workers' new extractions are stored. With a cache the client reads JSONL
        and CSV records itself, since looking a document up needs its text.
    problems
        A list each `Problem` is appended to (unreadable inputs, failed documents), in
        input order; when None they are logged as warnings.
    progress
        Called with the number of documents finished as the cluster's tasks finish.
    stats
        A `pipeline.RunStats` the workers' counts (documents parsed, tokens) and the cache
        hits are added to.
    shared_files
        Whether the workers can open the input paths (same file system, same absolute
        paths). When True, JSONL and CSV files are read by the workers, in slices; when
        False the client reads everything and ships documents.

    Yields
    ------
    Extraction
        One per document extracted, in input order, with unique document ids.

    Raises
    ------
    DaskNotInstalledError
        When dask.distributed is not installed.
    """
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    if n_workers < 1:
        raise ValueError(f"n_workers must be at least 1, got {n_workers}")
    _distributed()
    settings = Settings(model, tuple(os.fspath(a) for a in actors), use_filter)
    report = problems.append if problems is not None else _log_problem
    with _connect(scheduler, n_workers) as client:
        yield from _run(
            client,
            inputs,
            settings=settings,
            partition_size=partition_size,
            max_in_flight=max_in_flight or 3 * _threads(client),
            cache=cache,
            report=report,
            progress=progress,
            stats=stats,
            shared_files=shared_files and cache is None,
        )


def _log_problem(problem: Problem) -> None:
    log.warning("%s: %s", problem.source, problem.reason)


def _threads(client: Client) -> int:
    return max(1, sum(client.nthreads().values()))


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


def _run(
    client: Client,
    inputs: PathArg | Iterable[PathArg],
    *,
    settings: Settings,
    partition_size: int,
    max_in_flight: int,
    cache: ExtractionCache | None,
    report: Callable[[Problem], None],
    progress: Progress | None,
    stats: RunStats | None,
    shared_files: bool,
) -> Iterator[Extraction]:
    """Keep up to `max_in_flight` partitions on the cluster; yield them in input order."""
    distributed = _distributed()
    completed = distributed.as_completed()
    futures: dict[Future, int] = {}  # future -> index of its partition
    window: dict[int, _Pending] = {}  # cut and not yet yielded, by index
    cut_problems: list[Problem] = []
    planned = plan_partitions(
        inputs,
        partition_size=partition_size,
        shared_files=shared_files,
        report=cut_problems.append,
    )
    run = uuid.uuid4().hex[:12]
    cut = 0  # partitions cut so far
    next_index = 0  # the partition to yield next
    seen: set[str] = set()

    def cut_more() -> bool:
        """Cut and submit partitions until the window is full; False once input ends."""
        nonlocal cut
        while len(window) < max_in_flight:
            partition = next(planned, None)
            if partition is None:
                return False
            pending = _Pending(partition, cut_problems[:])
            cut_problems.clear()
            window[cut] = pending
            to_send = _look_up(pending, cache) if cache is not None else partition
            if stats is not None:
                stats.cached += len(pending.cached)
            if to_send is None:  # every document was cached
                pending.items = _cached_items(pending)
                _advance(progress, len(pending.cached))
            else:
                future = client.submit(
                    run_partition,
                    to_send,
                    settings,
                    key=f"graphbuild-extract-{run}-{cut}",
                    retries=RETRIES,
                )
                futures[future] = cut
                completed.add(future)
            cut += 1
        return True

    try:
        more = cut_more()
        while window:
            while next_index in window and window[next_index].items is not None:
                yield from _emit(window.pop(next_index), seen, cache, report)
                next_index += 1
                more = more and cut_more()
            if not window:
                break
            # The oldest partition is still out, so some future is pending.
            future = next(completed)
            index = futures.pop(future)
            items, partition_stats = future.result()  # what the task raised, after retries
            future.release()
            if stats is not None:
                stats.add(partition_stats)
            pending = window[index]
            pending.items = _merge_cached(pending, items) if cache is not None else items
            _advance(progress, sum(1 for item in pending.items if isinstance(item, Outcome)))
        for problem in cut_problems:
            report(problem)
    finally:
        if futures:
            client.cancel(list(futures))


def _look_up(pending: _Pending, cache: ExtractionCache) -> DocumentBatch | None:
    """Note the cached documents of `pending`; the batch of the others, or None."""
    partition = pending.partition
    assert isinstance(partition, DocumentBatch)  # with a cache the client reads everything
    misses: list[Document] = []
    for position, document in enumerate(partition.documents):
        hit = cache.get(document)
        if hit is None:
            misses.append(document)
        else:
            pending.cached[position] = hit
    return DocumentBatch(tuple(misses)) if misses else None


def _cached_items(pending: _Pending) -> list[Item]:
    assert isinstance(pending.partition, DocumentBatch)
    return [
        Outcome(document.id, document.date, pending.cached[position])
        for position, document in enumerate(pending.partition.documents)
    ]


def _merge_cached(pending: _Pending, items: list[Item]) -> list[Item]:
    """The outcomes of the whole batch from the cache hits and the workers' `items`."""
    assert isinstance(pending.partition, DocumentBatch)
    outcomes = iter(items)  # a batch of documents yields outcomes only, one per document
    merged: list[Item] = []
    for position, document in enumerate(pending.partition.documents):
        hit = pending.cached.get(position)
        merged.append(next(outcomes) if hit is None else Outcome(document.id, document.date, hit))
    return merged


def _advance(progress: Progress | None, count: int) -> None:
    if progress is not None and count:
        progress(count)


def _emit(
    pending: _Pending,
    seen: set[str],
    cache: ExtractionCache | None,
    report: Callable[[Problem], None],
) -> Iterator[Extraction]:
    """Yield one finished partition's extractions, making ids unique as `ingest` does."""
    for problem in pending.problems:
        report(problem)
    assert pending.items is not None
    documents = (
        pending.partition.documents if isinstance(pending.partition, DocumentBatch) else None
    )
    position = -1
    for item in pending.items:
        if isinstance(item, Problem):
            report(item)
            continue
        position += 1
        unique = ingest.unique_id(item.doc, seen)
        seen.add(unique)
        if item.error is not None:
            report(Problem(unique, item.error))
        if item.extraction is None:
            continue
        if cache is not None and documents is not None and position not in pending.cached:
            cache.put(documents[position], item.extraction)
        yield _renamed(item.extraction, unique)


def _renamed(extraction: Extraction, doc_id: str) -> Extraction:
    """`extraction` told as document `doc_id`'s (an id made unique)."""
    if extraction.doc == doc_id:
        return extraction
    relations = tuple(replace(r, doc=doc_id) for r in extraction.relations)
    return replace(extraction, doc=doc_id, relations=relations)


# -- the runner of pipeline.extract ----------------------------------------------------------


class DaskRunner:
    """Runs the batches of `pipeline.extract` on a Dask cluster instead of a process pool.

    It has the shape of the pipeline's runners (`submit`, `window`, `close`), so the
    pipeline keeps doing everything else as it does locally: reading the input, the cache,
    the progress bar, the run summary and stats. Each batch is one task; each worker process
    builds its engine once (`worker_engine`).

    Parameters
    ----------
    scheduler, n_workers
        As for `extract_with_dask`: a scheduler address or a `Client`, else a local cluster
        of `n_workers` processes, closed by `close`.
    model, actors, use_filter
        As for the local engine.
    """

    def __init__(
        self,
        *,
        scheduler: str | Client | None = None,
        n_workers: int = 2,
        model: str | None = None,
        actors: Iterable[str | os.PathLike[str]] = (),
        use_filter: bool = True,
    ) -> None:
        if n_workers < 1:
            raise ValueError(f"n_workers must be at least 1, got {n_workers}")
        self._resources = ExitStack()
        self.client = self._resources.enter_context(_connect(scheduler, n_workers))
        self.settings = Settings(model, tuple(os.fspath(a) for a in actors), use_filter)
        self.window = 2 * _threads(self.client)
        """Batches in flight: enough to keep every worker thread busy, and no more."""
        self._run = uuid.uuid4().hex[:12]
        self._submitted = 0

    def submit(self, documents: list[Document]) -> _TaskResult:
        """Send one batch to the cluster; its result is `pipeline._Engine.run`'s."""
        future = self.client.submit(
            run_batch,
            list(documents),
            self.settings,
            key=f"graphbuild-batch-{self._run}-{self._submitted}",
            retries=RETRIES,
        )
        self._submitted += 1
        return _TaskResult(future)

    def close(self) -> None:
        """Drop unfinished tasks and close the client (and the local cluster, if ours)."""
        self._resources.close()

    terminate = close


class _TaskResult:
    """A batch's Dask future, shaped like `multiprocessing.pool.AsyncResult`."""

    def __init__(self, future: Future) -> None:
        self.future = future

    def ready(self) -> bool:
        return bool(self.future.done())

    def get(self) -> tuple[list[Any], RunStats]:
        try:
            return self.future.result()  # raises what the task raised, after its retries
        finally:
            self.future.release()
