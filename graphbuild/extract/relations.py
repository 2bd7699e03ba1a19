"""Dependency rules that turn a parsed sentence and its actors into typed relations.

Each rule is a function over the parse. Verb and noun triggers come from the lexicon;
the rules find who acts (subject, agent of a passive, the noun a relative clause hangs
on, the subject a conjoined or controlled verb shares) and on whom (direct object,
prepositional object, dative, complement of a control verb), expand conjunctions on both
sides, and decide whether the text asserts the act (negation, modals, conditionals,
complements of "refuse", "urge", "plan" are not asserted).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import DEP, POS, TAG
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from ..labels import LABELS, SYMMETRIC
from ..model import Document, Entity, EntityType, Relation
from .actormap import ActorMap, ActorMention, tokens_among
from .initiatives import hyphen_owner
from .lexicon import Lexicon, Trigger
from .vocabulary import (
    BORDER_NOUNS,
    CONDITIONAL_MARKS,
    DEPARTURE_NOUNS,
    EVENT_FRAMES,
    EVENT_NOUNS,
    INSTITUTION_NOUNS,
    INTENT_NOUNS,
    LIGHT_VERBS,
    LIST_OPENERS,
    MEMBER_NOUNS,
    MODALS_HYPOTHETICAL,
    OBLIGATION_MODALS,
    PARTITIVES,
    PROMISE_ADJECTIVES,
    PROMPT_VERBS,
    PROPOSAL_NOUNS,
    RESTATING_NOUNS,
    SPONSOR_PARTICIPLES,
    STATIVE_PARTICIPLES,
)

MODIFIER_DEPS = ("poss", "compound", "amod", "nmod", "npadvmod")
GROUP_TYPES = (EntityType.ORGANIZATION, EntityType.INITIATIVE)
LOCATION_LABELS = frozenset({"consult", "protest"})


_PREDICATE = 1
"""A verb, or a verbal noun the parser made the root, whose arguments may be actors."""
_NOUN = 2
"""A common or proper noun, which may carry a relation ("the talks between X and Y")."""


@dataclass(frozen=True)
class _Words:
    """Where a document's words of each kind are, read from its arrays once: a `Token`
    made for every word of every sentence, only to look at its tags, was most of the
    rules' time."""

    kinds: list[int]  # each token's: _PREDICATE, _NOUN or 0
    sponsors: list[int]  # tokens that may be the participle of "X-led"
    members: list[int]  # membership nouns

    @classmethod
    def of(cls, doc: Doc) -> _Words:
        strings = doc.vocab.strings
        pos, dep, tag = doc.to_array([POS, DEP, TAG]).T.tolist() if len(doc) else ([],) * 3
        verbal = {value for value in set(tag) if strings[value].startswith("VB")}
        root = strings["ROOT"]
        kinds = [
            _PREDICATE
            if p in (VERB, AUX) or (p == NOUN and d == root and t in verbal)
            else _NOUN
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
class Candidate:
    """A relation before it is tied to its evidence."""

    subject: Entity
    label: str
    object: Entity
    negated: bool
    rule: str
    role: str | None = None


class RelationExtractor:
    """Applies the rules to one parsed document and its actor map."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        triggers = frozenset(key[0] for key in lexicon.verbs if key)
        self._verbs = triggers | LIGHT_VERBS | PROMPT_VERBS

    def lemma(self, verb: Token) -> str:
        """The verb's lemma, mended where the rule lemmatizer cut a silent "e" off a verb
        the rules know ("staged" -> "stag", "hopes" -> "hop")."""
        lemma = verb.lemma_.lower()
        if lemma not in self._verbs and lemma + "e" in self._verbs:
            return lemma + "e"
        return lemma

    def extract(self, doc: Doc, actors: ActorMap, document: Document) -> list[Relation]:
        relations: list[Relation] = []
        by_sentence: dict[int, list] = {}
        for mention in actors.mentions:
            by_sentence.setdefault(doc[mention.start].sent.start, []).append(mention)
        self._by_sentence = by_sentence
        self._words = _Words.of(doc)
        for sent in doc.sents:
            if sent.start not in by_sentence:
                continue  # no actor here: no relation either
            names = _names(doc, sorted(by_sentence[sent.start], key=lambda m: m.start))
            seen: set[tuple[str, str, str, bool]] = set()
            for candidate in self._sentence(sent, actors):
                key = (
                    candidate.subject.id,
                    candidate.label,
                    candidate.object.id,
                    candidate.negated,
                )
                if key in seen or candidate.subject.id == candidate.object.id:
                    continue
                seen.add(key)
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
                        subject_text=names.get(candidate.subject.id),
                        object_text=names.get(candidate.object.id),
                    )
                )
        return relations

    def _sentence(self, sent: Span, actors: ActorMap) -> Iterator[Candidate]:
        yield from self._titles(sent, actors)
        yield from self._modifiers(sent, actors)
        yield from self._memberships(sent, actors)
        doc, kinds = sent.doc, self._words.kinds
        for i in range(sent.start, sent.end):
            kind = kinds[i]
            if kind == _PREDICATE:
                token = doc[i]
                if actors.at(token) is None:  # a word of a name is no predicate
                    yield from self._verb(token, actors)
                    yield from self._venues(token, actors)
            elif kind == _NOUN:
                yield from self._noun(doc[i], actors)

    # -- structural ---------------------------------------------------------------------
    def _titles(self, sent: Span, actors: ActorMap) -> Iterator[Candidate]:
        for mention in _sentence_mentions(self, sent, actors):
            if mention.title_rule and mention.owner is not None:
                yield Candidate(
                    mention.entities[0],
                    "official_of",
                    mention.owner,
                    False,
                    mention.title_rule,
                    role=mention.role,
                )

    def _modifiers(self, sent: Span, actors: ActorMap) -> Iterator[Candidate]:
        doc = sent.doc
        for mention in _sentence_mentions(self, sent, actors):
            target = mention.entities[0]
            if len(mention.entities) != 1 or target.type not in GROUP_TYPES:
                continue
            root = doc[mention.start : mention.end].root
            # "a peace plan put forward by China and Brazil": the owners found with it
            for owner in mention.sponsors:
                yield Candidate(owner, "sponsors", target, False, "initiative-owner")
            # "China's Belt and Road Initiative", "the EU's Global Gateway"
            if target.type is EntityType.INITIATIVE:
                for child in root.children:
                    if child.dep_ == "poss":
                        # the possessor itself: "his party's conference" is not his
                        for owner in _actors_of(child, actors, modifiers=False):
                            if owner.type is not EntityType.INITIATIVE:
                                yield Candidate(
                                    owner, "sponsors", target, False, "initiative-owner"
                                )
            # "the US-led framework", "the Russian-led alliance"
            for token in doc[max(sent.start, mention.start - 4) : mention.start]:
                owner_mention = hyphen_owner(token, actors)
                if owner_mention is not None:
                    label = SPONSOR_PARTICIPLES[token.lower_]
                    for owner in owner_mention.entities:
                        yield Candidate(owner, label, target, False, "led-by")
        # "the US-led framework for ..." where the framework is a common noun naming an
        # initiative mentioned by apposition: handled through the appositive's mention.
        for i in self._words.within(self._words.sponsors, sent):
            token = doc[i]
            owner_mention = hyphen_owner(token, actors)
            if owner_mention is None:
                continue
            label = SPONSOR_PARTICIPLES[token.lower_]
            head = token.head if token.head.i != token.i else token
            while head.dep_ in ("amod", "compound") and head.head.i != head.i:
                head = head.head
            targets = _actors_of(head, actors, modifiers=False)
            if not targets and head.dep_ == "appos":
                targets = _actors_of(head.head, actors, modifiers=False)
            if not targets:
                targets = [
                    e
                    for child in head.children
                    if child.dep_ == "appos"
                    for e in _actors_of(child, actors, modifiers=False)
                ]
            for target in targets:
                if target.type in GROUP_TYPES:
                    for owner in owner_mention.entities:
                        yield Candidate(owner, label, target, False, "led-by")

    def _memberships(self, sent: Span, actors: ActorMap) -> Iterator[Candidate]:
        yield from self._listed_members(sent, actors)
        doc = sent.doc
        for i in self._words.within(self._words.members, sent):
            token = doc[i]
            groups = [e for e in _modifier_actors(token, actors) if e.type in GROUP_TYPES]
            groups += [
                e
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for e in _pobj_actors(c, actors)
                if e.type in GROUP_TYPES
            ]
            members: list[Entity] = []
            if token.dep_ == "pobj" and token.head.lower_ == "as":
                verb = token.head.head
                members += [
                    e
                    for c in verb.children
                    if c.dep_ in ("nsubjpass", "dobj")
                    for e in _actors_of(c, actors)
                ]
                if not groups and verb.lemma_.lower() in ("admit", "accept", "welcome"):
                    groups += [
                        e
                        for c in verb.children
                        if c.dep_ == "nsubj"
                        for e in _actors_of(c, actors)
                        if e.type in GROUP_TYPES
                    ]
            groups = _unique(groups)
            if not groups:
                continue
            # "NATO member Norway": the noun modifies the member's name
            if token.dep_ in ("compound", "amod", "nmod") or (
                token.head.i != token.i and token.dep_ == "npadvmod"
            ):
                members += _actors_of(token.head, actors, modifiers=False)
            # "the AUKUS partners, Australia, Britain and the US"
            for child in token.children:
                if child.dep_ == "appos":
                    members += _actors_of(child, actors, modifiers=False)
            # "Norway, a NATO member"; "Norway is a member of NATO"
            if token.dep_ == "appos":
                members += _actors_of(token.head, actors, modifiers=False)
            if token.dep_ == "attr":
                for sibling in token.head.children:
                    if sibling.dep_ == "nsubj":
                        members += _actors_of(sibling, actors, modifiers=False)
            negated = _is_negated(token.head) if token.dep_ == "attr" else False
            for member in members:
                if member.type in (EntityType.COUNTRY, EntityType.ORGANIZATION):
                    for group in groups:
                        label = (
                            "member_of"
                            if group.type is EntityType.ORGANIZATION
                            else "participates_in"
                        )
                        yield Candidate(member, label, group, negated, "membership")

    def _listed_members(self, sent: Span, actors: ActorMap) -> Iterator[Candidate]:
        """ "the Quad - Australia, India, Japan and the United States - met": a group
        followed by the countries it is made of, set off by dashes or a colon."""
        doc = sent.doc
        for mention in _sentence_mentions(self, sent, actors):
            group = mention.entities[0]
            if len(mention.entities) != 1 or group.type not in GROUP_TYPES:
                continue
            if mention.end >= sent.end or doc[mention.end].text not in LIST_OPENERS:
                continue
            members: list[Entity] = []
            i = mention.end + 1
            while i < sent.end:
                token = doc[i]
                listed = actors.at(token)
                if listed is not None and listed.entities[0].type is EntityType.COUNTRY:
                    members += listed.entities
                    i = listed.end
                elif token.lower_ in (",", "and", "the"):
                    i += 1
                else:
                    break
            closed = (i < sent.end and doc[i].text in LIST_OPENERS) or (
                doc[mention.end].text == ":" and (i == sent.end or doc[i].is_punct)
            )
            if len(members) < 2 or not closed:
                continue
            label = "member_of" if group.type is EntityType.ORGANIZATION else "participates_in"
            for member in _unique(members):
                yield Candidate(member, label, group, False, "membership-list")

    # -- verbs ----------------------------------------------------------------------------
    def _trigger(self, verb: Token) -> Trigger | None:
        lemma = self.lemma(verb)
        children = list(verb.children)
        for child in children:
            if child.dep_ in ("prt", "advmod") and (t := self.lexicon.verb(lemma, child.lower_)):
                return t
        for child in children:
            if child.dep_ in ("dobj", "nsubjpass"):
                compounds = [c.lower_ for c in child.children if c.dep_ == "compound"]
                if compounds and (t := self.lexicon.verb(lemma, *compounds, child.lemma_.lower())):
                    return t
                if t := self.lexicon.verb(lemma, child.lemma_.lower()):
                    return t
                # "ordered thousands of soldiers": the counted noun
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if t := self.lexicon.verb(lemma, pobj.lemma_.lower()):
                                return t
        for child in children:
            if child.dep_ == "prep" and (t := self.lexicon.verb(lemma, child.lower_)):
                if not t.preps or child.lower_ not in t.preps:
                    t = Trigger(
                        t.words,
                        t.pos,
                        t.label,
                        t.initiative_label,
                        t.organization_label,
                        t.preps | {child.lower_},
                        t.frame,
                    )
                return t
        return self.lexicon.verb(lemma)

    def trigger_of(self, verb: Token) -> Trigger | None:
        """The lexicon entry a verb (with its particle, object or preposition) matches."""
        return self._trigger(verb)

    def _verb(self, verb: Token, actors: ActorMap) -> Iterator[Candidate]:
        yield from self._obligations(verb, actors)
        trigger = self._trigger(verb)
        if trigger is None:
            return
        if trigger.frame == "hypothetical":
            # "Obama wants Putin to attack": wanting someone to act is asking them to
            if trigger.label and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
                targets = [
                    e
                    for c in verb.children
                    if c.dep_ in ("dobj", "nsubj") and c.i > verb.i
                    for e in _actors_of(c, actors)
                ]
                targets += [
                    e
                    for x in verb.children
                    if x.dep_ in ("xcomp", "ccomp")
                    for c in x.children
                    if c.dep_ == "nsubj"
                    for e in _actors_of(c, actors)
                ]
                if targets:
                    yield from _pairs(
                        self._subjects(verb, actors, False),
                        _unique(targets),
                        trigger,
                        _is_negated(verb),
                        "verb-want",
                    )
            return
        if not (trigger.label or trigger.organization_label or trigger.initiative_label):
            return
        if trigger.frame == "plain" and any(
            c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") for c in verb.children
        ):
            return  # "calling it destructive" is no phone call
        asserted = _is_asserted(verb, self)
        negated = _is_negated(verb) or not asserted
        passive = _is_passive(verb)
        if passive and verb.lower_ in STATIVE_PARTICIPLES and not _has_agent(verb):
            # "Israel is opposed to French mediation": a stance of the subject's
            passive = False
            subjects = [
                e for c in verb.children if c.dep_ == "nsubjpass" for e in _actors_of(c, actors)
            ]
        else:
            subjects = self._subjects(verb, actors, passive)
        objects = self._objects(verb, actors, trigger, passive)
        if not objects:
            # "held a patrol, a move that was condemned by Beijing": the move is theirs
            objects = self._restated_subjects(verb, actors)
        if not objects and trigger.frame == "control" and trigger.label == "request":
            # "demanded that the US cancel": the one asked is the complement's subject
            objects = [
                e
                for c in verb.children
                if c.dep_ == "ccomp"
                for g in c.children
                if g.dep_ in ("nsubj", "nsubjpass")
                for e in _actors_of(g, actors)
            ]
        if (
            not objects
            and trigger.frame == "control"
            and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
        ):
            objects = self._complement_objects(verb, actors)
        if trigger.label == "threaten" and not [o for o in objects if o not in subjects]:
            # "threatened to walk out unless Iraq complies": the one who must comply
            objects = _condition_subjects(verb, actors) or objects
        if not objects and trigger.label in LOCATION_LABELS and len(subjects) < 2:
            # "met in Zurich", "protest in Beijing": the host country is the counterpart
            objects = [
                e
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("in", "to")
                for e in _pobj_actors(c, actors)
                if e.type is EntityType.COUNTRY
            ]
            if not objects and trigger.label == "protest":
                # "rioted at a jail in northern Israel": the place's own "in"
                objects = [
                    e
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ in ("at", "outside", "near")
                    for e in _beyond(c, actors, frozenset({"in"}))
                    if e.type is EntityType.COUNTRY
                ]
            homes = {s.country for s in subjects if s.type is EntityType.LEADER}
            objects = [o for o in objects if o not in subjects and o.name not in homes]
        rule = "verb-passive" if passive else "verb"
        if trigger.label == "retreat" and not passive:
            moved = [e for c in verb.children if c.dep_ == "dobj" for e in _actors_of(c, actors)]
            if moved and any(o not in moved for o in objects):
                # "pulling the United States out of the Paris agreement"
                subjects, objects = moved, [o for o in objects if o not in moved]
        if trigger.frame == "reverse":
            subjects, objects = objects, subjects
        yield from _pairs(subjects, objects, trigger, negated, rule)
        if not _is_negated(verb) and _is_promise(verb, trigger):
            # "Finland will give Tanzania a grant", "ready to send troops to help defend X",
            # "would meet X if": a commitment or an offer, PLOVER's agree
            targets = objects or self._complement_objects(verb, actors, purpose=True)
            promise = Trigger(trigger.words, "verb", "agree", "agree", "agree", trigger.preps, "")
            yield from _pairs(subjects, targets, promise, False, "verb-promise")
        if trigger.frame == "commit" and not objects and not _is_negated(verb):
            # "agreed to provide aid for Romania": the agreement is with its beneficiary
            targets = self._complement_objects(verb, actors, purpose=True)
            yield from _pairs(subjects, targets, trigger, negated, "verb-commit")
        if _is_negated(verb) and _is_refusal(verb, trigger):
            refusal = Trigger(
                trigger.words, "verb", "reject", "reject", "reject", trigger.preps, ""
            )
            yield from _pairs(subjects, objects, refusal, False, "verb-refusal")
        if negated and not _is_negated(verb) and _is_threat(verb, trigger, self):
            # "could veto X unless", "would impose sanctions if": a conditional threat
            threat = Trigger(
                trigger.words, "verb", "threaten", "threaten", "threaten", trigger.preps, ""
            )
            # "could veto the resolution unless France drops it": France is threatened
            targets = objects or _condition_subjects(verb, actors)
            yield from _pairs(subjects, targets, threat, False, "verb-threat")

    def _venues(self, verb: Token, actors: ActorMap) -> Iterator[Candidate]:
        """ "signed the accords on the sidelines of the G20 summit", "met at the ASEAN
        summit": whoever acts at a summit or forum takes part in it."""
        events = [
            e
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in ("at", "during", "on")
            for e in _event_actors(prep, actors)
        ]
        if not events:
            return
        passive = _is_passive(verb)
        subjects = self._subjects(verb, actors, passive)
        trigger = self._trigger(verb)
        if trigger is not None and trigger.label in SYMMETRIC:
            # "Chile met Peru at the summit": both sides of a meeting were there
            subjects = _unique(subjects + self._objects(verb, actors, trigger, passive))
        negated = _is_negated(verb) or not _is_asserted(verb, self)
        for subject in subjects:
            for event in events:
                if _fits("participates_in", subject, event):
                    yield Candidate(subject, "participates_in", event, negated, "venue")

    def _restated_subjects(self, verb: Token, actors: ActorMap) -> list[Entity]:
        """The actors of a clause that a following ", a move that ..." sums up."""
        noun = verb.head
        if verb.dep_ != "relcl" or noun.lemma_.lower() not in RESTATING_NOUNS:
            return []
        before = noun.left_edge.i - 1
        if before < 0 or noun.doc[before].text != ",":
            return []
        main = _governing_verb(noun)
        if main is None:
            return []
        return self._subjects(main, actors, _is_passive(main))

    def _obligations(self, verb: Token, actors: ActorMap) -> Iterator[Candidate]:
        """ "declared that China must drop barriers": the speaker asks China to act."""
        if verb.dep_ != "ccomp" or not any(
            c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children
        ):
            return
        speaker = verb.head
        if speaker.pos_ not in ("VERB", "AUX") or _is_negated(speaker):
            return
        objects = [
            e
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass")
            for e in _actors_of(c, actors)
        ]
        subjects = self._subjects(speaker, actors, _is_passive(speaker))
        request = Trigger(("must",), "verb", "request", "request", "request", frozenset(), "")
        yield from _pairs(subjects, _unique(objects), request, False, "verb-must")

    def _subjects(self, verb: Token, actors: ActorMap, passive: bool) -> list[Entity]:
        found: list[Entity] = []
        for child in verb.children:
            if passive and child.dep_ == "agent":
                for pobj in child.children:
                    found += _actors_of(pobj, actors)
            elif not passive and child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                    found += _actors_of(verb.head, actors)
                else:
                    found += _actors_of(child, actors)
        if found:
            return _unique(found)
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
            if objects and not passive:
                return _unique([e for o in objects for e in _actors_of(o, actors)])
            return self._subjects(head, actors, _is_passive(head))
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            # "accused the bloc of imposing sanctions": the accused acts
            if head.head.pos_ == "VERB":
                accused = [
                    e
                    for c in head.head.children
                    if c.dep_ == "dobj"
                    for e in _actors_of(c, actors)
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
                return self._subjects(governor, actors, _is_passive(governor))
        if verb.dep_ in ("acl", "xcomp") and head.pos_ == "NOUN":
            # "China's decision to scrap tariffs": the noun's owner acts
            return [e for e in _modifier_actors(head, actors, deps=("poss",))]
        if verb.dep_ in ("conj", "advcl", "acomp") and head.pos_ in ("VERB", "AUX"):
            # "France is ready to send": the subject of the copula
            return self._subjects(head, actors, _is_passive(head))
        if verb.dep_ == "acl" and passive is False and verb.tag_ == "VBN":
            return []
        return []

    def _objects(
        self, verb: Token, actors: ActorMap, trigger: Trigger, passive: bool
    ) -> list[Entity]:
        found: list[Entity] = []
        for child in verb.children:
            dep = child.dep_
            if dep == "dative" and child.pos_ == "ADP":
                found += _pobj_actors(child, actors)  # "give permission to Russia"
            elif dep in ("dobj", "dative", "attr", "oprd") and not passive:
                if child.lower_ in ("which", "that") and verb.dep_ == "relcl":
                    found += _actors_of(verb.head, actors)
                    # "the G7 summit in Apulia, which India attended": the clause may
                    # hang on the place but be about the event
                    place = verb.head
                    if place.dep_ == "pobj" and place.head.lower_ in ("in", "at"):
                        found += _actors_of(place.head.head, actors)
                    continue
                found += _actors_of(child, actors)
                found += _prep_chain_actors(child, actors, trigger.preps)
            elif dep == "nsubjpass" and passive:
                found += _actors_of(child, actors)
            elif (
                dep == "prep"
                and child.lower_ in ("from", "by")
                and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in PROPOSAL_NOUNS for c in verb.children
                )
            ):
                found += _pobj_actors(child, actors)  # "rejected the proposal from France"
            elif dep == "prep" and child.lower_ in trigger.preps:
                # "commit to assistance to the US-led war": the thing's own preposition
                found += _pobj_actors(child, actors) or _beyond(child, actors, trigger.preps)
            elif dep == "prep" and child.lower_ == "for":
                # "mobilised troops for a war against Iraq"
                found += _beyond(child, actors, trigger.preps)
            elif dep == "prep" and child.lower_ == "as" and not passive:
                found += _moved_objects(child, actors)
            elif dep == "prt" and child.lower_ == "up" and not passive:
                for grand in child.children:  # "kidnapped up to 16 Russian advisers"
                    if grand.dep_ == "prep" and grand.lower_ == "to":
                        found += _pobj_actors(grand, actors)
            elif dep in ("prt", "advmod") and (
                child.lower_ in trigger.preps or child.lower_ in trigger.words[1:]
            ):
                for grand in child.children:  # "pulled out of X", "stayed away from X"
                    if grand.dep_ == "prep":
                        found += _pobj_actors(grand, actors)
        if passive and not found and verb.dep_ == "acl":
            found += _actors_of(verb.head, actors)  # "the plan put forward by China"
        if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
            found += _actors_of(verb.head, actors)
        return _unique(found)

    def _complement_objects(
        self, verb: Token, actors: ActorMap, *, purpose: bool = False
    ) -> list[Entity]:
        deps = ("xcomp", "ccomp", "advcl") if purpose else ("xcomp", "ccomp")
        for child in verb.children:
            if child.dep_ in deps:
                trigger = self._trigger(child) or Trigger(
                    (),
                    "verb",
                    "",
                    "",
                    "",
                    frozenset({"with", "to", "on", "against", "from", "into", "in"}),
                    "",
                )
                trigger = Trigger(
                    trigger.words,
                    trigger.pos,
                    trigger.label,
                    trigger.initiative_label,
                    trigger.organization_label,
                    trigger.preps | {"in", "to"},
                    "",
                )
                found = self._objects(child, actors, trigger, _is_passive(child))
                if found:
                    return found
                deeper = self._complement_objects(child, actors, purpose=purpose)
                if deeper:
                    return deeper
        return []

    # -- nouns ----------------------------------------------------------------------------
    def _noun(self, noun: Token, actors: ActorMap) -> Iterator[Candidate]:
        trigger = self.lexicon.noun(noun.lemma_.lower())
        if trigger is None or not trigger.label:
            return
        if actors.at(noun) is not None:
            return  # "the Paris Agreement" is an actor, not an event
        if noun.dep_ == "compound" and self.lexicon.noun(noun.head.lemma_.lower()):
            return  # "cooperation agreements": the head noun is the event
        anchor = noun.head if noun.dep_ == "compound" else noun  # "aid package"
        subjects = [
            e for e in _modifier_actors(anchor, actors, deps=("poss", "compound", "amod", "nmod"))
        ]
        if not subjects and anchor.dep_ == "appos":
            subjects = _actors_of(anchor.head, actors, modifiers=False)  # "Algeria, the backer of"
        if anchor is not noun:
            subjects += [e for e in _modifier_actors(noun, actors)]
        own_subjects = bool(subjects)
        objects: list[Entity] = []
        for token in {noun, anchor}:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in trigger.preps:
                    found = _pobj_actors(child, actors)
                    if not found and child.lower_ == "of":
                        # "a suspension of air links with Serbia": the links' other end
                        found = _beyond(child, actors, trigger.preps - {"of"})
                    objects += found
        if not subjects:
            for token in {noun, anchor}:
                for child in token.children:
                    if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                        subjects += _pobj_actors(child, actors)  # "an appeal from Kyiv"
                    if child.dep_ == "acl":  # "sanctions announced by Canada"
                        subjects += [
                            e
                            for a in child.children
                            if a.dep_ == "agent"
                            for e in _pobj_actors(a, actors)
                        ]
        # "two days of drills", "a package of sanctions": the quantity noun stands in
        while (
            anchor.dep_ == "pobj"
            and anchor.head.lower_ == "of"
            and anchor.head.head.pos_ == "NOUN"
            and anchor.head.head.i != anchor.head.i
        ):
            anchor = anchor.head.head
        governor = anchor.head if anchor.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj") else None
        if governor is not None and anchor.dep_ == "pobj":
            governor = governor.head if governor.dep_ == "prep" else None
        if not subjects and governor is not None and governor.pos_ == "VERB":
            lemma = self.lemma(governor)
            if lemma in PROMPT_VERBS and anchor.dep_ == "dobj":
                # "X's attack drew condemnation from the G7": the G7 accuses X
                sources = [
                    e
                    for c in list(anchor.children) + list(governor.children)
                    if c.dep_ == "prep" and c.lower_ in ("from", "by")
                    for e in _pobj_actors(c, actors)
                ]
                if sources:
                    targets = [
                        e
                        for c in governor.children
                        if c.dep_ == "nsubj"
                        for e in _actors_of(c, actors)
                    ]
                    negated = _is_negated(governor) or not _is_asserted(governor, self)
                    yield from _pairs(
                        _unique(sources), _unique(targets), trigger, negated, "noun-prompted"
                    )
                return
            if (lemma in LIGHT_VERBS or anchor.dep_ == "nsubjpass") and anchor.dep_ != "nsubj":
                subjects = self._subjects(governor, actors, _is_passive(governor))
                if not objects:
                    objects = self._objects(governor, actors, trigger, _is_passive(governor))
                    objects = [o for o in objects if o not in subjects]
        if not objects and trigger.label == "request":
            # "its demand that Israel ease restrictions", "its call for Serbia to free":
            # the one asked is the subject of the clause the noun governs
            objects = [
                e
                for clause in _content_clauses(noun)
                for c in clause.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for e in _actors_of(c, actors)
            ]
            objects = [o for o in objects if o not in subjects]
        if not objects and trigger.label == "protest":
            holders = [noun, anchor] + ([governor] if governor is not None else [])
            objects = [
                e
                for h in holders
                for c in h.children
                if c.dep_ == "prep" and c.lower_ in ("in", "to")
                for e in _pobj_actors(c, actors)
                if e.type is EntityType.COUNTRY and e not in subjects
            ]
        if not subjects and not objects:
            return
        negated = any(c.lower_ == "no" for c in list(anchor.children) + list(noun.children))
        if not negated and not (own_subjects and _presupposed(anchor)):
            verb = _governing_verb(anchor)
            if verb is not None:
                negated = _is_negated(verb) or not _is_asserted(verb, self)
        yield from _pairs(_unique(subjects), _unique(objects), trigger, negated, "noun")


# -- helpers ----------------------------------------------------------------------------
def _pairs(
    subjects: list[Entity], objects: list[Entity], trigger: Trigger, negated: bool, rule: str
) -> Iterator[Candidate]:
    if objects:
        for subject in subjects:
            for obj in objects:
                label = trigger.label_for(obj.type.value)
                if _fits(label, subject, obj):
                    yield Candidate(subject, label, obj, negated, rule)
    elif len(subjects) >= 2 and trigger.label in SYMMETRIC:
        for i, first in enumerate(subjects):
            for second in subjects[i + 1 :]:
                yield Candidate(first, trigger.label, second, negated, rule + "-among")


def _fits(label: str, subject: Entity, obj: Entity) -> bool:
    """Structural labels only join actors of the right types."""
    if label not in LABELS or subject.id == obj.id:
        return False
    if label == "member_of":
        return obj.type is EntityType.ORGANIZATION and subject.type is not EntityType.INITIATIVE
    if label in ("sponsors", "participates_in"):
        return obj.type in GROUP_TYPES and subject.type is not EntityType.INITIATIVE
    if subject.type is EntityType.INITIATIVE:
        return False
    # A leader does not meet, praise or attack the country they lead: such a pair comes
    # from a misread pronoun or place, not from the text.
    if subject.type is EntityType.LEADER and subject.country == obj.name:
        return False
    if obj.type is EntityType.LEADER and obj.country == subject.name:
        return False
    return True


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


def _sentence_mentions(extractor: RelationExtractor, sent: Span, actors: ActorMap):
    return extractor._by_sentence.get(sent.start, [])


def _unique(entities: list[Entity]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.id, entity)
    return list(seen.values())


def _condition_subjects(verb: Token, actors: ActorMap, depth: int = 2) -> list[Entity]:
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
                    found += _actors_of(subject, actors)
        elif child.dep_ in ("xcomp", "ccomp") and depth > 1:
            found += _condition_subjects(child, actors, depth - 1)
    return _unique(found)


def _has_agent(verb: Token) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def _is_passive(verb: Token) -> bool:
    """Passive clause, or a past participle with a by-agent ("the summit hosted by X")."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)


def _actors_of(token: Token, actors: ActorMap, *, modifiers: bool = True) -> list[Entity]:
    """The actors a noun phrase stands for, conjuncts and appositions included."""
    found: list[Entity] = []
    for item in [token, *token.conjuncts]:
        own = _head_actors(item, actors, modifiers=modifiers)
        for child in item.children:
            if child.dep_ != "appos":
                continue
            listed = [
                e
                for part in [child, *child.conjuncts]
                for e in _head_actors(part, actors, modifiers=modifiers)
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
    return _unique(found)


def _head_actors(
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
                found = _pobj_actors(child, actors)
                if found:
                    return found
    # "Chinese officials", "Beijing's ambassador", "the Russian foreign ministry"
    found = _modifier_actors(token, actors, depth=depth)
    if found:
        return found
    # "an offer from Afghanistan", "a proposal by China"
    if token.lemma_.lower() in PROPOSAL_NOUNS:
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
                found = _pobj_actors(child, actors)
                if found:
                    return found
    # "the president of Armenia", "leaders of Poland and Romania", "a court in Guyana"
    if token.pos_ in ("NOUN", "PROPN"):
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
                        found += _actors_of(pobj, actors)
    return found


def _modifier_actors(
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
                found += _modifier_actors(child, actors, deps=deps, depth=depth - 1)
    # "Somali President Hassan Sheikh Mohamud": a name's own words name the person
    if token.pos_ == "PROPN":
        leaders = [e for e in found if e.type is EntityType.LEADER]
        if leaders:
            return _unique(leaders)
    # "its European Community partners": the named actor, not the pronoun's
    return _unique(found or pronouns)


def _prep_chain_actors(
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
            found += _pobj_actors(child, actors)
        elif child.lower_ == "of" and depth > 1 and noun.lemma_.lower() in PARTITIVES:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += _prep_chain_actors(pobj, actors, preps, depth - 1)
    return found


def _event_actors(prep: Token, actors: ActorMap) -> list[Entity]:
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
        for e in _actors_of(pobj, actors, modifiers=False)
        if e.type is EntityType.INITIATIVE
        and any(word in e.name.lower().split() for word in EVENT_NOUNS)
    ]


def _moved_objects(prep: Token, actors: ActorMap) -> list[Entity]:
    """The object a verb's "as" phrase swallowed when it moved past it: "denounced as a
    crime Serbia's crackdown" (an apposition of "crime"), "dismissed as groundless
    Finland's claims" (the "as" object itself, its first word the predicate)."""
    found: list[Entity] = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        for child in pobj.children:
            if child.dep_ == "appos":
                found += _actors_of(child, actors)
        predicate = pobj.doc[prep.i + 1]
        if (
            predicate.dep_ == "amod"
            and predicate.pos_ == "ADJ"
            and predicate.i == pobj.left_edge.i
            and any(c.dep_ == "poss" and c.i > predicate.i for c in pobj.children)
        ):
            found += _actors_of(pobj, actors)
    return found


def _beyond(prep: Token, actors: ActorMap, preps: frozenset[str]) -> list[Entity]:
    """Actors named by the prepositions (among `preps`) of the object of `prep`: "to the
    war against Iraq" -> Iraq."""
    return [
        e
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for e in _prep_chain_actors(pobj, actors, preps, depth=1)
    ]


def _pobj_actors(prep: Token, actors: ActorMap) -> list[Entity]:
    found: list[Entity] = []
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            found += _actors_of(child, actors)
        elif child.dep_ == "prep":  # "out of", "away from"
            found += _pobj_actors(child, actors)
    return found


def _is_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return True
        if child.dep_ in ("nsubj", "dobj") and any(
            g.lower_ == "no" and g.dep_ == "det" for g in child.children
        ):
            return True
    return False


def _is_asserted(verb: Token, extractor: RelationExtractor) -> bool:
    """False for modal, conditional and non-factive complement clauses."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in MODALS_HYPOTHETICAL:
            return False
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
            return False
    future = any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo") for c in verb.children
    )
    if future and any(
        c.dep_ == "advcl"
        and any(g.dep_ == "mark" and g.lower_ in ("unless", "if") for g in c.children)
        for c in verb.children
    ):
        return False  # "will withdraw unless ...": a consequence, not a fact
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "NOUN":
        return False  # "its ban on sending weapons", "plans for sending troops"
    if verb.dep_ in ("acl", "xcomp") and verb.head.lemma_.lower() in INTENT_NOUNS:
        return False  # "its plan to join NATO", "a bid to host the summit"
    if verb.dep_ == "ccomp" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in INTENT_NOUNS and verb in _content_clauses(c)
        for c in verb.head.children
    ):
        return False  # "repeated its demand today that Israel ease ...": what is asked
    token = verb
    for _ in range(4):
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ == "xcomp" and (head.lower_ in PROMISE_ADJECTIVES or head.pos_ == "ADJ"):
            return False  # "ready to send", "eager to meet": a disposition, not a fact
        if token.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
            trigger = extractor.trigger_of(head)
            if trigger is not None and trigger.frame in ("control", "hypothetical"):
                return False
            if _is_negated(head) and token.dep_ == "xcomp":
                return False
            if head.lemma_.lower() in ("threaten", "warn") and any(
                c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in verb.children
            ):
                return False
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children
        ):
            return False
        if token.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        ):
            return False  # "to help Israel": a purpose, not a fact
        if token.dep_ not in ("xcomp", "ccomp", "conj", "advcl"):
            break
        token = head
    return True


CONFLICT_QUADS = frozenset({"verbal_conflict", "material_conflict"})


def _content_clauses(noun: Token) -> list[Token]:
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


def _presupposed(noun: Token) -> bool:
    """A nominal event with its own agent ("EU sanctions against Russia") is taken as
    fact, unless it is what a verb creates or an event-frame noun anticipates."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
        return False
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in EVENT_FRAMES
    ):
        return False
    return True


