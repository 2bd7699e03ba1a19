"""Relations -> one graph: one node per actor, one edge per (subject, label, object)."""

from __future__ import annotations

from graphbuild.graph import add_relation, build_graph, widen_dates
from graphbuild.model import Entity, EntityType, Extraction, Mention, Relation

CN = Entity("country:CHN", "China", EntityType.COUNTRY)
RU = Entity("country:RUS", "Russia", EntityType.COUNTRY)
WANG = Entity("leader:wang-yi", "Wang Yi", EntityType.LEADER, country="CHN")
NATO = Entity("org:NATO", "NATO", EntityType.ORGANIZATION)


def rel(subject, label, obj, doc="a.txt", date=None, **extra):
    return Relation(
        subject, label, obj, doc=doc, sentence="...", start=0, end=3, date=date, **extra
    )


def test_evidence_of_one_relation_is_aggregated_on_one_edge():
    g = build_graph(
        [
            Extraction("a.txt", "2024-01-05", (rel(CN, "consult", RU, date="2024-01-05"),)),
            Extraction("b.txt", "2024-03-01", (rel(CN, "consult", RU, "b.txt", "2024-03-01"),)),
        ]
    )
    edge = g.edges[CN.id, RU.id, "consult"]
    assert (edge["count"], edge["weight"], edge["documents"]) == (2, 2.0, ["a.txt", "b.txt"])
    assert (edge["first_date"], edge["last_date"]) == ("2024-01-05", "2024-03-01")
    assert edge["quad_class"] == "verbal_cooperation"
    assert len(edge["evidence"]) == 2


def test_negated_relations_never_become_edges():
    g = build_graph([Extraction("a.txt", None, (rel(CN, "sanction", RU, negated=True),))])
    assert g.number_of_edges() == 0 and g.number_of_nodes() == 0


def test_an_official_of_gives_the_leader_its_role():
    g = build_graph(
        [Extraction("a.txt", None, (rel(WANG, "official_of", CN, role="Foreign Minister"),))]
    )
    assert g.nodes[WANG.id]["role"] == "Foreign Minister"


def test_mentions_count_only_for_related_actors():
    mentions = (
        Mention(CN, "Beijing", 0, 7),
        Mention(CN, "China", 9, 14),
        Mention(NATO, "NATO", 20, 24),
    )
    g = build_graph([Extraction("a.txt", "2024-01-05", (rel(CN, "consult", RU),), mentions)])
    assert g.nodes[CN.id]["mentions"] == 2
    assert sorted(g.nodes[CN.id]["aliases"]) == ["Beijing", "China"]
    assert NATO.id not in g


def test_add_relation_and_widen_dates():
    import networkx as nx

    g = nx.MultiDiGraph()
    add_relation(g, rel(CN, "accuse", RU, date="2024-02-02"))
    assert g.has_edge(CN.id, RU.id, "accuse")
    span = {"first": None, "last": None}
    for date in ("2024-05-01", None, "2024-01-01", "2024-03-01"):
        widen_dates(span, "first", "last", date)
    assert span == {"first": "2024-01-01", "last": "2024-05-01"}


def test_an_edge_is_as_confident_as_its_best_evidence():
    g = build_graph(
        [
            Extraction("a.txt", None, (rel(CN, "consult", RU, confidence=0.4),)),
            Extraction("b.txt", None, (rel(CN, "consult", RU, "b.txt", confidence=0.7),)),
        ]
    )
    edge = g.edges[CN.id, RU.id, "consult"]
    assert edge["confidence"] == 0.7
    assert [item["confidence"] for item in edge["evidence"]] == [0.4, 0.7]


def _conflicting() -> list[Extraction]:
    """Documents that name one actor and its role in different ways."""
    sharon = [
        Entity("leader:sharon", "Sharon", EntityType.LEADER, role=r)
        for r in ("Leader", "Prime Minister")
    ]
    ebay = [Entity("org:ebay", name, EntityType.ORGANIZATION) for name in ("Ebay", "EBay")]
    days = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    return [
        Extraction(
            f"{n}.txt", day, (rel(sharon[n % 2], "consult", ebay[n // 2 % 2], f"{n}.txt", day),)
        )
        for n, day in enumerate(days)
    ]


def test_labels_and_roles_do_not_depend_on_input_order():
    import random

    documents = _conflicting()
    graphs = []
    for seed in range(6):
        random.Random(seed).shuffle(documents)
        graphs.append(build_graph(documents))
    first = graphs[0]
    for g in graphs[1:]:
        assert list(g.nodes(data=True)) == list(first.nodes(data=True))
        assert list(g.edges(keys=True, data=True)) == list(first.edges(keys=True, data=True))
    # two votes each: the latest dated wins (April: "Prime Minister"; "EBay" in March-April)
    assert first.nodes["leader:sharon"]["role"] == "Prime Minister"
    assert first.nodes["org:ebay"]["label"] == "EBay"
    evidence = first.edges["leader:sharon", "org:ebay", "consult"]["evidence"]
    assert [item["date"] for item in evidence] == sorted(item["date"] for item in evidence)
