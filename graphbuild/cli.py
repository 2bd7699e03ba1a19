"""The ``graphbuild`` command: each command parses its options and calls the library
function of the same name in `graphbuild.pipeline`.

Exit status: 0 on success; 1 when some inputs or documents failed (the rest is still
processed and written); 2 on a usage error (unknown format, label, type or level, a bad
date, a missing spaCy model, a cache path that holds something else); 3 when the outputs
could not be written (a read-only folder, a full disk: the run's problems are still
printed, and an output folder keeps the files it had); 4 when another build is writing to
the same ``--out`` (it holds ``OUT/.graphbuild.lock``): nothing was read or written.

Problems are printed on standard error, the first `config.PROBLEMS_SHOWN` of them, also
with ``--quiet`` (which hides the progress bar and the summary); ``build`` writes every
one of them to ``OUT/problems.jsonl``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from . import __version__, config, pipeline
from .export import FORMATS, describe_formats
from .export.csv import defuse_formula
from .export.files import atomic_write
from .ingest import STDIN, STDIN_FORMATS, StandardInput, one_line

METAVARS = {"str": "TEXT", "int": "N", "float": "NUMBER", "Path": "PATH", "list[Path]": "FILE"}
"""How `--help` names an option's value, by its Python type (typer 0.2x would show the
type itself: `<str>`, `<list[Path]>`)."""


class _PlainArgument(TyperArgument):
    """An argument shown by its metavar alone, in the usage line and in the help panel."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        return self.display_name_raw if self.required else f"[{self.display_name_raw}]"


def _plain(params: list[Any]) -> None:
    """Give each option without a metavar a plain one (`METAVARS`), a flag none, and show
    arguments by their metavar as written."""
    for param in params:
        if isinstance(param, TyperArgument):
            param.__class__ = _PlainArgument
        elif isinstance(param, TyperOption) and param.metavar is None:
            if not hasattr(param, "bare_type"):
                continue  # a typer before 0.2x: click's own metavars, already plain
            plain = "" if param.is_flag else METAVARS.get(param.bare_type())
            param.metavar = plain if plain is not None else param.bare_type().upper()


class PlainHelpCommand(TyperCommand):
    """A command whose `--help` shows plain metavars: ``PATH``, ``N``, nothing for a flag.

    Typer shows each parameter's Python type (`<bool>` beside a flag, `<list[Path]>`,
    ``{INPUT...}...`` in the usage line); see `_plain`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        _plain([option] if option is not None else [])
        return option


class PlainHelpGroup(TyperGroup):
    """The command group, with the plain metavars of `PlainHelpCommand`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        _plain([option] if option is not None else [])
        return option


