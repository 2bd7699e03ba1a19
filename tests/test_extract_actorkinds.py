"""Which unknown organizations are actors of diplomacy, on hand-made parses: no model."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from spacy.tokens import Span

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import hand_doc  # noqa: E402

from graphbuild.extract.actorkinds import diplomatic_org, is_corporate  # noqa: E402
from graphbuild.resolve.catalog import Catalog  # noqa: E402


def _org(words: list[str], start: int, end: int) -> Span:
    # a flat parse, every word on the last; the organization tagged ORG
    last = len(words) - 1
    doc = hand_doc(words, [last] * len(words), ["dep"] * last + ["ROOT"])
    doc.ents = [Span(doc, start, end, label="ORG")]
    return doc.ents[0]


def _is_country(word: str) -> bool:
    return Catalog.default().country(word) is not None


@pytest.mark.parametrize(
    ("words", "start", "end", "expected"),
    [
        (["Vantoria", "Holdings", "fell"], 0, 2, False),  # a corporate word
        (["Dunmore", "plc", "fell"], 0, 2, False),  # a legal form (cleanco)
        (["Kessler", "AG", "grew"], 0, 2, False),
        (["Brentwick", "City", "Council", "met"], 0, 3, False),  # a local body
        (["Marlowe", "Council", "voted"], 0, 2, False),  # a place's own council
        (["Council", "of", "Mortgage", "Lenders", "said"], 0, 4, False),  # a trade body
        (["Trades", "Union", "Congress", "said"], 0, 3, False),
        (["Metropolitan", "Police", "said"], 0, 2, False),  # a city's police
        (["Kenyan", "Transition", "Council", "met"], 0, 3, True),  # a country's
        (["Harlow", "United", "won"], 0, 2, False),  # a club
        (["Zorvan", "Patriotic", "Front", "attacked"], 0, 3, True),  # an armed group
        (["Valdorian", "Liberation", "Army", "attacked"], 0, 3, True),
        (["Ministry", "of", "Health", "sent"], 0, 3, False),  # whose ministry?
        (["Quds", "Force", "struck"], 0, 2, True),
        (["Labour", "Party", "won"], 0, 2, True),  # "labour" names the party here
        (["Factory", "Workers", "Union", "struck"], 0, 3, False),  # a trade union
        (["African", "Jurists", "Association", "spoke"], 0, 3, True),  # international
        (["Norwegian", "Football", "Association", "spoke"], 0, 3, False),  # sport
        (["the", "militant", "group", "Kataib", "Zahra", "fired"], 3, 5, True),  # context
        (["Kataib", "Zahra", "fighters", "fired"], 0, 2, True),
        (["Zorvan", "Party", "shares", "fell"], 0, 2, False),  # business context wins
        (["Zentrix", "said", "so"], 0, 1, False),  # nothing tells: no actor
    ],
)
def test_an_unknown_organization_is_an_actor_only_when_its_words_say_so(
    words, start, end, expected
):
    assert diplomatic_org(_org(words, start, end), _is_country) is expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["acme", "inc"], True),
        (["orvel", "gmbh"], True),
        (["royal", "bank", "of", "lindor"], True),
        (["partido", "da", "terra"], False),  # "da" is a word here, not a legal form
        (["ministry", "of", "defence"], False),
    ],
)
def test_corporate_names(words, expected):
    assert is_corporate(words) is expected
