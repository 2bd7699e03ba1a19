"""Analyst views: leaders rolled up into countries, and filters by date, count, label, type."""

from __future__ import annotations

import copy
import datetime as dt

import networkx as nx
import pytest

from graphbuild.graph import build_graph
from graphbuild.labels import LABELS
from graphbuild.model import Entity, EntityType, Extraction
from graphbuild.views import filter_graph, roll_up_to_countries


def _snapshot(graph):
    return (
        copy.deepcopy(graph.graph),
        copy.deepcopy(list(graph.nodes(data=True))),
        copy.deepcopy(list(graph.edges(keys=True, data=True))),
    )


def _edges(graph):
    return {(u, k, v) for u, v, k in graph.edges(keys=True)}


# --- roll-up ----------------------------------------------------------------------------


def test_roll_up_sample(sample_graph):
    rolled = roll_up_to_countries(sample_graph)
    assert _edges(rolled) == {
        ("country:CHN", "consult", "country:RUS"),
        ("country:CHN", "cooperate", "country:RUS"),
        ("country:CHN", "sponsors", "initiative:BRI"),
        ("country:CHN", "member_of", "org:UN"),
        ("country:RUS", "participates_in", "initiative:BRI"),
        ("country:RUS", "member_of", "org:UN"),
        ("country:USA", "accuse", "country:RUS"),
        ("country:USA", "sanction", "country:RUS"),
        ("country:USA", "aid", "country:UKR"),
        ("leader:special-envoy", "consult", "country:UKR"),  # no known country: stays
    }
    assert not [n for n in rolled if n in ("leader:wang-yi", "leader:sergey-lavrov")]
    consult = rolled.edges["country:CHN", "country:RUS", "consult"]
    assert consult["count"] == 3 and consult["weight"] == 3.0
    assert len(consult["evidence"]) == 3
    assert [e["date"] for e in consult["evidence"]] == ["2024-01-02", "2024-03-05", "2024-03-05"]
    assert sorted(consult["documents"]) == ["2024-01-02-talks.txt", "2024-03-05-un.txt"]
    assert (consult["first_date"], consult["last_date"]) == ("2024-01-02", "2024-03-05")
    china = rolled.nodes["country:CHN"]
    assert china["leaders"] == ["Wang Yi"]
    assert china["mentions"] == 3  # its own 1 + Wang Yi's 2
    assert rolled.graph == sample_graph.graph


@pytest.mark.parametrize(
    ("node_type", "country", "serves", "folded_into"),
    [
        ("leader", "China", "CHINA", "country:CHN"),
        ("leader", "  china ", "CHINA", "country:CHN"),
        ("leader", "CHINA", None, "country:CHN"),
        ("leader", "country:CHN", None, "country:CHN"),
        ("leader", "Atlantis", None, None),
        ("leader", None, None, None),
        ("leader", "", None, None),
        ("leader", "Atlantis", "CHINA", "country:CHN"),  # the office the text states
        ("leader", None, "UN", "org:UN"),
        ("leader", None, "BRI", None),  # an initiative has no officials
        ("organization", "China", "CHINA", None),
        ("organization", None, "UN", None),
        ("initiative", "China", None, None),
    ],
)
def test_roll_up_folds_only_leaders_into_whom_they_serve(
    factory, node_type, country, serves, folded_into
):
    actor = Entity("x:actor", "Actor", EntityType(node_type), country)
    relations = [
        factory.relation(actor, "consult", factory.RUSSIA, "d", "2024-01-02"),
        factory.relation(factory.CHINA, "consult", factory.RUSSIA, "d", "2024-01-03"),
        factory.relation(factory.UN, "request", factory.RUSSIA, "d", "2024-01-03"),
    ]
    if serves:
        relations.append(
            factory.relation(actor, "official_of", getattr(factory, serves), "d", "2024-01-01")
        )
    rolled = roll_up_to_countries(build_graph([Extraction("d", None, tuple(relations))]))
    if folded_into is None:
        assert "x:actor" in rolled
        assert rolled.edges["country:CHN", "country:RUS", "consult"]["count"] == 1
        assert ("x:actor", "consult", "country:RUS") in _edges(rolled)
    else:
        assert "x:actor" not in rolled
        assert rolled.nodes[folded_into]["leaders"] == ["Actor"]
        consult = 2 if folded_into == "country:CHN" else 1
        assert rolled.edges["country:CHN", "country:RUS", "consult"]["count"] == consult
        assert not [e for e in _edges(rolled) if e[1] == "official_of"]


