"""Leaders' titles on hand-made parses: the office, its owner and the rule that found it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import actor_map, country, hand_doc, triples  # noqa: E402

from graphbuild.extract.titles import ROLE_WORDS, TitleFinder, load_roles  # noqa: E402
from graphbuild.extract.vocabulary import TITLE_WORDS  # noqa: E402
from graphbuild.resolve.catalog import Catalog  # noqa: E402

CHINA = country("CHN", "China")


def test_roles_come_longest_phrase_first():
    lengths = [len(role.phrase) for role in load_roles()]
    assert lengths == sorted(lengths, reverse=True)
    assert TITLE_WORDS <= ROLE_WORDS and "minister" in ROLE_WORDS


def test_trim_title_starts_a_name_after_its_title():
    doc = hand_doc(
        ["King", "Mohammed", "VI", "spoke"],
        [2, 2, 3, 3],
        ["compound", "compound", "nsubj", "ROOT"],
    )
    assert TitleFinder(Catalog.default()).trim_title(doc, 0, 3) == 1


def test_a_prefix_title_with_a_country_makes_an_official():
    words = ["Chinese", "Foreign", "Minister", "Wang", "Yi", "spoke"]
    heads = [4, 2, 4, 4, 5, 5]
    deps = ["amod", "compound", "compound", "compound", "nsubj", "ROOT"]
    doc = hand_doc(words, heads, deps, pos=["ADJ", "PROPN", "PROPN", "PROPN", "PROPN", "VERB"])
    actors = actor_map((0, 1, CHINA))
    mention = TitleFinder(Catalog.default()).leader_mention(
        doc, doc[3:5], None, "ner", "2024-05-01", actors
    )
    assert mention is not None
    assert (mention.owner, mention.title_rule) == (CHINA, "title-prefix")
    assert mention.role and "minister" in mention.role.lower()


def test_a_former_office_is_no_title():
    words = ["former", "Foreign", "Minister", "Wang", "Yi", "spoke"]
    doc = hand_doc(
        words, [4, 2, 4, 4, 5, 5], ["amod", "compound", "compound", "compound", "nsubj", "ROOT"]
    )
    mention = TitleFinder(Catalog.default()).leader_mention(
        doc, doc[3:5], None, "ner", "2024-05-01", actor_map()
    )
    assert mention is None or mention.title_rule is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # a list read as an apposition: the next item is not the known leader's office
        (
            "The envoy wrote to figures including Bill Clinton, the King of Belgium and "
            "several French ministers.",
            ("Bill Clinton", "official_of", "Belgium"),
        ),
    ],
)
def test_a_known_leader_takes_no_other_states_office_from_an_apposition(text, unwanted):
    assert unwanted not in triples(text, date=None)


@pytest.mark.model
def test_a_known_leader_keeps_an_apposition_of_their_own_state():
    text = "Jacques Chirac, the French president, met the Spanish king in Madrid."
    assert ("Jacques Chirac", "official_of", "France") in triples(text, date=None)
