"""Quoted stances (issue #18, part 4): the first person of an attributed quote is its
speaker, "we" the speaker's country or organization.

Table tests on sentences written for this project, run through the real extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import triples  # noqa: E402

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "I" is the speaker: quote first, attribution after
        (
            '"I condemn Iran for the attack," Annalena Baerbock said on Monday.',
            ("Annalena Baerbock", "accuse", "Iran"),
        ),
        # "we" is the speaker's country
        (
            '"We condemn Iran for the attack," Annalena Baerbock said on Monday.',
            ("Germany", "accuse", "Iran"),
        ),
        # "we" of a country speaking is the country
        (
            '"We strongly reject the demands of the United States," Iran said on Friday.',
            ("Iran", "reject", "United States"),
        ),
        # attribution first, a colon, then the quote
        (
            'Xi Jinping told reporters: "We reject the US position."',
            ("China", "reject", "United States"),
        ),
        # "us" as an object
        ('"Russia attacked us again," Volodymyr Zelensky said.', ("Russia", "assault", "Ukraine")),
        # the speaker after the verb
        (
            '"We condemn Iran for the attack," said Annalena Baerbock.',
            ("Germany", "accuse", "Iran"),
        ),
    ],
)
def test_a_first_person_quote_is_its_speakers_stance(text, expected):
    assert expected in triples(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a speaker who is no actor makes no stance
        ('"We condemn Iran for the attack," a shopkeeper said.', "accuse"),
        # no attribution in the sentence: whose "we" is it?
        ('"We condemn Iran for the attack." The crowd cheered in Berlin.', "accuse"),
        # "US" in capitals is the United States, not "us"
        ('"Iran attacked US bases," Annalena Baerbock said.', "none-for-germany"),
    ],
)
def test_no_stance_without_an_actor_speaking(text, absent):
    found = triples(text)
    if absent == "none-for-germany":
        assert not any(s == "Germany" or o == "Germany" for s, _, o in found)
    else:
        assert not any(label == absent for _, label, _ in found)
