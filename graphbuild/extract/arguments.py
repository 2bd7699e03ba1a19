"""Argument search: which actors a verb's or a noun's parse gives as subject and object.

Who acts: the subject, the agent of a passive, the noun a relative clause hangs on, the
subject a conjoined or controlled verb shares, the object of an object-control verb
("urged Iran to resume talks"). On whom: the direct object, a prepositional object the
trigger names, the dative, objects moved past an "as" phrase. A noun phrase stands for
the actors of its head, its conjuncts and appositions, and its modifiers ("Chinese
officials", "the president of Armenia"). Every function reads the parse and the actor map
only.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Entity, EntityType
from .actormap import ActorMap
from .lexicon import Trigger
from .vocabulary import (
    BORDER_NOUNS,
    DEPARTURE_NOUNS,
    EVENT_FRAMES,
    EVENT_NOUNS,
    INSTITUTION_NOUNS,
    ISSUING_VERBS,
    MEMBER_NOUNS,
    PARTITIVES,
    PROPOSAL_NOUNS,
    STATEMENT_NOUNS,
)

MODIFIER_DEPS = ("poss", "compound", "amod", "nmod", "npadvmod")
"""Dependencies by which a modifier names the actor of its noun ("Chinese officials")."""


def unique(entities: list[Entity]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.id, entity)
    return list(seen.values())


def condition_subjects(verb: Token, actors: ActorMap, depth: int = 2) -> list[Entity]:
    """Actors of the subject of an "if" / "unless" clause of `verb` or its complement."""
    found: list[Entity] = []
    for child in verb.children:
        if (
            child.dep_ == "advcl"
            and actors.at(child) is None  # "den" of "Hans Van den Broek" parsed as a verb
            and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children)
        ):
            for subject in child.children:
                if subject.dep_ in ("nsubj", "nsubjpass"):
                    found += actors_of(subject, actors)
        elif child.dep_ in ("xcomp", "ccomp") and depth > 1:
            found += condition_subjects(child, actors, depth - 1)
    return unique(found)


def has_agent(verb: Token) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def is_passive(verb: Token) -> bool:
    """Passive clause, or a past participle with a by-agent ("the summit hosted by X");
    not a past tense whose "by" the parse took for an agent ("spoke by telephone")."""
    return any(
        c.dep_ in ("nsubjpass", "auxpass") or (c.dep_ == "agent" and verb.tag_ == "VBN")
        for c in verb.children
    )


def actors_of(token: Token, actors: ActorMap, *, modifiers: bool = True) -> list[Entity]:
    """The actors a noun phrase stands for, conjuncts and appositions included."""
    found: list[Entity] = []
    for item in [token, *token.conjuncts]:
        own = head_actors(item, actors, modifiers=modifiers)
        for child in item.children:
            if child.dep_ != "appos":
                continue
            listed = [
                e
                for part in [child, *child.conjuncts]
                for e in head_actors(part, actors, modifiers=modifiers)
            ]
            if not own or (item.lower_ in MEMBER_NOUNS and listed):
                # "the AUKUS partners, Australia, Britain and the US", "NATO's newest
                # members, Finland and Sweden": the listed actors are the ones who act
                own = listed
            elif (
                listed
                and all(e.type is own[0].type is EntityType.COUNTRY for e in listed)
                and actors.at(child) is not None
            ):
                # "the US, Russia, and Switzerland", but not "Pakistan, a key US ally"
                own += listed
        found += own
    return unique(found)


def head_actors(
    token: Token, actors: ActorMap, *, modifiers: bool = True, depth: int = 2
) -> list[Entity]:
    mention = actors.at(token)
    if mention is not None:
        return list(mention.entities)
    # "Indian Prime Minister Narendra Modi" parsed with the title as the phrase's head
    if token.dep_ == "compound":
        named = actors.at(token.head)
        if named is not None and named.entities[0].type is EntityType.LEADER:
            return list(named.entities)
    # "his Italian counterpart Giorgia Meloni": the name after the title
    for child in token.children:
        if child.i > token.i and child.dep_ in ("appos", "compound", "nmod"):
            named = actors.at(child)
            if named is not None and named.entities[0].type is EntityType.LEADER:
                return list(named.entities)
    if not modifiers or depth == 0:
        return []
    # "near its border with Ukraine": the other side of a border
    if token.lemma_.lower() in BORDER_NOUNS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                found = pobj_actors(child, actors)
                if found:
                    return found
    # "Chinese officials", "Beijing's ambassador", "the Russian foreign ministry"
    found = modifier_actors(token, actors, depth=depth)
    if found:
        return found
    # "an offer from Afghanistan", "a proposal by China"
    if token.lemma_.lower() in PROPOSAL_NOUNS:
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
                found = pobj_actors(child, actors)
                if found:
                    return found
    # "the president of Armenia", "leaders of Poland and Romania", "a court in Guyana";
    # not "the start of EU talks": an event to come names the event, not an actor
    if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() not in EVENT_FRAMES:
        lemma = token.lemma_.lower()
        if lemma in INSTITUTION_NOUNS:
            preps: tuple[str, ...] = ("of", "in", "from")
        elif lemma in DEPARTURE_NOUNS:
            preps = ("of",)  # "the withdrawal of Serbian forces from Bosnia": Bosnia is left
        else:
            preps = ("of", "from")
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found += actors_of(pobj, actors)
    return found


def modifier_actors(
    token: Token, actors: ActorMap, *, deps=MODIFIER_DEPS, depth: int = 2
) -> list[Entity]:
    found: list[Entity] = []
    pronouns: list[Entity] = []
    for child in token.children:
        if child.dep_ in deps and child.i < token.i:
            mention = actors.at(child)
            if mention is not None:
                (pronouns if child.pos_ == "PRON" else found).extend(mention.entities)
                for conj in child.conjuncts:  # "US and British warplanes"
                    other = actors.at(conj)
                    if other is not None and conj.i < token.i:
                        found.extend(other.entities)
            elif depth > 1:
                found += modifier_actors(child, actors, deps=deps, depth=depth - 1)
    # "Somali President Hassan Sheikh Mohamud": a name's own words name the person
    if token.pos_ == "PROPN":
        leaders = [e for e in found if e.type is EntityType.LEADER]
        if leaders:
            return unique(leaders)
    # "its European Community partners": the named actor, not the pronoun's
    return unique(found or pronouns)


def prep_chain_actors(
    noun: Token, actors: ActorMap, preps: frozenset[str], depth: int = 2
) -> list[Entity]:
    """ "halted aid to Serbia", "suspended part of a programme for Bosnia"."""
    found: list[Entity] = []
    for child in noun.children:
        if child.dep_ != "prep":
            continue
        if child.lower_ in preps:
            if child.lower_ == "from" and noun.lemma_.lower() in DEPARTURE_NOUNS:
                continue  # "demanded the withdrawal of troops from Lebanon"
            found += pobj_actors(child, actors)
        elif child.lower_ == "of" and depth > 1 and noun.lemma_.lower() in PARTITIVES:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += prep_chain_actors(pobj, actors, preps, depth - 1)
    return found


def event_actors(prep: Token, actors: ActorMap) -> list[Entity]:
    """The summits and forums a preposition names: "at the G7 summit", "on the sidelines
    of the summit"."""
    if prep.lower_ != "on":
        return _event_actors_at(prep, actors)
    return [
        e
        for sidelines in prep.children
        if sidelines.dep_ == "pobj" and sidelines.lower_ == "sidelines"
        for of in sidelines.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for e in _event_actors_at(of, actors)
    ]


