"""The one run loop: every runner's tasks, in input order, with cache, progress and problems.

`run_extraction` reads the inputs (`ingest.plan`), looks each document up in the cache,
cuts the misses into tasks of the runner's `batch_size`, keeps up to the runner's `window`
tasks in flight, and yields one `Extraction` per document in input order. Along the way it

- reports every problem in input order: read problems where the reader met them, and a
  document that failed where that document stood;
- makes document ids unique over the whole input, as `ingest.iter_documents` does, also
  for documents that workers read from slices;
- stores new extractions in the cache, counts cache hits, and calls `progress` once for
  every document finished (extracted, failed or found in the cache).

A batch closes at `batch_size` documents to parse, or at `batch_size` documents all found
in the cache, so cached documents flow on without waiting for parsing ones.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..ingest import PathArg, Slice, plan, unique_id
from ..model import Document, Extraction, Problem, RunStats
from .base import DocumentBatch, Handle, Outcome, Runner, Task

if TYPE_CHECKING:
    from ..cache import ExtractionCache

__all__ = ["Progress", "run_extraction"]

Progress = Callable[[int], None]
"""Called with the number of documents just finished."""


@dataclass
class _Cached:
    """A document of a batch, with its extraction if the cache had it."""

    document: Document
    found: Extraction | None


@dataclass
class _Unit:
    """Input in order, as one task (or none, when everything was cached or a problem)."""

    entries: list[Problem | _Cached | Slice]
    task: Task | None
    handle: Handle | None = None


def run_extraction(
    inputs: PathArg | Iterable[PathArg],
    runner: Runner,
    *,
    cache: ExtractionCache | None = None,
    report: Callable[[Problem], None],
    progress: Progress | None = None,
    stats: RunStats | None = None,
) -> Iterator[Extraction]:
    """Extract every document of `inputs` on `runner`, yielding in input order.

    `report` receives every problem, in input order; `stats` (when given) gets the
    workers' counts and the cache hits. The runner is closed when the inputs are done,
    and terminated when the caller stops early or a task raises.
    """
    emitter = _Emitter(cache, report, progress, stats if stats is not None else RunStats())
    pending: deque[_Unit] = deque()
    finished = False
    try:
        for unit in _units(inputs, runner, cache):
            if unit.task is not None:
                unit.handle = runner.submit(unit.task)
            pending.append(unit)
            while pending and _due(pending, runner):
                yield from emitter.emit(pending.popleft())
        while pending:
            yield from emitter.emit(pending.popleft())
        finished = True
    finally:
        if finished:
            runner.close()
        else:
            runner.terminate()


def _due(pending: deque[_Unit], runner: Runner) -> bool:
    """Whether the oldest unit is to be emitted now (its result is in, or the window full)."""
    handle = pending[0].handle
    return len(pending) > runner.window or handle is None or handle.ready()


def _units(
    inputs: PathArg | Iterable[PathArg], runner: Runner, cache: ExtractionCache | None
) -> Iterator[_Unit]:
    """The input cut into units, each with the read problems met before its documents."""
    size = runner.batch_size
    met: list[Problem] = []
    planned = plan(
        inputs,
        slice_size=size,
        worker_reads=runner.worker_reads and cache is None,  # a look-up needs the text
        report=met.append,
    )
    entries: list[Problem | _Cached | Slice] = []
    misses: list[Document] = []
    documents = 0
    for item in planned:
        entries.extend(met)
        met.clear()
        if not isinstance(item, Document):  # a slice: the documents so far go first
            if entries:
                yield _batch_unit(entries, misses)
            yield _Unit([item], item)
            entries, misses, documents = [], [], 0
            continue
        found = cache.get(item) if cache is not None else None
        entries.append(_Cached(item, found))
        documents += 1
        if found is None:
            misses.append(item)
        if len(misses) >= size or (not misses and documents >= size):
            yield _batch_unit(entries, misses)
            entries, misses, documents = [], [], 0
    entries.extend(met)
    if entries:
        yield _batch_unit(entries, misses)


def _batch_unit(entries: list[Problem | _Cached | Slice], misses: list[Document]) -> _Unit:
    return _Unit(entries, DocumentBatch(tuple(misses)) if misses else None)


class _Emitter:
    """Turns finished units into extractions: ids, cache stores, problems, progress."""

    def __init__(
        self,
        cache: ExtractionCache | None,
        report: Callable[[Problem], None],
        progress: Progress | None,
        stats: RunStats,
    ) -> None:
        self.cache = cache
        self.report = report
        self.progress = progress
        self.stats = stats
        self.seen: set[str] = set()

    def emit(self, unit: _Unit) -> Iterator[Extraction]:
        """The extractions of `unit`, reporting its problems where they stand."""
        results: Iterator[Outcome | Problem] = iter(())
        if unit.handle is not None:
            result = unit.handle.get()  # raises what the task raised
            self.stats.add(result.stats)
            results = iter(result.items)
        for entry in unit.entries:
            if isinstance(entry, Problem):
                self.report(entry)
            elif isinstance(entry, _Cached) and entry.found is not None:
                self.stats.cached += 1
                outcome = Outcome(entry.document.id, entry.document.date, entry.found)
                yield from self._finish(outcome, None)
            elif isinstance(entry, _Cached):
                item = next(results)  # a batch of documents gives one outcome each
                assert isinstance(item, Outcome)
                yield from self._finish(item, entry.document)
            else:  # a slice: its read problems and outcomes, in order
                for item in results:
                    if isinstance(item, Problem):
                        self.report(item)
                    else:
                        yield from self._finish(item, None)

    def _finish(self, outcome: Outcome, parsed: Document | None) -> Iterator[Extraction]:
        unique = unique_id(outcome.doc, self.seen)
        self.seen.add(unique)
        if self.progress is not None:
            self.progress(1)
        if outcome.problem is not None:
            self.report(replace(outcome.problem, source=unique))
        if outcome.extraction is None:
            return
        if parsed is not None and self.cache is not None:
            self.cache.put(parsed, outcome.extraction)
        yield _renamed(outcome.extraction, unique)


def _renamed(extraction: Extraction, doc_id: str) -> Extraction:
    """`extraction` told as document `doc_id`'s (an id made unique)."""
    if extraction.doc == doc_id:
        return extraction
    relations = tuple(replace(r, doc=doc_id) for r in extraction.relations)
    return replace(extraction, doc=doc_id, relations=relations)