@pytest.mark.parametrize(
    ("country", "offices", "folded_into"),
    [
        ("Russia", {"RUSSIA": 1, "UN": 3}, "country:RUS"),  # the known country among them
        (None, {"RUSSIA": 1, "UN": 3}, "org:UN"),  # the most evidence
        (None, {"RUSSIA": 2, "UN": 2}, "country:RUS"),  # a tie: the country
        ("China", {"UN": 1}, "org:UN"),  # serves someone else now
    ],
)
def test_a_leader_of_several_offices_folds_into_one(factory, country, offices, folded_into):
    actor = Entity("x:actor", "Actor", EntityType.LEADER, country)
    relations = [factory.relation(actor, "accuse", factory.USA, "d", "2024-01-01")]
    relations += [
        factory.relation(actor, "official_of", getattr(factory, name), f"d{i}", "2024-01-01")
        for name, times in offices.items()
        for i in range(times)
    ]
    graph = build_graph([Extraction("d", None, tuple(relations))])
    if country == "China":
        graph.add_node("country:CHN", label="China", type="country")
    rolled = roll_up_to_countries(graph)
    assert _edges(rolled) == {(folded_into, "accuse", "country:USA")}


def test_roll_up_drops_every_self_loop(factory):
    wang, china, russia = factory.WANG_YI, factory.CHINA, factory.RUSSIA
    relations = (
        factory.relation(wang, "official_of", china, "d", "2024-01-01"),
        factory.relation(wang, "support", china, "d", "2024-01-02"),
        factory.relation(china, "agree", china, "d", "2024-01-02"),
        factory.relation(china, "agree", russia, "d", "2024-01-02"),
    )
    rolled = roll_up_to_countries(build_graph([Extraction("d", None, relations)]))
    assert _edges(rolled) == {("country:CHN", "agree", "country:RUS")}


def test_roll_up_merges_the_two_directions_of_a_symmetric_relation(factory):
    wang, china, russia, lavrov = factory.WANG_YI, factory.CHINA, factory.RUSSIA, factory.LAVROV
    relations = (
        factory.relation(china, "consult", russia, "a", "2024-01-03"),
        factory.relation(lavrov, "consult", wang, "b", "2024-01-01"),
        factory.relation(russia, "consult", china, "c", "2024-01-02"),
        factory.relation(russia, "accuse", china, "c", "2024-01-02"),
        factory.relation(china, "accuse", russia, "c", "2024-01-02"),
    )
    rolled = roll_up_to_countries(build_graph([Extraction("a", None, relations)]))
    assert _edges(rolled) == {
        ("country:RUS", "consult", "country:CHN"),  # two of its three reports run this way
        ("country:RUS", "accuse", "country:CHN"),  # not symmetric: both directions stay
        ("country:CHN", "accuse", "country:RUS"),
    }
    consult = rolled.edges["country:RUS", "country:CHN", "consult"]
    assert (consult["count"], consult["forward_count"], consult["reverse_count"]) == (3, 2, 1)
    assert [e["date"] for e in consult["evidence"]] == ["2024-01-01", "2024-01-02", "2024-01-03"]
    assert sorted(consult["documents"]) == ["a", "b", "c"]
    assert (consult["first_date"], consult["last_date"]) == ("2024-01-01", "2024-01-03")
    assert "forward_count" not in rolled.edges["country:RUS", "country:CHN", "accuse"]