def _event_actors_at(prep: Token, actors: ActorMap) -> list[Entity]:
    return [
        e
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for e in actors_of(pobj, actors, modifiers=False)
        if is_event(e)
    ]


def is_event(entity: Entity) -> bool:
    """Whether the actor is a summit, forum or meeting: an initiative an event noun names."""
    return entity.type is EntityType.INITIATIVE and any(
        word in entity.name.lower().split() for word in EVENT_NOUNS
    )


def moved_objects(prep: Token, actors: ActorMap) -> list[Entity]:
    """The object a verb's "as" phrase swallowed when it moved past it: "denounced as a
    crime Serbia's crackdown" (an apposition of "crime"), "dismissed as groundless
    Finland's claims" (the "as" object itself, its first word the predicate)."""
    found: list[Entity] = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        for child in pobj.children:
            if child.dep_ == "appos":
                found += actors_of(child, actors)
        predicate = pobj.doc[prep.i + 1]
        if (
            predicate.dep_ == "amod"
            and predicate.pos_ == "ADJ"
            and predicate.i == pobj.left_edge.i
            and any(c.dep_ == "poss" and c.i > predicate.i for c in pobj.children)
        ):
            found += actors_of(pobj, actors)
    return found


def beyond(prep: Token, actors: ActorMap, preps: frozenset[str]) -> list[Entity]:
    """Actors named by the prepositions (among `preps`) of the object of `prep`: "to the
    war against Iraq" -> Iraq."""
    return [
        e
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for e in prep_chain_actors(pobj, actors, preps, depth=1)
    ]


def pobj_actors(prep: Token, actors: ActorMap) -> list[Entity]:
    found: list[Entity] = []
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            found += actors_of(child, actors)
        elif child.dep_ == "prep":  # "out of", "away from"
            found += pobj_actors(child, actors)
    return found


def governing_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def content_clauses(noun: Token) -> list[Token]:
    """The that/for clauses saying what a noun ("its demand that Israel ease ...") holds,
    also where the parser hangs the clause on the noun's verb ("reiterated its demand today
    that Israel ease ...")."""
    holders = [noun] + ([noun.head] if noun.dep_ == "dobj" else [])
    return [
        clause
        for holder in holders
        for clause in holder.children
        if clause.dep_ in ("acl", "advcl", "ccomp")
        and clause.i > noun.i
        and any(c.dep_ == "mark" and c.lower_ in ("that", "for") for c in clause.children)
    ]


