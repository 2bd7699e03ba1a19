"""GEXF 1.3 for Gephi, with the map's styling and a timeline.

networkx's `write_gexf(version="1.3")` names the wrong XSI namespace, stamps today's
date into the file (so two runs never give the same bytes), writes attributes the 1.3
schema does not know (`graph/@name`) and cannot set an edge's `kind`. This module
streams the document as text (no lxml needed; checked against the GEXF 1.3 RELAX NG
grammar) and reads back with `networkx.read_gexf`.

What Gephi gets:

* `viz:color`, `viz:size`, `viz:position` and `viz:shape` from `export/style.py`, so the
  layout, colours and dashed (verbal) relations match the HTML map.
* Each edge's `kind` is its relation, so Gephi keeps two relations between the same
  actors as two edges instead of merging them.
* A timeline (`mode="dynamic"`, `timeformat="date"`): a date is an instant, midnight,
  for Gephi, and an interval includes both ends, so a spell from a day to the same day
  would show its relation for one instant only. A day here is the interval from its
  midnight to the next one: each actor lives from its `first_seen` day to the end of
  its `last_seen` day; each relation has one spell per run of consecutive days it was
  reported (from the first day to the day after the last), and a dynamic attribute
  `daily_count` saying how often it was reported each day (one interval a day, which
  touch but do not overlap, as Gephi requires). Playing Gephi's timeline replays the
  relations as the news reported them. Relations with no dated evidence have no spells
  and stay visible throughout.
* The document validates against the official GEXF 1.3 RELAX NG grammar (which has no
  place for `xsi:schemaLocation`, so the root carries none).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx

from .files import atomic_write
from .prepare import EdgeDates, PreparedGraph, is_date, need, prepare
from .sanitize import MAX_TEXT, value_text, xml_attr
from .style import (
    DASHED_QUADS,
    TYPE_SHAPES,
    NodeStyle,
    edge_label,
    edge_rgb,
    edge_weight,
    edge_width,
)

FILES = ("graph.gexf",)
"""What `write_formats` calls the file in its output folder."""
NEEDS = ("flat", "styles", "dates")
"""The parts of a `PreparedGraph` this writer reads."""

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

DAILY_COUNT = "daily_count"
"""The dynamic edge attribute: how many evidence sentences reported the relation on a day."""

_GEXF_SHAPES = {"dot": "disc", "diamond": "diamond", "square": "square", "triangle": "triangle"}
_INT32 = range(-(2**31), 2**31)
_EDGE_XML_ATTRS = ("label", "weight", DAILY_COUNT)  # written on <edge>, not as attvalues


def next_day(day: str) -> str:
    """The day after `day` (``YYYY-MM-DD``): where a spell of that day ends.

    Examples
    --------
    >>> next_day("2024-02-28"), next_day("2024-02-29"), next_day("2024-12-31")
    ('2024-02-29', '2024-03-01', '2025-01-01')
    """
    return (_dt.date.fromisoformat(day) + _dt.timedelta(days=1)).isoformat()


def day_spells(days: Iterable[str]) -> list[tuple[str, str]]:
    """(start, end) spells covering the whole of each of `days`, one per run of days.

    Examples
    --------
    >>> day_spells(["2024-01-03", "2024-01-01", "2024-01-02", "2024-01-09"])
    [('2024-01-01', '2024-01-04'), ('2024-01-09', '2024-01-10')]
    """
    spells: list[tuple[str, str]] = []
    for day in sorted(set(days)):
        if spells and spells[-1][1] == day:
            spells[-1] = (spells[-1][0], next_day(day))
        else:
            spells.append((day, next_day(day)))
    return spells


def _gexf_type(values: list) -> str:
    first = values[0]
    if isinstance(first, bool):
        return "boolean"
    if isinstance(first, int):
        return "integer" if all(v in _INT32 for v in values) else "long"
    if isinstance(first, float):
        return "double"
    return "string"


def _declare(cls: str, records: Iterable[dict], skip: tuple[str, ...]) -> Iterator[str]:
    columns: dict[str, list] = {}
    for attrs in records:
        for name, value in attrs.items():
            if name not in skip:
                columns.setdefault(name, []).append(value)
    if not columns:
        return
    yield f'    <attributes class="{cls}" mode="static">\n'
    for name in sorted(columns):
        yield (
            f'      <attribute id="{xml_attr(name)}" title="{xml_attr(name)}" '
            f'type="{_gexf_type(columns[name])}" />\n'
        )
    yield "    </attributes>\n"


def _attvalue(name: str, value: object, extra: str = "") -> str:
    value = xml_attr(value_text(value))
    return f'          <attvalue for="{xml_attr(name)}" value="{value}"{extra} />\n'


def _color(rgb: tuple[int, int, int]) -> str:
    r, g, b = rgb
    return f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'


def _node_lines(node: str, attrs: dict, style: NodeStyle) -> Iterator[str]:
    label = attrs.get("label")
    label = label if isinstance(label, str) else node
    span = ""
    if is_date(attrs.get("first_seen")):
        span += f' start="{attrs["first_seen"]}"'
    if is_date(attrs.get("last_seen")):
        span += f' end="{next_day(attrs["last_seen"])}"'  # to the end of that day
    yield f'      <node id="{xml_attr(node)}" label="{xml_attr(label)}"{span}>\n'
    values = [(k, v) for k, v in attrs.items() if k != "label"]
    if values:
        yield "        <attvalues>\n"
        yield from (_attvalue(k, v) for k, v in values)
        yield "        </attvalues>\n"
    yield _color(style.rgb)
    yield f'        <viz:position x="{style.x!r}" y="{style.y!r}" z="0.0" />\n'
    yield f'        <viz:size value="{style.size!r}" />\n'
    node_type = attrs.get("type")
    shape = (
        _GEXF_SHAPES.get(TYPE_SHAPES.get(node_type, "")) if isinstance(node_type, str) else None
    )
    if shape:
        yield f'        <viz:shape value="{shape}" />\n'
    yield "      </node>\n"


def _edge_lines(
    edge_id: str, u: str, v: str, key: str, attrs: dict, days: Counter | None
) -> Iterator[str]:
    label = xml_attr(edge_label(key, attrs))
    yield (
        f'      <edge id="{edge_id}" source="{xml_attr(u)}" target="{xml_attr(v)}" '
        f'label="{label}" kind="{label}" weight="{edge_weight(attrs)!r}">\n'
    )
    values = [(k, val) for k, val in attrs.items() if k not in _EDGE_XML_ATTRS]
    if values or days:
        yield "        <attvalues>\n"
        yield from (_attvalue(k, val) for k, val in values)
        for day in sorted(days or ()):
            span = f' start="{day}" end="{next_day(day)}"'
            yield _attvalue(DAILY_COUNT, days[day], span)  # type: ignore[index]
        yield "        </attvalues>\n"
    if days:
        yield "        <spells>\n"
        for start, end in day_spells(days):
            yield f'          <spell start="{start}" end="{end}" />\n'
        yield "        </spells>\n"
    yield _color(edge_rgb(attrs))
    count = attrs.get("count")
    thickness = edge_width(count if isinstance(count, (int, float)) else 1)
    yield f'        <viz:thickness value="{round(thickness, 3)!r}" />\n'
    dashed = attrs.get("quad_class") in DASHED_QUADS  # words, not deeds, as on the map
    yield f'        <viz:shape value="{"dashed" if dashed else "solid"}" />\n'
    yield "      </edge>\n"


def gexf_lines(
    clean: nx.MultiDiGraph, styles: dict[str, NodeStyle], dates: EdgeDates
) -> Iterator[str]:
    """The GEXF 1.3 document for the sanitised graph `clean`, line by line."""
    edges = list(clean.edges(keys=True, data=True))
    dynamic = any(dates.get((u, v, k)) for u, v, k, _ in edges)
    timed = dynamic or any(
        is_date(a.get("first_seen")) or is_date(a.get("last_seen"))
        for _, a in clean.nodes(data=True)
    )
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield (f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.3">\n')
    # No lastmodifieddate: a date stamp would make every run's file different.
    yield "  <meta>\n    <creator>graphbuild</creator>\n"
    documents = clean.graph.get("documents")
    if isinstance(documents, int) and not isinstance(documents, bool):
        about = f"Actors and relations found in {documents} document" + "s" * (documents != 1)
        yield f"    <description>{about}</description>\n"
    yield "  </meta>\n"
    mode = ' mode="dynamic" timeformat="date"' if timed else ' mode="static"'
    yield f'  <graph defaultedgetype="directed"{mode}>\n'
    yield from _declare("node", (a for _, a in clean.nodes(data=True)), ("label",))
    yield from _declare("edge", (a for *_, a in edges), _EDGE_XML_ATTRS)
    if dynamic:
        yield '    <attributes class="edge" mode="dynamic">\n'
        yield f'      <attribute id="{DAILY_COUNT}" title="{DAILY_COUNT}" type="integer" />\n'
        yield "    </attributes>\n"
    yield f'    <nodes count="{clean.number_of_nodes()}">\n'
    for node, attrs in clean.nodes(data=True):
        yield from _node_lines(node, attrs, styles[node])
    yield "    </nodes>\n"
    yield f'    <edges count="{len(edges)}">\n'
    for i, (u, v, key, attrs) in enumerate(edges):
        yield from _edge_lines(f"e{i}", u, v, key, attrs, dates.get((u, v, key)))
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_clean_gexf(
    clean: nx.MultiDiGraph,
    path: str | os.PathLike,
    styles: dict[str, NodeStyle],
    dates: EdgeDates,
) -> Path:
    """Write an already sanitised graph with precomputed styles and dates (see `write_gexf`)."""
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(gexf_lines(clean, styles, dates))
    return Path(path)


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
    [('a', 'b', 'consult', [('2024-01-02', '2024-01-03')])]
    """
    return _write(prepare(G, NEEDS, positions=positions, max_text=max_text), path)


def write_prepared(prepared: PreparedGraph, folder: str | os.PathLike) -> Path:
    """Write `folder/graph.gexf` from a graph prepared with `NEEDS` (see `write_gexf`).

    What `write_formats` calls, so the layout and the flat copy are shared with the
    other formats.
    """
    return _write(prepared, Path(folder) / FILES[0])


def _write(prepared: PreparedGraph, path: str | os.PathLike) -> Path:
    flat, styles = need(prepared.flat, "flat"), need(prepared.styles, "styles")
    return write_clean_gexf(flat, path, styles, need(prepared.dates, "dates"))
