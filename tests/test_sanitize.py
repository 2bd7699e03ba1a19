"""The one sanitising step every exporter runs: values, text, types and order."""

from __future__ import annotations

import copy
import datetime as dt
import json

import networkx as nx
import numpy as np
import pytest

from graphbuild.export.sanitize import (
    MAX_TEXT,
    MISSING,
    bounded_json,
    clean_text,
    clean_value,
    join_bounded,
    node_ids,
    plain_value,
    sanitize_graph,
    value_text,
    xml_attr,
    xml_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China", "China"),
        ("", ""),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("windows\r\nline", "windows\nline"),
        ("old mac\rline", "old mac\nline"),
        ("nul\x00 bell\x07 esc\x1b", "nul bell esc"),
        ("lone \ud800 surrogate \udfff", "lone  surrogate "),
        ("non-characters \ufffe\uffff", "non-characters "),
        ("astral 𝕏 and emoji 🇨🇳 kept", "astral 𝕏 and emoji 🇨🇳 kept"),
        ("C1 control \x85 and DEL \x7f kept", "C1 control \x85 and DEL \x7f kept"),
        ("quotes \"' <tags> & amp", "quotes \"' <tags> & amp"),
        ("王毅 Лавров العربية", "王毅 Лавров العربية"),
    ],
)
def test_clean_text(text, expected):
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, MISSING),
        (float("nan"), MISSING),
        (float("inf"), MISSING),
        (np.float64("nan"), MISSING),
        ([], MISSING),
        ({}, MISSING),
        (True, True),
        (np.bool_(False), False),
        (3, 3),
        (np.int32(7), 7),
        (np.int64(2**40), 2**40),
        (np.float32(0.5), 0.5),
        (1.25, 1.25),
        ("Wang\x00 Yi", "Wang Yi"),
        (np.str_("Lavrov"), "Lavrov"),
        (["Wang", "Wang Yi"], "Wang; Wang Yi"),
        (("a", None, "b"), "a; b"),
        ({"b", "a"}, "a; b"),
        ([1, 2.5, True], "1; 2.5; true"),
        (np.array([1, 2]), "1; 2"),
        (dt.date(2024, 1, 2), "2024-01-02"),
        ({"k": None, "a": [1]}, '{"a":[1],"k":null}'),
        ([{"date": None, "doc": "a\x00.txt"}], '[{"date":null,"doc":"a.txt"}]'),
    ],
)
def test_clean_value_flat(value, expected):
    result = clean_value(value)
    assert result == expected if expected is not MISSING else result is MISSING
    assert type(result) is type(expected) or expected is MISSING


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["a", None], ["a", None]),
        ([], []),
        ([{"date": None, "n": np.int64(2)}], [{"date": None, "n": 2}]),
        ({"x": float("nan")}, {"x": None}),
        ([np.float32(0.25)], [0.25]),
        (None, MISSING),
    ],
)
def test_clean_value_json_mode_keeps_structure(value, expected):
    result = clean_value(value, flat=False)
    assert result == expected if expected is not MISSING else result is MISSING


def test_evidence_json_is_cut_to_whole_items_and_stays_valid():
    evidence = [{"sentence": f"Sentence {i} " + "x" * 300, "doc": f"{i}.txt"} for i in range(50)]
    text = clean_value(evidence)
    assert len(text) <= MAX_TEXT
    items = json.loads(text)
    assert 0 < len(items) < 50
    assert items == evidence[: len(items)]


@pytest.mark.parametrize("limit", [64, 100, 500, 2000])
def test_one_huge_evidence_item_is_shortened_not_dropped(limit):
    evidence = [{"sentence": "y" * 10_000, "doc": "d" * 5_000, "start": 0}]
    text = bounded_json(evidence, limit)
    assert len(text) <= limit
    (item,) = json.loads(text)
    assert item["start"] == 0
    assert item["sentence"].startswith("y") and item["sentence"].endswith("…")


@pytest.mark.parametrize(
    ("items", "limit", "expected"),
    [
        (["a", "b"], None, "a; b"),
        (["a", "b"], 64, "a; b"),
        ([], 64, ""),
        (["x" * 100], 64, "x" * 39 + "…"),
        (["x" * 100, "y"], 64, "x" * 39 + "…; … (+1 more)"),
    ],
)
def test_join_bounded(items, limit, expected):
    assert join_bounded(items, limit) == expected


def test_join_bounded_never_exceeds_limit():
    items = [f"document-{i}.txt" for i in range(1000)]
    for limit in (64, 100, 2000):
        assert len(join_bounded(items, limit)) <= limit


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 2], [1, 2]),
        ([1, 2.5], [1.0, 2.5]),
        ([1, "x"], ["1", "x"]),
        ([True, 1], ["true", "1"]),
        ([True, False], [True, False]),
        ([1.5, None, "b"], ["1.5", None, "b"]),
    ],
)
def test_one_type_per_attribute(values, expected):
    g = nx.MultiDiGraph()
    for i, value in enumerate(values):
        g.add_node(f"n{i}", score=value)
        g.add_edge(f"n{i}", "hub", key="consult", score=value)
    clean = sanitize_graph(g)
    got = [clean.nodes[f"n{i}"].get("score") for i in range(len(values))]
    assert got == expected
    assert [type(v) for v in got] == [type(v) for v in expected]
    got_edges = [clean.edges[f"n{i}", "hub", "consult"].get("score") for i in range(len(values))]
    assert got_edges == expected


