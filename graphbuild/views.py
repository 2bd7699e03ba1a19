"""Analyst views of a graph: countries only, a time window, the strong ties, some labels.

Every function here is pure: it returns a new graph with copied attributes and never
changes the one it is given, so views can be stacked
(`filter_graph(roll_up_to_countries(G), since="2024-01-01")`) and the full graph kept.
`view` applies a whole `config.ViewOptions`, as `build` does; the options are checked
there, once (`filter_graph` builds them from its keyword arguments).
"""

from __future__ import annotations

import copy
import datetime as _dt
from collections import Counter
from collections.abc import Hashable, Iterable

import networkx as nx

from .config import ENTITY_TYPES, ViewOptions, split_names
from .graph import edge_confidence, evidence_confidence
from .graph import widen_dates as _widen
from .labels import SYMMETRIC
from .model import EntityType

__all__ = [
    "ENTITY_TYPES",
    "emptied_by",
    "filter_graph",
    "merge_symmetric",
    "roll_up_to_countries",
    "view",
]

_HOMES = (EntityType.COUNTRY.value, EntityType.ORGANIZATION.value)
"""The types of actor a leader folds into in the country view."""


def _date_key(item: object) -> tuple[bool, str]:
    date = item.get("date") if isinstance(item, dict) else None
    return (not isinstance(date, str), date if isinstance(date, str) else "")


def _country_index(graph: nx.MultiDiGraph) -> dict[str, Hashable]:
    """Country node by id and by case-folded label (the smallest id wins a shared label)."""
    index: dict[str, Hashable] = {}
    countries = sorted(
        (n for n, d in graph.nodes(data=True) if d.get("type") == EntityType.COUNTRY.value),
        key=str,
    )
    for node in countries:
        label = graph.nodes[node].get("label")
        if isinstance(label, str) and label.strip():
            index.setdefault(label.strip().casefold(), node)
    for node in countries:
        index[str(node)] = node  # an exact id beats a label
    return index


def _named_country(attrs: dict, index: dict[str, Hashable]) -> Hashable | None:
    country = attrs.get("country")
    if not isinstance(country, str) or not country.strip():
        return None
    return index.get(country) or index.get(country.strip().casefold())


def _served(G: nx.MultiDiGraph, leader: Hashable) -> Counter:
    """The countries and organizations `leader` is an `official_of`, by evidence count."""
    served: Counter = Counter()
    for _, target, key, attrs in G.out_edges(leader, keys=True, data=True):
        if attrs.get("relation", key) == "official_of" and target != leader:
            if G.nodes[target].get("type") in _HOMES:
                served[target] += attrs.get("count", 1)
    return served


def _home(G: nx.MultiDiGraph, node: Hashable, index: dict[str, Hashable]) -> Hashable | None:
    """Where a leader folds to in the country view; None for any other actor, or a leader
    with neither a known country nor an `official_of` a country or organization.

    The `country` attribute wins when the leader serves no one in the graph, or serves that
    country among others; otherwise the country or organization the most evidence says it
    serves (countries before organizations, then by id, on a tie), so an office the text
    states ("NATO Secretary General Jens Stoltenberg") beats a former one the actor
    dictionary knows.
    """
    attrs = G.nodes[node]
    if attrs.get("type") != EntityType.LEADER.value:
        return None
    country = _named_country(attrs, index)
    served = _served(G, node)
    if country is not None and (not served or country in served):
        return country
    if not served:
        return None
    is_country = {t: G.nodes[t].get("type") == EntityType.COUNTRY.value for t in served}
    return min(served, key=lambda t: (-served[t], not is_country[t], str(t)))


def _merge_edge(target: dict, source: dict) -> None:
    target["count"] = target.get("count", 0) + source.get("count", 0)
    target["weight"] = float(target["count"])
    target.setdefault("evidence", []).extend(copy.deepcopy(source.get("evidence") or []))
    documents = target.setdefault("documents", [])
    documents.extend(d for d in source.get("documents") or [] if d not in documents)
    _widen(target, "first_date", "last_date", source.get("first_date"))
    _widen(target, "first_date", "last_date", source.get("last_date"))
    if "confidence" in target or "confidence" in source:
        target["confidence"] = max(evidence_confidence(target), evidence_confidence(source))