app = typer.Typer(
    name="graphbuild",
    help="Turn news about diplomacy into a knowledge graph of actors and typed relations.",
    add_completion=False,
    no_args_is_help=True,
    cls=PlainHelpGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXTRACT_FORMATS = ("jsonl", "csv", "table")

# Options shared by several commands, stated once.
Inputs = Annotated[
    list[str], typer.Argument(metavar="INPUT...", help="Files, folders, or - for standard input.")
]
ModelOption = Annotated[str | None, typer.Option("--model", help="spaCy model package or path.")]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors", help="Extra actor dictionary CSV (name,aliases,country,role,start,end)."
    ),
]
WorkersOption = Annotated[int, typer.Option("--workers", "-w", help="Processes that parse.")]
EngineOption = Annotated[
    str, typer.Option("--engine", help="local, or dask (a Dask cluster; see --scheduler).")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster)."),
]
NoFilterOption = Annotated[
    bool,
    typer.Option("--no-filter", help="Parse every sentence, not only those about two actors."),
]
AllEntitiesOption = Annotated[
    bool,
    typer.Option(
        "--all-entities",
        help=(
            "Keep every organization and titled person spaCy finds (companies, clubs, "
            "executives), not only actors of diplomacy."
        ),
    ),
]
SinceOption = Annotated[str | None, typer.Option("--since", help="Keep evidence from this date.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Keep evidence up to this date.")]
KeepUndatedOption = Annotated[
    bool,
    typer.Option("--keep-undated", help="Keep evidence without a date under --since/--until."),
]
StdinFormatOption = Annotated[
    str,
    typer.Option(
        "--stdin-format",
        help="How to read - (standard input): "
        + ", ".join(STDIN_FORMATS)
        + " (auto: JSONL if it starts with a JSON object, CSV if with a header naming a "
        "text column, else one text article).",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress bar, no summary (problems are still shown)."),
]

_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"graphbuild {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn news about diplomacy into a knowledge graph of actors and typed relations.

    Inputs are .txt/.md files (an optional first line `date YYYY-MM-DD`), .jsonl and .csv
    files with a `text` column, folders of those, or `-` for standard input.
    """


# -- shared option handling ---------------------------------------------------------------


def _usage(error: Exception, param: str | None = None) -> typer.BadParameter:
    return typer.BadParameter(str(error), param_hint=param)


def _missing_model(error: Exception) -> typer.Exit:
    _err.print(f"graphbuild: {error}", markup=False)
    return typer.Exit(2)


@contextmanager
def _usage_errors() -> Iterator[None]:
    """Turn the library's usage errors (bad option, missing model) into exit status 2."""
    from .nlp import ModelNotFoundError

    try:
        yield
    except pipeline.UsageError as error:
        raise _usage(error) from None
    except ModelNotFoundError as error:
        raise _missing_model(error) from None


EXIT_PROBLEMS = 1
"""Some inputs or documents failed; the rest was processed and written."""
EXIT_USAGE = 2
"""A usage error: nothing was read or written."""
EXIT_UNWRITTEN = 3
"""The outputs could not be written."""
EXIT_LOCKED = 4
"""Another build is writing to the same output folder: nothing was read or written."""


def _report_problems(summary: Any, listed: Path | None = None) -> None:
    """The first problems on standard error (whatever --quiet says), and where all are."""
    problems = summary.problems
    if not problems:
        return
    shown = problems[: config.PROBLEMS_SHOWN]
    _err.print(f"{len(problems)} problem(s); {summary.skipped} input(s) skipped:", markup=False)
    for problem in shown:
        _err.print(f"  {one_line(problem.source)}: {one_line(problem.reason)}", markup=False)
    rest = len(problems) - len(shown)
    if listed is not None:
        more = f"  ... and {rest} more; all are" if rest else "  all are"
        _err.print(f"{more} in {listed}", markup=False)
    elif rest:
        _err.print(
            f"  ... and {rest} more (build writes them all to problems.jsonl)", markup=False
        )


def _cannot_write(message: str) -> typer.Exit:
    _err.print(f"graphbuild: {message}", markup=False)
    return typer.Exit(EXIT_UNWRITTEN)


def _cache_option(cache: Path | None, no_cache: bool, default: Any) -> Any:
    if cache is not None and no_cache:
        raise typer.BadParameter("give --cache or --no-cache, not both", param_hint="--cache")
    if no_cache:
        return False
    return cache if cache is not None else default


def _exit_status(summary: Any) -> None:
    if summary.problems:
        raise typer.Exit(EXIT_PROBLEMS)


# -- build --------------------------------------------------------------------------------

BUILD_EPILOG = (
    """\
Examples:

  graphbuild build examples/articles --out out/

  graphbuild build news.jsonl --out out/ --format html,graphml,gexf --level country
  --since 2024-01-01 --relations consult,agree --min-count 2 --workers 2
"""
    + "\nFormats:\n\n"
    + "\n\n".join(f"  {line}" for line in describe_formats())
)


TitleOption = Annotated[
    str, typer.Option("--title", help="Title of the HTML map (page title and heading).")
]
PeriodOption = Annotated[
    str,
    typer.Option(
        "--period", help="What dyads.csv counts evidence by: " + ", ".join(config.PERIODS) + "."
    ),
]
UserCacheOption = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        help=(
            "Extraction cache file (default: one in the user's cache folder, shared by "
            "every build; GRAPHBUILD_CACHE_DIR moves it)."
        ),
    ),
]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write a cache.")]
LevelOption = Annotated[
    str,
    typer.Option(
        "--level", help="actor, or country (leaders folded into whom they serve, see README)."
    ),
]


