"""Offices in a body an actor owns: "NATO chief N", "N, the UN's chief of ...", "N, the head
of the Danish foreign ministry", "N of Spain's police agency" (issue #18, part 3).

Table tests on sentences written for this project, run through the real extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import roles, triples  # noqa: E402

pytestmark = pytest.mark.model


def officials(text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, label, o in triples(text) if label == "official_of"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the body's owner as a compound of the word
            "NATO chief Tom Baker said the alliance was ready.",
            {("Tom Baker", "North Atlantic Treaty Organization")},
        ),
        (  # a possessive owner in an apposition
            "Tom Baker, the UN's chief of humanitarian affairs, said the aid was late.",
            {("Tom Baker", "United Nations")},
        ),
        (  # the head of a state body: the body resolves to its state
            "Peter Hansen, the head of the Danish Foreign Ministry, said the talks went well.",
            {("Peter Hansen", "Denmark")},
        ),
        (
            "Tom Baker, the Chilean Government commissioner responsible for trade, said the "
            "deal was done.",
            {("Tom Baker", "Chile")},
        ),
        (  # a person's name that NER tags ORG: the title makes the person
            "Gaspar Lindqvist, the Swedish Government commissioner for defence, said the "
            "deal was signed.",
            {("Gaspar Lindqvist", "Sweden")},
        ),
        (  # no title word: a state body of one country after the name
            "Maria Lopez of Spain's National Police Agency said the suspects had been arrested.",
            {("Maria Lopez", "Spain")},
        ),
    ],
)
def test_office_in_a_body_of_an_actor(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= officials(text)


def test_role_is_the_word_of_the_office() -> None:
    assert ("Tom Baker", "North Atlantic Treaty Organization", "Chief") in roles(
        "NATO chief Tom Baker said the alliance was ready."
    )


@pytest.mark.parametrize(
    "text",
    [
        # a company's chief, head or director is no official of the country it is in
        "Anna Berg, the head of Russia's Gazprom, said gas prices would rise.",
        "Anna Berg, the chief of Sony's games division, said sales were up.",
        "Toyota chief Anna Berg said the new car would sell well.",
        # a nationality before the word is no body of that state
        "Chinese director Anna Berg will head the jury at the film festival.",
        "British director Anna Berg won an award in France.",
        "Anna Berg, director of the Danish Chambers of Commerce, said costs were high.",
        "Anna Berg, Deloitte's UK head of tax, said taxes were high.",
        # an organization the catalog does not know
        "Anna Berg, director of the Bristol Race Equality Council, said police were told.",
        # the body is a school or an institute, not a state body
        "Director Anna Berg of the Spanish National Health Institute announced a trial.",
        # a head with no owner at all
        "Anna Berg, the head of the household, said the house was cold.",
        "Anna Berg, the head coach, said the team was ready.",
        # a former office is no current official_of
        "Anna Berg, the former head of the Danish Foreign Ministry, wrote a book.",
        # a town's police chief heads no body of the country the town is in
        "Houston's police chief Anna Berg said the suspect was arrested.",
        "El Paso's police chief Anna Berg said the suspect was arrested.",
        "Anna Berg, the head of the Paris police, said the suspect was arrested.",
        # a country alone after "of" may be anyone of it
        "Anna Berg of Denmark said the house was cold.",
    ],
)
def test_no_office_without_an_actors_body(text: str) -> None:
    assert not officials(text)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Gaspar", "Lindqvist", "said"], True),  # a first name first
        (["Morgan", "Stanley", "Bank", "said"], False),  # a word of organizations
        (["Gaspar", "Football", "Association", "said"], False),
        (["Lindqvist", "Holdings", "said"], False),  # no first name
        (["Gaspar", "said"], False),  # one word
        (["King", "Cross", "station"], False),  # a title first
    ],
)
def test_org_span_read_as_a_person(words: list[str], expected: bool) -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from graphbuild.extract.mentions import _person_like

    n = len(words) - 1
    doc = Doc(Vocab(), words=words, ents=["B-ORG"] + ["I-ORG"] * (n - 1) + ["O"])
    assert _person_like(doc.ents[0]) is expected