def _fold_nodes(G: nx.MultiDiGraph, home: dict[Hashable, Hashable | None]) -> nx.MultiDiGraph:
    """Every actor that does not fold, with its leaders' mentions, dates and names added."""
    rolled = nx.MultiDiGraph()
    rolled.graph.update(copy.deepcopy(G.graph))
    for node in sorted(G.nodes, key=str):
        if home[node] is None:
            rolled.add_node(node, **copy.deepcopy(G.nodes[node]))
    for leader in sorted((n for n, h in home.items() if h is not None), key=str):
        attrs, into = G.nodes[leader], rolled.nodes[home[leader]]
        if isinstance(attrs.get("mentions"), int):
            into["mentions"] = into.get("mentions", 0) + attrs["mentions"]
        _widen(into, "first_seen", "last_seen", attrs.get("first_seen"))
        _widen(into, "first_seen", "last_seen", attrs.get("last_seen"))
        label = attrs.get("label", leader)
        leaders = into.setdefault("leaders", [])
        if label not in leaders:
            leaders.append(label)
    for attrs in rolled.nodes.values():
        if "leaders" in attrs:
            attrs["leaders"].sort(key=str)
    return rolled


def roll_up_to_countries(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The country view: leaders folded into whom they serve, one edge per symmetric pair.

    A leader whose `country` attribute names a country node (by id, or by label,
    ignoring case) disappears into that country; a leader who is an `official_of` an
    organization (and of no country it is known for) disappears into that
    organization (see `_home` for a leader who serves several). Its mentions are added
    to the actor it folds into, its dates widen that actor's, and its label is listed
    in that actor's `leaders` attribute. Edges are then merged by (source, relation,
    target): counts summed, evidence concatenated (ordered by date), documents
    unioned, dates widened. Every self-loop is dropped (a minister meeting their own
    government is no relation between states), so is every `official_of` of a folded
    leader (a second office would relate its two employers), and the two directions of a symmetric
    relation become one edge (`merge_symmetric`). A leader who serves no actor of the
    graph stays as it is.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.model import Entity, EntityType, Extraction, Relation
    >>> cn = Entity("country:CHN", "China", EntityType.COUNTRY)
    >>> ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
    >>> un = Entity("org:UN", "United Nations", EntityType.ORGANIZATION)
    >>> wang = Entity("leader:wang-yi", "Wang Yi", EntityType.LEADER, "China")
    >>> guterres = Entity("leader:antonio-guterres", "Antonio Guterres", EntityType.LEADER)
    >>> def rel(s, label, o):
    ...     return Relation(s, label, o, doc="a.txt", sentence="...", start=0, end=3)
    >>> g = build_graph([Extraction("a.txt", None, (
    ...     rel(wang, "official_of", cn), rel(wang, "consult", ru), rel(ru, "consult", cn),
    ...     rel(guterres, "official_of", un), rel(guterres, "request", ru)))])
    >>> countries = roll_up_to_countries(g)
    >>> sorted(countries.edges(keys=True, data="count"))
    [('country:CHN', 'country:RUS', 'consult', 2), ('org:UN', 'country:RUS', 'request', 1)]
    >>> countries.nodes["country:CHN"]["leaders"], countries.nodes["org:UN"]["leaders"]
    (['Wang Yi'], ['Antonio Guterres'])
    """
    index = _country_index(G)
    home = {node: _home(G, node, index) for node in G.nodes}
    target = {node: into if into is not None else node for node, into in home.items()}
    rolled = _fold_nodes(G, home)
    merged: set[tuple] = set()
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for u, v, key, attrs in edges:
        nu, nv = target[u], target[v]
        if nu == nv or (home[u] is not None and attrs.get("relation", key) == "official_of"):
            continue  # a folded leader's other offices say nothing about whom it folded into
        if rolled.has_edge(nu, nv, key):
            _merge_edge(rolled.edges[nu, nv, key], attrs)
            merged.add((nu, nv, key))
        else:
            rolled.add_edge(nu, nv, key=key, **copy.deepcopy(attrs))
    for edge in merged:
        rolled.edges[edge].get("evidence", []).sort(key=_date_key)
    _merge_symmetric_in_place(rolled)
    return rolled


def merge_symmetric(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A new graph where X -> Y and Y -> X of a symmetric relation are one edge.

    The labels whose direction carries no meaning are `labels.SYMMETRIC` (`consult`,
    `agree`, `cooperate`). The merged edge runs the way most of its evidence does (from
    the smaller id on a tie) and carries the counts of both directions: `count` is
    their sum, `forward_count` the evidence running the edge's way and `reverse_count`
    the rest; every symmetric edge gets both, so a file's columns do not depend on
    whether a pair was reported both ways. Evidence, documents, dates and confidence
    merge as in `roll_up_to_countries`. `G` is not modified.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("CHN", "VEN", key="consult", relation="consult", count=2)
    'consult'
    >>> g.add_edge("VEN", "CHN", key="consult", relation="consult", count=3)
    'consult'
    >>> [(u, v, d["count"], d["forward_count"], d["reverse_count"])
    ...  for u, v, d in merge_symmetric(g).edges(data=True)]
    [('VEN', 'CHN', 5, 3, 2)]
    """
    merged = copy.deepcopy(G)
    _merge_symmetric_in_place(merged)
    return merged


