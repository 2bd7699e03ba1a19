"""Modality: whether the text asserts an act, denies it, or only promises, refuses or
threatens it.

Negation ("did not", "no talks"), modals and conditionals ("could attack", "if"),
complements of control and hypothetical verbs ("refused to", "wants to") and of intent
nouns ("its plan to join"), and acts still to come ("will visit", "is due to sign", "visits
Kuwait next week") make a relation unasserted (`Relation.negated`); an act reported as
done stays asserted ("said it had signed"). Some of these
readings are relations of their own: a cooperative act announced for the future is a
promise (PLOVER's agree), one refused is a rejection, and a conflict act stated as a
condition is a threat.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..labels import LABELS
from .arguments import content_clauses
from .lexicon import Frame, Trigger
from .triggers import TriggerFinder
from .vocabulary import (
    ALLEGING_VERBS,
    ANNOUNCING_VERBS,
    CALENDAR_WORDS,
    CONDITIONAL_MARKS,
    DELAY_ADVERBS,
    EVENT_FRAMES,
    FUTURE_AUX,
    FUTURE_FRAME_HEADS,
    FUTURE_TIME_WORDS,
    INTENT_NOUNS,
    LIGHT_VERBS,
    MODALS_HYPOTHETICAL,
    NON_FACTIVE_VERBS,
    OBLIGATION_MODALS,
    PROGRESS_NOUNS,
    PROMISE_ADJECTIVES,
    TIME_NOUNS,
    TOPIC_PREPS,
)

TIME_DEPS = frozenset({"npadvmod", "tmod", "advmod", "prep"})
"""Dependencies by which a time expression hangs on its verb ("next week", "in the coming
days", "tomorrow")."""

TIME_PREPS = frozenset({"in", "on", "by", "within", "for", "during", "over"})
"""Prepositions of a time expression ("in the coming weeks", "scheduled for next month")."""


def is_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return True
        if child.dep_ in ("nsubj", "dobj") and any(
            g.lower_ == "no" and g.dep_ == "det" for g in child.children
        ):
            return True
    return False


def is_future(verb: Token) -> bool:
    """An act still to come: "will visit", "would send", "is to sign", "is due to meet",
    "visits Kuwait next week". A base-form conjunct shares its head's future ("will visit
    Kuwait and meet the emir"), and so does a controlled complement ("would press the US
    to provide"). An act its actor announces ("said it would send", "announced it will
    withdraw") is a decision made, read as the act (`announced`), as CAMEO and PLOVER
    code it; a date or a schedule ("next week", "is due to") still makes it a plan."""
    own = True  # the verb's own auxiliary, not one inherited from a governing verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children) and not (
            own and announced(verb)
        ):
            return True
        if any(c.dep_ in TIME_DEPS and _ahead(c) for c in verb.children):
            return True
        head = verb.head
        if (
            verb.dep_ == "xcomp"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and (head.lemma_.lower() == "be" or FUTURE_FRAME_HEADS & {head.lower_, head.lemma_})
        ):
            return True  # "is to visit", "is expected to sign", "is set to host"
        if head.pos_ not in ("VERB", "AUX") or not (
            verb.dep_ == "xcomp" or (verb.dep_ == "conj" and verb.tag_ == "VB")
        ):
            return False
        # a conjunct or a complement the subject itself controls ("would keep shipping")
        # shares the head's reading; one asked of an object ("press the US to") does not
        own = own and not any(c.dep_ in ("dobj", "dative") for c in head.children)
        verb = head
    return False


def announced(verb: Token) -> bool:
    """ "Finland announced it would withdraw", "said Mexico will keep shipping oil": the
    content clause of a declaring verb that is itself asserted."""
    head = verb.head
    return (
        verb.dep_ == "ccomp"
        and head.lemma_.lower() in ANNOUNCING_VERBS
        and not is_negated(head)
        and not any(c.dep_ == "aux" and c.lower_ in MODALS_HYPOTHETICAL for c in head.children)
    )


def scheduled(verb: Token) -> bool:
    """ "will meet the president today at 11:30", "visits Kuwait next week": a dated
    appointment, which others report; no promise of the actor's."""
    return any(
        c.dep_ in TIME_DEPS
        and (
            c.ent_type_ in ("DATE", "TIME")
            or any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
        )
        for c in verb.children
    )


