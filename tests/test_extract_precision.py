"""No false edges (issue #17): cases where an edge used to come out that a reader denies.

Each case is a sentence written for this file, the triples it must give and those it must
not give (asserted). The mechanisms: a topic gerund is not asserted ("consulted X about
joining"), an event-frame noun keeps its event unasserted under a modal verb ("could stall
the start of talks"), a threat's target is the one who must comply, "agreed a round of
tariffs ..., targeting X" is no agreement with X, nor is "we agreed that in X ..." (a view),
and a known name inside a longer proper name ("the Commonwealth Club", "Latin American")
is no actor; an act someone is accused or blamed of is alleged, not asserted, and "will
not immediately join" is no refusal; "vowed never to return X to Y" is no agreement with Y.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from extract_helpers import hand_doc, mentions, triples  # noqa: E402

from graphbuild.extract.actorkinds import part_of_a_longer_name  # noqa: E402
from graphbuild.extract.lexicon import load_lexicon  # noqa: E402
from graphbuild.extract.modality import is_asserted, presupposed  # noqa: E402
from graphbuild.extract.triggers import TriggerFinder  # noqa: E402
from graphbuild.nlp import ModelNotFoundError  # noqa: E402

Triple = tuple[str, str, str]
TRIGGERS = TriggerFinder(load_lexicon())


# -- without the model -------------------------------------------------------------------
def test_a_gerund_of_a_topic_preposition_is_no_fact():
    # "Peru consulted Chile about joining the pact"
    doc = hand_doc(
        ["Peru", "consulted", "Chile", "about", "joining", "the", "pact"],
        [1, 1, 1, 1, 3, 6, 4],
        ["nsubj", "ROOT", "dobj", "prep", "pcomp", "det", "dobj"],
        pos=["PROPN", "VERB", "PROPN", "ADP", "VERB", "DET", "NOUN"],
    )
    assert not is_asserted(doc[4], TRIGGERS)
    # "Peru praised Chile for joining the pact": the act praised is a fact
    praised = hand_doc(
        ["Peru", "praised", "Chile", "for", "joining", "the", "pact"],
        [1, 1, 1, 1, 3, 6, 4],
        ["nsubj", "ROOT", "dobj", "prep", "pcomp", "det", "dobj"],
        pos=["PROPN", "VERB", "PROPN", "ADP", "VERB", "DET", "NOUN"],
    )
    assert is_asserted(praised[4], TRIGGERS)


def test_an_event_frame_noun_is_not_presupposed():
    doc = hand_doc(
        ["stall", "the", "start", "of", "talks"],
        [0, 2, 0, 2, 3],
        ["ROOT", "det", "dobj", "prep", "pobj"],
        lemmas=["stall", "the", "start", "of", "talk"],
    )
    assert not presupposed(doc[2])


@pytest.mark.parametrize(
    ("words", "start", "end", "modifies"),
    [
        (["at", "the", "Commonwealth", "Club", "of", "Ohio"], 2, 3, True),
        (["on", "Washington", "Street"], 1, 2, True),
        (["won", "the", "Peru", "Open"], 2, 3, True),
        (["the", "Commonwealth", "Secretary", "General"], 1, 2, False),
        (["the", "Commonwealth", "summit"], 1, 2, False),
        (["Peru", "and", "Chile"], 0, 1, False),
        (["a", "Latin", "American", "bank"], 2, 3, True),
        (["the", "American", "bank"], 1, 2, False),
        (["troops", "entered", "South", "Lebanon"], 3, 4, False),
        (["Dynamo", "Kiev", "won"], 1, 2, True),
    ],
)
def test_a_known_name_that_only_modifies_a_longer_name(words, start, end, modifies):
    doc = hand_doc(words, [0] * len(words), ["ROOT"] + ["dep"] * (len(words) - 1))
    assert part_of_a_longer_name(doc, start, end) is modifies


# -- with the model ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def _model():
    try:
        triples("Spain met France.")
    except ModelNotFoundError as error:
        pytest.skip(str(error))


CASES: list[tuple[str, set[Triple], set[Triple]]] = [
    (
        "Britain and France said they were consulting India about joining NATO's work on "
        "satellites.",
        {("United Kingdom", "consult", "India"), ("France", "consult", "India")},
        {("India", "member_of", "North Atlantic Treaty Organization")},
    ),
    (
        "Poland warned that Warsaw could block the start of EU accession talks with Ukraine "
        "unless Kyiv changed its grain policy.",
        {("Poland", "threaten", "Ukraine")},
        {("Poland", "threaten", "European Union"), ("European Union", "consult", "Ukraine")},
    ),
    (
        "The ministers of the European Union agreed a new round of sanctions against "
        "Belarus, targeting its potash exports.",
        {("European Union", "sanction", "Belarus")},
        {("European Union", "agree", "Belarus")},
    ),
    (
        "Speaking at the Commonwealth Club in Boston, Justin Trudeau praised Mexico.",
        {("Justin Trudeau", "support", "Mexico")},
        {("Justin Trudeau", "participates_in", "Commonwealth of Nations")},
    ),
    (
        '"We agreed that in Iraq there is some cause for hope," said Olaf Scholz.',
        set(),
        {("Germany", "agree", "Iraq")},
    ),
    (
        "Lula and Gustavo Petro agreed to found a Latin American broadcaster.",
        set(),
        {("Gustavo Petro", "agree", "United States")},
    ),
    (
        "Chile blamed Peru for attacking Bolivia.",
        {("Chile", "accuse", "Peru")},
        {("Peru", "assault", "Bolivia")},
    ),
    (
        "Peru, which had long stayed outside the bloc, will not immediately join Mercosur.",
        set(),
        {("Peru", "reject", "Southern Common Market")},
    ),
    ("Peru will not join Mercosur.", {("Peru", "reject", "Southern Common Market")}, set()),
    (
        "Bolivia vowed never to return the islands to Peru.",
        set(),
        {("Bolivia", "agree", "Peru")},
    ),
    # still agreements: an agreement to act for someone, a pledge of peace
    (
        "Chile agreed to provide aid to Bolivia.",
        {("Chile", "agree", "Bolivia"), ("Chile", "aid", "Bolivia")},
        set(),
    ),
    ("Chile pledged not to attack Peru.", {("Chile", "agree", "Peru")}, set()),
    ("Bolivia vowed to return the islands to Peru.", {("Bolivia", "agree", "Peru")}, set()),
    (
        "Turkey threatened to veto Sweden's bid unless Stockholm cracked down on militants.",
        {("Turkey", "threaten", "Sweden")},
        set(),
    ),
]


@pytest.mark.model
@pytest.mark.usefixtures("_model")
@pytest.mark.parametrize(("sentence", "expected", "denied"), CASES)
def test_no_false_edge(sentence: str, expected: set[Triple], denied: set[Triple]):
    got = triples(sentence)
    assert expected <= got, f"missing {sorted(expected - got)}; got {sorted(got)}"
    assert not (denied & got), f"false {sorted(denied & got)}"


@pytest.mark.model
@pytest.mark.usefixtures("_model")
def test_the_commonwealth_club_is_no_commonwealth():
    named = {name for _, name in mentions("He spoke at the Commonwealth Club and at the UN.")}
    assert "Commonwealth of Nations" not in named
