"""Modality: whether the text asserts an act, denies it, or only promises, refuses or
threatens it.

Negation ("did not", "no talks"), modals and conditionals ("could attack", "if"),
complements of control and hypothetical verbs ("refused to", "wants to") and of intent
nouns ("its plan to join") make a relation unasserted (`Relation.negated`). Some of these
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
    CONDITIONAL_MARKS,
    EVENT_FRAMES,
    INTENT_NOUNS,
    LIGHT_VERBS,
    MODALS_HYPOTHETICAL,
    OBLIGATION_MODALS,
    PROMISE_ADJECTIVES,
)


def is_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return True
        if child.dep_ in ("nsubj", "dobj") and any(
            g.lower_ == "no" and g.dep_ == "det" for g in child.children
        ):
            return True
    return False


def is_asserted(verb: Token, triggers: TriggerFinder) -> bool:
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
        if token.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
            trigger = triggers.verb_trigger(head)
            if trigger is not None and trigger.frame in (Frame.CONTROL, Frame.HYPOTHETICAL):
                return False
            if is_negated(head) and token.dep_ == "xcomp":
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


def presupposed(noun: Token) -> bool:
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


def is_refusal(verb: Token, trigger: Trigger) -> bool:
    """ "would not provide support", "will not help": a refused cooperative act."""
    label = LABELS.get(trigger.label)
    if label is None or label.quad_class not in ("verbal_cooperation", "material_cooperation"):
        return False
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
