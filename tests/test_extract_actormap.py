"""The actor map and the span readers the extract rooms share; no model needed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import actor_map, country, hand_doc  # noqa: E402

from graphbuild.extract.actormap import strip_article, tokens_among  # noqa: E402

FRANCE = country("FRA", "France")


def test_a_mention_is_found_from_each_of_its_tokens():
    actors = actor_map((1, 3, FRANCE))
    doc = hand_doc(
        ["the", "French", "Republic", "said"], [3, 2, 3, 3], ["det", "amod", "nsubj", "ROOT"]
    )
    assert [actors.at(t) is not None for t in doc] == [False, True, True, False]
    assert actors.at(doc[2]).entities == (FRANCE,)


def test_tokens_among_yields_matching_words_in_order():
    doc = hand_doc(
        ["He", "met", "her", "and", "him"],
        [1, 1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "cc", "conj"],
    )
    assert [t.i for t in tokens_among(doc, {"he", "him"})] == [0, 4]
    assert list(tokens_among(doc, {"nobody"})) == []


def test_strip_article_drops_the_article_and_a_possessive():
    doc = hand_doc(
        ["the", "Kremlin", "'s"], [1, 1, 1], ["det", "ROOT", "case"], tags=["DT", "NNP", "POS"]
    )
    assert strip_article(doc[0:3]) == "Kremlin"
    assert strip_article(doc[0:1]) == ""


def test_strip_article_drops_quote_marks_around_a_name():
    doc = hand_doc(
        ['"', "Abstentions", "Party", '"', "won"],
        [2, 2, 4, 2, 4],
        ["punct", "compound", "nsubj", "punct", "ROOT"],
    )
    assert strip_article(doc[0:4]) == "Abstentions Party"