def _governing_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _is_promise(verb: Token, trigger: Trigger) -> bool:
    """A cooperative act announced for the future ("will provide", "ready to send")."""
    label = LABELS.get(trigger.label)
    if (
        label is None
        or trigger.label == "agree"
        or label.quad_class not in ("material_cooperation", "verbal_cooperation")
    ):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll") for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children) and any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "if" for g in c.children)
        for c in verb.children
    ):
        return True  # "would meet the mediator if ...": an offer
    if not (verb.dep_ == "xcomp" and verb.head.lower_ in PROMISE_ADJECTIVES):
        return False
    # "the US must be ready to mediate": asked of the subject, not offered by it
    copula = verb.head.head
    return not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in copula.children)


def _is_refusal(verb: Token, trigger: Trigger) -> bool:
    """ "would not provide support", "will not help": a refused cooperative act."""
    label = LABELS.get(trigger.label)
    if label is None or label.quad_class not in ("verbal_cooperation", "material_cooperation"):
        return False
    return any(
        c.dep_ == "aux" and c.lower_ in ("would", "will", "wo", "'ll") for c in verb.children
    )


def _is_threat(verb: Token, trigger: Trigger, extractor: RelationExtractor) -> bool:
    """A conflict act stated as conditional ("could veto X unless Y") or as intent
    ("wants to attack X", "prepared to strike")."""
    label = LABELS.get(trigger.label)
    if (
        label is None
        or trigger.label == "threaten"
        or (label.quad_class not in CONFLICT_QUADS and trigger.label not in ("retreat", "reject"))
    ):
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in (
        "want",
        "plan",
        "prepare",
        "intend",
        "vow",
        "pledge",
        "promise",
    ):
        return not any(c.dep_ in ("dobj",) for c in verb.head.children)
    modal = any(
        c.dep_ == "aux" and c.lower_ in ("could", "would", "will", "may", "might", "'ll")
        for c in verb.children
    )
    conditional = any(t.lower_ in ("unless", "if") for t in verb.subtree) or any(
        t.lower_ in ("unless", "if") for t in verb.sent if t.head == verb or t.head.head == verb
    )
    head = verb.head
    warned = verb.dep_ == "ccomp" and head.lemma_.lower() in ("warn", "threaten", "say", "vow")
    return modal and (conditional or (warned and head.lemma_.lower() != "say"))
