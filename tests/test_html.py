"""The HTML map without a browser: self-contained, escaped, deterministic, read-only."""

from __future__ import annotations

import copy
import json
import re
import sys
from html import unescape
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from html_fixtures import PAYLOADS, hostile_graph, sample_graph  # noqa: E402

from graphbuild.export import html, style  # noqa: E402
from graphbuild.labels import SYMMETRIC  # noqa: E402

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="graphbuild-data">(.*?)</script>', re.DOTALL
)
SCRIPT_BLOCK = re.compile(r"<script>(.*?)</script>", re.DOTALL)
STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def page_data(text: str) -> dict:
    (block,) = DATA_BLOCK.findall(text)
    return json.loads(block)


def snapshot(G: nx.MultiDiGraph):
    return (
        copy.deepcopy(dict(G.graph)),
        [(n, copy.deepcopy(dict(a))) for n, a in G.nodes(data=True)],
        [(u, v, k, copy.deepcopy(dict(a))) for u, v, k, a in G.edges(keys=True, data=True)],
    )


def test_page_has_no_network_reference(tmp_path):
    text = html.write_html(sample_graph(), tmp_path / "map.html").read_text("utf-8")
    assert "http://" not in text
    assert "https://" not in text
    # Nor anything that loads from elsewhere: no src/href attribute, link element, CSS
    # url() or protocol-relative reference anywhere in the page.
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", text, re.I)
    assert "<link" not in text
    assert not re.search(r"url\(\s*['\"]?(?!data:)", text)
    assert "sourceMappingURL" not in text


def test_page_script_and_style_are_the_template_files_inlined(tmp_path):
    text = html.write_html(sample_graph(), tmp_path / "map.html").read_text("utf-8")
    (script,) = SCRIPT_BLOCK.findall(text)
    (css,) = STYLE_BLOCK.findall(text)
    folder = Path(html.__file__).parent / "templates"
    assert script == (folder / "map.js").read_text("utf-8")
    assert css == (folder / "map.css").read_text("utf-8")


def test_an_asset_that_could_end_its_element_is_refused(monkeypatch):
    class Fake:
        def joinpath(self, *parts):
            return self

        def read_text(self, encoding):
            return "var s = '</script>';"

    html.asset.cache_clear()
    monkeypatch.setattr(html.resources, "files", lambda package: Fake())
    try:
        with pytest.raises(ValueError, match="cannot be inlined"):
            html.asset("map.js")
    finally:
        monkeypatch.undo()
        html.asset.cache_clear()


def test_script_payloads_reach_the_page_only_escaped(tmp_path):
    G = hostile_graph()
    title = PAYLOADS[3]
    text = html.write_html(
        G, tmp_path / "map.html", title=title, summary={PAYLOADS[1]: PAYLOADS[2]}
    ).read_text("utf-8")
    for raw in ("window.__pwned=1</script>", "<img src=x", "<svg onload", '<a href="javascript'):
        assert raw not in text
    # Exactly the page's own two script elements (the data and the page script), each
    # closed once.
    assert text.count("<script") == 2
    assert text.count("</script>") == 2
    assert "<!--" not in text
    # The header shows the text escaped ...
    assert (
        f"<title>{'&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;'}</title>" in text
    )
    assert "<dt>&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;</dt>" in text
    # ... and the data block gives it back unchanged.
    data = page_data(text)
    labels = {actor["label"] for actor in data["actors"]}
    assert {G.nodes[n]["label"] for n in G} == labels
    sentences = {e["sentence"] for r in data["relations"] for e in r["evidence"]}
    assert {e["sentence"] for *_, ev in G.edges(data="evidence") for e in ev} == sentences
    assert any(PAYLOADS[3] in s for s in sentences)


