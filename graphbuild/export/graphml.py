"""GraphML for Gephi, yEd, igraph and networkx.

Gephi reads a few GraphML keys as built-in properties rather than columns: for nodes
`label`, `size`, `x`, `y` and integer `r`, `g`, `b`; for edges `label`, `weight` and
`r`, `g`, `b`. They are written here with the colours, sizes and positions of the HTML
map (`export/style.py`), so an actor looks the same in the browser and in Gephi.

Pitfalls of `networkx.write_graphml` this module avoids:

* Key ids: the default `d0, d1, ...` collide with yEd's conventions that Gephi honours
  (it reads key `d3` as the node label and `d7` as the edge label), so key ids are the
  attribute names. networkx would give a node key and an edge key of the same name the
  same id, which the GraphML schema forbids and networkx's own reader then confuses;
  such a clash is renamed (`edge_label`), and Gephi still matches it by `attr.name`.
* Edge ids: a MultiDiGraph's edge keys (relation labels) repeat across node pairs and
  Gephi drops edges with a repeated id; every edge gets its own id, `e0`, `e1`, ... in
  sorted (source, target, relation) order.
* Values: None, lists, numpy types and control characters go through `sanitize_graph`.
* The file is built in memory and renamed into place, so a failure leaves no empty file.

GraphML has no notion of parallel edges of different kinds, so Gephi may merge two
relations between the same actors on import; the GEXF export keeps them apart.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from .files import atomic_write
from .sanitize import MAX_TEXT, node_ids, sanitize_graph
from .style import edge_color, hex_to_rgb, layout_positions, node_color, node_sizes

_SCOPE_RANK = {"graph": 0, "node": 1, "edge": 2}


@dataclass(frozen=True)
class NodeStyle:
    """How one node is drawn, in Gephi's coordinates."""

    size: float
    x: float
    y: float
    """Gephi's y axis points up, the browser's down: this is the map's y negated."""
    rgb: tuple[int, int, int]


def node_styles(
    graph: nx.MultiDiGraph, clean: nx.MultiDiGraph, positions: dict | None = None
) -> dict[str, NodeStyle]:
    """Style of each node of `clean` (the sanitised copy of `graph`), from `style.py`.

    `positions` are `layout_positions(graph)`, keyed by the nodes of `graph`; they are
    computed when not given. Sizes and colours come from the sanitised graph, which has
    the same weights and types.
    """
    if positions is None:
        positions = layout_positions(graph)
    ids = node_ids(graph)
    xy = {ids[node]: pos for node, pos in positions.items() if node in ids}
    sizes = node_sizes(clean)
    styles = {}
    for node, attrs in clean.nodes(data=True):
        x, y = xy.get(node, (0.0, 0.0))
        node_type = attrs.get("type")
        styles[node] = NodeStyle(
            size=round(sizes.get(node, 10.0), 2),
            x=float(x),
            y=float(-y) if y else 0.0,
            rgb=hex_to_rgb(node_color(node_type if isinstance(node_type, str) else None)),
        )
    return styles


def edge_rgb(attrs: dict) -> tuple[int, int, int]:
    """Edge colour by quad class, as on the map."""
    quad = attrs.get("quad_class")
    return hex_to_rgb(edge_color(quad if isinstance(quad, str) else None))


def edge_weight(attrs: dict) -> float:
    """The edge's `weight` (its count) as a float, 1.0 when it has none."""
    for name in ("weight", "count"):
        value = attrs.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return 1.0


def edge_label(key: str, attrs: dict) -> str:
    """The relation label an edge shows in Gephi."""
    relation = attrs.get("relation")
    return relation if isinstance(relation, str) else key


def _gephi_graph(clean: nx.MultiDiGraph, styles: dict[str, NodeStyle]) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    out.graph.update(clean.graph)
    for node, attrs in clean.nodes(data=True):
        style = styles[node]
        r, g, b = style.rgb
        label = attrs.get("label")
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
        out.add_node(node, **data)
    for i, (u, v, key, attrs) in enumerate(clean.edges(keys=True, data=True)):
        r, g, b = edge_rgb(attrs)
        data = {
            "label": edge_label(key, attrs),
            "weight": edge_weight(attrs),
            "r": r,
            "g": g,
            "b": b,
        }
        data.update((k, v) for k, v in attrs.items() if k not in data)
        out.add_edge(u, v, key=f"e{i}", **data)
    return out


def _tidy_keys(root: ET.Element) -> None:
    """Make key ids unique across scopes and list keys graph, node, edge in first-use order."""
    keys = [el for el in root if el.tag == "key"]
    for el in keys:
        root.remove(el)
    keys.reverse()  # networkx inserts each new key at the front
    keys.sort(key=lambda el: _SCOPE_RANK.get(el.get("for", ""), 3))
    taken: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    # Nodes keep their names first: Gephi matches node properties by id before name.
    for el in sorted(keys, key=lambda el: (el.get("for") != "node", el.get("for") != "edge")):
        old, scope = el.get("id", ""), el.get("for", "")
        new, n = old, 1
        while new in taken:
            n += 1
            new = f"{scope}_{old}" if n == 2 else f"{scope}_{old}_{n}"
        taken.add(new)
        if new != old:
            el.set("id", new)
            renamed[(scope, old)] = new
    for i, el in enumerate(keys):
        root.insert(i, el)
    if not renamed:
        return
    for graph in root.iter("graph"):
        for child in graph:
            scope = child.tag if child.tag in ("node", "edge") else "graph"
            data = [child] if child.tag == "data" else list(child.iter("data"))
            for d in data:
                new_id = renamed.get((scope, d.get("key", "")))
                if new_id:
                    d.set("key", new_id)


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
    clean = sanitize_graph(G, max_text=max_text)
    gephi = _gephi_graph(clean, node_styles(G, clean, positions))
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True, named_key_ids=True)
    writer.add_graph_element(gephi)
    _tidy_keys(writer.xml)
    with atomic_write(path, "wb") as handle:
        writer.dump(handle)
    return Path(path)
