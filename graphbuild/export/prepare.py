"""The graph every writer of one export reads: sanitised, styled, positioned, dated.

Sanitising and the layout are the slow parts of an export (the layout takes about a
second for 10,000 nodes, sanitising evidence lists about as long), and several formats
need the same ones: GraphML, GEXF and CSV write the same flat copy, the map and Gephi
share one layout so an actor sits in the same place in both. `prepare` computes each
part a set of formats needs once, and only those; a writer then reads a frozen
`PreparedGraph` instead of recomputing.

The parts, by name (`PARTS`):

* ``flat``: `sanitize_graph(G, max_text=...)`, for GraphML, GEXF and CSV;
* ``full``: `sanitize_graph(G, flat=False, max_text=None)`, for JSON (lists kept whole);
* ``positions``: `style.layout_positions(G)`, keyed by the nodes of `G`, for the map
  and Gephi;
* ``styles``: `style.node_styles` of the flat copy (needs ``flat`` and ``positions``,
  which are then computed too);
* ``dates``: `edge_dates(G)`, the evidence dates per flat edge, for GEXF's timeline
  (taken from `G`, whose evidence lists the flat copy cuts short).

The map reads `G` itself (`PreparedGraph.source`), so it needs only ``positions``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx

from .sanitize import MAX_TEXT, clean_text, node_ids, sanitize_graph
from .style import NodeStyle, layout_positions, node_styles

PARTS = ("flat", "full", "positions", "styles", "dates")
"""What `prepare` can compute, in the order it does."""

_DEPENDS = {"styles": ("flat", "positions")}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

EdgeDates = dict[tuple[str, str, str], Counter]
"""(source, target, key) of a flat edge -> how many evidence items fell on each day."""

T = TypeVar("T")


def is_date(value: object) -> bool:
    """Whether `value` is a real calendar date spelled ``YYYY-MM-DD``.

    Examples
    --------
    >>> is_date("2024-02-29"), is_date("2023-02-29"), is_date("2024-2-1"), is_date(None)
    (True, False, False, False)
    """
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def edge_dates(graph: nx.MultiDiGraph) -> EdgeDates:
    """Evidence dates per sanitised edge (source, target, key), counted per day.

    Taken from the full evidence lists of `graph`, which the flat formats cut short.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="consult", evidence=[{"date": "2024-01-02"}] * 2)
    'consult'
    >>> edge_dates(g)
    {('a', 'b', 'consult'): Counter({'2024-01-02': 2})}
    """
    ids = node_ids(graph)
    dates: EdgeDates = {}
    if not graph.is_multigraph():
        return dates
    for u, v, key, evidence in graph.edges(keys=True, data="evidence", default=None):
        found = Counter(
            item.get("date")
            for item in evidence or ()
            if isinstance(item, dict) and is_date(item.get("date"))
        )
        if found:
            dates[(ids[u], ids[v], clean_text(str(key)))] = found
    return dates


@dataclass(frozen=True)
class PreparedGraph:
    """One export's shared parts; a part `prepare` was not asked for is None."""

    source: nx.MultiDiGraph
    """The graph as given; never modified (the map reads it directly)."""
    flat: nx.MultiDiGraph | None = None
    """The sanitised flat copy (only bool, int, float and str values)."""
    full: nx.MultiDiGraph | None = None
    """The sanitised copy with lists and dicts kept in full."""
    positions: Mapping[Any, tuple[float, float]] | None = None
    """`layout_positions(source)`, or the positions the caller gave."""
    styles: dict[str, NodeStyle] | None = None
    """Gephi size, position and colour per node of `flat`."""
    dates: EdgeDates | None = None
    """Evidence dates per edge of `flat`."""


def need(value: T | None, part: str) -> T:
    """`value`, a part of a `PreparedGraph`; a clear error if it was not prepared.

    Examples
    --------
    >>> need(prepare(nx.MultiDiGraph(), ["flat"]).flat, "flat").number_of_nodes()
    0
    >>> need(prepare(nx.MultiDiGraph(), ["flat"]).dates, "dates")
    Traceback (most recent call last):
    ...
    ValueError: the graph was prepared without 'dates'; pass it to prepare()
    """
    if value is None:
        raise ValueError(f"the graph was prepared without {part!r}; pass it to prepare()")
    return value


def _with_dependencies(needs: Iterable[str]) -> set[str]:
    wanted = set(needs)
    unknown = sorted(wanted - set(PARTS))
    if unknown:
        raise ValueError(
            f"unknown part {', '.join(map(repr, unknown))}; choose from: {', '.join(PARTS)}"
        )
    for part in list(wanted):
        wanted.update(_DEPENDS.get(part, ()))
    return wanted


def prepare(
    G: nx.MultiDiGraph,
    needs: Iterable[str],
    *,
    positions: Mapping[Any, Any] | None = None,
    max_text: int | None = MAX_TEXT,
) -> PreparedGraph:
    """Compute the `needs` (names from `PARTS`) of `G` once, for any number of writers.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph to export; not modified.
    needs : iterable of str
        The parts wanted; ``styles`` brings ``flat`` and ``positions`` with it.
    positions : mapping, optional
        `layout_positions(G)` when the caller already has it; used instead of a new
        layout (and kept even when ``positions`` is not needed, as the map's writer
        takes it as given).
    max_text : int or None
        Longest joined list or evidence JSON per value of the flat copy (see `sanitize`).

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> ready = prepare(g, ["styles"])
    >>> sorted(ready.styles), ready.full is None, ready.dates is None
    (['a', 'b'], True, True)
    >>> prepare(g, ["layout"])
    Traceback (most recent call last):
    ...
    ValueError: unknown part 'layout'; choose from: flat, full, positions, styles, dates
    """
    wanted = _with_dependencies(needs)
    flat = sanitize_graph(G, max_text=max_text) if "flat" in wanted else None
    full = sanitize_graph(G, flat=False, max_text=None) if "full" in wanted else None
    if positions is None and "positions" in wanted:
        positions = layout_positions(G)
    styles = None
    if "styles" in wanted:
        styles = node_styles(G, need(flat, "flat"), need(positions, "positions"))
    dates = edge_dates(G) if "dates" in wanted else None
    return PreparedGraph(G, flat, full, positions, styles, dates)
