"""Known actors: countries, organizations, initiatives and leaders, from package data.

One `Catalog` answers "what actor does this name denote (on this date)?". It reads
`data/organizations.csv`, `data/initiatives.csv`, `data/actors.csv` (heads of state and
government and foreign ministers with their terms), `data/officials.csv` (vice presidents,
defence and finance ministers, officials of the UN, NATO and the EU: the same columns and
a `source` saying where each row's facts come from) and any user actor dictionary in the
same format as `actors.csv`.

Two rules keep a name from denoting someone it does not. A symbol is part of a name:
"AT&T" is not "ATT" (the Arms Trade Treaty). And a part of a dictionary person's name
("Lee", "Howard", "English") denotes that person only in a text that also names them in
full ("Lee Jae-myung"): on mixed news a bare surname matched "Spike Lee", "Michael Howard"
and "English clubs" to heads of government of other countries and decades. In a dated
text a part may also name whoever held the office on that day ("Obama" in 2015).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..model import Entity, EntityType
from .countries import Country, CountryIndex
from .text import fold, slug, symbols


@dataclass(frozen=True)
class Office:
    """One term of one person in one office, from an actor dictionary."""

    name: str
    aliases: tuple[str, ...]
    country: str
    """ISO alpha-3 code of the country, or an organization key."""
    role: str
    start: str
    end: str
    """Empty when still in office."""

    def holds_on(self, date: str | None) -> bool:
        if not date:
            return True
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


@dataclass(frozen=True)
class Organization:
    key: str
    name: str
    display: str
    aliases: tuple[str, ...]
    generic: tuple[str, ...]
    """Anaphors a text uses for it: "the bloc", "the alliance"."""


@dataclass(frozen=True)
class Initiative:
    key: str
    name: str
    aliases: tuple[str, ...]
    sponsor: str


def _rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines)]


def _package_rows(name: str) -> list[dict[str, str]]:
    try:
        text = resources.files("graphbuild.data").joinpath(name).read_text("utf-8")
    except FileNotFoundError:
        return []
    return _rows(text)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def read_actor_rows(rows: list[dict[str, str]], source: str) -> list[Office]:
    offices = []
    for number, row in enumerate(rows, start=2):
        if not row.get("name"):
            raise ValueError(f"{source}:{number}: an actor needs a name")
        offices.append(
            Office(
                name=row["name"],
                aliases=_split(row.get("aliases", "")),
                country=row.get("country", ""),
                role=row.get("role", ""),
                start=row.get("start", ""),
                end=row.get("end", ""),
            )
        )
    return offices


def read_actor_file(path: str | Path) -> list[Office]:
    """Read a user actor dictionary (same columns as the bundled `actors.csv`)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot read actor dictionary: {error}") from error
    rows = _rows(text)
    if rows and "name" not in rows[0]:
        raise ValueError(
            f"{path}: actor dictionary needs columns name,aliases,country,role,start,end"
        )
    return read_actor_rows(rows, str(path))


