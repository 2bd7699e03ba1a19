"""Find the actors a parsed document names, and resolve each to one canonical entity.

Mentions come from three sources, longest first where they overlap: the catalog of known
names (a spaCy `PhraseMatcher` over countries, organizations, initiatives and the actor
dictionary), named-initiative patterns ("Three Seas Initiative", "G7 summit"), and spaCy's
named entities. Leaders get their title and country from the text ("Chinese Foreign
Minister Wang Yi", "Wang Yi, China's foreign minister") or from the actor dictionary.
Document-level coreference then links surnames, pronouns, "the bloc" and "the two leaders"
to the actors they stand for.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..model import Entity, EntityType
from ..resolve.catalog import Catalog
from ..resolve.text import fold, slug
from .vocabulary import (
    CONNECTORS,
    COUNTERPARTS,
    EVENT_NOUNS,
    FORMER_WORDS,
    GOVERNMENT_WORDS,
    GROUP_NOUNS,
    HYPOTHETICAL_AUX,
    INITIATIVE_HEADS,
    LOWERCASE_HEADS,
    NAME_PARTICLES,
    NOT_ACTOR_ORG_WORDS,
    NUMBER_WORDS,
    OWNED_HEADS,
    PLACED_EVENTS,
    PLAN_AUTHOR_VERBS,
    PLURAL_PEOPLE,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    ROLE_NOUNS,
    SPONSOR_PARTICIPLES,
    STATE_NOUNS,
    SUCCESSION_VERBS,
    TITLE_WORDS,
)


@dataclass(frozen=True)
class Role:
    phrase: tuple[str, ...]
    name: str


@lru_cache(maxsize=1)
def load_roles() -> tuple[Role, ...]:
    text = resources.files("graphbuild.data").joinpath("roles.csv").read_text("utf-8")
    roles = [
        Role(tuple(row["phrase"].lower().split()), row["role"])
        for row in csv.DictReader(text.splitlines())
    ]
    return tuple(sorted(roles, key=lambda r: -len(r.phrase)))


ROLE_WORDS = frozenset(word for role in load_roles() for word in role.phrase) | TITLE_WORDS
"""Every word a leader's title may be made of ("foreign", "minister", "deputy", "Mr")."""


@dataclass
class ActorMention:
    """A span of the document that names or refers to one or more actors."""

    start: int
    """Index of the first token."""
    end: int
    """Index just past the last token."""
    entities: tuple[Entity, ...]
    """What it refers to: one actor, or several for "the two leaders"."""
    source: str
    """`catalog`, `pattern`, `ner`, `coref`, `title`."""
    role: str | None = None
    """For leaders: the office the text gives."""
    owner: Entity | None = None
    """For leaders: the country or organization the office belongs to."""
    sponsors: tuple[Entity, ...] = ()
    """For an owned initiative ("China's peace plan"): the actors whose it is."""
    title_rule: str | None = None
    """How the title was found: `title-prefix`, `title-appos`, `title-dictionary`."""


