"""Write a graph as one self-contained, interactive HTML map (vis-network, via pyvis).

The page is a single file that opens from disk with no network: the vis-network script
that ships with pyvis is inlined, the data travel as JSON inside a non-executed
``<script type="application/json">`` block, and a Content-Security-Policy allows only the
page's own two scripts (by hash) and its own style sheet. Text from articles (names,
aliases, evidence sentences, document ids) is untrusted: the template escapes it, the JSON
block escapes ``<``, ``>`` and ``&``, and the page script only ever puts it into the page
with ``textContent`` and vis-network's plain-text tooltips.

Every map starts from the positions computed in Python for the Gephi exports
(`style.layout_positions`). What happens next depends on its size (see `physics_tier`):
small maps settle them with a short barnesHut run and stay lively, large ones with a
bounded forceAtlas2 run and then freeze, very large ones never simulate. Measured in
headless Chromium (benchmarks/html_map.py), 2,000 nodes and 5,000 edges are drawn and
still in about a second.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from markupsafe import Markup

from ..labels import SYMMETRIC
from . import style
from .files import atomic_write
from .prepare import PreparedGraph, prepare
from .sanitize import plain_value

SMALL_MAX_NODES = 300
"""Up to this many nodes (and `SMALL_MAX_EDGES` edges) the map keeps a live simulation."""
SMALL_MAX_EDGES = 1000
LARGE_MAX_NODES = 1000
"""Above this many nodes (or `LARGE_MAX_EDGES` edges) the map never simulates: a bounded
forceAtlas2 run took 7 s at 1,500 nodes in the benchmark, the fixed layout 1 s."""
LARGE_MAX_EDGES = 2500
STABILIZATION_ITERATIONS = 100
"""Bounded forceAtlas2 run for large maps before the simulation is switched off."""
SMALL_STABILIZATION_WORK = 45_000
"""Small maps: node-iterations run before the first picture (150 iterations for 300 nodes,
at most 1,000 for tiny maps); the nodes stay lively afterwards."""
SETTLE_MS = 3000
"""Small maps: how long the simulation may run on after the first picture (a 300-node map
took 22 s more to come to rest by itself in the benchmark)."""
ARROW_MIN_SCALE = 0.4
"""Very large maps draw arrowheads only from this zoom on (1 = natural size)."""
MAX_EVIDENCE = 20
"""Evidence sentences per edge carried into the page by default (the rest are counted)."""

VIS_NETWORK_VERSION = "9.1.2"

FILES = ("graph.html",)
"""What `write_formats` calls the page in its output folder."""
NEEDS = ("positions",)
"""The parts of a `PreparedGraph` the map reads (besides the graph itself)."""

TIERS = ("small", "large", "very_large")


def physics_tier(nodes: int, edges: int) -> str:
    """How a map of this size is laid out in the browser: one of `TIERS`.

    Examples
    --------
    >>> physics_tier(50, 120), physics_tier(800, 2000), physics_tier(2000, 5000)
    ('small', 'large', 'very_large')
    """
    if nodes <= SMALL_MAX_NODES and edges <= SMALL_MAX_EDGES:
        return "small"
    if nodes <= LARGE_MAX_NODES and edges <= LARGE_MAX_EDGES:
        return "large"
    return "very_large"


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


@functools.lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network script bundled with pyvis, ready to inline.

    Three edits, none of which changes what the script does:

    * the ``sourceMappingURL`` comment goes, so developer tools never try to load a map;
    * every ``://`` becomes ``:\\/\\/``. The script has nine URLs, all inside string
      literals (the SVG namespace, error messages, core-js metadata) or its licence
      comment; in a JavaScript string (and a comment) ``\\/`` is ``/``, so the values are
      unchanged while the file no longer carries a single ``http://`` or ``https://`` to
      trip a scanner or a reviewer. The licence notice stays, readable;
    * ``</script`` (absent from 9.1.2, checked anyway) would end the inline element.
    """
    package = resources.files("pyvis").joinpath("lib", f"vis-{VIS_NETWORK_VERSION}")
    text = package.joinpath("vis-network.min.js").read_text("utf-8")
    # Not str.splitlines: that would also split at the U+2028 and control characters
    # inside the script's string literals.
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    text = text.replace("://", ":\\/\\/")
    return text.replace("</script", "<\\/script")


