"""Verb rules: a lexicon verb trigger, its subjects and objects, and what modality makes of it.

`verb_candidates` reads a verb's trigger (`TriggerFinder`), finds who acts and on whom
(`arguments`), and decides whether the text asserts the act (`modality`); frames of the
lexicon change how it reads ("wants X to" asks X, "plain" verbs take no complement,
"reverse" swaps the sides), and the row's argument columns pick the sense (`senses`:
"attacked his rival" is words, "the console hits US" nothing). `venue_candidates` makes
whoever acts at a summit take part in it. Obligations ("declared that China must drop
barriers") need no trigger.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ...labels import LABELS, SYMMETRIC
from ...model import Entity, EntityType
from ..actormap import ActorMap
from ..arguments import (
    actors_of,
    beyond,
    condition_subjects,
    event_actors,
    governing_verb,
    has_agent,
    is_event,
    is_passive,
    pobj_actors,
    unique,
    verb_objects,
    verb_subjects,
)
from ..candidates import GROUP_TYPES, Candidate, fits, pairs
from ..context import DocContext
from ..lexicon import Frame, Trigger
from ..modality import is_asserted, is_negated, is_promise, is_refusal, is_threat
from ..senses import verb_sense
from ..triggers import TriggerFinder, marks
from ..vocabulary import (
    EVENT_NOUNS,
    OBLIGATION_MODALS,
    PROXY_VERBS,
    RESTATING_NOUNS,
    STATIVE_PARTICIPLES,
    TALK_NOUNS,
)

LOCATION_LABELS = frozenset({"consult", "protest"})
"""Labels whose place ("met in Zurich", "protest in Beijing") names the counterpart."""


def verb_candidates(verb: Token, ctx: DocContext) -> Iterator[Candidate]:
    """The relations a verb's lexicon trigger makes with the verb's subjects and objects,
    and those its modality makes of it (a promise, a refusal, a threat)."""
    actors, triggers = ctx.actors, ctx.triggers
    yield from _obligations(verb, actors)
    trigger = triggers.verb_trigger(verb)
    if trigger is None:
        return
    if trigger.frame is Frame.HYPOTHETICAL:
        yield from _wanted(verb, trigger, actors)
        return
    if not (trigger.label or trigger.organization_label or trigger.initiative_label):
        return
    if trigger.frame is Frame.PLAIN and any(
        c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") for c in verb.children
    ):
        return  # "calling it destructive" is no phone call
    asserted = is_asserted(verb, triggers)
    negated = is_negated(verb) or not asserted
    passive = is_passive(verb)
    if passive and verb.lower_ in STATIVE_PARTICIPLES and not has_agent(verb):
        # "Israel is opposed to French mediation": a stance of the subject's
        passive = False
        subjects = [
            e for c in verb.children if c.dep_ == "nsubjpass" for e in actors_of(c, actors)
        ]
    else:
        subjects = verb_subjects(verb, actors, passive)
    objects = _act_objects(verb, trigger, subjects, passive, ctx)
    sense = verb_sense(verb, trigger, subjects, objects, actors)
    if sense is None:
        return  # "demonstrated its dedication": another sense of the word
    trigger, subjects, objects = sense
    rule = "verb-passive" if passive else "verb"
    if trigger.label == "retreat" and not passive:
        moved = [e for c in verb.children if c.dep_ == "dobj" for e in actors_of(c, actors)]
        if moved and any(o not in moved for o in objects):
            # "pulling the United States out of the Paris agreement"
            subjects, objects = moved, [o for o in objects if o not in moved]
    if trigger.frame is Frame.REVERSE:
        subjects, objects = objects, subjects
    joint = _joint_pledge(verb, trigger)
    yield from pairs(subjects, objects, trigger, negated, rule, joint=joint)
    yield from _modal_acts(verb, trigger, subjects, objects, negated, ctx)


def _joint_pledge(verb: Token, trigger: Trigger) -> bool:
    """ "Chile and Peru pledged to deepen ties": a symmetric pledge of something to do,
    which binds its subjects to each other; not "pledged funds", "offered assistance",
    which each gives on its own."""
    return (
        trigger.label in SYMMETRIC
        and trigger.frame in (Frame.CONTROL, Frame.COMMIT)
        and any(c.dep_ == "xcomp" for c in verb.children)
        and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
    )


def _wanted(verb: Token, trigger: Trigger, actors: ActorMap) -> Iterator[Candidate]:
    """ "Obama wants Putin to attack": wanting someone to act is asking them to."""
    if trigger.label and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        targets = [
            e
            for c in verb.children
            if c.dep_ in ("dobj", "nsubj") and c.i > verb.i
            for e in actors_of(c, actors)
        ]
        targets += [
            e
            for x in verb.children
            if x.dep_ in ("xcomp", "ccomp")
            for c in x.children
            if c.dep_ == "nsubj"
            for e in actors_of(c, actors)
        ]
        if targets:
            yield from pairs(
                verb_subjects(verb, actors, False),
                unique(targets),
                trigger,
                is_negated(verb),
                "verb-want",
            )


def _act_objects(
    verb: Token, trigger: Trigger, subjects: list[Entity], passive: bool, ctx: DocContext
) -> list[Entity]:
    """Whom the verb's act is done to: its objects, or where it has none, the actors a
    restating noun, a control complement, a condition or a place give."""
    actors, triggers = ctx.actors, ctx.triggers
    objects = verb_objects(verb, actors, trigger, passive)
    if not objects:
        # "held a patrol, a move that was condemned by Beijing": the move is theirs
        objects = _restated_subjects(verb, actors)
    if not objects and trigger.frame is Frame.CONTROL and trigger.label == "request":
        # "demanded that the US cancel": the one asked is the complement's subject
        objects = [
            e
            for c in verb.children
            if c.dep_ == "ccomp"
            for g in c.children
            if g.dep_ in ("nsubj", "nsubjpass")
            for e in actors_of(g, actors)
        ]
    if not objects and trigger.label == "request":
        # "called for Iran to release them": the one asked is the clause's subject
        objects = [
            e
            for c in verb.children
            if c.dep_ in ("advcl", "ccomp") and marks(c)
            for g in c.children
            if g.dep_ == "nsubj"
            for e in actors_of(g, actors)
        ]
    if (
        not objects
        and trigger.frame is Frame.CONTROL
        and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
        and not (_cooperative(trigger) and _denied_complement(verb, triggers))
    ):
        # not "vowed never to return the islands to Peru": a pledge to withhold an act
        # from Peru is no agreement with it
        objects = _complement_objects(verb, actors, triggers)
    if trigger.label == "threaten" and not [o for o in objects if o not in subjects]:
        # "threatened to walk out unless Iraq complies": the one who must comply
        objects = condition_subjects(verb, actors) or objects
    if not objects and trigger.label in LOCATION_LABELS and len(subjects) < 2:
        # "met in Zurich", "protest in Beijing": the host country is the counterpart
        objects = [
            e
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("in", "to")
            for e in pobj_actors(c, actors)
            if e.type is EntityType.COUNTRY
        ]
        if not objects and trigger.label == "protest":
            # "rioted at a jail in northern Israel": the place's own "in"
            objects = [
                e
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("at", "outside", "near")
                for e in beyond(c, actors, frozenset({"in"}))
                if e.type is EntityType.COUNTRY
            ]
        homes = {s.country for s in subjects if s.type is EntityType.LEADER}
        objects = [o for o in objects if o not in subjects and o.name not in homes]
    return objects


def _cooperative(trigger: Trigger) -> bool:
    label = LABELS.get(trigger.label)
    return label is not None and label.quad_class in ("verbal_cooperation", "material_cooperation")


def _denied_complement(verb: Token, triggers: TriggerFinder) -> bool:
    """Whether the verb's controlled complement denies an act that is no conflict
    ("vowed never to return the islands"); "pledged not to attack" is still a pledge of
    peace."""
    for c in verb.children:
        if c.dep_ == "xcomp" and is_negated(c):
            trigger = triggers.verb_trigger(c)
            label = LABELS.get(trigger.label) if trigger is not None else None
            return label is None or "conflict" not in label.quad_class
    return False


def _modal_acts(
    verb: Token,
    trigger: Trigger,
    subjects: list[Entity],
    objects: list[Entity],
    negated: bool,
    ctx: DocContext,
) -> Iterator[Candidate]:
    """What the verb's modality makes of the act: a promise ("will give", "ready to send"),
    a commitment's beneficiary, a refusal ("would not help"), a conditional threat."""
    actors, triggers = ctx.actors, ctx.triggers
    if not is_negated(verb) and is_promise(verb, trigger):
        # "Finland will give Tanzania a grant", "ready to send troops to help defend X",
        # "would meet X if": a commitment or an offer, PLOVER's agree
        targets = objects or _complement_objects(verb, actors, triggers, purpose=True)
        promise = Trigger(
            trigger.words, "verb", "agree", "agree", "agree", trigger.preps, Frame.NONE
        )
        yield from pairs(subjects, targets, promise, False, "verb-promise")
    if (
        trigger.frame is Frame.COMMIT
        and not objects
        and not is_negated(verb)
        and not any(c.dep_ == "dobj" for c in verb.children)
    ):
        # "agreed to provide aid for Romania": the agreement is with its beneficiary;
        # "agreed a round of tariffs on Peru, targeting its mines" names what the
        # subjects agreed among themselves, and the one it targets is no party to it;
        # "we agreed that in Kabul there is cause for optimism" is a view, not an act
        targets = _complement_objects(verb, actors, triggers, purpose=True, clausal=False)
        yield from pairs(subjects, targets, trigger, negated, "verb-commit")
    if is_negated(verb) and is_refusal(verb, trigger):
        refusal = Trigger(
            trigger.words, "verb", "reject", "reject", "reject", trigger.preps, Frame.NONE
        )
        yield from pairs(subjects, objects, refusal, False, "verb-refusal")
    if negated and not is_negated(verb) and is_threat(verb, trigger):
        # "could veto X unless", "would impose sanctions if": a conditional threat
        threat = Trigger(
            trigger.words, "verb", "threaten", "threaten", "threaten", trigger.preps, Frame.NONE
        )
        # "could veto the resolution unless France drops it": France is threatened
        targets = objects or condition_subjects(verb, actors)
        yield from pairs(subjects, targets, threat, False, "verb-threat")