@dataclass
class ActorMap:
    """The actors of one document, indexed by token."""

    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)

    def add(self, mention: ActorMention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def at(self, token: Token) -> ActorMention | None:
        return self.by_token.get(token.i)


class ActorFinder:
    """Finds and resolves actor mentions in parsed documents; build once per pipeline."""

    def __init__(self, nlp: Language, catalog: Catalog):
        self.catalog = catalog
        self.roles = load_roles()
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

    # -- finding ----------------------------------------------------------------------
    def find(self, doc: Doc, *, date: str | None = None) -> ActorMap:
        """All actor mentions of `doc`, titles attached and coreference resolved."""
        candidates: list[tuple[int, int, int, str, Entity | None]] = []
        ner_labels = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ner_labels[i] = ent.label_
        for match_id, start, end in self.matcher(doc):
            kind = doc.vocab.strings[match_id]
            span = doc[start:end]
            entity = self._resolve_catalog(span, kind, date, ner_labels)
            if entity is not None:
                candidates.append((start, end, 0, "catalog", entity))
        for start, end in self._initiative_spans(doc):
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
        for ent in doc.ents:
            entity = self._resolve_ner(ent, date)
            if entity is not None or ent.label_ == "PERSON":
                end = ent.end
                if ent.label_ == "PERSON":
                    # spaCy often stops a long name early ("Hassan Sheikh" Mohamud), or
                    # at a particle ("Hans van den" Broek)
                    while end < len(doc):
                        if (
                            doc[end].pos_ == "PROPN"
                            and doc[end].is_title
                            and doc[end].ent_type_ in ("", "PERSON")
                        ):
                            end += 1
                            continue
                        rest = end
                        while rest < len(doc) and doc[rest].lower_ in NAME_PARTICLES:
                            rest += 1
                        if rest == end or rest >= len(doc) or not doc[rest].is_title:
                            break
                        end = rest + 1
                    if end != ent.end:
                        entity = (
                            self._resolve_ner(doc[ent.start : end], date)
                            if self.catalog.is_known_leader(doc[ent.start : end].text)
                            else entity
                        )
                candidates.append((ent.start, end, 2, "ner", entity))

        def unknown_org(entity: Entity | None) -> bool:
            return (
                entity is not None
                and entity.type is EntityType.ORGANIZATION
                and self.catalog.organization(entity.name) is None
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
        actors = ActorMap()
        people = []
        for start, end, source, entity in chosen:
            if entity is None or entity.type is EntityType.LEADER:
                people.append((start, end, source, entity))
            else:
                actors.add(ActorMention(start, end, (entity,), source))
        # Leaders last: their titles read the countries and organizations around them.
        for start, end, source, entity in people:
            start = self._trim_title(doc, start, end)
            mention = self._leader_mention(doc, doc[start:end], entity, source, date, actors)
            if mention is not None:
                actors.add(mention)
        actors.mentions.sort(key=lambda m: m.start)
        _unify_leaders(actors)
        self._placed_events(doc, actors)
        self._coreference(doc, actors)
        self._owned_initiatives(doc, actors)
        return actors

    def _placed_events(self, doc: Doc, actors: ActorMap) -> None:
        """An unnamed summit with its place ("a summit in Astana") becomes the initiative
        "Astana summit", so that "the summit" and "who hosted it" can refer to it."""
        for token in _free_nouns(doc, PLACED_EVENTS, actors):
            if (
                token.i + 2 >= len(doc)
                or any(
                    c.dep_ in ("compound", "nmod", "amod") and c.i in actors.by_token
                    for c in token.children
                )  # "the Three Seas Initiative summit in Vilnius" is that initiative's
                or any(c.lower_ in ("press", "news") for c in token.children)
            ):
                continue
            place = next(
                (
                    pobj
                    for prep in token.children
                    if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i == token.i + 1
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    and pobj.pos_ == "PROPN"
                    and (pobj.i in actors.by_token or pobj.ent_type_ in ("GPE", "LOC"))
                ),
                None,
            )
            if place is None:
                continue
            words = [t for t in doc[place.left_edge.i : place.i + 1] if t.dep_ != "det"]
            name = " ".join(t.text for t in words) + f" {token.lower_}"
            entity = Entity(f"initiative:{slug(name)}", name, EntityType.INITIATIVE)
            # the event's mention is its noun: the place stays the place's own mention
            actors.add(ActorMention(token.i, token.i + 1, (entity,), "placed"))
        actors.mentions.sort(key=lambda m: m.start)

    def _owned_initiatives(self, doc: Doc, actors: ActorMap) -> None:
        """Unnamed plans with an owner ("its own peace plan", "Morocco's autonomy plan", "a
        plan put forward by China and Brazil") become initiatives sponsored by the owner."""
        for token in _free_nouns(doc, OWNED_HEADS, actors):
            if _is_intention(token) or _describes_named(token, actors):
                continue
            sponsors = _plan_owners(token, actors)
            owners = sponsors or _plan_backers(token, actors)
            if not owners:
                continue
            start = token.i
            while start > token.sent.start and _plan_word(doc[start - 1], token, actors):
                start -= 1
            if not any(t.lower_ != "own" for t in doc[start : token.i]):
                # a bare "India's proposal" is India's act, not an initiative of its own:
                # the plan has a name only with words saying what it is ("peace plan")
                continue
            words = " ".join(t.text for t in doc[start : token.i + 1] if t.lower_ != "own")
            words = words.replace(" - ", "-")
            names = " and ".join(owner.name for owner in owners)
            name = f"{names}' {words}" if names.endswith("s") else f"{names}'s {words}"
            entity = Entity(f"initiative:{slug(name)}", name, EntityType.INITIATIVE)
            actors.add(ActorMention(start, token.i + 1, (entity,), "owned", sponsors=sponsors))
        actors.mentions.sort(key=lambda m: m.start)

    def _resolve_catalog(
        self, span: Span, kind: str, date: str | None, ner_labels: dict[int, str]
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
            if len(span) == 1 and ner_labels.get(span.start) not in {
                "PERSON",
                "NORP",
                "ORG",
                "GPE",
            }:
                return None  # a lone surname that spaCy does not see as a name ("May")
            if len(span) == 1 and date:
                office = self.catalog.office(text, date)
                if office is None or not office.holds_on(date):
                    return None  # a lone surname names only someone in office at the time
            return self.catalog.leader_entity(text, date=date)
        return None

    def _major(self, country) -> bool:
        """Capitals of populous countries are places even when spaCy calls them people."""
        return country.iso3 in _major_countries()

    def _resolve_ner(self, ent: Span, date: str | None) -> Entity | None:
        text = _strip_article(ent)
        label = ent.label_
        if not text:
            return None
        if label in {"GPE", "NORP", "LOC"}:
            country = self.catalog.country(text)
            if country is None and label == "GPE":
                country = self.catalog.countries.city_country(text)
            return self.catalog.country_entity(country) if country else None
        if label == "PERSON":
            if self.catalog.is_known_leader(text):
                return self.catalog.leader_entity(text, date=date)
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
            if owner and any(w.lower() in GOVERNMENT_WORDS for w in words[1:]):
                return self.catalog.country_entity(owner)
            if label == "ORG" and _looks_like_actor_org(ent):
                return Entity(f"org:{slug(text)}", text, EntityType.ORGANIZATION)
        return None

    def _initiative_spans(self, doc: Doc) -> list[tuple[int, int]]:
        spans = []
        for token in tokens_among(doc, INITIATIVE_HEADS):
            lower = token.lower_
            titled = token.is_title or token.is_upper
            if not titled and lower not in LOWERCASE_HEADS:
                continue
            start = token.i
            sent_start = token.sent.start
            while start > sent_start:
                prev = doc[start - 1]
                if (
                    prev.is_title
                    or prev.is_upper
                    or prev.text[:1].isdigit()
                    or (prev.text[:1].isupper() and prev.is_alpha)
                ):
                    start -= 1
                elif (
                    prev.lower_ in CONNECTORS
                    and start - 2 >= sent_start
                    and (doc[start - 2].is_title or doc[start - 2].is_upper)
                    and prev.lower_ != "the"
                ):
                    start -= 1
                else:
                    break
            while start < token.i and doc[start].lower_ in CONNECTORS:
                start += 1
            end = token.i + 1
            if titled and end + 1 < len(doc) and doc[end].lower_ in {"on", "for", "of"}:
                probe = end + 1
                while probe < len(doc) and (
                    doc[probe].is_title
                    or (
                        doc[probe].lower_ in {"in", "and"}
                        and probe + 1 < len(doc)
                        and doc[probe + 1].is_title
                    )
                ):
                    probe += 1
                if probe > end + 1 and doc[probe - 1].is_title:
                    end = probe
            if start == token.i and end == token.i + 1:
                continue  # a bare "Summit" names nothing
            if (
                not titled
                and end == token.i + 1
                and start < token.i
                and (doc[token.i - 1].lower_ in INITIATIVE_HEADS and doc[token.i - 1].is_title)
            ):
                end = token.i  # "the Three Seas Initiative summit" names the initiative
            if not titled and (
                start == token.i or not (doc[token.i - 1].is_upper or doc[token.i - 1].is_title)
            ):
                continue
            if (
                not titled
                and doc[start].i == sent_start
                and doc[start].is_title
                and start + 1 == token.i
            ):
                # "Peace plan" at a sentence start: capital by position only
                if not doc[start].is_upper and doc[start].ent_type_ == "":
                    continue
            spans.append((start, end))
        return spans

    # -- leaders and titles -------------------------------------------------------------
    def _trim_title(self, doc: Doc, start: int, end: int) -> int:
        """ "King Mohammed VI" tagged whole as PERSON: the name starts after the title."""
        while start < end - 1 and doc[start].lower_ in ROLE_WORDS:
            start += 1
        return start

    def _leader_mention(
        self,
        doc: Doc,
        span: Span,
        entity: Entity | None,
        source: str,
        date: str | None,
        actors: ActorMap,
    ) -> ActorMention | None:
        name = _strip_article(span)
        role, owner, rule = self._title(doc, span, actors, date)
        if entity is None and role is None:
            if not self.catalog.is_known_leader(name):
                return None
        if role == "Counterpart":
            previous = next(
                (
                    m
                    for m in reversed(actors.mentions)
                    if m.entities[0].type is EntityType.LEADER and m.role
                ),
                None,
            )
            role = previous.role if previous else None
            if role is None and owner is None:
                return None
        office = self.catalog.office(name, date)
        if owner is None and office is not None and role is not None:
            owner = self.catalog.owner_entity(office.country)
            rule = "title-dictionary"
        leader = self.catalog.leader_entity(name, date=date, owner=owner, role=role)
        return ActorMention(
            span.start,
            span.end,
            (leader,),
            source,
            role=role or leader.role,
            owner=owner,
            title_rule=rule if role else None,
        )

    def _title(
        self, doc: Doc, span: Span, actors: ActorMap, date: str | None
    ) -> tuple[str | None, Entity | None, str | None]:
        # Prefix: "Chinese Foreign Minister", "US Secretary of State", "NATO Secretary General"
        words: list[str] = []
        owner: Entity | None = None
        i = span.start - 1
        sent_start = span.sent.start
        while i >= sent_start and span.start - i <= 7:
            token = doc[i]
            mention = actors.at(token)
            if mention is not None and mention.entities[0].type in (
                EntityType.COUNTRY,
                EntityType.ORGANIZATION,
            ):
                owner = owner or mention.entities[0]
                i = mention.start - 1
                continue
            lower = token.lower_
            if lower in ROLE_WORDS or (lower in {"of", "-", "for"} and words):
                words.insert(0, lower)
                i -= 1
                continue
            if token.tag_ == "POS" or lower in {"'s", "’s"}:
                i -= 1
                continue
            break
        role = self._role(words)
        if role and FORMER_WORDS.intersection(words):
            return None, None, None  # a former office is no current official_of
        prefix_role = role
        if role:
            if owner is None:
                owner = self._owner_after(doc, span, actors)
            if owner is not None:
                return role, owner, "title-prefix"
        # Apposition: "Wang Yi, China's foreign minister" / "the Serbian president, Vucic"
        root = span.root
        candidates = []
        if root.dep_ == "appos":
            candidates.append(root.head)
        candidates += [child for child in root.children if child.dep_ == "appos"]
        for noun in candidates:
            if noun.i in range(span.start, span.end):
                continue
            phrase = [t for t in noun.subtree if not (span.start <= t.i < span.end)]
            if noun is root.head:
                phrase = [t for t in noun.lefts] + [noun]
            role = self._role([t.lower_ for t in phrase if actors.at(t) is None])
            if role:
                owner = None
                for t in phrase:
                    mention = actors.at(t)
                    if mention is not None and mention.entities[0].type in (
                        EntityType.COUNTRY,
                        EntityType.ORGANIZATION,
                    ):
                        owner = mention.entities[0]
                        break
                if owner is None:
                    owner = self._owner_after(doc, noun, actors)
                return role, owner, "title-appos"
        if prefix_role:
            return prefix_role, None, "title-prefix"
        return self._title_as(span, actors)

    def _title_as(
        self, span: Span, actors: ActorMap
    ) -> tuple[str | None, Entity | None, str | None]:
        """ "X was sworn in as Chile's president", "X made Kyiv his first trip as NATO
        Secretary General": the office of the clause's subject, after "as"."""
        root = span.root
        verb = root.head
        if (
            root.dep_ not in ("nsubj", "nsubjpass")
            or verb.pos_ not in ("VERB", "AUX")
            or verb.lemma_.lower() in SUCCESSION_VERBS
            or verb.dep_ == "xcomp"  # "likely to succeed him as leader"
            or any(  # "will serve as", "to serve as"
                c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX | {"to"} for c in verb.children
            )
        ):
            return None, None, None
        # the "as" of the subject's own clause: on the verb or on its object
        holders = [
            verb,
            *(
                c
                for c in verb.children
                if c.dep_ in ("dobj", "attr", "oprd") or (c.dep_ == "ccomp" and c.pos_ == "NOUN")
            ),
        ]  # "made Kyiv his first trip as ...": "trip" a nominal complement
        for token in (c for holder in holders for c in holder.children):
            if token.lower_ != "as" or token.dep_ != "prep" or token.i < span.end:
                continue
            for pobj in token.children:
                if pobj.dep_ != "pobj":
                    continue
                phrase = list(pobj.subtree)
                words = [t.lower_ for t in phrase if actors.at(t) is None]
                role = self._role(words)
                if role is None or FORMER_WORDS.intersection(words):
                    continue
                owner = next(
                    (
                        m.entities[0]
                        for t in phrase
                        if (m := actors.at(t)) is not None
                        and m.entities[0].type in (EntityType.COUNTRY, EntityType.ORGANIZATION)
                    ),
                    None,
                )
                return role, owner or self._owner_after(span.doc, pobj, actors), "title-as"
        return None, None, None

    def _owner_after(self, doc: Doc, token_or_span, actors: ActorMap) -> Entity | None:
        """ "King Hassan of Morocco", "the president of Armenia": the owner after "of"."""
        root = token_or_span.root if isinstance(token_or_span, Span) else token_or_span
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    mention = actors.at(pobj)
                    if mention and mention.entities[0].type in (
                        EntityType.COUNTRY,
                        EntityType.ORGANIZATION,
                    ):
                        return mention.entities[0]
        return None

    def _role(self, words: list[str]) -> str | None:
        words = [w for w in words if w not in {"-"}]
        for role in self.roles:
            n = len(role.phrase)
            for k in range(len(words) - n + 1):
                if tuple(words[k : k + n]) == role.phrase:
                    return role.name
        return None

    # -- coreference ----------------------------------------------------------------------
    def _coreference(self, doc: Doc, actors: ActorMap) -> None:
        surnames: dict[str, Entity] = {}
        for mention in actors.mentions:
            entity = mention.entities[0]
            if entity.type is EntityType.LEADER:
                parts = entity.name.split()
                if len(parts) > 1:
                    surnames.setdefault(parts[-1].lower(), entity)
                    surnames.setdefault(parts[0].lower(), entity)  # "Xi", "Han"
        history: list[ActorMention] = sorted(actors.mentions, key=lambda m: m.start)
        added: list[ActorMention] = []
        # Mentions ending before the current token, in document order, grown incrementally
        # (a full rescan per token made coreference the slowest part of extraction).
        previous: list[ActorMention] = []
        next_history = next_added = 0
        generic_words = {phrase.split()[-1] for phrase in self.catalog.generic_phrases()}
        cue_words = (
            PRONOUNS_PERSON
            | PRONOUNS_THING
            | ROLE_NOUNS
            | generic_words
            | EVENT_NOUNS
            | set(GROUP_NOUNS)
            | set(surnames)
            | PRONOUNS_GROUP
            | STATE_NOUNS
            | COUNTERPARTS
        )
        for token in tokens_among(doc, cue_words):
            batch = []
            while next_history < len(history) and history[next_history].end <= token.i:
                batch.append(history[next_history])
                next_history += 1
            while next_added < len(added) and added[next_added].end <= token.i:
                batch.append(added[next_added])
                next_added += 1
            if batch:
                previous.extend(sorted(batch, key=lambda m: m.start))
            if token.i in actors.by_token:
                continue
            lower = token.lower_
            if token.text[:1].isupper() and lower in surnames and token.pos_ == "PROPN":
                added.append(ActorMention(token.i, token.i + 1, (surnames[lower],), "coref"))
                continue
            if lower in PRONOUNS_PERSON and token.pos_ == "PRON":
                leader = _latest_subject_leader(doc, token, previous) or _latest(
                    previous, {EntityType.LEADER}
                )
                if leader is not None:
                    added.append(ActorMention(token.i, token.i + 1, (leader,), "coref"))
                continue
            if lower in PRONOUNS_GROUP and token.pos_ == "PRON":
                group = _latest_group(doc, previous, actors)
                if group:
                    added.append(ActorMention(token.i, token.i + 1, tuple(group), "coref"))
                continue
            if lower == "it" and token.dep_ not in ("nsubj", "nsubjpass"):
                continue  # an object "it" is mostly a thing ("praised it as historic")
            if lower in PRONOUNS_THING and token.pos_ == "PRON":
                thing = _clause_subject(doc, token, previous) or _latest(
                    previous, {EntityType.COUNTRY, EntityType.ORGANIZATION}
                )
                if thing is not None:
                    added.append(ActorMention(token.i, token.i + 1, (thing,), "coref"))
                continue
            if lower in STATE_NOUNS and token.pos_ == "NOUN":
                owner_words = {c.lower_ for c in token.children if c.dep_ == "poss"}
                leader = None
                if owner_words & {"his", "her"}:
                    leader = _latest(previous, {EntityType.LEADER})
                elif "whose" in owner_words:
                    relcl = token.head
                    while relcl.dep_ != "relcl" and relcl.head.i != relcl.i:
                        relcl = relcl.head
                    named = actors.by_token.get(relcl.head.i) if relcl.dep_ == "relcl" else None
                    leader = named.entities[0] if named else None
                if leader is not None and leader.type is EntityType.LEADER and leader.country:
                    country = self.catalog.country(leader.country)
                    if country is not None:
                        added.append(
                            ActorMention(
                                token.i,
                                token.i + 1,
                                (self.catalog.country_entity(country),),
                                "coref",
                            )
                        )
                        continue
                if owner_words & {"the"} or any(c.lower_ == "the" for c in token.children):
                    country_entity = _latest(previous, {EntityType.COUNTRY})
                    if country_entity is not None and lower == "country":
                        added.append(
                            ActorMention(token.i, token.i + 1, (country_entity,), "coref")
                        )
                        continue
            if token.pos_ in ("NOUN", "PROPN") and lower in ROLE_NOUNS and _bare_definite(token):
                # "the king thanked Macron": the latest leader holding that office
                leader = next(
                    (
                        m.entities[0]
                        for m in reversed(previous)
                        if m.entities[0].type is EntityType.LEADER
                        and lower in (m.entities[0].role or "").lower()
                    ),
                    None,
                )
                if leader is not None:
                    added.append(ActorMention(token.i, token.i + 1, (leader,), "coref"))
                    continue
            if lower in EVENT_NOUNS and token.pos_ == "NOUN" and _bare_definite(token):
                # "Trump, who was attending the summit": the summit named before
                event = next(
                    (
                        m.entities[0]
                        for m in reversed(previous)
                        if m.entities[0].type is EntityType.INITIATIVE
                        and any(w in m.entities[0].name.lower() for w in EVENT_NOUNS)
                    ),
                    None,
                )
                if event is not None:
                    added.append(ActorMention(token.i, token.i + 1, (event,), "coref"))
                continue
            if token.pos_ == "NOUN" and _has_definite(token):
                phrase = f"the {lower}"
                orgs = self.catalog.generic_organizations(phrase)
                if orgs:
                    keys = {f"org:{o.key}" for o in orgs}
                    for m in reversed(previous):
                        if m.entities[0].id in keys:
                            added.append(
                                ActorMention(token.i, token.i + 1, (m.entities[0],), "coref")
                            )
                            break
                    continue
                if lower in GROUP_NOUNS and _counts_two(token):
                    wanted = GROUP_NOUNS[lower]
                    types = (
                        {wanted}
                        if wanted
                        else {EntityType.COUNTRY, EntityType.LEADER, EntityType.ORGANIZATION}
                    )
                    size = _group_size(token)
                    listed: list[Entity] = []
                    own = {
                        e
                        for c in token.head.children
                        if c.dep_ in ("nsubj",) and c.i != token.i
                        for m in [actors.by_token.get(c.i)]
                        if m
                        for e in m.entities
                    }
                    for m in reversed(previous):
                        entity = m.entities[0]
                        if entity in own:
                            continue  # "Erdogan praised both leaders": not himself
                        if entity.type in types and entity not in listed and len(m.entities) == 1:
                            listed.append(entity)
                        if len(listed) == size:
                            break
                    if len(listed) == size:
                        added.append(
                            ActorMention(token.i, token.i + 1, tuple(reversed(listed)), "coref")
                        )
                    continue
            if lower in COUNTERPARTS:
                if any(c.i > token.i and c.i in actors.by_token for c in token.children):
                    continue  # "his Italian counterpart Giorgia Meloni": the name says who
                for child in token.children:
                    named = actors.at(child)
                    if named and named.entities[0].type is EntityType.COUNTRY:
                        owner_country = named.entities[0]
                        leader = next(
                            (
                                m.entities[0]
                                for m in previous
                                if m.entities[0].type is EntityType.LEADER
                                and m.entities[0].country == owner_country.name
                            ),
                            None,
                        )
                        added.append(
                            ActorMention(token.i, token.i + 1, (leader or owner_country,), "coref")
                        )
                        break
        for mention in added:
            actors.add(mention)


def hyphen_owner(token: Token, actors: ActorMap) -> ActorMention | None:
    """The mention of X when `token` is the participle of "X-led", "X-backed", ..."""
    if _is_hyphen_participle(token) and token.i >= 2:
        return actors.by_token.get(token.i - 2)
    return None


def _is_hyphen_participle(token: Token) -> bool:
    return token.lower_ in SPONSOR_PARTICIPLES and token.i > 0 and token.nbor(-1).text == "-"


def tokens_among(doc: Doc, words: Collection[str]) -> Iterator[Token]:
    """The tokens of `doc` whose lower case is one of `words`, in order.

    Reads the words as an array: making a `Token` for every word of a document, only to
    look at its text, was a good part of extraction's time.
    """
    strings = doc.vocab.strings
    wanted = numpy.array([strings[word] for word in words], dtype="uint64")
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), wanted)).tolist():
        yield doc[i]


