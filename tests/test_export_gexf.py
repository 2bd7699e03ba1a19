"""GEXF 1.3 export: networkx round trip, viz styling, Gephi's timeline, ids, atomicity."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from graphbuild.export import gexf as gexf_module
from graphbuild.export.gexf import DAILY_COUNT, next_day, write_gexf
from graphbuild.export.sanitize import sanitize_graph
from graphbuild.export.style import (
    QUAD_COLORS,
    TYPE_COLORS,
    hex_to_rgb,
    layout_positions,
    node_sizes,
)

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"


@pytest.fixture
def gexf_path(sample_graph, tmp_path):
    return write_gexf(sample_graph, tmp_path / "graph.gexf")


def _edges_by_relation(graph):
    return {(u, v, d["label"]): d for u, v, d in graph.edges(data=True)}


def test_round_trip_through_networkx(sample_graph, gexf_path):
    back = nx.read_gexf(gexf_path)
    expected = sanitize_graph(sample_graph)
    assert set(back.nodes) == set(expected.nodes)
    for node, attrs in expected.nodes(data=True):
        got = back.nodes[node]
        assert {k: got[k] for k in attrs} == attrs
    got_edges = _edges_by_relation(back)
    assert set(got_edges) == set(expected.edges(keys=True))
    for u, v, key, attrs in expected.edges(keys=True, data=True):
        got = got_edges[u, v, key]
        assert {k: got[k] for k in attrs} == attrs


def test_document_is_gexf_1_3(gexf_path):
    root = etree.parse(str(gexf_path)).getroot()  # lxml: strict about well-formedness
    assert root.tag == f"{GEXF}gexf"
    assert root.get("version") == "1.3"
    assert root.nsmap["viz"] == "http://gexf.net/1.3/viz"
    assert not [name for name in root.attrib if "XMLSchema-instance" in name]  # not in 1.3
    meta = root.find(f"{GEXF}meta")
    assert meta.get("lastmodifieddate") is None  # would change the bytes every day
    assert meta.find(f"{GEXF}creator").text == "graphbuild"
    graph = root.find(f"{GEXF}graph")
    assert graph.get("name") is None  # not in the 1.3 schema
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    assert graph.get("defaultedgetype") == "directed"


def test_edges_have_spells_per_evidence_date(sample_graph, gexf_path):
    back = _edges_by_relation(nx.read_gexf(gexf_path))
    for u, v, key, attrs in sample_graph.edges(keys=True, data=True):
        days = Counter(e["date"] for e in attrs["evidence"] if e["date"])
        got = back[u, v, key]
        if not days:
            assert "spells" not in got and DAILY_COUNT not in got
            continue
        assert got["spells"] == [(day, next_day(day)) for day in sorted(days)]
        assert got[DAILY_COUNT] == [(days[day], day, next_day(day)) for day in sorted(days)]
        assert got["spells"][0][0] == attrs["first_date"]
        assert got["spells"][-1][1] == next_day(attrs["last_date"])


def test_repeated_relation_has_one_spell_per_day(sample_graph, gexf_path):
    got = _edges_by_relation(nx.read_gexf(gexf_path))["country:USA", "country:RUS", "sanction"]
    assert got["spells"] == [("2024-02-10", "2024-02-11"), ("2024-03-05", "2024-03-06")]
    assert got["count"] == 2


def test_every_spell_lasts_its_whole_day(sample_graph, gexf_path):
    # Gephi reads a date as midnight and a spell as [start, end]: start == end would
    # exist for one instant of the timeline (the issue counted 257 of 312 spells so).
    root = etree.parse(str(gexf_path)).getroot()
    timed = [e for e in root.iter() if e.get("start") is not None]
    assert len(timed) > 10
    for element in timed:
        assert element.get("end") > element.get("start"), etree.tostring(element)


def test_consecutive_days_make_one_spell_and_counts_do_not_overlap(tmp_path):
    days = ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-01", "2024-02-05"]
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="consult", relation="consult", count=len(days),
               evidence=[{"date": day} for day in days])  # fmt: skip
    got = _edges_by_relation(nx.read_gexf(write_gexf(g, tmp_path / "g.gexf")))["a", "b", "consult"]
    assert got["spells"] == [("2024-01-30", "2024-02-02"), ("2024-02-05", "2024-02-06")]
    counts = got[DAILY_COUNT]
    assert [c for c, *_ in counts] == [1, 1, 2, 1]
    for (_, _, end), (_, start, _) in itertools.pairwise(counts):
        assert end <= start  # touching is allowed, overlapping is refused by Gephi


def test_nodes_live_from_first_to_the_end_of_last_seen(sample_graph, gexf_path):
    back = nx.read_gexf(gexf_path)
    for node, attrs in sample_graph.nodes(data=True):
        assert (back.nodes[node]["start"], back.nodes[node]["end"]) == (
            attrs["first_seen"],
            next_day(attrs["last_seen"]),
        )


SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "gexf-1.3"


@pytest.fixture(scope="module")
def gexf_grammar():
    path = SCHEMAS / "gexf.rng"
    if not path.is_file():
        pytest.skip(f"the official GEXF 1.3 RELAX NG grammar is not at {path}")
    return etree.RelaxNG(etree.parse(str(path)))


def _invalid(grammar, path):
    if grammar.validate(etree.parse(str(path))):
        return []
    return [f"{e.line}: {e.message}" for e in grammar.error_log]


def test_gexf_validates_against_the_official_grammar(gexf_grammar, sample_graph, tmp_path):
    from graphbuild.views import roll_up_to_countries

    assert _invalid(gexf_grammar, write_gexf(sample_graph, tmp_path / "a.gexf")) == []
    rolled = roll_up_to_countries(sample_graph)
    assert _invalid(gexf_grammar, write_gexf(rolled, tmp_path / "b.gexf")) == []
    undated = nx.MultiDiGraph([("a", "b", "consult")])
    assert _invalid(gexf_grammar, write_gexf(undated, tmp_path / "c.gexf")) == []


def test_the_grammar_test_can_fail(gexf_grammar, gexf_path, tmp_path):
    text = gexf_path.read_text("utf-8").replace(
        'version="1.3">',
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    )
    old = tmp_path / "old.gexf"
    old.write_text(text, "utf-8")
    assert _invalid(gexf_grammar, old)


def test_viz_matches_the_map(sample_graph, gexf_path):
    back = nx.read_gexf(gexf_path)
    positions = layout_positions(sample_graph)
    sizes = node_sizes(sample_graph)
    for node, attrs in sample_graph.nodes(data=True):
        viz = back.nodes[node]["viz"]
        r, g, b = hex_to_rgb(TYPE_COLORS[attrs["type"]])
        assert viz["color"] == {"r": r, "g": g, "b": b, "a": 1.0}
        assert viz["size"] == pytest.approx(sizes[node], abs=0.01)
        x, y = positions[node]
        assert (viz["position"]["x"], viz["position"]["y"]) == (x, -y)


@pytest.mark.parametrize(
    ("edge", "shape"),
    [
        (("country:CHN", "country:RUS", "consult"), "dashed"),
        (("leader:antony-blinken", "leader:sergey-lavrov", "accuse"), "dashed"),
        (("country:USA", "country:RUS", "sanction"), "solid"),
        (("leader:wang-yi", "country:CHN", "official_of"), "solid"),
    ],
)
def test_edge_viz_and_kind(sample_graph, gexf_path, edge, shape):
    root = ET.parse(gexf_path).getroot()
    u, v, key = edge
    (el,) = [
        e
        for e in root.iter(f"{GEXF}edge")
        if (e.get("source"), e.get("target"), e.get("kind")) == (u, v, key)
    ]
    assert el.get("label") == key
    quad = sample_graph.edges[edge]["quad_class"]
    color = el.find(f"{VIZ}color")
    assert tuple(int(color.get(c)) for c in "rgb") == hex_to_rgb(QUAD_COLORS[quad])
    assert el.find(f"{VIZ}shape").get("value") == shape
    assert float(el.get("weight")) == sample_graph.edges[edge]["weight"]


def test_every_edge_has_its_own_id(sample_graph, gexf_path):
    root = ET.parse(gexf_path).getroot()
    ids = [e.get("id") for e in root.iter(f"{GEXF}edge")]
    assert len(ids) == len(set(ids)) == sample_graph.number_of_edges()


def test_same_graph_gives_the_same_bytes(sample_graph, tmp_path):
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(sample_graph.graph)
    shuffled.add_nodes_from(reversed(list(sample_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(sample_graph.edges(keys=True, data=True))))
    a = write_gexf(sample_graph, tmp_path / "a.gexf").read_bytes()
    b = write_gexf(sample_graph, tmp_path / "b.gexf").read_bytes()
    c = write_gexf(shuffled, tmp_path / "c.gexf").read_bytes()
    assert a == b == c


def test_graph_without_dates_is_static(tmp_path):
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="consult", relation="consult", evidence=[{"date": None}])
    g.nodes["a"]["first_seen"] = "not a date"
    root = ET.parse(write_gexf(g, tmp_path / "g.gexf")).getroot()
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "static" and graph.get("timeformat") is None
    assert not list(root.iter(f"{GEXF}spells"))
    assert root.find(f".//{GEXF}node").get("start") is None


def test_empty_graph(tmp_path):
    back = nx.read_gexf(write_gexf(nx.MultiDiGraph(), tmp_path / "g.gexf"))
    assert back.number_of_nodes() == 0


def _failing_after(lines: int):
    real = gexf_module.gexf_lines

    def lines_then_fail(*args, **kwargs):
        for i, line in enumerate(real(*args, **kwargs)):
            if i == lines:
                raise OSError("disk full")
            yield line

    return lines_then_fail


def test_failed_write_leaves_no_file(sample_graph, tmp_path, monkeypatch):
    monkeypatch.setattr(gexf_module, "gexf_lines", _failing_after(100))
    target = tmp_path / "graph.gexf"
    with pytest.raises(OSError, match="disk full"):
        write_gexf(sample_graph, target)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_previous_file(sample_graph, gexf_path, monkeypatch):
    before = gexf_path.read_bytes()
    monkeypatch.setattr(gexf_module, "gexf_lines", _failing_after(100))
    with pytest.raises(OSError):
        write_gexf(sample_graph, gexf_path)
    assert gexf_path.read_bytes() == before
    assert [p.name for p in gexf_path.parent.iterdir()] == ["graph.gexf"]


@pytest.mark.parametrize(("documents", "said"), [(1, "in 1 document"), (4, "in 4 documents")])
def test_the_description_counts_documents_in_good_english(tmp_path, documents, said):
    g = nx.MultiDiGraph([("a", "b", "consult")])
    g.graph["documents"] = documents
    root = etree.parse(str(write_gexf(g, tmp_path / "g.gexf"))).getroot()
    assert root.find(f"{GEXF}meta/{GEXF}description").text.endswith(said)
