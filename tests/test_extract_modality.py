"""Negation and modality on hand-made parses."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import hand_doc  # noqa: E402

from graphbuild.extract.lexicon import Frame, Trigger, load_lexicon  # noqa: E402
from graphbuild.extract.modality import (  # noqa: E402
    is_asserted,
    is_future,
    is_negated,
    is_promise,
)
from graphbuild.extract.triggers import TriggerFinder  # noqa: E402

TRIGGERS = TriggerFinder(load_lexicon())
AID = Trigger(("send",), "verb", "aid", "", "", frozenset(), Frame.NONE)


def test_a_negated_verb():
    doc = hand_doc(["Mali", "did", "not", "sign"], [3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT"])
    assert is_negated(doc[3])
    assert not is_negated(doc[1])


def test_a_modal_makes_the_act_unasserted():
    doc = hand_doc(["Mali", "could", "attack"], [2, 2, 2], ["nsubj", "aux", "ROOT"])
    assert not is_asserted(doc[2], TRIGGERS)
    plain = hand_doc(["Mali", "attacked"], [1, 1], ["nsubj", "ROOT"])
    assert is_asserted(plain[1], TRIGGERS)


def test_a_cooperative_act_announced_for_the_future_is_a_promise():
    doc = hand_doc(["Mali", "will", "send", "aid"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"])
    assert is_promise(doc[2], AID)
    past = hand_doc(["Mali", "sent", "aid"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    assert not is_promise(past[1], AID)


def test_the_future_is_not_asserted_unless_announced():
    will = hand_doc(["Mali", "will", "attack"], [2, 2, 2], ["nsubj", "aux", "ROOT"])
    assert is_future(will[2]) and not is_asserted(will[2], TRIGGERS)
    # "Mali said it would attack": a decision its actor announces
    said = hand_doc(
        ["Mali", "said", "it", "would", "attack"],
        [1, 1, 4, 4, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp"],
        lemmas=["Mali", "say", "it", "would", "attack"],
    )
    assert not is_future(said[4])
    # "Mali is to attack": a schedule
    to = hand_doc(
        ["Mali", "is", "to", "attack"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "aux", "xcomp"],
        pos=["PROPN", "AUX", "PART", "VERB"],
        lemmas=["Mali", "be", "to", "attack"],
    )
    assert is_future(to[3])


def test_a_time_ahead_makes_a_present_tense_a_plan():
    words = ["Mali", "visits", "Chad", "next", "week"]
    ahead = hand_doc(words, [1, 1, 1, 4, 1], ["nsubj", "ROOT", "dobj", "amod", "npadvmod"])
    assert is_future(ahead[1])
    # "the next day" of a story told in the past
    words = ["The", "next", "day", "Mali", "visited", "Chad"]
    told = hand_doc(
        words, [2, 2, 4, 4, 4, 4], ["det", "amod", "npadvmod", "nsubj", "ROOT", "dobj"]
    )
    assert not is_future(told[4])
