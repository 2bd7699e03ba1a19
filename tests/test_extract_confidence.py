"""Confidence: a rule's smoothed precision, lowered by weak cues; the table it reads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import hand_doc  # noqa: E402

from graphbuild.extract import confidence as conf  # noqa: E402
from graphbuild.extract.confidence import Cues, RuleCount  # noqa: E402


@pytest.mark.parametrize(
    ("tp", "fp", "expected"),
    [(0, 0, 0.5), (1, 0, 2 / 3), (0, 3, 0.2), (98, 0, 0.99), (5, 5, 0.5)],
)
def test_smoothed_precision(tp, fp, expected):
    assert conf.smoothed(tp, fp) == pytest.approx(expected)


TABLE = {"verb": 0.9, "title": 0.8}


@pytest.mark.parametrize(
    ("rule", "cues", "expected"),
    [
        ("verb", Cues(), 0.9),
        ("title", Cues(), 0.8),
        ("unknown-rule", Cues(), 0.5),
        ("verb", Cues(ner_only=1), round(0.9 * conf.NER_ONLY, 3)),
        ("verb", Cues(ner_only=2), round(0.9 * conf.NER_ONLY**2, 3)),
        ("verb", Cues(referred=1), round(0.9 * conf.REFERRED, 3)),
        ("verb", Cues(path=conf.LONG_PATH_EDGES), 0.9),
        ("verb", Cues(path=conf.LONG_PATH_EDGES + 1), round(0.9 * conf.LONG_PATH, 3)),
        ("verb", Cues(path=None), 0.9),
    ],
)
def test_confidence_is_the_rule_precision_times_the_cue_factors(rule, cues, expected):
    assert conf.confidence(rule, cues, TABLE) == pytest.approx(expected)


def test_cues_only_lower_a_confidence():
    for cues in (Cues(ner_only=2, referred=2, path=20), Cues(referred=1), Cues(path=1)):
        assert 0.0 <= conf.confidence("verb", cues, TABLE) <= TABLE["verb"]


def test_tree_distance_counts_dependency_edges():
    # "Iran said China condemned Japan ." : said <- Iran, said -> condemned -> China, Japan
    doc = hand_doc(
        ["Iran", "said", "China", "condemned", "Japan", "."],
        [1, 1, 3, 1, 3, 1],
        ["nsubj", "ROOT", "nsubj", "ccomp", "dobj", "punct"],
    )
    assert conf.tree_distance(doc[2], doc[4]) == 2
    assert conf.tree_distance(doc[0], doc[4]) == 3
    assert conf.tree_distance(doc[4], doc[4]) == 0


def test_precision_table_round_trip(tmp_path):
    counts = [RuleCount("verb", 40, 10), RuleCount("title", 3, 0)]
    path = conf.write_precision_table(tmp_path / "p.csv", counts, "measured on\n  a.jsonl")
    text = path.read_text("utf-8")
    assert text.startswith("# measured on\n#   a.jsonl\nrule,tp,fp,precision\n")
    assert conf.read_precision_table(text) == {c.rule: c for c in counts}


@pytest.mark.parametrize(
    "text",
    ["rule,tp,fp,precision\nverb,x,1,0.5\n", "rule,tp,fp,precision\n,1,1,0.5\n", "rule\nverb\n"],
)
def test_a_bad_precision_row_names_its_line(text):
    with pytest.raises(ValueError, match="row 2"):
        conf.read_precision_table(text)


def test_the_package_table_says_where_it_comes_from():
    from importlib import resources

    text = resources.files("graphbuild.data").joinpath(conf.PRECISION_FILE).read_text("utf-8")
    assert "gold" in text.splitlines()[0]
    assert "commit" in text
    table = conf.rule_precision()
    assert table and all(0.0 < value < 1.0 for value in table.values())
