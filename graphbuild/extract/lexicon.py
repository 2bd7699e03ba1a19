"""The mapping from verbs and nouns to relation labels, read from `data/lexicon.csv`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..labels import LABELS


@dataclass(frozen=True)
class Trigger:
    """One row of the lexicon: a word (and its particle or object) that signals a relation."""

    words: tuple[str, ...]
    """Lemma first, then a particle, preposition or object lemma: `("call", "on")`."""
    pos: str
    """`verb` or `noun`."""
    label: str
    """Label when the object is a country, leader or unknown; empty for frame-only verbs."""
    initiative_label: str
    organization_label: str
    preps: frozenset[str]
    """Prepositions whose object is the relation's object."""
    frame: str
    """`control`, `hypothetical` or empty."""

    def label_for(self, object_type: str | None) -> str:
        if object_type == "initiative":
            return self.initiative_label or self.label
        if object_type == "organization":
            return self.organization_label or self.label
        return self.label


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[tuple[str, ...], Trigger]
    nouns: dict[tuple[str, ...], Trigger]

    def verb(self, *words: str) -> Trigger | None:
        return self.verbs.get(tuple(words))

    def noun(self, *words: str) -> Trigger | None:
        return self.nouns.get(tuple(words))


def parse_lexicon(lines: list[str], source: str = "lexicon.csv") -> Lexicon:
    """Parse lexicon rows; unknown labels are an error naming the valid ones."""
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    verbs: dict[tuple[str, ...], Trigger] = {}
    nouns: dict[tuple[str, ...], Trigger] = {}
    for number, row in enumerate(csv.DictReader(rows), start=2):
        for key in ("label", "initiative_label", "organization_label"):
            value = row.get(key) or ""
            if value and value not in LABELS:
                raise ValueError(
                    f"{source}:{number}: unknown label {value!r}; valid: {', '.join(LABELS)}"
                )
        trigger = Trigger(
            words=tuple(row["trigger"].lower().split()),
            pos=row["pos"],
            label=row.get("label") or "",
            initiative_label=row.get("initiative_label") or "",
            organization_label=row.get("organization_label") or "",
            preps=frozenset(p for p in (row.get("preps") or "").split(";") if p),
            frame=row.get("frame") or "",
        )
        table = verbs if trigger.pos == "verb" else nouns
        table.setdefault(trigger.words, trigger)
    return Lexicon(verbs, nouns)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The bundled lexicon.

    Examples
    --------
    >>> load_lexicon().verb("condemn").label
    'accuse'
    >>> load_lexicon().verb("join").label_for("organization")
    'member_of'
    """
    text = resources.files("graphbuild.data").joinpath("lexicon.csv").read_text("utf-8")
    return parse_lexicon(text.splitlines())
