"""One sanitising step that every exporter runs before it writes a graph.

The graph from `graphbuild.graph.build_graph` carries values no file format takes as
they are: None, lists of names, lists of evidence dicts, sometimes numpy numbers from an
analysis step, and text copied from news pages that may hold control characters or lone
surrogates. `sanitize_graph` turns all of that into plain, typed, XML-safe values once,
so GraphML, GEXF, JSON and CSV agree on what an attribute holds:

* None (and NaN or infinite floats) is dropped: the attribute is simply absent. So is
  an empty list in flat mode.
* numpy scalars become Python `bool`, `int` or `float` (never 32-bit types).
* Text loses the characters XML 1.0 forbids (control characters, lone surrogates,
  U+FFFE, U+FFFF); line breaks are normalised to `\\n`, which every format round-trips.
* Lists of names are joined with `"; "`; lists of dicts (the evidence) and dicts become
  compact JSON. In flat mode both are cut to `max_text` characters, keeping whole items
  and valid JSON; in JSON mode (`flat=False`) lists and dicts are kept in full.
* Each attribute name holds one type across all nodes (or all edges): ints mixed with
  floats become floats, any other mix becomes text.
* Nodes and edges come out sorted, so a writer that walks the graph in order writes the
  same bytes on every run.

`value_text`, `xml_attr` and `xml_text` spell a sanitised value in XML; they live here,
beside the cleaning they rely on, so the GraphML and GEXF writers share them without
importing each other.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from collections.abc import Hashable, Iterable, Mapping
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx

MAX_TEXT = 2000
"""Longest text (in characters) a joined list or JSON-encoded evidence may take in flat
formats (GraphML, GEXF, CSV): long enough for several evidence sentences, short enough
that a 10,000-edge graph stays a file Gephi opens."""

LIST_SEPARATOR = "; "
"""Joins list items (aliases, documents) in flat formats."""

_MIN_TEXT = 64

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
# [#x10000-#x10FFFF]. Everything else (C0 controls, lone surrogates, U+FFFE, U+FFFF)
# either raises in lxml or silently corrupts a file written by ElementTree.
_CONTROL_SPACES = re.compile("[\x0b\x0c]")
"""The vertical tab and form feed: line breaks to the word processors that write them (a
line break inside a table cell), which XML 1.0 forbids."""
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_ATTR_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}

MISSING = object()
"""What `clean_value` returns for a value to leave out (None, NaN, infinity)."""


def clean_text(text: str) -> str:
    """Remove characters XML 1.0 forbids and normalise line breaks to `\\n`.

    XML parsers turn a raw `\\r` into `\\n`, so normalising here lets text round-trip
    exactly through every format.

    Examples
    --------
    >>> clean_text("Wang\\x00 Yi\\r\\nmet\\ud800 Lavrov\\uffff")
    'Wang Yi\\nmet Lavrov'
    >>> clean_text("Gamma\\x0bDelta\\u2028Epsilon")
    'Gamma Delta\\u2028Epsilon'
    """
    if text.isprintable():
        # Fast path: every character XML forbids (controls, surrogates, non-characters)
        # is unprintable, and so are \r and \n.
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A vertical tab or form feed is a space to whoever typed it:
    # dropped, it would glue two words of a name together ("Gamma\vDelta").
    return _XML_FORBIDDEN.sub("", _CONTROL_SPACES.sub(" ", text))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def plain_value(value: Any, *, clean: bool = True) -> Any:
    """A nested value made of JSON types (str, int, float, bool, None, list, dict).

    numpy values become Python ones, NaN and infinities None, tuples lists, sets sorted
    lists. With `clean` (what every file format but the map gets), text loses the
    characters XML forbids (`clean_text`), dates are spelled `isoformat()` and sets sort
    by type, then text. The map's writer passes ``clean=False``: it keeps text as it is
    (the page puts it in with ``textContent``, and the file is written with
    ``errors="replace"``), spells any other object with `str` (a datetime with a space,
    not a ``T``), unwraps anything with an ``item()`` method (as numpy scalars have) and
    sorts sets by their text, as the page always did.

    Examples
    --------
    >>> import datetime, numpy as np
    >>> plain_value({"a\\x00": (np.int64(1), float("nan"))})
    {'a': [1, None]}
    >>> plain_value("a\\x00"), plain_value("a\\x00", clean=False)
    ('a', 'a\\x00')
    >>> moment = datetime.datetime(2024, 1, 2, 3, 4)
    >>> plain_value(moment), plain_value(moment, clean=False)
    ('2024-01-02T03:04:00', '2024-01-02 03:04:00')
    >>> plain_value({"1", 2}), plain_value({"1", 2}, clean=False)
    ([2, '1'], ['1', 2])
    """
    kind = type(value)
    if kind is str:
        return clean_text(value) if clean else value
    if value is None or kind is bool or kind is int:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if not clean and isinstance(value, str):
        return value  # numpy's str_ too, which .item() would cut at a trailing NUL
    if kind.__module__ == "numpy" and hasattr(value, "tolist"):
        # numpy scalar or array -> Python values
        return plain_value(value.tolist() if clean else value.item(), clean=clean)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return clean_text(str(value))
    if clean and isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {_key_text(k, clean): plain_value(v, clean=clean) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        items = [plain_value(v, clean=clean) for v in value]
        return sorted(items, key=_set_order if clean else str)
    if isinstance(value, (list, tuple)):
        return [plain_value(v, clean=clean) for v in value]
    if not clean and hasattr(value, "item"):
        return plain_value(value.item(), clean=False)
    return clean_text(str(value)) if clean else str(value)


def _key_text(key: Any, clean: bool) -> str:
    return clean_text(str(key)) if clean else str(key)


def _set_order(value: Any) -> tuple[str, str]:
    return str(type(value)), str(value)


def _shrink(value: Any, budget: int) -> Any:
    """Cut the strings inside one JSON-able item until its encoding fits `budget`."""
    cap = max((len(s) for s in _strings(value)), default=0)
    while cap > 0 and len(_dumps(value)) > budget:
        cap //= 2
        value = _cap_strings(value, cap)
    return value


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _cap_strings(value: Any, cap: int) -> Any:
    if isinstance(value, str):
        return value if len(value) <= cap else value[:cap] + "…"
    if isinstance(value, dict):
        return {k: _cap_strings(v, cap) for k, v in value.items()}
    if isinstance(value, list):
        return [_cap_strings(v, cap) for v in value]
    return value


def bounded_json(value: Any, limit: int | None) -> str:
    """Compact JSON of `value`; a list longer than `limit` keeps its first whole items.

    The result is always valid JSON. When even the first item does not fit, its strings
    are shortened (ending in `…`).

    Examples
    --------
    >>> bounded_json([{"s": "a" * 50}, {"s": "b" * 50}], 80)
    '[{"s":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]'
    >>> bounded_json([1, 2], None)
    '[1,2]'
    """
    full = _dumps(value)
    if limit is None or len(full) <= limit:
        return full
    if not isinstance(value, list):
        return _dumps(_shrink(value, limit))
    parts: list[str] = []
    size = 2
    for item in value:
        text = _dumps(item)
        extra = len(text) + (1 if parts else 0)
        if size + extra > limit:
            break
        parts.append(text)
        size += extra
    if not parts and value:
        parts.append(_dumps(_shrink(value[0], limit - 2)))
    return "[" + ",".join(parts) + "]"


def join_bounded(items: list[str], limit: int | None) -> str:
    """Join names with `"; "`, keeping whole items within `limit` and saying how many
    were left out.

    Examples
    --------
    >>> join_bounded(["a.txt", "b.txt"], None)
    'a.txt; b.txt'
    >>> join_bounded([f"doc-{i:03d}.txt" for i in range(20)], 64)
    'doc-000.txt; doc-001.txt; doc-002.txt; … (+17 more)'
    """
    text = LIST_SEPARATOR.join(items)
    if limit is None or len(text) <= limit:
        return text
    budget = limit - 24  # room for "; … (+N more)"
    kept: list[str] = []
    size = 0
    for item in items:
        extra = len(item) + (len(LIST_SEPARATOR) if kept else 0)
        if size + extra > budget:
            break
        kept.append(item)
        size += extra
    if not kept:
        kept = [items[0][: max(budget - 1, 1)] + "…"]
    left = len(items) - len(kept)
    if left == 0:
        return LIST_SEPARATOR.join(kept)
    return LIST_SEPARATOR.join(kept) + f"{LIST_SEPARATOR}… (+{left} more)"


def clean_value(value: Any, *, flat: bool = True, max_text: int | None = MAX_TEXT) -> Any:
    """One attribute value made safe for export, or `MISSING` when it should be dropped.

    Examples
    --------
    >>> import numpy as np
    >>> clean_value(np.float32(0.5)), clean_value(np.bool_(True)), clean_value(["b", "a"])
    (0.5, True, 'b; a')
    >>> clean_value([{"date": None, "doc": "a"}])
    '[{"date":null,"doc":"a"}]'
    >>> clean_value(["a", None], flat=False)
    ['a', None]
    """
    value = plain_value(value)
    if value is None:
        return MISSING
    if isinstance(value, (bool, int, float, str)):
        return value
    if not flat:
        return value
    if not value:
        return MISSING  # an empty list or dict is an empty cell, like None
    if isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value):
        return join_bounded([_as_text(v) for v in value if v is not None], max_text)
    return bounded_json(value, max_text)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return _dumps(value)
    return str(value)


def _unify(records: list[dict]) -> None:
    """Give each attribute name one type across `records`, in place."""
    kinds: dict[str, set[type]] = {}
    for attrs in records:
        for name, value in attrs.items():
            kinds.setdefault(name, set()).add(type(value))
    for name, types in kinds.items():
        if len(types) == 1:
            continue
        if types <= {int, float}:
            convert: Any = float
        else:
            convert = _as_text
        for attrs in records:
            if name in attrs:
                attrs[name] = convert(attrs[name])


def _clean_attrs(attrs: Mapping, flat: bool, max_text: int | None) -> dict:
    out = {}
    for name in sorted(attrs, key=str):
        key = clean_text(str(name)).strip()
        if not key:
            continue
        value = clean_value(attrs[name], flat=flat, max_text=max_text)
        if value is not MISSING:
            out[key] = value
    return out


def node_ids(graph: nx.Graph) -> dict[Hashable, str]:
    """Map each node to the clean, non-empty, unique string id `sanitize_graph` gives it.

    Writers use it to look up values computed on the original graph (e.g. layout
    positions) for the sanitised one.

    Examples
    --------
    >>> node_ids(nx.Graph([("a\\x00", "a"), ("a", " ")]))
    {' ': '_', 'a': 'a', 'a\\x00': 'a~2'}
    """
    ordered = sorted(graph.nodes, key=lambda n: (str(n), repr(n)))
    ids: dict[Hashable, str] = {}
    taken: set[str] = set()
    for node in ordered:
        base = clean_text(str(node)).strip() or "_"
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}~{n}"
        taken.add(new)
        ids[node] = new
    return ids


def sanitize_graph(
    graph: nx.Graph, *, flat: bool = True, max_text: int | None = MAX_TEXT
) -> nx.MultiDiGraph:
    """A new MultiDiGraph holding only export-safe values, in sorted order.

    Parameters
    ----------
    graph : networkx graph
        Usually the MultiDiGraph from `build_graph`; never modified.
    flat : bool
        True for GraphML, GEXF and CSV (only bool, int, float and str values);
        False for JSON (lists and dicts kept in full).
    max_text : int or None
        Longest joined list or JSON text in flat mode; None for no limit.

    Returns
    -------
    networkx.MultiDiGraph
        Node ids are clean, stripped, non-empty strings (a clash after cleaning gets a
        `~2`, `~3` suffix); edge keys are clean strings; nodes are in sorted order and
        edges sorted by (source, target, key). An undirected input comes out with each
        edge in one arbitrary direction.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("b", "a", key="consult", documents=["x", "y"], role=None)
    'consult'
    >>> clean = sanitize_graph(g)
    >>> list(clean.nodes), clean.edges["b", "a", "consult"]
    (['a', 'b'], {'documents': 'x; y'})
    """
    if max_text is not None and max_text < _MIN_TEXT:
        raise ValueError(f"max_text must be at least {_MIN_TEXT} characters or None")
    ids = node_ids(graph)
    nodes = sorted((ids[n], _clean_attrs(d, flat, max_text)) for n, d in graph.nodes(data=True))
    if graph.is_multigraph():
        raw_edges: Iterable = graph.edges(keys=True, data=True)
    else:
        raw_edges = ((u, v, 0, d) for u, v, d in graph.edges(data=True))
    edges = sorted(
        (
            (ids[u], ids[v], clean_text(str(k)), repr(k), _clean_attrs(d, flat, max_text))
            for u, v, k, d in raw_edges
        ),
        key=lambda e: e[:4],
    )
    _unify([attrs for _, attrs in nodes])
    _unify([e[4] for e in edges])
    clean = nx.MultiDiGraph()
    clean.graph.update(_clean_attrs(graph.graph, flat, max_text))
    clean.add_nodes_from(nodes)
    for u, v, key, _, attrs in edges:
        new, n = key, 1
        while clean.has_edge(u, v, new):  # two keys equal once cleaned
            n += 1
            new = f"{key}~{n}"
        clean.add_edge(u, v, key=new, **attrs)
    return clean


def xml_attr(value: str) -> str:
    """`value` escaped for a double-quoted XML attribute (line breaks kept as such).

    Examples
    --------
    >>> xml_attr('a "b" <c>\\n')
    'a &quot;b&quot; &lt;c&gt;&#10;'
    """
    return escape(value, _ATTR_ENTITIES)


def xml_text(value: str) -> str:
    """`value` escaped for XML character data."""
    return escape(value)


def value_text(value: object) -> str:
    """How a sanitised value is spelled in XML (`true`/`false`, shortest float repr)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
