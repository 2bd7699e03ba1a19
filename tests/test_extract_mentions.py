"""Finding catalog mentions with a blank pipeline (tokenizer only): no model needed."""

from __future__ import annotations

from functools import lru_cache

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
