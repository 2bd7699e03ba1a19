"""Find the actors a parsed document names, and resolve each to one canonical entity.

Mentions come from three sources, longest first where they overlap: the catalog of known
names (a spaCy `PhraseMatcher` over countries, organizations, initiatives and the actor
dictionary), named-initiative patterns ("Three Seas Initiative", "G7 summit",
`initiatives`), and spaCy's named entities. Leaders get their title and country from the
text or the actor dictionary (`titles`). `ActorFinder.find` then adds placed summits and
owned plans (`initiatives`) and resolves anaphors (`coreference`).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..config import ACTORS_OF_DIPLOMACY_ONLY
from ..model import Entity, EntityType
from ..resolve.catalog import Catalog
from ..resolve.countries import Country
from ..resolve.text import fold, slug
from .acronyms import acronym_expansions, is_acronym
from .actorkinds import diplomatic_name, diplomatic_org, is_corporate, part_of_a_longer_name
from .actormap import ActorMap, ActorMention, strip_article
from .coreference import first_name_genders, resolve_coreference
from .initiatives import add_owned_initiatives, add_placed_events, initiative_spans
from .quotes import add_quote_speakers
from .titles import ROLE_WORDS, TitleFinder
from .vocabulary import (
    DIPLOMATIC_ORG_WORDS,
    GOVERNMENT_WORDS,
    INTERNATIONAL_BODY_WORDS,
    NAME_PARTICLES,
    NON_DIPLOMATIC_ORG_WORDS,
    NOT_ACTOR_ORG_WORDS,
    ORG_WORDS,
)

HOME_MENTIONS = 3
"""Mentions a country needs to be the one a document is about (`ActorFinder._home_country`)."""
HOME_MARGIN = 1.5
"""How many times as often as any other country it must be named."""

_Candidate = tuple[int, int, int, str, Entity | None]
"""(start, end, source rank, source, entity) of a possible mention, before overlaps are
settled: catalog 0, pattern 1, NER 2."""


class ActorFinder:
    """Finds and resolves actor mentions in parsed documents; build once per pipeline."""

    def __init__(
        self,
        nlp: Language,
        catalog: Catalog,
        *,
        actors_of_diplomacy_only: bool = ACTORS_OF_DIPLOMACY_ONLY,
    ):
        self.catalog = catalog
        self.diplomacy_only = actors_of_diplomacy_only
        self.titles = TitleFinder(catalog, actors_of_diplomacy_only=actors_of_diplomacy_only)
        self._tokenize = nlp.make_doc
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._strict: set[str] = set()  # folded aliases that must match in capitals
        patterns: dict[str, list[Doc]] = {}
        for text, kind in catalog.matcher_forms():
            letters = [c for c in text if c.isalpha()]
            if letters and all(c.isupper() for c in letters) and len(letters) <= 5:
                self._strict.add(fold(text))
            patterns.setdefault(kind, []).append(nlp.make_doc(text))
        for kind, docs in patterns.items():
            self.matcher.add(kind, docs)

    def find(self, doc: Doc, *, date: str | None = None, text: str | None = None) -> ActorMap:
        """All actor mentions of `doc`, titles attached and coreference resolved.

        `text` is the whole document's (`doc` may hold only the sentences the relevance
        filter kept): a part of a dictionary person's name counts only where it names them
        in full (`Catalog.office`).
        """
        text = doc.text if text is None else text
        non_actors: set[int] = set()
        companies: set[int] = set()
        candidates = [
            *self._catalog_candidates(doc, date, text),
            *self._pattern_candidates(doc),
            *self._ner_candidates(doc, date, text, non_actors, companies),
        ]
        candidates += self._acronym_candidates(doc, text, candidates, non_actors, companies)
        others = self._other_people(doc, date, text)
        candidates = [c for c in candidates if not _names_another(doc, c, others)]
        actors = self._place(
            doc, self._choose(candidates), date, text, ActorMap([], {}, non_actors, companies)
        )
        self.titles.context_owners(doc, actors, lambda: self._home_country(text))
        _unify_leaders(actors)
        add_placed_events(doc, actors)
        resolve_coreference(doc, actors, self.catalog)
        add_quote_speakers(doc, actors, self.catalog)
        add_owned_initiatives(doc, actors)
        return actors

    def _home_country(self, text: str) -> Entity | None:
        """The country `text` is about: the one it names most, at least `HOME_MENTIONS`
        times and `HOME_MARGIN` times as often as any other (read from the whole text, so
        the relevance filter changes nothing)."""
        counts: dict[str, int] = {}
        tokens = self._tokenize(text)
        spans = [
            tokens[start:end]
            for match_id, start, end in self.matcher(tokens)
            if tokens.vocab.strings[match_id] == "country"
        ]
        for span in filter_spans(spans):
            country = self.catalog.country(span.text) if span.text[:1].isupper() else None
            if country is not None:
                counts[country.iso3] = counts.get(country.iso3, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < HOME_MENTIONS:
            return None
        if len(ranked) > 1 and ranked[0][1] < HOME_MARGIN * ranked[1][1]:
            return None
        return self.catalog.owner_entity(ranked[0][0])

    def _catalog_candidates(self, doc: Doc, date: str | None, text: str) -> list[_Candidate]:
        ner_labels = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ner_labels[i] = ent.label_
        candidates: list[_Candidate] = []
        for match_id, start, end in self.matcher(doc):
            kind = doc.vocab.strings[match_id]
            if part_of_a_longer_name(doc, start, end):
                continue  # "the Commonwealth Club" is no Commonwealth of Nations
            span = doc[start:end]
            entity = self._resolve_catalog(span, kind, date, ner_labels, text)
            if entity is not None:
                candidates.append((start, end, 0, "catalog", entity))
        return candidates

    def _pattern_candidates(self, doc: Doc) -> list[_Candidate]:
        candidates: list[_Candidate] = []
        for start, end in initiative_spans(doc):
            span = doc[start:end]
            ini = self.catalog.initiative(span.text)
            entity = (
                self.catalog.initiative_entity(ini)
                if ini
                else Entity(
                    f"initiative:{slug(span.text)}", _clean_name(span), EntityType.INITIATIVE
                )
            )
            candidates.append((start, end, 1, "pattern", entity))
        return candidates

    def _ner_candidates(
        self, doc: Doc, date: str | None, text: str, non_actors: set[int], companies: set[int]
    ) -> list[_Candidate]:
        """NER spans that name actors, and every PERSON (titles decide later); the tokens of
        organizations that are no actors go to `non_actors` (they own no title), those
        plainly companies also to `companies`."""
        candidates: list[_Candidate] = []
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP", "LOC") and part_of_a_longer_name(
                doc, ent.start, ent.end
            ):
                continue  # "Real Madrid", "Washington Street"
            entity = self._resolve_ner(ent, date, text)
            if entity is not None or ent.label_ == "PERSON":
                end = ent.end
                if ent.label_ == "PERSON":
                    end = _person_end(doc, ent)
                    if end != ent.end:
                        # the name as it really ends, with the label _resolve_ner reads
                        name = Span(doc, ent.start, end, label=ent.label_)
                        if end < ent.end or self.catalog.is_known_leader(
                            name.text, text=text, date=date
                        ):
                            entity = self._resolve_ner(name, date, text)
                    if end == ent.start:
                        continue
                candidates.append((ent.start, end, 2, self._ner_source(entity), entity))
            elif ent.label_ == "ORG" and _person_like(ent):
                # "Nikki Holland", "Gaspar Maroth" tagged ORG: a person if a title says so
                candidates.append((ent.start, ent.end, 2, "ner-only", None))
            elif ent.label_ == "ORG":
                non_actors.update(range(ent.start, ent.end))
                if self.diplomacy_only and is_corporate([t.lower_ for t in ent]):
                    companies.update(range(ent.start, ent.end))
        return candidates

    def _acronym_candidates(
        self,
        doc: Doc,
        text: str,
        candidates: list[_Candidate],
        non_actors: set[int],
        companies: set[int],
    ) -> list[_Candidate]:
        """Acronyms of organization actors the text names in full ("the Gulf Maritime
        Council ... joined the GMC", `acronyms`), where nothing else reads the word."""
        taken = {i for start, end, *_ in candidates for i in range(start, end)}
        expansions: dict[str, str] | None = None
        found: list[_Candidate] = []
        for token in doc:
            if token.i in taken or token.i in companies or not is_acronym(token.text):
                continue
            if expansions is None:
                expansions = acronym_expansions(text)
            name = expansions.get(token.text)
            if name is None or self.catalog.country(token.text) is not None:
                continue
            name = name[4:] if name.startswith("The ") else name
            org = self.catalog.organization(name)
            if org is not None:
                entity = self.catalog.organization_entity(org)
            elif diplomatic_name(
                name.lower().split(), lambda word: self.catalog.country(word) is not None
            ):
                entity = Entity(f"org:{slug(name)}", name, EntityType.ORGANIZATION)
            else:
                continue
            non_actors.discard(token.i)
            found.append((token.i, token.i + 1, 2, self._ner_source(entity), entity))
        return found

    def _ner_source(self, entity: Entity | None) -> str:
        """``ner`` for a named entity the catalog resolved, ``ner-only`` for one it does not
        know (a person without a dictionary row, an unknown organization): a weak cue of
        `confidence`."""
        if entity is None or (
            entity.type is EntityType.ORGANIZATION
            and self.catalog.organization(entity.name) is None
        ):
            return "ner-only"
        return "ner"

    def _other_people(self, doc: Doc, date: str | None, text: str) -> frozenset[str]:
        """First and last words of the people named in full here whom the dictionary does
        not know ("Spike" and "Lee" of "Spike Lee"): alone, such a word is that person."""
        words: set[str] = set()
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                if not self.catalog.is_known_leader(ent.text, text=text, date=date):
                    words.update((ent[0].lower_, ent[-1].lower_))
        return frozenset(words)

    def _choose(self, candidates: list[_Candidate]) -> list[tuple[int, int, str, Entity | None]]:
        """The candidates that no longer or earlier one overlaps, in document order."""

        def unknown_org(entity: Entity | None) -> bool:
            return (
                entity is not None
                and entity.type is EntityType.ORGANIZATION
                and self.catalog.organization(entity.name) is None
                and not _party_name(entity.name)
            )

        # An unknown ORG span ("Mali, Burkina Faso") never hides the known actors inside it.
        candidates.sort(key=lambda c: (unknown_org(c[4]), -(c[1] - c[0]), c[2], c[0]))
        taken: set[int] = set()
        chosen = []
        for start, end, _, source, entity in candidates:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            chosen.append((start, end, source, entity))
        chosen.sort()
        return chosen

    def _place(
        self,
        doc: Doc,
        chosen: list[tuple[int, int, str, Entity | None]],
        date: str | None,
        text: str,
        actors: ActorMap,
    ) -> ActorMap:
        """Add the chosen mentions to `actors` (empty, knowing the non-actors)."""
        people = []
        for start, end, source, entity in chosen:
            if entity is None or entity.type is EntityType.LEADER:
                people.append((start, end, source, entity))
            else:
                actors.add(ActorMention(start, end, (entity,), source))
        # Leaders last: their titles read the countries and organizations around them.
        for start, end, source, entity in people:
            start = self.titles.trim_title(doc, start, end)
            mention = self.titles.leader_mention(
                doc, doc[start:end], entity, source, date, actors, text=text
            )
            if mention is not None:
                actors.add(mention)
        actors.mentions.sort(key=lambda m: m.start)
        return actors

    def _resolve_catalog(
        self, span: Span, kind: str, date: str | None, ner_labels: dict[int, str], document: str
    ) -> Entity | None:
        text = span.text
        first = text[0]
        if not (first.isupper() or first.isdigit()):
            return None
        if fold(text) in self._strict and not text.replace(".", "").isupper():
            return None
        if kind == "country":
            country = self.catalog.country(text)
            if country is None:
                return None
            alias = self.catalog.countries.lookup_alias(text)
            if alias is not None and alias.kind == "capital":
                labels = {ner_labels.get(i) for i in range(span.start, span.end)}
                if labels & {"PERSON", "ORG"} and "GPE" not in labels and not self._major(country):
                    return None  # "Kingston" the person, not Jamaica
            return self.catalog.country_entity(country)
        if kind == "organization":
            org = self.catalog.organization(text)
            return self.catalog.organization_entity(org) if org else None
        if kind == "initiative":
            ini = self.catalog.initiative(text)
            return self.catalog.initiative_entity(ini) if ini else None
        if kind == "leader":
            if not self.catalog.is_known_leader(text, text=document, date=date):
                return None  # "Lee" of "Spike Lee", where no "Lee Jae-myung" is named
            if len(span) == 1 and ner_labels.get(span.start) not in {
                "PERSON",
                "NORP",
                "ORG",
                "GPE",
            }:
                return None  # a lone surname that spaCy does not see as a name ("May")
            if len(span) == 1 and date:
                office = self.catalog.office(text, date, text=document)
                if office is None or not office.holds_on(date):
                    return None  # a lone surname names only someone in office at the time
            return self.catalog.leader_entity(text, date=date, text=document)
        return None

    def _major(self, country: Country) -> bool:
        """Capitals of populous countries are places even when spaCy calls them people."""
        return country.iso3 in _major_countries()

    def _resolve_ner(self, ent: Span, date: str | None, document: str) -> Entity | None:
        text = strip_article(ent)
        label = ent.label_
        if not text:
            return None
        if label in {"GPE", "NORP", "LOC"}:
            country = self.catalog.country(text)
            if country is None and label == "GPE":
                country = self.catalog.countries.city_country(text)
            return self.catalog.country_entity(country) if country else None
        if label == "PERSON":
            if self.catalog.is_known_leader(text, text=document, date=date):
                return self.catalog.leader_entity(text, date=date, text=document)
            return None
        if label in {"ORG", "FAC", "EVENT", "LAW"}:
            org = self.catalog.organization(text)
            if org:
                return self.catalog.organization_entity(org)
            ini = self.catalog.initiative(text)
            if ini:
                return self.catalog.initiative_entity(ini)
            country = self.catalog.country(text)
            if country:
                return self.catalog.country_entity(country)
            words = text.split()
            owner = self.catalog.country(words[0]) if words else None
            if (
                owner
                and any(w.lower() in GOVERNMENT_WORDS for w in words[1:])
                and not is_corporate([w.lower() for w in words])
            ):  # "the Irish Commerce Ministry", not "the Irish Chambers of Commerce"
                return self.catalog.country_entity(owner)
            if label == "ORG" and self._actor_org(ent):
                return Entity(f"org:{slug(text)}", text, EntityType.ORGANIZATION)
        return None

    def _actor_org(self, ent: Span) -> bool:
        """Whether an organization the catalog does not know is an actor (`actorkinds`)."""
        if not self.diplomacy_only:
            return _looks_like_actor_org(ent)
        return diplomatic_org(ent, lambda word: self.catalog.country(word) is not None)


def _person_like(ent: Span) -> bool:
    """Whether an ORG span reads as a person's name: two or three capitalised words, the
    first a known first name, none a word of organizations ("Nikki Holland", not "Morgan
    Stanley Bank", "Jordan Football Association"). Its titles decide whether it is a
    leader; with none it is nothing, as an unknown ORG was."""
    words = [t for t in ent if not (t.i == ent.start and t.text.lower() == "the")]
    if not 2 <= len(words) <= 3 or len(words) != len(ent):
        return False
    if not all(
        t.text.istitle() and t.text.replace("-", "").replace("'", "").isalpha() for t in words
    ):
        return False
    if words[0].text.lower() in ROLE_WORDS:
        return False  # "King Cross station": a title, not a first name
    lowers = {t.text.lower() for t in words}
    if lowers & (
        NOT_ACTOR_ORG_WORDS
        | DIPLOMATIC_ORG_WORDS
        | NON_DIPLOMATIC_ORG_WORDS
        | INTERNATIONAL_BODY_WORDS
        | ORG_WORDS
    ):
        return False
    return fold(words[0].text) in first_name_genders()


@lru_cache(maxsize=1)
def _major_countries() -> frozenset[str]:
    from countryinfo import all_countries

    codes = set()
    for country in all_countries():
        info = country.info()
        if int(info.get("population") or 0) >= 5_000_000:
            codes.add((info.get("ISO") or {}).get("alpha3", ""))
    return frozenset(codes)


def _unify_leaders(actors: ActorMap) -> None:
    """Give every mention of a leader the best-informed entity seen in the document."""
    best: dict[str, Entity] = {}
    for mention in actors.mentions:
        entity = mention.entities[0]
        if entity.type is not EntityType.LEADER:
            continue
        known = best.get(entity.id)
        if (
            known is None
            or (known.country is None and entity.country)
            or (known.role is None and entity.role)
        ):
            best[entity.id] = Entity(
                entity.id,
                entity.name,
                entity.type,
                country=(known.country if known and known.country else entity.country),
                role=(known.role if known and known.role else entity.role),
            )
    for mention in actors.mentions:
        entity = mention.entities[0]
        if entity.type is EntityType.LEADER and entity.id in best:
            mention.entities = (best[entity.id],)


def _names_another(doc: Doc, candidate: _Candidate, others: frozenset[str]) -> bool:
    """Whether a one-word dictionary leader is rather a word of someone else's name here
    ("Howard" after "Michael Howard"; coreference then links it to him)."""
    start, end, _, _, entity = candidate
    return (
        entity is not None
        and entity.type is EntityType.LEADER
        and end - start == 1
        and doc[start].lower_ in others
    )


def _party_name(name: str) -> bool:
    """Whether an organization's name is a party's ("British National Party"): a party
    named with a demonym is the party, so it hides the country inside its name."""
    words = name.lower().split()
    return len(words) > 1 and words[-1] in ("party", "parties") and "," not in name


def _clean_name(span: Span) -> str:
    return strip_article(span) or span.text


def _looks_like_actor_org(ent: Span) -> bool:
    """An unknown ORG that could act in diplomacy (a group, a body), not a newspaper or firm."""
    words = {t.lower_ for t in ent}
    if words & NOT_ACTOR_ORG_WORDS:
        return False
    if not any(
        t.pos_ == "PROPN" and t.lower_ not in ROLE_WORDS and t.lower_ not in GOVERNMENT_WORDS
        for t in ent
    ):
        return False  # "Defence" in "Defence Minister" is no organization
    return any(t.is_alpha for t in ent) and len(ent) <= 8


def _person_end(doc: Doc, ent: Span) -> int:
    """Where a PERSON name really ends: spaCy often stops a long name early ("Hassan
    Sheikh" Mohamud), or at a particle ("Hans van den" Broek), and a possessive ends it
    ("Chancellor Gerhard Schroeder's Social Democrat-Green administration")."""
    for token in ent:
        if token.tag_ == "POS":
            return token.i  # "Gordon Brown's Budget": the person is Gordon Brown, the rest owned
    end = ent.end
    while end < len(doc):
        if doc[end].tag_ == "POS":
            break
        if doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ in ("", "PERSON"):
            end += 1
            continue
        rest = end
        while rest < len(doc) and doc[rest].lower_ in NAME_PARTICLES:
            rest += 1
        if rest == end or rest >= len(doc) or not doc[rest].is_title:
            break
        end = rest + 1
    return end
