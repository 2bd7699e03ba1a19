"""Lexicon look-up of a verb and its children, on hand-made parses."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import hand_doc  # noqa: E402

from graphbuild.extract.lexicon import parse_lexicon  # noqa: E402
from graphbuild.extract.triggers import TriggerFinder  # noqa: E402

HEADER = "trigger,pos,label,initiative_label,organization_label,preps,frame"
LEXICON = parse_lexicon(
    [
        HEADER,
        "call,verb,consult,,,,plain",
        "call on,verb,request,,,,control",
        "stage,verb,mobilize,,,,",
    ]
)


def test_a_particle_picks_the_longer_entry():
    doc = hand_doc(
        ["They", "called", "on", "Iran"],
        [1, 1, 1, 2],
        ["nsubj", "ROOT", "prep", "pobj"],
        lemmas=["they", "call", "on", "iran"],
    )
    trigger = TriggerFinder(LEXICON).verb_trigger(doc[1])
    assert trigger is not None and trigger.label == "request"
    assert "on" in trigger.preps  # the preposition's object is the relation's object


def test_a_lemma_cut_short_is_mended():
    doc = hand_doc(
        ["They", "staged", "drills"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        lemmas=["they", "stag", "drill"],
    )
    finder = TriggerFinder(LEXICON)
    assert finder.lemma(doc[1]) == "stage"
    assert finder.verb_trigger(doc[1]).label == "mobilize"
    assert finder.verb_trigger(doc[0]) is None


ORDERS = parse_lexicon([HEADER, "order,verb,,,,,", "order troop,verb,mobilize,,,to,"])


def test_a_counted_noun_picks_the_entry_and_another_noun_of_of_does_not():
    counted = hand_doc(
        ["They", "ordered", "thousands", "of", "troops"],
        [1, 1, 1, 2, 3],
        ["nsubj", "ROOT", "dobj", "prep", "pobj"],
        lemmas=["they", "order", "thousand", "of", "troop"],
    )
    owned = hand_doc(
        ["They", "ordered", "the", "destruction", "of", "troops"],
        [1, 1, 3, 1, 3, 4],
        ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
        lemmas=["they", "order", "the", "destruction", "of", "troop"],
    )
    finder = TriggerFinder(ORDERS)
    assert finder.verb_trigger(counted[1]).label == "mobilize"
    assert finder.verb_trigger(owned[1]).label == ""
