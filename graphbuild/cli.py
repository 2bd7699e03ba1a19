"""The ``graphbuild`` command: each command parses its options and calls the library
function of the same name in `graphbuild.pipeline`.

Exit status: 0 on success; 1 when some inputs or documents failed (the rest is still
processed and written); 2 on a usage error (unknown format, label, type or level, a bad
date, a missing spaCy model).
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

from . import __version__, config, pipeline
from .export import FORMATS, describe_formats

app = typer.Typer(
    name="graphbuild",
    help="Turn news about diplomacy into a knowledge graph of actors and typed relations.",
    add_completion=False,
    no_args_is_help=True,
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
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary.")]

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


def _report_problems(summary: Any, quiet: bool) -> None:
    if quiet or not summary.problems:
        return
    shown = summary.problems[:20]
    _err.print(
        f"{len(summary.problems)} problem(s); {summary.skipped} input(s) skipped:", markup=False
    )
    for problem in shown:
        _err.print(f"  {problem.source}: {problem.reason}", markup=False)
    if len(summary.problems) > len(shown):
        _err.print(f"  ... and {len(summary.problems) - len(shown)} more", markup=False)


def _cache_option(cache: Path | None, no_cache: bool, default: Any) -> Any:
    if cache is not None and no_cache:
        raise typer.BadParameter("give --cache or --no-cache, not both", param_hint="--cache")
    if no_cache:
        return False
    return cache if cache is not None else default


def _exit_status(summary: Any) -> None:
    if summary.problems:
        raise typer.Exit(1)


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


@app.command(epilog=BUILD_EPILOG)
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
    model: ModelOption = None,
    actors: ActorsOption = None,
    level: Annotated[
        str, typer.Option("--level", help="actor, or country (roll leaders up).")
    ] = "actor",
    since: Annotated[
        str | None, typer.Option("--since", help="Keep evidence from this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Keep evidence up to this date.")
    ] = None,
    min_count: Annotated[
        int, typer.Option("--min-count", help="Keep edges seen at least N times.")
    ] = 1,
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
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Extraction cache file (default: OUT/cache.sqlite)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write a cache.")
    ] = False,
    no_filter: NoFilterOption = False,
    all_entities: AllEntitiesOption = False,
    quiet: QuietOption = False,
) -> None:
    """Build the knowledge graph of INPUT... and write it to --out."""
    with _usage_errors():
        options = pipeline.BuildOptions(
            extract=_extract_options(
                model, actors, workers, engine, scheduler, no_filter, all_entities
            ),
            view=config.ViewOptions(
                level=level,
                since=since,
                until=until,
                min_count=min_count,
                relations=config.split_names(relations),
                types=config.split_names(types),
            ),
            export=config.ExportOptions(formats=config.split_names(formats) or ()),
        )
        result = pipeline.build(
            inputs,
            out,
            options,
            cache=_cache_option(cache, no_cache, True),
            progress=False if quiet else None,
        )
    for name in sorted(result.paths):
        typer.echo(str(result.paths[name]))
    if not quiet:
        typer.echo(result.summary_line + _skipped(result.summary))
        for line in _graph_summary(result.graph_summary):
            typer.echo(line)
    _report_problems(result.summary, quiet)
    _exit_status(result.summary)


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
    "role",
    "start",
    "end",
    "sentence",
)


@app.command(epilog=EXTRACT_EPILOG)
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
            inputs,
            _extract_options(model, actors, workers, engine, scheduler, no_filter, all_entities),
            cache=cache,
            progress=False if quiet else None,
        )
    records = (
        pipeline.relation_record(relation)
        for extraction in run
        for relation in extraction.relations
    )
    if fmt == "table":
        _print_table(records, output)
    else:
        _write_records(records, fmt, output)
    if not quiet:
        _err.print(
            f"{run.summary.documents} documents, {run.summary.relations} relations"
            f"{_skipped(run.summary)}",
            markup=False,
        )
    _report_problems(run.summary, quiet)
    _exit_status(run.summary)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    row = {key: record.get(key) for key in CSV_COLUMNS if key in record}
    row["relation"] = record["relation"]
    for side in ("subject", "object"):
        for key, value in record[side].items():
            row[f"{side}_{key}"] = value
    return row


def _write_records(records: Any, fmt: str, output: Path | None) -> None:
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
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
    finally:
        if output:
            handle.close()
        else:
            handle.flush()


def _print_table(records: Any, output: Path | None) -> None:
    table = Table(show_lines=False)
    for column in ("doc", "subject", "relation", "object"):
        table.add_column(column, overflow="fold", max_width=20)
    table.add_column("neg.", no_wrap=True)
    table.add_column("sentence", overflow="fold", ratio=1, min_width=20)
    for record in records:
        table.add_row(
            record["doc"],
            record["subject"]["name"],
            record["relation"],
            record["object"]["name"],
            "yes" if record["negated"] else "",
            record["sentence"].strip(),
        )
    if output:
        buffer = io.StringIO()
        Console(file=buffer, width=160, highlight=False).print(table)
        output.write_text(buffer.getvalue(), encoding="utf-8")
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
"""


@app.command(epilog=EVALUATE_EPILOG)
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
) -> None:
    """Score extraction against the gold file GOLD.jsonl: precision, recall, F1."""
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
            )
    except ValueError as error:  # a malformed gold file
        raise typer.BadParameter(str(error), param_hint="GOLD.jsonl") from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(report.format_table())


if __name__ == "__main__":  # pragma: no cover
    app()
