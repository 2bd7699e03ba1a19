"""Write a graph to files: one module per format, `write_<fmt>(G, path)` in each.

`write_formats` writes several formats into one folder, sanitising the graph and
computing the shared layout once. Every writer sanitises through
`sanitize.sanitize_graph` and writes through `files.atomic_write`, so a failed export
never leaves an empty or half-written file.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from .csv import write_clean_csv, write_csv
from .gexf import edge_dates, write_clean_gexf, write_gexf
from .graphml import write_clean_graphml, write_graphml
from .json import write_json
from .sanitize import sanitize_graph
from .style import layout_positions, node_styles

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

_FLAT = ("graphml", "gexf", "csv")


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
    # Sanitising and the layout (about a second for 10,000 nodes) are the slow parts:
    # do each once for all the formats that need them.
    clean = sanitize_graph(G) if any(f in _FLAT for f in wanted) else None
    styles = None
    positions = None
    if any(f in ("graphml", "gexf", "html") for f in wanted):
        # one layout for the map and for Gephi, so an actor sits in the same place in both
        positions = layout_positions(G)
    if clean is not None and any(f in ("graphml", "gexf") for f in wanted):
        styles = node_styles(G, clean, positions)
    written: dict[str, Path] = {}
    for name in wanted:
        target = folder / FILE_NAMES[name]
        if name == "graphml":
            assert clean is not None and styles is not None
            written[name] = write_clean_graphml(clean, target, styles)
        elif name == "gexf":
            assert clean is not None and styles is not None
            written[name] = write_clean_gexf(clean, target, styles, edge_dates(G))
        elif name == "csv":
            assert clean is not None
            written[name] = write_clean_csv(clean, folder)[0]
        elif name == "html":
            # --- html slot: export/html.py (another module's owner) provides
            # write_html(G, path, **kw); imported lazily so the other formats never
            # depend on it.
            from .html import write_html

            options = {"positions": positions, **dict(html_options or {})}
            written[name] = write_html(G, target, **options)
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
