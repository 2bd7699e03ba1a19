"""The work of one process: its spaCy pipeline, extractor and relevance filter, and tasks.

Every runner ends here: the in-process runner calls `run_task` directly, a pool worker and
a Dask worker call it on the `Worker` their process keeps (`process_worker`). A document
whose filter, parse or extraction raises becomes a `Problem`; the rest of its task goes on.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..config import BATCH_SIZE, PIECE_LENGTH, WorkerSettings
from ..ingest.slices import read_slice
from ..model import Document, Extraction, Problem, ProblemKind, RunStats
from .base import DocumentBatch, Outcome, Task, TaskResult

__all__ = ["Worker", "process_worker", "run_task", "worker_loads"]


class Worker:
    """The pipeline, extractor and relevance filter of one process, built on first use."""

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self._state: tuple[Any, Any, Any] | None = None

    def state(self) -> tuple[Any, Any, Any]:
        """``(nlp, extractor, relevance filter or None)``, loading them the first time."""
        if self._state is None:
            from ..extract import Extractor
            from ..nlp import load_pipeline
            from ..relevance import RelevanceFilter
            from ..resolve.catalog import Catalog

            nlp = load_pipeline(self.settings.model)
            catalog = Catalog.default(self.settings.actors)
            extractor = Extractor(
                nlp,
                catalog=catalog,
                actors_of_diplomacy_only=self.settings.actors_of_diplomacy_only,
            )
            relevance = RelevanceFilter(nlp, catalog) if self.settings.use_filter else None
            self._state = (nlp, extractor, relevance)
        return self._state

    def run(self, documents: Sequence[Document]) -> tuple[list[Extraction | Problem], RunStats]:
        """One result per document, in order: its `Extraction`, or a `Problem` if it failed.

        The BLAS stays on one core meanwhile: `--workers` sets how many cores parse.
        """
        from ..blas import one_thread

        with one_thread():
            limit = self.state()[0].max_length
            if all(len(document.text) <= limit for document in documents):
                return self._run(documents)
            return self._run_in_pieces(documents, limit)

    def _run_in_pieces(
        self, documents: Sequence[Document], limit: int
    ) -> tuple[list[Extraction | Problem], RunStats]:
        """`_run`, with each document longer than `limit` (spaCy's ``max_length``) cut
        into pieces (`graphbuild.pieces`) extracted one at a time."""
        from ..pieces import joined, pieces

        short = [document for document in documents if len(document.text) <= limit]
        done, stats = self._run(short) if short else ([], RunStats())
        by_id = dict(zip((id(document) for document in short), done, strict=True))
        results: list[Extraction | Problem] = []
        for document in documents:
            if id(document) in by_id:
                results.append(by_id[id(document)])
                continue
            parts: list[tuple[int, Extraction]] = []
            failed: Problem | None = None
            work = RunStats()
            for offset, piece in pieces(document, min(limit, PIECE_LENGTH)):
                (result,), piece_stats = self._run([piece])
                work.add(piece_stats)
                if isinstance(result, Problem):
                    failed = failed or result
                else:
                    parts.append((offset, result))
            work.extracted, work.parsed = 1, min(work.parsed, 1)  # one document
            stats.add(work)
            results.append(failed if failed is not None else joined(document, parts))
        return results, stats

    def _run(self, documents: Sequence[Document]) -> tuple[list[Extraction | Problem], RunStats]:
        nlp, extractor, relevance = self.state()
        stats = RunStats(extracted=len(documents))
        results: list[Extraction | Problem | None] = [None] * len(documents)
        todo = self._select(documents, relevance, results, stats)
        stats.parsed = len(todo)
        done = 0
        try:
            texts = (documents[p].text if s is None else s.doc for p, s in todo)
            parsed = nlp.pipe(texts, batch_size=BATCH_SIZE)
            for (position, selection), doc in zip(todo, parsed, strict=True):
                results[position] = _extract_one(extractor, doc, documents[position], selection)
                done += 1
        except Exception:  # noqa: BLE001
            # spaCy failed somewhere in the batch: parse the rest one by one to find it.
            for position, selection in todo[done:]:
                results[position] = self._one_by_one(documents[position], selection)
        return results, stats  # type: ignore[return-value]

    @staticmethod
    def _select(
        documents: Sequence[Document],
        relevance: Any,
        results: list[Extraction | Problem | None],
        stats: RunStats,
    ) -> list[tuple[int, Any]]:
        """``(position, Selection or None)`` of the documents to parse; the others' results."""
        todo: list[tuple[int, Any]] = []
        for position, document in enumerate(documents):
            if relevance is None:
                todo.append((position, None))
                continue
            try:
                selection = relevance.select(document.text)
            except Exception as error:  # noqa: BLE001 - one document must not fail the batch
                results[position] = _failure(document, "relevance filter", error)
                continue
            stats.sentences += selection.sentences
            stats.parsed_sentences += selection.relevant + selection.context
            stats.tokens += selection.tokens
            stats.parsed_tokens += selection.parsed_tokens
            if selection.doc is None:
                results[position] = Extraction(document.id, document.date)
            else:
                todo.append((position, selection))
        return todo

    def _one_by_one(self, document: Document, selection: Any) -> Extraction | Problem:
        nlp, extractor, relevance = self.state()
        try:
            again = relevance.select(document.text) if selection is not None else None
            doc = nlp(document.text if again is None else again.doc)
        except Exception as error:  # noqa: BLE001
            return _failure(document, "parse", error)
        return _extract_one(extractor, doc, document, again)


def _extract_one(
    extractor: Any, doc: Any, document: Document, selection: Any
) -> Extraction | Problem:
    try:
        extraction = extractor.extract(doc, document)
        if selection is not None:
            extraction = selection.restore(extraction)
    except Exception as error:  # noqa: BLE001
        return _failure(document, "extraction", error)
    return extraction


def _failure(document: Document, stage: str, error: BaseException) -> Problem:
    message = " ".join(str(error).split()) or type(error).__name__
    reason = f"{stage} failed: {type(error).__name__}: {message}"
    return Problem(document.source or document.id, reason, ProblemKind.FAILED, document.id)


def run_task(worker: Worker, task: Task) -> TaskResult:
    """Read `task` (if it is a slice), extract its documents, and say what became of each."""
    read = list(task.documents) if isinstance(task, DocumentBatch) else read_slice(task)
    documents = [item for item in read if isinstance(item, Document)]
    results, stats = worker.run(documents)
    outcomes = iter(_outcome(d, r) for d, r in zip(documents, results, strict=True))
    items = [item if isinstance(item, Problem) else next(outcomes) for item in read]
    return TaskResult(items, stats)


def _outcome(document: Document, result: Extraction | Problem) -> Outcome:
    if isinstance(result, Problem):
        return Outcome(document.id, document.date, problem=result)
    return Outcome(document.id, document.date, extraction=result)


# -- the worker a process keeps ----------------------------------------------------------------

_LOADS: Counter[WorkerSettings] = Counter()
"""How often this process built its worker, per settings (tests check for one)."""
_LOAD_LOCK = threading.Lock()


def process_worker(settings: WorkerSettings) -> Worker:
    """This process's `Worker` for `settings`, its pipeline loaded.

    Built on the first task a worker process runs, then kept for every later task of any
    run with the same settings.
    """
    # A worker with several threads may start several tasks at once: build only once.
    with _LOAD_LOCK:
        return _build_worker(settings)


@lru_cache(maxsize=2)
def _build_worker(settings: WorkerSettings) -> Worker:
    worker = Worker(settings)
    worker.state()
    _LOADS[settings] += 1
    return worker


def worker_loads(settings: WorkerSettings) -> int:
    """How often this process built its worker for `settings` (for `Client.run`)."""
    return _LOADS[settings]
