"""Noun rules: nominal events ("the talks between X and Y", "EU sanctions against Russia").

A noun with a lexicon entry carries a relation between the actors that modify or own it
(its subjects: "China's", "EU", "an appeal from Kyiv") and those of its prepositions the
entry names (its objects). A noun that a light verb governs ("imposed sanctions on")
takes the verb's arguments; one that a verb like "drew" governs ("drew condemnation from
the G7") is the act of the preposition's actors against the verb's subject. A nominal
event with its own agent is taken as fact, unless negated or anticipated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from ...model import Entity, EntityType
from ..actormap import ActorMap
from ..arguments import (
    actors_of,
    beyond,
    content_clauses,
    governing_verb,
    is_passive,
    modifier_actors,
    pobj_actors,
    unique,
    verb_objects,
    verb_subjects,
)
from ..candidates import Candidate, fits, pairs
from ..context import DocContext
from ..lexicon import Trigger
from ..modality import is_asserted, is_negated, presupposed
from ..senses import noun_sense
from ..triggers import TriggerFinder
from ..vocabulary import (
    AMOUNT_WORDS,
    BETWEEN_NOUNS,
    COPULAS,
    EVENT_FRAMES,
    HOSTING_VERBS,
    INTENT_NOUNS,
    LIGHT_VERBS,
    PROMPT_VERBS,
    RECIPIENT_NOUNS,
)


def noun_candidates(noun: Token, ctx: DocContext) -> Iterator[Candidate]:
    """The relation a noun's lexicon entry makes between its subjects and objects."""
    actors, triggers = ctx.actors, ctx.triggers
    trigger = triggers.lexicon.noun(noun.lemma_.lower())
    if trigger is None or not trigger.label:
        return
    if actors.at(noun) is not None:
        return  # "the Paris Agreement" is an actor, not an event
    if noun.dep_ == "compound" and triggers.lexicon.noun(noun.head.lemma_.lower()):
        return  # "cooperation agreements": the head noun is the event
    anchor = noun.head if noun.dep_ == "compound" else noun  # "aid package"
    subjects = _modifier_subjects(noun, anchor, actors)
    own_subjects = bool(subjects)
    objects = _prep_objects(noun, anchor, trigger, actors)
    if not subjects:
        subjects = _source_subjects(noun, anchor, actors)
    anchor = _quantity_head(anchor)
    governor = _governor(anchor)
    if not subjects and governor is not None and governor.pos_ == "VERB":
        lemma = triggers.lemma(governor)
        if lemma in PROMPT_VERBS and anchor.dep_ == "dobj":
            yield from _prompted(anchor, governor, trigger, ctx)
            return
        if (lemma in LIGHT_VERBS or anchor.dep_ == "nsubjpass") and anchor.dep_ != "nsubj":
            subjects = verb_subjects(governor, actors, is_passive(governor))
            if not objects:
                objects = verb_objects(governor, actors, trigger, is_passive(governor))
                objects = [o for o in objects if o not in subjects]
    if not subjects and noun.lemma_.lower() in BETWEEN_NOUNS:
        sides = _between_actors(noun, anchor, actors)
        if len(sides) >= 2:
            yield from _between(noun, anchor, governor, trigger, sides, ctx)
            return
    if anchor.lemma_.lower() in RECIPIENT_NOUNS and anchor is not noun:
        # "India is the biggest recipient of Japan's aid": the recipient is the object
        objects = objects or _described(anchor, actors)
        own_subjects = False
    elif not subjects:
        subjects = _predicate_subjects(anchor, actors)
        own_subjects = False  # "is not a supporter of": the copula's modality counts
    if not objects:
        objects = _implied_objects(noun, anchor, governor, trigger, subjects, actors)
    if not subjects and not objects:
        return
    negated = _noun_negated(noun, anchor, own_subjects, triggers)
    trigger = noun_sense(noun, trigger, subjects, objects)  # "his attack on the premier"
    yield from pairs(unique(subjects), unique(objects), trigger, negated, "noun")


