"""Actors of every era (issue #18, part 6): states of the past, Kosovo, armed and
political groups and the officials of `officials.csv`, read in sentences written for this
project through the real extractor."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import triples  # noqa: E402

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        (
            "The Soviet Union invaded Afghanistan.",
            "1979-12-28",
            ("Soviet Union", "assault", "Afghanistan"),
        ),
        (
            "The USSR and the United States signed the treaty.",
            "1987-12-08",
            ("Soviet Union", "agree", "United States"),
        ),
        (
            "East Germany accused West Germany of spying.",
            "1975-05-01",
            ("East Germany", "accuse", "Germany"),
        ),
        (
            "Czechoslovakia signed a trade treaty with Yugoslavia.",
            "1960-01-01",
            ("Czechoslovakia", "agree", "Yugoslavia"),
        ),
        (
            "Kosovo and Serbia signed an agreement in Brussels.",
            "2013-04-19",
            ("Kosovo", "agree", "Serbia"),
        ),
        (
            "The Syrian Democratic Forces attacked Islamic State fighters near Raqqa.",
            "2017-06-06",
            ("Syrian Democratic Forces", "assault", "Islamic State of Iraq and the Levant"),
        ),
        ("Hamas fired rockets at Israel.", "2021-05-10", ("Hamas", "assault", "Israel")),
        (
            "The Taliban condemned the United States.",
            "2021-09-01",
            ("Taliban", "accuse", "United States"),
        ),
        (
            "The Quds Force supplied weapons to Hezbollah.",
            "2019-01-01",
            ("Quds Force", "aid", "Hezbollah"),
        ),
        # an official of officials.csv whose title gives no country
        (
            "Vice President Han Zheng met Aleksandar Vucic in New York.",
            "2023-09-20",
            ("Han Zheng", "official_of", "China"),
        ),
        (
            "Defence Secretary Lloyd Austin visited Kyiv.",
            "2023-02-20",
            ("Lloyd Austin", "official_of", "United States"),
        ),
        (
            "Finance Minister Christian Lindner visited Paris.",
            "2023-02-20",
            ("Christian Lindner", "official_of", "Germany"),
        ),
    ],
)
def test_actors_of_every_era(text, date, expected):
    assert expected in triples(text, date)


@pytest.mark.parametrize(
    ("text", "date", "absent"),
    [
        # "Soviet" is the Soviet Union, not Russia
        ("Soviet troops entered Prague.", "1968-08-21", "Russia"),
        # West Germany is today's Germany: no second node
        ("West Germany signed a treaty with France.", "1963-01-22", "West Germany"),
        # a vice president the dictionary does not know takes no country from it
        ("Vice President Tom Berg met Aleksandar Vucic in New York.", "2023-09-20", "China"),
    ],
)
def test_no_wrong_node_for_a_state_of_another_era(text, date, absent):
    assert not any(absent in (s, o) for s, _, o in triples(text, date))