def test_a_symmetric_relation_reported_one_way_gets_both_counts(sample_graph):
    rolled = roll_up_to_countries(sample_graph)
    cooperate = rolled.edges["country:CHN", "country:RUS", "cooperate"]
    assert (cooperate["count"], cooperate["forward_count"], cooperate["reverse_count"]) == (
        1,
        1,
        0,
    )


def test_roll_up_widens_country_dates_with_its_leaders(factory):
    wang, china, russia = factory.WANG_YI, factory.CHINA, factory.RUSSIA
    relations = (
        factory.relation(wang, "consult", russia, "a", "2023-12-01"),
        factory.relation(china, "consult", russia, "b", "2024-02-01"),
    )
    rolled = roll_up_to_countries(build_graph([Extraction("a", None, relations)]))
    china_attrs = rolled.nodes["country:CHN"]
    assert (china_attrs["first_seen"], china_attrs["last_seen"]) == ("2023-12-01", "2024-02-01")
    edge = rolled.edges["country:CHN", "country:RUS", "consult"]
    assert (edge["first_date"], edge["last_date"]) == ("2023-12-01", "2024-02-01")
    assert edge["documents"] == ["b", "a"]  # in (source, target, relation) order of the input


def test_roll_up_does_not_touch_its_input(sample_graph):
    before = _snapshot(sample_graph)
    rolled = roll_up_to_countries(sample_graph)
    rolled.nodes["country:CHN"]["aliases"].append("changed")
    rolled.edges["country:CHN", "country:RUS", "consult"]["evidence"].clear()
    assert _snapshot(sample_graph) == before


# --- filters ----------------------------------------------------------------------------

ALL_EDGES = {
    ("country:CHN", "consult", "country:RUS"),
    ("country:CHN", "cooperate", "country:RUS"),
    ("country:CHN", "sponsors", "initiative:BRI"),
    ("country:CHN", "member_of", "org:UN"),
    ("country:RUS", "participates_in", "initiative:BRI"),
    ("country:RUS", "member_of", "org:UN"),
    ("country:USA", "sanction", "country:RUS"),
    ("country:USA", "aid", "country:UKR"),
    ("leader:antony-blinken", "official_of", "country:USA"),
    ("leader:antony-blinken", "accuse", "leader:sergey-lavrov"),
    ("leader:sergey-lavrov", "official_of", "country:RUS"),
    ("leader:special-envoy", "consult", "country:UKR"),
    ("leader:wang-yi", "official_of", "country:CHN"),
    ("leader:wang-yi", "consult", "leader:sergey-lavrov"),
}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, ALL_EDGES),
        (
            {"since": "2024-03-01"},
            {
                ("country:CHN", "consult", "country:RUS"),
                ("country:CHN", "member_of", "org:UN"),
                ("country:RUS", "member_of", "org:UN"),
                ("country:USA", "sanction", "country:RUS"),
                ("leader:special-envoy", "consult", "country:UKR"),
                ("leader:wang-yi", "consult", "leader:sergey-lavrov"),
            },
        ),
        (
            {"until": "2024-01-31"},
            {
                ("country:CHN", "cooperate", "country:RUS"),
                ("country:RUS", "participates_in", "initiative:BRI"),
                ("leader:sergey-lavrov", "official_of", "country:RUS"),
                ("leader:wang-yi", "official_of", "country:CHN"),
                ("leader:wang-yi", "consult", "leader:sergey-lavrov"),
            },
        ),
        (
            {"since": "2024-02-10", "until": "2024-02-10"},
            {
                ("country:USA", "sanction", "country:RUS"),
                ("country:USA", "aid", "country:UKR"),
                ("leader:antony-blinken", "official_of", "country:USA"),
                ("leader:antony-blinken", "accuse", "leader:sergey-lavrov"),
            },
        ),
        (
            {"min_count": 2},
            {
                ("country:USA", "sanction", "country:RUS"),
                ("leader:wang-yi", "consult", "leader:sergey-lavrov"),
            },
        ),
        ({"min_count": 3}, set()),
        ({"min_count": 0}, ALL_EDGES),
        (
            {"relations": ["sanction", "aid"]},
            {("country:USA", "sanction", "country:RUS"), ("country:USA", "aid", "country:UKR")},
        ),
        ({"relations": "aid"}, {("country:USA", "aid", "country:UKR")}),
        ({"relations": []}, set()),
        (
            {"types": ["country"]},
            {
                ("country:CHN", "consult", "country:RUS"),
                ("country:CHN", "cooperate", "country:RUS"),
                ("country:USA", "sanction", "country:RUS"),
                ("country:USA", "aid", "country:UKR"),
            },
        ),
        (
            {"types": "leader"},
            {
                ("leader:antony-blinken", "accuse", "leader:sergey-lavrov"),
                ("leader:wang-yi", "consult", "leader:sergey-lavrov"),
            },
        ),
        (
            {"since": "2024-03-01", "types": ["country", "organization"], "min_count": 1},
            {
                ("country:CHN", "consult", "country:RUS"),
                ("country:CHN", "member_of", "org:UN"),
                ("country:RUS", "member_of", "org:UN"),
                ("country:USA", "sanction", "country:RUS"),
            },
        ),
        (
            {"since": "2024-01-01", "min_count": 2},
            {
                ("country:USA", "sanction", "country:RUS"),
                ("leader:wang-yi", "consult", "leader:sergey-lavrov"),
            },
        ),
        ({"since": "2024-03-01", "min_count": 2}, set()),
    ],
)
def test_filter_graph(sample_graph, options, expected):
    view = filter_graph(sample_graph, **options)
    assert _edges(view) == expected
    touched = {u for u, _, _ in expected} | {v for _, _, v in expected}
    assert set(view.nodes) == touched  # actors left without edges are dropped


