"""'The rebels', 'the militants', 'the insurgents' for the armed group named before them
(issue #17, part 4: coreference). Table tests on sentences written for this project."""

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
        (
            "Hezbollah fired rockets overnight. The rebels are backed by Iran, officials said.",
            ("Iran", "support", "Hezbollah"),
        ),
        (
            "The Taliban took the city. The militants were condemned by Pakistan.",
            ("Pakistan", "accuse", "Taliban"),
        ),
        (  # a sentence between, with no organization in it
            "Hamas fired rockets on Monday. Ten people died in the town. According to "
            "officials, the militants are backed by Iran.",
            ("Iran", "support", "Hamas"),
        ),
    ],
)
def test_armed_group_noun_names_the_group(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text)


@pytest.mark.parametrize(
    "text",
    [
        # no armed group named before
        "The rebels are backed by Iran.",
        # an organization that is no armed group came between
        "Hamas fired rockets. The United Nations sent envoys. The rebels are backed by Iran.",
        # a modifier says which rebels: not the group named before
        "Hamas fired rockets. The Kurdish rebels are backed by Iran.",
    ],
)
def test_no_group_for_the_noun(text: str) -> None:
    assert not {t for t in triples(text) if t[2] in {"Hamas", "Hezbollah", "Taliban"}}


def test_both_sides_are_the_actors_not_an_official_and_their_body() -> None:
    text = (
        "The EU and Japan began talks on tariffs, EU Trade Commissioner Anna Berg said. "
        "The two sides agreed to meet again in May."
    )
    found = triples(text)
    assert ("European Union", "agree", "Anna Berg") not in found
    assert ("Anna Berg", "agree", "European Union") not in found
