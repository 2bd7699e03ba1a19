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
from collections.abc import Hashable, Iterable

import networkx as nx

from .config import ENTITY_TYPES, ViewOptions, split_names
from .graph import edge_confidence, evidence_confidence
from .graph import widen_dates as _widen
from .model import EntityType

__all__ = ["ENTITY_TYPES", "filter_graph", "roll_up_to_countries", "view"]


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


def _home_country(attrs: dict, index: dict[str, Hashable]) -> Hashable | None:
    if attrs.get("type") != EntityType.LEADER.value:
        return None
    country = attrs.get("country")
    if not isinstance(country, str) or not country.strip():
        return None
    return index.get(country) or index.get(country.strip().casefold())


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


def roll_up_to_countries(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Fold each leader into the country it serves, for a state-to-state view.

    A leader whose `country` attribute names a country node (by id, or by label,
    ignoring case) disappears into that country: its mentions are added to the
    country's, its dates widen the country's, and its label is listed in the country's
    `leaders` attribute. Edges are then merged by (source, relation, target): counts
    summed, evidence concatenated (ordered by date), documents unioned, dates widened.
    `official_of` edges that become self-loops are dropped; any other self-loop (a
    leader acting on their own country) stays. A leader with no known country stays as
    it is.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.model import Entity, EntityType, Extraction, Relation
    >>> cn = Entity("country:CHN", "China", EntityType.COUNTRY)
    >>> ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
    >>> wang = Entity("leader:wang-yi", "Wang Yi", EntityType.LEADER, "China")
    >>> def rel(s, label, o):
    ...     return Relation(s, label, o, doc="a.txt", sentence="...", start=0, end=3)
    >>> g = build_graph([Extraction("a.txt", None, (
    ...     rel(wang, "official_of", cn), rel(wang, "consult", ru), rel(cn, "consult", ru)))])
    >>> countries = roll_up_to_countries(g)
    >>> sorted(countries.edges(keys=True, data="count"))
    [('country:CHN', 'country:RUS', 'consult', 2)]
    >>> countries.nodes["country:CHN"]["leaders"]
    ['Wang Yi']
    """
    index = _country_index(G)
    home = {node: _home_country(attrs, index) for node, attrs in G.nodes(data=True)}
    target = {node: country if country is not None else node for node, country in home.items()}

    rolled = nx.MultiDiGraph()
    rolled.graph.update(copy.deepcopy(G.graph))
    for node in sorted(G.nodes, key=str):
        if home[node] is None:
            rolled.add_node(node, **copy.deepcopy(G.nodes[node]))
    for leader in sorted((n for n, c in home.items() if c is not None), key=str):
        attrs, country = G.nodes[leader], rolled.nodes[home[leader]]
        if isinstance(attrs.get("mentions"), int):
            country["mentions"] = country.get("mentions", 0) + attrs["mentions"]
        _widen(country, "first_seen", "last_seen", attrs.get("first_seen"))
        _widen(country, "first_seen", "last_seen", attrs.get("last_seen"))
        label = attrs.get("label", leader)
        leaders = country.setdefault("leaders", [])
        if label not in leaders:
            leaders.append(label)
    for attrs in rolled.nodes.values():
        if "leaders" in attrs:
            attrs["leaders"].sort(key=str)

    merged: set[tuple] = set()
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for u, v, key, attrs in edges:
        nu, nv = target[u], target[v]
        if nu == nv and attrs.get("relation", key) == "official_of":
            continue
        if rolled.has_edge(nu, nv, key):
            _merge_edge(rolled.edges[nu, nv, key], attrs)
            merged.add((nu, nv, key))
        else:
            rolled.add_edge(nu, nv, key=key, **copy.deepcopy(attrs))
    for edge in merged:
        rolled.edges[edge].get("evidence", []).sort(key=_date_key)
    return rolled


def _as_text(value: str | _dt.date | None) -> str | None:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _in_window(date: object, since: str | None, until: str | None) -> bool:
    if not isinstance(date, str):
        return False
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
        and (not windowed or _in_window(item.get("date"), since, until))
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