@app.command(epilog=BUILD_EPILOG, cls=PlainHelpCommand)
def build(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if missing).")],
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Comma-separated: " + ", ".join(FORMATS) + " (see Formats below).",
        ),
    ] = ",".join(config.DEFAULT_FORMATS),
    title: TitleOption = config.DEFAULT_TITLE,
    period: PeriodOption = config.DEFAULT_PERIOD,
    model: ModelOption = None,
    actors: ActorsOption = None,
    level: LevelOption = "actor",
    since: SinceOption = None,
    until: UntilOption = None,
    keep_undated: KeepUndatedOption = False,
    min_count: Annotated[
        int, typer.Option("--min-count", help="Keep edges seen at least N times.")
    ] = 1,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            help="Keep evidence of at least this confidence, 0..1 (0 keeps all).",
        ),
    ] = config.DEFAULT_MIN_CONFIDENCE,
    relations: Annotated[
        str | None,
        typer.Option("--relations", help="Keep only these relation labels (comma-separated)."),
    ] = None,
    types: Annotated[
        str | None,
        typer.Option(
            "--types",
            help="Keep only these actor types: country, leader, organization, initiative.",
        ),
    ] = None,
    workers: WorkersOption = 1,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    cache: UserCacheOption = None,
    no_cache: NoCacheOption = False,
    no_filter: NoFilterOption = False,
    all_entities: AllEntitiesOption = False,
    stdin_format: StdinFormatOption = "auto",
    quiet: QuietOption = False,
) -> None:
    """Build the knowledge graph of INPUT... and write it to --out."""
    with _usage_errors():
        options = pipeline.BuildOptions(
            extract=_extract_options(
                model, actors, workers, engine, scheduler, no_filter, all_entities
            ),
            view=_view_options(
                level, (since, until, keep_undated), min_count, relations, types, min_confidence
            ),
            export=config.ExportOptions(
                formats=config.split_names(formats) or (), title=title, period=period
            ),
        )
        inputs = _inputs(inputs, stdin_format)
        cached = _cache_option(cache, no_cache, True)
        result = _build_or_exit(inputs, out, options, cached, quiet=quiet)
    for name in sorted(result.paths):
        typer.echo(str(result.paths[name]))
    if not quiet:
        typer.echo(result.summary_line + _skipped(result.summary))
        for line in _graph_summary(result.graph_summary):
            typer.echo(line)
    if result.empty_reason:  # never silent about an empty graph, also with --quiet
        _err.print(f"graphbuild: {result.empty_reason}", markup=False)
    _report_problems(result.summary, result.problems_path)
    _exit_status(result.summary)


def _inputs(inputs: list[str], stdin_format: str) -> list[Any]:
    """The inputs, ``-`` read in the format --stdin-format gives."""
    try:
        stdin = StandardInput(stdin_format.strip().lower())
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--stdin-format") from None
    return [stdin if given == STDIN else given for given in inputs]


def _build_or_exit(
    inputs: list[Any], out: Path, options: Any, cache: Any, *, quiet: bool
) -> pipeline.BuildResult:
    """`pipeline.build`; when its files cannot be written, the summary, the problems and
    one line saying so, then exit 3."""
    try:
        return pipeline.build(inputs, out, options, cache=cache, progress=False if quiet else None)
    except pipeline.OutputLocked as error:
        _err.print(f"graphbuild: {error}", markup=False)
        raise typer.Exit(EXIT_LOCKED) from None
    except pipeline.OutputError as error:
        if not quiet:
            typer.echo(error.result.summary_line + _skipped(error.result.summary))
        _report_problems(error.result.summary)
        raise _cannot_write(str(error)) from None


def _view_options(
    level: str,
    window: tuple[str | None, str | None, bool],
    min_count: int,
    relations: str | None,
    types: str | None,
    min_confidence: float,
) -> config.ViewOptions:
    since, until, keep_undated = window
    return config.ViewOptions(
        level=level,
        since=since,
        until=until,
        keep_undated=keep_undated,
        min_count=min_count,
        relations=config.split_names(relations),
        types=config.split_names(types),
        min_confidence=min_confidence,
    )


