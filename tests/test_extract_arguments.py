"""Argument search on hand-made parses: who acts and on whom."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import actor_map, country, hand_doc  # noqa: E402

from graphbuild.extract.arguments import (  # noqa: E402
    actors_of,
    is_passive,
    unique,
    verb_objects,
    verb_subjects,
)
from graphbuild.extract.lexicon import Frame, Trigger  # noqa: E402

FRANCE, MALI, PERU = country("FRA", "France"), country("MLI", "Mali"), country("PER", "Peru")
MET = Trigger(("meet",), "verb", "consult", "", "", frozenset({"with"}), Frame.NONE)


def test_conjuncts_stand_together():
    words = ["France", "and", "Mali", "met", "Peru"]
    doc = hand_doc(words, [3, 0, 0, 3, 3], ["nsubj", "cc", "conj", "ROOT", "dobj"])
    actors = actor_map((0, 1, FRANCE), (2, 3, MALI), (4, 5, PERU))
    assert actors_of(doc[0], actors) == [FRANCE, MALI]
    assert verb_subjects(doc[3], actors, False) == [FRANCE, MALI]
    assert verb_objects(doc[3], actors, MET, False) == [PERU]


def test_the_agent_of_a_passive_acts():
    words = ["Peru", "was", "visited", "by", "Mali"]
    doc = hand_doc(words, [2, 2, 2, 2, 3], ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"])
    actors = actor_map((0, 1, PERU), (4, 5, MALI))
    assert is_passive(doc[2])
    assert verb_subjects(doc[2], actors, True) == [MALI]
    assert verb_objects(doc[2], actors, MET, True) == [PERU]


def test_unique_keeps_the_first_of_each_entity():
    assert unique([FRANCE, MALI, FRANCE]) == [FRANCE, MALI]
