"""Named initiative spans, placed summits and "X-led" owners on hand-made parses."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import actor_map, country, hand_doc  # noqa: E402

from graphbuild.extract.initiatives import (  # noqa: E402
    add_placed_events,
    hyphen_owner,
    initiative_spans,
    is_hyphen_participle,
)
from graphbuild.model import EntityType  # noqa: E402

US = country("USA", "United States")
KAZAKHSTAN = country("KAZ", "Kazakhstan")


def test_a_capitalised_run_ending_in_an_initiative_head_is_a_span():
    words = ["the", "Three", "Seas", "Initiative", "met"]
    doc = hand_doc(words, [3, 2, 3, 4, 4], ["det", "nummod", "compound", "nsubj", "ROOT"])
    assert initiative_spans(doc) == [(1, 4)]


def test_a_bare_capitalised_head_names_nothing():
    doc = hand_doc(["the", "Summit", "ended"], [1, 2, 2], ["det", "nsubj", "ROOT"])
    assert initiative_spans(doc) == []


def test_the_actor_before_a_hyphen_participle_owns_it():
    words = ["the", "US", "-", "led", "framework"]
    doc = hand_doc(words, [4, 3, 3, 4, 4], ["det", "npadvmod", "punct", "amod", "ROOT"])
    actors = actor_map((1, 2, US))
    assert is_hyphen_participle(doc[3]) and not is_hyphen_participle(doc[4])
    assert hyphen_owner(doc[3], actors).entities == (US,)


def test_a_summit_with_its_place_becomes_that_places_summit():
    words = ["a", "summit", "in", "Astana", "ended"]
    doc = hand_doc(
        words,
        [1, 4, 1, 2, 4],
        ["det", "nsubj", "prep", "pobj", "ROOT"],
        pos=["DET", "NOUN", "ADP", "PROPN", "VERB"],
    )
    actors = actor_map((3, 4, KAZAKHSTAN))
    add_placed_events(doc, actors)
    event = actors.at(doc[1])
    assert event is not None and event.source == "placed"
    assert event.entities[0].type is EntityType.INITIATIVE
    assert event.entities[0].name == "Astana summit"
