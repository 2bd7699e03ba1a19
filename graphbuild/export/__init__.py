"""Write a graph to files: one module per format, `write_<fmt>(G, path)` in each.

`write_formats` writes several formats into one folder, computing the shared layout
once. Every writer sanitises through `sanitize.sanitize_graph` and writes through
`files.atomic_write`, so a failed export never leaves an empty or half-written file.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from .csv import write_csv
from .gexf import write_gexf
from .graphml import write_graphml
from .json import write_json
from .style import layout_positions

WRITERS: dict[str, Callable[..., Any]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "csv": write_csv,
}
"""Format name -> writer. "html" is added by `write_formats` when `export/html.py` exists."""

FILE_NAMES: dict[str, str] = {
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "json": "graph.json",
    "csv": "nodes.csv",  # edges.csv is written beside it
    "html": "graph.html",
}
"""What each format is called inside the output folder."""

_POSITIONED = ("graphml", "gexf")


def _html_available() -> bool:
    # Look for the module without importing it, so a genuine error inside html.py
    # surfaces when html is asked for instead of being mistaken for "not there".
    return importlib.util.find_spec(f"{__name__}.html") is not None


def available_formats() -> list[str]:
    """The format names `write_formats` accepts, sorted.

    Examples
    --------
    >>> {"csv", "gexf", "graphml", "json"} <= set(available_formats())
    True
    """
    names = set(WRITERS)
    if _html_available():
        names.add("html")
    return sorted(names)


def _requested(formats: str | Iterable[str]) -> list[str]:
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

    Returns
    -------
    dict
        Format name -> file written (for "csv", nodes.csv; edges.csv is beside it).

    Raises
    ------
    ValueError
        For an unknown format, naming the valid ones; nothing is written then.

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
    ValueError: unknown export format 'pdf'; choose from: csv, gexf, graphml, ...json
    """
    wanted = _requested(formats)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    # The layout is the slow part (about a second for 10,000 nodes): compute it once
    # for every format that carries positions.
    positions = layout_positions(G) if any(f in _POSITIONED for f in wanted) else None
    written: dict[str, Path] = {}
    for name in wanted:
        target = folder / FILE_NAMES[name]
        if name == "csv":
            written[name] = write_csv(G, folder)[0]
        elif name in _POSITIONED:
            written[name] = WRITERS[name](G, target, positions=positions)
        elif name == "html":
            # --- html slot: export/html.py (another module's owner) provides
            # write_html(G, path, **kw); imported lazily so the other formats never
            # depend on it.
            from .html import write_html

            written[name] = write_html(G, target, **dict(html_options or {}))
        else:
            written[name] = WRITERS[name](G, target)
    return written


__all__ = [
    "FILE_NAMES",
    "WRITERS",
    "available_formats",
    "write_csv",
    "write_formats",
    "write_gexf",
    "write_graphml",
    "write_json",
]
