"""Coreference helpers on hand-made parses: no spaCy model needed."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from graphbuild.extract.actormap import ActorMap, ActorMention
from graphbuild.extract.coreference import latest_group
from graphbuild.model import Entity, EntityType


def country(code: str, name: str) -> Entity:
    return Entity(f"country:{code}", name, EntityType.COUNTRY)


MALI, BURKINA, NIGER = (
    country("MLI", "Mali"),
    country("BFA", "Burkina Faso"),
    country("NER", "Niger"),
)


def test_a_list_parsed_with_an_apposition_is_still_one_group():
    # "Mali, Burkina Faso and Niger said that they ...", as the small model parses it:
    # "Faso" an apposition of "Mali", "Niger" a conjunct of "Faso".
    words = ["Mali", ",", "Burkina", "Faso", "and", "Niger", "said", "that", "they", "left"]
    heads = [6, 0, 3, 0, 3, 3, 6, 9, 9, 6]
    deps = ["nsubj", "punct", "compound", "appos", "cc", "conj", "ROOT", "mark", "nsubj", "ccomp"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    actors = ActorMap()
    for start, end, entity in ((0, 1, MALI), (2, 4, BURKINA), (5, 6, NIGER)):
        actors.add(ActorMention(start, end, (entity,), "catalog"))
    assert latest_group(doc, actors.mentions, actors) == [MALI, BURKINA, NIGER]
