"""The relation labels, their quad class and intensity, read from one table.

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
    description: str
    """What the label covers."""


def _load() -> dict[str, Label]:
    text = resources.files("graphbuild.data").joinpath("labels.csv").read_text("utf-8")
    return {
        row["label"]: Label(
            name=row["label"],
            kind=row["kind"],
            quad_class=row["quad_class"],
            intensity=int(row["intensity"]),
            description=row["description"],
        )
        for row in csv.DictReader(text.splitlines())
    }


LABELS: dict[str, Label] = _load()
"""Every relation label graphbuild emits, in table order."""

SYMMETRIC: frozenset[str] = frozenset({"consult", "agree", "cooperate"})
"""Labels whose direction carries no meaning."""

QUAD_CLASSES: tuple[str, ...] = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "structural",
)
