"""Checks on the bundled dictionaries: actors.csv, officials.csv, organizations.csv,
initiatives.csv and states.csv.

officials.csv (vice presidents, defence and finance ministers, officials of the UN, NATO
and the EU) has the columns of actors.csv and a `source`; the checks on people's rows run
on both files together (one person's rows agree on aliases across them, and two terms of
one office in either file do not overlap).

The files are read the way the package reads them, through importlib.resources on
``graphbuild.data``, and parsed with the csv module only.

Overlapping terms: two rows with the same country and role may not overlap in time
(a term ending on the day the next one starts is fine). Legitimate co-holders are listed
in ``CO_HOLDERS``: Libya had two rival prime ministers (the Tobruk-based government of
Abdullah al-Thani and the Tripoli-based Government of National Accord of Fayez al-Sarraj)
from 2016 to 2021.

Aliases of organizations and initiatives are compared the way the resolver compares names:
case, accents, punctuation and a leading "the" are ignored. The one tolerated clash is
"OPEC+", which folds to the same key as "OPEC" because "+" is punctuation.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections import defaultdict
from functools import cache
from importlib import resources

import pytest

ACTOR_COLUMNS = ["name", "aliases", "country", "role", "start", "end"]
OFFICIAL_COLUMNS = [*ACTOR_COLUMNS, "source"]
ORG_COLUMNS = ["key", "name", "display", "aliases", "generic", "kind", "start", "end", "source"]
STATE_COLUMNS = ["code", "name", "aliases", "demonyms", "capital", "start", "end", "successor",
                 "source"]  # fmt: skip
INITIATIVE_COLUMNS = ["key", "name", "aliases", "sponsor", "kind"]

ROLES = {
    "President",
    "Vice President",
    "Prime Minister",
    "Chancellor",
    "King",
    "Queen",
    "Emperor",
    "Emir",
    "Sultan",
    "Crown Prince",
    "Supreme Leader",
    "Leader",
    "General Secretary",
    "Foreign Minister",
    "Secretary of State",
    "Foreign Secretary",
    "Secretary-General",
    "President of the European Commission",
    "President of the European Council",
    "President of the European Parliament",
    "High Representative",
    "Director-General",
    "Managing Director",
    "Chairperson of the African Union Commission",
    "Chairman of the Presidential Council",
    "Chairman of the Sovereignty Council",
    "Prosecutor",
    "Deputy President",
    "Defence Minister",
    "Defence Secretary",
    "Finance Minister",
    "Treasury Secretary",
    "Chancellor of the Exchequer",
    "Deputy Secretary-General",
    "President of the General Assembly",
    "High Commissioner for Refugees",
    "High Commissioner for Human Rights",
    "Emergency Relief Coordinator",
}
ORG_KINDS = {
    "intergovernmental",
    "forum",
    "court",
    "agency",
    "alliance",
    "bank",
    "bloc",
    "armed_group",
    "movement",
    "humanitarian",
}
INITIATIVE_KINDS = {"initiative", "agreement", "corridor", "plan", "forum", "summit", "treaty"}
# Keys the actor dictionary uses for officials of organizations.
REQUIRED_ORG_KEYS = {
    "UN", "EU", "NATO", "AU", "ASEAN", "WTO", "IMF", "WHO", "OPEC", "SCO", "ICC", "IAEA",
    "OAS", "GCC", "ARAB_LEAGUE", "OSCE", "COE", "WORLD_BANK",
    "UNSC", "UNGA", "G7", "G20", "BRICS",
}  # fmt: skip
REQUIRED_COUNTRIES = (
    "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA "
    "UKR ISR IRN IRQ SYR EGY PAK AFG PRK QAT ARE POL HUN SRB ESP NLD BEL SWE FIN NOR GRC "
    "VNM PHL THA MYS SGP NZL NGA ETH KEN VEN CUB COL CHL BLR KAZ AZE ARM GEO LBN JOR PSE "
    "LBY SDN"
).split()
HEAD_ROLES = {
    "President", "Prime Minister", "Chancellor", "King", "Queen", "Emperor", "Emir",
    "Sultan", "Supreme Leader", "Leader", "Chairman of the Presidential Council",
    "Chairman of the Sovereignty Council",
}  # fmt: skip
FOREIGN_ROLES = {"Foreign Minister", "Secretary of State", "Foreign Secretary"}
CO_HOLDERS = {("LBY", "Prime Minister")}
BARE_TITLES = {
    "president", "vice president", "prime minister", "premier", "chancellor", "king", "queen",
    "emperor", "emir", "sultan", "crown prince", "supreme leader", "leader", "minister",
    "foreign minister", "secretary of state", "foreign secretary", "secretary-general",
    "secretary general", "sheikh", "prince", "ayatollah", "the president", "the king",
}  # fmt: skip


def _read(filename: str) -> tuple[list[str], list[dict[str, str]], str]:
    text = resources.files("graphbuild.data").joinpath(filename).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows, text


@cache
def actors() -> tuple[list[str], list[dict[str, str]], str]:
    return _read("actors.csv")


@cache
def officials() -> tuple[list[str], list[dict[str, str]], str]:
    return _read("officials.csv")


@cache
def states() -> tuple[list[str], list[dict[str, str]], str]:
    return _read("states.csv")


def people() -> list[dict[str, str]]:
    """The rows of actors.csv and officials.csv."""
    return actors()[1] + officials()[1]


@cache
def organizations() -> tuple[list[str], list[dict[str, str]], str]:
    return _read("organizations.csv")


@cache
def initiatives() -> tuple[list[str], list[dict[str, str]], str]:
    return _read("initiatives.csv")


@cache
def iso_alpha3() -> frozenset[str]:
    from countryinfo import all_countries

    codes = set()
    for country in all_countries():
        try:
            code = country.info()["ISO"]["alpha3"]
        except (KeyError, TypeError):
            continue
        if code:
            codes.add(code)
    return frozenset(codes)


def org_keys() -> set[str]:
    return {row["key"] for row in organizations()[1]}


def split(value: str) -> list[str]:
    return [part for part in value.split(";")] if value else []


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key without a leading "the"."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text)).strip()
    return text[4:] if text.startswith("the ") else text


TOLERATED_CLASHES = {"opec": {"org:OPEC", "org:OPEC_PLUS"}}


def date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def holders(country: str, role: str, on: str) -> set[str]:
    day = date(on)
    return {
        row["name"]
        for row in actors()[1]
        if row["country"] == country
        and row["role"] == role
        and date(row["start"]) <= day
        and (not row["end"] or day < date(row["end"]))
    }


FILES = [("actors", actors, ACTOR_COLUMNS), ("officials", officials, OFFICIAL_COLUMNS),
         ("organizations", organizations, ORG_COLUMNS),
         ("initiatives", initiatives, INITIATIVE_COLUMNS),
         ("states", states, STATE_COLUMNS)]  # fmt: skip


@pytest.mark.parametrize(("label", "load", "columns"), FILES, ids=[f[0] for f in FILES])
def test_file_shape(label, load, columns):
    header, rows, text = load()
    assert header == columns
    assert rows, f"{label} is empty"
    assert text.endswith("\n") and "\r" not in text
    for number, row in enumerate(rows, start=2):
        assert None not in row, f"{label}:{number} has extra fields"
        assert all(value is not None for value in row.values()), f"{label}:{number} is short"
        for column, value in row.items():
            assert value == value.strip(), f"{label}:{number} {column} has stray whitespace"
        for column in ("name", "aliases", "generic"):
            for item in split(row.get(column) or ""):
                assert item and item == item.strip(), f"{label}:{number} bad {column} {item!r}"


@pytest.mark.parametrize(("label", "load", "columns"), FILES, ids=[f[0] for f in FILES])
def test_no_empty_names_and_no_duplicate_aliases_within_a_row(label, load, columns):
    for row in load()[1]:
        assert row["name"], row
        items = split(row["aliases"])
        assert len(items) == len(set(items)), f"repeated alias in {row['name']}"
        assert row["name"] not in items, f"{row['name']} repeats its own name as an alias"


@pytest.mark.parametrize("load", [actors, officials], ids=["actors", "officials"])
def test_actor_rows_are_sorted_and_unique(load):
    rows = load()[1]
    keys = [(r["country"], r["role"], r["start"], r["name"]) for r in rows]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))
    assert len(rows) >= 150


def test_actor_dates_are_iso_and_ordered():
    for row in people():
        start = date(row["start"])
        assert row["start"] == start.isoformat(), row
        assert dt.date(1945, 1, 1) <= start <= dt.date(2026, 12, 31), row
        if row["end"]:
            end = date(row["end"])
            assert row["end"] == end.isoformat(), row
            assert start <= end, row


def test_actor_countries_are_iso_alpha3_or_org_keys():
    valid = iso_alpha3() | org_keys()
    unknown = {row["country"] for row in people()} - valid
    assert not unknown, f"unknown country or organization codes: {sorted(unknown)}"


def test_actor_roles_come_from_the_vocabulary():
    unknown = {row["role"] for row in people()} - ROLES
    assert not unknown, sorted(unknown)


def test_actor_aliases_are_consistent_and_not_bare_titles():
    by_name: dict[str, set[str]] = defaultdict(set)
    for row in people():
        by_name[row["name"]].add(row["aliases"])
        for alias in split(row["aliases"]):
            assert alias.casefold() not in BARE_TITLES, (row["name"], alias)
    mixed = {name: values for name, values in by_name.items() if len(values) > 1}
    assert not mixed, f"people whose rows disagree on aliases: {sorted(mixed)}"


def test_actor_names_are_ascii():
    for row in people():
        assert row["name"].isascii(), row["name"]


def test_no_overlapping_terms_in_one_office():
    terms: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in people():
        terms[(row["country"], row["role"])].append(row)
    problems = []
    for office, rows in terms.items():
        if office in CO_HOLDERS:
            continue
        rows = sorted(rows, key=lambda r: r["start"])
        for before, after in zip(rows, rows[1:], strict=False):
            if not before["end"] or after["start"] < before["end"]:
                problems.append((office, before["name"], before["start"], before["end"],
                                 after["name"], after["start"]))  # fmt: skip
    assert not problems, problems


def test_coverage_of_required_countries_and_organizations():
    rows = actors()[1]
    for code in REQUIRED_COUNTRIES:
        roles = {row["role"] for row in rows if row["country"] == code}
        assert roles & HEAD_ROLES, f"{code} has no head of state or government"
        assert roles & FOREIGN_ROLES, f"{code} has no foreign minister"
    countries = {row["country"] for row in rows}
    for key in ("UN", "NATO", "EU", "IMF", "WTO", "WHO", "AU", "ASEAN", "IAEA"):
        assert key in countries, key
    eu_roles = {row["role"] for row in rows if row["country"] == "EU"}
    assert {"President of the European Commission", "President of the European Council",
            "High Representative"} <= eu_roles  # fmt: skip


@pytest.mark.parametrize(
    ("country", "role", "on", "name"),
    [
        ("USA", "President", "2010-06-01", "Barack Obama"),
        ("USA", "President", "2025-06-01", "Donald Trump"),
        ("USA", "Secretary of State", "2022-01-01", "Antony Blinken"),
        ("RUS", "President", "2010-01-01", "Dmitry Medvedev"),
        ("RUS", "Prime Minister", "2010-01-01", "Vladimir Putin"),
        ("RUS", "President", "2024-01-01", "Vladimir Putin"),
        ("RUS", "Foreign Minister", "2020-01-01", "Sergei Lavrov"),
        ("CHN", "Foreign Minister", "2023-03-01", "Qin Gang"),
        ("CHN", "Foreign Minister", "2024-03-01", "Wang Yi"),
        ("GBR", "Prime Minister", "2022-10-01", "Liz Truss"),
        ("GBR", "Foreign Secretary", "2024-01-01", "David Cameron"),
        ("DEU", "Chancellor", "2015-01-01", "Angela Merkel"),
        ("TUR", "President", "2020-01-01", "Recep Tayyip Erdogan"),
        ("TUR", "Prime Minister", "2010-01-01", "Recep Tayyip Erdogan"),
        ("UKR", "President", "2023-01-01", "Volodymyr Zelensky"),
        ("IND", "Foreign Minister", "2023-01-01", "S. Jaishankar"),
        ("SAU", "Crown Prince", "2020-01-01", "Mohammed bin Salman"),
        ("IRN", "Supreme Leader", "2000-01-01", "Ali Khamenei"),
        ("UN", "Secretary-General", "2010-01-01", "Ban Ki-moon"),
        ("NATO", "Secretary-General", "2020-01-01", "Jens Stoltenberg"),
        ("EU", "High Representative", "2021-01-01", "Josep Borrell"),
        ("EU", "President of the European Commission", "2021-01-01", "Ursula von der Leyen"),
    ],
)
def test_known_office_holders(country, role, on, name):
    assert holders(country, role, on) == {name}


def test_known_aliases():
    aliases = {row["name"]: set(split(row["aliases"])) for row in actors()[1]}
    assert {"Zelenskyy", "Zelenskiy", "Zelensky"} <= aliases["Volodymyr Zelensky"]
    assert {"Erdogan", "Erdoğan"} <= aliases["Recep Tayyip Erdogan"]
    assert "Lavrov" in aliases["Sergei Lavrov"]
    assert "Xi" in aliases["Xi Jinping"]
    assert "MBS" in aliases["Mohammed bin Salman"]


def test_organization_keys_names_and_kinds():
    rows = organizations()[1]
    keys = [row["key"] for row in rows]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert REQUIRED_ORG_KEYS <= set(keys), sorted(REQUIRED_ORG_KEYS - set(keys))
    for row in rows:
        assert row["key"].replace("_", "").isalnum() and row["key"].isupper(), row["key"]
        assert row["display"], row["key"]
        assert row["kind"] in ORG_KINDS, row
    generic = {fold(item) for row in rows for item in split(row["generic"])}
    for row in rows:
        for alias in split(row["aliases"]):
            assert fold(alias) not in generic, f"{row['key']}: generic phrase {alias!r}"


def test_initiative_keys_sponsors_and_kinds():
    rows = initiatives()[1]
    keys = [row["key"] for row in rows]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert len(rows) >= 40
    valid = iso_alpha3() | org_keys()
    for row in rows:
        assert row["kind"] in INITIATIVE_KINDS, row
        assert not row["sponsor"] or row["sponsor"] in valid, row
    assert not set(keys) & org_keys()


def test_no_alias_names_two_organizations_or_initiatives():
    owners: dict[str, set[str]] = defaultdict(set)
    for row in organizations()[1]:
        for text in [row["key"], row["name"], row["display"], *split(row["aliases"])]:
            owners[fold(text)].add("org:" + row["key"])
    for row in initiatives()[1]:
        for text in [row["name"], *split(row["aliases"])]:
            owners[fold(text)].add("initiative:" + row["key"])
    clashes = {
        text: sorted(keys)
        for text, keys in owners.items()
        if len(keys) > 1 and TOLERATED_CLASHES.get(text) != keys
    }
    assert not clashes, clashes
    assert "" not in owners


def test_known_initiative_aliases():
    aliases = {row["name"]: set(split(row["aliases"])) for row in initiatives()[1]}
    assert {"BRI", "OBOR", "One Belt One Road"} <= aliases["Belt and Road Initiative"]
    assert "Istanbul grain deal" in aliases["Black Sea Grain Initiative"]
    assert {"COP28", "COP30"} <= aliases["UN Climate Change Conference"]
    assert "JCPOA" in aliases["Joint Comprehensive Plan of Action"]


# -- sources and dates of officials, organizations and states (issue #18, part 6) --------
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def partial_date(value: str) -> str:
    """An ISO date of a year, a month or a day ("1994", "1994-09", "1994-09-01"), checked
    for a real month and day; returned as given."""
    assert PARTIAL_DATE.match(value), value
    parts = [int(part) for part in value.split("-")]
    dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    return value


def test_every_official_says_where_its_facts_come_from():
    for row in officials()[1]:
        assert row["source"], row


@pytest.mark.parametrize("load", [organizations, states], ids=["organizations", "states"])
def test_dates_are_iso_and_ordered(load):
    for row in load()[1]:
        start = partial_date(row["start"]) if row["start"] else ""
        end = partial_date(row["end"]) if row["end"] else ""
        if start and end:
            assert start <= end, row
        if start or end:
            assert row["source"], f"{row.get('key') or row['code']}: dates without a source"


ARMED_AND_POLITICAL_GROUPS = ["Taliban", "Hamas", "Hezbollah", "Houthis",
                              "Syrian Democratic Forces", "al-Qaeda",
                              "Islamic State of Iraq and the Levant", "Polisario Front",
                              "Quds Force"]  # fmt: skip


def test_armed_and_political_groups_are_dated_organizations():
    rows = {row["name"]: row for row in organizations()[1]}
    for name in ARMED_AND_POLITICAL_GROUPS:
        assert rows[name]["kind"] in {"armed_group", "movement"}, name
        assert rows[name]["start"], name


def test_states_have_codes_successors_and_dates():
    valid = iso_alpha3()
    for row in states()[1]:
        assert len(row["code"]) == 3 and row["code"].isupper(), row
        assert row["start"], row
        assert not row["successor"] or row["successor"] in valid, row
        if row["end"]:
            assert row["successor"], f"{row['name']} ended with no successor"


def test_dissolved_states_match_iso_3166_3():
    pycountry = pytest.importorskip("pycountry")
    for row in states()[1]:
        if row["end"] and row["code"] not in iso_alpha3():
            historic = pycountry.historic_countries.get(alpha_3=row["code"])
            assert historic is not None, row["code"]


def test_every_alias_resolves_to_its_own_row():
    from graphbuild.resolve.catalog import Catalog

    catalog = Catalog.default()
    for row in organizations()[1]:
        names = [row["name"], row["display"], *split(row["aliases"])]
        for alias in names:
            org = catalog.organization(alias)
            if org is None and [fold(name) for name in names].count(fold(alias)) > 1:
                continue  # "BRICS+" beside "BRICS": one key, the first spelling wins
            if row["key"] == "OPEC_PLUS" and fold(alias) == "opec":
                continue  # OPEC+ folds to OPEC (TOLERATED_CLASHES)
            assert org is not None and org.key == row["key"], (row["key"], alias)
    for row in states()[1]:
        names = [row["name"], *split(row["aliases"]), *split(row["demonyms"])]
        for alias in names + split(row["capital"]):
            country = catalog.country(alias)
            assert country is not None and country.iso3 == row["code"], (row["code"], alias)
    for row in officials()[1]:
        office = catalog.office(row["name"], row["start"])
        assert office is not None and office.name == row["name"], row["name"]
