"""nodes.csv and edges.csv that Gephi's spreadsheet import (and Excel) open as they are.

Gephi recognises these columns by name, whatever their case: `Id` and `Label` for
nodes; `Source`, `Target`, `Type` (direction), `Kind` (keeps parallel relations apart),
`Id`, `Label` and `Weight` for edges. Every other column becomes an attribute. Ids match
the GraphML and GEXF exports (`e0`, `e1`, ... for edges).

Encoding: UTF-8 *with* a byte-order mark. Excel opens a BOM-less CSV in the local ANSI
code page and garbles every non-Latin name (王毅, Лавров, العربية), which news about
diplomacy is full of; Gephi detects and skips the BOM, and Python reads it with
`encoding="utf-8-sig"`.

Quoting: RFC 4180 (fields with a comma, quote or line break are quoted, quotes doubled,
CRLF line ends). Gephi's CSV parser also treats a backslash as an escape character, so
a backslash is written doubled; that is one place Excel shows something other than the
original text. Read the files back with `csv.reader(f, DIALECT)`.

Formulas: a text cell that a spreadsheet would run as a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe, as
OWASP advises (`spreadsheet.defuse_formula`; `restore_formula` gives the text back).
Numbers (a negative intensity) are written as they are.

Evidence: the ``evidence`` column is one JSON array (`sanitize.bounded_json`) whose only
escapes are ``\\uXXXX`` (a quote in a sentence is ``\\u0022``, not ``\\"``), so that
`json.loads` takes the cell as read with `DIALECT` or by Gephi, and a plain RFC 4180
reader (Excel, pandas, `csv.reader` without the dialect) still reads valid JSON, where
only a sentence's quotes and backslashes stay escaped.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from .files import atomic_write
from .prepare import PreparedGraph, need, prepare
from .sanitize import MAX_TEXT
from .spreadsheet import FORMULA_STARTS, cell, defuse_formula, restore_formula
from .style import edge_label, edge_weight

FILES = ("nodes.csv", "edges.csv")
"""The two files, written side by side into one folder."""
NEEDS = ("flat",)
"""The parts of a `PreparedGraph` this writer reads."""

NODE_COLUMNS = ("Id", "Label")
EDGE_COLUMNS = ("Source", "Target", "Type", "Kind", "Id", "Label", "Weight")

NODE_FIELDS = ("type", "country", "role", "mentions", "first_seen", "last_seen", "aliases")
"""Node attributes in the order the graph documents them; any others follow, sorted."""
EDGE_FIELDS = (
    "relation",
    "quad_class",
    "intensity",
    "count",
    "confidence",
    "first_date",
    "last_date",
    "documents",
    "evidence",
)
"""Edge attributes in the order the graph documents them; any others follow, sorted."""


class GephiDialect(csv.Dialect):
    """RFC 4180 quoting plus backslash escapes, as Gephi's CSV parser reads them."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    escapechar = "\\"
    quoting = csv.QUOTE_MINIMAL
    lineterminator = "\r\n"
    skipinitialspace = False


DIALECT = GephiDialect
"""How both files are written (and how to read them back with the `csv` module)."""

JSON_COLUMNS = ("evidence",)
"""Edge columns that hold JSON, written with `\\uXXXX` escapes only."""

__all__ = [
    "DIALECT",
    "EDGE_COLUMNS",
    "FORMULA_STARTS",
    "NODE_COLUMNS",
    "defuse_formula",
    "json_cell",
    "restore_formula",
    "write_csv",
]

_JSON_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SHORT_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def json_cell(text: str) -> str:
    """JSON `text` with every escape written as ``\\uXXXX`` (see the module docstring).

    Examples
    --------
    >>> print(json_cell(r'["said \\"no\\"", "a\\\\b\\n"]'))
    ["said \\u0022no\\u0022", "a\\u005cb\\u000a"]
    """

    def unicode(match: re.Match[str]) -> str:
        escape = match[1]
        if escape.startswith("u") and len(escape) == 5:
            return match[0]
        return f"\\u{ord(_SHORT_ESCAPES.get(escape, escape)):04x}"

    return _JSON_ESCAPE.sub(unicode, text)


