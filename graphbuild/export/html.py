"""Write a graph as one self-contained, interactive HTML map.

The page is a single file that opens from disk with no network. Its script and style
sheet live in `templates/map.js` and `templates/map.css` and are inlined; the data travel
as JSON inside a non-executed ``<script type="application/json">`` block, and a
Content-Security-Policy allows only the page's own script (by hash) and its own style
sheet. Text from articles (names, aliases, evidence sentences, document ids) is
untrusted: the template escapes it, the JSON block escapes ``<``, ``>`` and ``&``, and the
page script only ever puts it into the page with ``textContent``.

The page draws the map itself on one ``<canvas>`` from the positions computed in Python
for the Gephi exports (`style.layout_positions`): no simulation runs in the browser, so
a map of any size is drawn once and is still. Edges are stroked in batches of one colour
and width, labels are placed greedily largest actor first where they overlap no other
label, and every filter, brush move and focus recomputes visibility over flat arrays.
Measured in headless Chromium (benchmarks/map_speed.py), a 10,000-node map is drawn and
still in about a second, and a filter, a brush move or a focus takes 40-70 ms (the
vis-network map before took 3 s, and 1.7 s a filter).

`map_data` builds what the page reads; it is plain JSON and testable without a browser.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import json
import math
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from markupsafe import Markup

from ..analysis import communities
from ..labels import LABELS, SYMMETRIC
from ..periods import UNDATED, period_of
from . import style
from .files import atomic_write
from .prepare import PreparedGraph, prepare
from .sanitize import plain_value

MAX_EVIDENCE = 20
"""Evidence sentences per edge carried into the page by default (the rest are counted)."""
MAX_COMMUNITY_NODES = 30_000
"""Above this many nodes the map skips the Louvain communities (seconds of build time)."""
TIMELINE_PERIODS = ("week", "month")
"""What the timeline can count evidence by."""

FILES = ("graph.html",)
"""What `write_formats` calls the page in its output folder."""
NEEDS = ("positions",)
"""The parts of a `PreparedGraph` the map reads (besides the graph itself)."""


def layout_scale(nodes: int) -> float:
    """Half the side of the box the Python layout fills: room for about 50 px per node.

    Examples
    --------
    >>> layout_scale(100), layout_scale(10000)
    (1000.0, 5000.0)
    """
    return max(1000.0, 50.0 * math.sqrt(nodes))


def script_json(value: Any) -> str:
    """JSON text that is safe to put verbatim between ``<script>`` tags.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so neither ``</script>`` nor ``<!--``
    can end or alter the script element; U+2028/U+2029 are escaped as well, so the text
    is valid JavaScript too. `JSON.parse` gives back exactly the original strings.

    Examples
    --------
    >>> script_json({"s": "</script><b>&"})
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def csp_hash(source: str) -> str:
    """A CSP source expression (``'sha256-...'``) allowing exactly this inline text."""
    digest = hashlib.sha256(str(source).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.lru_cache(maxsize=4)
def asset(name: str) -> str:
    """A page asset from `templates/` (``map.js``, ``map.css``), checked to be inlinable.

    Neither may hold ``</script`` or ``</style``, which would end its element early, nor a
    URL, which the page must never need.
    """
    text = resources.files("graphbuild").joinpath("export", "templates", name).read_text("utf-8")
    lowered = text.lower()
    for forbidden in ("</script", "</style", "<!--", "://"):
        if forbidden in lowered:
            raise ValueError(f"templates/{name} holds {forbidden!r}: it cannot be inlined")
    return text


def _page_value(value: Any) -> Any:
    # Text as it is: the page escapes it, and the file is written with errors="replace".
    return plain_value(value, clean=False)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _plural(n: int, word: str) -> str:
    """``1 mention``, ``2 mentions``.

    Examples
    --------
    >>> _plural(1, "mention"), _plural(3, "document")
    ('1 mention', '3 documents')
    """
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _date_span(first: Any, last: Any) -> str:
    if not first and not last:
        return "undated"
    if first == last or not last:
        return _text(first)
    if not first:
        return _text(last)
    return f"{first} \u2013 {last}"


def _node_title(attrs: Mapping, key: Any) -> str:
    label = _text(attrs.get("label")) or _text(key)
    facts = [_text(attrs.get(k)) for k in ("type", "country", "role") if attrs.get(k)]
    lines = [label]
    if facts:
        lines.append(" \u00b7 ".join(facts))
    mentions = attrs.get("mentions")
    if isinstance(mentions, int) and not isinstance(mentions, bool) and mentions:
        lines.append(_plural(mentions, "mention"))
    aliases = [a for a in attrs.get("aliases") or [] if a and a != label]
    if aliases:
        shown = ", ".join(str(a) for a in aliases[:6])
        more = f" (+{len(aliases) - 6})" if len(aliases) > 6 else ""
        lines.append(f"also: {shown}{more}")
    return "\n".join(lines)


def _scaled(positions: Mapping[Any, Any], scale: float) -> dict[Any, tuple[float, float]]:
    """`positions` centred box of half-side `scale` (the Gephi layout's shape, map's size)."""
    if not positions:
        return {}
    extent = max(max(abs(float(x)), abs(float(y))) for x, y in positions.values()) or 1.0
    factor = scale / extent
    return {
        key: (round(float(x) * factor, 2), round(float(y) * factor, 2))
        for key, (x, y) in positions.items()
    }


def community_numbers(G: nx.MultiDiGraph) -> dict[Any, int]:
    """Each node's Louvain community, 0 the largest (`analysis.communities`); a node's own
    ``community`` attribute wins, and a graph too large for Louvain gets none."""
    given = {n: c for n, c in G.nodes(data="community") if isinstance(c, int)}
    if len(given) == len(G) or len(G) > MAX_COMMUNITY_NODES or not G.number_of_edges():
        return given
    found = {node: i for i, members in enumerate(communities(G)) for node in members}
    return {**found, **given}


def map_data(
    G: nx.MultiDiGraph,
    *,
    max_evidence: int = MAX_EVIDENCE,
    positions: Mapping[Any, Any] | None = None,
) -> dict:
    """Everything the page needs, as plain JSON-ready data; `G` is only read.

    ``actors`` are the nodes in `G`'s order, with their place (``x``, ``y``), size,
    colours and what the panel and search show; ``relations`` the edges, with a symmetric
    relation's two directions merged into one (``forward_count`` and ``reverse_count``);
    ``days`` the dates evidence carries, sorted, which each relation's ``days`` counts
    index and ``periods`` groups into weeks and months for the timeline. ``meta`` carries
    the graph attributes that explain an empty map (``undated_documents``, ``filters``).
    """
    node_keys = list(G.nodes)
    index = {key: i for i, key in enumerate(node_keys)}
    positions = _scaled(
        style.layout_positions(G) if positions is None else positions,
        layout_scale(len(node_keys)),
    )
    actors = _map_actors(G, node_keys, positions, community_numbers(G))
    relations = _merge_symmetric(G, index, max_evidence)
    days = sorted({day for r in relations for day in r["days"]})
    day_index = {day: i for i, day in enumerate(days)}
    for r in relations:
        r["days"] = [[day_index[day], n] for day, n in sorted(r["days"].items())]
    _parallel_offsets(relations)
    return {
        "actors": actors,
        "relations": relations,
        "days": days,
        "periods": {p: _periods(days, p) for p in TIMELINE_PERIODS},
        "legend": _legend(actors, relations),
        "meta": _meta(G),
    }


def _meta(G: nx.MultiDiGraph) -> dict:
    """Graph attributes the page explains itself with; any may be missing."""
    undated = G.graph.get("undated_documents")
    filters = G.graph.get("filters")
    documents = G.graph.get("documents")
    return {
        "documents": documents if isinstance(documents, int) else None,
        "undated_documents": undated if isinstance(undated, int) else None,
        "filters": {
            str(k): _text(_page_value(v)) for k, v in filters.items() if v not in (None, "")
        }
        if isinstance(filters, Mapping)
        else {},
    }


def _periods(days: list[str], period: str) -> dict:
    """Every period from the first day's to the last day's, gaps included (a timeline
    shows a quiet month as an empty bar), and, per day, its period's index.

    Examples
    --------
    >>> _periods(["2024-01-31", "2024-03-02"], "month")
    {'labels': ['2024-01', '2024-02', '2024-03'], 'of_day': [0, 2]}
    >>> _periods(["2024-12-30", "2025-01-14"], "week")["labels"]
    ['2025-W01', '2025-W02', '2025-W03']
    """
    if not days:
        return {"labels": [], "of_day": []}
    first, last = _dt.date.fromisoformat(days[0]), _dt.date.fromisoformat(days[-1])
    labels: list[str] = []
    day = first - _dt.timedelta(days=first.weekday()) if period == "week" else first.replace(day=1)
    while day <= last:
        labels.append(period_of(day.isoformat(), period))
        if period == "week":
            day += _dt.timedelta(days=7)
        else:
            day = (day.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
    where = {label: i for i, label in enumerate(labels)}
    return {"labels": labels, "of_day": [where[period_of(d, period)] for d in days]}


def _map_actors(
    G: nx.MultiDiGraph,
    node_keys: list,
    positions: Mapping[Any, tuple[float, float]],
    community: Mapping[Any, int],
) -> list[dict]:
    """The page's actors, in the order of `node_keys`."""
    sizes = style.node_sizes(G)
    actors = []
    for key in node_keys:
        attrs = G.nodes[key]
        node_type = _text(attrs.get("type")) or "unknown"
        x, y = positions.get(key, (0.0, 0.0))
        number = community.get(key)
        mentions = _page_value(attrs.get("mentions"))
        actors.append(
            {
                "key": _page_value(key) if isinstance(key, (str, int)) else str(key),
                "label": _text(attrs.get("label")) or _text(key),
                "type": node_type,
                "country": _page_value(attrs.get("country")),
                "role": _page_value(attrs.get("role")),
                "mentions": mentions if isinstance(mentions, int) else None,
                "first_seen": _page_value(attrs.get("first_seen")),
                "last_seen": _page_value(attrs.get("last_seen")),
                "aliases": [str(a) for a in attrs.get("aliases") or []],
                "x": x,
                "y": y,
                "size": round(sizes.get(key, 10.0), 2),
                "shape": style.TYPE_SHAPES.get(node_type, "dot"),
                "color": style.node_color(node_type),
                "community": number,
                "community_color": style.community_color(number),
                "title": _node_title(attrs, key),
            }
        )
    return actors


def _count(attrs: Mapping) -> int:
    count = attrs.get("count")
    return int(count) if isinstance(count, (int, float)) and count else 1


def _evidence(attrs: Mapping) -> list[dict]:
    return [
        {
            "sentence": _text(item.get("sentence")),
            "doc": _text(item.get("doc")),
            "date": _page_value(item.get("date")) or None,
            "confidence": _confidence(item),
        }
        for item in (attrs.get("evidence") or [])
        if isinstance(item, Mapping)
    ]


def _day_counts(attrs: Mapping, evidence: list[dict]) -> tuple[dict[str, int], int]:
    """Evidence per date, and how much has none. A graph made by hand without evidence
    counts its `count` on its first date (or undated)."""
    days: dict[str, int] = {}
    undated = 0
    if evidence:
        dates = [e["date"] for e in evidence]
    else:
        dates = [attrs.get("first_date")] * _count(attrs)
    for date in dates:
        if period_of(date, "month") == UNDATED:
            undated += 1
        else:
            days[str(date)] = days.get(str(date), 0) + 1
    return days, undated


def _relation(u: int, v: int, key: Any, attrs: Mapping, max_evidence: int) -> dict:
    relation = _text(attrs.get("relation")) or _text(key)
    quad = _text(attrs.get("quad_class")) or "unknown"
    label = LABELS.get(relation)
    evidence = _evidence(attrs)
    days, undated = _day_counts(attrs, evidence)
    count = _count(attrs)
    forward, reverse = attrs.get("forward_count"), attrs.get("reverse_count")
    return {
        "from": u,
        "to": v,
        "relation": relation,
        "quad_class": quad,
        "structural": quad == "structural" or (label is not None and label.kind != "interaction"),
        "symmetric": relation in SYMMETRIC,
        "intensity": _page_value(attrs.get("intensity")),
        "count": count,
        "forward_count": forward if isinstance(forward, int) else count,
        "reverse_count": reverse if isinstance(reverse, int) else 0,
        "confidence": _confidence(attrs),
        "first_date": _page_value(attrs.get("first_date")),
        "last_date": _page_value(attrs.get("last_date")),
        "documents": [str(d) for d in attrs.get("documents") or []],
        "evidence": evidence[:max_evidence],
        "evidence_total": len(evidence),
        "days": days,
        "undated": undated,
        "color": style.edge_color(quad),
        "width": round(style.edge_width(count), 2),
        "dashed": quad in style.DASHED_QUADS,
    }


def _merge_symmetric(G: nx.MultiDiGraph, index: Mapping[Any, int], max_evidence: int) -> list:
    """The page's relations in `G`'s edge order; the second direction of a symmetric
    relation (``China consult Russia`` beside ``Russia consult China``) is folded into
    the first, which then counts both (``forward_count``, ``reverse_count``)."""
    relations: list[dict] = []
    first: dict[tuple, dict] = {}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        item = _relation(index[u], index[v], key, attrs, max_evidence)
        if not item["symmetric"] or u == v:
            relations.append(item)
            continue
        pair = (min(index[u], index[v]), max(index[u], index[v]), item["relation"])
        kept = first.get(pair)
        if kept is None:
            first[pair] = item
            relations.append(item)
        else:
            _fold(kept, item)
    return relations


def _fold(kept: dict, other: dict) -> None:
    """Add the reverse direction `other` of a symmetric relation into `kept`."""
    kept["reverse_count"] += other["count"]
    kept["count"] += other["count"]
    kept["width"] = round(style.edge_width(kept["count"]), 2)
    kept["confidence"] = max(kept["confidence"], other["confidence"])
    dates = [d for d in (kept["first_date"], other["first_date"]) if d]
    kept["first_date"] = min(dates, default=None)
    dates = [d for d in (kept["last_date"], other["last_date"]) if d]
    kept["last_date"] = max(dates, default=None)
    kept["documents"] += [d for d in other["documents"] if d not in kept["documents"]]
    # Each direction keeps its own `max_evidence` sentences, so neither hides the other.
    kept["evidence"] = kept["evidence"] + other["evidence"]
    kept["evidence_total"] += other["evidence_total"]
    for day, n in other["days"].items():
        kept["days"][day] = kept["days"].get(day, 0) + n
    kept["undated"] += other["undated"]


def _parallel_offsets(relations: list[dict]) -> None:
    """Number the relations that share a pair of actors (``curve``: 0 straight, then 1,
    2, ... curved apart); a relation alone between its actors gets no ``curve``."""
    sizes: dict[tuple[int, int], int] = {}
    for r in relations:
        pair = (min(r["from"], r["to"]), max(r["from"], r["to"]))
        sizes[pair] = sizes.get(pair, 0) + 1
    seen: dict[tuple[int, int], int] = {}
    for r in relations:
        pair = (min(r["from"], r["to"]), max(r["from"], r["to"]))
        if sizes[pair] > 1:
            r["curve"] = seen.get(pair, 0)
        seen[pair] = seen.get(pair, 0) + 1


def _confidence(attrs: Mapping) -> float:
    """A confidence from 0 to 1, rounded for the page; 1.0 where there is none (a graph
    made by hand), so the slider never hides what carries no number."""
    value = attrs.get("confidence")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return 1.0
    return round(min(max(float(value), 0.0), 1.0), 3)


def _legend(actors: list[dict], relations: list[dict]) -> dict:
    """The types, quad classes and communities present, and the symmetric relations."""
    present_types = sorted({a["type"] for a in actors})
    present_quads = [q for q in style.QUAD_COLORS if any(r["quad_class"] == q for r in relations)]
    present_quads += sorted({r["quad_class"] for r in relations} - set(present_quads))
    sizes: dict[int, int] = {}
    for a in actors:
        if a["community"] is not None:
            sizes[a["community"]] = sizes.get(a["community"], 0) + 1
    return {
        "types": [
            {"type": t, "color": style.node_color(t), "shape": style.TYPE_SHAPES.get(t, "dot")}
            for t in present_types
        ],
        "quads": [
            {
                "quad_class": q,
                "color": style.edge_color(q),
                "dashed": q in style.DASHED_QUADS,
                "relations": sorted({r["relation"] for r in relations if r["quad_class"] == q}),
            }
            for q in present_quads
        ],
        "communities": [
            {"community": c, "color": style.community_color(c), "actors": sizes[c]}
            for c in sorted(sizes)[: len(style.COMMUNITY_COLORS)]
        ],
        "symmetric": sorted(SYMMETRIC),
    }


def corpus_summary(G: nx.MultiDiGraph) -> dict[str, str]:
    """The header facts: documents, date range, entities, relations, evidence.

    Examples
    --------
    >>> g = nx.MultiDiGraph(documents=3)
    >>> g.add_edge("a", "b", key="consult", count=2, first_date="2024-01-02",
    ...            last_date="2024-02-01")
    'consult'
    >>> corpus_summary(g)["date range"]
    '2024-01-02 – 2024-02-01'
    """
    firsts = [str(d) for _, _, d in G.edges(data="first_date") if d]
    lasts = [str(d) for _, _, d in G.edges(data="last_date") if d]
    evidence = sum(int(c or 0) for _, _, c in G.edges(data="count", default=0))
    documents = G.graph.get("documents")
    return {
        "documents": "unknown" if documents is None else f"{documents:,}",
        "date range": _date_span(min(firsts, default=None), max(lasts, default=None)),
        "entities": f"{G.number_of_nodes():,}",
        "relations": f"{G.number_of_edges():,}",
        "evidence sentences": f"{evidence:,}",
    }


@functools.lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("graphbuild", "export/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    env.filters["csp_hash"] = csp_hash
    return env.get_template("map.html.j2")


def render_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "graphbuild map",
    summary: Mapping[str, Any] | None = None,
    max_evidence: int = MAX_EVIDENCE,
    positions: Mapping[Any, Any] | None = None,
) -> str:
    """The map page as a string; see `write_html`."""
    facts = corpus_summary(G)
    for key, value in (summary or {}).items():
        facts[str(key)] = _text(value)
    data = map_data(G, max_evidence=max_evidence, positions=positions)
    data["title"] = _text(title)
    return _template().render(
        title=_text(title),
        summary=list(facts.items()),
        data_json=Markup(script_json(data)),
        app_js=Markup(asset("map.js")),
        app_css=Markup(asset("map.css")),
    )


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    title: str = "graphbuild map",
    summary: Mapping[str, Any] | None = None,
    max_evidence: int = MAX_EVIDENCE,
    positions: Mapping[Any, Any] | None = None,
) -> Path:
    """Write `G` as one self-contained interactive HTML map; `G` is not modified.

    Parameters
    ----------
    G
        A graph from `graphbuild.graph.build_graph` (any networkx graph with the same
        attributes works; missing ones are shown as unknown).
    path
        Where to write; parent folders are created, the file is replaced atomically.
    title
        Page title and heading (escaped like every other text).
    summary
        Extra or overriding header facts, e.g. ``{"skipped": 2}``; the documents, date
        range, entity and relation counts are computed from `G`.
    max_evidence
        Evidence sentences kept per edge; the panel says how many more there were.
    positions
        ``{node: (x, y)}`` from `style.layout_positions(G)`, when the caller has them
        already (the Gephi exports use the same); computed otherwise. Only their shape
        counts: the map rescales them to its own size (`layout_scale`).

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> g = nx.MultiDiGraph(documents=1)
    >>> g.add_node("a", label="A", type="country")
    >>> out = write_html(g, pathlib.Path(tempfile.mkdtemp()) / "map.html")
    >>> "http://" in out.read_text("utf-8")
    False
    """
    text = render_html(
        G,
        title=title,
        summary=summary,
        max_evidence=max_evidence,
        positions=prepare(G, NEEDS, positions=positions).positions,
    )
    return _write_page(text, path)


def write_prepared(prepared: PreparedGraph, folder: str | os.PathLike, **options: Any) -> Path:
    """Write `folder/graph.html` from a graph prepared with `NEEDS` (see `write_html`).

    What `write_formats` calls, so the map starts from the layout the Gephi exports
    carry. `options` are `write_html`'s keywords; a `positions` among them wins over the
    prepared ones, as it did when `write_formats` called `write_html`.
    """
    options = {"positions": prepared.positions, **options}
    return _write_page(render_html(prepared.source, **options), Path(folder) / FILES[0])


def _write_page(text: str, path: str | os.PathLike) -> Path:
    target = Path(path)
    # A lone surrogate in article text cannot be encoded as UTF-8; it becomes "?" rather
    # than failing the whole export.
    with atomic_write(target, encoding="utf-8", errors="replace", newline="\n") as handle:
        handle.write(text)
    return target
