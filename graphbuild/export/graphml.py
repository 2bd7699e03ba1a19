"""GraphML for Gephi, yEd, igraph and networkx.

Gephi reads a few GraphML keys as built-in properties rather than columns: for nodes
`label`, `size`, `x`, `y` and integer `r`, `g`, `b`; for edges `label`, `weight` and
`r`, `g`, `b`. They are written here with the colours, sizes and positions of the HTML
map (`export/style.py`), so an actor looks the same in the browser and in Gephi.

The file is streamed as text rather than written by `networkx.write_graphml`, which
avoids its pitfalls:

* Key ids: networkx's default `d0, d1, ...` collide with yEd's conventions that Gephi
  honours (key `d3` is read as the node label, `d7` as the edge label). Its
  `named_key_ids=True` fixes that but gives a node key and an edge key of the same name
  the same id, which the GraphML schema forbids and networkx's own reader then
  confuses. Here key ids are the attribute names, and a name used by nodes and edges
  alike gets a scoped id for the edges (`edge_label`); Gephi matches it by `attr.name`.
* Edge ids: a MultiDiGraph's edge keys (relation labels) repeat across node pairs and
  Gephi drops edges with a repeated id; every edge gets its own id, `e0`, `e1`, ... in
  sorted (source, target, relation) order, the same ids as the GEXF and CSV exports.
* Values: None, lists, numpy types and control characters go through `sanitize_graph`;
  ints are declared `int` (or `long` beyond 32 bits), floats `double`.
* Output does not depend on whether lxml is installed, is the same bytes for the same
  graph, and is about three times faster than building an ElementTree.
* The text goes to a temporary file renamed into place, so a failure leaves no empty
  or partial file.

Gephi's importer (0.10.1, the Open dialog's defaults) merges edges of the same source,
target and *type*, and reads an edge's type from a `label` attribute of the `<edge>`
element, which is what Gephi's own GraphML exporter writes; so each `<edge>` carries
`label="<relation>"` (beside the `label` data key that yEd and networkx read), and two
relations between the same actors stay two edges. GraphML's schema has no such
attribute, but readers ignore attributes they do not know (networkx, igraph, yEd).

No graph-level `<data>` is written: Gephi ignores it with a warning on every open
("Graph attributes 'documents' ignored"). The number of documents is in the JSON
export's graph attributes and the GEXF's description.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .files import atomic_write
from .prepare import PreparedGraph, need, prepare
from .sanitize import MAX_TEXT, value_text, xml_attr, xml_text
from .style import NodeStyle, edge_label, edge_rgb, edge_weight

FILES = ("graph.graphml",)
"""What `write_formats` calls the file in its output folder."""
NEEDS = ("flat", "styles")
"""The parts of a `PreparedGraph` this writer reads."""

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

_INT32 = range(-(2**31), 2**31)

NODE_PROPERTIES = {
    "label": str,
    "size": float,
    "x": float,
    "y": float,
    "r": int,
    "g": int,
    "b": int,
}
"""Node keys Gephi reads as built-in properties, and their types."""
EDGE_PROPERTIES = {"label": str, "weight": float, "r": int, "g": int, "b": int}
"""Edge keys Gephi reads as built-in properties, and their types."""


def _node_data(node: str, attrs: dict, style: NodeStyle) -> dict:
    label = attrs.get("label")
    r, g, b = style.rgb
    data = {
        "label": label if isinstance(label, str) else node,
        "size": style.size,
        "x": style.x,
        "y": style.y,
        "r": r,
        "g": g,
        "b": b,
    }
    data.update((k, v) for k, v in attrs.items() if k not in data)
    return data


def _edge_data(key: str, attrs: dict) -> dict:
    r, g, b = edge_rgb(attrs)
    data = {"label": edge_label(key, attrs), "weight": edge_weight(attrs), "r": r, "g": g, "b": b}
    data.update((k, v) for k, v in attrs.items() if k not in data)
    return data


def _graphml_type(values: Iterable[object]) -> str:
    values = list(values)
    first = values[0]
    if isinstance(first, bool):
        return "boolean"
    if isinstance(first, int):
        return "int" if all(v in _INT32 for v in values) else "long"  # type: ignore[operator]
    if isinstance(first, float):
        return "double"
    return "string"


@dataclass(frozen=True)
class _Key:
    scope: str
    name: str
    id: str
    type: str


def _keys(scoped: dict[str, list[dict]]) -> dict[str, dict[str, _Key]]:
    """One key per (scope, attribute name); ids are names, made unique across scopes.

    Nodes keep their names first (Gephi matches node properties by id before name),
    then edges.
    """
    fixed = {"node": list(NODE_PROPERTIES), "edge": list(EDGE_PROPERTIES)}
    taken: set[str] = set()
    keys: dict[str, dict[str, _Key]] = {}
    for scope in ("node", "edge"):
        columns: dict[str, list] = {}
        for record in scoped.get(scope, []):
            for name, value in record.items():
                columns.setdefault(name, []).append(value)
        order = [n for n in fixed[scope] if n in columns]
        order += sorted(n for n in columns if n not in fixed[scope])
        keys[scope] = {}
        for name in order:
            values = columns[name]
            key_id, n = name, 1
            while key_id in taken:
                n += 1
                key_id = f"{scope}_{name}" if n == 2 else f"{scope}_{name}_{n}"
            taken.add(key_id)
            keys[scope][name] = _Key(scope, name, key_id, _graphml_type(values))
    return keys


def _data_lines(record: dict, keys: dict[str, _Key], indent: str) -> Iterator[str]:
    for name, value in record.items():
        key = keys[name]
        yield f'{indent}<data key="{xml_attr(key.id)}">{xml_text(value_text(value))}</data>\n'


def graphml_lines(clean: nx.MultiDiGraph, styles: dict[str, NodeStyle]) -> Iterator[str]:
    """The GraphML document for the sanitised graph `clean`, line by line."""
    nodes = [
        (node, _node_data(node, attrs, styles[node])) for node, attrs in clean.nodes(data=True)
    ]
    edges = [
        (f"e{i}", u, v, _edge_data(key, attrs))
        for i, (u, v, key, attrs) in enumerate(clean.edges(keys=True, data=True))
    ]
    keys = _keys({"node": [data for _, data in nodes], "edge": [data for *_, data in edges]})
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield (
        f'<graphml xmlns="{GRAPHML_NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">\n'
    )
    for scope in ("node", "edge"):
        for key in keys[scope].values():
            yield (
                f'  <key id="{xml_attr(key.id)}" for="{scope}" '
                f'attr.name="{xml_attr(key.name)}" attr.type="{key.type}" />\n'
            )
    yield '  <graph edgedefault="directed">\n'
    for node, data in nodes:
        yield f'    <node id="{xml_attr(node)}">\n'
        yield from _data_lines(data, keys["node"], "      ")
        yield "    </node>\n"
    for edge_id, u, v, data in edges:
        yield (
            f'    <edge id="{edge_id}" source="{xml_attr(u)}" target="{xml_attr(v)}" '
            f'label="{xml_attr(value_text(data["label"]))}">\n'
        )
        yield from _data_lines(data, keys["edge"], "      ")
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def write_clean_graphml(
    clean: nx.MultiDiGraph, path: str | os.PathLike, styles: dict[str, NodeStyle]
) -> Path:
    """Write an already sanitised graph with precomputed styles (see `write_graphml`)."""
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(graphml_lines(clean, styles))
    return Path(path)


def write_graphml(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    positions: dict | None = None,
    max_text: int | None = MAX_TEXT,
) -> Path:
    """Write `G` as GraphML that Gephi, yEd, igraph and networkx open as it is.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from `build_graph` (or a view of it); not modified.
    path : str or path
        Where to write; replaced atomically.
    positions : dict, optional
        `layout_positions(G)`, when the caller already has it (it takes about a second
        for 10,000 nodes).
    max_text : int or None
        Longest joined list or evidence JSON per value (see `sanitize`).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="consult", relation="consult", count=2, weight=2.0)
    'consult'
    >>> out = write_graphml(g, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
    >>> back = nx.read_graphml(out, force_multigraph=True)
    >>> [(u, v, d["label"], d["weight"]) for u, v, d in back.edges(data=True)]
    [('a', 'b', 'consult', 2.0)]
    """
    return _write(prepare(G, NEEDS, positions=positions, max_text=max_text), path)


def write_prepared(prepared: PreparedGraph, folder: str | os.PathLike) -> Path:
    """Write `folder/graph.graphml` from a graph prepared with `NEEDS` (see `write_graphml`).

    What `write_formats` calls, so the layout and the flat copy are shared with the
    other formats.
    """
    return _write(prepared, Path(folder) / FILES[0])


def _write(prepared: PreparedGraph, path: str | os.PathLike) -> Path:
    return write_clean_graphml(need(prepared.flat, "flat"), path, need(prepared.styles, "styles"))
