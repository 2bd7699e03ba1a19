"""Node-link JSON: the full graph, evidence and all, for d3 and other scripts.

The layout is networkx's `node_link_data` with the edge list under `"links"`, as d3's
force layout expects: `{"directed", "multigraph", "graph", "nodes": [{"id", ...}],
"links": [{"source", "target", "key", ...}]}`. Read it back with
`networkx.node_link_graph(data, edges="links")`.

Unlike the flat formats, lists stay lists and every evidence record is kept in full;
values still go through `sanitize_graph` (no None, numpy or XML-forbidden characters,
one type per attribute), so the text matches the other exports exactly. Keys are
sorted and nodes and links come in sorted order: the same graph gives the same bytes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

from .files import atomic_write
from .prepare import PreparedGraph, need, prepare

FILES = ("graph.json",)
"""What `write_formats` calls the file in its output folder."""
NEEDS = ("full",)
"""The parts of a `PreparedGraph` this writer reads."""


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write `G` as UTF-8 node-link JSON with full evidence lists.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from `build_graph` (or a view of it); not modified.
    path : str or path
        Where to write; replaced atomically.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="consult", evidence=[{"doc": "x.txt", "date": None}])
    'consult'
    >>> out = write_json(g, pathlib.Path(tempfile.mkdtemp()) / "g.json")
    >>> data = json.loads(out.read_text("utf-8"))
    >>> data["links"][0]["source"], data["links"][0]["evidence"]
    ('a', [{'date': None, 'doc': 'x.txt'}])
    """
    return write_clean_json(need(prepare(G, NEEDS).full, "full"), path)


def write_prepared(prepared: PreparedGraph, folder: str | os.PathLike) -> Path:
    """Write `folder/graph.json` from a graph prepared with `NEEDS` (see `write_json`)."""
    return write_clean_json(need(prepared.full, "full"), Path(folder) / FILES[0])


def write_clean_json(full: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write a graph already sanitised with ``flat=False`` (see `write_json`)."""
    data = nx.node_link_data(full, edges="links")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text + "\n")
    return Path(path)
