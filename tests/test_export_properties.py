"""Properties every export keeps, whatever text the news throws at it."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import igraph
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from graphbuild.export import write_formats
from graphbuild.export.csv import DIALECT, restore_formula
from graphbuild.export.sanitize import clean_text, node_ids, sanitize_graph

NASTY = (
    "\x00\x01\x08\x0b\x0c\x1f\x7f\x85\ud800\udfff\ufffe\uffff\r\n\t"
    "\"'<>&;,|\\ \u2028\u200b\u202e🇨🇳𝕏王毅Лавров"
)

nasty_text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=[]), max_size=40),
    st.text(alphabet=st.sampled_from(NASTY), max_size=40),
    st.just(""),
    st.builds(lambda char, n: char * n, st.sampled_from('x王\x00"\\'), st.integers(3000, 12000)),
)


def _write_all(graph, folder: Path) -> dict[str, Path]:
    return write_formats(graph, folder, ["graphml", "gexf", "json", "csv"])


def _read_graphml(path):
    back = nx.read_graphml(path, force_multigraph=True)
    return {n: d["label"] for n, d in back.nodes(data=True)}, {
        (u, v, d["label"]): d["evidence"] for u, v, d in back.edges(data=True)
    }


def _read_gexf(path):
    etree.parse(str(path))  # strict XML parser: fails on any forbidden character
    back = nx.read_gexf(path)
    return {n: d["label"] for n, d in back.nodes(data=True)}, {
        (u, v, d["label"]): d["evidence"] for u, v, d in back.edges(data=True)
    }


def _read_csv(path):
    def rows(name):
        with open(path.parent / name, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle, dialect=DIALECT))

    back = restore_formula  # cells a spreadsheet would run carry an apostrophe
    return {back(r["Id"]): back(r["Label"]) for r in rows("nodes.csv")}, {
        (back(r["Source"]), back(r["Target"]), back(r["Label"])): _same_json(r["evidence"])
        for r in rows("edges.csv")
    }


def _same_json(text):
    """The evidence as `sanitize` encoded it: CSV writes the same JSON with other escapes."""
    return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    names=st.lists(nasty_text, min_size=2, max_size=4),
    sentences=st.lists(nasty_text, min_size=1, max_size=3),
)
def test_every_format_writes_and_reads_back(factory, names, sentences):
    graph = factory.graph_from_names(names, sentences)
    clean = sanitize_graph(graph)
    labels = {n: d["label"] for n, d in clean.nodes(data=True)}
    evidence = {(u, v, k): d["evidence"] for u, v, k, d in clean.edges(keys=True, data=True)}

    with tempfile.TemporaryDirectory() as tmp:
        written = _write_all(graph, Path(tmp) / "a")
        again = _write_all(graph, Path(tmp) / "b")
        for name, path in written.items():
            assert path.stat().st_size > 0
            assert path.read_bytes() == again[name].read_bytes(), name
        assert (Path(tmp) / "a" / "edges.csv").read_bytes() == (
            Path(tmp) / "b" / "edges.csv"
        ).read_bytes()

        for reader, name in ((_read_graphml, "graphml"), (_read_gexf, "gexf"), (_read_csv, "csv")):
            got_labels, got_evidence = reader(written[name])
            assert got_labels == labels, name
            assert got_evidence == evidence, name

        g = igraph.Graph.Read_GraphML(str(written["graphml"]))
        assert (g.vcount(), g.ecount()) == (clean.number_of_nodes(), clean.number_of_edges())

        data = json.loads(
            written["json"].read_text("utf-8"),
            parse_constant=lambda c: pytest.fail(f"non-standard JSON constant {c}"),
        )
        back = nx.node_link_graph(data, edges="links")
        assert {n: d["label"] for n, d in back.nodes(data=True)} == labels
        ids = node_ids(graph)
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            got = back.edges[ids[u], ids[v], key]["evidence"]
            assert [e["sentence"] for e in got] == [
                clean_text(e["sentence"]) for e in attrs["evidence"]
            ]
