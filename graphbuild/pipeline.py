"""Run the stages in order: ingest -> (cache) -> relevance -> nlp -> extract -> assemble -> export.

This is the one module that wires the stages together. Its three public functions have the
names of the command-line commands that call them:

`extract`
    Documents in, one `Extraction` per document out, in input order, streaming. The run
    loop (`engines.loop`) reads the input, looks documents up in the cache and sends the
    others, in batches, to the runner the options name (`engines.runner_for`): this
    process, a pool of worker processes, or a Dask cluster. The spaCy pipeline is only
    loaded when a document needs parsing.
`build`
    `extract`, then the graph (`graph.build_graph`), the view (`views.view`: country
    roll-up and filters), centrality and communities (`analysis`), and the files
    (`export`).
`evaluate`
    Score extraction against a gold JSONL file (`graphbuild.scoring`).

Options
    Each function takes its option records (`config.ExtractOptions`, `ViewOptions`,
    `ExportOptions`), or the same values as keyword arguments, which are parsed into those
    records: every choice is checked there, once, before anything is read.

Problems
    Inputs that cannot be read and documents whose filter, parse or extraction raises are
    reported, never fatal: each becomes a `Problem` (source or document id, why, and its
    `ProblemKind`) in the run's `RunSummary`, and the rest of the corpus is processed.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import util as importlib_util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .config import (
    BATCH_SIZE,
    DASK_INSTALL_HINT,
    DEFAULT_FORMATS,
    DEFAULT_PERIOD,
    DEFAULT_TITLE,
    ENGINES,
    LEVELS,
    PROBLEMS_NAME,
    ExportOptions,
    ExtractOptions,
    UsageError,
    ViewOptions,
    WorkerSettings,
    split_names,
)
from .engines import Runner, Worker, run_extraction, runner_for
from .graph import build_graph
from .model import (
    Document,
    Entity,
    Extraction,
    Problem,
    ProblemKind,
    Relation,
    RunStats,
    RunSummary,
)
from .progress import progress_bar

if TYPE_CHECKING:
    import networkx as nx

    from .cache import ExtractionCache
    from .scoring import GoldRecord, NameReading, Report

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_FORMATS",
    "ENGINES",
    "LEVELS",
    "BuildOptions",
    "BuildResult",
    "ExtractionRun",
    "OutputError",
    "OutputLocked",
    "RunStats",
    "UsageError",
    "build",
    "counted",
    "evaluate",
    "extract",
    "gold_predictions",
    "problem_record",
    "relation_record",
]

log = logging.getLogger(__name__)

PathArg = str | os.PathLike[str]

WARNING = ProblemKind.WARNING


# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildOptions:
    """Everything `build` is asked for, each part checked when it is made."""

    extract: ExtractOptions = field(default_factory=ExtractOptions)
    """How documents are extracted, and where."""
    view: ViewOptions = field(default_factory=ViewOptions)
    """Which part of the graph is kept."""
    export: ExportOptions = field(default_factory=ExportOptions)
    """Which files are written."""

    @classmethod
    def of(
        cls,
        *,
        formats: str | Iterable[str] = DEFAULT_FORMATS,
        title: str | None = None,
        period: str = DEFAULT_PERIOD,
        level: str = "actor",
        since: str | None = None,
        until: str | None = None,
        min_count: int = 1,
        relations: str | Iterable[str] | None = None,
        types: str | Iterable[str] | None = None,
        keep_undated: bool = False,
        **extract: Any,
    ) -> BuildOptions:
        """The options from loose values: comma-separated strings or lists of names.

        `extract` takes the keyword arguments of `config.ExtractOptions`.
        """
        export = ExportOptions(
            formats=split_names(formats) or (), title=title or DEFAULT_TITLE, period=period
        )
        view = ViewOptions(
            level=level,
            since=since,
            until=until,
            min_count=min_count,
            relations=split_names(relations),
            types=split_names(types),
            keep_undated=keep_undated,
        )
        return cls(extract=_extract_options(None, extract), view=view, export=export)


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
    problems_path: Path | None = None
    """The file listing every problem of the run (`config.PROBLEMS_NAME`), once written."""
    empty_reason: str | None = None
    """Why the graph has no relation, when it has none: no documents, none found, or the
    filter that left none (`views.emptied_by`) and how many documents have no date."""

    @property
    def summary_line(self) -> str:
        """``N documents, N entities, N relations`` (``1 relation``, not ``1 relations``)."""
        return (
            f"{counted(self.summary.documents, 'document')}, "
            f"{counted(self.graph.number_of_nodes(), 'entity', 'entities')}, "
            f"{counted(self.graph.number_of_edges(), 'relation')}"
        )


def counted(n: int, one: str, many: str | None = None) -> str:
    """`n` and the noun, singular for 1.

    Examples
    --------
    >>> counted(1, "relation"), counted(0, "relation"), counted(2, "entity", "entities")
    ('1 relation', '0 relations', '2 entities')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


