"""Communities, centrality and the summary: deterministic, pure, and fast enough for 10k."""

from __future__ import annotations

import copy
import time

import networkx as nx
import pytest

from graphbuild.analysis import annotate, communities, pagerank, summarize, weighted_projection
from graphbuild.export import write_formats


def _graph(edges, **nodes):
    g = nx.MultiDiGraph()
    for u, v, key, weight in edges:
        g.add_edge(u, v, key=key, weight=float(weight), count=weight)
    for node, label in nodes.items():
        g.nodes[node]["label"] = label
    return g


TRIANGLE_AND_PAIR = [
    ("a", "b", "consult", 3),
    ("b", "c", "consult", 3),
    ("c", "a", "agree", 3),
    ("x", "y", "accuse", 1),
    ("c", "x", "reject", 1),  # a weak bridge
]
TWO_SQUARES = [
    (u, v, "consult", 2)
    for u, v in [("p", "q"), ("q", "r"), ("r", "s"), ("s", "p"), ("p", "r"), ("q", "s")]
] + [
    (u, v, "cooperate", 2)
    for u, v in [("k", "l"), ("l", "m"), ("m", "n"), ("n", "k"), ("k", "m"), ("l", "n")]
]


@pytest.mark.parametrize(
    ("edges", "extra_nodes", "expected"),
    [
        (TRIANGLE_AND_PAIR, [], [{"a", "b", "c"}, {"x", "y"}]),
        # Equal sizes: the community holding the smallest id comes first.
        (TWO_SQUARES, [], [{"k", "l", "m", "n"}, {"p", "q", "r", "s"}]),
        # Isolated actors are communities of one, after the larger ones.
        ([("a", "b", "consult", 1)], ["z", "m"], [{"a", "b"}, {"m"}, {"z"}]),
        ([], [], []),
    ],
)
def test_communities_are_numbered_by_size_then_smallest_id(edges, extra_nodes, expected):
    g = _graph(edges)
    g.add_nodes_from(extra_nodes)
    assert communities(g) == expected
    annotated = annotate(g)
    for number, members in enumerate(expected):
        assert {annotated.nodes[n]["community"] for n in members} == {number}


@pytest.mark.parametrize(
    ("edges", "node", "expected"),
    [
        (TRIANGLE_AND_PAIR, "c", 7.0),  # 3 + 3 + 1
        (TRIANGLE_AND_PAIR, "y", 1.0),
        ([("a", "b", "consult", 2), ("b", "a", "accuse", 1), ("a", "a", "support", 5)], "a", 3.0),
        ([("a", "b", "consult", 2)], "b", 2.0),
    ],
)
def test_weighted_degree_sums_reports_both_ways_without_self_loops(edges, node, expected):
    assert annotate(_graph(edges)).nodes[node]["weighted_degree"] == expected


def test_projection_is_undirected_and_summed():
    projection = weighted_projection(_graph([("a", "b", "x", 2), ("b", "a", "y", 1)]))
    assert isinstance(projection, nx.Graph) and not projection.is_directed()
    assert projection.edges["a", "b"]["weight"] == 3.0


def test_pagerank_favours_actors_acted_upon():
    star = _graph([(leaf, "hub", "consult", 1) for leaf in "abcde"])
    ranks = pagerank(star)
    assert max(ranks, key=ranks.get) == "hub"
    assert sum(ranks.values()) == pytest.approx(1.0, abs=1e-6)
    assert pagerank(nx.MultiDiGraph()) == {}


def test_annotate_returns_a_copy(sample_graph):
    before = copy.deepcopy(list(sample_graph.nodes(data=True)))
    annotated = annotate(sample_graph)
    assert list(sample_graph.nodes(data=True)) == before
    assert annotated is not sample_graph
    for _, attrs in annotated.nodes(data=True):
        assert type(attrs["community"]) is int
        assert type(attrs["weighted_degree"]) is float
        assert type(attrs["pagerank"]) is float
    annotated.nodes["country:CHN"]["aliases"].append("changed")
    assert sample_graph.nodes["country:CHN"]["aliases"] == ["Beijing"]


