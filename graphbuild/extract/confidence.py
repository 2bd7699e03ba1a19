"""How far to trust one relation: its rule's precision on gold data, lowered by weak cues.

A relation's confidence is the precision of the rule that produced it, times one factor
for each weak cue the relation shows::

    confidence = precision(rule) * NER_ONLY ** (actors found by NER alone)
                                 * REFERRED ** (actors the sentence only refers to)
                                 * (LONG_PATH if the actors lie far apart in the parse)

precision(rule)
    ``(tp + 1) / (tp + fp + 2)`` (Laplace's rule of succession: a rule seen twice and right
    both times gets 0.75, not 1.0; a rule never scored gets 0.5), from the counts of
    `data/rule_precision.csv`. `benchmarks/rule_precision.py` writes that file from the
    open gold files (`graphbuild evaluate --by-rule` shows the same counts per file); its
    header says which files and which commit. Rerun it after the rules change.
Weak cues (each measured on the same gold files, `benchmarks/rule_precision.py --cues`;
the factor is the cue's precision over the precision without it, capped at 1)
    * an actor found by spaCy's named entities alone, known neither to the catalog nor to
      the actor dictionary (mention source ``ner-only``): an unknown "Party" or a person
      the tool cannot place. Measured (commit 37e8afb, five open gold files, canonical
      names): 48 tp / 23 fp (0.676) against 328 / 92 (0.781) without: factor 0.85.
    * an actor the sentence does not name but only refers to ("it", "the bloc"): the
      relation stands on a coreference guess (`Relation.subject_text` / `object_text` is
      None). Measured: 29 tp / 4 fp (0.879), *better* than named actors (0.758), on
      wikinews too (13 / 4): factor 1.0 until a measurement says otherwise.
    * the two actors more than `LONG_PATH_EDGES` dependency edges apart. Measured: 6 to 9
      edges 38 tp / 12 fp (0.760) against 0.77 overall; the weak paths are the shortest
      (0 or 1 edge: 28 / 14), and those mostly on one file: factor 1.0 as well.

The factors only lower a confidence; they never raise it above the rule's precision.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

__all__ = [
    "LONG_PATH",
    "LONG_PATH_EDGES",
    "NER_ONLY",
    "PRECISION_FILE",
    "REFERRED",
    "Cues",
    "RuleCount",
    "confidence",
    "read_precision_table",
    "rule_precision",
    "smoothed",
    "tree_distance",
    "write_precision_table",
]

PRECISION_FILE = "rule_precision.csv"
"""The package data file of per-rule counts (`graphbuild/data/`)."""
NER_ONLY = 0.85
"""Factor per actor found by NER alone (measured, see the module docstring)."""
REFERRED = 1.0
"""Factor per actor the sentence only refers to (measured: no loss, so none)."""
LONG_PATH_EDGES = 5
"""Dependency edges between the two actors beyond which the path counts as long."""
LONG_PATH = 1.0
"""Factor for a long path (measured: no loss, so none)."""
_COLUMNS = ("rule", "tp", "fp", "precision")


@dataclass(frozen=True)
class RuleCount:
    """One rule's scored predictions on the gold files."""

    rule: str
    tp: int
    fp: int

    @property
    def precision(self) -> float:
        """The smoothed precision, `smoothed(tp, fp)`."""
        return smoothed(self.tp, self.fp)


@dataclass(frozen=True)
class Cues:
    """The weak cues of one relation."""

    ner_only: int = 0
    """Actors (0, 1 or 2) found by NER alone."""
    referred: int = 0
    """Actors the sentence only refers to."""
    path: int | None = None
    """Dependency edges between the two actors' mentions; None when one is not in the
    sentence (an owner taken from the actor dictionary)."""


def smoothed(tp: int, fp: int) -> float:
    """``(tp + 1) / (tp + fp + 2)``.

    Examples
    --------
    >>> smoothed(0, 0), smoothed(2, 0), smoothed(9, 1)
    (0.5, 0.75, 0.8333333333333334)
    """
    return (tp + 1) / (tp + fp + 2)


def confidence(rule: str, cues: Cues, precision: Mapping[str, float] | None = None) -> float:
    """The confidence of a relation of `rule` with `cues`, rounded to 3 places.

    `precision` maps rules to their precision (default: `rule_precision()`); a rule it does
    not know gets ``smoothed(0, 0)``.

    Examples
    --------
    >>> confidence("verb", Cues(), {"verb": 0.9})
    0.9
    >>> confidence("verb", Cues(ner_only=1, referred=1, path=9), {"verb": 0.9})
    0.765
    >>> confidence("new-rule", Cues(), {})
    0.5
    """
    table = rule_precision() if precision is None else precision
    value = table.get(rule, smoothed(0, 0))
    value *= NER_ONLY**cues.ner_only * REFERRED**cues.referred
    if cues.path is not None and cues.path > LONG_PATH_EDGES:
        value *= LONG_PATH
    return round(min(max(value, 0.0), 1.0), 3)


def tree_distance(one: Token, other: Token) -> int | None:
    """Dependency edges between two tokens of one sentence; None in different trees.

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["China", "met", "the", "envoy"],
    ...           heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "det", "dobj"])
    >>> tree_distance(doc[0], doc[3]), tree_distance(doc[2], doc[0])
    (2, 3)
    """
    depth = {one.i: 0}
    token, steps = one, 0
    while token.head.i != token.i:
        token, steps = token.head, steps + 1
        depth[token.i] = steps
    token, steps = other, 0
    while token.i not in depth:
        if token.head.i == token.i:
            return None
        token, steps = token.head, steps + 1
    return depth[token.i] + steps


# -- the precision table ---------------------------------------------------------------------


def read_precision_table(text: str) -> dict[str, RuleCount]:
    """Rule -> its counts, from the text of a precision file (``#`` lines are comments).

    Raises
    ------
    ValueError
        For a row without a rule or with counts that are not whole numbers, naming the line.
    """
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    table: dict[str, RuleCount] = {}
    for number, row in enumerate(csv.DictReader(rows), start=2):
        try:
            count = RuleCount(row["rule"].strip(), int(row["tp"]), int(row["fp"]))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"{PRECISION_FILE}: data row {number}: {error!r}") from None
        if not count.rule or count.tp < 0 or count.fp < 0:
            raise ValueError(f"{PRECISION_FILE}: data row {number}: bad row {row}")
        table[count.rule] = count
    return table


def write_precision_table(path: str | Path, counts: Iterable[RuleCount], header: str) -> Path:
    """Write per-rule counts and smoothed precision to `path`, `header` as ``#`` lines."""
    buffer = io.StringIO()
    for line in header.splitlines():
        buffer.write(f"# {line}\n" if line else "#\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for count in sorted(counts, key=lambda c: c.rule):
        writer.writerow((count.rule, count.tp, count.fp, f"{count.precision:.3f}"))
    path = Path(path)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def rule_precision() -> dict[str, float]:
    """Rule -> smoothed precision, from the package's `data/rule_precision.csv`."""
    text = resources.files("graphbuild.data").joinpath(PRECISION_FILE).read_text("utf-8")
    return {rule: count.precision for rule, count in read_precision_table(text).items()}