class OutputError(RuntimeError):
    """The outputs of a build could not be written (a read-only folder, a full disk).

    The run itself went through: `result` holds its summary, stats and graph, with no
    paths. The output folder keeps the files it had (they are swapped in as one set).
    """

    def __init__(self, message: str, result: BuildResult):
        super().__init__(message)
        self.result = result


class OutputLocked(RuntimeError):
    """Another build is writing to the output folder (it holds its lock file,
    `export.files.LOCK_NAME`); nothing was read or written."""


def _extract_options(options: ExtractOptions | None, loose: dict[str, Any]) -> ExtractOptions:
    if options is not None and loose:
        raise TypeError(f"give options or keyword arguments, not both: {sorted(loose)}")
    if options is None:
        if "actors" in loose:
            loose = {**loose, "actors": tuple(loose["actors"])}
        options = ExtractOptions(**loose)
    return options


def _check_actor_files(files: tuple[str, ...]) -> None:
    from .resolve.catalog import read_actor_file

    for path in files:
        try:
            read_actor_file(path)
        except ValueError as error:
            raise UsageError(str(error)) from None


def _check_environment(options: ExtractOptions) -> None:
    """Fail now, with the install command or the file's fault, rather than mid-run."""
    from .nlp import choose_model

    _check_actor_files(options.actors)

    if options.engine == "dask" and importlib_util.find_spec("distributed") is None:
        raise UsageError(
            f"the dask engine needs dask.distributed; install it with: {DASK_INSTALL_HINT}"
        )
    choose_model(options.model)  # nlp.ModelNotFoundError, naming the install command


# -- extract ---------------------------------------------------------------------------------


class ExtractionRun(Iterator[Extraction]):
    """The extractions of a run, in input order, with what went wrong along the way.

    Iterate it once; `summary` and `stats` fill in as it goes and are complete when the
    iteration ends. Made by `extract`.
    """

    def __init__(
        self,
        inputs: PathArg | Iterable[PathArg],
        options: ExtractOptions,
        *,
        cache: PathArg | bool | None = None,
        progress: bool | None = None,
        runner: Runner | None = None,
    ):
        self.inputs = inputs
        self.options = options
        self.cache_path: Path | None = None
        """The cache file; for the user's cache (``cache=True``) known once it is opened."""
        self._user_cache = cache is True
        if cache is not None and not isinstance(cache, bool):
            self.cache_path = Path(cache)
        self.progress = progress
        self.runner = runner
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

    def _open_cache(self) -> ExtractionCache | None:
        if self.cache_path is None and not self._user_cache:
            return None
        from .cache import BUSY_TIMEOUT, ExtractionCache, NotACache, default_cache_path, is_busy

        material = _cache_material(self.options.worker_settings)
        if self._user_cache:
            self.cache_path = default_cache_path(material)
        assert self.cache_path is not None
        try:
            cache = ExtractionCache(self.cache_path, material)
        except (OSError, sqlite3.Error, NotACache) as error:  # a read-only folder, a full disk
            reason = f"cannot open the cache ({error}); running without it"
            if is_busy(error):
                reason = (
                    f"another build holds the cache (busy for {BUSY_TIMEOUT:g} s); running "
                    "without it"
                )
            self.summary.problems.append(Problem(str(self.cache_path), reason, WARNING))
            return None
        self.stats.cache_rebuilt = cache.rebuilt
        return cache

    def _run(self) -> Iterator[Extraction]:
        started = time.perf_counter()
        cache = self._open_cache()
        bar = progress_bar(self.inputs, self.progress)
        runner = self.runner if self.runner is not None else runner_for(self.options)
        try:
            for extraction in run_extraction(
                self.inputs,
                runner,
                cache=cache,
                report=self.summary.problems.append,
                progress=bar.advance if bar is not None else None,
                stats=self.stats,
            ):
                self.summary.documents += 1
                self.summary.relations += len(extraction.relations)
                self.summary.undated += extraction.date is None
                yield extraction
        finally:
            if cache is not None:
                cache.close()
            if bar is not None:
                bar.stop()
            problems = self.summary.problems
            self.summary.skipped += sum(1 for p in problems if p.kind.loses_document)
            self.stats.seconds = time.perf_counter() - started