def _merge_symmetric_in_place(G: nx.MultiDiGraph) -> None:
    """`merge_symmetric`, changing `G` (whose attributes nothing else holds)."""
    symmetric = [
        (u, v, key)
        for u, v, key, relation in G.edges(keys=True, data="relation")
        if (relation if relation is not None else key) in SYMMETRIC and u != v
    ]
    for u, v, key in symmetric:
        if not G.has_edge(u, v, key) or "forward_count" in G.edges[u, v, key]:
            continue  # merged into its other direction already, or done
        ours = G.edges[u, v, key].get("count", 0)
        theirs = G.edges[v, u, key].get("count", 0) if G.has_edge(v, u, key) else None
        if theirs is not None and (theirs > ours or (theirs == ours and str(v) < str(u))):
            u, v, ours, theirs = v, u, theirs, ours
        kept = G.edges[u, v, key]
        if theirs is not None:
            _merge_edge(kept, G.edges[v, u, key])
            kept.get("evidence", []).sort(key=_date_key)
            G.remove_edge(v, u, key)
        kept["forward_count"], kept["reverse_count"] = ours, theirs or 0


def _as_text(value: str | _dt.date | None) -> str | None:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _in_window(date: object, since: str | None, until: str | None, undated: bool) -> bool:
    if not isinstance(date, str):
        return undated
    return (since is None or date >= since) and (until is None or date <= until)


def filter_graph(
    G: nx.MultiDiGraph,
    *,
    since: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
    min_count: int = 1,
    relations: str | Iterable[str] | None = None,
    types: str | Iterable[str] | None = None,
    min_confidence: float = 0.0,
) -> nx.MultiDiGraph:
    """A new graph with only the evidence, relations and actors asked for.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph to filter; not modified.
    since, until : date or "YYYY-MM-DD", optional
        Keep evidence dated within [since, until] (both inclusive); evidence without a
        date is dropped when either is given. Each edge's count, weight, documents and
        first/last dates are recomputed from the evidence kept; an edge with none left
        is dropped.
    min_count : int
        Drop edges reported fewer times than this (after the date window).
    relations : str or iterable of str, optional
        Keep only these relation labels (keys of `graphbuild.labels.LABELS`).
    types : str or iterable of str, optional
        Keep only actors of these types (`ENTITY_TYPES`) and the edges between them.
    min_confidence : float
        Keep only evidence of at least this confidence (0..1), recomputing each edge as
        the date window does; 0, the default, keeps all. An edge without an evidence list
        is judged by its own `confidence` attribute (1.0 when it has none).

    Returns
    -------
    networkx.MultiDiGraph
        Actors left without any edge by the filters are dropped (actors that had no
        edge to begin with are kept).

    Raises
    ------
    ValueError
        For an unknown relation label or type (naming the valid ones), a malformed
        date, or `since` after `until`.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.model import Entity, EntityType, Extraction, Relation
    >>> cn = Entity("country:CHN", "China", EntityType.COUNTRY)
    >>> ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
    >>> def rel(label, date):
    ...     return Relation(cn, label, ru, doc=date, sentence="...", start=0, end=3, date=date)
    >>> days = ("2024-01-05", "2024-03-01")
    >>> g = build_graph([Extraction(d, d, (rel("consult", d),)) for d in days])
    >>> h = filter_graph(g, since="2024-02-01")
    >>> h.edges["country:CHN", "country:RUS", "consult"]["count"]
    1
    >>> filter_graph(g, relations=["meet"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphbuild.config.UsageError: unknown relation label 'meet'; choose from: agree, ...
    """
    if isinstance(min_count, int) and not isinstance(min_count, bool):
        min_count = max(min_count, 1)  # every edge has a count of 1 or more
    options = ViewOptions(
        since=_as_text(since),
        until=_as_text(until),
        min_count=min_count,
        relations=split_names(relations),
        types=split_names(types),
        min_confidence=min_confidence,
    )
    return _filtered(G, options)