def venue_candidates(verb: Token, ctx: DocContext) -> Iterator[Candidate]:
    """ "signed the accords on the sidelines of the G20 summit", "met at the ASEAN
    summit", "hosted the summit in Vilnius, where leaders from Poland pledged": whoever
    acts at a summit or forum takes part in it; the country it "was held in" hosts it."""
    actors, triggers = ctx.actors, ctx.triggers
    yield from _held_in(verb, ctx)
    yield from _in_talks(verb, ctx)
    events = [
        e
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("at", "during", "on")
        for e in event_actors(prep, actors)
    ] or _where_events(verb, ctx)
    if not events:
        return
    passive = is_passive(verb)
    subjects = verb_subjects(verb, actors, passive)
    if triggers.lemma(verb) in PROXY_VERBS:
        # "the delegation representing Brazil at the summit": the one represented was there
        deps = ("nsubjpass",) if passive else ("dobj",)
        subjects = [e for c in verb.children if c.dep_ in deps for e in actors_of(c, actors)]
    trigger = triggers.verb_trigger(verb)
    if trigger is not None and trigger.label in SYMMETRIC:
        # "Chile met Peru at the summit": both sides of a meeting were there
        subjects = unique(subjects + verb_objects(verb, actors, trigger, passive))
    negated = is_negated(verb) or not is_asserted(verb, triggers)
    for subject in subjects:
        for event in events:
            if fits("participates_in", subject, event):
                yield Candidate(subject, "participates_in", event, negated, "venue")


