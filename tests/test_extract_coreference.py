"""Coreference (`extract.coreference`) on hand-made parses: no spaCy model needed."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

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
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps)
    actors = ActorMap()
    for start, end, entity in ((0, 1, MALI), (2, 4, BURKINA), (5, 6, NIGER)):
        actors.add(ActorMention(start, end, (entity,), "catalog"))
    assert latest_group(doc, actors.mentions, actors) == [MALI, BURKINA, NIGER]


# -- one resolver per kind of anaphor ---------------------------------------------------
def _scene(doc, actors, **kwargs):
    from graphbuild.extract.coreference import Scene
    from graphbuild.resolve.catalog import Catalog

    return Scene(doc, actors, Catalog.default(), previous=list(actors.mentions), **kwargs)


def test_a_surname_is_the_leader_of_that_full_name():
    from graphbuild.extract.coreference import resolve_surname

    xi = Entity("leader:xi", "Xi Jinping", EntityType.LEADER, country="China")
    doc = Doc(
        English().vocab,
        words=["Xi", "spoke"],
        heads=[1, 1],
        deps=["nsubj", "ROOT"],
        pos=["PROPN", "VERB"],
    )
    scene = _scene(doc, ActorMap(), surnames={"xi": xi})
    assert resolve_surname(doc[0], scene) == (xi,)
    assert resolve_surname(doc[1], scene) is None  # not a surname: the next resolver's


def test_an_object_it_names_nothing_and_stops_the_search():
    from graphbuild.extract.coreference import NOTHING, resolve_thing_pronoun

    doc = Doc(
        English().vocab,
        words=["Mali", "praised", "it"],
        heads=[1, 1, 1],
        deps=["nsubj", "ROOT", "dobj"],
        pos=["PROPN", "VERB", "PRON"],
    )
    actors = ActorMap()
    actors.add(ActorMention(0, 1, (MALI,), "catalog"))
    assert resolve_thing_pronoun(doc[2], _scene(doc, actors)) is NOTHING


def test_a_subject_it_is_the_latest_country():
    from graphbuild.extract.coreference import resolve_thing_pronoun

    words = ["Mali", "left", ".", "It", "said"]
    doc = Doc(
        English().vocab,
        words=words,
        heads=[1, 1, 1, 4, 4],
        deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT"],
        pos=["PROPN", "VERB", "PUNCT", "PRON", "VERB"],
    )
    actors = ActorMap()
    actors.add(ActorMention(0, 1, (MALI,), "catalog"))
    assert resolve_thing_pronoun(doc[3], _scene(doc, actors)) == (MALI,)


def test_resolve_coreference_adds_coref_mentions_for_they():
    from graphbuild.extract.coreference import resolve_coreference
    from graphbuild.resolve.catalog import Catalog

    words = ["Mali", ",", "Burkina", "Faso", "and", "Niger", "said", "that", "they", "left"]
    heads = [6, 0, 3, 0, 3, 3, 6, 9, 9, 6]
    deps = ["nsubj", "punct", "compound", "appos", "cc", "conj", "ROOT", "mark", "nsubj", "ccomp"]
    pos = ["PROPN", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "VERB", "SCONJ", "PRON", "VERB"]

    doc = Doc(English().vocab, words=words, heads=heads, deps=deps, pos=pos)
    actors = ActorMap()
    for start, end, entity in ((0, 1, MALI), (2, 4, BURKINA), (5, 6, NIGER)):
        actors.add(ActorMention(start, end, (entity,), "catalog"))
    resolve_coreference(doc, actors, Catalog.default())
    they = actors.at(doc[8])
    assert they is not None and they.source == "coref"
    assert they.entities == (MALI, BURKINA, NIGER)


# -- gender from a first name --------------------------------------------------------------
import pytest  # noqa: E402

from graphbuild.extract.coreference import name_gender  # noqa: E402


@pytest.mark.parametrize(
    ("name", "country", "gender"),
    [
        ("Ursula von der Leyen", None, "f"),
        ("Emmanuel Macron", "France", "m"),
        ("Sheikh Hasina", "Bangladesh", "f"),  # a title word is no given name
        ("Jean-Yves Le Drian", "France", "m"),  # the hyphenated name's first part
        ("Andrea Nahles", "Germany", None),  # male in Italy, female elsewhere
        ("Xi Jinping", "China", None),  # family name first
        ("Zzyzx Qwerty", None, None),  # unknown
    ],
)
def test_a_first_name_tells_a_gender_only_where_clear(name, country, gender):
    assert name_gender(name, country) == gender
