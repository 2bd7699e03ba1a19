"""Run the real extractor on one sentence and compare plain triples.

Loads the spaCy pipeline and one `Extractor` once per process (the first call pays for
it). Tests that use these helpers need the model: mark them `@pytest.mark.model`.

A triple is `(subject.name, label, object.name)`: what a reader of the graph sees.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from graphbuild.extract import Extractor
from graphbuild.model import Document, Relation

Triple = tuple[str, str, str]

DATE = "2024-05-01"
"""Default document date: picks who held an office (a date inside the test sentences'
world: Wang Yi foreign minister, Rutte NATO secretary general, Vucic president)."""


def has_data(name: str) -> bool:
    """Whether package data file `name` (e.g. `organizations.csv`) is present."""
    return resources.files("graphbuild.data").joinpath(name).is_file()


@lru_cache(maxsize=1)
def _pipeline():
    from graphbuild.nlp import load_pipeline

    nlp = load_pipeline()
    return nlp, Extractor(nlp)


def relations(text: str, date: str | None = DATE) -> tuple[Relation, ...]:
    """Every relation, negated ones included, extracted from `text`."""
    nlp, extractor = _pipeline()
    return extractor.extract(nlp(text), Document("t", text, date)).relations


def triples(text: str, date: str | None = DATE) -> set[Triple]:
    """(subject, label, object) names of the asserted (non-negated) relations of `text`."""
    return {
        (r.subject.name, r.label, r.object.name) for r in relations(text, date) if not r.negated
    }


def negated_triples(text: str, date: str | None = DATE) -> set[Triple]:
    """(subject, label, object) names of the relations `text` denies or only hypothesises."""
    return {(r.subject.name, r.label, r.object.name) for r in relations(text, date) if r.negated}


def roles(text: str, date: str | None = DATE) -> set[tuple[str, str, str | None]]:
    """(leader, owner, role) of every asserted `official_of` relation of `text`."""
    return {
        (r.subject.name, r.object.name, r.role)
        for r in relations(text, date)
        if r.label == "official_of" and not r.negated
    }


def mentions(text: str, date: str | None = DATE) -> set[tuple[str, str]]:
    """(surface text, canonical name) of every actor mention the extractor reports."""
    nlp, extractor = _pipeline()
    extraction = extractor.extract(nlp(text), Document("t", text, date))
    return {(m.text, m.entity.name) for m in extraction.mentions}


@lru_cache(maxsize=1)
def _english_vocab():
    """English lexical attributes (lower case, is_title, ...), and no trained model."""
    from spacy.lang.en import English

    return English().vocab


def hand_doc(
    words: list[str],
    heads: list[int],
    deps: list[str],
    pos: list[str] | None = None,
    lemmas: list[str] | None = None,
    tags: list[str] | None = None,
):
    """A parsed `Doc` built by hand (absolute head indices): rule tests without a model."""
    from spacy.tokens import Doc

    return Doc(
        _english_vocab(),
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas or [w.lower() for w in words],
        tags=tags,
    )


def country(code: str, name: str):
    """A country entity as the catalog makes it."""
    from graphbuild.model import Entity, EntityType

    return Entity(f"country:{code}", name, EntityType.COUNTRY)


def actor_map(*spans):
    """An `ActorMap` of (start, end, entity) spans, found in the catalog."""
    from graphbuild.extract.actormap import ActorMap, ActorMention

    actors = ActorMap()
    for start, end, entity in spans:
        actors.add(ActorMention(start, end, (entity,), "catalog"))
    return actors