def _where_events(verb: Token, ctx: DocContext) -> list[Entity]:
    """ "the summit in Vilnius, where leaders pledged": the event of the place that a
    "where" clause of an act hangs on (or the event itself: "the summit, where ...");
    not a clause of being ("where Iraq is on the agenda")."""
    actors = ctx.actors
    if (
        verb.dep_ != "relcl"
        or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children)
        or ctx.triggers.verb_trigger(verb) is None
    ):
        return []
    place = verb.head
    holders = [place]
    if place.dep_ == "pobj" and place.head.lower_ in ("in", "at"):
        holders.append(place.head.head)
    events = [e for h in holders for e in actors_of(h, actors, modifiers=False) if is_event(e)]
    # "the Three Seas Initiative summit in Vilnius, where ...": the group the summit is of
    return events or [
        e
        for h in holders
        if h.lemma_.lower() in EVENT_NOUNS
        for e in actors_of(h, actors)
        if e.type in GROUP_TYPES
    ]


def _in_talks(verb: Token, ctx: DocContext) -> Iterator[Candidate]:
    """ "In a phone call on Monday, Macron urged Putin to ...": whoever acts on another
    during a call or talks consults them (rule ``talk-setting``)."""
    actors = ctx.actors
    settings = [
        pobj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during")
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in TALK_NOUNS
    ]
    if not settings or actors.at(settings[0]) is not None:
        return
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in settings[0].children):
        return  # "in a meeting with reporters": the talk was with someone else
    objects = [
        e for c in verb.children if c.dep_ in ("dobj", "dative") for e in actors_of(c, actors)
    ]
    if not objects:
        return
    subjects = verb_subjects(verb, actors, is_passive(verb))
    negated = is_negated(verb) or not is_asserted(verb, ctx.triggers)
    for subject in subjects:
        for obj in objects:
            if fits("consult", subject, obj):
                yield Candidate(subject, "consult", obj, negated, "talk-setting")


