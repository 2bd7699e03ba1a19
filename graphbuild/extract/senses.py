"""Which sense of a lexicon trigger its arguments give, read from the row's columns.

A word is a relation only in one of its senses: "Israeli jets hit Gaza" is force, "the
console hits US shops" is not; "the MP attacked his rival" is words, "troops attacked the
town" is force; "demonstrated against the war" is a protest, "demonstrated its resolve"
is not. The lexicon says for each row what its subject and direct object must be
(`Trigger.subject`, `Trigger.object`: `Fit`) and which label the row takes when the act
is speech (`Trigger.speech_label`); `verb_sense` and `noun_sense` apply them to the
arguments the rules found. Each reads the parse and the actor map only, a few children
of one word: no per-token work is added.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Entity, EntityType
from .actormap import ActorMap
from .arguments import actors_of, prep_chain_actors
from .lexicon import Fit, Trigger
from .vocabulary import (
    AGENT_NOUNS,
    FORCE_NOUNS,
    SPEECH_CUE_PREPS,
    SPEECH_CUE_VERBS,
    SPEECH_TOPICS,
)

Arguments = tuple[Trigger, list[Entity], list[Entity]]
"""A trigger in the sense its arguments give, with the subjects and objects that fit it."""


def verb_sense(
    verb: Token,
    trigger: Trigger,
    subjects: list[Entity],
    objects: list[Entity],
    actors: ActorMap,
) -> Arguments | None:
    """The verb's trigger in its spoken or its own sense, with the arguments that sense
    takes; None where a direct object means another sense ("demonstrated its dedication").
    """
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)
    object_phrases = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if trigger.object is Fit.NONE and object_phrases and not passive:
        return None
    subject_phrases = _subject_phrases(verb, passive)
    if trigger.speech_label and _spoken(verb, subject_phrases, object_phrases, objects, actors):
        return trigger.spoken(), subjects, objects
    if trigger.subject is Fit.ACTOR:
        subjects = _fitting(subjects, subject_phrases, trigger, actors)
    if trigger.object in (Fit.ACTOR, Fit.THING):
        things = trigger.object is Fit.THING
        objects = _fitting(objects, object_phrases, trigger, actors, things=things)
    return trigger, subjects, objects


def noun_sense(
    noun: Token, trigger: Trigger, subjects: list[Entity], objects: list[Entity]
) -> Trigger:
    """A nominal trigger in its spoken sense where a person is its target, it is aimed at a
    policy, or a person makes it against anything but a country ("his attack on the prime
    minister", "the senator's attack on the plan"); else as it is."""
    if not trigger.speech_label:
        return trigger
    aimed = [p for c in noun.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    if any(e.type is EntityType.LEADER for e in objects):
        return trigger.spoken()
    if any(_lemma(p) in SPEECH_TOPICS for p in aimed):
        return trigger.spoken()
    if any(e.type is EntityType.LEADER for e in subjects) and not _any_country(objects):
        return trigger.spoken()
    return trigger


def phrase_fits(token: Token, actors: ActorMap) -> bool:
    """Whether a phrase stands for an actor itself: its head is a name, a pronoun, a
    person, an institution or a force ("Russia", "they", "Chinese officials", "Israeli
    jets"), not a thing an actor owns ("China's stance", "the Sony console")."""
    if actors.at(token) is not None or token.pos_ == "PRON":
        return True
    lemma = _lemma(token)
    return lemma in AGENT_NOUNS or lemma in FORCE_NOUNS or token.lower_ in AGENT_NOUNS


def _subject_phrases(verb: Token, passive: bool) -> list[Token]:
    if passive:
        return [p for c in verb.children if c.dep_ == "agent" for p in c.children]
    phrases = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if verb.dep_ == "relcl" and any(p.lower_ in ("which", "who", "that") for p in phrases):
        return [verb.head]  # "the jets which hit the town": the jets
    return phrases


def _spoken(
    verb: Token,
    subject_phrases: list[Token],
    object_phrases: list[Token],
    objects: list[Entity],
    actors: ActorMap,
) -> bool:
    """Whether the verb's act is words: a person is its target ("Kennedy attacked Mr
    Brown"), the object is a policy or a remark ("attacked the plans"), a speech cue goes
    with it ("attacked the deal as a betrayal", "attacked X, saying ..."), or a person acts
    on anything but a country ("the senator attacked the party"; "Putin attacked Ukraine"
    stays force)."""
    if any(_is_person(p, actors) for p in object_phrases):
        return True
    if any(_lemma(p) in SPEECH_TOPICS for p in object_phrases):
        return True
    if any(
        (c.dep_ == "prep" and c.lower_ in SPEECH_CUE_PREPS)
        or (c.dep_ in ("advcl", "conj") and _lemma(c) in SPEECH_CUE_VERBS)
        for c in verb.children
    ):
        return True
    return any(_is_person(p, actors) for p in subject_phrases) and not _any_country(objects)


def _any_country(entities: list[Entity]) -> bool:
    return any(e.type is EntityType.COUNTRY for e in entities)


def _is_person(token: Token, actors: ActorMap) -> bool:
    """A phrase whose head names leaders only ("Mr Brown", "the prime minister")."""
    mention = actors.at(token)
    return mention is not None and all(e.type is EntityType.LEADER for e in mention.entities)


def _fitting(
    found: list[Entity],
    phrases: list[Token],
    trigger: Trigger,
    actors: ActorMap,
    *,
    things: bool = False,
) -> list[Entity]:
    """`found` without the actors that only a phrase which does not fit gave ("Sony" of
    "the Sony console"), or with `things` any of the phrases gave; those its own
    prepositions name stay ("ties with Iran")."""
    unfit: list[Entity] = []
    kept: list[Entity] = []
    for phrase in phrases:
        for item in [phrase, *phrase.conjuncts]:
            if not things and phrase_fits(item, actors):
                kept += actors_of(item, actors)
            else:
                unfit += actors_of(item, actors)
                kept += prep_chain_actors(item, actors, trigger.preps)
    return [e for e in found if e not in unfit or e in kept]


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
