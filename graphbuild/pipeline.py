"""Run the stages in order: ingest -> (cache) -> relevance -> nlp -> extract -> assemble -> export.

This is the one module that wires the stages together. Its three public functions have the
names of the command-line commands that call them:

`extract`
    Documents in, one `Extraction` per document out, in input order, streaming: documents
    go through ``nlp.pipe`` in batches of `BATCH_SIZE` and nothing holds the corpus.
    Documents found in the cache are not parsed; the spaCy pipeline is only loaded when a
    document needs parsing. With ``workers > 1`` parsing runs in that many processes, each
    loading the pipeline once, and results still come back in input order.
`build`
    `extract`, then the graph (`graph.build_graph`), the country roll-up and filters
    (`views`), centrality and communities (`analysis`), and the files (`export`).
`evaluate`
    Score extraction against a gold JSONL file (`graphbuild.evaluate`).

Problems
    Inputs that cannot be read and documents whose filter, parse or extraction raises are
    reported, never fatal: each becomes a `Problem` (source or document id, and why) in the
    run's `RunSummary`, and the rest of the corpus is processed.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import util as importlib_util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .graph import build_graph
from .ingest import count_documents, iter_documents, normalize_date
from .labels import LABELS
from .model import Document, Entity, EntityType, Extraction, Problem, Relation, RunSummary

if TYPE_CHECKING:
    import networkx as nx

    from .cache import ExtractionCache
    from .evaluate import NameReading, Report

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_FORMATS",
    "ENGINES",
    "LEVELS",
    "BuildResult",
    "ExtractionRun",
    "RunStats",
    "UsageError",
    "build",
    "evaluate",
    "extract",
    "relation_record",
]

log = logging.getLogger(__name__)

BATCH_SIZE = 64
"""Documents per `nlp.pipe` batch, and per task of the in-process engine."""
POOL_TASK_SIZE = 16
"""Documents per task of a worker process: small enough that no worker sits idle long
while the others finish the last tasks of a run."""
DEFAULT_FORMATS: tuple[str, ...] = ("html", "graphml")
"""What `build` writes unless told otherwise."""
LEVELS: tuple[str, ...] = ("actor", "country")
"""Graph levels: every actor, or leaders and organizations rolled up to countries."""
CACHE_NAME = "cache.sqlite"
"""The cache file `build` keeps in its output folder by default."""

PathArg = str | os.PathLike[str]


class UsageError(ValueError):
    """An option value that cannot work (unknown format, label, type, level, bad date)."""


# -- records ---------------------------------------------------------------------------------


@dataclass
class RunStats:
    """How much work a run did, for the summary line and benchmarks."""

    cached: int = 0
    """Documents whose extraction came from the cache."""
    extracted: int = 0
    """Documents extracted in this run (parsed, or found to need no parsing)."""
    parsed: int = 0
    """Documents handed to the spaCy parser."""
    sentences: int = 0
    """Sentences of the extracted documents (by the relevance filter's split)."""
    parsed_sentences: int = 0
    tokens: int = 0
    """Tokens of the extracted documents (when the relevance filter ran)."""
    parsed_tokens: int = 0
    seconds: float = 0.0
    """Wall-clock time from the first document to the last."""
    cache_rebuilt: str | None = None
    """Why the cache file was emptied when opened, if it was."""

    def add(self, other: RunStats) -> None:
        for name in (
            "extracted",
            "parsed",
            "sentences",
            "parsed_sentences",
            "tokens",
            "parsed_tokens",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class BuildResult:
    """What `build` produced."""

    paths: dict[str, Path]
    """Format name -> file written."""
    graph: nx.MultiDiGraph
    """The graph as exported (rolled up, filtered and annotated)."""
    summary: RunSummary
    """Documents read, skipped, relations found, and every problem."""
    stats: RunStats
    """Cache hits, documents and tokens parsed, time."""
    graph_summary: dict[str, Any] = field(default_factory=dict)
    """`analysis.summarize` of the graph: central actors, communities."""

    @property
    def summary_line(self) -> str:
        """``N documents, N entities, N relations``."""
        return (
            f"{self.summary.documents} documents, {self.graph.number_of_nodes()} entities, "
            f"{self.graph.number_of_edges()} relations"
        )


# -- options ---------------------------------------------------------------------------------


def _choices(
    given: str | Iterable[str] | None, valid: Sequence[str], what: str
) -> list[str] | None:
    if given is None:
        return None
    items = given.split(",") if isinstance(given, str) else list(given)
    names = [item.strip() for item in items if item and item.strip()]
    unknown = [name for name in names if name not in valid]
    if unknown:
        raise UsageError(
            f"unknown {what} {', '.join(map(repr, unknown))}; choose from: {', '.join(valid)}"
        )
    return names


def check_formats(formats: str | Iterable[str]) -> list[str]:
    """The format names asked for, lower-cased; `UsageError` naming the valid ones."""
    from .export import available_formats

    items = formats.split(",") if isinstance(formats, str) else list(formats)
    names = [item.strip().lower() for item in items if item.strip()]
    if not names:
        raise UsageError(f"no export format given; choose from: {', '.join(available_formats())}")
    return _choices(names, available_formats(), "format") or []


def check_date(value: str | None, option: str) -> str | None:
    """`value` as ``YYYY-MM-DD``, or `UsageError`."""
    if value is None:
        return None
    try:
        return normalize_date(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None


def _check_build_options(
    level: str,
    since: str | None,
    until: str | None,
    min_count: int,
    relations: str | Iterable[str] | None,
    types: str | Iterable[str] | None,
    workers: int,
) -> tuple:
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r}; choose from: {', '.join(LEVELS)}")
    since = check_date(since, "since")
    until = check_date(until, "until")
    if since and until and since > until:
        raise UsageError(f"since {since} is after until {until}")
    if min_count < 1:
        raise UsageError(f"min-count must be at least 1, got {min_count}")
    _check_workers(workers)
    labels = _choices(relations, list(LABELS), "relation label")
    kinds = _choices(types, [t.value for t in EntityType], "actor type")
    return since, until, labels, kinds


def _check_workers(workers: int) -> None:
    if workers < 1:
        raise UsageError(f"workers must be at least 1, got {workers}")


def _check_actor_files(actors: Iterable[PathArg]) -> tuple[str, ...]:
    from .resolve.catalog import read_actor_file

    files = tuple(os.fspath(path) for path in actors)
    for path in files:
        try:
            read_actor_file(path)
        except ValueError as error:
            raise UsageError(str(error)) from None
    return files


def _model_name(model: str | None) -> str:
    """The model package to use; `nlp.ModelNotFoundError` (with the install hint) if none."""
    from .nlp import choose_model

    return choose_model(model)


def _model_key(name: str) -> str | None:
    """`nlp.model_id` of the model package `name`, read from its meta.json without loading it."""
    candidates = []
    path = Path(name)
    if path.is_dir():
        candidates.append(path / "meta.json")
    else:
        spec = importlib_util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            candidates.append(Path(folder) / "meta.json")
    for meta_path in candidates:
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
    return None


# -- the extraction engines --------------------------------------------------------------------


class _Engine:
    """The pipeline, extractor and relevance filter of one process, built on first use."""

    def __init__(self, model: str | None, actors: tuple[str, ...], use_filter: bool):
        self.model = model
        self.actors = actors
        self.use_filter = use_filter
        self._state: tuple[Any, Any, Any] | None = None

    def state(self) -> tuple[Any, Any, Any]:
        if self._state is None:
            from .extract import Extractor
            from .nlp import load_pipeline
            from .relevance import RelevanceFilter
            from .resolve.catalog import Catalog

            nlp = load_pipeline(self.model)
            catalog = Catalog.default(self.actors)
            extractor = Extractor(nlp, catalog=catalog)
            relevance = RelevanceFilter(nlp, catalog) if self.use_filter else None
            self._state = (nlp, extractor, relevance)
        return self._state

    def run(self, documents: Sequence[Document]) -> tuple[list[Extraction | Problem], RunStats]:
        """One result per document, in order: its `Extraction`, or a `Problem` if it failed.

        The BLAS stays on one core meanwhile: `--workers` sets how many cores parse.
        """
        from .blas import one_thread

        with one_thread():
            return self._run(documents)

    def _run(self, documents: Sequence[Document]) -> tuple[list[Extraction | Problem], RunStats]:
        nlp, extractor, relevance = self.state()
        stats = RunStats(extracted=len(documents))
        results: list[Extraction | Problem | None] = [None] * len(documents)
        todo: list[tuple[int, Any]] = []  # (position, Selection or None) to parse
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
                document = documents[position]
                try:
                    again = relevance.select(document.text) if selection is not None else None
                    doc = nlp(document.text if again is None else again.doc)
                except Exception as error:  # noqa: BLE001
                    results[position] = _failure(document, "parse", error)
                    continue
                results[position] = _extract_one(extractor, doc, document, again)
        return results, stats  # type: ignore[return-value]


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
    return Problem(document.id, f"{stage} failed: {type(error).__name__}: {message}")


# A worker process's engine: built by the pool initializer, used by every task.
_WORKER_ENGINE: _Engine | None = None
_WORKER_ERROR: BaseException | None = None


def _init_worker(model: str | None, actors: tuple[str, ...], use_filter: bool) -> None:
    global _WORKER_ENGINE, _WORKER_ERROR
    _WORKER_ENGINE = _Engine(model, actors, use_filter)
    try:
        _WORKER_ENGINE.state()  # load once, before the first task
    except Exception as error:  # noqa: BLE001
        # Raised from the first task instead: a failing initializer makes the pool
        # start replacement workers forever.
        _WORKER_ERROR = error


def _run_in_worker(documents: list[Document]) -> tuple[list[Extraction | Problem], RunStats]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    assert _WORKER_ENGINE is not None, "worker not initialised"
    return _WORKER_ENGINE.run(documents)


class _Done:
    """A finished batch, shaped like `multiprocessing.pool.AsyncResult`."""

    def __init__(self, value: Any):
        self.value = value

    def ready(self) -> bool:
        return True

    def get(self) -> Any:
        return self.value


class _LocalRunner:
    def __init__(self, engine: _Engine):
        self.engine = engine
        self.window = 1

    def submit(self, documents: list[Document]) -> _Done:
        return _Done(self.engine.run(documents))

    def close(self) -> None:
        pass


class _PoolRunner:
    """`workers` processes, each with its own engine; tasks are batches of documents."""

    def __init__(self, workers: int, model: str | None, actors: tuple[str, ...], use_filter: bool):
        # spawn: a fresh interpreter per worker, safe whatever threads this process runs
        # (a progress bar, a test runner) and the same on every platform.
        context = multiprocessing.get_context("spawn")
        self.pool = context.Pool(
            workers, initializer=_init_worker, initargs=(model, actors, use_filter)
        )
        self.window = 4 * workers  # tasks in flight: keeps every worker busy, bounds memory

    def submit(self, documents: list[Document]) -> Any:
        return self.pool.apply_async(_run_in_worker, (documents,))

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def terminate(self) -> None:
        self.pool.terminate()
        self.pool.join()


# -- extract ---------------------------------------------------------------------------------


ENGINES: tuple[str, ...] = ("local", "dask")
"""Where parsing runs: this machine (in-process or worker processes), or a Dask cluster."""


class ExtractionRun(Iterator[Extraction]):
    """The extractions of a run, in input order, with what went wrong along the way.

    Iterate it once; `summary` and `stats` fill in as it goes and are complete when the
    iteration ends. Made by `extract`.
    """

    def __init__(
        self,
        inputs: PathArg | Iterable[PathArg],
        *,
        model: str | None,
        actors: tuple[str, ...],
        workers: int,
        cache: PathArg | None,
        use_filter: bool,
        progress: bool | None,
        engine: str = "local",
        scheduler: str | None = None,
    ):
        self.inputs = inputs
        self.engine = engine
        self.scheduler = scheduler
        self.model = model
        self.actors = actors
        self.workers = workers
        self.cache_path = Path(cache) if cache is not None else None
        self.use_filter = use_filter
        self.progress = progress
        self.summary = RunSummary()
        """Documents extracted, skipped, relations found, problems (read and extraction)."""
        self.stats = RunStats()
        self._iterator: Iterator[Extraction] | None = None

    def __iter__(self) -> ExtractionRun:
        return self

    def __next__(self) -> Extraction:
        if self._iterator is None:
            self._iterator = self._run()
        return next(self._iterator)

    def close(self) -> None:
        """Stop early: release the worker processes and commit the cache."""
        if self._iterator is not None:
            self._iterator.close()  # type: ignore[attr-defined]

    # -- the work ------------------------------------------------------------------------
    def _material(self) -> str:
        name = _model_name(self.model)
        key = _model_key(name) or name
        from .cache import SCHEMA_VERSION, fingerprint

        return json.dumps(
            {
                "schema": SCHEMA_VERSION,
                "model": key,
                "graphbuild": __version__,
                "data": fingerprint(self.actors),
                "filter": self.use_filter,
            },
            sort_keys=True,
        )

    def _open_cache(self) -> ExtractionCache | None:
        if self.cache_path is None:
            return None
        from .cache import ExtractionCache

        cache = ExtractionCache(self.cache_path, self._material())
        self.stats.cache_rebuilt = cache.rebuilt
        return cache

    def _run(self) -> Iterator[Extraction]:
        started = time.perf_counter()
        cache = self._open_cache()
        runner: _LocalRunner | _PoolRunner | None = None
        bar = _progress_bar(self.inputs, self.progress)
        finished = False
        try:
            pending: deque[tuple[list[tuple[Document, Extraction | None]], Any]] = deque()
            documents = iter_documents(self.inputs, problems=self.summary.problems)
            size = POOL_TASK_SIZE if self._pooled else BATCH_SIZE
            for batch in _batches(documents, cache, size):
                misses = [document for document, found in batch if found is None]
                future = None
                if misses:
                    if runner is None:
                        runner = self._runner()
                    future = runner.submit(misses)
                pending.append((batch, future))
                window = runner.window if runner is not None else 1
                while pending and (
                    len(pending) > window or pending[0][1] is None or pending[0][1].ready()
                ):
                    yield from self._finish(*pending.popleft(), cache, bar)
            while pending:
                yield from self._finish(*pending.popleft(), cache, bar)
            finished = True
        finally:
            if runner is not None:
                if finished or not isinstance(runner, _PoolRunner):
                    runner.close()
                else:
                    runner.terminate()
            if cache is not None:
                cache.close()
            if bar is not None:
                bar.stop()
            self.summary.skipped += sum(1 for p in self.summary.problems if _is_skip(p))
            self.stats.seconds = time.perf_counter() - started

    @property
    def _pooled(self) -> bool:
        """Whether parsing runs in a pool of local worker processes."""
        return self.engine == "local" and self.workers > 1

    def _runner(self) -> Any:
        if self.engine == "dask":
            from .engines.dask_engine import DaskRunner

            return DaskRunner(
                scheduler=self.scheduler,
                n_workers=self.workers if self.workers > 1 else 2,  # a local cluster: 2 by default
                model=self.model,
                actors=self.actors,
                use_filter=self.use_filter,
            )
        if self._pooled:
            return _PoolRunner(self.workers, self.model, self.actors, self.use_filter)
        return _LocalRunner(_Engine(self.model, self.actors, self.use_filter))

    def _finish(
        self,
        batch: list[tuple[Document, Extraction | None]],
        future: Any,
        cache: ExtractionCache | None,
        bar: Any,
    ) -> Iterator[Extraction]:
        results: Iterator[Extraction | Problem] = iter(())
        if future is not None:
            values, stats = future.get()
            self.stats.add(stats)
            results = iter(values)
        for document, found in batch:
            if found is None:
                result = next(results)
                if isinstance(result, Problem):
                    self.summary.problems.append(result)
                    _advance(bar)
                    continue
                if cache is not None:
                    cache.put(document, result)
                found = result
            else:
                self.stats.cached += 1
            self.summary.documents += 1
            self.summary.relations += len(found.relations)
            _advance(bar)
            yield found


_SKIP_MARKERS = ("kept undated", "; ignored", "; using ")


def _is_skip(problem: Problem) -> bool:
    """Whether a problem cost a document (not merely a field: a bad date is kept undated)."""
    return not any(marker in problem.reason for marker in _SKIP_MARKERS)


def _batches(
    documents: Iterator[Document], cache: ExtractionCache | None, size: int = BATCH_SIZE
) -> Iterator[list[tuple[Document, Extraction | None]]]:
    """Documents with their cached extraction (or None), cut into batches.

    A batch closes at `size` documents to parse, or at `size` documents all found in
    the cache, so cached documents flow on without waiting for parsing ones.
    """
    batch: list[tuple[Document, Extraction | None]] = []
    misses = 0
    for document in documents:
        found = cache.get(document) if cache is not None else None
        batch.append((document, found))
        misses += found is None
        if misses >= size or (misses == 0 and len(batch) >= size):
            yield batch
            batch, misses = [], 0
    if batch:
        yield batch


def _progress_bar(inputs: PathArg | Iterable[PathArg], progress: bool | None) -> Any:
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
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

    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    total = count_documents(items)
    if total <= 1:
        return None
    bar = Progress(
        TextColumn("[bold]extracting"),
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
    bar.add_task("extract", total=total, rate="")
    bar.start()
    bar._graphbuild_started = time.perf_counter()  # type: ignore[attr-defined]
    return bar


def _advance(bar: Any) -> None:
    if bar is None:
        return
    task = bar.tasks[0]
    elapsed = time.perf_counter() - bar._graphbuild_started
    done = task.completed + 1
    rate = f"{done / elapsed:.1f} docs/s" if elapsed > 0 else ""
    bar.update(task.id, advance=1, rate=rate)


def extract(
    inputs: PathArg | Iterable[PathArg],
    *,
    model: str | None = None,
    actors: Iterable[PathArg] = (),
    workers: int = 1,
    cache: PathArg | None = None,
    use_filter: bool = True,
    progress: bool | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> ExtractionRun:
    """Extract relations and actor mentions from every document of `inputs`.

    Parameters
    ----------
    inputs
        Files, folders, or ``-`` for standard input (see `graphbuild.ingest`).
    model
        spaCy model package or path; by default the first installed of
        `nlp.DEFAULT_MODELS`.
    actors
        Extra actor dictionaries (CSV: name, aliases, country, role, start, end).
    workers
        Processes that parse; 1 parses in this process.
    cache
        An SQLite file of earlier extractions (see `graphbuild.cache`); None for no cache.
    use_filter
        Parse only the sentences that can hold a relation (`graphbuild.relevance`).
    progress
        Show a progress bar on standard error; None shows it when that is a terminal.
    engine
        ``local`` (this machine) or ``dask`` (a Dask cluster, see
        `graphbuild.engines`: ``scheduler`` is its address, else a local cluster of
        `workers` processes is started).

    Returns
    -------
    ExtractionRun
        An iterator of one `Extraction` per document, in input order; its `summary`
        collects the problems (unreadable inputs, documents that failed) and counts.

    Raises
    ------
    nlp.ModelNotFoundError
        When the model is not installed (raised at once, before any reading).
    UsageError
        For a bad option: workers < 1, an unreadable actor dictionary.

    Examples
    --------
    >>> run = extract("examples/articles")  # doctest: +SKIP
    >>> for extraction in run:  # doctest: +SKIP
    ...     print(extraction.doc, len(extraction.relations))
    >>> run.summary.problems  # doctest: +SKIP
    []
    """
    _check_workers(workers)
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose from: {', '.join(ENGINES)}")
    if engine == "dask" and importlib_util.find_spec("distributed") is None:
        from .engines import DASK_INSTALL_HINT

        raise UsageError(
            f"the dask engine needs dask.distributed; install it with: {DASK_INSTALL_HINT}"
        )
    files = _check_actor_files(actors)
    _model_name(model)  # fail now, with the install hint, rather than mid-run
    return ExtractionRun(
        inputs,
        model=model,
        actors=files,
        workers=workers,
        cache=cache,
        use_filter=use_filter,
        progress=progress,
        engine=engine,
        scheduler=scheduler,
    )


def relation_record(relation: Relation) -> dict[str, Any]:
    """One relation as the plain record ``graphbuild extract`` writes, one JSON object a line.

    Examples
    --------
    >>> from graphbuild.model import Entity, EntityType, Relation
    >>> cn = Entity("country:CHN", "China", EntityType.COUNTRY)
    >>> ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
    >>> record = relation_record(Relation(cn, "consult", ru, doc="a.txt",
    ...                                   sentence="China met Russia.", start=0, end=17))
    >>> record["subject"]
    {'id': 'country:CHN', 'name': 'China', 'type': 'country', 'country': None, 'text': None}
    >>> record["relation"], record["negated"]
    ('consult', False)
    """

    def actor(entity: Entity, text: str | None) -> dict[str, Any]:
        return {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type.value,
            "country": entity.country,
            "text": text,
        }

    return {
        "doc": relation.doc,
        "date": relation.date,
        "sentence": relation.sentence,
        "start": relation.start,
        "end": relation.end,
        "subject": actor(relation.subject, relation.subject_text),
        "relation": relation.label,
        "object": actor(relation.object, relation.object_text),
        "negated": relation.negated,
        "rule": relation.rule,
        "role": relation.role,
    }


# -- build -----------------------------------------------------------------------------------


def build(
    inputs: PathArg | Iterable[PathArg],
    out_dir: PathArg,
    *,
    formats: str | Iterable[str] = DEFAULT_FORMATS,
    model: str | None = None,
    actors: Iterable[PathArg] = (),
    level: str = "actor",
    since: str | None = None,
    until: str | None = None,
    min_count: int = 1,
    relations: str | Iterable[str] | None = None,
    types: str | Iterable[str] | None = None,
    workers: int = 1,
    cache: PathArg | bool | None = True,
    use_filter: bool = True,
    progress: bool | None = None,
    title: str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> BuildResult:
    """Build the knowledge graph of `inputs` and write it to `out_dir`.

    Parameters
    ----------
    inputs
        Files, folders, or ``-`` for standard input.
    out_dir
        Folder for the files (created when missing).
    formats
        Names among `export.available_formats()`: html, graphml, gexf, json, csv.
    model, actors, workers, use_filter, progress, engine, scheduler
        As for `extract`.
    level
        ``actor`` (every actor) or ``country`` (leaders and organizations' relations
        rolled up to countries).
    since, until
        Keep only evidence dated in this window (``YYYY-MM-DD``, inclusive).
    min_count
        Keep only edges with at least this much evidence.
    relations
        Keep only these relation labels (`graphbuild.labels.LABELS`).
    types
        Keep only actors of these types (country, leader, organization, initiative).
    cache
        True for ``<out_dir>/cache.sqlite``, a path for another file, False or None for no
        cache.
    title
        Title of the HTML map.

    Returns
    -------
    BuildResult
        Paths written, the graph, the run summary and stats, the graph summary.

    Raises
    ------
    UsageError
        For a bad option, naming the valid choices; nothing is read or written then.
    nlp.ModelNotFoundError
        When the model is not installed.
    """
    wanted = check_formats(formats)
    since, until, labels, kinds = _check_build_options(
        level, since, until, min_count, relations, types, workers
    )
    out = Path(out_dir)
    if cache is True:
        cache_path: PathArg | None = out / CACHE_NAME
    elif cache is False or cache is None:
        cache_path = None
    else:
        cache_path = cache
    run = extract(
        inputs,
        model=model,
        actors=actors,
        workers=workers,
        cache=cache_path,
        use_filter=use_filter,
        progress=progress,
        engine=engine,
        scheduler=scheduler,
    )
    graph = build_graph(run)

    from .analysis import annotate, summarize
    from .export import write_formats
    from .views import filter_graph, roll_up_to_countries

    if level == "country":
        graph = roll_up_to_countries(graph)
    graph = filter_graph(
        graph, since=since, until=until, min_count=min_count, relations=labels, types=kinds
    )
    annotated = annotate(graph)
    if annotated is not None:
        graph = annotated
    graph_summary = summarize(graph)
    facts: dict[str, Any] = {}
    if run.summary.skipped:
        facts["skipped"] = run.summary.skipped
    html_options = {"title": title or "graphbuild map", "summary": facts}
    paths = write_formats(graph, out, wanted, html_options=html_options)
    return BuildResult(
        paths=paths,
        graph=graph,
        summary=run.summary,
        stats=run.stats,
        graph_summary=dict(graph_summary or {}),
    )


# -- evaluate --------------------------------------------------------------------------------


def evaluate(
    gold_path: PathArg,
    *,
    model: str | None = None,
    actors: Iterable[PathArg] = (),
    use_filter: bool = True,
    names: NameReading = "evidence",
) -> Report:
    """Score extraction against the gold JSONL file at `gold_path`.

    The gold texts stream through ``nlp.pipe`` in batches, through the relevance filter
    unless `use_filter` is False. A document whose extraction fails has no predictions
    (and a warning is logged). `names="canonical"` matches actors by their canonical names
    alone, not also by the words of the evidence (`graphbuild.evaluate.score`).

    Returns
    -------
    evaluate.Report
        Precision, recall and F1 at relation and pair level, per label; see
        `graphbuild.evaluate`.
    """
    from . import evaluate as scoring

    files = _check_actor_files(actors)
    _model_name(model)
    engine = _Engine(model, files, use_filter)

    def extract_batch(documents: Iterable[Document]) -> Iterator[Extraction]:
        for batch in _chunks(documents, BATCH_SIZE):
            results, _ = engine.run(batch)
            for result in results:
                if isinstance(result, Problem):
                    log.warning("%s: %s", result.source, result.reason)
                else:
                    yield result

    return scoring.evaluate(Path(gold_path), extract_batch, names=names)


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
