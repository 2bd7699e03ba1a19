"""Assemble relations into a networkx graph: one node per actor, one edge per relation type.

The graph is a `networkx.MultiDiGraph`. Node keys are entity ids; edge keys are relation
labels, so each (subject, label, object) is one edge aggregated over all its evidence.

Node attributes
    label, type, country, role, mentions, first_seen, last_seen, aliases (list of str)
Edge attributes
    relation, quad_class, intensity, weight (float, the count), count (int),
    confidence (float: the highest of its evidence's, see `edge_confidence`),
    first_date, last_date, documents (list of str),
    evidence (list of dicts: sentence, doc, date, start, end, rule, confidence)

Values may be None or lists here; the exporters sanitise them for each format.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .labels import LABELS
from .model import Entity, Extraction, Relation


def widen_dates(attrs: dict, key_first: str, key_last: str, date: str | None) -> None:
    """Stretch the date range `attrs[key_first]`..`attrs[key_last]` to include `date`."""
    if date is None:
        return
    if attrs.get(key_first) is None or date < attrs[key_first]:
        attrs[key_first] = date
    if attrs.get(key_last) is None or date > attrs[key_last]:
        attrs[key_last] = date


class _Votes:
    """The values each actor's label, country and role were given, how often each, and the
    latest date each was given on, so the value kept does not depend on input order."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], dict[str, list]] = {}

    def add(self, node: str, attr: str, value: str | None, date: str | None) -> None:
        if not value:
            return
        entry = self.seen.setdefault((node, attr), {}).setdefault(value, [0, ""])
        entry[0] += 1
        if date and date > entry[1]:
            entry[1] = date

    def settle(self, graph: nx.MultiDiGraph) -> None:
        """Give each attribute its chosen value (`chosen`)."""
        for (node, attr), values in self.seen.items():
            if node in graph:
                graph.nodes[node][attr] = chosen(values)


def chosen(values: dict[str, list]) -> str:
    """The value given most often; among those, the one given latest; then the first in
    alphabetical order. `values` maps each value to ``[times given, latest date or ""]``.

    Examples
    --------
    >>> chosen({"Leader": [2, "2024-01-01"], "Prime Minister": [2, "2024-03-01"]})
    'Prime Minister'
    >>> chosen({"EBay": [1, ""], "Ebay": [1, ""]})
    'EBay'
    """
    top = max(count for count, _ in values.values())
    latest = max(date for count, date in values.values() if count == top)
    return min(value for value, (count, date) in values.items() if (count, date) == (top, latest))


def _ensure_node(graph: nx.MultiDiGraph, entity: Entity) -> dict:
    if entity.id not in graph:
        graph.add_node(
            entity.id,
            label=entity.name,
            type=entity.type.value,
            country=entity.country,
            role=entity.role,
            mentions=0,
            first_seen=None,
            last_seen=None,
            aliases=[],
        )
    attrs = graph.nodes[entity.id]
    if attrs.get("country") is None and entity.country:
        attrs["country"] = entity.country
    if attrs.get("role") is None and entity.role:
        attrs["role"] = entity.role
    return attrs


def add_relation(graph: nx.MultiDiGraph, relation: Relation, votes: _Votes | None = None) -> None:
    """Add one relation's evidence to the graph; negated relations are ignored.

    On its own, an actor keeps the label, country and role it was first given;
    `build_graph` passes `votes` to choose them by a rule that ignores input order."""
    if relation.negated:
        return
    for entity in (relation.subject, relation.object):
        widen_dates(_ensure_node(graph, entity), "first_seen", "last_seen", relation.date)
        if votes is not None:
            votes.add(entity.id, "label", entity.name, relation.date)
            votes.add(entity.id, "country", entity.country, relation.date)
            votes.add(entity.id, "role", entity.role, relation.date)
    if relation.label == "official_of" and relation.role:
        node = graph.nodes[relation.subject.id]
        if votes is not None:
            votes.add(relation.subject.id, "role", relation.role, relation.date)
        if not node.get("role"):
            node["role"] = relation.role
    u, v, key = relation.subject.id, relation.object.id, relation.label
    if not graph.has_edge(u, v, key):
        label = LABELS[relation.label]
        graph.add_edge(
            u,
            v,
            key=key,
            relation=key,
            quad_class=label.quad_class,
            intensity=label.intensity,
            weight=0.0,
            count=0,
            confidence=0.0,
            first_date=None,
            last_date=None,
            documents=[],
            evidence=[],
        )
    attrs = graph.edges[u, v, key]
    attrs["count"] += 1
    attrs["weight"] = float(attrs["count"])
    attrs["confidence"] = max(attrs["confidence"], relation.confidence)
    widen_dates(attrs, "first_date", "last_date", relation.date)
    if relation.doc not in attrs["documents"]:
        attrs["documents"].append(relation.doc)
    attrs["evidence"].append(
        {
            "sentence": relation.sentence,
            "doc": relation.doc,
            "date": relation.date,
            "start": relation.start,
            "end": relation.end,
            "rule": relation.rule,
            "confidence": relation.confidence,
        }
    )