def test_annotate_is_deterministic_whatever_the_insertion_order(sample_graph):
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(sample_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(sample_graph.edges(keys=True, data=True))))
    a, b = annotate(sample_graph), annotate(shuffled)
    for node in sample_graph:
        assert a.nodes[node] == b.nodes[node]
    assert dict(annotate(sample_graph, seed=42).nodes(data=True)) == dict(a.nodes(data=True))


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_any_seed_gives_a_partition(sample_graph, seed):
    annotated = annotate(sample_graph, seed=seed)
    numbers = sorted({attrs["community"] for _, attrs in annotated.nodes(data=True)})
    assert numbers == list(range(len(numbers)))


def test_summary_names_central_actors_and_largest_communities(sample_graph):
    summary = summarize(sample_graph, top=3)
    assert (summary["nodes"], summary["edges"]) == (10, 14)
    assert len(summary["central_actors"]) == 3
    assert summary["central_actors"][0]["label"] == "Russia"  # most acted upon
    degrees = [actor["weighted_degree"] for actor in summary["central_actors"]]
    assert degrees == sorted(degrees, reverse=True)
    sizes = [c["size"] for c in summary["largest_communities"]]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(c["size"] for c in summary["largest_communities"]) <= 10
    assert all(len(c["members"]) <= 3 for c in summary["largest_communities"])
    assert summary["communities"] >= len(summary["largest_communities"])
    assert isinstance(summary["central_actors"][0]["id"], str)


def test_summary_uses_an_existing_annotation(sample_graph):
    annotated = annotate(sample_graph)
    for attrs in annotated.nodes.values():
        attrs["weighted_degree"] = 0.0
    annotated.nodes["org:UN"]["weighted_degree"] = 99.0
    assert summarize(annotated, top=1)["central_actors"][0]["label"] == "United Nations"


def test_the_most_central_actor_is_the_one_most_evidence_touches():
    # an article about one country: its officials and its plans all point at it, while a
    # chain of single relations (A -> B -> C) would hand PageRank to its far end
    g = nx.MultiDiGraph()
    for official in ("leader:a", "leader:b", "leader:c"):
        g.add_edge(official, "country:CHN", weight=1.0)
    g.add_edge("country:CHN", "initiative:plan", weight=1.0)
    g.add_edge("leader:a", "country:RUS", weight=1.0)
    g.add_edge("country:RUS", "country:UKR", weight=1.0)
    assert summarize(g, top=1)["central_actors"][0]["id"] == "country:CHN"


def test_summary_of_an_empty_graph():
    assert summarize(nx.MultiDiGraph()) == {
        "nodes": 0,
        "edges": 0,
        "communities": 0,
        "central_actors": [],
        "largest_communities": [],
    }


def test_annotations_reach_the_exports(sample_graph, tmp_path):
    written = write_formats(annotate(sample_graph), tmp_path, ["graphml"])
    back = nx.read_graphml(written["graphml"], force_multigraph=True)
    assert all(isinstance(d["community"], int) for _, d in back.nodes(data=True))
    assert all(isinstance(d["pagerank"], float) for _, d in back.nodes(data=True))


@pytest.mark.slow
def test_ten_thousand_actors_benchmark(factory, tmp_path):
    """Measures (prints with -s) annotate and export times; asserts only correctness."""
    graph = factory.random_graph(10_000, 40_000)
    timings = {}
    start = time.process_time()
    annotated = annotate(graph)
    timings["annotate"] = time.process_time() - start
    start = time.process_time()
    summary = summarize(annotated)
    timings["summarize"] = time.process_time() - start
    start = time.process_time()
    written = write_formats(annotated, tmp_path, ["graphml", "gexf", "json", "csv"])
    timings["write 4 formats"] = time.process_time() - start
    print(
        f"\n{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges: "
        + ", ".join(f"{name} {seconds:.1f} s CPU" for name, seconds in timings.items())
    )
    assert summary["nodes"] == graph.number_of_nodes()
    assert all(path.stat().st_size > 0 for path in written.values())
