"""Acronyms of organizations the document names in full (issue #18: actors the text
defines). Unit tests of the letters without the model; table tests through the real
extractor on sentences written for this project."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graphbuild.extract.acronyms import acronym_expansions, is_acronym

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import triples  # noqa: E402


@pytest.mark.parametrize(
    ("text", "acronym", "expected"),
    [
        ("The Gulf Maritime Council met. Oman joined the GMC.", "GMC", "Gulf Maritime Council"),
        (  # "of" between the words, no letter of its own
            "Leaders founded the Central Asian Union of States. Uzbekistan joins CAUS.",
            "CAUS",
            "Central Asian Union of States",
        ),
        ("the Arctic Fisheries Board (AFB) said", "AFB", "Arctic Fisheries Board"),
    ],
)
def test_expansion_spells_the_acronym(text: str, acronym: str, expected: str) -> None:
    assert acronym_expansions(text)[acronym] == expected


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        # two runs spell it: which one is meant, the text does not say
        ("The Gulf Maritime Council and the Green Mining Company met. GMC said no.", "GMC"),
        # words not capitalised are no name
        ("the gulf maritime council met. Oman joined the GMC.", "GMC"),
        # a lower-case word breaks the run
        ("The Gulf and Maritime big Council met. GMC said no.", "GMC"),
    ],
)
def test_no_expansion(text: str, acronym: str) -> None:
    assert acronym not in acronym_expansions(text)


def test_is_acronym() -> None:
    assert is_acronym("GMC") and not is_acronym("Gmc") and not is_acronym("A")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Gulf Maritime Council was set up last year. Oman joined the GMC in May.",
            {("Oman", "member_of", "Gulf Maritime Council")},
        ),
        (
            "Leaders founded the Central Asian Union of States in March. Kazakhstan and "
            "Uzbekistan join CAUS from the old bloc.",
            {
                ("Kazakhstan", "member_of", "Central Asian Union of States"),
                ("Uzbekistan", "member_of", "Central Asian Union of States"),
            },
        ),
    ],
)
def test_acronym_names_the_organization(text: str, expected: set) -> None:
    assert expected <= triples(text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # the expansion is a company: no actor, in full or in letters
        "The Gulf Mining Company Ltd grew fast. Oman joined the GMC board in May.",
        # no expansion in the text at all
        "Oman joined the GMC in May.",
        # two expansions
        "The Gulf Maritime Council and the Green Mining Commission met. Oman joined the "
        "GMC in May.",
    ],
)
def test_no_acronym_actor(text: str) -> None:
    assert not {t for t in triples(text) if "Oman" in t}