def edge_confidence(evidence: Iterable[object]) -> float:
    """An edge's confidence: the highest of its evidence items'.

    The highest, not a noisy-or: sentences that repeat one report (or one misreading rule
    on one kind of sentence) are not independent, and an edge kept by `min_confidence`
    then has at least one sentence above the threshold, as `graphbuild evaluate
    --min-confidence` measures. Items without a number count as 1.0 (made by hand).

    Examples
    --------
    >>> edge_confidence([{"confidence": 0.4}, {"confidence": 0.7}, {}])
    1.0
    >>> edge_confidence([{"confidence": 0.4}, {"confidence": 0.7}])
    0.7
    """
    values = [evidence_confidence(item) for item in evidence]
    return max(values, default=0.0)


def evidence_confidence(item: object) -> float:
    """The confidence of one evidence item (1.0 when it carries none)."""
    value = item.get("confidence") if isinstance(item, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 1.0
    return float(value)


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """Assemble per-document extractions into one graph.

    Mentions raise the mention count and aliases of actors that take part in at least
    one relation; actors only mentioned, never related, stay out of the graph.

    Examples
    --------
    >>> from graphbuild.model import Entity, EntityType, Extraction, Relation
    >>> cn = Entity("country:CHN", "China", EntityType.COUNTRY)
    >>> ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
    >>> rel = Relation(cn, "consult", ru, doc="a.txt", sentence="China met Russia.",
    ...                start=0, end=17, date="2024-01-02")
    >>> g = build_graph([Extraction("a.txt", "2024-01-02", (rel,))])
    >>> g.edges["country:CHN", "country:RUS", "consult"]["count"]
    1
    """
    graph = nx.MultiDiGraph()
    votes = _Votes()
    # Mention statistics are kept per actor, not per document, so memory stays bounded
    # by the number of actors however many documents stream through.
    seen: dict[str, dict] = {}
    documents = 0
    for extraction in extractions:
        documents += 1
        for relation in extraction.relations:
            add_relation(graph, relation, votes)
        for mention in extraction.mentions:
            stats = seen.setdefault(
                mention.entity.id,
                {"mentions": 0, "first_seen": None, "last_seen": None, "aliases": set()},
            )
            stats["mentions"] += 1
            widen_dates(stats, "first_seen", "last_seen", extraction.date)
            stats["aliases"].add(mention.text)
    for node, attrs in graph.nodes(data=True):
        node_stats = seen.get(node)
        if node_stats is None:
            continue
        attrs["mentions"] = node_stats["mentions"]
        widen_dates(attrs, "first_seen", "last_seen", node_stats["first_seen"])
        widen_dates(attrs, "first_seen", "last_seen", node_stats["last_seen"])
        attrs["aliases"] = sorted(node_stats["aliases"])
    graph.graph["documents"] = documents
    votes.settle(graph)
    return _in_sorted_order(graph)


def _evidence_order(item: dict) -> tuple:
    return (item["date"] or "", item["doc"], item["start"], item["end"], item["sentence"],
            item["rule"] or "", item["confidence"])  # fmt: skip


def _in_sorted_order(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`graph` with its nodes, edges and each edge's evidence (and documents) in sorted
    order, so that nothing after it (views, layouts, files) sees the input order."""
    ordered = nx.MultiDiGraph()
    ordered.graph.update(graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        attrs["evidence"].sort(key=_evidence_order)
        attrs["documents"] = list(dict.fromkeys(item["doc"] for item in attrs["evidence"]))
        ordered.add_edge(u, v, key=key, **attrs)
    return ordered
