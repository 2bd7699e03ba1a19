"""dyads.csv: evidence counted per actor pair, period and quad class, as event data is.

Event-data analysts (ICEWS, GDELT, PLOVER) study a graph as dyads over time: how often,
and how hard, did X cooperate with or press Y each month. One row here is one directed
pair (source, target) in one period and one quad class, with

``count``
    how many evidence sentences of that pair, period and quad class the graph holds;
``intensity``
    the sum of their labels' intensities (`data/labels.csv`: +10 cooperation to -10
    conflict), so a month of three `accuse` (-4) is -12;
``relations``
    the labels behind the row and their counts (``accuse=2;reject=1``).

Only interactions count: structural relations (`official_of`, `member_of`, ...) are no
events. Rows follow the graph it is given: at `--level country` leaders are already folded
into their countries, and a symmetric relation (`consult`) runs one way with the evidence
of both; at the actor level X -> Y and Y -> X stay two rows, as the graph holds them.

Periods (`config.PERIODS`): ``month`` (``2024-07``, the default), ``week`` (ISO weeks,
``2024-W28``: a week belongs to the year of its Thursday) and ``year`` (``2024``).
Evidence without a date is counted apart, in a row whose period is ``undated``, after
the dated rows of its pair.

The file is written as `nodes.csv` and `edges.csv` are: UTF-8 with a byte-order mark,
RFC 4180 quoting with CRLF line ends, text cells a spreadsheet would run as a formula
defused (`spreadsheet.defuse_formula`), ids as in the other exports.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..labels import LABELS
from ..periods import DEFAULT_PERIOD, PERIODS, UNDATED, period_of
from .files import atomic_write
from .prepare import PreparedGraph
from .sanitize import clean_text, node_ids
from .spreadsheet import cell

FILES = ("dyads.csv",)
"""What `write_formats` calls the file in its output folder."""
NEEDS: tuple[str, ...] = ()
"""The parts of a `PreparedGraph` this writer reads: none, it reads the graph itself
(the flat copy cuts evidence lists short)."""

COLUMNS = (
    "source",
    "source_label",
    "target",
    "target_label",
    "period",
    "quad_class",
    "count",
    "intensity",
    "relations",
)
"""The columns of dyads.csv, in order."""

QUAD_CLASSES: tuple[str, ...] = tuple(
    dict.fromkeys(label.quad_class for label in LABELS.values() if label.kind == "interaction")
)
"""The quad classes of interactions, in the order of `data/labels.csv`."""


@dataclass
class _Row:
    count: int = 0
    intensity: int = 0
    relations: Counter = field(default_factory=Counter)


def _label_of(attrs: dict, key: object) -> str | None:
    relation = attrs.get("relation", key)
    return relation if isinstance(relation, str) and relation in LABELS else None


def dyad_rows(G: nx.MultiDiGraph, period: str = DEFAULT_PERIOD) -> Iterator[dict]:
    """One record per (source, target, period, quad class) of `G`'s interactions.

    Values are plain (ids and labels as the other exports write them, numbers as ints);
    the records come in the order the file lists them.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("CHN", label="China")
    >>> g.add_edge("CHN", "TWN", key="threaten", relation="threaten",
    ...            evidence=[{"date": "2024-05-23"}, {"date": "2024-05-24"}, {"date": None}])
    'threaten'
    >>> g.add_edge("CHN", "TWN", key="mobilize", relation="mobilize",
    ...            evidence=[{"date": "2024-05-23"}])
    'mobilize'
    >>> for row in dyad_rows(g):
    ...     print(row["period"], row["quad_class"], row["count"], row["intensity"],
    ...           row["relations"])
    2024-05 verbal_conflict 2 -12 threaten=2
    2024-05 material_conflict 1 -7 mobilize=1
    undated verbal_conflict 1 -6 threaten=1
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose from: {', '.join(PERIODS)}")
    ids = node_ids(G)
    rows: dict[tuple, _Row] = {}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        name = _label_of(attrs, key)
        if name is None or LABELS[name].kind != "interaction":
            continue
        label = LABELS[name]
        evidence = attrs.get("evidence")
        if isinstance(evidence, list):
            dates = [item.get("date") if isinstance(item, dict) else None for item in evidence]
        else:  # a graph made by hand: its count, undated
            dates = [None] * int(attrs.get("count", 1))
        for date in dates:
            row = rows.setdefault(
                (ids[u], ids[v], period_of(date, period), label.quad_class), _Row()
            )
            row.count += 1
            row.intensity += label.intensity
            row.relations[name] += 1
    nodes = {ids[n]: n for n in G.nodes}
    quads = {quad: i for i, quad in enumerate(QUAD_CLASSES)}
    for key in sorted(rows, key=lambda k: (k[0], k[1], k[2] == UNDATED, k[2], quads[k[3]])):
        source, target, when, quad = key
        row = rows[key]
        yield {
            "source": source,
            "source_label": _node_label(G, nodes[source]),
            "target": target,
            "target_label": _node_label(G, nodes[target]),
            "period": when,
            "quad_class": quad,
            "count": row.count,
            "intensity": row.intensity,
            "relations": ";".join(
                f"{name}={n}" for name, n in sorted(row.relations.items(), key=_by_table)
            ),
        }


def _by_table(item: tuple[str, int]) -> int:
    return list(LABELS).index(item[0])


def _node_label(G: nx.MultiDiGraph, node: object) -> str:
    label = G.nodes[node].get("label")
    return clean_text(label if isinstance(label, str) else str(node))


def write_dyads(
    G: nx.MultiDiGraph, path: str | os.PathLike, *, period: str = DEFAULT_PERIOD
) -> Path:
    """Write `G`'s interactions counted per actor pair, period and quad class as CSV.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from `build_graph` (or a view of it); not modified.
    path : str or path
        Where to write; replaced atomically.
    period : str
        ``week``, ``month`` or ``year`` (`config.PERIODS`).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="accuse", relation="accuse",
    ...            evidence=[{"date": "2024-01-02"}, {"date": "2024-01-30"}])
    'accuse'
    >>> out = write_dyads(g, pathlib.Path(tempfile.mkdtemp()) / "dyads.csv")
    >>> for line in out.read_text("utf-8-sig").splitlines():
    ...     print(line)
    source,source_label,target,target_label,period,quad_class,count,intensity,relations
    a,a,b,b,2024-01,verbal_conflict,2,-8,accuse=2
    """
    rows = list(dyad_rows(G, period))  # checks the period before the file is touched
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([cell(row[name]) for name in COLUMNS])
    return Path(path)


def write_prepared(
    prepared: PreparedGraph, folder: str | os.PathLike, *, period: str = DEFAULT_PERIOD
) -> Path:
    """Write `folder/dyads.csv` from the graph `prepared` holds (see `write_dyads`)."""
    return write_dyads(prepared.source, Path(folder) / FILES[0], period=period)
