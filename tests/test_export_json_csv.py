"""JSON (node-link, full evidence) and CSV (Gephi spreadsheet import) exports."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graphbuild.export import csv as csv_module
from graphbuild.export.csv import DIALECT, EDGE_COLUMNS, NODE_COLUMNS, write_csv
from graphbuild.export.graphml import write_graphml
from graphbuild.export.json import write_json
from graphbuild.export.sanitize import MAX_TEXT, sanitize_graph


def _strict_json(text):
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, dialect=DIALECT))


# --- JSON -------------------------------------------------------------------------------


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


# --- CSV --------------------------------------------------------------------------------


def test_csv_files_and_headers_for_gephi(sample_graph, tmp_path):
    nodes, edges = write_csv(sample_graph, tmp_path / "csv")
    assert (nodes.name, edges.name) == ("nodes.csv", "edges.csv")
    for path in (nodes, edges):
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for UTF-8
        assert raw.count(b"\r\n") >= 2
    node_header = next(csv.reader(open(nodes, encoding="utf-8-sig", newline="")))
    edge_header = next(csv.reader(open(edges, encoding="utf-8-sig", newline="")))
    assert tuple(node_header[:2]) == NODE_COLUMNS == ("Id", "Label")
    assert node_header[2:5] == ["type", "country", "role"]
    assert tuple(edge_header[:7]) == EDGE_COLUMNS
    assert edge_header[7:9] == ["relation", "quad_class"]
    for header in (node_header, edge_header):
        assert len({h.lower() for h in header}) == len(header)


def test_csv_rows_match_the_graph(sample_graph, tmp_path):
    nodes, edges = write_csv(sample_graph, tmp_path)
    expected = sanitize_graph(sample_graph)
    node_rows = {row["Id"]: row for row in _read_csv(nodes)}
    assert set(node_rows) == set(expected.nodes)
    for node, attrs in expected.nodes(data=True):
        row = node_rows[node]
        assert row["Label"] == attrs["label"]
        assert row["type"] == attrs["type"]
        assert row["mentions"] == str(attrs["mentions"])
        assert row["role"] == attrs.get("role", "")
        assert row["aliases"] == attrs.get("aliases", "")
    edge_rows = _read_csv(edges)
    assert len(edge_rows) == expected.number_of_edges()
    assert len({row["Id"] for row in edge_rows}) == len(edge_rows)
    for row in edge_rows:
        attrs = expected.edges[row["Source"], row["Target"], row["Label"]]
        assert row["Type"] == "Directed"
        assert row["Kind"] == row["Label"] == row["relation"] == attrs["relation"]
        assert float(row["Weight"]) == attrs["weight"]
        assert row["count"] == str(attrs["count"])
        assert json.loads(row["evidence"]) == json.loads(attrs["evidence"])


def test_csv_edge_ids_match_graphml(sample_graph, tmp_path):
    _, edges = write_csv(sample_graph, tmp_path)
    csv_ids = {(r["Source"], r["Target"], r["Label"]): r["Id"] for r in _read_csv(edges)}
    root = ET.parse(write_graphml(sample_graph, tmp_path / "g.graphml")).getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    graphml_ids = {}
    for edge in root.iter(f"{ns}edge"):
        label = next(d.text for d in edge if d.get("key") == "edge_label")
        graphml_ids[edge.get("source"), edge.get("target"), label] = edge.get("id")
    assert csv_ids == graphml_ids


@pytest.mark.parametrize(
    "name",
    [
        "Comma, Inc.",
        'Quote "the" envoy',
        "Line\nbreak",
        "Back\\slash \\n not a newline",
        'Trailing quote"',
        "王毅, Лавров; العربية",
        "=HYPERLINK(1)",
        "",
    ],
)
def test_csv_quoting_round_trips(factory, tmp_path, name):
    g = factory.graph_from_names([name, "Other"], [f"{name} met Other."])
    nodes, edges = write_csv(g, tmp_path)
    labels = {row["Label"] for row in _read_csv(nodes)}
    assert name in labels
    (row,) = _read_csv(edges)
    assert json.loads(row["evidence"])[0]["sentence"] == f"{name} met Other."


def test_csv_is_deterministic(sample_graph, tmp_path):
    a = [p.read_bytes() for p in write_csv(sample_graph, tmp_path / "a")]
    b = [p.read_bytes() for p in write_csv(sample_graph, tmp_path / "b")]
    assert a == b


def test_csv_pair_is_written_together_or_not_at_all(sample_graph, tmp_path, monkeypatch):
    nodes, edges = write_csv(sample_graph, tmp_path)
    before = nodes.read_bytes(), edges.read_bytes()
    g = sample_graph.copy()
    g.add_node("new", label="New", type="country")

    def fail(attrs):
        raise OSError("disk full")

    monkeypatch.setattr(csv_module, "edge_weight", fail)  # fails after nodes.csv is written
    with pytest.raises(OSError, match="disk full"):
        write_csv(g, tmp_path)
    assert (nodes.read_bytes(), edges.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv"]


@pytest.mark.parametrize("writer", [write_json, write_graphml])
def test_writing_onto_a_directory_fails_cleanly(sample_graph, tmp_path, writer):
    target = tmp_path / "taken"
    target.mkdir()
    with pytest.raises(OSError):
        writer(sample_graph, target)
    assert target.is_dir() and list(target.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
