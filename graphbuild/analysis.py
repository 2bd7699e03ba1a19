"""Who is central and who clusters together: communities and centrality for the summary.

`annotate` adds three node attributes, all computed on the graph's weighted structure
(an edge's weight is how often the relation was reported):

community
    Louvain community (networkx `louvain_communities`, seeded) on the undirected
    projection, numbered 0, 1, ... from the largest community down (ties: the one with
    the smallest node id first), so the numbers are stable run to run.
weighted_degree
    How many reported relations touch the actor, in either direction (self-loops left
    out): the simplest measure of how present an actor is in the news.
pagerank
    PageRank on the directed graph with parallel relations summed: high for actors that
    the prominent actors act upon. Computed by igraph (C), so it stays well under a
    second for 10,000 nodes; betweenness, the other candidate, is O(nodes x edges) and
    takes minutes at that size.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable

import networkx as nx

PAGERANK_DIGITS = 8
"""PageRank is rounded so files that carry it are byte-identical across platforms."""


def _weight(attrs: dict) -> float:
    value = attrs.get("weight", attrs.get("count", 1.0))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 1.0
    return float(value)


def _summed_edges(G: nx.Graph, *, directed: bool) -> dict[tuple[Hashable, Hashable], float]:
    """Edge weights summed over parallel relations (and both directions if undirected)."""
    order = {node: i for i, node in enumerate(sorted(G.nodes, key=lambda n: (str(n), repr(n))))}
    summed: dict[tuple[Hashable, Hashable], float] = {}
    for u, v, attrs in G.edges(data=True):
        if u == v:
            continue
        if not directed and order[u] > order[v]:
            u, v = v, u
        summed[(u, v)] = summed.get((u, v), 0.0) + _weight(attrs)
    return summed


def weighted_projection(G: nx.Graph) -> nx.Graph:
    """Undirected simple graph: one edge per connected pair, weight = all reports summed.

    Nodes and edges are added in sorted order, so algorithms that walk the graph (such
    as seeded Louvain) give the same answer whatever order `G` was built in.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="consult", weight=2.0)
    'consult'
    >>> g.add_edge("b", "a", key="accuse", weight=1.0)
    'accuse'
    >>> weighted_projection(g).edges["a", "b"]["weight"]
    3.0
    """
    projection = nx.Graph()
    projection.add_nodes_from(sorted(G.nodes, key=lambda n: (str(n), repr(n))))
    summed = _summed_edges(G, directed=False)
    for u, v in sorted(summed, key=lambda e: (str(e[0]), str(e[1]))):
        projection.add_edge(u, v, weight=summed[(u, v)])
    return projection


def communities(G: nx.Graph, *, seed: int = 42) -> list[set]:
    """Louvain communities, largest first (ties broken by smallest node id)."""
    found = nx.community.louvain_communities(weighted_projection(G), weight="weight", seed=seed)
    return sorted(found, key=lambda c: (-len(c), min(str(n) for n in c)))


def pagerank(G: nx.Graph) -> dict:
    """Weighted PageRank on the directed graph (parallel relations summed), via igraph."""
    import igraph

    nodes = sorted(G.nodes, key=lambda n: (str(n), repr(n)))
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    summed = _summed_edges(G, directed=G.is_directed())
    pairs = sorted(summed, key=lambda e: (index[e[0]], index[e[1]]))
    graph = igraph.Graph(
        n=len(nodes),
        edges=[(index[u], index[v]) for u, v in pairs],
        directed=G.is_directed(),
    )
    scores = graph.pagerank(weights=[summed[p] for p in pairs] or None, directed=True)
    return {node: round(score, PAGERANK_DIGITS) for node, score in zip(nodes, scores, strict=True)}


def annotate(G: nx.MultiDiGraph, seed: int = 42) -> nx.MultiDiGraph:
    """A copy of `G` whose nodes carry `community`, `weighted_degree` and `pagerank`.

    `G` itself is not modified. The same graph and seed give the same numbers.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")], weight=1.0)
    [0, 0, 0, 0]
    >>> annotated = annotate(g)
    >>> [annotated.nodes[n]["community"] for n in "abcxy"]
    [0, 0, 0, 1, 1]
    >>> annotated.nodes["a"]["weighted_degree"]
    2.0
    """
    annotated = copy.deepcopy(G)
    for number, members in enumerate(communities(G, seed=seed)):
        for node in members:
            annotated.nodes[node]["community"] = number
    strength = dict(weighted_projection(G).degree(weight="weight"))
    ranks = pagerank(G)
    for node, attrs in annotated.nodes(data=True):
        attrs["weighted_degree"] = float(strength.get(node, 0.0))
        attrs["pagerank"] = ranks.get(node, 0.0)
    return annotated


def _label(G: nx.Graph, node: Hashable) -> str:
    label = G.nodes[node].get("label")
    return label if isinstance(label, str) else str(node)


def summarize(G: nx.MultiDiGraph, top: int = 5) -> dict:
    """The most central actors and the largest communities, for the build summary.

    Uses the `community` and `pagerank` attributes when every node has them (as after
    `annotate`), and annotates a copy otherwise.

    Returns
    -------
    dict
        `nodes`, `edges` and `communities` (counts); `central_actors`: up to `top`
        actors by weighted degree (the evidence they take part in, either way; PageRank
        breaks ties), each with id, label, type, pagerank and weighted_degree;
        `largest_communities`: up to `top` communities, each with its number, size and
        its `top` members' labels in that order. Plain JSON-able values only.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("country:CHN", "country:RUS", weight=3.0)
    0
    >>> g.add_edge("leader:wang-yi", "country:RUS", weight=1.0)
    0
    >>> g.nodes["country:RUS"]["label"] = "Russia"
    >>> summary = summarize(g, top=2)
    >>> [actor["label"] for actor in summary["central_actors"]]
    ['Russia', 'country:CHN']
    >>> summary["largest_communities"][0]["size"]
    3
    """
    needed = ("community", "pagerank", "weighted_degree")
    if not all(all(k in attrs for k in needed) for _, attrs in G.nodes(data=True)):
        G = annotate(G)
    ranked = sorted(
        G.nodes(data=True),
        key=lambda item: (-item[1]["weighted_degree"], -item[1]["pagerank"], str(item[0])),
    )
    members: dict[int, list[Hashable]] = {}
    for node, attrs in ranked:
        members.setdefault(attrs["community"], []).append(node)
    largest = sorted(members.items(), key=lambda item: (-len(item[1]), item[0]))
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "communities": len(members),
        "central_actors": [
            {
                "id": str(node),
                "label": _label(G, node),
                "type": attrs.get("type"),
                "pagerank": attrs["pagerank"],
                "weighted_degree": attrs["weighted_degree"],
            }
            for node, attrs in ranked[:top]
        ],
        "largest_communities": [
            {
                "community": number,
                "size": len(nodes),
                "members": [_label(G, node) for node in nodes[:top]],
            }
            for number, nodes in largest[:top]
        ],
    }