@pytest.mark.parametrize(
    ("options", "count", "first", "last", "documents"),
    [
        ({"since": "2024-03-01"}, 1, "2024-03-05", "2024-03-05", ["2024-03-05-un.txt"]),
        ({"until": "2024-03-01"}, 1, "2024-02-10", "2024-02-10", ["2024-02-10-sanctions.txt"]),
        (
            {"since": "2024-02-10", "until": "2024-03-05"},
            2,
            "2024-02-10",
            "2024-03-05",
            ["2024-02-10-sanctions.txt", "2024-03-05-un.txt"],
        ),
    ],
)
def test_date_window_recomputes_edge_totals(sample_graph, options, count, first, last, documents):
    edge = filter_graph(sample_graph, **options).edges["country:USA", "country:RUS", "sanction"]
    assert (edge["count"], edge["weight"]) == (count, float(count))
    assert len(edge["evidence"]) == count
    assert (edge["first_date"], edge["last_date"]) == (first, last)
    assert edge["documents"] == documents


def test_date_window_accepts_date_objects(sample_graph):
    a = filter_graph(sample_graph, since=dt.date(2024, 3, 1))
    b = filter_graph(sample_graph, since="2024-03-01")
    assert _edges(a) == _edges(b)


def test_undated_evidence_is_dropped_by_a_window_only(sample_graph):
    assert ("country:CHN", "sponsors", "initiative:BRI") in _edges(filter_graph(sample_graph))
    view = filter_graph(sample_graph, since="2000-01-01")
    assert ("country:CHN", "sponsors", "initiative:BRI") not in _edges(view)


def test_actors_isolated_from_the_start_are_kept(sample_graph):
    sample_graph.add_node("country:ATL", label="Atlantis", type="country")
    assert "country:ATL" in filter_graph(sample_graph, min_count=2)
    assert "country:ATL" not in filter_graph(sample_graph, types=["leader"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"relations": ["meet"]}, r"unknown relation label 'meet'; choose from: agree"),
        ({"relations": ["consult", "hug", "meet"]}, r"'hug', 'meet'"),
        (
            {"types": ["person"]},
            r"unknown actor type 'person'; choose from: "
            r"country, leader, organization, initiative",
        ),
        ({"since": "2024-13-01"}, r"since '2024-13-01' is not a date"),
        ({"until": "March"}, r"until 'March' is not a date"),
        ({"since": 20240101}, r"since 20240101 is not a date"),
        ({"since": "2024-03-01", "until": "2024-01-01"}, r"since 2024-03-01 is after until"),
        ({"min_count": "2"}, r"min-count must be an integer"),
        ({"min_confidence": 1.5}, r"min-confidence must be a number from 0 to 1"),
        ({"min_confidence": "high"}, r"min-confidence must be a number from 0 to 1"),
    ],
)
def test_filter_graph_errors(sample_graph, options, message):
    with pytest.raises(ValueError, match=message):
        filter_graph(sample_graph, **options)


