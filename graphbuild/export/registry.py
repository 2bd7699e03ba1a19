"""The export formats by name, and `write_formats`, which writes several at once.

Each format is one module with a standalone `write_<fmt>(G, path)` and a
`write_prepared(prepared, folder)` that writes its `FILES` from a `PreparedGraph`
holding the `NEEDS` it declares. `FORMATS` lists them: adding a format is one module
and one line there. `write_formats` prepares the union of what the requested formats
need (sanitising and the layout are the slow parts, so each is done once, and only
when a requested format reads it), then runs each writer on the same prepared graph,
into a staging folder whose files are renamed into place together (`files.output_set`).
The CLI's `--format` help comes from `describe_formats`, so it lists what is here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from . import csv, dyads, gexf, graphml, html, json
from .files import output_set
from .prepare import PreparedGraph, prepare


@dataclass(frozen=True)
class Format:
    """One export format: what it is called, what it writes and how."""

    name: str
    """What `--format` and `write_formats` call it."""
    write: Callable[..., Path]
    """`write(prepared, folder, **options)`: writes `files` into `folder`, returns the first."""
    files: tuple[str, ...]
    """The files it writes into the output folder; the first is the one reported."""
    needs: tuple[str, ...]
    """The parts of the `PreparedGraph` it reads (see `prepare.PARTS`)."""
    description: str
    """One line for the CLI's help."""


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format(
            "html",
            html.write_prepared,
            html.FILES,
            html.NEEDS,
            "one self-contained interactive map",
        ),
        Format(
            "graphml",
            graphml.write_prepared,
            graphml.FILES,
            graphml.NEEDS,
            "for Gephi, yEd, igraph and networkx, with the map's colours and positions",
        ),
        Format(
            "gexf",
            gexf.write_prepared,
            gexf.FILES,
            gexf.NEEDS,
            "for Gephi, with the map's styling and a timeline of the relations",
        ),
        Format(
            "json",
            json.write_prepared,
            json.FILES,
            json.NEEDS,
            "node-link JSON with every evidence sentence, for d3 and scripts",
        ),
        Format(
            "csv",
            csv.write_prepared,
            csv.FILES,
            csv.NEEDS,
            "two tables for Gephi's spreadsheet import and for Excel",
        ),
        Format(
            "dyads",
            dyads.write_prepared,
            dyads.FILES,
            dyads.NEEDS,
            "evidence per actor pair, period (--period) and quad class: counts, intensity",
        ),
    )
}
"""Format name -> `Format`, in the order the help lists them."""


def available_formats() -> list[str]:
    """The format names `write_formats` accepts, sorted.

    Examples
    --------
    >>> available_formats()
    ['csv', 'dyads', 'gexf', 'graphml', 'html', 'json']
    """
    return sorted(FORMATS)


def describe_formats() -> list[str]:
    """One line per format, ``name: description (files)``, for the CLI's `--format` help.

    Examples
    --------
    >>> describe_formats()[0]
    'html: one self-contained interactive map (graph.html)'
    >>> describe_formats()[-2]
    "csv: two tables for Gephi's spreadsheet import and for Excel (nodes.csv, edges.csv)"
    """
    return [f"{f.name}: {f.description} ({', '.join(f.files)})" for f in FORMATS.values()]


def requested_formats(formats: str | Iterable[str]) -> list[str]:
    """The format names asked for, lower-cased, stripped and without repeats.

    The one check of format names in the export package; `ValueError` names the valid
    ones.

    Examples
    --------
    >>> requested_formats(" JSON, csv,json")
    ['json', 'csv']
    >>> requested_formats(["pdf"])
    Traceback (most recent call last):
    ...
    ValueError: unknown export format 'pdf'; choose from: csv, dyads, gexf, graphml, html, json
    """
    if isinstance(formats, str):
        formats = formats.split(",")
    wanted: list[str] = []
    for name in formats:
        name = name.strip().lower()
        if name and name not in wanted:
            wanted.append(name)
    valid = available_formats()
    unknown = [name for name in wanted if name not in valid]
    if unknown:
        raise ValueError(
            f"unknown export format {', '.join(map(repr, unknown))}; "
            f"choose from: {', '.join(valid)}"
        )
    return wanted


def write_formats(
    G: nx.MultiDiGraph,
    out_dir: str | os.PathLike,
    formats: str | Iterable[str],
    *,
    html_options: Mapping[str, Any] | None = None,
    format_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Path]:
    """Write `G` in each requested format into `out_dir`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph to export; not modified.
    out_dir : str or path
        Output folder, created when missing.
    formats : str or iterable of str
        Format names (see `available_formats`), e.g. `["graphml", "csv"]` or
        `"graphml,csv"`; case and repeats do not matter.
    html_options : mapping, optional
        Keyword arguments for `write_html` (title, summary, ...).
    format_options : mapping, optional
        Format name -> keyword arguments of its writer (``{"dyads": {"period": "week"}}``);
        `html_options`, when given, are the ``html`` entry.

    Returns
    -------
    dict
        Format name -> file written (for "csv", nodes.csv; edges.csv is beside it).

    Raises
    ------
    ValueError
        For an unknown format, naming the valid ones; nothing is written then.
    OSError
        When a file cannot be written (a read-only folder, a full disk). The files are
        written into a staging folder first and renamed into `out_dir` together only when
        all of them succeeded (`files.output_set`), so `out_dir` then keeps its old files.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> written = write_formats(g, tempfile.mkdtemp(), ["json", "csv"])
    >>> sorted((name, path.name) for name, path in written.items())
    [('csv', 'nodes.csv'), ('json', 'graph.json')]
    >>> write_formats(g, tempfile.mkdtemp(), ["pdf"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown export format 'pdf'; choose from: csv, dyads, gexf, graphml, ...json
    """
    chosen = [FORMATS[name] for name in requested_formats(formats)]
    folder = Path(out_dir)
    prepared: PreparedGraph = prepare(G, {part for fmt in chosen for part in fmt.needs})
    options = {name: dict(given) for name, given in (format_options or {}).items()}
    if html_options is not None:
        options["html"] = dict(html_options)
    with output_set(folder) as staging:
        written = {
            fmt.name: fmt.write(prepared, staging, **options.get(fmt.name, {})) for fmt in chosen
        }
    return {name: folder / path.name for name, path in written.items()}