def _free_nouns(doc: Doc, words: frozenset[str], actors: ActorMap) -> Iterator[Token]:
    """The common nouns among `words` that no actor mention covers yet."""
    for token in tokens_among(doc, words):
        if token.pos_ == "NOUN" and token.i not in actors.by_token:
            yield token


def _is_intention(noun: Token) -> bool:
    """ "its plan to join NATO", "plans for new talks": an intention, not an initiative."""
    if noun.tag_ == "NNS":
        return True
    return any(
        c.dep_ in ("acl", "relcl", "xcomp") and any(g.dep_ == "aux" for g in c.children)
        for c in noun.children
    )


def _describes_named(noun: Token, actors: ActorMap) -> bool:
    """ "the Artemis Accords, the US-led framework": a named initiative described again."""
    named = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos":
        named.append(noun.head)
    return any(
        (m := actors.by_token.get(t.i)) is not None and m.entities[0].type is EntityType.INITIATIVE
        for t in named
    )


def _plan_owners(noun: Token, actors: ActorMap) -> tuple[Entity, ...]:
    owners: list[Entity] = []

    def add(token: Token) -> None:
        for item in (token, *token.conjuncts):
            mention = actors.by_token.get(item.i)
            if mention is None:
                continue
            for entity in mention.entities:
                if entity.type is not EntityType.INITIATIVE and entity not in owners:
                    owners.append(entity)

    # "a Chilean ceasefire proposal" may hang "Chilean" on "ceasefire"
    modifiers = [g for c in noun.children if c.dep_ == "compound" for g in c.children]
    for child in [*noun.children, *modifiers]:
        if child.dep_ == "poss" or (child.dep_ == "amod" and child.i in actors.by_token):
            add(child)  # "China's", "its", "a Senegalese peace plan"
        elif child.dep_ == "acl" and child.lemma_.lower() in PLAN_AUTHOR_VERBS:
            for agent in child.children:  # "put forward by China and Brazil"
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            add(pobj)
    return tuple(owners)


