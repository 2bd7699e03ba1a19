"""Titles shared by lists, given by "respectively", by a relative clause, by the one
country an office belongs to, or by the country a text is about (issue #18, part 3).

Table tests on sentences written for this project, run through the real extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import triples  # noqa: E402

pytestmark = pytest.mark.model


def officials(text: str, date: str | None = "2024-05-01") -> set[tuple[str, str]]:
    return {(s, o) for s, label, o in triples(text, date) if label == "official_of"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # one plural title, two "name of country" pairs
            "Presidents Emmanuel Macron of France and Olaf Scholz of Germany met in Paris.",
            {("Emmanuel Macron", "France"), ("Olaf Scholz", "Germany")},
        ),
        (
            "Defence Ministers Ben Wallace of Britain and Jonas Berg of Norway held talks.",
            {("Ben Wallace", "United Kingdom"), ("Jonas Berg", "Norway")},
        ),
        (  # names first, owners after the title, paired in order
            "Marta Kos and Jan Lipavsky, the prime ministers of Slovenia and Croatia "
            "respectively, held talks.",
            {("Marta Kos", "Slovenia"), ("Jan Lipavsky", "Croatia")},
        ),
        (  # owners first, names after
            "The foreign ministers of Chile and Peru, Ana Rojas and Luis Vega respectively, "
            "signed the accord.",
            {("Ana Rojas", "Chile"), ("Luis Vega", "Peru")},
        ),
        (  # a relative clause: who heads a ministry, who heads a government, who is ...
            "Annalena Baerbock, who heads the German foreign ministry, criticised Iran.",
            {("Annalena Baerbock", "Germany")},
        ),
        (
            "Pedro Sanchez, who heads the Spanish government, visited Morocco.",
            {("Pedro Sanchez", "Spain")},
        ),
        (
            "Jonas Berg, who is the Norwegian trade minister, visited China.",
            {("Jonas Berg", "Norway")},
        ),
        (  # an apposition the parser does not make one ("..., the X President will ...")
            "On Monday Jonas Berg, the Norwegian Foreign Minister will travel to Chile.",
            {("Jonas Berg", "Norway")},
        ),
        (  # a person named with the body they speak for, no title needed
            "Speaking in Geneva, John Carter of the International Atomic Energy Agency "
            "criticised Iran.",
            {("John Carter", "International Atomic Energy Agency")},
        ),
        (  # an office only one country has
            "On Monday, Taoiseach Simon Harris welcomed the deal with France.",
            {("Simon Harris", "Ireland")},
        ),
    ],
)
def test_titles_of_lists_clauses_and_single_country_offices(text, expected):
    assert expected <= officials(text)


@pytest.mark.parametrize(
    "text",
    [
        # counts differ: no pairing by order
        "Marta Kos and Jan Lipavsky, the prime ministers of Slovenia, Croatia and Austria "
        "respectively, held talks.",
        # a past office in the relative clause
        "Jonas Berg, who was the Norwegian trade minister, visited China.",
        # "who heads" something that is no ministry or government
        "Jonas Berg, who heads the Norwegian football team, visited China.",
        # a shadow minister holds no office
        "Shadow Home Secretary Tom Price criticised France.",
        # a plural noun that is no title
        "Delegates Ivan Petrov of Bulgaria and Jonas Berg of Norway attended.",
        # a marker of a past or an opposition office before a party or portfolio word
        "Former Labour prime minister Tom Price criticised France.",
        "The ex-Conservative chancellor Tom Price criticised France.",
        "Shadow Europe minister Tom Price criticised France.",
        # "of" a country is no office: the person may be anyone of it
        "Speaking in Geneva, John Carter of Chile criticised Iran.",
        # a devolved office is no office of the state
        "Welsh Health Minister Tom Price criticised France.",
        # an apposition whose head is no title: the office is the possessor's
        "The Queen's grandson, Prince Harry, criticised France.",
        # "as <office>" that begins the next clause is its subject's, not the speaker's
        "Reporter Ann Reed said as home secretary he gave France too much.",
        # a title of a firm or a chamber of commerce is no office of the state
        "Sam Kerr, UK managing director of filtering firm Netwall, said France was right.",
        '"France is right," said Peter Lowe, director general of the Irish Chambers of Commerce.',
    ],
)
def test_no_title_where_the_words_give_none(text):
    assert officials(text) == set()


CHINA_TEXT = (
    "China's new trade policy was presented by Vice President Li Wen at the summit. "
    "China said its markets would stay open. Beijing also sent aid to Laos. "
    "Officials in China welcomed the move."
)


def test_a_titled_official_takes_the_country_the_text_is_about():
    assert ("Li Wen", "China") in officials(CHINA_TEXT)


@pytest.mark.parametrize(
    "text",
    [
        # two countries as often: the text is about neither
        "Vice President Li Wen spoke in China. China and Japan met. Japan and China agreed. "
        "Japan welcomed it.",
        # another country in the sentence: the title may be its
        "China's policy was praised by Vice President Li Wen of the summit with Japan. "
        "China said its markets would stay open. Beijing also sent aid to Laos. China won.",
        # a role firms have, and the country not named in its sentence
        "Vice President Li Wen spoke at length. China said its markets would stay open. "
        "Beijing also sent aid to Laos. Officials in China welcomed the move.",
    ],
)
def test_no_country_from_context_where_it_is_ambiguous(text):
    assert ("Li Wen", "China") not in officials(text)


def test_a_state_office_takes_the_home_country_without_naming_it_in_its_sentence():
    text = (
        "Bombs hit a market in Yemen. Yemen's army sealed the area. Aid reached Yemen on "
        "Friday. The attack was condemned by Information Minister Saleh Nasser."
    )
    assert ("Saleh Nasser", "Yemen") in officials(text)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # "its" is the state named before, not the people of another ("the Indians")
            "Prime Minister Tony Blair praised France. He feared rivals like the Indians, and "
            "criticised its record on trade.",
            None,
            ("Tony Blair", "accuse", "India"),
        ),
        (  # a shadow minister is a leader of note: his acts count, no official_of
            "Tory shadow chancellor Oliver Letwin accused Prime Minister Tony Blair of lying.",
            ("Oliver Letwin", "accuse", "Tony Blair"),
            ("Oliver Letwin", "official_of", "United Kingdom"),
        ),
    ],
)
def test_references_and_opposition_titles(text, expected, absent):
    found = triples(text, None)
    assert expected is None or expected in found
    assert absent not in found


def test_a_title_given_earlier_with_its_owner_gives_the_owner_to_a_later_name():
    text = (
        "Japan's defence minister arrived in Manila on Monday. "
        "On Tuesday Defence Minister Kenji Sato met Philippine officials."
    )
    assert ("Kenji Sato", "Japan") in officials(text)


@pytest.mark.parametrize(
    "text",
    [
        # two owners of that office earlier: which one?
        "Japan's defence minister arrived in Manila. China's defence minister stayed home. "
        "Defence Minister Kenji Sato met Philippine officials.",
        # the earlier office had no owner said
        "The defence minister arrived in Manila. Defence Minister Kenji Sato met officials.",
    ],
)
def test_no_owner_from_an_earlier_title_where_it_is_ambiguous(text):
    assert not any(name == "Kenji Sato" for name, _ in officials(text))
