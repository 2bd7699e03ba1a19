"""The unread link: two known actors and a trigger verb between them that the parse hung
elsewhere (issue #18 part 5).

On the PLOVER benchmark the largest class of misses was a sentence naming both actors
with a trigger between them, the parser having attached one of them to another word
("Iran, backed by Russia, on Monday condemned Israel" read with the wrong head). This
fallback reads the surface order instead: within one clause, the earlier actor acts on
the later one through the nearest lexicon verb between them (the later acts on the
earlier through a passive one, "X was condemned by Y"). It runs only for a pair of
actors no rule related, and only through labels whose measured precision on the open
gold files is high (`UNREAD_LABELS`); its relations carry rule ``unread``, whose own
measured precision gives them a lower confidence than the dependency rules'.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from ..actormap import ActorMention
from ..candidates import Candidate, fits
from ..context import DocContext
from ..lexicon import Fit, Frame
from ..modality import is_asserted, is_negated

ONE_SENSE_OBJECTS = frozenset({Fit.THING, Fit.NONE})
"""Object fits of rows whose sense needs the parse of the object: not guessed here."""

MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
"""Dependencies by which a name modifies the noun it stands before."""

UNREAD_BY_DEFAULT = False
"""Whether `Extractor` runs the fallback unless told (`Extractor(nlp, unread_link=True)`).
Off by measurement: on the open gold files it made 2 right relations and no wrong one,
but on the 417 BBC politics articles 7 new edges of which 2 were right ("stand firm on
EU rebate" read as support of the EU, "recalls how Bill Clinton ..." as a sanction)."""

RULE = "unread"
"""The rule name of the fallback's relations (`data/rule_precision.csv`)."""

MAX_GAP = 6
"""Most words between the two actors (the trigger among them): farther apart, the
surface order says little about who acts on whom."""

CLAUSE_BREAKS = frozenset(
    {
        ";",
        ":",
        "(",
        ")",
        "—",
        "–",
        "--",
        '"',
        "“",
        "”",
        "which",
        "who",
        "that",
        "while",
        "whereas",
        "but",
        "after",
        "before",
        "because",
        "how",
        "when",
        "where",
        "why",
        "whether",
        "if",
        "said",
        "says",
        "told",
    }
)
"""Words between the actors that start another clause or another speaker's words: a
trigger past one of them is not the link between the two."""

UNREAD_LABELS = frozenset({"accuse", "request", "support", "reject", "assault", "sanction"})
"""Labels the fallback may give: those whose triggers are verbs of one sense between two
actors. Chosen by measurement on the open gold files (see `graphbuild evaluate
--by-rule`); consult, aid and agree read this way were wrong as often as right."""


def unread_candidates(
    sent: Span, ctx: DocContext, mentions: list[ActorMention], related: set[frozenset[str]]
) -> Iterator[Candidate]:
    """Candidates for pairs of known actors of `sent` that no rule related (`related`
    holds the id pairs the rules gave), read from the nearest trigger between them."""
    known = [m for m in mentions if m.source not in ("ner-only", "coref")]
    known.sort(key=lambda m: m.start)
    for k, first in enumerate(known):
        for second in known[k + 1 :]:
            if second.start - first.end > MAX_GAP:
                break
            yield from _link(sent, ctx, first, second, related)


def _link(
    sent: Span,
    ctx: DocContext,
    first: ActorMention,
    second: ActorMention,
    related: set[frozenset[str]],
) -> Iterator[Candidate]:
    doc = sent.doc
    between = doc[first.end : second.start]
    if not len(between) or any(t.lower_ in CLAUSE_BREAKS for t in between):
        return
    if any(t.dep_ == "cc" or t.lower_ in ("and", "or", ",") for t in between[:1]):
        return  # "Spain and France condemned": co-actors, not one acting on the other
    verb = _trigger_verb(between, ctx)
    if verb is None:
        return
    trigger = ctx.triggers.verb_trigger(verb)
    if trigger is None or trigger.frame is not Frame.NONE or trigger.object in ONE_SENSE_OBJECTS:
        return  # a row whose sense needs its object read ("extended sanctions") is no guess
    negated = is_negated(verb) or not is_asserted(verb, ctx.triggers)
    agent = any(t.lower_ == "by" for t in doc[verb.i + 1 : second.start])
    passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and agent)
    if not (_standalone(first, ctx) and _standalone(second, ctx, agent=passive)):
        return
    subjects, objects = (second, first) if passive else (first, second)
    if (trigger.subject is Fit.ACTOR and _modifier(subjects, ctx)) or (
        trigger.object is Fit.ACTOR and _modifier(objects, ctx)
    ):
        return  # "hit by a Greek report": the row's sense needs the actor itself
    for subject in subjects.entities:
        for obj in objects.entities:
            if frozenset((subject.id, obj.id)) in related:
                continue
            label = trigger.label_for(obj.type.value)
            if label in UNREAD_LABELS and fits(label, subject, obj):
                yield Candidate(subject, label, obj, negated, RULE)


def _standalone(mention: ActorMention, ctx: DocContext, *, agent: bool = False) -> bool:
    """Whether the mention is an argument of its own: not the object of a preposition
    ("complained to the UN", "aid for Kyiv was welcomed by"; the agent of a passive
    counts) and not the modifier of another actor's name ("Chinese President Xi")."""
    root = ctx.doc[mention.start : mention.end].root
    if root.dep_ == "pobj" and not (agent and root.head.lower_ == "by"):
        return False
    token = root
    while token.dep_ in MODIFIER_DEPS and token.head.i != token.i:
        token = token.head  # "Chinese President Xi": through the title to the name
        holder = ctx.actors.at(token)
        if holder is not None and holder is not mention:
            return False
    return True


def _modifier(mention: ActorMention, ctx: DocContext) -> bool:
    """Whether the mention only modifies a noun ("a Greek report", "Iran's stance")."""
    return ctx.doc[mention.start : mention.end].root.dep_ in MODIFIER_DEPS


def _trigger_verb(between: Iterable[Token], ctx: DocContext) -> Token | None:
    """The only lexicon verb among `between`; None for none or several (two verbs between
    the actors are two clauses)."""
    verbs = [
        t
        for t in between
        if t.pos_ == "VERB" and ctx.actors.at(t) is None and ctx.triggers.verb_trigger(t)
    ]
    return verbs[0] if len(verbs) == 1 else None


def related_pairs(candidates: Iterable[Candidate]) -> set[frozenset[str]]:
    """The id pairs `candidates` relate, in either direction."""
    return {frozenset((c.subject.id, c.object.id)) for c in candidates}


__all__ = [
    "MAX_GAP",
    "RULE",
    "UNREAD_BY_DEFAULT",
    "UNREAD_LABELS",
    "related_pairs",
    "unread_candidates",
]