def _plan_backers(noun: Token, actors: ActorMap) -> tuple[Entity, ...]:
    """ "a US-backed ceasefire proposal": the backers name the plan (the relation rules
    give them their own label: "backed" is support, "led" sponsors)."""
    backers: list[Entity] = []
    for token in noun.doc[max(noun.sent.start, noun.i - 4) : noun.i]:
        mention = hyphen_owner(token, actors)
        if mention is not None:
            backers += [e for e in mention.entities if e.type is not EntityType.INITIATIVE]
    return tuple(backers)


def _plan_word(token: Token, noun: Token, actors: ActorMap) -> bool:
    """Whether `token`, left of the plan noun, belongs to the plan's own name."""
    if token.i in actors.by_token or token.dep_ in ("det", "poss", "case", "punct"):
        return token.text == "-" and token.i - 1 not in actors.by_token and token.i > 0
    if _is_hyphen_participle(token):
        return False  # "a US-backed ceasefire proposal": the backer is no part of the name
    if token.pos_ == "ADJ" and token.dep_ == "amod" and "-" not in token.text:
        return token.lower_ == "own"
    return token in noun.subtree and token.dep_ in (
        "compound",
        "nmod",
        "nummod",
        "amod",
        "npadvmod",
    )


@lru_cache(maxsize=1)
def _major_countries() -> frozenset[str]:
    from countryinfo import all_countries

    codes = set()
    for country in all_countries():
        info = country.info()
        if int(info.get("population") or 0) >= 5_000_000:
            codes.add((info.get("ISO") or {}).get("alpha3", ""))
    return frozenset(codes)