def _cache_material(settings: WorkerSettings) -> str:
    """What a cached extraction depends on besides its text: model, version, data, filter,
    and which actors are kept."""
    from .cache import SCHEMA_VERSION, fingerprint
    from .nlp import choose_model, installed_model_id

    name = choose_model(settings.model)
    return json.dumps(
        {
            "schema": SCHEMA_VERSION,
            "model": installed_model_id(name) or name,
            "graphbuild": __version__,
            "data": fingerprint(settings.actors),
            "filter": settings.use_filter,
            "diplomacy_only": settings.actors_of_diplomacy_only,
        },
        sort_keys=True,
    )


def extract(
    inputs: PathArg | Iterable[PathArg],
    options: ExtractOptions | None = None,
    *,
    cache: PathArg | bool | None = None,
    progress: bool | None = None,
    runner: Runner | None = None,
    **loose: Any,
) -> ExtractionRun:
    """Extract relations and actor mentions from every document of `inputs`.

    Parameters
    ----------
    inputs
        Files, folders, or ``-`` for standard input (see `graphbuild.ingest`).
    options
        How to extract (`config.ExtractOptions`: model, actors, use_filter, workers,
        engine, scheduler); or give those as keyword arguments (`loose`) instead.
    cache
        An SQLite file of earlier extractions (see `graphbuild.cache`); True for the user's
        cache (`cache.default_cache_path`, shared by every run); None or False for none.
    progress
        Show a progress bar on standard error; None shows it when that is a terminal.
    runner
        Run the tasks on this runner (`engines.base.Runner`) instead of the one the
        options name: a custom engine, or a test's stand-in.

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
        For a bad option: workers < 1, an unknown engine, an unreadable actor dictionary,
        a cache path that holds a folder or a file other than a graphbuild cache.

    Examples
    --------
    >>> run = extract("examples/articles")  # doctest: +SKIP
    >>> for extraction in run:  # doctest: +SKIP
    ...     print(extraction.doc, len(extraction.relations))
    >>> run.summary.problems  # doctest: +SKIP
    []
    """
    options = _extract_options(options, loose)
    _check_environment(options)
    if cache is not None and not isinstance(cache, bool):
        _check_cache(cache)
    if cache is False:
        cache = None
    return ExtractionRun(inputs, options, cache=cache, progress=progress, runner=runner)


def _check_cache(path: PathArg) -> None:
    """Refuse, before anything is read, a cache path that holds something else."""
    from .cache import NotACache, check_cache_path

    try:
        check_cache_path(path)
    except NotACache as error:
        raise UsageError(str(error)) from None


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
        "confidence": relation.confidence,
    }


# -- build -----------------------------------------------------------------------------------


