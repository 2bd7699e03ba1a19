"""GraphML export: round trips through networkx and igraph, Gephi's keys, ids, atomicity."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import igraph
import networkx as nx
import numpy as np
import pytest
from lxml import etree

from graphbuild.export import graphml as graphml_module
from graphbuild.export.graphml import GRAPHML_NS, write_graphml
from graphbuild.export.sanitize import sanitize_graph
from graphbuild.export.style import (
    QUAD_COLORS,
    TYPE_COLORS,
    hex_to_rgb,
    layout_positions,
    node_sizes,
)

NS = "{http://graphml.graphdrawing.org/xmlns}"


def _keys(path):
    root = ET.parse(path).getroot()
    return [k.attrib for k in root.findall(f"{NS}key")]


def test_round_trip_through_networkx(sample_graph, tmp_path):
    path = write_graphml(sample_graph, tmp_path / "graph.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    expected = sanitize_graph(sample_graph)

    assert set(back.nodes) == set(expected.nodes)
    for node, attrs in expected.nodes(data=True):
        got = back.nodes[node]
        assert {k: got[k] for k in attrs} == attrs
    got_edges = {(u, v, d["label"]): d for u, v, d in back.edges(data=True)}
    assert set(got_edges) == set(expected.edges(keys=True))
    for u, v, key, attrs in expected.edges(keys=True, data=True):
        got = got_edges[u, v, key]
        assert {k: got[k] for k in attrs} == attrs
    assert sample_graph.graph["documents"] == 4
    assert "documents" not in back.graph  # Gephi warns about graph-level attributes


def test_every_edge_element_carries_its_relation_as_label(sample_graph, tmp_path):
    # Gephi's importer reads the edge type from <edge label="...">, and merges edges of
    # the same source, target and type: without it, parallel relations fold into one.
    sample_graph.add_edge("country:USA", "country:RUS", key="threaten", relation="threaten")
    root = etree.parse(str(write_graphml(sample_graph, tmp_path / "g.graphml"))).getroot()
    edges = list(root.iter(f"{{{GRAPHML_NS}}}edge"))
    assert len(edges) == sample_graph.number_of_edges()
    labels = Counter((e.get("source"), e.get("target"), e.get("label")) for e in edges)
    assert set(labels) == set(sample_graph.edges(keys=True))
    assert max(labels.values()) == 1  # parallel edges keep distinct labels
    usa_rus = sorted(label for u, v, label in labels if (u, v) == ("country:USA", "country:RUS"))
    assert usa_rus == ["sanction", "threaten"]
    assert not list(root.iter(f"{{{GRAPHML_NS}}}key[@for='graph']"))
    graph = root.find(f"{{{GRAPHML_NS}}}graph")
    assert not graph.findall(f"{{{GRAPHML_NS}}}data")


def test_styling_matches_the_map(sample_graph, tmp_path):
    path = write_graphml(sample_graph, tmp_path / "graph.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    positions = layout_positions(sample_graph)
    sizes = node_sizes(sample_graph)
    for node, attrs in sample_graph.nodes(data=True):
        got = back.nodes[node]
        assert (got["r"], got["g"], got["b"]) == hex_to_rgb(TYPE_COLORS[attrs["type"]])
        assert got["size"] == pytest.approx(sizes[node], abs=0.01)
        x, y = positions[node]
        assert (got["x"], got["y"]) == (x, -y)  # Gephi's y axis points up
    for u, v, d in back.edges(data=True):
        quad = sample_graph.edges[u, v, d["label"]]["quad_class"]
        assert (d["r"], d["g"], d["b"]) == hex_to_rgb(QUAD_COLORS[quad])
        assert d["weight"] == float(sample_graph.edges[u, v, d["label"]]["count"])


def test_given_positions_are_used(sample_graph, tmp_path):
    positions = {node: (float(i), float(2 * i)) for i, node in enumerate(sorted(sample_graph))}
    path = write_graphml(sample_graph, tmp_path / "graph.graphml", positions=positions)
    back = nx.read_graphml(path, force_multigraph=True)
    for node, (x, y) in positions.items():
        assert (back.nodes[node]["x"], back.nodes[node]["y"]) == (x, -y if y else 0.0)


def test_igraph_reads_the_same_counts(sample_graph, tmp_path):
    path = write_graphml(sample_graph, tmp_path / "graph.graphml")
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (10, 14)
    assert g.is_directed()
    assert sorted(g.vs["id"]) == sorted(sample_graph.nodes)
    assert sorted(g.es["label"]) == sorted(k for _, _, k in sample_graph.edges(keys=True))
    china = g.vs.find(id="country:CHN")
    assert china["label"] == "China" and china["type"] == "country"


def test_every_edge_has_its_own_id(sample_graph, tmp_path):
    path = write_graphml(sample_graph, tmp_path / "graph.graphml")
    root = ET.parse(path).getroot()
    ids = [e.get("id") for e in root.iter(f"{NS}edge")]
    assert len(ids) == sample_graph.number_of_edges()
    assert len(set(ids)) == len(ids)
    assert all(ids)


def test_key_ids_are_named_and_unique(sample_graph, tmp_path):
    keys = _keys(write_graphml(sample_graph, tmp_path / "graph.graphml"))
    ids = [k["id"] for k in keys]
    assert len(set(ids)) == len(ids)
    assert not [i for i in ids if re.fullmatch(r"d\d+", i)]  # Gephi reads d3/d7 as labels


@pytest.mark.parametrize(
    ("scope", "name", "types"),
    [
        ("node", "label", {"string"}),
        ("node", "size", {"double", "float"}),
        ("node", "x", {"double", "float"}),
        ("node", "y", {"double", "float"}),
        ("node", "r", {"int", "long", "integer"}),
        ("node", "g", {"int", "long", "integer"}),
        ("node", "b", {"int", "long", "integer"}),
        ("edge", "label", {"string"}),
        ("edge", "weight", {"double", "float"}),
        ("edge", "r", {"int", "long", "integer"}),
        ("edge", "g", {"int", "long", "integer"}),
        ("edge", "b", {"int", "long", "integer"}),
    ],
)
def test_gephi_builtin_properties_are_declared(sample_graph, tmp_path, scope, name, types):
    keys = _keys(write_graphml(sample_graph, tmp_path / "graph.graphml"))
    (key,) = [k for k in keys if k["for"] == scope and k["attr.name"] == name]
    assert key["attr.type"] in types


def test_same_graph_gives_the_same_bytes(sample_graph, tmp_path):
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(sample_graph.graph)
    shuffled.add_nodes_from(reversed(list(sample_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(sample_graph.edges(keys=True, data=True))))
    a = write_graphml(sample_graph, tmp_path / "a.graphml").read_bytes()
    b = write_graphml(sample_graph, tmp_path / "b.graphml").read_bytes()
    c = write_graphml(shuffled, tmp_path / "c.graphml").read_bytes()
    assert a == b == c


def test_awkward_values_are_written(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="A\x00\x1f", score=np.float32(0.5), flag=np.bool_(True), none=None)
    g.add_node("b", label="B", score=np.int64(3), tags=["x", "y"], blob={"k": [1, None]})
    g.add_edge("a", "b", key="consult", relation="consult", count=np.int32(2), evidence=[])
    path = write_graphml(g, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.nodes["a"]["label"] == "A"
    assert back.nodes["a"]["score"] == 0.5 and back.nodes["b"]["score"] == 3.0
    assert back.nodes["a"]["flag"] is True
    assert "none" not in back.nodes["a"]
    assert back.nodes["b"]["tags"] == "x; y"
    assert back.nodes["b"]["blob"] == '{"k":[1,null]}'
    (edge,) = back.edges(data=True)
    assert edge[2]["count"] == 2 and edge[2]["weight"] == 2.0


def test_empty_graph(tmp_path):
    back = nx.read_graphml(write_graphml(nx.MultiDiGraph(), tmp_path / "g.graphml"))
    assert back.number_of_nodes() == 0


def _failing_after(lines: int):
    real = graphml_module.graphml_lines

    def lines_then_fail(*args, **kwargs):
        for i, line in enumerate(real(*args, **kwargs)):
            if i == lines:
                raise OSError("disk full")
            yield line

    return lines_then_fail


def test_failed_write_leaves_no_file(sample_graph, tmp_path, monkeypatch):
    target = tmp_path / "out" / "graph.graphml"
    monkeypatch.setattr(graphml_module, "graphml_lines", _failing_after(100))
    with pytest.raises(OSError, match="disk full"):
        write_graphml(sample_graph, target)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_failed_write_keeps_the_previous_file(sample_graph, tmp_path, monkeypatch):
    target = write_graphml(sample_graph, tmp_path / "graph.graphml")
    before = target.read_bytes()
    monkeypatch.setattr(graphml_module, "graphml_lines", _failing_after(100))
    with pytest.raises(OSError):
        write_graphml(sample_graph, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]