def test_every_label_in_the_table_is_accepted(sample_graph):
    assert _edges(filter_graph(sample_graph, relations=list(LABELS))) == ALL_EDGES


def test_filter_does_not_touch_its_input(sample_graph):
    before = _snapshot(sample_graph)
    view = filter_graph(sample_graph, since="2024-03-01", types=["country", "leader"])
    for _, _, attrs in view.edges(data=True):
        attrs["evidence"].clear()
    assert _snapshot(sample_graph) == before


def test_views_stack(sample_graph):
    view = filter_graph(roll_up_to_countries(sample_graph), types="country", min_count=2)
    assert _edges(view) == {
        ("country:CHN", "consult", "country:RUS"),
        ("country:USA", "sanction", "country:RUS"),
    }
    assert isinstance(view, nx.MultiDiGraph)


# --- confidence ---------------------------------------------------------------------------

CN = Entity("country:CHN", "China", EntityType.COUNTRY)
RU = Entity("country:RUS", "Russia", EntityType.COUNTRY)
IR = Entity("country:IRN", "Iran", EntityType.COUNTRY)


def _confident_graph():
    from graphbuild.model import Relation

    def rel(subject, label, obj, doc, confidence):
        return Relation(subject, label, obj, doc, "...", 0, 3, "2024-01-0" + doc[0],
                        confidence=confidence)  # fmt: skip

    return build_graph(
        [
            Extraction("1.txt", "2024-01-01", (rel(CN, "consult", RU, "1.txt", 0.9),)),
            Extraction("2.txt", "2024-01-02", (rel(CN, "consult", RU, "2.txt", 0.3),)),
            Extraction("3.txt", "2024-01-03", (rel(CN, "accuse", IR, "3.txt", 0.35),)),
        ]
    )


def test_min_confidence_keeps_the_confident_evidence_and_its_edges():
    g = _confident_graph()
    view = filter_graph(g, min_confidence=0.5)
    assert _edges(view) == {("country:CHN", "consult", "country:RUS")}
    edge = view.edges["country:CHN", "country:RUS", "consult"]
    assert (edge["count"], edge["documents"], edge["confidence"]) == (1, ["1.txt"], 0.9)
    assert (edge["first_date"], edge["last_date"]) == ("2024-01-01", "2024-01-01")
    assert "country:IRN" not in view


def test_min_confidence_zero_changes_nothing():
    g = _confident_graph()
    assert _snapshot(filter_graph(g, min_confidence=0.0)) == _snapshot(g)


def test_the_default_view_uses_the_default_threshold():
    from graphbuild.config import DEFAULT_MIN_CONFIDENCE, ViewOptions
    from graphbuild.views import view

    assert 0 < DEFAULT_MIN_CONFIDENCE < 1
    kept = {
        round(c, 1) for _, _, c in view(_confident_graph(), ViewOptions()).edges(data="confidence")
    }
    assert kept == {0.9}


def test_roll_up_keeps_the_highest_confidence():
    wang = Entity("leader:wang-yi", "Wang Yi", EntityType.LEADER, country="China")
    from graphbuild.model import Relation

    relations = (
        Relation(wang, "consult", RU, "a", "...", 0, 3, confidence=0.8),
        Relation(CN, "consult", RU, "a", "...", 0, 3, confidence=0.6),
    )
    rolled = roll_up_to_countries(build_graph([Extraction("a", None, relations)]))
    assert rolled.edges["country:CHN", "country:RUS", "consult"]["confidence"] == 0.8
