"""Dependency rules that turn a parsed sentence and its actors into typed relations.

`RelationExtractor` runs the rules of `rules/` (structural, verbs, nouns) over each
sentence that names an actor and ties their candidates to their evidence. Verb and noun
triggers come from the lexicon (`triggers`); the rules find who acts and on whom
(`arguments`: subject, agent of a passive, the noun a relative clause hangs on, the
subject a conjoined or controlled verb shares; direct object, prepositional object,
dative, complement of a control verb), expand conjunctions on both sides, and decide
whether the text asserts the act (`modality`: negation, modals, conditionals, complements
of "refuse", "urge", "plan" are not asserted). Each relation gets its `confidence` here,
once, after the rules ran (`confidence`: the rule's measured precision and weak cues).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ..model import Document, Relation
from .actormap import ActorMap, ActorMention
from .candidates import Candidate
from .confidence import Cues, confidence, tree_distance
from .context import KIND_NOUN, KIND_PREDICATE, DocContext
from .lexicon import Lexicon
from .rules.nouns import noun_candidates
from .rules.structural import membership_candidates, modifier_candidates, title_candidates
from .rules.unread import UNREAD_BY_DEFAULT, related_pairs, unread_candidates
from .rules.verbs import venue_candidates, verb_candidates
from .triggers import TriggerFinder


class RelationExtractor:
    """Applies the rules to one parsed document and its actor map; build once per lexicon.

    It keeps no state of a document: each call of `extract` makes its own `DocContext`.
    """

    def __init__(self, lexicon: Lexicon, *, unread: bool = UNREAD_BY_DEFAULT):
        self.lexicon = lexicon
        self.unread = unread
        """Whether the unread-link fallback (`rules.unread`) runs after the rules."""
        self.triggers = TriggerFinder(lexicon)

    def extract(self, doc: Doc, actors: ActorMap, document: Document) -> list[Relation]:
        relations: list[Relation] = []
        ctx = DocContext.of(doc, actors, self.triggers)
        by_sentence = ctx.by_sentence
        weak = _ner_only(actors)
        for sent in doc.sents:
            if sent.start not in by_sentence:
                continue  # no actor here: no relation either
            mentions = sorted(by_sentence[sent.start], key=lambda m: m.start)
            names = _names(doc, mentions)
            seen: set[tuple[str, str, str, bool]] = set()
            found = list(_sentence(sent, ctx))
            if self.unread:
                found += unread_candidates(sent, ctx, mentions, related_pairs(found))
            for candidate in found:
                key = (
                    candidate.subject.id,
                    candidate.label,
                    candidate.object.id,
                    candidate.negated,
                )
                if key in seen or candidate.subject.id == candidate.object.id:
                    continue
                seen.add(key)
                subject_text = names.get(candidate.subject.id)
                object_text = names.get(candidate.object.id)
                cues = Cues(
                    ner_only=(candidate.subject.id in weak) + (candidate.object.id in weak),
                    referred=(subject_text is None) + (object_text is None),
                    path=_path(doc, mentions, candidate.subject.id, candidate.object.id),
                )
                relations.append(
                    Relation(
                        subject=candidate.subject,
                        label=candidate.label,
                        object=candidate.object,
                        doc=document.id,
                        sentence=sent.text,
                        start=sent.start_char,
                        end=sent.end_char,
                        date=document.date,
                        negated=candidate.negated,
                        rule=candidate.rule,
                        role=candidate.role,
                        subject_text=subject_text,
                        object_text=object_text,
                        confidence=confidence(candidate.rule, cues),
                    )
                )
        return relations


def _sentence(sent: Span, ctx: DocContext) -> Iterator[Candidate]:
    yield from title_candidates(sent, ctx)
    yield from modifier_candidates(sent, ctx)
    yield from membership_candidates(sent, ctx)
    doc, kinds, actors = sent.doc, ctx.words.kinds, ctx.actors
    for i in range(sent.start, sent.end):
        kind = kinds[i]
        if kind == KIND_PREDICATE:
            token = doc[i]
            if actors.at(token) is None:  # a word of a name is no predicate
                yield from verb_candidates(token, ctx)
                yield from venue_candidates(token, ctx)
        elif kind == KIND_NOUN:
            yield from noun_candidates(doc[i], ctx)


def _names(doc: Doc, mentions: list[ActorMention]) -> dict[str, str]:
    """Entity id -> the first words of the sentence that name it, leaving out references
    that only point back ("it", "the bloc", "the two leaders")."""
    names: dict[str, str] = {}
    for mention in mentions:
        span = doc[mention.start : mention.end]
        if mention.source == "coref" and not any(t.pos_ == "PROPN" for t in span):
            continue
        for entity in mention.entities:
            names.setdefault(entity.id, span.text)
    return names


def _ner_only(actors: ActorMap) -> set[str]:
    """Ids of the actors the document names only through entities the catalog does not
    know (mention source ``ner-only``; references to them do not count either way)."""
    weak: set[str] = set()
    known: set[str] = set()
    for mention in actors.mentions:
        if mention.source == "coref":
            continue
        ids = {entity.id for entity in mention.entities}
        (weak if mention.source == "ner-only" else known).update(ids)
    return weak - known


def _path(doc: Doc, mentions: list[ActorMention], subject: str, obj: str) -> int | None:
    """The fewest dependency edges between a mention of `subject` and one of `obj` in the
    sentence; None when either has no mention there."""
    ones = [
        doc[m.start : m.end].root for m in mentions if any(e.id == subject for e in m.entities)
    ]
    others = [doc[m.start : m.end].root for m in mentions if any(e.id == obj for e in m.entities)]
    distances = [
        distance
        for one in ones
        for other in others
        if (distance := tree_distance(one, other)) is not None
    ]
    return min(distances, default=None)