def _edge_cell(name: str, value: object) -> str:
    if name in JSON_COLUMNS and isinstance(value, str):
        return json_cell(value)
    return cell(value)


def _columns(records: Iterable[dict], preferred: tuple[str, ...], special: tuple[str, ...]):
    taken = {name.lower() for name in special}
    seen = {name for attrs in records for name in attrs}
    # An attribute named like a special column (case-insensitively) would make Gephi
    # read two columns as one; its value is already in the special column.
    seen = {name for name in seen if name.lower() not in taken}
    first = [name for name in preferred if name in seen]
    return first + sorted(seen - set(first))


def write_csv(
    G: nx.MultiDiGraph, directory: str | os.PathLike, *, max_text: int | None = MAX_TEXT
) -> tuple[Path, Path]:
    """Write `directory/nodes.csv` and `directory/edges.csv` for Gephi's spreadsheet import.

    Both files are written to temporary names and renamed into place together, so a
    failure leaves the previous pair (or nothing), never one new file and one old.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from `build_graph` (or a view of it); not modified.
    directory : str or path
        Folder for the two files; created when missing.
    max_text : int or None
        Longest joined list or evidence JSON per cell (see `sanitize`).

    Returns
    -------
    tuple of pathlib.Path
        The nodes file and the edges file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Wang Yi", type="leader")
    >>> g.add_edge("a", "b", key="consult", relation="consult", count=2, weight=2.0)
    'consult'
    >>> nodes, edges = write_csv(g, tempfile.mkdtemp())
    >>> nodes.read_text("utf-8-sig").splitlines()
    ['Id,Label,type', 'a,Wang Yi,leader', 'b,b,']
    >>> for line in edges.read_text("utf-8-sig").splitlines():
    ...     print(line)
    Source,Target,Type,Kind,Id,Label,Weight,relation,count
    a,b,Directed,consult,e0,consult,2.0,consult,2
    """
    return write_clean_csv(need(prepare(G, NEEDS, max_text=max_text).flat, "flat"), directory)


def write_prepared(prepared: PreparedGraph, folder: str | os.PathLike) -> Path:
    """Write `folder/nodes.csv` and `folder/edges.csv` from a graph prepared with `NEEDS`.

    What `write_formats` calls, sharing the flat copy with GraphML and GEXF; returns the
    nodes file (the edges file is beside it).
    """
    return write_clean_csv(need(prepared.flat, "flat"), folder)[0]


def write_clean_csv(clean: nx.MultiDiGraph, directory: str | os.PathLike) -> tuple[Path, Path]:
    """Write an already sanitised graph as nodes.csv and edges.csv (see `write_csv`)."""
    folder = Path(directory)
    nodes_path, edges_path = folder / FILES[0], folder / FILES[1]

    node_records = [attrs for _, attrs in clean.nodes(data=True)]
    edge_records = [attrs for _, _, attrs in clean.edges(data=True)]
    node_fields = _columns(node_records, NODE_FIELDS, NODE_COLUMNS)
    edge_fields = _columns(edge_records, EDGE_FIELDS, EDGE_COLUMNS)

    options = {"encoding": "utf-8-sig", "newline": ""}
    with (
        atomic_write(nodes_path, "w", **options) as node_file,
        atomic_write(edges_path, "w", **options) as edge_file,
    ):
        writer = csv.writer(node_file, DIALECT)
        writer.writerow([*NODE_COLUMNS, *node_fields])
        for node, attrs in clean.nodes(data=True):
            label = attrs.get("label")
            writer.writerow(
                [cell(node), cell(label if isinstance(label, str) else node)]
                + [cell(attrs.get(name)) for name in node_fields]
            )
        writer = csv.writer(edge_file, DIALECT)
        writer.writerow([*EDGE_COLUMNS, *edge_fields])
        for i, (u, v, key, attrs) in enumerate(clean.edges(keys=True, data=True)):
            label = cell(edge_label(key, attrs))
            writer.writerow(
                [cell(u), cell(v), "Directed", label, f"e{i}", label]
                + [cell(edge_weight(attrs))]
                + [_edge_cell(name, attrs.get(name)) for name in edge_fields]
            )
    return nodes_path, edges_path
