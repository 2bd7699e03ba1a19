"""JSON export: node-link round trips with full evidence, UTF-8, sorted bytes."""

from __future__ import annotations

import json

import networkx as nx

from graphbuild.export.json import write_json
from graphbuild.export.sanitize import MAX_TEXT


def _strict_json(text):
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_json_round_trip_keeps_full_values(sample_graph, tmp_path):
    path = write_json(sample_graph, tmp_path / "graph.json")
    back = nx.node_link_graph(_strict_json(path.read_text("utf-8")), edges="links")
    assert back.is_directed() and back.is_multigraph()
    assert back.graph == {"documents": 4}
    assert set(back.nodes) == set(sample_graph.nodes)
    for node, attrs in sample_graph.nodes(data=True):
        assert back.nodes[node] == {k: v for k, v in attrs.items() if v is not None}
    assert set(back.edges(keys=True)) == set(sample_graph.edges(keys=True))
    for u, v, key, attrs in sample_graph.edges(keys=True, data=True):
        # evidence dicts (with their null dates), documents lists: all of it
        assert back.edges[u, v, key] == {n: x for n, x in attrs.items() if x is not None}


def test_json_keeps_evidence_the_flat_formats_cut(tmp_path):
    g = nx.MultiDiGraph()
    evidence = [{"sentence": f"Sentence {i} " + "x" * 200, "date": None} for i in range(100)]
    g.add_edge("a", "b", key="consult", evidence=evidence)
    back = _strict_json(write_json(g, tmp_path / "g.json").read_text("utf-8"))
    assert back["links"][0]["evidence"] == evidence
    assert len(json.dumps(evidence)) > MAX_TEXT


def test_json_is_utf8_without_escapes_or_bom(factory, tmp_path):
    g = factory.graph_from_names(["中国", "王毅"], ["王毅会见了拉夫罗夫。"])
    raw = write_json(g, tmp_path / "g.json").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "王毅会见了拉夫罗夫。".encode() in raw
    assert b"\\u" not in raw


def test_json_is_sorted_and_deterministic(sample_graph, tmp_path):
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(sample_graph.graph)
    shuffled.add_nodes_from(reversed(list(sample_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(sample_graph.edges(keys=True, data=True))))
    a = write_json(sample_graph, tmp_path / "a.json").read_bytes()
    b = write_json(shuffled, tmp_path / "b.json").read_bytes()
    assert a == b
    data = json.loads(a)
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(ids)
    links = [(e["source"], e["target"], e["key"]) for e in data["links"]]
    assert links == sorted(links)
