"""A document's state as the relation rules read it, made once per document.

`DocContext` carries what the rules need of one document besides the parse: its actor
map, its mentions by sentence and where its words of each kind are. It is built at the
start of `RelationExtractor.extract` and handed to each rule, so the shared extractor keeps
no state of the document it last read.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import DEP, POS, TAG
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span

from .actormap import ActorMap, ActorMention, tokens_among
from .triggers import TriggerFinder
from .vocabulary import MEMBER_NOUNS, SPONSOR_PARTICIPLES

KIND_PREDICATE = 1
"""A verb, or a verbal noun the parser made the root, whose arguments may be actors."""
KIND_NOUN = 2
"""A common or proper noun, which may carry a relation ("the talks between X and Y")."""


@dataclass(frozen=True)
class DocWords:
    """Where a document's words of each kind are, read from its arrays once: a `Token`
    made for every word of every sentence, only to look at its tags, was most of the
    rules' time."""

    kinds: list[int]  # each token's: KIND_PREDICATE, KIND_NOUN or 0
    sponsors: list[int]  # tokens that may be the participle of "X-led"
    members: list[int]  # membership nouns

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        strings = doc.vocab.strings
        pos, dep, tag = doc.to_array([POS, DEP, TAG]).T.tolist() if len(doc) else ([],) * 3
        verbal = {value for value in set(tag) if strings[value].startswith("VB")}
        root = strings["ROOT"]
        kinds = [
            KIND_PREDICATE
            if p in (VERB, AUX) or (p == NOUN and d == root and t in verbal)
            else KIND_NOUN
            if p in (NOUN, PROPN)
            else 0
            for p, d, t in zip(pos, dep, tag, strict=True)
        ]
        return cls(
            kinds,
            [token.i for token in tokens_among(doc, SPONSOR_PARTICIPLES)],
            [token.i for token in tokens_among(doc, MEMBER_NOUNS)],
        )

    @staticmethod
    def within(positions: list[int], sent: Span) -> list[int]:
        """The `positions` inside `sent`."""
        low = bisect.bisect_left(positions, sent.start)
        return positions[low : bisect.bisect_left(positions, sent.end)]


@dataclass(frozen=True)
class DocContext:
    """One document as the relation rules see it."""

    doc: Doc
    actors: ActorMap
    triggers: TriggerFinder
    """The extractor's lexicon look-up (shared, holds no document state)."""
    words: DocWords
    by_sentence: dict[int, list[ActorMention]]
    """Sentence start -> the actor mentions that begin in that sentence."""

    @classmethod
    def of(cls, doc: Doc, actors: ActorMap, triggers: TriggerFinder) -> DocContext:
        by_sentence: dict[int, list[ActorMention]] = {}
        for mention in actors.mentions:
            by_sentence.setdefault(doc[mention.start].sent.start, []).append(mention)
        return cls(doc, actors, triggers, DocWords.of(doc), by_sentence)

    def sentence_mentions(self, sent: Span) -> list[ActorMention]:
        """The mentions that begin in `sent`, in the actor map's order."""
        return self.by_sentence.get(sent.start, [])
