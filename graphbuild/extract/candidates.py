"""Relation candidates, and the type checks every rule's pairs pass through.

A rule yields `Candidate`s (subject, label, object, whether asserted, which rule); `pairs`
makes them from the subjects and objects a rule found, reading the trigger's label for
the object's type and pairing the subjects among themselves for symmetric labels with no
object; `fits` keeps structural labels between actors of the right types.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..labels import LABELS, SYMMETRIC
from ..model import Entity, EntityType
from .lexicon import Trigger

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
    subjects: list[Entity], objects: list[Entity], trigger: Trigger, negated: bool, rule: str
) -> Iterator[Candidate]:
    if objects:
        for subject in subjects:
            for obj in objects:
                label = trigger.label_for(obj.type.value)
                if fits(label, subject, obj):
                    yield Candidate(subject, label, obj, negated, rule)
    elif len(subjects) >= 2 and trigger.label in SYMMETRIC:
        for i, first in enumerate(subjects):
            for second in subjects[i + 1 :]:
                yield Candidate(first, trigger.label, second, negated, rule + "-among")


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