class Catalog:
    """Every actor graphbuild knows by name before reading a text."""

    def __init__(
        self,
        countries: CountryIndex,
        organizations: list[Organization],
        initiatives: list[Initiative],
        offices: list[Office],
    ):
        self.countries = countries
        self.organizations = {org.key: org for org in organizations}
        self.initiatives = {ini.key: ini for ini in initiatives}
        self._org_alias: dict[str, tuple[Organization, str]] = {}
        for org in organizations:
            for alias in (org.key, org.name, org.display, *org.aliases):
                self._org_alias.setdefault(fold(alias), (org, symbols(alias)))
        self._generic: dict[str, list[Organization]] = {}
        for org in organizations:
            for phrase in org.generic:
                self._generic.setdefault(fold(phrase), []).append(org)
        self._ini_alias: dict[str, tuple[Initiative, str]] = {}
        for ini in initiatives:
            for alias in (ini.name, *ini.aliases):
                self._ini_alias.setdefault(fold(alias), (ini, symbols(alias)))
        self._offices: dict[str, list[Office]] = {}
        self._full_names: dict[Office, tuple[str, ...]] = {}
        """Each office holder's folded names that are no part of another of their names."""
        self.add_offices(offices)

    def add_offices(self, offices: list[Office]) -> None:
        for office in offices:
            keys = {fold(office.name), *(fold(a) for a in office.aliases)} - {""}
            for key in keys:
                self._offices.setdefault(key, []).insert(0, office)  # later files win
            self._full_names[office] = tuple(key for key in keys if not _part_of_name(key, keys))

    @classmethod
    def default(cls, actor_files: tuple[str, ...] = ()) -> Catalog:
        return _default_catalog(tuple(str(p) for p in actor_files))

    # -- surface forms for matchers -------------------------------------------------
    def surface_forms(self) -> list[tuple[str, str]]:
        """(alias text, kind) pairs for every known name, kind in country/org/initiative/leader."""
        forms: list[tuple[str, str]] = []
        for org in self.organizations.values():
            forms += [(a, "organization") for a in (org.name, org.display, *org.aliases)]
        for ini in self.initiatives.values():
            forms += [(a, "initiative") for a in (ini.name, *ini.aliases)]
        for offices in self._offices.values():
            for office in offices:
                forms += [(a, "leader") for a in (office.name, *office.aliases)]
        return forms

    def matcher_forms(self, *, plural_demonyms: bool = False) -> list[tuple[str, str]]:
        """Every known name, once per (lower-cased text, kind), for phrase matchers.

        Kinds are `country`, `organization`, `initiative` and `leader`. With
        `plural_demonyms`, "Iranians" is listed beside "Iranian" (a tokenizer-only matcher
        cannot lemmatise; the country index accepts plural demonyms on lookup).
        """
        forms: list[tuple[str, str]] = []
        for text, alias in self.countries.surface_forms():
            forms.append((text, "country"))
            if plural_demonyms and alias.kind == "demonym" and not text.endswith("s"):
                forms.append((text + "s", "country"))
        forms += self.surface_forms()
        unique: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for text, kind in forms:
            text = text.strip()
            if text and (text.lower(), kind) not in seen:
                seen.add((text.lower(), kind))
                unique.append((text, kind))
        return unique

    # -- lookups --------------------------------------------------------------------
    def country(self, text: str) -> Country | None:
        return self.countries.lookup(text)

    def organization(self, text: str) -> Organization | None:
        found = self._org_alias.get(fold(text))
        return found[0] if found and found[1] == symbols(text) else None

    def initiative(self, text: str) -> Initiative | None:
        found = self._ini_alias.get(fold(text))
        return found[0] if found and found[1] == symbols(text) else None

    def generic_phrases(self) -> list[str]:
        """Every folded generic anaphor ("bloc", "alliance") the catalog knows."""
        return list(self._generic)

    def generic_organizations(self, phrase: str) -> list[Organization]:
        return self._generic.get(fold(phrase), [])

    def office(self, name: str, date: str | None, *, text: str | None = None) -> Office | None:
        """The office `name` held on `date` (the latest-starting one if several).

        With the document's `text`, a part of a holder's name ("Howard") counts only if the
        text names that holder in full ("John Howard"), or if `date` is in their term.
        """
        offices = self._named(name, text, date)
        if not offices:
            return None
        current = [o for o in offices if o.holds_on(date)]
        earlier = [o for o in offices if date and o.start and o.start <= date]
        pool = current or earlier or offices
        return max(pool, key=lambda o: o.start or "")

    def office_owners(self, name: str, *, text: str | None = None) -> frozenset[str]:
        """Every country or organization code `name` held an office of, in any term."""
        return frozenset(o.country for o in self._named(name, text, None))

    def is_known_leader(
        self, name: str, *, text: str | None = None, date: str | None = None
    ) -> bool:
        """Whether the dictionary knows `name` (in `text` on `date`, as for `office`)."""
        return bool(self._named(name, text, date))

    def _named(self, name: str, text: str | None, date: str | None) -> list[Office]:
        key = fold(name)
        offices = self._offices.get(key, [])
        if text is None or not offices:
            return offices
        folded = None
        named = []
        for office in offices:
            full = self._full_names.get(office, ())
            if key not in full and not (date and office.holds_on(date)):
                folded = folded if folded is not None else _folded_text(text)
                if not any(f" {full_name} " in folded for full_name in full):
                    continue
            named.append(office)
        return named

    # -- entities -------------------------------------------------------------------
    def country_entity(self, country: Country) -> Entity:
        return Entity(f"country:{country.iso3}", country.name, EntityType.COUNTRY)

    def organization_entity(self, org: Organization) -> Entity:
        # the full name is the canonical one; the acronym is an alias (and a map label)
        return Entity(f"org:{org.key}", org.name or org.display, EntityType.ORGANIZATION)

    def initiative_entity(self, ini: Initiative) -> Entity:
        return Entity(f"initiative:{ini.key}", ini.name, EntityType.INITIATIVE)

    def owner_entity(self, code: str) -> Entity | None:
        """Entity for a country ISO code or organization key (an office's `country`)."""
        if code in self.countries.by_iso3:
            return self.country_entity(self.countries.by_iso3[code])
        if code in self.organizations:
            return self.organization_entity(self.organizations[code])
        return None

    def leader_entity(
        self,
        name: str,
        *,
        date: str | None,
        owner: Entity | None = None,
        role: str | None = None,
        text: str | None = None,
    ) -> Entity:
        """Canonical leader entity: the dictionary's full name when known (in `text`, as for
        `office`), else `name`."""
        office = self.office(name, date, text=text)
        canonical = office.name if office else name
        if owner is None and office is not None:
            owner = self.owner_entity(office.country)
        if (
            role is None
            and office is not None
            and (owner is None or self.owner_entity(office.country) == owner)
        ):
            role = office.role
        country = None
        if owner is not None and owner.type is EntityType.COUNTRY:
            country = owner.name
        return Entity(
            f"leader:{slug(canonical)}", canonical, EntityType.LEADER, country=country, role=role
        )