def test_csp_allows_exactly_the_page_scripts_and_style(tmp_path):
    text = html.write_html(sample_graph(), tmp_path / "map.html").read_text("utf-8")
    (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    policy = unescape(policy)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    scripts = SCRIPT_BLOCK.findall(text)
    assert len(scripts) == 1
    assert directives["script-src"].split() == [html.csp_hash(s) for s in scripts]
    (css,) = STYLE_BLOCK.findall(text)
    assert directives["style-src"] == html.csp_hash(css)
    assert "unsafe" not in policy
    assert text.index("Content-Security-Policy") < text.index("<script")


def test_graph_is_not_modified(tmp_path):
    for G in (sample_graph(), hostile_graph()):
        before = snapshot(G)
        html.write_html(G, tmp_path / "map.html")
        assert snapshot(G) == before


def test_same_graph_same_bytes(tmp_path):
    first = html.write_html(sample_graph(), tmp_path / "a.html").read_bytes()
    second = html.write_html(sample_graph(), tmp_path / "b.html").read_bytes()
    assert first == second


def test_maps_start_from_the_gephi_layout():
    G = sample_graph()
    data = html.map_data(G)
    positions = style.layout_positions(G)
    factor = html.layout_scale(len(G)) / max(max(map(abs, p)) for p in positions.values())
    for key, actor in zip(G.nodes, data["actors"], strict=True):
        assert actor["x"] == pytest.approx(positions[key][0] * factor, abs=0.01)
        assert actor["y"] == pytest.approx(positions[key][1] * factor, abs=0.01)


def test_given_positions_are_used_and_rescaled():
    G = sample_graph()
    given = {key: (float(i), -float(i)) for i, key in enumerate(G.nodes)}
    data = html.map_data(G, positions=given)
    scale = html.layout_scale(len(G)) / (len(G) - 1)
    assert [(a["x"], a["y"]) for a in data["actors"]] == [
        (round(i * scale, 2), round(-i * scale, 2)) for i in range(len(G))
    ]


def test_visual_encoding_follows_style():
    G = sample_graph()
    data = html.map_data(G)
    assert len(data["actors"]) == G.number_of_nodes()
    sizes = style.node_sizes(G)
    for key, actor in zip(G.nodes, data["actors"], strict=True):
        kind = G.nodes[key]["type"]
        assert actor["color"] == style.TYPE_COLORS[kind]
        assert actor["shape"] == style.TYPE_SHAPES[kind]
        assert actor["size"] == pytest.approx(sizes[key], abs=0.01)
        assert actor["key"] == key
        assert "<" not in actor["title"] and "\n" in actor["title"]
    # The sample holds no symmetric relation in both directions: one relation per edge.
    assert len(data["relations"]) == G.number_of_edges()
    for (u, v, key, attrs), r in zip(
        G.edges(keys=True, data=True), data["relations"], strict=True
    ):
        assert data["actors"][r["from"]]["key"] == u
        assert data["actors"][r["to"]]["key"] == v
        assert r["color"] == style.QUAD_COLORS[attrs["quad_class"]]
        assert r["width"] == pytest.approx(style.edge_width(attrs["count"]), abs=0.01)
        assert r["dashed"] == (attrs["quad_class"] in style.DASHED_QUADS)
        assert r["symmetric"] == (key in SYMMETRIC)
        assert r["structural"] == (attrs["quad_class"] == "structural")
    legend = data["legend"]
    assert [t["type"] for t in legend["types"]] == sorted(
        {a["type"] for _, a in G.nodes(data=True)}
    )
    assert {q["quad_class"] for q in legend["quads"]} == {
        a["quad_class"] for *_, a in G.edges(data=True)
    }


def test_palette_is_okabe_ito():
    assert set(style.TYPE_COLORS.values()) <= set(style.OKABE_ITO)
    colours = set(style.QUAD_COLORS.values()) - {style.QUAD_COLORS["structural"]}
    assert colours <= set(style.OKABE_ITO)
    assert len(set(style.QUAD_COLORS.values())) == len(style.QUAD_COLORS)


def test_parallel_edges_are_curved_apart():
    data = html.map_data(sample_graph())
    pairs: dict[frozenset, list[dict]] = {}
    for r in data["relations"]:
        pairs.setdefault(frozenset((r["from"], r["to"])), []).append(r)
    shared = [rs for rs in pairs.values() if len(rs) > 1]
    assert shared, "the sample has France-Russia accuse and sanction"
    for rs in shared:
        assert [r["curve"] for r in rs] == list(range(len(rs)))
    for rs in pairs.values():
        if len(rs) == 1:
            assert "curve" not in rs[0]


def _two_way_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("CHN", label="China", type="country")
    G.add_node("VEN", label="Venezuela", type="country")
    ev = [{"sentence": "China and Venezuela talked.", "doc": "a", "date": "2024-03-02"}]
    G.add_edge("CHN", "VEN", key="consult", relation="consult", quad_class="verbal_cooperation",
               count=2, first_date="2024-03-02", last_date="2024-03-02", documents=["a"],
               evidence=ev * 2)  # fmt: skip
    back = [{"sentence": "Venezuela hosted China.", "doc": "b", "date": "2024-05-09"},
            {"sentence": "They met again.", "doc": "c", "date": None}]  # fmt: skip
    G.add_edge("VEN", "CHN", key="consult", relation="consult", quad_class="verbal_cooperation",
               count=2, first_date="2024-05-09", last_date="2024-05-09", documents=["b", "c"],
               evidence=back)  # fmt: skip
    G.add_edge("VEN", "CHN", key="accuse", relation="accuse", quad_class="verbal_conflict",
               count=1, evidence=[{"sentence": "Venezuela blamed China.", "doc": "d",
                                   "date": "2024-05-10"}])  # fmt: skip
    return G


def test_symmetric_relations_are_drawn_once_with_both_directions_counts():
    data = html.map_data(_two_way_graph())
    consult, accuse = data["relations"]
    assert (consult["relation"], consult["from"], consult["to"]) == ("consult", 0, 1)
    assert (consult["count"], consult["forward_count"], consult["reverse_count"]) == (4, 2, 2)
    assert (consult["first_date"], consult["last_date"]) == ("2024-03-02", "2024-05-09")
    assert consult["documents"] == ["a", "b", "c"]
    assert consult["evidence_total"] == 4 and len(consult["evidence"]) == 4
    assert consult["width"] == pytest.approx(style.edge_width(4), abs=0.01)
    # Directed relations keep their direction, and their own counts.
    assert (accuse["from"], accuse["to"], accuse["forward_count"]) == (1, 0, 1)
    assert accuse["reverse_count"] == 0


def test_each_direction_of_a_merged_relation_keeps_its_evidence():
    (consult, _) = html.map_data(_two_way_graph(), max_evidence=1)["relations"]
    assert [e["sentence"] for e in consult["evidence"]] == [
        "China and Venezuela talked.",
        "Venezuela hosted China.",
    ]
    assert consult["evidence_total"] == 4


def test_evidence_is_counted_per_day_and_undated_apart():
    data = html.map_data(_two_way_graph())
    assert data["days"] == ["2024-03-02", "2024-05-09", "2024-05-10"]
    consult, accuse = data["relations"]
    assert consult["days"] == [[0, 2], [1, 1]] and consult["undated"] == 1
    assert accuse["days"] == [[2, 1]] and accuse["undated"] == 0
    months = data["periods"]["month"]
    assert months == {"labels": ["2024-03", "2024-04", "2024-05"], "of_day": [0, 2, 2]}
    weeks = data["periods"]["week"]
    assert weeks["labels"][0] == "2024-W09" and weeks["labels"][-1] == "2024-W19"
    assert len(weeks["labels"]) == 11


def test_communities_and_their_colours():
    data = html.map_data(sample_graph())
    numbers = [a["community"] for a in data["actors"]]
    assert all(isinstance(n, int) for n in numbers)
    for actor in data["actors"]:
        assert actor["community_color"] == style.community_color(actor["community"])
    sizes = [c["actors"] for c in data["legend"]["communities"]]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == len(numbers)


def test_meta_explains_an_empty_map_and_tolerates_absence():
    G = nx.MultiDiGraph(documents=4, undated_documents=4, filters={"since": "2025-01-01"})
    assert html.map_data(G)["meta"] == {
        "documents": 4,
        "undated_documents": 4,
        "filters": {"since": "2025-01-01"},
    }
    assert html.map_data(nx.MultiDiGraph())["meta"] == {
        "documents": None,
        "undated_documents": None,
        "filters": {},
    }


def test_one_mention_is_singular():
    G = nx.MultiDiGraph()
    G.add_node("a", label="A", type="country", mentions=1)
    G.add_node("b", label="B", type="country", mentions=3)
    titles = [a["title"] for a in html.map_data(G)["actors"]]
    assert "1 mention" in titles[0] and "1 mentions" not in titles[0]
    assert "3 mentions" in titles[1]


def test_header_summary(tmp_path):
    text = html.write_html(
        sample_graph(), tmp_path / "map.html", title="Diplomacy 2024", summary={"skipped": 2}
    ).read_text("utf-8")
    assert '<h1 id="title">Diplomacy 2024</h1>' in text
    for key, value in [
        ("documents", "3"),
        ("date range", "2024-05-06 \u2013 2024-09-10"),
        ("entities", "7"),
        ("relations", "11"),
        ("skipped", "2"),
    ]:
        assert f"<dt>{key}</dt><dd>{value}</dd>" in text


def test_evidence_is_capped_and_counted():
    G = nx.MultiDiGraph()
    evidence = [{"sentence": f"s{i}", "doc": f"d{i}", "date": "2024-01-01"} for i in range(30)]
    G.add_edge("a", "b", key="consult", quad_class="verbal_cooperation", count=30,
               evidence=evidence)  # fmt: skip
    (relation,) = html.map_data(G, max_evidence=5)["relations"]
    assert [e["sentence"] for e in relation["evidence"]] == ["s0", "s1", "s2", "s3", "s4"]
    assert relation["evidence_total"] == 30


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.42, 0.42), (0.123456, 0.123), (None, 1.0), ("high", 1.0), (float("nan"), 1.0), (7, 1.0)],
)
def test_confidence_reaches_the_page_as_a_number_from_0_to_1(value, expected):
    G = nx.MultiDiGraph()
    item = {"sentence": "s", "doc": "d", "date": None, "confidence": value}
    G.add_edge("a", "b", key="consult", count=1, confidence=value, evidence=[item])
    (relation,) = html.map_data(G)["relations"]
    assert relation["confidence"] == expected
    assert relation["evidence"][0]["confidence"] == expected


def test_odd_values_do_not_break_the_export(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node(("tuple", 1), label="lone \ud800 surrogate", type=None, aliases=None)
    G.add_node(7, label=None, type="country", mentions=float("nan"))
    G.add_edge(("tuple", 1), 7, key="odd", count=None, first_date=None, evidence=None)
    text = html.write_html(G, tmp_path / "map.html").read_text("utf-8")
    data = page_data(text)
    assert [a["label"] for a in data["actors"]] == ["lone ? surrogate", "7"]
    assert data["actors"][1]["mentions"] is None


def test_script_json_survives_every_special_character():
    value = {"s": "</script><!-- & \u2028\u2029 > \"'"}
    text = html.script_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value