def build(
    inputs: PathArg | Iterable[PathArg],
    out_dir: PathArg,
    options: BuildOptions | None = None,
    *,
    cache: PathArg | bool | None = True,
    progress: bool | None = None,
    runner: Runner | None = None,
    **loose: Any,
) -> BuildResult:
    """Build the knowledge graph of `inputs` and write it to `out_dir`.

    Parameters
    ----------
    inputs
        Files, folders, or ``-`` for standard input.
    out_dir
        Folder for the files (created when missing).
    options
        A `BuildOptions`; or its values as keyword arguments (`BuildOptions.of`): formats,
        title, period, level, since, until, min_count, relations, types, and those of `extract`
        (model, actors, workers, use_filter, engine, scheduler).
    cache
        True (the default) for the user's cache, shared by every build whatever its
        `out_dir` (`cache.default_cache_path`: in the user's cache folder, or the folder
        ``GRAPHBUILD_CACHE_DIR`` names); a path for another file; False or None for none.
    progress, runner
        As for `extract`.

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
    OutputLocked
        When another build is writing to `out_dir` (it holds the folder's lock file);
        raised before anything is read.
    OutputError
        When the files cannot be written; its `result` holds the run, and `out_dir` keeps
        the files it had. The files (and ``problems.jsonl``, every problem of the run) are
        written into a staging folder and renamed into `out_dir` together.
    """
    if options is not None and loose:
        raise TypeError(f"give options or keyword arguments, not both: {sorted(loose)}")
    options = options if options is not None else BuildOptions.of(**loose)
    out = Path(out_dir)
    run = extract(inputs, options.extract, cache=cache, progress=progress, runner=runner)
    from .export.files import FolderLocked, output_lock

    try:
        with output_lock(out):  # one build at a time writes `out`
            return _build(run, out, options)
    except FolderLocked as error:
        raise OutputLocked(str(error)) from None


def _build(run: ExtractionRun, out: Path, options: BuildOptions) -> BuildResult:
    full = build_graph(run)

    from .analysis import annotate, summarize
    from .export import write_formats
    from .export.files import output_set
    from .views import view

    graph = view(full, options.view)
    empty = _empty_reason(full, graph, options.view, run.summary)
    annotated = annotate(graph)
    if annotated is not None:
        graph = annotated
    # For a map or a script to say what emptied a view (never written as GraphML or
    # GEXF graph data: Gephi warns about those).
    graph.graph["undated_documents"] = run.summary.undated
    graph.graph["filters"] = options.view.active()
    graph_summary = summarize(graph)
    facts: dict[str, Any] = {}
    if run.summary.skipped:
        facts["skipped"] = run.summary.skipped
    writer_options: dict[str, dict[str, Any]] = {
        "html": {"title": options.export.title, "summary": facts},
        "dyads": {"period": options.export.period},
    }
    result = BuildResult(
        paths={},
        graph=graph,
        summary=run.summary,
        stats=run.stats,
        graph_summary=dict(graph_summary or {}),
        empty_reason=empty,
    )
    try:
        with output_set(out) as staging:  # every file, or none: see export.files
            written = write_formats(
                graph, staging, options.export.formats, format_options=writer_options
            )
            _write_problems(staging / PROBLEMS_NAME, run.summary.problems)
    except OSError as error:
        raise OutputError(f"cannot write the outputs to {out}: {_why(error)}", result) from None
    result.paths = {name: out / path.name for name, path in written.items()}
    result.problems_path = out / PROBLEMS_NAME
    return result


def _empty_reason(
    full: nx.MultiDiGraph, graph: nx.MultiDiGraph, options: ViewOptions, summary: RunSummary
) -> str | None:
    """Why `graph`, the view of `full`, holds no relation; None when it holds some."""
    if graph.number_of_edges():
        return None
    from .views import emptied_by

    documents = counted(summary.documents, "document")
    if not summary.documents:
        return "no relation: no document was read (see the problems)"
    undated = f"{summary.undated} of {documents} undated"
    found = emptied_by(full, options)
    if found is None:
        return f"no relation was found in {documents} ({undated})"
    name, before = found
    shown, left = _shown_filter(name, options), counted(before, "relation")
    reason = f"no relation is left: {shown} removed all {left} left"
    if name == "--since/--until" and summary.undated:
        return (
            f"{reason}; {undated}, and a date window drops evidence without a date "
            "(--keep-undated keeps it)"
        )
    return f"{reason} ({undated})"