def test_graph_is_sorted_and_input_untouched(sample_graph):
    before = copy.deepcopy(dict(sample_graph.nodes(data=True)))
    edges_before = copy.deepcopy(list(sample_graph.edges(keys=True, data=True)))
    clean = sanitize_graph(sample_graph)
    assert list(clean.nodes) == sorted(clean.nodes)
    edge_keys = list(clean.edges(keys=True))
    assert edge_keys == sorted(edge_keys)
    assert dict(sample_graph.nodes(data=True)) == before
    assert list(sample_graph.edges(keys=True, data=True)) == edges_before
    for _, attrs in clean.nodes(data=True):
        assert all(isinstance(v, (bool, int, float, str)) for v in attrs.values())
        assert None not in attrs.values()
    for _, _, attrs in clean.edges(data=True):
        assert all(isinstance(v, (bool, int, float, str)) for v in attrs.values())


def test_json_mode_keeps_full_evidence(sample_graph):
    clean = sanitize_graph(sample_graph, flat=False)
    for u, v, key, attrs in sample_graph.edges(keys=True, data=True):
        assert clean.edges[u, v, key]["evidence"] == attrs["evidence"]
        assert clean.edges[u, v, key]["documents"] == attrs["documents"]


def test_sanitize_is_deterministic_whatever_the_insertion_order(sample_graph):
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(sample_graph.graph)
    shuffled.add_nodes_from(reversed(list(sample_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(sample_graph.edges(keys=True, data=True))))
    a, b = sanitize_graph(sample_graph), sanitize_graph(shuffled)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        (["b", "a"], {"a": "a", "b": "b"}),
        (["a\x00", "a"], {"a": "a", "a\x00": "a~2"}),
        ([" a ", "a"], {" a ": "a", "a": "a~2"}),
        (["\x01", ""], {"": "_", "\x01": "_~2"}),
        ([1, "1"], {"1": "1", 1: "1~2"}),
    ],
)
def test_node_ids_are_clean_and_unique(nodes, expected):
    g = nx.Graph()
    g.add_nodes_from(nodes)
    assert node_ids(g) == expected


def test_edges_follow_renamed_nodes_and_keys_stay_unique():
    g = nx.MultiDiGraph()
    g.add_edge("a\x00", "b", key="consult\x00", count=1)
    g.add_edge("a\x00", "b", key="consult", count=2)
    g.add_edge("a", "b", key="consult", count=3)
    clean = sanitize_graph(g)
    assert sorted(clean.edges(keys=True, data="count")) == [
        ("a", "b", "consult", 3),
        ("a~2", "b", "consult", 2),
        ("a~2", "b", "consult~2", 1),
    ]


def test_attribute_names_are_cleaned_and_empty_ones_dropped():
    g = nx.MultiDiGraph()
    g.add_node("a", **{"na\x00me": 1, "\x00": 2, "": 3})
    assert sanitize_graph(g).nodes["a"] == {"name": 1}


def test_undirected_and_simple_graphs_are_accepted():
    clean = sanitize_graph(nx.Graph([("a", "b")]))
    assert list(clean.edges(keys=True)) == [("a", "b", "0")]


def test_max_text_below_minimum_is_refused():
    with pytest.raises(ValueError, match="max_text"):
        sanitize_graph(nx.MultiDiGraph(), max_text=10)


class _Boxed:
    """Not numpy, but with an item() method, as the map has always unwrapped."""

    def item(self):
        return 7

    def __str__(self):
        return "boxed"


@pytest.mark.parametrize(
    ("value", "cleaned", "as_is"),
    [
        ("a\x00\r\nb", "a\nb", "a\x00\r\nb"),
        (np.str_("z\x00"), "z", np.str_("z\x00")),
        (np.int64(5), 5, 5),
        (np.float32(0.25), 0.25, 0.25),
        (np.bool_(True), True, True),
        (np.float64("nan"), None, None),
        (float("inf"), None, None),
        (np.array([1]), [1], 1),
        (dt.date(2024, 1, 2), "2024-01-02", "2024-01-02"),
        (dt.datetime(2024, 1, 2, 3, 4), "2024-01-02T03:04:00", "2024-01-02 03:04:00"),
        ({"1", 2}, [2, "1"], ["1", 2]),
        ({"k\x00": ({3}, None)}, {"k": [[3], None]}, {"k\x00": [[3], None]}),
        (_Boxed(), "boxed", 7),
    ],
)
def test_plain_value_for_files_and_for_the_map(value, cleaned, as_is):
    assert plain_value(value) == cleaned
    assert plain_value(value, clean=False) == as_is
    assert type(plain_value(value)) is type(cleaned)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, "true"), (False, "false"), (0.1, "0.1"), (1e16, "1e+16"), (3, "3"), ("x", "x")],
)
def test_value_text(value, expected):
    assert value_text(value) == expected


def test_xml_escaping_keeps_line_breaks_in_attributes_and_text():
    assert xml_attr('a "b" <c>&\n\t\r') == "a &quot;b&quot; &lt;c&gt;&amp;&#10;&#9;&#13;"
    assert xml_text('a "b" <c>&\n') == 'a "b" &lt;c&gt;&amp;\n'