def _page_value(value: Any) -> Any:
    # Text as it is: the page escapes it, and the file is written with errors="replace".
    return plain_value(value, clean=False)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _words(value: str) -> str:
    return value.replace("_", " ")


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
    if attrs.get("mentions"):
        lines.append(f"{attrs['mentions']} mentions")
    aliases = [a for a in attrs.get("aliases") or [] if a and a != label]
    if aliases:
        shown = ", ".join(str(a) for a in aliases[:6])
        more = f" (+{len(aliases) - 6})" if len(aliases) > 6 else ""
        lines.append(f"also: {shown}{more}")
    return "\n".join(lines)


def _edge_title(attrs: Mapping, source: str, target: str, key: Any) -> str:
    relation = _text(attrs.get("relation")) or _text(key)
    arrow = "\u2194" if relation in SYMMETRIC else "\u2192"
    count = attrs.get("count") or 0
    documents = len(attrs.get("documents") or [])
    return "\n".join(
        [
            f"{source} {arrow} {target}",
            f"{relation} ({_words(_text(attrs.get('quad_class')))})",
            f"{count} mentions in {documents} documents",
            _date_span(attrs.get("first_date"), attrs.get("last_date")),
        ]
    )


def stabilization_iterations(tier: str, nodes: int) -> int:
    """Simulation steps before the first picture: few where each step is dear.

    Examples
    --------
    >>> [stabilization_iterations("small", n) for n in (8, 100, 300)]
    [1000, 450, 150]
    """
    if tier == "small":
        return max(150, min(1000, SMALL_STABILIZATION_WORK // max(nodes, 1)))
    return STABILIZATION_ITERATIONS


def map_options(tier: str, *, nodes: int = SMALL_MAX_NODES) -> dict:
    """vis-network options for a map of the given `physics_tier`, built with pyvis."""
    from pyvis.network import Network

    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}; choose one of {', '.join(TIERS)}")
    net = Network(directed=True, cdn_resources="in_line")
    if tier == "small":
        net.barnes_hut(
            gravity=-5000,
            central_gravity=0.4,
            spring_length=160,
            spring_strength=0.04,
            damping=0.35,
            overlap=0.5,
        )
        net.options.physics.solver = "barnesHut"
        net.set_edge_smooth("continuous")
    else:
        # Dynamic smooth edges add a support node per edge to the simulation: the main
        # reason pyvis defaults never settle past a few hundred nodes.
        net.options.edges.smooth.enabled = False
        if tier == "large":
            net.force_atlas_2based(
                gravity=-60,
                central_gravity=0.01,
                spring_length=100,
                spring_strength=0.08,
                damping=0.5,
                overlap=0,
            )
        else:
            net.toggle_physics(False)
    net.toggle_stabilization(tier != "very_large")
    net.options.physics.stabilization.iterations = stabilization_iterations(tier, nodes)
    net.toggle_hide_edges_on_drag(tier == "very_large")
    options = json.loads(net.options.to_json())
    options["physics"]["stabilization"]["updateInterval"] = 25
    options["physics"]["minVelocity"] = 1.5
    options["edges"]["color"] = {"inherit": False, "opacity": 0.85}
    # Arrowheads cost two thirds of a redraw of a very large map (measured: 105 ms -> 35 ms
    # at 2,000 nodes) and are specks when it is all in view: the page shows them from
    # `ARROW_MIN_SCALE` up.
    options["edges"]["arrows"] = {"to": {"enabled": tier != "very_large", "scaleFactor": 0.7}}
    options["edges"]["arrowStrikethrough"] = False
    options["edges"]["selectionWidth"] = 2
    options["edges"]["hoverWidth"] = 0.5
    options["nodes"] = {
        "borderWidth": 1,
        "borderWidthSelected": 3,
        "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3},
    }
    # improvedLayout runs Kamada-Kawai on the whole graph first: fine for a small map,
    # seconds to minutes for a large one.
    options["layout"] = {"randomSeed": 7, "improvedLayout": False}
    options["interaction"].update(
        {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnZoom": tier == "very_large",
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        }
    )
    return options


def _parallel_offsets(edges: list[tuple[Any, Any, Any]]) -> list[int | None]:
    """Per edge: None when it is alone between its two nodes; else 0, 1, 2, ... in order."""
    pairs = [(u, v) if str(u) <= str(v) else (v, u) for u, v, _ in edges]
    sizes: dict[tuple[Any, Any], int] = {}
    for pair in pairs:
        sizes[pair] = sizes.get(pair, 0) + 1
    seen: dict[tuple[Any, Any], int] = {}
    offsets: list[int | None] = []
    for pair in pairs:
        offsets.append(seen.get(pair, 0) if sizes[pair] > 1 else None)
        seen[pair] = seen.get(pair, 0) + 1
    return offsets


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


def map_data(
    G: nx.MultiDiGraph,
    *,
    max_evidence: int = MAX_EVIDENCE,
    tier: str | None = None,
    positions: Mapping[Any, Any] | None = None,
) -> dict:
    """Everything the page needs, as plain JSON-ready data; `G` is only read.

    ``nodes`` and ``edges`` are vis-network items made with pyvis's `Node` and `Edge`
    records (integer ids, plain-text titles); ``actors`` and ``relations`` hold, at the
    same positions, what the side panel, search and filters show.
    """
    node_keys = list(G.nodes)
    index = {key: i for i, key in enumerate(node_keys)}
    edge_keys = list(G.edges(keys=True))
    if tier is None:
        tier = physics_tier(len(node_keys), len(edge_keys))
    elif tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}; choose one of {', '.join(TIERS)}")
    # Every map starts from the positions the Gephi exports carry; a simulated one then
    # only has to settle them, which takes far fewer iterations than a random start.
    positions = _scaled(
        style.layout_positions(G) if positions is None else positions,
        layout_scale(len(node_keys)),
    )

    nodes, actors = _map_nodes(G, node_keys, positions)
    edges, relations = _map_edges(G, edge_keys, index, nodes, max_evidence)
    return {
        "tier": tier,
        "freeze_after_stabilization": tier == "large",
        "arrow_min_scale": ARROW_MIN_SCALE if tier == "very_large" else None,
        "settle_ms": SETTLE_MS if tier == "small" else None,
        "options": map_options(tier, nodes=len(node_keys)),
        "nodes": nodes,
        "edges": edges,
        "actors": actors,
        "relations": relations,
        "legend": _legend(actors, relations),
    }