def view(G: nx.MultiDiGraph, options: ViewOptions) -> nx.MultiDiGraph:
    """The view of `G` that `options` ask for: rolled up to countries at level
    ``country``, then filtered. `G` is not modified.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> view(g, ViewOptions(level="country")).number_of_nodes()
    0
    """
    if options.level == "country":
        G = roll_up_to_countries(G)
    return _filtered(G, options)


_FILTER_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("--types", ("types",)),
    ("--relations", ("relations",)),
    ("--since/--until", ("since", "until", "keep_undated")),
    ("--min-confidence", ("min_confidence",)),
    ("--min-count", ("min_count",)),
)
"""The filters of a view in the order `emptied_by` adds them, each with its fields."""


def emptied_by(G: nx.MultiDiGraph, options: ViewOptions) -> tuple[str, int] | None:
    """Which filter of `options` left no relation of `G`, and how many were left before it:
    the filters are added one at a time, in the order of `_FILTER_STEPS`; None when `G`
    (at the options' level) has no relation to begin with, or the view keeps some.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.model import Entity, EntityType, Extraction, Relation
    >>> cn = Entity("country:CHN", "China", EntityType.COUNTRY)
    >>> ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
    >>> undated = Relation(cn, "consult", ru, doc="a", sentence="...", start=0, end=3)
    >>> g = build_graph([Extraction("a", None, (undated,))])
    >>> emptied_by(g, ViewOptions(since="2024-01-01"))
    ('--since/--until', 1)
    >>> emptied_by(g, ViewOptions(since="2024-01-01", keep_undated=True)) is None
    True
    """
    base = roll_up_to_countries(G) if options.level == "country" else G
    left = base.number_of_edges()
    if not left:
        return None
    fields: dict[str, object] = {"min_confidence": 0.0}
    for name, names in _FILTER_STEPS:
        fields.update({field: getattr(options, field) for field in names})
        now = _filtered(base, ViewOptions(**fields)).number_of_edges()  # type: ignore[arg-type]
        if not now:
            return name, left
        left = now
    return None


def _filtered(G: nx.MultiDiGraph, options: ViewOptions) -> nx.MultiDiGraph:
    wanted_relations = set(options.relations) if options.relations is not None else None
    wanted_types = set(options.types) if options.types is not None else None

    view = nx.MultiDiGraph()
    view.graph.update(copy.deepcopy(G.graph))
    for node, attrs in G.nodes(data=True):
        if wanted_types is None or attrs.get("type") in wanted_types:
            view.add_node(node, **copy.deepcopy(attrs))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if u not in view or v not in view:
            continue
        if wanted_relations is not None and attrs.get("relation", key) not in wanted_relations:
            continue
        kept = _kept_evidence(copy.deepcopy(attrs), options)
        if kept is None or kept.get("count", 1) < options.min_count:
            continue
        view.add_edge(u, v, key=key, **kept)
    isolated = [n for n in view if view.degree(n) == 0 and G.degree(n) > 0]
    view.remove_nodes_from(isolated)
    return view


def _kept_evidence(attrs: dict, options: ViewOptions) -> dict | None:
    """An edge's attributes recomputed from the evidence the date window and the confidence
    threshold keep; None when they keep none. Changed in place and returned."""
    since, until, least = options.since, options.until, options.min_confidence
    windowed = since is not None or until is not None
    if not windowed and not least:
        return attrs
    if least and "evidence" not in attrs and not windowed:
        return attrs if evidence_confidence(attrs) >= least else None
    evidence = [
        item
        for item in attrs.get("evidence") or []
        if isinstance(item, dict)
        and (not windowed or _in_window(item.get("date"), since, until, options.keep_undated))
        and evidence_confidence(item) >= least
    ]
    if not evidence:
        return None
    if not windowed and len(evidence) == len(attrs.get("evidence") or []):
        return attrs  # no evidence dropped: the edge stays exactly as it was
    attrs["evidence"] = evidence
    attrs["count"] = len(evidence)
    attrs["weight"] = float(len(evidence))
    attrs["documents"] = list(dict.fromkeys(item.get("doc") for item in evidence))
    dates = [item["date"] for item in evidence if isinstance(item.get("date"), str)]
    attrs["first_date"], attrs["last_date"] = (min(dates), max(dates)) if dates else (None, None)
    if "confidence" in attrs:
        attrs["confidence"] = edge_confidence(evidence)
    return attrs
