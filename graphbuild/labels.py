"""The relation labels, their quad class, intensity and symmetry, read from one table.

The table is `data/labels.csv`; this module only loads it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Label:
    """One relation label and how it scores."""

    name: str
    """The label, e.g. `consult`."""
    kind: str
    """`interaction` (a PLOVER event type) or `structural`."""
    quad_class: str
    """`verbal_cooperation`, `material_cooperation`, `verbal_conflict`, `material_conflict`
    or `structural`."""
    intensity: int
    """Cooperation (+10) to conflict (-10)."""
    symmetric: bool
    """Whether the direction carries no meaning (`consult`: X met Y is Y met X)."""
    description: str
    """What the label covers."""


_YES_NO = {"yes": True, "no": False}


def _load() -> dict[str, Label]:
    text = resources.files("graphbuild.data").joinpath("labels.csv").read_text("utf-8")
    labels = {}
    for number, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        if row["symmetric"] not in _YES_NO:
            raise ValueError(
                f"labels.csv:{number}: symmetric must be yes or no, not {row['symmetric']!r}"
            )
        labels[row["label"]] = Label(
            name=row["label"],
            kind=row["kind"],
            quad_class=row["quad_class"],
            intensity=int(row["intensity"]),
            symmetric=_YES_NO[row["symmetric"]],
            description=row["description"],
        )
    return labels


LABELS: dict[str, Label] = _load()
"""Every relation label graphbuild emits, in table order."""

SYMMETRIC: frozenset[str] = frozenset(name for name, label in LABELS.items() if label.symmetric)
"""Labels whose direction carries no meaning (the `symmetric` column).

Examples
--------
>>> sorted(SYMMETRIC)
['agree', 'consult', 'cooperate']
"""
