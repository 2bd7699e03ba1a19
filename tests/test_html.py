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


@pytest.fixture
def very_large(monkeypatch):
    """Make any graph of more than 3 nodes lay out as a very large one."""
    monkeypatch.setattr(html, "SMALL_MAX_NODES", 1)
    monkeypatch.setattr(html, "LARGE_MAX_NODES", 3)


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


def test_vis_network_script_is_inlined_with_only_urls_neutralised():
    from importlib import resources

    original = (
        resources.files("pyvis")
        .joinpath("lib", "vis-9.1.2", "vis-network.min.js")
        .read_text("utf-8")
    )
    inlined = html.vis_network_js()
    assert "://" not in inlined
    # `:\/\/` reads as `://` in a JavaScript string or comment: undoing it gives back the
    # original, bar the source map comment.
    restored = inlined.replace(":\\/\\/", "://")
    expected = re.sub(r"^//# sourceMappingURL=.*$", "", original, flags=re.MULTILINE)
    assert restored == expected
    assert "</script" not in inlined


def test_script_payloads_reach_the_page_only_escaped(tmp_path):
    G = hostile_graph()
    title = PAYLOADS[3]
    text = html.write_html(
        G, tmp_path / "map.html", title=title, summary={PAYLOADS[1]: PAYLOADS[2]}
    ).read_text("utf-8")
    for raw in ("window.__pwned=1</script>", "<img src=x", "<svg onload", '<a href="javascript'):
        assert raw not in text
    # Exactly the page's own three script elements, each closed once. (vis-network itself
    # holds the string "<script>", harmless without a "<!--" before it.)
    page = text.replace(html.vis_network_js(), "")
    assert page.count("<script") == 3
    assert page.count("</script>") == 3
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
    assert len(scripts) == 2
    assert directives["script-src"].split() == [html.csp_hash(s) for s in scripts]
    (css,) = STYLE_BLOCK.findall(text)
    assert directives["style-src"] == html.csp_hash(css)
    assert "unsafe" not in policy
    assert text.index("Content-Security-Policy") < text.index("<script")


def test_graph_is_not_modified(tmp_path, very_large):
    for G in (sample_graph(), hostile_graph()):
        before = snapshot(G)
        html.write_html(G, tmp_path / "map.html")
        assert snapshot(G) == before


@pytest.mark.parametrize("force_very_large", [False, True])
def test_same_graph_same_bytes(tmp_path, monkeypatch, force_very_large):
    if force_very_large:
        monkeypatch.setattr(html, "SMALL_MAX_NODES", 1)
        monkeypatch.setattr(html, "LARGE_MAX_NODES", 3)
    first = html.write_html(sample_graph(), tmp_path / "a.html").read_bytes()
    second = html.write_html(sample_graph(), tmp_path / "b.html").read_bytes()
    assert first == second


@pytest.mark.parametrize(
    ("nodes", "edges", "tier"),
    [
        (7, 11, "small"),
        (300, 1000, "small"),
        (301, 700, "large"),
        (200, 1001, "large"),
        (1000, 2500, "large"),
        (1001, 2000, "very_large"),
        (800, 2501, "very_large"),
        (2000, 5000, "very_large"),
        (10000, 25000, "very_large"),
    ],
)
def test_physics_tier_by_size(nodes, edges, tier):
    assert html.physics_tier(nodes, edges) == tier


def test_options_per_tier():
    small = html.map_options("small")
    assert small["physics"]["enabled"] and small["physics"]["solver"] == "barnesHut"
    assert small["edges"]["smooth"]["enabled"]

    large = html.map_options("large")
    assert large["physics"]["solver"] == "forceAtlas2Based"
    assert large["edges"]["smooth"]["enabled"] is False
    assert large["layout"]["improvedLayout"] is False
    assert large["physics"]["stabilization"]["iterations"] == html.STABILIZATION_ITERATIONS

    assert small["edges"]["arrows"]["to"]["enabled"] is True
    huge = html.map_options("very_large")
    assert huge["edges"]["arrows"]["to"]["enabled"] is False  # until zoomed in
    assert huge["physics"]["enabled"] is False
    assert huge["edges"]["smooth"]["enabled"] is False
    assert huge["layout"]["improvedLayout"] is False

    with pytest.raises(ValueError, match="small, large, very_large"):
        html.map_options("medium")


