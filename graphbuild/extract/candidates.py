"""Relation candidates, and the type checks every rule's pairs pass through.

A rule yields `Candidate`s (subject, label, object, whether asserted, which rule); `pairs`
makes them from the subjects and objects a rule found, reading the trigger's label for
the object's type, never taking one co-subject as the other's object, and pairing the
subjects among themselves only for a reciprocal trigger ("met", "signed") or a joint
pledge ("pledged to deepen ties"); `fits` keeps structural labels between actors of the
right types.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..labels import LABELS, SYMMETRIC
from ..model import Entity, EntityType
from .lexicon import Trigger
from .vocabulary import RECIPROCAL_NOUNS, RECIPROCAL_VERBS

GROUP_TYPES = (EntityType.ORGANIZATION, EntityType.INITIATIVE)
"""What a member, sponsor or participant belongs to."""


@dataclass(frozen=True)
class Candidate:
    """A relation before it is tied to its evidence."""

    subject: Entity
    label: str
    object: Entity
    negated: bool
    rule: str
    role: str | None = None


def pairs(
    subjects: list[Entity],
    objects: list[Entity],
    trigger: Trigger,
    negated: bool,
    rule: str,
    *,
    joint: bool = False,
) -> Iterator[Candidate]:
    """Each subject with each object. Conjoined subjects share the act toward its object
    and are not each other's object ("the US and the UK closed their embassies": no
    sanction between them); they are related to each other only by a symmetric label of
    a reciprocal trigger ("Chile and Peru met", `is_reciprocal`) or of a `joint` act
    ("pledged to deepen ties"). "Accused each other" is left unread: relating co-subjects
    both ways made false edges on BBC news ("fighting each other" on a campaign poster)."""
    co_subjects = {s.id for s in subjects} if len(subjects) >= 2 else set()
    others = [o for o in objects if o.id not in co_subjects]
    if others:
        for subject in subjects:
            for obj in others:
                label = trigger.label_for(obj.type.value)
                if fits(label, subject, obj):
                    yield Candidate(subject, label, obj, negated, rule)
    elif len(subjects) >= 2 and (is_reciprocal(trigger) or (joint and trigger.label in SYMMETRIC)):
        for i, first in enumerate(subjects):
            for second in subjects[i + 1 :]:
                yield Candidate(first, trigger.label, second, negated, rule + "-among")


def is_reciprocal(trigger: Trigger) -> bool:
    """A symmetric trigger that joins its conjoined subjects: "met", "signed", "held talks"
    (`RECIPROCAL_VERBS`, `RECIPROCAL_NOUNS`), not "pledged" or "visited"."""
    words = RECIPROCAL_NOUNS if trigger.pos == "noun" else RECIPROCAL_VERBS
    return trigger.label in SYMMETRIC and bool(trigger.words) and trigger.words[0] in words


def fits(label: str, subject: Entity, obj: Entity) -> bool:
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
