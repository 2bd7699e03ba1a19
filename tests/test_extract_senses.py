"""Word senses of lexicon triggers (`extract.senses`), on hand-made parses: no model."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import actor_map, country, hand_doc  # noqa: E402

from graphbuild.extract.lexicon import parse_lexicon  # noqa: E402
from graphbuild.extract.senses import noun_sense, phrase_fits, verb_sense  # noqa: E402
from graphbuild.model import Entity, EntityType  # noqa: E402

HEADER = (
    "trigger,pos,label,initiative_label,organization_label,preps,frame,subject,object,speech_label"
)
LEXICON = parse_lexicon(
    [
        HEADER,
        "hit,verb,assault,,,,,actor,,accuse",
        "cut,verb,sanction,,,with,,,actor,",
        "deploy,verb,mobilize,,,near,,,thing,",
        "rally,verb,protest,,,against,,,none,",
        "attack,noun,assault,,,on,,,,accuse",
    ]
)
JAPAN, CHINA = country("JPN", "Japan"), country("CHN", "China")
SONY = Entity("org:sony", "Sony", EntityType.ORGANIZATION)
ABE = Entity("leader:abe", "Shinzo Abe", EntityType.LEADER, country="Japan")


@pytest.mark.parametrize(
    ("word", "lemma", "pos", "fits"),
    [
        ("troops", "troop", "NOUN", True),
        ("officials", "official", "NOUN", True),
        ("jets", "jet", "NOUN", True),
        ("they", "they", "PRON", True),
        ("console", "console", "NOUN", False),
        ("stance", "stance", "NOUN", False),
        ("rates", "rate", "NOUN", False),
    ],
)
def test_a_phrase_fits_when_its_head_is_a_person_an_institution_or_a_force(word, lemma, pos, fits):
    doc = hand_doc([word], [0], ["ROOT"], pos=[pos], lemmas=[lemma])
    assert phrase_fits(doc[0], actor_map()) is fits


def test_a_product_that_hits_a_country_is_no_attack():
    # "Sony console hits Japan": Sony names the console's maker, not who acts
    doc = hand_doc(
        ["Sony", "console", "hits", "Japan"],
        [1, 2, 2, 2],
        ["compound", "nsubj", "ROOT", "dobj"],
        lemmas=["sony", "console", "hit", "japan"],
    )
    actors = actor_map((0, 1, SONY), (3, 4, JAPAN))
    trigger, subjects, objects = verb_sense(doc[2], LEXICON.verb("hit"), [SONY], [JAPAN], actors)
    assert subjects == [] and objects == [JAPAN] and trigger.label == "assault"


def test_a_person_who_hits_a_person_speaks():
    doc = hand_doc(["Abe", "hit", "Xi"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    xi = Entity("leader:xi", "Xi Jinping", EntityType.LEADER, country="China")
    actors = actor_map((0, 1, ABE), (2, 3, xi))
    trigger, _, _ = verb_sense(doc[1], LEXICON.verb("hit"), [ABE], [xi], actors)
    assert trigger.label == "accuse"


@pytest.mark.parametrize(
    ("verb", "words", "heads", "deps", "spans", "found", "kept"),
    [
        # "cut its rates": an owner of the thing cut is no target
        ("cut", ["Sony", "cut", "its", "rates"], [1, 1, 3, 1],
         ["nsubj", "ROOT", "poss", "dobj"], [(2, 3, CHINA)], [CHINA], []),
        # "cut ties with China": the row's preposition names the target
        ("cut", ["Japan", "cut", "ties", "with", "China"], [1, 1, 1, 2, 3],
         ["nsubj", "ROOT", "dobj", "prep", "pobj"], [(4, 5, CHINA)], [CHINA], [CHINA]),
        # "deployed Chinese troops": the troops are moved, their country is no target
        ("deploy", ["Japan", "deployed", "Chinese", "troops"], [1, 1, 3, 1],
         ["nsubj", "ROOT", "amod", "dobj"], [(2, 3, CHINA)], [CHINA], []),
    ],
)  # fmt: skip
def test_objects_that_do_not_fit_are_dropped(verb, words, heads, deps, spans, found, kept):
    doc = hand_doc(words, heads, deps, lemmas=[w.lower() for w in words])
    _, _, objects = verb_sense(doc[1], LEXICON.verb(verb), [JAPAN], found, actor_map(*spans))
    assert objects == kept


def test_a_direct_object_is_another_sense_of_an_intransitive_trigger():
    doc = hand_doc(["Japan", "rallied", "support"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    assert verb_sense(doc[1], LEXICON.verb("rally"), [JAPAN], [], actor_map()) is None


@pytest.mark.parametrize(
    ("subjects", "objects", "label"),
    [
        ([ABE], [CHINA], "assault"),  # a leader's attack on a country is force
        ([JAPAN], [ABE], "accuse"),  # an attack on a person is words
        ([ABE], [SONY], "accuse"),  # a leader's attack on a company or a party is words
    ],
)
def test_a_nominal_attack_is_words_when_a_person_is_in_it(subjects, objects, label):
    doc = hand_doc(["attack"], [0], ["ROOT"])
    assert noun_sense(doc[0], LEXICON.noun("attack"), subjects, objects).label == label