def _map_nodes(
    G: nx.MultiDiGraph, node_keys: list, positions: Mapping[Any, tuple[float, float]]
) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and the panel's actors, in the order of `node_keys`."""
    from pyvis.node import Node

    sizes = style.node_sizes(G)
    nodes, actors = [], []
    for i, key in enumerate(node_keys):
        attrs = G.nodes[key]
        label = _text(attrs.get("label")) or _text(key)
        node_type = _text(attrs.get("type")) or "unknown"
        extra: dict[str, Any] = {}
        size = sizes.get(key, 10.0)
        if key in positions:
            extra["x"], extra["y"] = positions[key]
        node = Node(
            i,
            style.TYPE_SHAPES.get(node_type, "dot"),
            label=label,
            color=style.node_color(node_type),
            size=round(size, 2),
            # Big actors get big names, readable when the whole map is in view; the
            # smallest names appear as the reader zooms in.
            font={"size": round(12 + 0.5 * size)},
            title=_node_title(attrs, key),
            **extra,
        )
        nodes.append(node.options)
        actors.append(
            {
                "key": _page_value(key) if isinstance(key, (str, int)) else str(key),
                "label": label,
                "type": node_type,
                "country": _page_value(attrs.get("country")),
                "role": _page_value(attrs.get("role")),
                "mentions": _page_value(attrs.get("mentions")),
                "first_seen": _page_value(attrs.get("first_seen")),
                "last_seen": _page_value(attrs.get("last_seen")),
                "aliases": [str(a) for a in attrs.get("aliases") or []],
            }
        )
    return nodes, actors


