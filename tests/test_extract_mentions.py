"""Finding catalog mentions with a blank pipeline (tokenizer only): no model needed."""

from __future__ import annotations

from functools import lru_cache

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from graphbuild.extract.mentions import ActorFinder
from graphbuild.resolve.catalog import Catalog


@lru_cache(maxsize=1)
def _finder() -> tuple[English, ActorFinder]:
    nlp = English()
    return nlp, ActorFinder(nlp, Catalog.default())


def _parsed(nlp: English, words: list[str]) -> Doc:
    # a flat parse, every word on the last: enough for the catalog and the sentence
    last = len(words) - 1
    return Doc(nlp.vocab, words=words, heads=[last] * len(words), deps=["dep"] * last + ["ROOT"])


def test_catalog_names_become_mentions_in_document_order():
    nlp, finder = _finder()
    actors = finder.find(_parsed(nlp, ["France", "and", "Mali", "met"]))
    assert [(m.start, m.end, m.source) for m in actors.mentions] == [
        (0, 1, "catalog"),
        (2, 3, "catalog"),
    ]
    assert [m.entities[0].name for m in actors.mentions] == ["France", "Mali"]


def test_a_lower_case_word_is_no_catalog_name():
    nlp, finder = _finder()
    actors = finder.find(_parsed(nlp, ["they", "will", "turkey", "dinner"]))
    assert actors.mentions == []


# -- actors of diplomacy only (the real model) ------------------------------------------------
@lru_cache(maxsize=2)
def _extractor(diplomacy_only: bool):
    from graphbuild.extract import Extractor
    from graphbuild.nlp import load_pipeline

    nlp = load_pipeline()
    return nlp, Extractor(nlp, actors_of_diplomacy_only=diplomacy_only)


def _actors(text: str, diplomacy_only: bool = True) -> set[tuple[str, str]]:
    from graphbuild.model import Document

    nlp, extractor = _extractor(diplomacy_only)
    extraction = extractor.extract(nlp(text), Document("t", text, None))
    return {(m.entity.name, m.entity.type.value) for m in extraction.mentions}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shares in Vantoria Holdings fell sharply on Monday after the firm warned.",
            set(),
        ),
        (
            "Toyota said on Tuesday that it would build a new plant in Poland.",
            {("Poland", "country")},
        ),
        (
            "The chief executive of Renault, Carlos Ghosn, met French President Emmanuel "
            "Macron in Paris.",
            {("Emmanuel Macron", "leader"), ("France", "country")},
        ),
        (
            "Dunmore plc chairman Alan Pike met the Nigerian trade minister.",
            {("Nigeria", "country")},
        ),
        ("Spike Lee opened his new film in New York.", set()),  # not Lee Jae-myung
        ("AT&T agreed to buy a rival from Sweden.", {("Sweden", "country")}),  # no treaty
        (
            "Michael Howard, the Conservative leader, visited Leeds on Friday. Mr Howard "
            "said taxes would fall.",
            {("Michael Howard", "leader")},  # not John Howard
        ),
        (
            "Brian Tolley, managing director of T-Mobile in the UK, said so.",
            {("United Kingdom", "country")},  # a firm's title; "in the UK" is a place
        ),
        (
            "Jim Harlan, vice president of search at Ask Jeeves in the US, said so.",
            {("United States", "country")},
        ),
        (
            "The militant group Hezbollah fired rockets into Israel.",
            {("Hezbollah", "organization"), ("Israel", "country")},
        ),
        # a party named with a demonym is the party, not the country
        (
            "The leader of the Irish Republican Party criticised France.",
            {("Irish Republican Party", "organization"), ("France", "country")},
        ),
        # a possessive ends a person's name: what follows is theirs, not them
        (
            "Voters punished Chancellor Gerhard Schroeder's Social Democrat-Green coalition.",
            {("Gerhard Schroeder", "leader")},
        ),
    ],
)
def test_only_actors_of_diplomacy_become_mentions(text, expected):
    assert _actors(text) == expected


@pytest.mark.model
def test_all_entities_keeps_companies():
    text = "Toyota said on Tuesday that it would build a new plant in Poland."
    assert ("Toyota", "organization") in _actors(text, diplomacy_only=False)