def _clause_subject(doc: Doc, token: Token, previous: list[ActorMention]) -> Entity | None:
    """ "Algeria ... responded by withdrawing its ambassador": "its" is the subject's."""
    sent = token.sent
    for mention in reversed(previous):
        if mention.start < sent.start:
            break
        root = doc[mention.start : mention.end].root
        entity = mention.entities[0]
        if (
            root.dep_ in ("nsubj", "nsubjpass")
            and len(mention.entities) == 1
            and entity.type in (EntityType.COUNTRY, EntityType.ORGANIZATION)
        ):
            return entity
    return None


def _latest_subject_leader(doc: Doc, token: Token, previous: list[ActorMention]) -> Entity | None:
    """ "Putin met Tokayev. He praised ...": the previous sentence's subject, not its object."""
    for mention in reversed(previous):
        entity = mention.entities[0]
        if len(mention.entities) != 1 or entity.type is not EntityType.LEADER:
            continue
        if mention.start >= token.sent.start:
            return entity  # a leader earlier in the same sentence comes first
        if doc[mention.start : mention.end].root.dep_ in ("nsubj", "nsubjpass"):
            return entity
        return None  # the latest leader is no subject: fall back to recency
    return None


def _latest(previous: list[ActorMention], types: set[EntityType]) -> Entity | None:
    for mention in reversed(previous):
        if len(mention.entities) == 1 and mention.entities[0].type in types:
            return mention.entities[0]
    return None