def _extract_options(
    model: str | None,
    actors: list[Path] | None,
    workers: int,
    engine: str,
    scheduler: str | None,
    no_filter: bool,
    all_entities: bool,
) -> config.ExtractOptions:
    return config.ExtractOptions(
        model=model,
        actors=tuple(str(path) for path in actors or ()),
        use_filter=not no_filter,
        actors_of_diplomacy_only=not all_entities,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
    )


def _skipped(summary: Any) -> str:
    if not summary.problems:
        return ""
    return f" ({summary.skipped} skipped, {len(summary.problems)} problems: see below)"


def _graph_summary(summary: dict[str, Any]) -> list[str]:
    lines = []
    central = summary.get("central_actors") or []
    if central:
        lines.append("most central: " + ", ".join(a["label"] for a in central))
    communities = summary.get("largest_communities") or []
    if communities:
        parts = [f"{c['size']} ({', '.join(c['members'][:3])})" for c in communities[:3]]
        lines.append("largest communities: " + "; ".join(parts))
    return lines


# -- extract ------------------------------------------------------------------------------

EXTRACT_EPILOG = """\
Examples:

  graphbuild extract examples/articles > relations.jsonl

  echo "Wang Yi met Sergei Lavrov in Beijing." | graphbuild extract - --format table
"""

CSV_COLUMNS = (
    "doc",
    "date",
    "subject_id",
    "subject_name",
    "subject_type",
    "subject_country",
    "relation",
    "object_id",
    "object_name",
    "object_type",
    "object_country",
    "negated",
    "rule",
    "confidence",
    "role",
    "start",
    "end",
    "sentence",
)


@app.command(epilog=EXTRACT_EPILOG, cls=PlainHelpCommand)
def extract(
    inputs: Inputs,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (one object per relation), csv or table.")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    workers: WorkersOption = 1,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    cache: Annotated[Path | None, typer.Option("--cache", help="Extraction cache file.")] = None,
    no_filter: NoFilterOption = False,
    all_entities: AllEntitiesOption = False,
    stdin_format: StdinFormatOption = "auto",
    quiet: QuietOption = False,
) -> None:
    """Extract the relations of INPUT..., negated ones included, one per line."""
    fmt = output_format.strip().lower()
    if fmt not in EXTRACT_FORMATS:
        raise typer.BadParameter(
            f"unknown format {output_format!r}; choose from: {', '.join(EXTRACT_FORMATS)}",
            param_hint="--format",
        )
    with _usage_errors():
        run = pipeline.extract(
            _inputs(inputs, stdin_format),
            _extract_options(model, actors, workers, engine, scheduler, no_filter, all_entities),
            cache=cache,
            progress=False if quiet else None,
        )
    records = (
        pipeline.relation_record(relation)
        for extraction in run
        for relation in extraction.relations
    )
    unwritten = None
    try:
        if fmt == "table":
            _print_table(records, output)
        else:
            _write_records(records, fmt, output)
    except OSError as error:  # a read-only folder, a full disk
        run.close()
        where = output if output is not None else "standard output"
        unwritten = f"cannot write {where}: {error.strerror or error}"
    if not quiet:
        _err.print(
            f"{pipeline.counted(run.summary.documents, 'document')}, "
            f"{pipeline.counted(run.summary.relations, 'relation')}"
            f"{_skipped(run.summary)}",
            markup=False,
        )
    _report_problems(run.summary)
    if unwritten is not None:
        raise _cannot_write(unwritten)
    _exit_status(run.summary)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row; a text a spreadsheet would run as a formula gets a leading apostrophe."""
    row = {key: record.get(key) for key in CSV_COLUMNS if key in record}
    row["relation"] = record["relation"]
    for side in ("subject", "object"):
        for key, value in record[side].items():
            row[f"{side}_{key}"] = value
    return {key: defuse_formula(v) if isinstance(v, str) else v for key, v in row.items()}


def _write_records(records: Any, fmt: str, output: Path | None) -> None:
    """Write the records to `output` atomically (a failed write keeps the old file), or
    to standard output."""
    if output is None:
        _write_to(sys.stdout, records, fmt)
        sys.stdout.flush()
        return
    with atomic_write(output, encoding="utf-8", newline="") as handle:
        _write_to(handle, records, fmt)


def _write_to(handle: Any, records: Any, fmt: str) -> None:
    if fmt == "jsonl":
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        writer = csv.DictWriter(
            handle, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for record in records:
            writer.writerow(_flat(record))


def _print_table(records: Any, output: Path | None) -> None:
    table = Table(show_lines=False)
    for column in ("doc", "subject", "relation", "object"):
        table.add_column(column, overflow="fold", max_width=20)
    table.add_column("neg.", no_wrap=True)
    table.add_column("conf.", no_wrap=True)
    table.add_column("sentence", overflow="fold", ratio=1, min_width=20)
    for record in records:
        table.add_row(
            record["doc"],
            record["subject"]["name"],
            record["relation"],
            record["object"]["name"],
            "yes" if record["negated"] else "",
            f"{record['confidence']:.2f}",
            record["sentence"].strip(),
        )
    if output:
        buffer = io.StringIO()
        Console(file=buffer, width=160, highlight=False).print(table)
        with atomic_write(output, encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
    else:
        console = Console(highlight=False)
        if not console.is_terminal:
            console = Console(highlight=False, width=160)  # piped: no terminal to fit
        console.print(table)


# -- evaluate -----------------------------------------------------------------------------

EVALUATE_EPILOG = """\
Examples:

  graphbuild evaluate ../shared/eval/dev.jsonl

  graphbuild evaluate gold.jsonl --json --no-filter > scores.json

  graphbuild evaluate gold.jsonl --canonical-names --by-rule --thresholds 0,0.5,0.6,0.7