def _held_in(verb: Token, ctx: DocContext) -> Iterator[Candidate]:
    """ "The summit, held in Peru", "the forum was held in Beijing": the country it is held
    in hosts it, which the gold files read as `sponsors`; not asserted when the holding
    is still to come ("is to be held in Bolivia")."""
    actors = ctx.actors
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN"  # "the summit, held in Peru"
    if ctx.triggers.lemma(verb) != "hold" or not (participle or is_passive(verb)):
        return
    held = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "acl":
        held.append(verb.head)
    events = [e for c in held for e in actors_of(c, actors, modifiers=False) if is_event(e)]
    if not events:
        return
    hosts = [
        e
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at")
        for e in pobj_actors(prep, actors) + beyond(prep, actors, frozenset({"in"}))
        if e.type is EntityType.COUNTRY
    ]
    negated = is_negated(verb) or not is_asserted(verb, ctx.triggers)
    for host in unique(hosts):
        for event in events:
            if fits("sponsors", host, event):
                yield Candidate(host, "sponsors", event, negated, "venue-host")


def _restated_subjects(verb: Token, actors: ActorMap) -> list[Entity]:
    """The actors of a clause that a following ", a move that ..." sums up."""
    noun = verb.head
    if verb.dep_ != "relcl" or noun.lemma_.lower() not in RESTATING_NOUNS:
        return []
    before = noun.left_edge.i - 1
    if before < 0 or noun.doc[before].text != ",":
        return []
    main = governing_verb(noun)
    if main is None:
        return []
    return verb_subjects(main, actors, is_passive(main))


def _obligations(verb: Token, actors: ActorMap) -> Iterator[Candidate]:
    """ "declared that China must drop barriers": the speaker asks China to act."""
    if verb.dep_ != "ccomp" or not any(
        c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children
    ):
        return
    speaker = verb.head
    if speaker.pos_ not in ("VERB", "AUX") or is_negated(speaker):
        return
    objects = [
        e for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for e in actors_of(c, actors)
    ]
    subjects = verb_subjects(speaker, actors, is_passive(speaker))
    request = Trigger(("must",), "verb", "request", "request", "request", frozenset(), Frame.NONE)
    yield from pairs(subjects, unique(objects), request, False, "verb-must")


def _complement_objects(
    verb: Token,
    actors: ActorMap,
    triggers: TriggerFinder,
    *,
    purpose: bool = False,
    clausal: bool = True,
) -> list[Entity]:
    """The objects of the first complement clause (or, with `purpose`, purpose clause) that
    has any: "urged Iran to resume talks with the US", "ready to send troops to Ukraine";
    without `clausal`, not of a that-clause with a subject of its own ("agreed that ...")."""
    deps: tuple[str, ...] = ("xcomp", "ccomp", "advcl") if purpose else ("xcomp", "ccomp")
    if not clausal:
        deps = tuple(d for d in deps if d != "ccomp")
    for child in verb.children:
        if child.dep_ in deps:
            trigger = triggers.verb_trigger(child) or Trigger(
                (),
                "verb",
                "",
                "",
                "",
                frozenset({"with", "to", "on", "against", "from", "into", "in"}),
                Frame.NONE,
            )
            trigger = Trigger(
                trigger.words,
                trigger.pos,
                trigger.label,
                trigger.initiative_label,
                trigger.organization_label,
                trigger.preps | {"in", "to"},
                Frame.NONE,
            )
            found = verb_objects(child, actors, trigger, is_passive(child))
            if found:
                return found
            deeper = _complement_objects(child, actors, triggers, purpose=purpose, clausal=clausal)
            if deeper:
                return deeper
    return []