def _bare_definite(token: Token) -> bool:
    """ "the king", "the summit": definite, with no owner or modifier saying which one
    ("the president of Armenia" is not bare)."""
    return any(c.lower_ == "the" for c in token.children) and not any(
        c.dep_ in ("poss", "amod", "compound")
        or (
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        )
        for c in token.children
    )


def _has_definite(token: Token) -> bool:
    return any(
        child.lower_ in {"the", *NUMBER_WORDS} for child in token.children if child.i < token.i
    )


def _counts_two(token: Token) -> bool:
    return _group_size(token) > 0


def _group_size(token: Token) -> int:
    for child in token.children:
        if child.i < token.i and child.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[child.lower_]
    return 0


def _latest_group(doc: Doc, previous: list[ActorMention], actors: ActorMap) -> list[Entity]:
    """The latest coordinated actors ("Mali, Burkina Faso and Niger"), group mention, or
    people of one actor ("Palestinian leaders said they ...")."""
    for mention in reversed(previous):
        if len(mention.entities) > 1:
            return list(mention.entities)
        root = doc[mention.start : mention.end].root
        head = root.head
        if (
            root.dep_ in ("amod", "compound", "nmod")
            and head.tag_ == "NNS"
            and head.lower_ in PLURAL_PEOPLE
        ):
            return [mention.entities[0]]
        if root.dep_ == "conj":
            continue  # reach the first conjunct, which carries the list
        members = [mention.entities[0]]
        if root.dep_ == "appos":
            # "Mali, Burkina Faso and Niger" parsed with "Burkina Faso" as an apposition
            listed = actors.by_token.get(root.head.i)
            if listed is not None and listed.entities[0].type is mention.entities[0].type:
                members.insert(0, listed.entities[0])
        for conj in root.conjuncts:
            other = actors.by_token.get(conj.i)
            if other is not None and other.entities[0] not in members:
                members.append(other.entities[0])
        if len(members) >= 2:
            return members
    return []


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


def _strip_article(span: Span) -> str:
    doc, start, end = span.doc, span.start, span.end
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end].text if start < end else ""


def _clean_name(span: Span) -> str:
    return _strip_article(span) or span.text


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
