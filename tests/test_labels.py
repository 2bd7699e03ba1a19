"""The relation labels: read from data/labels.csv, symmetric ones from its column."""

from __future__ import annotations

import csv
from importlib import resources

from graphbuild.labels import LABELS, SYMMETRIC


def _rows() -> list[dict[str, str]]:
    text = resources.files("graphbuild.data").joinpath("labels.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_every_row_is_a_label_and_every_label_a_row():
    assert [row["label"] for row in _rows()] == list(LABELS)


def test_symmetric_labels_come_from_the_column():
    assert SYMMETRIC == {row["label"] for row in _rows() if row["symmetric"] == "yes"}
    assert {"consult", "agree", "cooperate"} == SYMMETRIC


def test_structural_labels_have_no_intensity():
    for name in ("official_of", "member_of", "sponsors", "participates_in"):
        assert LABELS[name].kind == "structural" and LABELS[name].intensity == 0
