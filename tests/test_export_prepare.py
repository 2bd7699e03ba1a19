"""The prepared graph: each part the same as computing it directly, and only when asked."""

from __future__ import annotations

import dataclasses
from collections import Counter

import networkx as nx
import pytest

from graphbuild.export.prepare import PARTS, PreparedGraph, edge_dates, is_date, need, prepare
from graphbuild.export.sanitize import node_ids, sanitize_graph
from graphbuild.export.style import layout_positions, node_styles


def _same_graph(a, b):
    return nx.node_link_data(a, edges="links") == nx.node_link_data(b, edges="links")


def test_every_part_equals_computing_it_directly(sample_graph):
    before = nx.node_link_data(sample_graph, edges="links")
    ready = prepare(sample_graph, PARTS, max_text=200)
    assert ready.source is sample_graph
    assert _same_graph(ready.flat, sanitize_graph(sample_graph, max_text=200))
    assert _same_graph(ready.full, sanitize_graph(sample_graph, flat=False, max_text=None))
    assert ready.positions == layout_positions(sample_graph)
    assert ready.styles == node_styles(sample_graph, ready.flat, ready.positions)
    assert ready.dates == edge_dates(sample_graph)
    assert nx.node_link_data(sample_graph, edges="links") == before  # not modified


@pytest.mark.parametrize(
    ("needs", "present"),
    [
        ([], set()),
        (["flat"], {"flat"}),
        (["full"], {"full"}),
        (["positions"], {"positions"}),
        (["styles"], {"flat", "positions", "styles"}),
        (["dates", "flat"], {"dates", "flat"}),
    ],
)
def test_only_the_parts_asked_for_and_their_dependencies_are_computed(
    sample_graph, needs, present
):
    ready = prepare(sample_graph, needs)
    assert {part for part in PARTS if getattr(ready, part) is not None} == present


def test_given_positions_are_used_instead_of_a_new_layout(sample_graph):
    given = {node: (float(i), 0.0) for i, node in enumerate(sample_graph)}
    ready = prepare(sample_graph, ["styles"], positions=given)
    assert ready.positions is given
    ids = node_ids(sample_graph)
    assert {ids[n]: ready.styles[ids[n]].x for n in given} == {
        ids[n]: x for n, (x, _) in given.items()
    }


def test_unknown_part_names_the_valid_ones(sample_graph):
    with pytest.raises(ValueError, match="choose from: flat, full, positions, styles, dates"):
        prepare(sample_graph, ["flat", "layout"])


def test_a_part_not_prepared_is_a_clear_error(sample_graph):
    ready = prepare(sample_graph, ["flat"])
    assert need(ready.flat, "flat") is ready.flat
    with pytest.raises(ValueError, match="prepared without 'styles'"):
        need(ready.styles, "styles")


def test_the_prepared_graph_is_frozen(sample_graph):
    ready = prepare(sample_graph, ["flat"])
    assert isinstance(ready, PreparedGraph)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ready.flat = None  # type: ignore[misc]


def test_edge_dates_count_every_evidence_day_the_flat_copy_cuts_short():
    g = nx.MultiDiGraph()
    evidence = [{"date": f"2024-01-{1 + i % 3:02d}", "sentence": "x" * 500} for i in range(30)]
    evidence += [{"date": "2024-02-30"}, {"date": None}, "not a dict"]
    g.add_edge("a\x00", "b", key="consult\x00", evidence=evidence)
    g.add_edge("b", "a\x00", key="accuse")
    assert edge_dates(g) == {
        ("a", "b", "consult"): Counter({"2024-01-01": 10, "2024-01-02": 10, "2024-01-03": 10})
    }
    assert edge_dates(nx.Graph([("a", "b")])) == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("2024-13-01", False),
        ("2024-1-01", False),
        ("2024-01-01T00:00", False),
        ("2024-01-01\n", False),
        (20240101, False),
        (None, False),
    ],
)
def test_is_date(value, expected):
    assert is_date(value) is expected