def _part_of_name(key: str, keys: set[str]) -> bool:
    """Whether folded name `key` is a single word where the holder has longer names
    ("lee" of "lee jaemyung"). Two words are specific enough ("barack obama" beside
    "barack hussein obama", "dr abdullah")."""
    return " " not in key and any(" " in other for other in keys)


@lru_cache(maxsize=4)
def _folded_text(text: str) -> str:
    """A document's text folded as names are, padded for whole-word search."""
    return f" {fold(text)} "


@lru_cache(maxsize=8)
def _default_catalog(actor_files: tuple[str, ...]) -> Catalog:
    organizations = [
        Organization(
            key=row["key"],
            name=row.get("name") or row["key"],
            display=row.get("display") or row.get("name") or row["key"],
            aliases=_split(row.get("aliases", "")),
            generic=_split(row.get("generic", "")),
        )
        for row in _package_rows("organizations.csv")
        if row.get("key")
    ]
    initiatives = [
        Initiative(
            key=row["key"],
            name=row.get("name") or row["key"],
            aliases=_split(row.get("aliases", "")),
            sponsor=row.get("sponsor", ""),
        )
        for row in _package_rows("initiatives.csv")
        if row.get("key")
    ]
    offices = read_actor_rows(_package_rows("actors.csv"), "actors.csv")
    offices += read_actor_rows(_package_rows("officials.csv"), "officials.csv")
    catalog = Catalog(CountryIndex.default(), organizations, initiatives, offices)
    for path in actor_files:
        catalog.add_offices(read_actor_file(path))
    return catalog
