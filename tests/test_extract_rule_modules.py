"""The rule families of `extract.rules` (structural, verbs, nouns) on hand-made parses.

The end-to-end table of sentences is `test_extract_rules.py` (it needs the model).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import actor_map, country, hand_doc  # noqa: E402

from graphbuild.extract.actormap import ActorMap, ActorMention  # noqa: E402
from graphbuild.extract.context import DocContext  # noqa: E402
from graphbuild.extract.lexicon import load_lexicon  # noqa: E402
from graphbuild.extract.rules.nouns import noun_candidates  # noqa: E402
from graphbuild.extract.rules.structural import (  # noqa: E402
    membership_candidates,
    title_candidates,
)
from graphbuild.extract.rules.verbs import verb_candidates  # noqa: E402
from graphbuild.extract.triggers import TriggerFinder  # noqa: E402
from graphbuild.model import Entity, EntityType  # noqa: E402

TRIGGERS = TriggerFinder(load_lexicon())
CHINA, JAPAN, NORWAY = country("CHN", "China"), country("JPN", "Japan"), country("NOR", "Norway")
EU = Entity("org:eu", "European Union", EntityType.ORGANIZATION)
NATO = Entity("org:nato", "NATO", EntityType.ORGANIZATION)
RUSSIA = country("RUS", "Russia")


def triples(candidates):
    return {(c.subject.name, c.label, c.object.name, c.negated) for c in candidates}


def test_a_titled_leader_is_an_official_of_the_owner():
    wang = Entity("leader:wang", "Wang Yi", EntityType.LEADER, country="China")
    doc = hand_doc(["Wang", "Yi", "spoke"], [1, 2, 2], ["compound", "nsubj", "ROOT"])
    actors = ActorMap()
    actors.add(
        ActorMention(
            0, 2, (wang,), "ner", role="Foreign Minister", owner=CHINA, title_rule="title-prefix"
        )
    )
    ctx = DocContext.of(doc, actors, TRIGGERS)
    found = list(title_candidates(doc[0:3], ctx))
    assert triples(found) == {("Wang Yi", "official_of", "China", False)}
    assert found[0].role == "Foreign Minister"


def test_a_membership_noun_before_a_name():
    words = ["NATO", "member", "Norway", "spoke"]
    doc = hand_doc(
        words,
        [1, 2, 3, 3],
        ["compound", "compound", "nsubj", "ROOT"],
        pos=["PROPN", "NOUN", "PROPN", "VERB"],
    )
    ctx = DocContext.of(doc, actor_map((0, 1, NATO), (2, 3, NORWAY)), TRIGGERS)
    assert triples(membership_candidates(doc[0:4], ctx)) == {
        ("Norway", "member_of", "NATO", False)
    }


def test_a_verb_trigger_relates_subject_and_object_and_negation_holds():
    words = ["China", "condemned", "Japan"]
    doc = hand_doc(
        words,
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        pos=["PROPN", "VERB", "PROPN"],
        lemmas=["china", "condemn", "japan"],
    )
    ctx = DocContext.of(doc, actor_map((0, 1, CHINA), (2, 3, JAPAN)), TRIGGERS)
    assert triples(verb_candidates(doc[1], ctx)) == {("China", "accuse", "Japan", False)}
    words = ["China", "did", "not", "condemn", "Japan"]
    doc = hand_doc(
        words,
        [3, 3, 3, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "dobj"],
        pos=["PROPN", "AUX", "PART", "VERB", "PROPN"],
    )
    ctx = DocContext.of(doc, actor_map((0, 1, CHINA), (4, 5, JAPAN)), TRIGGERS)
    assert triples(verb_candidates(doc[3], ctx)) == {("China", "accuse", "Japan", True)}


def test_a_nominal_event_with_its_own_agent():
    words = ["EU", "sanctions", "against", "Russia", "began"]
    doc = hand_doc(
        words,
        [1, 4, 1, 2, 4],
        ["compound", "nsubj", "prep", "pobj", "ROOT"],
        pos=["PROPN", "NOUN", "ADP", "PROPN", "VERB"],
        lemmas=["eu", "sanction", "against", "russia", "begin"],
    )
    ctx = DocContext.of(doc, actor_map((0, 1, EU), (3, 4, RUSSIA)), TRIGGERS)
    assert triples(noun_candidates(doc[1], ctx)) == {
        ("European Union", "sanction", "Russia", False)
    }