def _modifier_subjects(noun: Token, anchor: Token, actors: ActorMap) -> list[Entity]:
    """ "China's aid", "EU sanctions", "Algeria, the backer of ...": who the modifiers name."""
    subjects = [
        e for e in modifier_actors(anchor, actors, deps=("poss", "compound", "amod", "nmod"))
    ]
    if not subjects and anchor.dep_ == "appos":
        subjects = actors_of(anchor.head, actors, modifiers=False)  # "Algeria, the backer of"
    if anchor is not noun:
        subjects += [e for e in modifier_actors(noun, actors)]
    return subjects


def _described(anchor: Token, actors: ActorMap) -> list[Entity]:
    """Who a predicate noun describes: the subject of "X is the recipient of", the
    predicate of "the recipient of ... is X", the name an apposition renames."""
    copula = anchor.head
    if anchor.dep_ == "appos":
        return actors_of(copula, actors, modifiers=False)
    if copula.lemma_.lower() not in COPULAS:
        return []
    other = {"attr": "nsubj", "nsubj": "attr"}.get(anchor.dep_)
    return [e for c in copula.children if c.dep_ == other for e in actors_of(c, actors)]


def _predicate_subjects(anchor: Token, actors: ActorMap) -> list[Entity]:
    """ "Algeria is a supporter of Morocco", "Scholz remained a critic of Russia": the
    copula's subject is the one the predicate noun describes."""
    copula = anchor.head
    if anchor.dep_ != "attr" or copula.lemma_.lower() not in COPULAS:
        return []
    return [e for c in copula.children if c.dep_ == "nsubj" for e in actors_of(c, actors)]


def _between_actors(noun: Token, anchor: Token, actors: ActorMap) -> list[Entity]:
    """The actors of the noun's "between X and Y"."""
    return unique(
        [
            e
            for token in {noun, anchor}
            for child in token.children
            if child.dep_ == "prep" and child.lower_ == "between"
            for e in pobj_actors(child, actors)
        ]
    )


def _between(
    noun: Token,
    anchor: Token,
    governor: Token | None,
    trigger: Trigger,
    sides: list[Entity],
    ctx: DocContext,
) -> Iterator[Candidate]:
    """ "Talks between Israel and Jordan resumed": the sides deal with each other; "Egypt
    chaired the talks between them": the host consults each side."""
    negated = _noun_negated(noun, anchor, False, ctx.triggers) or _proposed(
        noun.head if noun.dep_ == "compound" else noun
    )
    for i, first in enumerate(sides):
        for second in sides[i + 1 :]:
            if fits(trigger.label, first, second):
                yield Candidate(first, trigger.label, second, negated, "noun-between")
    hosts = _hosts(anchor, governor, ctx)
    consult = replace(
        trigger, label="consult", initiative_label="consult", organization_label="consult"
    )
    yield from pairs(hosts, [s for s in sides if s not in hosts], consult, negated, "noun-host")


def _proposed(anchor: Token) -> bool:
    """ "an offer of talks between them", "calls for a deal between X and Y": the event is
    what a proposal or intent noun asks for, not what happened."""
    token = anchor
    while token.dep_ == "pobj" and token.head.head.pos_ == "NOUN":
        token = token.head.head
        if token.lemma_.lower() in INTENT_NOUNS | EVENT_FRAMES:
            return True
    return False


def _hosts(anchor: Token, governor: Token | None, ctx: DocContext) -> list[Entity]:
    """Who hosts, chairs or brokers the event: the subject of "hosted the talks", the agent
    of "were chaired by Qatar" or of "the talks hosted by Turkey"."""
    actors, triggers = ctx.actors, ctx.triggers
    found: list[Entity] = []
    if governor is not None and triggers.lemma(governor) in HOSTING_VERBS:
        if anchor.dep_ == "dobj":
            found += verb_subjects(governor, actors, False)
        elif anchor.dep_ == "nsubjpass":
            found += verb_subjects(governor, actors, True)
    for child in anchor.children:
        if child.dep_ == "acl" and triggers.lemma(child) in HOSTING_VERBS:
            found += verb_subjects(child, actors, True)
    return unique(found)