def _shown_filter(name: str, options: ViewOptions) -> str:
    """A filter as the command line gives it: ``--since 2024-01-01``."""
    values = {
        "--types": ",".join(options.types or ()),
        "--relations": ",".join(options.relations or ()),
        "--min-confidence": f"{options.min_confidence:g}",
        "--min-count": str(options.min_count),
    }
    if name in values:
        return f"{name} {values[name]}"
    sides = [side for side in ("since", "until") if getattr(options, side)]
    return " ".join(f"--{side} {getattr(options, side)}" for side in sides)


def _why(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}"


_SOURCE_LINE = re.compile(r"(?P<file>.*):(?P<line>[0-9]+)")


def problem_record(problem: Problem) -> dict[str, Any]:
    """One problem as a line of ``problems.jsonl``: file, line (or null), record id (or
    null), kind, message.

    Examples
    --------
    >>> from graphbuild.model import Problem, ProblemKind
    >>> problem_record(Problem("news.csv:12", "empty text", ProblemKind.SKIPPED, "a-7"))
    {'file': 'news.csv', 'line': 12, 'record': 'a-7', 'kind': 'skipped', 'message': 'empty text'}
    """
    match = _SOURCE_LINE.fullmatch(problem.source)
    file, line = (match["file"], int(match["line"])) if match else (problem.source, None)
    return {
        "file": file,
        "line": line,
        "record": problem.record,
        "kind": problem.kind.value,
        "message": problem.reason,
    }


def _write_problems(path: Path, problems: list[Problem]) -> None:
    from .export.files import atomic_write

    with atomic_write(path, encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
        for problem in problems:
            handle.write(json.dumps(problem_record(problem), ensure_ascii=False) + "\n")


# -- evaluate --------------------------------------------------------------------------------


def evaluate(
    gold_path: PathArg,
    options: ExtractOptions | None = None,
    *,
    names: NameReading = "evidence",
    min_confidence: float = 0.0,
    thresholds: Iterable[float] = (),
    **loose: Any,
) -> Report:
    """Score extraction against the gold JSONL file at `gold_path`.

    The gold texts stream through ``nlp.pipe`` in batches of `BATCH_SIZE` in this process,
    through the relevance filter unless `use_filter` is False. A document whose extraction
    fails has no predictions (and a warning is logged). `names="canonical"` matches actors
    by their canonical names alone, not also by the words of the evidence; relations below
    `min_confidence` are left out, and `thresholds` scores at other values too
    (`graphbuild.scoring.score`).

    Returns
    -------
    scoring.Report
        Precision, recall and F1 at relation and pair level, per label and per rule; see
        `graphbuild.scoring`.
    """
    from . import scoring

    gold = scoring.load_gold(Path(gold_path))
    predictions = gold_predictions(gold, options, **loose)
    return scoring.score(
        gold, predictions, names=names, min_confidence=min_confidence, thresholds=thresholds
    )


def gold_predictions(
    gold: Iterable[GoldRecord], options: ExtractOptions | None = None, **loose: Any
) -> dict[str, list[Relation]]:
    """Record id -> the relations extracted from the text of each gold record (each record
    a `Document` with its id, text and date), for `graphbuild.scoring.score`."""
    options = _extract_options(options, loose)
    _check_environment(options)
    worker = Worker(options.worker_settings)
    documents = [Document(id=record.id, text=record.text, date=record.date) for record in gold]
    predictions: dict[str, list[Relation]] = {}
    for batch in _chunks(documents, BATCH_SIZE):
        results, _ = worker.run(batch)
        for result in results:
            if isinstance(result, Problem):
                log.warning("%s: %s", result.source, result.reason)
            else:
                predictions.setdefault(result.doc, []).extend(result.relations)
    return predictions


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
