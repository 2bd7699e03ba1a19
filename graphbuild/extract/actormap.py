"""The actor mentions of one document, indexed by token, and the readers they share.

`ActorMap` is what every later room reads: `mentions` finds and resolves names,
`titles` attaches offices, `initiatives` and `coreference` add mentions of their own, and
the relation rules look actors up by token. It sits apart so that none of those rooms
imports another to reach it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from ..model import Entity


@dataclass
class ActorMention:
    """A span of the document that names or refers to one or more actors."""

    start: int
    """Index of the first token."""
    end: int
    """Index just past the last token."""
    entities: tuple[Entity, ...]
    """What it refers to: one actor, or several for "the two leaders"."""
    source: str
    """`catalog`, `pattern`, `ner` (a named entity the catalog resolved), `ner-only` (one it
    does not know), `coref`, `placed`, `owned`."""
    role: str | None = None
    """For leaders: the office the text gives."""
    owner: Entity | None = None
    """For leaders: the country or organization the office belongs to."""
    sponsors: tuple[Entity, ...] = ()
    """For an owned initiative ("China's peace plan"): the actors whose it is."""
    title_rule: str | None = None
    """How the title was found: `title-prefix`, `title-appos`, `title-dictionary`."""


@dataclass
class ActorMap:
    """The actors of one document, indexed by token."""

    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)
    non_actors: set[int] = field(default_factory=set)
    """Tokens of organizations that are no actors (companies, clubs): a title they own
    ("the Fiat president") makes no leader."""
    companies: set[int] = field(default_factory=set)
    """The part of `non_actors` whose words say company, club or band outright ("Sony
    Computer Entertainment America"): a title of theirs is never a state's."""

    def add(self, mention: ActorMention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def at(self, token: Token) -> ActorMention | None:
        return self.by_token.get(token.i)


def tokens_among(doc: Doc, words: Collection[str]) -> Iterator[Token]:
    """The tokens of `doc` whose lower case is one of `words`, in order.

    Reads the words as an array: making a `Token` for every word of a document, only to
    look at its text, was a good part of extraction's time.
    """
    strings = doc.vocab.strings
    wanted = numpy.array([strings[word] for word in words], dtype="uint64")
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), wanted)).tolist():
        yield doc[i]


def strip_article(span: Span) -> str:
    """The span's text without a leading article, a trailing possessive or quote marks
    around it: "the Kremlin's" -> "Kremlin"; empty when nothing else is left."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_quote):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_quote):
        end -= 1
    return doc[start:end].text if start < end else ""