"""


@app.command(epilog=EVALUATE_EPILOG, cls=PlainHelpCommand)
def evaluate(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD.jsonl",
            exists=True,
            dir_okay=False,
            readable=True,
            help="Gold relations, one record a line.",
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the full report as JSON.")
    ] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
    no_filter: NoFilterOption = False,
    all_entities: AllEntitiesOption = False,
    canonical_names: Annotated[
        bool,
        typer.Option(
            "--canonical-names",
            help=(
                "Match predicted actors by their canonical names only, not also by the "
                "words the evidence sentence names them with."
            ),
        ),
    ] = False,
    by_rule: Annotated[
        bool,
        typer.Option("--by-rule", help="Also print precision per extraction rule and label."),
    ] = False,
    min_confidence: Annotated[
        float,
        typer.Option("--min-confidence", help="Score only relations of this confidence or more."),
    ] = 0.0,
    thresholds: Annotated[
        str | None,
        typer.Option(
            "--thresholds",
            help="Also print precision and recall at these confidences (comma-separated).",
        ),
    ] = None,
) -> None:
    """Score extraction against the gold file GOLD.jsonl: precision, recall, F1."""
    levels = _thresholds(thresholds)
    try:
        with _usage_errors():
            report = pipeline.evaluate(
                gold,
                config.ExtractOptions(
                    model=model,
                    actors=tuple(str(path) for path in actors or ()),
                    use_filter=not no_filter,
                    actors_of_diplomacy_only=not all_entities,
                ),
                names="canonical" if canonical_names else "evidence",
                min_confidence=min_confidence,
                thresholds=levels,
            )
    except ValueError as error:  # a malformed gold file
        raise typer.BadParameter(str(error), param_hint="GOLD.jsonl") from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(report.format_table())
    if by_rule:
        typer.echo("\n" + report.format_rules_table())
    if levels:
        typer.echo("\n" + report.format_thresholds_table())


def _thresholds(given: str | None) -> tuple[float, ...]:
    try:
        levels = tuple(float(item) for item in config.split_names(given) or ())
    except ValueError:
        raise typer.BadParameter(
            f"{given!r} is not a comma-separated list of numbers", param_hint="--thresholds"
        ) from None
    if any(not 0 <= level <= 1 for level in levels):
        raise typer.BadParameter("thresholds go from 0 to 1", param_hint="--thresholds")
    return levels


if __name__ == "__main__":  # pragma: no cover
    app()
