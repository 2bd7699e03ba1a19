"""The mapping from verbs and nouns to relation labels, read from `data/lexicon.csv`.

Labels, frames and argument fits are checked as the file is read: an unknown one is an
error naming the file, the line and the valid choices, rather than a row the rules
silently never match. A row says more than its word: which arguments its sense needs
(`subject`, `object`: "hits" is force only between actors, "demonstrate" is a protest
only without a direct object) and which label it takes when the act is speech
(`speech_label`: a politician who "attacked" a rival accused him).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
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


class Fit(str, Enum):
    """What an argument must be for a trigger's sense to hold (the `subject` and `object`
    columns of `data/lexicon.csv`)."""

    ANY = ""
    """Whatever actor the parse gives."""
    ACTOR = "actor"
    """The phrase itself names an actor, a person, an institution or a force ("Russia",
    "Russian troops", "Israeli jets"), not a thing an actor owns or makes ("China's
    stance", "the Sony console", "bonus rates"); actors the row's prepositions give still
    count ("cut ties with Iran")."""
    THING = "thing"
    """The direct object is what is moved or cut, never the one acted on (for `object`
    only): only the row's prepositions name the target ("deployed troops near Ukraine",
    "cut ties with Iran"; not "deployed British troops", "cut GM's holding")."""
    NONE = "none"
    """No direct object (for `object` only): one means another sense ("demonstrated its
    dedication" is no protest, "demonstrated against the war" is)."""


SUBJECT_FITS = (Fit.ANY, Fit.ACTOR)
"""The values the `subject` column takes."""


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
    subject: Fit = Fit.ANY
    """What the subject must be for this sense ("hit" needs an actor, not a product)."""
    object: Fit = Fit.ANY
    """What the direct object must be for this sense, or `Fit.NONE` for none at all."""
    speech_label: str = ""
    """Label when the act is speech (a person on either side, or a speech cue: "attacked
    the plan as reckless"); empty when the word has no spoken sense."""

    def spoken(self) -> Trigger:
        """This trigger read in its spoken sense: every label is `speech_label`."""
        label = self.speech_label
        return replace(self, label=label, initiative_label=label, organization_label=label)

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
    """Parse lexicon rows; unknown labels, frames and fits are errors naming the valid ones.

    Examples
    --------
    >>> header = "trigger,pos,label,initiative_label,organization_label,preps,frame"
    >>> parse_lexicon([header, "# note,,,,,,", "urge,verb,request,,,,control"]).verb("urge").frame
    <Frame.CONTROL: 'control'>
    >>> parse_lexicon([header, "urge,verb,request,,,,ordered"], "mine.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: mine.csv:2: unknown frame 'ordered'; valid: plain, reverse, control, commit, ...
    >>> header += ",subject,object,speech_label"
    >>> parse_lexicon([header, "hit,verb,assault,,,,,actor,actor,accuse"]).verb("hit").object
    <Fit.ACTOR: 'actor'>
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
    for number, row in enumerate(csv.DictReader(rows)):
        trigger = _trigger(row, f"{source}:{line_numbers[number]}")
        table = verbs if trigger.pos == "verb" else nouns
        table.setdefault(trigger.words, trigger)
    return Lexicon(verbs, nouns)


def _trigger(row: dict[str, str], where: str) -> Trigger:
    """One checked row of the lexicon; `where` is its file and line."""
    for key in ("label", "initiative_label", "organization_label", "speech_label"):
        value = row.get(key) or ""
        if value and value not in LABELS:
            raise ValueError(f"{where}: unknown {key} {value!r}; valid: {', '.join(LABELS)}")
    if row["pos"] != "verb" and (row.get("subject") or row.get("object")):
        raise ValueError(f"{where}: subject and object fits are read for verbs only")
    return Trigger(
        words=tuple(row["trigger"].lower().split()),
        pos=row["pos"],
        label=row.get("label") or "",
        initiative_label=row.get("initiative_label") or "",
        organization_label=row.get("organization_label") or "",
        preps=frozenset(p for p in (row.get("preps") or "").split(";") if p),
        frame=_frame(row.get("frame") or "", where),
        subject=_fit(row.get("subject") or "", "subject", SUBJECT_FITS, where),
        object=_fit(row.get("object") or "", "object", tuple(Fit), where),
        speech_label=row.get("speech_label") or "",
    )


def _frame(value: str, where: str) -> Frame:
    try:
        return Frame(value)
    except ValueError:
        valid = ", ".join(frame.value for frame in Frame if frame.value)
        raise ValueError(f"{where}: unknown frame {value!r}; valid: {valid} or empty") from None


def _fit(value: str, column: str, valid: tuple[Fit, ...], where: str) -> Fit:
    if value not in {fit.value for fit in valid}:
        names = ", ".join(fit.value for fit in valid if fit.value)
        raise ValueError(f"{where}: unknown {column} {value!r}; valid: {names} or empty")
    return Fit(value)


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
