"""Small hand-made graphs for export, view and analysis tests (no spaCy model needed).

Tests reach this module through the `factory` fixture in `conftest.py`.
"""

from __future__ import annotations

from graphbuild.graph import build_graph
from graphbuild.model import Entity, EntityType, Extraction, Mention, Relation

CHINA = Entity("country:CHN", "China", EntityType.COUNTRY)
RUSSIA = Entity("country:RUS", "Russia", EntityType.COUNTRY)
USA = Entity("country:USA", "United States", EntityType.COUNTRY)
UKRAINE = Entity("country:UKR", "Ukraine", EntityType.COUNTRY)
WANG_YI = Entity("leader:wang-yi", "Wang Yi", EntityType.LEADER, "China", "Foreign Minister")
LAVROV = Entity("leader:sergey-lavrov", "Sergey Lavrov", EntityType.LEADER, "Russia")
BLINKEN = Entity("leader:antony-blinken", "Antony Blinken", EntityType.LEADER, "United States")
ENVOY = Entity("leader:special-envoy", "Special Envoy", EntityType.LEADER)
UN = Entity("org:UN", "United Nations", EntityType.ORGANIZATION)
BRI = Entity("initiative:BRI", "Belt and Road Initiative", EntityType.INITIATIVE, "China")


def relation(subject, label, obj, doc, date, *, sentence=None, role=None, negated=False):
    """One relation with a made-up evidence sentence."""
    sentence = sentence or f"{subject.name} {label} {obj.name}."
    return Relation(
        subject,
        label,
        obj,
        doc=doc,
        sentence=sentence,
        start=0,
        end=len(sentence),
        date=date,
        negated=negated,
        rule=f"test:{label}",
        role=role,
    )


def sample_extractions() -> list[Extraction]:
    """Four documents about China, Russia, the US and Ukraine, with leaders and a forum."""
    return [
        Extraction(
            "2024-01-02-talks.txt",
            "2024-01-02",
            (
                relation(
                    WANG_YI,
                    "official_of",
                    CHINA,
                    "2024-01-02-talks.txt",
                    "2024-01-02",
                    role="Foreign Minister",
                ),
                relation(LAVROV, "official_of", RUSSIA, "2024-01-02-talks.txt", "2024-01-02"),
                relation(WANG_YI, "consult", LAVROV, "2024-01-02-talks.txt", "2024-01-02"),
                relation(CHINA, "cooperate", RUSSIA, "2024-01-02-talks.txt", "2024-01-02"),
                relation(RUSSIA, "participates_in", BRI, "2024-01-02-talks.txt", "2024-01-02"),
            ),
            (
                Mention(WANG_YI, "Wang Yi", 0, 7),
                Mention(WANG_YI, "Wang", 40, 44),
                Mention(CHINA, "Beijing", 60, 67),
            ),
        ),
        Extraction(
            "2024-02-10-sanctions.txt",
            "2024-02-10",
            (
                relation(USA, "sanction", RUSSIA, "2024-02-10-sanctions.txt", "2024-02-10"),
                relation(BLINKEN, "official_of", USA, "2024-02-10-sanctions.txt", "2024-02-10"),
                relation(BLINKEN, "accuse", LAVROV, "2024-02-10-sanctions.txt", "2024-02-10"),
                relation(USA, "aid", UKRAINE, "2024-02-10-sanctions.txt", "2024-02-10"),
                relation(
                    RUSSIA, "sanction", USA, "2024-02-10-sanctions.txt", "2024-02-10", negated=True
                ),
            ),
        ),
        Extraction(
            "2024-03-05-un.txt",
            "2024-03-05",
            (
                relation(USA, "sanction", RUSSIA, "2024-03-05-un.txt", "2024-03-05"),
                relation(CHINA, "member_of", UN, "2024-03-05-un.txt", "2024-03-05"),
                relation(RUSSIA, "member_of", UN, "2024-03-05-un.txt", "2024-03-05"),
                relation(ENVOY, "consult", UKRAINE, "2024-03-05-un.txt", "2024-03-05"),
                relation(WANG_YI, "consult", LAVROV, "2024-03-05-un.txt", "2024-03-05"),
                relation(CHINA, "consult", RUSSIA, "2024-03-05-un.txt", "2024-03-05"),
            ),
        ),
        Extraction(
            "undated.txt",
            None,
            (relation(CHINA, "sponsors", BRI, "undated.txt", None),),
        ),
    ]


def sample_graph():
    """The graph of `sample_extractions`: 10 actors, 14 relation edges."""
    return build_graph(sample_extractions())


def graph_from_names(names, sentences, *, labels=("consult", "accuse", "official_of")):
    """A chain of leaders and countries named `names`, with `sentences` as evidence.

    Ids are derived from the names, so odd names make odd ids as well.
    """
    actors = [
        Entity(f"leader:{name}", name, EntityType.LEADER, country=name, role=name)
        if i % 2
        else Entity(f"country:{name}", name, EntityType.COUNTRY)
        for i, name in enumerate(names)
    ]
    relations = []
    for i in range(len(actors) - 1):
        for j, sentence in enumerate(sentences or [""]):
            label = labels[(i + j) % len(labels)]
            day = 1 + (i + j) % 28
            relations.append(
                relation(
                    actors[i],
                    label,
                    actors[i + 1],
                    f"doc-{j}-{sentence[:8]}",
                    f"2024-01-{day:02d}",
                    sentence=sentence,
                )
            )
    mentions = tuple(Mention(a, a.name, 0, len(a.name)) for a in actors)
    return build_graph([Extraction("doc", "2024-01-01", tuple(relations), mentions)])


def random_graph(nodes: int, edges: int, *, seed: int = 0):
    """A random graph of about `nodes` actors and `edges` relation reports, for timing."""
    import random

    from graphbuild.labels import LABELS

    rng = random.Random(seed)
    kinds = list(EntityType)
    actors = [
        Entity(f"{kinds[i % 4].value}:{i}", f"Actor {i} 王{i}", kinds[i % 4], f"Actor {i - 1}")
        for i in range(nodes)
    ]
    labels = list(LABELS)
    extractions = []
    for d in range(edges // 5):
        date = f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}"
        doc = f"doc-{d}.txt"
        relations = []
        for _ in range(5):
            # A skewed choice, so some actors are hubs as in real news.
            a = actors[min(int(rng.paretovariate(1.2)) - 1, nodes - 1)]
            b = actors[rng.randrange(nodes)]
            relations.append(
                relation(
                    a,
                    rng.choice(labels),
                    b,
                    doc,
                    date,
                    sentence=f"{a.name} and {b.name} did something on {date}.",
                )
            )
        extractions.append(Extraction(doc, date, tuple(relations)))
    return build_graph(extractions)