def _prep_objects(noun: Token, anchor: Token, trigger: Trigger, actors: ActorMap) -> list[Entity]:
    """The actors of the prepositions the entry names ("sanctions against Russia")."""
    objects: list[Entity] = []
    for token in {noun, anchor}:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in trigger.preps:
                found = pobj_actors(child, actors)
                if not found and child.lower_ == "of":
                    # "a suspension of air links with Serbia": the links' other end
                    found = beyond(child, actors, trigger.preps - {"of"})
                objects += found
    return objects


def _source_subjects(noun: Token, anchor: Token, actors: ActorMap) -> list[Entity]:
    """ "an appeal from Kyiv", "sanctions announced by Canada"."""
    subjects: list[Entity] = []
    for token in {noun, anchor}:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                subjects += pobj_actors(child, actors)  # "an appeal from Kyiv"
            if child.dep_ == "acl":  # "sanctions announced by Canada"
                subjects += [
                    e for a in child.children if a.dep_ == "agent" for e in pobj_actors(a, actors)
                ]
    return subjects


def _quantity_head(anchor: Token) -> Token:
    """ "two days of drills", "a package of sanctions", "$50 million in aid": the quantity
    noun stands in."""
    while anchor.dep_ == "pobj" and anchor.head.head.i != anchor.head.i:
        holder = anchor.head.head
        if anchor.head.lower_ == "of" and holder.pos_ == "NOUN":
            anchor = holder
        elif anchor.head.lower_ == "in" and _amount(holder):
            anchor = holder  # "pledged $50 million in aid to Fiji"
        else:
            break
    return anchor


def _amount(token: Token) -> bool:
    """A sum of money or a count: "$50 million", "350 million", "billions"."""
    return (
        token.like_num
        or token.lemma_.lower() in AMOUNT_WORDS
        or any(c.tag_ == "$" or c.like_num for c in token.children)
    )


def _governor(anchor: Token) -> Token | None:
    """The verb the noun is the object or subject of, through one preposition."""
    governor = anchor.head if anchor.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj") else None
    if governor is not None and anchor.dep_ == "pobj":
        governor = governor.head if governor.dep_ == "prep" else None
    return governor


def _prompted(
    anchor: Token, governor: Token, trigger: Trigger, ctx: DocContext
) -> Iterator[Candidate]:
    """ "X's attack drew condemnation from the G7": the G7 accuses X."""
    actors, triggers = ctx.actors, ctx.triggers
    sources = [
        e
        for c in list(anchor.children) + list(governor.children)
        if c.dep_ == "prep" and c.lower_ in ("from", "by")
        for e in pobj_actors(c, actors)
    ]
    if sources:
        targets = [e for c in governor.children if c.dep_ == "nsubj" for e in actors_of(c, actors)]
        negated = is_negated(governor) or not is_asserted(governor, triggers)
        yield from pairs(unique(sources), unique(targets), trigger, negated, "noun-prompted")


def _implied_objects(
    noun: Token,
    anchor: Token,
    governor: Token | None,
    trigger: Trigger,
    subjects: list[Entity],
    actors: ActorMap,
) -> list[Entity]:
    """Objects a request's content clause or a protest's place gives."""
    objects: list[Entity] = []
    if not objects and trigger.label == "request":
        # "its demand that Israel ease restrictions", "its call for Serbia to free":
        # the one asked is the subject of the clause the noun governs
        objects = [
            e
            for clause in content_clauses(noun)
            for c in clause.children
            if c.dep_ in ("nsubj", "nsubjpass")
            for e in actors_of(c, actors)
        ]
        objects = [o for o in objects if o not in subjects]
    if not objects and trigger.label == "protest":
        holders = [noun, anchor] + ([governor] if governor is not None else [])
        objects = [
            e
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ("in", "to")
            for e in pobj_actors(c, actors)
            if e.type is EntityType.COUNTRY and e not in subjects
        ]
    return objects


def _noun_negated(noun: Token, anchor: Token, own_subjects: bool, triggers: TriggerFinder) -> bool:
    """ "no talks"; or the governing verb's modality, unless the event is presupposed."""
    negated = any(c.lower_ == "no" for c in list(anchor.children) + list(noun.children))
    if not negated and not (own_subjects and presupposed(anchor)):
        verb = governing_verb(anchor)
        if verb is not None:
            negated = is_negated(verb) or not is_asserted(verb, triggers)
    return negated
