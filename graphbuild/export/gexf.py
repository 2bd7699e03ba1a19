"""GEXF 1.3 for Gephi, with the map's styling and a timeline.

networkx's `write_gexf(version="1.3")` names the wrong XSI namespace, stamps today's
date into the file (so two runs never give the same bytes), writes attributes the 1.3
schema does not know (`graph/@name`) and cannot set an edge's `kind`. This module writes
the document itself with `xml.etree` (no lxml needed) and reads back with
`networkx.read_gexf`.

What Gephi gets:

* `viz:color`, `viz:size`, `viz:position` and `viz:shape` from `export/style.py`, so the
  layout, colours and dashed (verbal) relations match the HTML map.
* Each edge's `kind` is its relation, so Gephi keeps two relations between the same
  actors as two edges instead of merging them.
* A timeline (`mode="dynamic"`, `timeformat="date"`): each actor lives from its
  `first_seen` to its `last_seen` date; each relation has one spell per day it was
  reported (together spanning its `first_date` to `last_date`), and a dynamic
  attribute `daily_count` saying how often it was reported that day. Playing Gephi's
  timeline replays the relations as the news reported them. Relations with no dated
  evidence have no spells and stay visible throughout.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from .files import atomic_write
from .graphml import NodeStyle, edge_label, edge_rgb, edge_weight, node_styles
from .sanitize import MAX_TEXT, clean_text, node_ids, sanitize_graph
from .style import DASHED_QUADS, TYPE_SHAPES, edge_width

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

DAILY_COUNT = "daily_count"
"""The dynamic edge attribute: how many evidence sentences reported the relation on a day."""

_GEXF_SHAPES = {"dot": "disc", "diamond": "diamond", "square": "square", "triangle": "triangle"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_INT32 = range(-(2**31), 2**31)


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _gexf_type(values: Iterable[object]) -> str:
    values = list(values)
    first = values[0]
    if isinstance(first, bool):
        return "boolean"
    if isinstance(first, int):
        return "integer" if all(v in _INT32 for v in values) else "long"  # type: ignore[operator]
    if isinstance(first, float):
        return "double"
    return "string"


def _declare(graph_el: ET.Element, cls: str, mode: str, records: list[dict], skip=()) -> None:
    columns: dict[str, list] = {}
    for attrs in records:
        for name, value in attrs.items():
            if name not in skip:
                columns.setdefault(name, []).append(value)
    if not columns:
        return
    block = ET.SubElement(graph_el, "attributes", {"class": cls, "mode": mode})
    for name, values in columns.items():
        ET.SubElement(block, "attribute", id=name, title=name, type=_gexf_type(values))


def _attvalues(parent: ET.Element, attrs: dict, skip=()) -> None:
    items = [(k, v) for k, v in attrs.items() if k not in skip]
    if items:
        block = ET.SubElement(parent, "attvalues")
        for name, value in items:
            ET.SubElement(block, "attvalue", {"for": name, "value": _text(value)})


def _color(parent: ET.Element, rgb: tuple[int, int, int]) -> None:
    r, g, b = rgb
    ET.SubElement(parent, "viz:color", r=str(r), g=str(g), b=str(b), a="1.0")


def _edge_dates(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], Counter]:
    """Evidence dates per sanitised edge, counted, from the full evidence lists."""
    ids = node_ids(graph)
    dates: dict[tuple[str, str, str], Counter] = {}
    if not graph.is_multigraph():
        return dates
    for u, v, key, evidence in graph.edges(keys=True, data="evidence", default=None):
        found = Counter(
            item.get("date")
            for item in evidence or ()
            if isinstance(item, dict) and _is_date(item.get("date"))
        )
        if found:
            dates[(ids[u], ids[v], clean_text(str(key)))] = found
    return dates


def _node_element(
    parent: ET.Element, node: str, attrs: dict, style: NodeStyle, shape: str | None
) -> bool:
    label = attrs.get("label")
    el = ET.SubElement(parent, "node", id=node, label=label if isinstance(label, str) else node)
    timed = False
    for name, xml_name in (("first_seen", "start"), ("last_seen", "end")):
        if _is_date(attrs.get(name)):
            el.set(xml_name, attrs[name])
            timed = True
    _attvalues(el, attrs, skip=("label",))
    _color(el, style.rgb)
    ET.SubElement(el, "viz:position", x=repr(style.x), y=repr(style.y), z="0.0")
    ET.SubElement(el, "viz:size", value=repr(style.size))
    if shape:
        ET.SubElement(el, "viz:shape", value=shape)
    return timed


def _edge_element(
    parent: ET.Element, eid: str, u: str, v: str, key: str, attrs: dict, days: Counter | None
) -> None:
    label = edge_label(key, attrs)
    el = ET.SubElement(
        parent,
        "edge",
        id=eid,
        source=u,
        target=v,
        label=label,
        kind=label,
        weight=repr(edge_weight(attrs)),
    )
    static = {k: val for k, val in attrs.items() if k not in ("label", "weight", DAILY_COUNT)}
    _attvalues(el, static)
    if days:
        block = el.find("attvalues")
        if block is None:
            block = ET.SubElement(el, "attvalues")
        spells = ET.SubElement(el, "spells")
        for day in sorted(days):
            ET.SubElement(
                block,
                "attvalue",
                {"for": DAILY_COUNT, "value": str(days[day])},
                start=day,
                end=day,
            )
            ET.SubElement(spells, "spell", start=day, end=day)
    _color(el, edge_rgb(attrs))
    count = attrs.get("count")
    thickness = edge_width(count if isinstance(count, (int, float)) else 1)
    ET.SubElement(el, "viz:thickness", value=repr(round(thickness, 3)))
    dashed = attrs.get("quad_class") in DASHED_QUADS  # words, not deeds, as on the map
    ET.SubElement(el, "viz:shape", value="dashed" if dashed else "solid")


def gexf_document(
    G: nx.MultiDiGraph, *, positions: dict | None = None, max_text: int | None = MAX_TEXT
) -> ET.Element:
    """The GEXF 1.3 document for `G` as an ElementTree element (see `write_gexf`)."""
    clean = sanitize_graph(G, max_text=max_text)
    styles = node_styles(G, clean, positions)
    dates = _edge_dates(G)

    root = ET.Element(
        "gexf",
        {
            "xmlns": GEXF_NS,
            "xmlns:viz": VIZ_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
            "version": "1.3",
        },
    )
    # No lastmodifieddate: a date stamp would make every run's file different.
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "graphbuild"
    documents = clean.graph.get("documents")
    if isinstance(documents, int):
        ET.SubElement(
            meta, "description"
        ).text = f"Actors and relations found in {documents} documents"
    graph_el = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")

    node_records = [attrs for _, attrs in clean.nodes(data=True)]
    edge_records = [attrs for _, _, attrs in clean.edges(data=True)]
    _declare(graph_el, "node", "static", node_records, skip=("label",))
    _declare(graph_el, "edge", "static", edge_records, skip=("label", "weight", DAILY_COUNT))

    timed = False
    nodes_el = ET.Element("nodes", count=str(clean.number_of_nodes()))
    for node, attrs in clean.nodes(data=True):
        node_type = attrs.get("type")
        shape = (
            _GEXF_SHAPES.get(TYPE_SHAPES.get(node_type, ""))
            if isinstance(node_type, str)
            else None
        )
        timed |= _node_element(nodes_el, node, attrs, styles[node], shape)

    edges_el = ET.Element("edges", count=str(clean.number_of_edges()))
    for i, (u, v, key, attrs) in enumerate(clean.edges(keys=True, data=True)):
        days = dates.get((u, v, key))
        timed |= bool(days)
        _edge_element(edges_el, f"e{i}", u, v, key, attrs, days)

    if any(dates.get(e) for e in clean.edges(keys=True)):
        block = ET.SubElement(graph_el, "attributes", {"class": "edge", "mode": "dynamic"})
        ET.SubElement(block, "attribute", id=DAILY_COUNT, title=DAILY_COUNT, type="integer")
    if timed:
        graph_el.set("mode", "dynamic")
        graph_el.set("timeformat", "date")
    graph_el.append(nodes_el)
    graph_el.append(edges_el)
    return root


def write_gexf(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    positions: dict | None = None,
    max_text: int | None = MAX_TEXT,
) -> Path:
    """Write `G` as GEXF 1.3 with colours, sizes, positions and a timeline for Gephi.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from `build_graph` (or a view of it); not modified.
    path : str or path
        Where to write; replaced atomically.
    positions : dict, optional
        `layout_positions(G)`, when the caller already has it.
    max_text : int or None
        Longest joined list or evidence JSON per value (see `sanitize`).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="consult", relation="consult", count=1, weight=1.0,
    ...            evidence=[{"date": "2024-01-02", "sentence": "A met B."}])
    'consult'
    >>> out = write_gexf(g, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
    >>> back = nx.read_gexf(out)
    >>> [(u, v, d["label"], d["spells"]) for u, v, d in back.edges(data=True)]
    [('a', 'b', 'consult', [('2024-01-02', '2024-01-02')])]
    """
    root = gexf_document(G, positions=positions, max_text=max_text)
    ET.indent(root)
    with atomic_write(path, "wb") as handle:
        ET.ElementTree(root).write(handle, encoding="utf-8", xml_declaration=True)
    return Path(path)
