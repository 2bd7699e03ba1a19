"""Visual encoding shared by every export: colours, shapes, sizes and positions.

The HTML map, GraphML and GEXF take their styling from here, so an actor looks the
same in the browser and in Gephi.
"""

from __future__ import annotations

import math
import random

import networkx as nx

TYPE_COLORS: dict[str, str] = {
    "country": "#4e79a7",
    "leader": "#f28e2b",
    "organization": "#59a14f",
    "initiative": "#b07aa1",
}
"""Node colour by entity type (Tableau 10 hues, readable on white and for most
colour-blind readers)."""

TYPE_SHAPES: dict[str, str] = {
    "country": "dot",
    "leader": "diamond",
    "organization": "square",
    "initiative": "triangle",
}
"""vis-network node shape by entity type."""

QUAD_COLORS: dict[str, str] = {
    "verbal_cooperation": "#76b7b2",
    "material_cooperation": "#2ca02c",
    "verbal_conflict": "#ff9da7",
    "material_conflict": "#d62728",
    "structural": "#9c9c9c",
}
"""Edge colour by quad class."""

DASHED_QUADS: frozenset[str] = frozenset({"verbal_cooperation", "verbal_conflict"})
"""Quad classes drawn with dashed edges (words, not deeds)."""

DEFAULT_COLOR = "#bab0ac"


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """`"#4e79a7"` -> `(78, 121, 167)`.

    Examples
    --------
    >>> hex_to_rgb("#4e79a7")
    (78, 121, 167)
    """
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def node_color(node_type: str | None) -> str:
    return TYPE_COLORS.get(node_type or "", DEFAULT_COLOR)


def edge_color(quad_class: str | None) -> str:
    return QUAD_COLORS.get(quad_class or "", DEFAULT_COLOR)


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