@pytest.mark.parametrize("tier", [None, "small", "large"])
def test_maps_start_from_the_gephi_layout(very_large, tier):
    G = sample_graph()
    data = html.map_data(G, tier=tier)
    assert data["tier"] == tier or tier is None and data["tier"] == "very_large"
    positions = style.layout_positions(G)
    factor = html.layout_scale(len(G)) / max(max(map(abs, p)) for p in positions.values())
    for key, node in zip(G.nodes, data["nodes"], strict=True):
        assert node["x"] == pytest.approx(positions[key][0] * factor, abs=0.01)
        assert node["y"] == pytest.approx(positions[key][1] * factor, abs=0.01)


def test_given_positions_are_used_and_rescaled():
    G = sample_graph()
    given = {key: (float(i), -float(i)) for i, key in enumerate(G.nodes)}
    data = html.map_data(G, positions=given)
    scale = html.layout_scale(len(G)) / (len(G) - 1)
    assert [(n["x"], n["y"]) for n in data["nodes"]] == [
        (round(i * scale, 2), round(-i * scale, 2)) for i in range(len(G))
    ]
    with pytest.raises(ValueError, match="small, large, very_large"):
        html.map_data(G, tier="huge")


def test_visual_encoding_follows_style():
    G = sample_graph()
    data = html.map_data(G)
    assert len(data["nodes"]) == G.number_of_nodes()
    assert len(data["edges"]) == G.number_of_edges()
    sizes = style.node_sizes(G)
    for key, node, actor in zip(G.nodes, data["nodes"], data["actors"], strict=True):
        kind = G.nodes[key]["type"]
        assert node["color"] == style.TYPE_COLORS[kind]
        assert node["shape"] == style.TYPE_SHAPES[kind]
        assert node["size"] == pytest.approx(sizes[key], abs=0.01)
        assert actor["key"] == key
        assert "<" not in node["title"] and "\n" in node["title"]
    for (u, v, key, attrs), edge in zip(G.edges(keys=True, data=True), data["edges"], strict=True):
        assert data["actors"][edge["from"]]["key"] == u
        assert data["actors"][edge["to"]]["key"] == v
        assert edge["color"] == style.QUAD_COLORS[attrs["quad_class"]]
        assert edge["width"] == pytest.approx(style.edge_width(attrs["count"]), abs=0.01)
        assert edge["dashes"] == (attrs["quad_class"] in style.DASHED_QUADS)
        assert edge.get("arrows") == ("" if key in SYMMETRIC else None)
    legend = data["legend"]
    assert [t["type"] for t in legend["types"]] == sorted(
        {a["type"] for _, a in G.nodes(data=True)}
    )
    assert {q["quad_class"] for q in legend["quads"]} == {
        a["quad_class"] for *_, a in G.edges(data=True)
    }


def test_parallel_edges_are_curved_apart():
    G = sample_graph()
    data = html.map_data(G)
    pairs: dict[frozenset, list[dict]] = {}
    for edge in data["edges"]:
        pairs.setdefault(frozenset((edge["from"], edge["to"])), []).append(edge)
    shared = [edges for edges in pairs.values() if len(edges) > 1]
    assert shared, "the sample has France-Russia accuse and sanction"
    for edges in shared:
        roundness = [e["smooth"]["roundness"] for e in edges]
        assert roundness[0] == 0
        assert len(set(roundness)) == len(roundness)
    for edges in pairs.values():
        if len(edges) == 1:
            assert "smooth" not in edges[0]


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
