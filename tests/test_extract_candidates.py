"""Pairing subjects with objects, and the type checks of structural labels."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import country  # noqa: E402

from graphbuild.extract.candidates import fits, pairs  # noqa: E402
from graphbuild.extract.lexicon import Frame, Trigger  # noqa: E402
from graphbuild.model import Entity, EntityType  # noqa: E402

FRANCE, MALI = country("FRA", "France"), country("MLI", "Mali")
CHAD = country("TCD", "Chad")
NATO = Entity("org:nato", "NATO", EntityType.ORGANIZATION)
MACRON = Entity("leader:macron", "Emmanuel Macron", EntityType.LEADER, country="France")


def trigger(label: str, org_label: str = "") -> Trigger:
    return Trigger((label,), "verb", label, "", org_label, frozenset(), Frame.NONE)


def test_symmetric_subjects_without_object_pair_among_themselves():
    found = list(pairs([FRANCE, MALI], [], trigger("consult"), False, "verb"))
    assert [(c.subject, c.object, c.rule) for c in found] == [(FRANCE, MALI, "verb-among")]
    assert list(pairs([FRANCE, MALI], [], trigger("accuse"), False, "verb")) == []


def test_co_subjects_are_not_each_others_object():
    # "France and Mali closed their embassies": "their" names the subjects themselves
    found = list(pairs([FRANCE, MALI], [FRANCE, MALI], trigger("sanction"), False, "verb"))
    assert found == []
    found = list(pairs([FRANCE, MALI], [MALI, CHAD], trigger("sanction"), False, "verb"))
    assert [(c.subject, c.object) for c in found] == [(FRANCE, CHAD), (MALI, CHAD)]


def test_only_a_reciprocal_trigger_or_object_pairs_the_subjects():
    pledge = Trigger(("pledge",), "verb", "agree", "", "", frozenset(), Frame.CONTROL)
    assert list(pairs([FRANCE, MALI], [], pledge, False, "verb")) == []  # "pledged funds"
    found = list(pairs([FRANCE, MALI], [], pledge, False, "verb", joint=True))
    assert [(c.subject, c.object) for c in found] == [(FRANCE, MALI)]  # "pledged to deepen"
    assert list(pairs([FRANCE, MALI], [], trigger("accuse"), False, "verb", joint=True)) == []


def test_the_label_follows_the_objects_type():
    found = list(pairs([FRANCE], [NATO], trigger("cooperate", "member_of"), False, "verb"))
    assert [c.label for c in found] == ["member_of"]


def test_structural_labels_join_only_the_right_types():
    assert fits("member_of", FRANCE, NATO)
    assert not fits("member_of", FRANCE, MALI)
    assert not fits("consult", MACRON, FRANCE)  # a leader does not meet their own country
    assert not fits("no_such_label", FRANCE, MALI)