def _map_edges(
    G: nx.MultiDiGraph,
    edge_keys: list,
    index: Mapping[Any, int],
    nodes: list[dict],
    max_evidence: int,
) -> tuple[list[dict], list[dict]]:
    """vis-network edges and the panel's relations, in the order of `G.edges`."""
    from pyvis.edge import Edge

    edges, relations = [], []
    offsets = _parallel_offsets(edge_keys)
    for j, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        relation = _text(attrs.get("relation")) or _text(key)
        quad = _text(attrs.get("quad_class")) or "unknown"
        count = attrs.get("count")
        count = int(count) if isinstance(count, (int, float)) and count else 1
        options: dict[str, Any] = {
            "id": j,
            "color": style.edge_color(quad),
            "width": round(style.edge_width(count), 2),
            "dashes": quad in style.DASHED_QUADS,
            "title": _edge_title(attrs, nodes[index[u]]["label"], nodes[index[v]]["label"], key),
        }
        if relation in SYMMETRIC:
            options["arrows"] = ""
        offset = offsets[j]
        if offset is not None:
            # Parallel edges (several labels, or both directions) would lie on top of each
            # other: the first is straight, the others static curves (no support node).
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * offset}
        # directed=False: pyvis would give every edge its own arrow; the arrow is a global
        # option instead, so the page can drop arrows while they are too small to see.
        edges.append(Edge(index[u], index[v], directed=False, **options).options)
        evidence = [
            {
                "sentence": _text(item.get("sentence")),
                "doc": _text(item.get("doc")),
                "date": _page_value(item.get("date")),
                "confidence": _confidence(item),
            }
            for item in (attrs.get("evidence") or [])
            if isinstance(item, Mapping)
        ]
        dates = sorted({e["date"] for e in evidence if e["date"]} | _edge_dates(attrs))
        relations.append(
            {
                "relation": relation,
                "quad_class": quad,
                "intensity": _page_value(attrs.get("intensity")),
                "count": count,
                "confidence": _confidence(attrs),
                "first_date": _page_value(attrs.get("first_date")),
                "last_date": _page_value(attrs.get("last_date")),
                "dates": dates,
                "documents": [str(d) for d in attrs.get("documents") or []],
                "evidence": evidence[:max_evidence],
                "evidence_total": len(evidence),
            }
        )
    return edges, relations


def _confidence(attrs: Mapping) -> float:
    """A confidence from 0 to 1, rounded for the page; 1.0 where there is none (a graph
    made by hand), so the slider never hides what carries no number."""
    value = attrs.get("confidence")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return 1.0
    return round(min(max(float(value), 0.0), 1.0), 3)


def _legend(actors: list[dict], relations: list[dict]) -> dict:
    """The types and quad classes present, and which relations are symmetric."""
    present_types = sorted({a["type"] for a in actors})
    present_quads = [q for q in style.QUAD_COLORS if any(r["quad_class"] == q for r in relations)]
    present_quads += sorted({r["quad_class"] for r in relations} - set(present_quads))
    return {
        "types": [
            {
                "type": t,
                "color": style.node_color(t),
                "shape": style.TYPE_SHAPES.get(t, "dot"),
            }
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
        "symmetric": sorted(SYMMETRIC),
    }


def _edge_dates(attrs: Mapping) -> set[str]:
    return {str(d) for d in (attrs.get("first_date"), attrs.get("last_date")) if d}


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
    tier: str | None = None,
    positions: Mapping[Any, Any] | None = None,
) -> str:
    """The map page as a string; see `write_html`."""
    facts = corpus_summary(G)
    for key, value in (summary or {}).items():
        facts[str(key)] = _text(value)
    data = map_data(G, max_evidence=max_evidence, tier=tier, positions=positions)
    return _template().render(
        title=_text(title),
        summary=list(facts.items()),
        data_json=Markup(script_json(data)),
        vis_js=Markup(vis_network_js()),
        tier=data["tier"],
    )


def write_html(
    G: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    title: str = "graphbuild map",
    summary: Mapping[str, Any] | None = None,
    max_evidence: int = MAX_EVIDENCE,
    tier: str | None = None,
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
    tier
        How the browser lays the map out, one of `TIERS`; by default `physics_tier` picks
        by the size of `G`.
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
        tier=tier,
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
