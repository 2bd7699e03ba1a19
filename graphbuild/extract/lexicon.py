"""The mapping from verbs and nouns to relation labels, read from `data/lexicon.csv`.

Labels and frames are checked as the file is read: an unknown one is an error naming the
file, the line and the valid choices, rather than a row the rules silently never match.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib import resources

from ..labels import LABELS


class Frame(str, Enum):
    """How a trigger's clause reads (the `frame` column of `data/lexicon.csv`).

    A `str` enum, so a frame still equals its name in the file (`Frame.CONTROL ==
    "control"`).
    """

    NONE = ""
    """The verb relates its subject and object, nothing more."""
    PLAIN = "plain"
    """Only without a clausal or predicative complement ("call X", not "call X Y")."""
    REVERSE = "reverse"
    """The object is the one who relates to the subject ("admit X as a member")."""
    CONTROL = "control"
    """The complement is not asserted ("refuse to X", "urge Y to X"); the verb takes its
    object from the complement when it has none."""
    COMMIT = "commit"
    """The complement is asserted ("agree to lift sanctions": the lifting counts)."""
    HYPOTHETICAL = "hypothetical"
    """The complement is not asserted, and the verb itself emits nothing."""


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
    frame: Frame
    """How the trigger's clause reads; `Frame.NONE` for most."""

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
    """Parse lexicon rows; unknown labels and frames are errors naming the valid ones.

    Examples
    --------
    >>> header = "trigger,pos,label,initiative_label,organization_label,preps,frame"
    >>> parse_lexicon([header, "# note,,,,,,", "urge,verb,request,,,,control"]).verb("urge").frame
    <Frame.CONTROL: 'control'>
    >>> parse_lexicon([header, "urge,verb,request,,,,ordered"], "mine.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: mine.csv:2: unknown frame 'ordered'; valid: plain, reverse, control, commit, ...
    """
    numbered = [
        (k, line)
        for k, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]
    rows = [line for _, line in numbered]
    line_numbers = [k for k, _ in numbered[1:]]  # each data row's line in the file
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
            frame=_frame(row.get("frame") or "", f"{source}:{line_numbers[number - 2]}"),
        )
        table = verbs if trigger.pos == "verb" else nouns
        table.setdefault(trigger.words, trigger)
    return Lexicon(verbs, nouns)


def _frame(value: str, where: str) -> Frame:
    try:
        return Frame(value)
    except ValueError:
        valid = ", ".join(frame.value for frame in Frame if frame.value)
        raise ValueError(f"{where}: unknown frame {value!r}; valid: {valid} or empty") from None


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
