"""The visual encoding every export shares: colours, sizes, positions, Gephi node styles."""

from __future__ import annotations

import networkx as nx
import pytest

from graphbuild.export.sanitize import node_ids, sanitize_graph
from graphbuild.export.style import (
    DEFAULT_COLOR,
    QUAD_COLORS,
    TYPE_COLORS,
    NodeStyle,
    edge_label,
    edge_rgb,
    edge_weight,
    edge_width,
    hex_to_rgb,
    layout_positions,
    node_sizes,
    node_styles,
)


def test_layout_is_deterministic_centred_and_covers_every_node(sample_graph):
    positions = layout_positions(sample_graph)
    assert positions == layout_positions(sample_graph.copy())
    assert set(positions) == set(sample_graph.nodes)
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    for axis in (xs, ys):
        assert (max(axis) + min(axis)) / 2 == pytest.approx(0.0, abs=0.02)  # centred
    # the longer side of the layout spans 2 * scale
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx(2000.0, abs=0.02)
    assert layout_positions(nx.MultiDiGraph()) == {}


def test_node_styles_follow_the_sanitised_ids_and_flip_y(sample_graph):
    clean = sanitize_graph(sample_graph)
    positions = {node: (float(i), float(i + 1)) for i, node in enumerate(sample_graph)}
    styles = node_styles(sample_graph, clean, positions)
    ids = node_ids(sample_graph)
    sizes = node_sizes(clean)
    assert set(styles) == set(clean.nodes)
    for node, (x, y) in positions.items():
        style = styles[ids[node]]
        assert isinstance(style, NodeStyle)
        assert (style.x, style.y) == (x, -y)
        assert style.size == round(sizes[ids[node]], 2)
        node_type = clean.nodes[ids[node]].get("type")
        assert style.rgb == hex_to_rgb(TYPE_COLORS.get(node_type, DEFAULT_COLOR))


def test_node_styles_compute_the_layout_when_not_given(sample_graph):
    clean = sanitize_graph(sample_graph)
    assert node_styles(sample_graph, clean) == node_styles(
        sample_graph, clean, layout_positions(sample_graph)
    )


@pytest.mark.parametrize(
    ("attrs", "label", "weight", "rgb"),
    [
        (
            {"relation": "sanction", "weight": 3.0, "quad_class": "material_conflict"},
            "sanction",
            3.0,
            hex_to_rgb(QUAD_COLORS["material_conflict"]),
        ),
        ({"count": 2}, "key", 2.0, hex_to_rgb(DEFAULT_COLOR)),
        ({"weight": True, "relation": 5}, "key", 1.0, hex_to_rgb(DEFAULT_COLOR)),
    ],
)
def test_what_an_edge_shows(attrs, label, weight, rgb):
    assert (edge_label("key", attrs), edge_weight(attrs), edge_rgb(attrs)) == (label, weight, rgb)


def test_edge_width_grows_on_a_log_scale_up_to_a_cap():
    assert edge_width(1) == 1.0
    assert edge_width(4) == 5.0
    assert edge_width(10**9) == 10.0