def verb_subjects(verb: Token, actors: ActorMap, passive: bool) -> list[Entity]:
    found: list[Entity] = []
    for child in verb.children:
        if passive and child.dep_ == "agent":
            for pobj in child.children:
                found += actors_of(pobj, actors)
        elif not passive and child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                found += actors_of(verb.head, actors)
            else:
                found += actors_of(child, actors)
    if found:
        return unique(found)
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children):
        return []  # a subject that is not an actor: do not borrow one
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        # "urged Iran to resume talks", "called on Hamas to release": the object of an
        # object-control verb is the one who acts
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        objects += [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in ("on", "upon")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        controllers = [e for o in objects if o.ent_type_ != "DATE" for e in actors_of(o, actors)]
        if objects and not passive and (controllers or not _dated(objects)):
            return unique(controllers)
        # "voted on June 23 to leave": a date is no one who acts
        return verb_subjects(head, actors, is_passive(head))
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        # "accused the bloc of imposing sanctions": the accused acts
        if head.head.pos_ == "VERB":
            accused = [
                e for c in head.head.children if c.dep_ == "dobj" for e in actors_of(c, actors)
            ]
            if accused:
                return accused
        # "days after hosting Rubio": climb to the clause the phrase belongs to
        governor = head.head
        for _ in range(3):
            if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
                break
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX"):
            return verb_subjects(governor, actors, is_passive(governor))
    if verb.dep_ == "acl" and head.lemma_.lower() in STATEMENT_NOUNS:
        # "issued a statement condemning Japan": the issuer acts
        issuer = head.head
        if head.dep_ == "dobj" and issuer.lemma_.lower() in ISSUING_VERBS:
            return verb_subjects(issuer, actors, is_passive(issuer))
        return [e for e in modifier_actors(head, actors, deps=MODIFIER_DEPS)]
    if verb.dep_ in ("acl", "xcomp") and head.pos_ == "NOUN":
        # "China's decision to scrap tariffs": the noun's owner acts
        return [e for e in modifier_actors(head, actors, deps=("poss",))]
    if verb.dep_ in ("conj", "advcl", "acomp") and head.pos_ in ("VERB", "AUX"):
        # "France is ready to send": the subject of the copula
        return verb_subjects(head, actors, is_passive(head))
    if verb.dep_ == "acl" and passive is False and verb.tag_ == "VBN":
        return []
    return []


def _dated(tokens: list[Token]) -> bool:
    """Whether every token is part of a date ("on June 23")."""
    return all(t.ent_type_ in ("DATE", "TIME") for t in tokens)


def verb_objects(verb: Token, actors: ActorMap, trigger: Trigger, passive: bool) -> list[Entity]:
    found: list[Entity] = []
    for child in verb.children:
        dep = child.dep_
        if dep == "dative" and child.pos_ == "ADP":
            found += pobj_actors(child, actors)  # "give permission to Russia"
        elif dep in ("dobj", "dative", "attr", "oprd") and not passive:
            if child.lower_ in ("which", "that") and verb.dep_ == "relcl":
                found += actors_of(verb.head, actors)
                # "the G7 summit in Apulia, which India attended": the clause may
                # hang on the place but be about the event
                place = verb.head
                if place.dep_ == "pobj" and place.head.lower_ in ("in", "at"):
                    found += actors_of(place.head.head, actors)
                continue
            found += actors_of(child, actors)
            found += prep_chain_actors(child, actors, trigger.preps)
        elif dep == "nsubjpass" and passive:
            found += actors_of(child, actors)
        elif (
            dep == "prep"
            and child.lower_ in ("from", "by")
            and any(c.dep_ == "dobj" and c.lemma_.lower() in PROPOSAL_NOUNS for c in verb.children)
        ):
            found += pobj_actors(child, actors)  # "rejected the proposal from France"
        elif dep == "prep" and child.lower_ in trigger.preps:
            # "commit to assistance to the US-led war": the thing's own preposition
            found += pobj_actors(child, actors) or beyond(child, actors, trigger.preps)
        elif dep == "prep" and child.lower_ == "for":
            # "mobilised troops for a war against Iraq"
            found += beyond(child, actors, trigger.preps)
        elif dep == "prep" and child.lower_ == "as" and not passive:
            found += moved_objects(child, actors)
        elif dep == "prt" and child.lower_ == "up" and not passive:
            for grand in child.children:  # "kidnapped up to 16 Russian advisers"
                if grand.dep_ == "prep" and grand.lower_ == "to":
                    found += pobj_actors(grand, actors)
        elif dep in ("prt", "advmod") and (
            child.lower_ in trigger.preps or child.lower_ in trigger.words[1:]
        ):
            for grand in child.children:  # "pulled out of X", "stayed away from X"
                if grand.dep_ == "prep":
                    found += pobj_actors(grand, actors)
    if passive and not found and verb.dep_ == "acl":
        found += actors_of(verb.head, actors)  # "the plan put forward by China"
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
        found += actors_of(verb.head, actors)
    return unique(found)
