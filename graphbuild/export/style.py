"""Visual encoding shared by every export: colours, shapes, sizes and positions.

The HTML map, GraphML and GEXF take their styling from here, so an actor looks the
same in the browser and in Gephi. `node_styles` gives each sanitised node its Gephi size,
position and colour, and `edge_label`, `edge_weight` and `edge_rgb` say what an edge
shows; GraphML, GEXF and CSV all read them here, so no writer imports another.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from .sanitize import node_ids

OKABE_ITO: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
"""Okabe and Ito's eight colours (2008), told apart by readers with any common form of
colour blindness: blue, orange, bluish green, reddish purple, sky blue, vermillion,
yellow, black."""

TYPE_COLORS: dict[str, str] = {
    "country": "#0072B2",
    "leader": "#E69F00",
    "organization": "#009E73",
    "initiative": "#CC79A7",
}
"""Node colour by entity type (Okabe-Ito: blue, orange, bluish green, reddish purple)."""

TYPE_SHAPES: dict[str, str] = {
    "country": "dot",
    "leader": "diamond",
    "organization": "square",
    "initiative": "triangle",
}
"""Node shape by entity type: the map draws them, GEXF names them (viz:shape)."""

QUAD_COLORS: dict[str, str] = {
    "verbal_cooperation": "#56B4E9",
    "material_cooperation": "#0072B2",
    "verbal_conflict": "#E69F00",
    "material_conflict": "#D55E00",
    "structural": "#999999",
}
"""Edge colour by quad class (Okabe-Ito): cooperation in blues, conflict in orange and
vermillion, words lighter than deeds (and dashed, `DASHED_QUADS`), structure grey."""

COMMUNITY_COLORS: tuple[str, ...] = OKABE_ITO[:7]
"""The largest communities' colours on the map (smaller ones get `DEFAULT_COLOR`)."""

DASHED_QUADS: frozenset[str] = frozenset({"verbal_cooperation", "verbal_conflict"})
"""Quad classes drawn with dashed edges (words, not deeds)."""

DEFAULT_COLOR = "#BBBBBB"
"""Anything without a colour of its own: an unknown type or quad class, a small community."""


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """`"#0072B2"` -> `(0, 114, 178)`.

    Examples
    --------
    >>> hex_to_rgb("#0072B2")
    (0, 114, 178)
    """
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def node_color(node_type: str | None) -> str:
    return TYPE_COLORS.get(node_type or "", DEFAULT_COLOR)


def edge_color(quad_class: str | None) -> str:
    return QUAD_COLORS.get(quad_class or "", DEFAULT_COLOR)


def community_color(number: int | None) -> str:
    """The colour of the `number`-th largest community (0 is the largest).

    Examples
    --------
    >>> community_color(0), community_color(50), community_color(None)
    ('#0072B2', '#BBBBBB', '#BBBBBB')
    """
    if number is None or not 0 <= number < len(COMMUNITY_COLORS):
        return DEFAULT_COLOR
    return COMMUNITY_COLORS[number]


def node_sizes(graph: nx.MultiDiGraph, *, smallest: float = 10.0, largest: float = 50.0) -> dict:
    """Node size by weighted degree (sum of edge counts), on a square-root scale.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", weight=4.0)
    0
    >>> g.add_node("c")
    >>> sizes = node_sizes(g)
    >>> sizes["c"] == 10.0 and sizes["a"] == sizes["b"] == 50.0
    True
    """
    degree = dict(graph.degree(weight="weight"))
    top = max(degree.values(), default=0) or 1
    return {
        node: smallest + (largest - smallest) * math.sqrt(value / top)
        for node, value in degree.items()
    }


def edge_width(count: int | float, *, largest: float = 10.0) -> float:
    """Edge width by count, on a log scale: 1 for a single mention."""
    return min(largest, 1.0 + 2.0 * math.log2(max(float(count), 1.0)))


def layout_positions(graph: nx.MultiDiGraph, *, seed: int = 7, scale: float = 1000.0) -> dict:
    """Deterministic node positions, computed in Python (same input, same positions).

    Fruchterman-Reingold from igraph (C code: about a second for 10,000 nodes, where
    networkx's pure-Python layouts take minutes), started from seeded positions so the
    result is the same on every run. Returns `{node: (x, y)}` centred on the origin in a
    box of side about `2 * scale`.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> layout_positions(g) == layout_positions(g)
    True
    """
    import igraph

    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    weights: dict[tuple[int, int], float] = {}
    for u, v, weight in graph.edges(data="weight", default=1.0):
        a, b = sorted((index[u], index[v]))
        if a != b:
            weights[(a, b)] = weights.get((a, b), 0.0) + float(weight or 1.0)
    pairs = sorted(weights)
    simple = igraph.Graph(n=len(nodes), edges=pairs)
    rng = random.Random(seed)
    # Spread the start like igraph's own (a box of side sqrt(n)): a crowded start defeats
    # the grid that keeps large layouts fast.
    half = math.sqrt(len(nodes)) / 2
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in nodes]
    # igraph draws its random moves from Python's `random` unless told otherwise.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        layout = simple.layout_fruchterman_reingold(
            weights=[math.log1p(weights[p]) for p in pairs] or None,
            seed=start,
            niter=500,
            grid="auto",
        )
    finally:
        igraph.set_random_number_generator(random)
    xs = [x for x, _ in layout.coords]
    ys = [y for _, y in layout.coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        node: (
            round((x - cx) / span * 2 * scale, 2),
            round((y - cy) / span * 2 * scale, 2),
        )
        for node, (x, y) in zip(nodes, layout.coords, strict=True)
    }


@dataclass(frozen=True)
class NodeStyle:
    """How one node is drawn, in Gephi's coordinates."""

    size: float
    x: float
    y: float
    """Gephi's y axis points up, the browser's down: this is the map's y negated."""
    rgb: tuple[int, int, int]


def node_styles(
    graph: nx.MultiDiGraph, clean: nx.MultiDiGraph, positions: Mapping | None = None
) -> dict[str, NodeStyle]:
    """Style of each node of `clean` (the sanitised copy of `graph`), as on the map.

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