def _ahead(child: Token) -> bool:
    """A time expression that lies ahead: "next week", "in the coming days", "tomorrow";
    not "the next day" of a story told in the past, nor "next to the border"."""
    if child.dep_ == "prep":
        if child.lower_ not in TIME_PREPS:
            return False
        phrase = [t for p in child.children if p.dep_ == "pobj" for t in p.subtree]
    else:
        phrase = list(child.subtree)
    if len(phrase) > 6:
        return False
    timed = any(
        t.ent_type_ == "DATE" or t.lower_ in TIME_NOUNS or t.lower_ in CALENDAR_WORDS
        for t in phrase
    )
    for t in phrase:
        if t.lower_ == "tomorrow":
            return True
        if t.lower_ in FUTURE_TIME_WORDS and timed:
            before = t.doc[t.i - 1].lower_ if t.i > 0 else ""
            if not (t.lower_ == "next" and before in ("the", "that")):
                return True
    return False


def is_asserted(verb: Token, triggers: TriggerFinder) -> bool:
    """False for modal, conditional and non-factive complement clauses, and for acts still
    to come (`is_future`)."""
    if is_future(verb):
        return False
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
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and not _gerund_asserted(verb):
        return False
    if verb.dep_ in ("acl", "xcomp") and verb.head.lemma_.lower() in INTENT_NOUNS:
        return False  # "its plan to join NATO", "a bid to host the summit"
    if verb.dep_ == "ccomp" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in INTENT_NOUNS and verb in content_clauses(c)
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
        if (token.dep_ == "xcomp" or (token.dep_ == "conj" and token.tag_ == "VB")) and any(
            c.dep_ == "aux" and c.lower_ in MODALS_HYPOTHETICAL for c in head.children
        ):
            return False  # "might have urged Kyiv to investigate", "could attack and seize"
        if token.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
            trigger = triggers.verb_trigger(head)
            if trigger is not None and trigger.frame in (Frame.CONTROL, Frame.HYPOTHETICAL):
                return False
            if is_negated(head) and token.dep_ == "xcomp":
                return False
            if (
                is_negated(head)
                and token.dep_ == "ccomp"
                and triggers.lemma(head) in NON_FACTIVE_VERBS
            ):
                return False  # "did not rule out that there had been a deal"
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


def _gerund_asserted(verb: Token) -> bool:
    """Whether the gerund of a preposition is an act done: not "its ban on sending
    weapons", "plans for sending troops" (a noun's), "consulted Peru about joining the
    pact" (a topic), "was accused of expelling the envoy" (alleged)."""
    prep = verb.head
    holder = prep.head
    if holder.pos_ == "NOUN" and holder.lemma_.lower() not in PROGRESS_NOUNS:
        return False
    if prep.lower_ in TOPIC_PREPS and holder.pos_ in ("VERB", "AUX"):
        return False
    return not (prep.lower_ in ("of", "for") and holder.lemma_.lower() in ALLEGING_VERBS)


CONFLICT_QUADS = frozenset({"verbal_conflict", "material_conflict"})


def presupposed(noun: Token) -> bool:
    """A nominal event with its own agent ("EU sanctions against Russia") is taken as
    fact, unless it is what a verb creates or an event-frame noun anticipates (also where
    the frame noun itself stands in for it: "could stall the start of EU talks")."""
    if noun.lemma_.lower() in EVENT_FRAMES:
        return False
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
        return False
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in EVENT_FRAMES
    ):
        return False
    return True


def is_promise(verb: Token, trigger: Trigger) -> bool:
    """A cooperative act announced for the future ("will provide", "ready to send")."""
    label = LABELS.get(trigger.label)
    if (
        label is None
        or trigger.label == "agree"
        or label.quad_class not in ("material_cooperation", "verbal_cooperation")
    ):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll") for c in verb.children):
        return not scheduled(verb)  # "will meet him today at 11:30" is a schedule
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


def is_refusal(verb: Token, trigger: Trigger) -> bool:
    """ "would not provide support", "will not help": a refused cooperative act."""
    label = LABELS.get(trigger.label)
    if label is None or label.quad_class not in ("verbal_cooperation", "material_cooperation"):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in DELAY_ADVERBS for c in verb.children):
        return False  # "will not immediately join": a matter of timing
    return any(
        c.dep_ == "aux" and c.lower_ in ("would", "will", "wo", "'ll") for c in verb.children
    )


def is_threat(verb: Token, trigger: Trigger) -> bool:
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
